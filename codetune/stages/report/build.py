"""Build `report.html` from a run folder: one self-contained page, no network.

Everything the page shows is read from the run folder (manifest, summary, metrics logs, stats,
eval results and generations, deploy results), so `build_report` can rebuild it anywhere from the
folder alone. Each section reads the keys it knows and skips what is missing: a stage that has
not run yields a short "not run" note, a file with other keys than expected yields a generic
table of its numbers, never a crash. The page opens with the quality gates' ship / don't-ship
banner and the headline cards (headline.py); the learning-rate and grad-norm curves are in
curves.py, the per-kind preference table in preference.py, the shared building blocks (escaping,
tables, figures) in parts.py.

Plots are drawn with matplotlib (no pyplot state) into SVG, embedded as `data:` URIs in `<img>`
tags: text in the SVG is drawn as paths and images cannot run scripts, and the page's
Content-Security-Policy allows only `data:` images and the one inline script (by its hash).
All text from the run, generations especially (untrusted model output), is HTML-escaped.
The output is deterministic: the same run folder gives the same bytes wherever it lies.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from string import Template
from typing import Any

from codetune.core.errors import UserError
from codetune.core.io import write_text
from codetune.stages.report.curves import loss_terms, optimiser_figure
from codetune.stages.report.headline import gates_banner, headline_cards
from codetune.stages.report.parts import (
    Cell,
    as_dict,
    bar_figure,
    better_direction,
    ci_text,
    ci_verdict,
    code_block,
    cwe_number,
    delta_cell,
    direction,
    esc,
    flatten_numbers,
    fmt,
    fmt_int,
    fmt_seconds,
    fmt_signed,
    generic_table,
    is_number,
    is_timing,
    key_value_table,
    line_figure,
    model_columns,
    not_run,
    numeric_items,
    ordered_models,
    panels_figure,
    points,
    table,
)
from codetune.stages.report.preference import preference_kind_table

TRAINING_STAGES = ("sft", "dpo", "mixed")
MAX_GENERATION_EXAMPLES = 4

# Waits for the page's images, then records on <html> how many decoded and which did not, so
# a headless browser can check the plots from the DOM it dumps.
PAGE_SCRIPT = """
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  var broken = images.filter(function (img) { return !(img.complete && img.naturalWidth > 0); });
  var root = document.documentElement;
  root.setAttribute("data-images", String(images.length));
  root.setAttribute("data-images-decoded", String(images.length - broken.length));
  root.setAttribute("data-images-broken", broken.map(function (img) { return img.alt; }).join("|"));
});
"""


# ------------------------------------------------------------------------------------ loading


@dataclass
class RunArtifacts:
    """What the report reads from a run folder; None where the file is absent."""

    name: str
    config_text: str | None = None
    config: dict[str, Any] = field(default_factory=dict)  # config.yaml parsed; {} if unreadable
    manifest: dict[str, Any] = field(default_factory=dict)
    summary: dict[str, Any] = field(default_factory=dict)
    training_logs: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    data_stats: Any = None
    pairs_stats: Any = None
    eval_results: Any = None
    generations: list[dict[str, Any]] = field(default_factory=list)
    security: Any = None
    bench: Any = None
    bench_base: Any = None
    ab: Any = None
    problems: list[str] = field(default_factory=list)


def load_run(run_dir: Path) -> RunArtifacts:
    """Read every file the report uses; unreadable files are noted, not fatal."""
    if not run_dir.is_dir():
        raise UserError(f"{run_dir}: no such run folder")
    problems: list[str] = []

    def json_file(rel: str) -> Any:
        path = run_dir / rel
        if not path.is_file():
            return None
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            problems.append(f"{rel}: unreadable ({exc})")
            return None

    config_path = run_dir / "config.yaml"
    config_text = config_path.read_text(encoding="utf-8") if config_path.is_file() else None
    manifest = json_file("manifest.json")
    summary = json_file("summary.json")
    if manifest is None and summary is None and config_text is None:
        raise UserError(
            f"{run_dir}: not a run folder (no manifest.json, summary.json or config.yaml)"
        )
    logs = {
        stage: _jsonl_rows(run_dir / stage / "metrics.jsonl", problems)
        for stage in TRAINING_STAGES
        if (run_dir / stage / "metrics.jsonl").is_file()
    }
    config = _parse_config(config_text)
    return RunArtifacts(
        name=str(config.get("name") or "") or run_dir.name,
        config_text=config_text,
        config=config,
        manifest=manifest if isinstance(manifest, dict) else {},
        summary=summary if isinstance(summary, dict) else {},
        training_logs=logs,
        data_stats=json_file("data/stats.json"),
        pairs_stats=json_file("pairs/stats.json"),
        eval_results=json_file("eval/results.json"),
        generations=_jsonl_rows(run_dir / "eval" / "generations.jsonl", problems),
        security=json_file("deploy/security.json"),
        bench=json_file("deploy/bench.json"),
        bench_base=json_file("deploy/bench_base.json"),
        ab=json_file("deploy/ab.json"),
        problems=problems,
    )


def _jsonl_rows(path: Path, problems: list[str]) -> list[dict[str, Any]]:
    """Rows of a JSONL log; a torn line (a run killed mid-write) is skipped and noted."""
    if not path.is_file():
        return []
    rows, bad = [], 0
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            bad += 1
            continue
        if isinstance(row, dict):
            rows.append(row)
    if bad:
        problems.append(f"{path.parent.name}/{path.name}: {bad} unreadable line(s) skipped")
    return rows


def _parse_config(config_text: str | None) -> dict[str, Any]:
    """The run's config as a dict; {} when absent or not YAML (the page still shows its text)."""
    if not config_text:
        return {}
    import yaml

    try:
        config = yaml.safe_load(config_text)
    except yaml.YAMLError:
        return {}
    return config if isinstance(config, dict) else {}


# ------------------------------------------------------------------------------------ entry


def build_report(run_dir: Path, out: Path | None = None) -> Path:
    """Write the run's report (default `<run_dir>/report.html`) atomically; return its path."""
    run_dir = Path(run_dir)
    out = Path(out) if out is not None else run_dir / "report.html"
    write_text(out, render_report(load_run(run_dir)))
    return out


def render_report(run: RunArtifacts) -> str:
    sections = [
        ("overview", "Overview", _overview_section(run)),
        ("training", "Training", _training_section(run)),
        ("dpo", "DPO rewards", _dpo_section(run)),
        ("data", "Data", _data_section(run)),
        ("pairs", "Preference pairs", _pairs_section(run)),
        ("eval", "Base vs tuned", _eval_section(run)),
        ("security", "Security", _security_section(run)),
        ("latency", "Latency", _latency_section(run)),
        ("ab", "A/B test", _ab_section(run)),
        ("generations", "Generations", _generations_section(run)),
        ("config", "Config", _config_section(run)),
    ]
    body = gates_banner(run) + "\n".join(
        f'<section id="{anchor}">\n<h2>{esc(title)}</h2>\n{content}\n</section>'
        for anchor, title, content in sections
    )
    nav = "".join(f'<a href="#{anchor}">{esc(title)}</a>' for anchor, title, _ in sections)
    stages = run.manifest.get("stages", {}) if isinstance(run.manifest, dict) else {}
    finished = [r.get("finished") for r in stages.values() if isinstance(r, dict)]
    last = max((f for f in finished if isinstance(f, str)), default=None)
    subtitle = f"codetune run report · {len(stages)} stage(s) recorded"
    if last:
        subtitle += f" · last stage finished {last}"
    template = Template(
        resources.files("codetune.stages.report")
        .joinpath("template.html")
        .read_text(encoding="utf-8")
    )
    digest = base64.b64encode(hashlib.sha256(PAGE_SCRIPT.encode()).digest()).decode()
    return template.substitute(
        title=esc(f"codetune report: {run.name}"),
        subtitle=esc(subtitle),
        nav=nav,
        body=body,
        script=PAGE_SCRIPT,
        script_hash=f"sha256-{digest}",
    )


# ------------------------------------------------------------------------------------ sections


def _overview_section(run: RunArtifacts) -> str:
    parts = [headline_cards(run), _gates_table(run)]
    stages = run.manifest.get("stages", {})
    if isinstance(stages, dict) and stages:
        rows = []
        for name, rec in stages.items():
            rec = rec if isinstance(rec, dict) else {}
            metrics = rec.get("metrics") if isinstance(rec.get("metrics"), dict) else {}
            status = rec.get("status", "?")
            if name == "report" and status == "running":
                status = "writing this report"  # the report stage renders while it runs
            rows.append(
                [
                    name,
                    status,
                    fmt_seconds(metrics.get("wall_time_s")),
                    rec.get("started") or "",
                    rec.get("finished") or "",
                    (rec.get("output_hash") or "")[:12],
                    rec.get("error") or "",
                ]
            )
        parts.append(
            table(
                ["stage", "status", "wall time", "started", "finished", "output hash", "error"],
                rows,
            )
        )
    else:
        parts.append(not_run("No stage recorded in manifest.json."))
    if run.problems:
        parts.append(
            "<h3>Problems reading the run folder</h3><ul>"
            + "".join(f"<li>{esc(p)}</li>" for p in run.problems)
            + "</ul>"
        )
    return "\n".join(parts)


def _gates_table(run: RunArtifacts) -> str:
    gates = as_dict(run.summary.get("gates")).get("gates")
    if not isinstance(gates, list) or not gates:
        return ""
    rows = []
    for g in gates:
        if not isinstance(g, dict):
            continue
        bound = " ".join(
            f"{op} {fmt(g.get(k))}" for op, k in (("≥", "min"), ("≤", "max")) if is_number(g.get(k))
        )
        ok = bool(g.get("passed"))
        verdict = Cell("passed" if ok else "FAILED", "better" if ok else "worse")
        rows.append([g.get("name", ""), g.get("metric", ""), fmt(g.get("value")), bound, verdict])
    return "<h3>Quality gates</h3>" + table(["gate", "figure", "value", "bound", "verdict"], rows)


def _training_section(run: RunArtifacts) -> str:
    if not run.training_logs:
        return not_run("No training stage has run (no sft/dpo/mixed metrics.jsonl).")
    figures, throughput_rows = [], []
    for stage, rows in run.training_logs.items():
        train = points(rows, "loss", exclude="eval_loss")
        val = points(rows, "eval_loss")
        series = [s for s in (("train", train), ("validation", val)) if s[1]]
        # DPO with rpo_alpha and the mixed stage log a sum of two terms: the label says which.
        terms = loss_terms(stage, run.config)
        loss = f"loss ({terms[0]})" if terms else "loss"
        weight = f" The NLL weight is {terms[1]}." if terms else ""
        if series:
            figures.append(
                line_figure(
                    [(label, pts) for label, pts in series],
                    title=f"{stage.upper()} {loss}",
                    ylabel="loss",
                    alt=f"{stage} loss curve",
                    caption=f"{stage}: training {loss} per logging step and validation loss "
                    f"per evaluation (from metrics.jsonl).{weight}",
                )
            )
        else:
            figures.append(not_run(f"{stage}: metrics.jsonl has no loss rows."))
        optimiser = optimiser_figure(stage, rows, run.config)
        if optimiser:
            figures.append(optimiser)
        speeds = [r["tokens_per_second"] for r in rows if is_number(r.get("tokens_per_second"))]
        rss = [r["peak_rss_mb"] for r in rows if is_number(r.get("peak_rss_mb"))]
        cuda = [r["peak_cuda_mb"] for r in rows if is_number(r.get("peak_cuda_mb"))]
        steps = [r["step"] for r in rows if is_number(r.get("step"))]
        throughput_rows.append(
            [
                stage,
                fmt_int(max(steps)) if steps else "",
                fmt(speeds[-1]) if speeds else "",
                fmt(max(rss)) if rss else "",
                fmt(max(cuda)) if cuda else "",
            ]
        )
    return (
        f'<div class="figures">{"".join(figures)}</div>\n<h3>Throughput and memory</h3>\n'
        + table(
            ["stage", "last step", "tokens/s (last log)", "peak RSS MB", "peak CUDA MB"],
            throughput_rows,
        )
    )


def _dpo_section(run: RunArtifacts) -> str:
    stages = [s for s in ("dpo", "mixed") if s in run.training_logs]
    figures = []
    for stage in stages:
        rows = run.training_logs[stage]
        panels = []
        for key, label in (
            ("rewards/margins", "reward margin (chosen − rejected)"),
            ("rewards/accuracies", "reward accuracy"),
        ):
            series = [
                (name, pts)
                for name, pts in (
                    ("train", points(rows, key)),
                    ("validation", points(rows, f"eval_{key}")),
                )
                if pts
            ]
            if series:
                panels.append((label, series))
        chosen_rejected = [
            (name, pts)
            for name, pts in (
                ("chosen (train)", points(rows, "rewards/chosen")),
                ("rejected (train)", points(rows, "rewards/rejected")),
                ("chosen (val)", points(rows, "eval_rewards/chosen")),
                ("rejected (val)", points(rows, "eval_rewards/rejected")),
            )
            if pts
        ]
        if chosen_rejected:
            panels.append(("implicit reward", chosen_rejected))
        if panels:
            figures.append(
                panels_figure(
                    panels,
                    title=f"{stage.upper()} rewards",
                    alt=f"{stage} reward margins and accuracies",
                    caption=f"{stage}: margins, accuracies and rewards of chosen vs rejected "
                    "completions (β-scaled log-ratio against the reference model).",
                )
            )
    dpo_summary = run.summary.get("dpo") if isinstance(run.summary.get("dpo"), dict) else {}
    extra = ""
    if dpo_summary:
        extra = "<h3>Final validation figures</h3>" + key_value_table(dpo_summary)
    if not figures and not extra:
        return not_run("DPO has not run (no reward rows in dpo/metrics.jsonl).")
    return f'<div class="figures">{"".join(figures)}</div>{extra}'


def _data_section(run: RunArtifacts) -> str:
    stats = run.data_stats
    if stats is None:
        return not_run("The data stage has not run (no data/stats.json).")
    if not isinstance(stats, dict):
        return generic_table(stats)
    files = as_dict(stats.get("files"))
    functions = as_dict(stats.get("functions"))
    figures, tables = [], []

    drops = numeric_items(functions.get("dropped") or stats.get("dropped") or stats.get("drops"))
    if drops:
        drops = dict(sorted(drops.items(), key=lambda kv: -kv[1]))
        figures.append(
            bar_figure(
                list(drops),
                {"functions": list(drops.values())},
                title="Functions dropped, by reason",
                horizontal=True,
                alt="functions dropped by reason",
                caption=f"{fmt_int(functions.get('extracted'))} functions extracted, "
                f"{fmt_int(functions.get('kept'))} kept.",
            )
        )
    by_language = {
        label: numeric_items(source)
        for label, source in (
            ("files", files.get("by_language")),
            ("functions extracted", functions.get("extracted_by_language")),
            ("functions kept", functions.get("kept_by_language")),
        )
    }
    by_language = {k: v for k, v in by_language.items() if v}
    if not by_language and numeric_items(stats.get("languages")):
        by_language = {"count": numeric_items(stats.get("languages"))}
    if by_language:
        languages = sorted({lang for v in by_language.values() for lang in v})
        figures.append(
            bar_figure(
                languages,
                {k: [v.get(lang, 0) for lang in languages] for k, v in by_language.items()},
                title="Languages",
                log_scale=True,
                alt="files and functions per language",
                caption="Files read, functions extracted and functions kept per language "
                "(log scale).",
            )
        )
    if drops:
        tables.append(
            "<div><h3>Dropped functions</h3>"
            + table(["reason", "functions"], drops.items())
            + "</div>"
        )
    skipped = numeric_items(files.get("skipped"))
    if skipped:
        tables.append(
            "<div><h3>Skipped files</h3>"
            + table(["reason", "files"], sorted(skipped.items(), key=lambda kv: -kv[1]))
            + "</div>"
        )
    splits = as_dict(stats.get("splits"))
    if splits:
        columns = sorted({k for v in splits.values() for k in as_dict(v)})
        tables.append(
            "<div><h3>Splits (grouped by file)</h3>"
            + table(
                ["split", *columns],
                [[s, *(as_dict(v).get(c, "") for c in columns)] for s, v in splits.items()],
            )
            + "</div>"
        )
    dedup = as_dict(stats.get("dedup"))
    dedup_numbers = {k: v for k, v in dedup.items() if is_number(v)}
    if dedup_numbers:
        tables.append("<div><h3>Duplicates</h3>" + key_value_table(dedup_numbers) + "</div>")
    secrets = as_dict(stats.get("secrets"))
    if secrets:
        rows = [[k, v] for k, v in secrets.items() if is_number(v) or isinstance(v, str)]
        rows += [[f"found: {k}", v] for k, v in numeric_items(secrets.get("by_type")).items()]
        tables.append("<div><h3>Secrets and personal data</h3>" + table(None, rows) + "</div>")
    contamination = as_dict(stats.get("contamination"))
    if contamination:
        hits = numeric_items(contamination.get("hits"))
        benchmarks = contamination.get("benchmarks") or []
        text = ", ".join(str(b) for b in benchmarks) if isinstance(benchmarks, list) else ""
        tables.append(
            "<div><h3>Benchmark contamination</h3>"
            f"<p>Checked against: {esc(text or 'nothing')}.</p>"
            + (
                table(["benchmark:match", "functions dropped"], sorted(hits.items()))
                if hits
                else ""
            )
            + "</div>"
        )
    timing = numeric_items(stats.get("timing"))
    if timing:
        tables.append("<div><h3>Timing</h3>" + key_value_table(timing) + "</div>")
    if not figures and not tables:
        tables.append("<div>" + generic_table(stats) + "</div>")
    return (
        f'<div class="figures">{"".join(figures)}</div><div class="tables">{"".join(tables)}</div>'
    )


def _pairs_section(run: RunArtifacts) -> str:
    stats = run.pairs_stats
    if stats is None:
        return not_run("The pairs stage has not run (no pairs/stats.json).")
    if not isinstance(stats, dict):
        return generic_table(stats)
    splits = {k: v for k, v in stats.items() if isinstance(v, dict)}
    if not splits:
        return generic_table(stats)
    scalar_keys = [
        k for k in next(iter(splits.values())) if any(is_number(v.get(k)) for v in splits.values())
    ]
    parts = [
        table(
            ["", *splits],
            [[k, *(fmt(as_dict(v).get(k)) for v in splits.values())] for k in scalar_keys],
        )
    ]
    kinds = {s: numeric_items(v.get("by_kind")) for s, v in splits.items()}
    kinds = {s: v for s, v in kinds.items() if v}
    if kinds:
        names = sorted({k for v in kinds.values() for k in v})
        parts.insert(
            0,
            '<div class="figures">'
            + bar_figure(
                names,
                {s: [v.get(n, 0) for n in names] for s, v in kinds.items()},
                title="Pairs per defect kind",
                horizontal=True,
                alt="preference pairs per defect kind",
                caption="Pairs kept per defect kind and split.",
            )
            + "</div>",
        )
    return "\n".join(parts)


def _eval_section(run: RunArtifacts) -> str:
    results = run.eval_results
    models = as_dict(results.get("models")) if isinstance(results, dict) else {}
    models = {k: as_dict(v) for k, v in models.items() if isinstance(v, dict)}
    if results is None:
        return not_run("The eval stage has not run (no eval/results.json).")
    if not models:
        return generic_table(results)
    names = ordered_models(models)
    tuned = results.get("tuned") if isinstance(results.get("tuned"), str) else None
    flat = {m: flatten_numbers(models[m], skip=("preference_by_kind",)) for m in names}
    metric_names = beside_syntax_rate(sorted({k for v in flat.values() for k in v}))
    header = list(names)
    with_delta = tuned in models and "base" in models and tuned != "base"
    if with_delta:
        header.append(f"{tuned} − base")
    rows = []
    for metric in metric_names:
        row: list[Any] = [metric, *(fmt(flat[m].get(metric)) for m in names)]
        if with_delta:
            a, b = flat["base"].get(metric), flat[tuned].get(metric)
            row.append(delta_cell(metric, a, b))
        rows.append(row)
    parts = [
        f"<p>Tuned model: <b>{esc(tuned or '?')}</b>. Test samples: "
        f"{esc(fmt(results.get('test_samples')))}, test pairs: "
        f"{esc(fmt(results.get('test_pairs')))}.</p>",
        table(["metric", *header], rows),
    ]
    figures = []
    losses = {
        m: flat[m].get("heldout_loss") for m in names if is_number(flat[m].get("heldout_loss"))
    }
    if losses:
        figures.append(
            bar_figure(
                list(losses),
                {"held-out loss": list(losses.values())},
                title="Held-out loss",
                alt="held-out loss per model",
                caption="Mean token loss on the test split (lower is better).",
            )
        )
    rate_metrics = [
        k
        for k in metric_names
        if direction(k) > 0 and all(0.0 <= flat[m][k] <= 1.0 for m in names if k in flat[m])
    ]
    if rate_metrics:
        figures.append(
            bar_figure(
                rate_metrics,
                {m: [flat[m].get(k, math.nan) for k in rate_metrics] for m in names},
                title="Rates per model",
                alt="rates per model",
                caption="Rates between 0 and 1 (higher is better).",
            )
        )
    by_kind = {m: as_dict(models[m].get("preference_by_kind")) for m in names}
    by_kind = {m: v for m, v in by_kind.items() if v}
    if by_kind:
        kinds = sorted({k for v in by_kind.values() for k in v})

        def accuracy(m: str, k: str) -> Any:
            entry = by_kind[m].get(k)
            return entry.get("accuracy") if isinstance(entry, dict) else entry

        def count(k: str) -> Any:
            for v in by_kind.values():
                entry = v.get(k)
                if isinstance(entry, dict) and "pairs" in entry:
                    return entry["pairs"]
            return ""

        figures.append(
            bar_figure(
                kinds,
                {
                    m: [accuracy(m, k) if is_number(accuracy(m, k)) else math.nan for k in kinds]
                    for m in by_kind
                },
                title="Preference accuracy per defect kind",
                horizontal=True,
                alt="preference accuracy per defect kind",
                caption="Share of held-out pairs where the model gives the chosen completion a "
                "higher log-likelihood than the rejected one.",
            )
        )
        # Base vs tuned with raw and length-normalised accuracy where the eval wrote them;
        # an older results.json gets its raw accuracy per model.
        per_kind = preference_kind_table(results)
        parts.append(
            "<h3>Preference accuracy per defect kind</h3>"
            + (
                per_kind
                or table(
                    ["kind", "pairs", *by_kind],
                    [[k, count(k), *(fmt(accuracy(m, k)) for m in by_kind)] for k in kinds],
                )
            )
        )
    parts.insert(1, f'<div class="figures">{"".join(figures)}</div>')
    ci_table = _metric_ci_table(as_dict(results.get("metrics")))
    if ci_table:
        parts.insert(2, "<h3>Tuned vs base, with 95% intervals</h3>" + ci_table)
    return "\n".join(parts)


def _metric_ci_table(metrics: dict[str, Any]) -> str:
    """results.json `metrics`; a delta is coloured only when its interval excludes 0, as on the
    headline cards."""
    rows = []
    for name, m in metrics.items():
        if not isinstance(m, dict):
            continue
        verdict = ci_verdict(m.get("ci95"), better_direction(name, m.get("higher_is_better")))
        rows.append(
            [
                name,
                fmt(m.get("base")),
                fmt(m.get("tuned")),
                Cell(fmt_signed(m.get("delta")), verdict),
                ci_text(m.get("ci95")),
                fmt(m.get("n")),
            ]
        )
    return table(["metric", "base", "tuned", "delta", "95% CI", "n"], rows) if rows else ""


def beside_syntax_rate(names: list[str]) -> list[str]:
    """Metric names with each `...empty_rate` right after its `...syntax_valid_rate`: the
    syntax-valid rate counts non-empty answers only and reads right beside the empty share."""
    out = [n for n in names if not (n.endswith("empty_rate") and _syntax_twin(n) in names)]
    for name in names:
        if name.endswith("empty_rate") and _syntax_twin(name) in names:
            out.insert(out.index(_syntax_twin(name)) + 1, name)
    return out


def _syntax_twin(empty_rate_name: str) -> str:
    return empty_rate_name.removesuffix("empty_rate") + "syntax_valid_rate"


def _security_section(run: RunArtifacts) -> str:
    sec = run.security
    if sec is None:
        return not_run("The security scan has not run (no deploy/security.json).")
    if isinstance(sec, list):
        return _findings_list(sec)
    models = as_dict(sec.get("models")) if isinstance(sec, dict) else {}
    summaries = {k: v for k, v in models.items() if isinstance(v, dict) and "by_cwe" in v}
    if not summaries:
        return generic_table(sec)
    names = ordered_models(summaries)
    cwes = sorted({c for s in summaries.values() for c in as_dict(s.get("by_cwe"))}, key=cwe_number)
    deltas = as_dict(sec.get("tuned_minus_base_per_100"))

    def cwe_entry(model: str, cwe: str) -> dict[str, Any]:
        return as_dict(as_dict(summaries[model].get("by_cwe")).get(cwe))

    rows = []
    for cwe in cwes:
        label = next(
            (cwe_entry(m, cwe).get("name") for m in names if cwe_entry(m, cwe).get("name")), ""
        )
        cells: list[Any] = [cwe, label]
        for m in names:
            e = cwe_entry(m, cwe)
            cells.append(
                f"{fmt_int(e.get('findings', 0))} ({fmt(e.get('findings_per_100_samples', 0))})"
            )
        if deltas:
            cells.append(delta_cell("findings", 0, deltas.get(cwe)))
        rows.append(cells)
    total: list[Any] = ["all", ""]
    for m in names:
        total.append(
            f"{fmt_int(summaries[m].get('n_findings'))} "
            f"({fmt(summaries[m].get('findings_per_100_samples'))})"
        )
    if deltas:
        total.append(delta_cell("findings", 0, deltas.get("all")))
    rows.append(total)
    header = ["CWE", "weakness", *(f"{m}: findings (per 100)" for m in names)]
    if deltas:
        header.append("tuned − base per 100")
    samples = ", ".join(f"{m}: {fmt_int(summaries[m].get('n_samples'))}" for m in names)
    parts = [f"<p>Samples scanned: {esc(samples)}.</p>", table(header, rows)]
    if cwes:
        parts.insert(
            0,
            '<div class="figures">'
            + bar_figure(
                cwes,
                {
                    m: [cwe_entry(m, c).get("findings_per_100_samples") or 0 for c in cwes]
                    for m in names
                },
                title="Findings per 100 samples, by CWE",
                alt="security findings per CWE",
                caption="Static scan of generated code (bandit + codetune rules), per weakness.",
            )
            + "</div>",
        )
    severity_rows = [
        [
            m,
            *(
                as_dict(summaries[m].get("by_severity")).get(s, 0)
                for s in ("low", "medium", "high")
            ),
        ]
        for m in names
    ]
    parts.append("<h3>By severity</h3>" + table(["model", "low", "medium", "high"], severity_rows))
    return "\n".join(parts)


def _findings_list(findings: list[Any]) -> str:
    """A bare findings list (`codetune scan --out`): counts per CWE and severity."""
    counts: dict[tuple[str, str], int] = {}
    for f in findings:
        if isinstance(f, dict):
            key = (str(f.get("cwe", "?")), str(f.get("severity", "?")))
            counts[key] = counts.get(key, 0) + 1
    if not counts:
        return "<p>No findings.</p>"
    rows = [[c, s, n] for (c, s), n in sorted(counts.items(), key=lambda kv: cwe_number(kv[0][0]))]
    return table(["CWE", "severity", "findings"], rows)


def _latency_section(run: RunArtifacts) -> str:
    bench = run.bench
    if bench is None:
        return not_run("The latency benchmark has not run (no deploy/bench.json).")
    if isinstance(bench, dict) and isinstance(bench.get("levels"), list):
        return _bench_levels_section(bench, run.bench_base)
    columns = model_columns(bench)
    if not columns:
        return generic_table(bench)
    names = ordered_models(columns)
    flat = {m: flatten_numbers(columns[m]) for m in names}
    metrics = sorted({k for v in flat.values() for k in v})
    parts = [
        table(["metric", *names], [[k, *(fmt(flat[m].get(k)) for m in names)] for k in metrics])
    ]
    timing = [k for k in metrics if is_timing(k)]
    if timing:
        parts.insert(
            0,
            '<div class="figures">'
            + bar_figure(
                timing,
                {m: [flat[m].get(k, math.nan) for k in timing] for m in names},
                title="Latency",
                horizontal=True,
                alt="latency per model",
                caption="Time to first token, time per output token and other timings per model.",
            )
            + "</div>",
        )
    extra = {k: v for k, v in bench.items() if k not in columns and not isinstance(v, dict | list)}
    if extra:
        parts.append(key_value_table(extra))
    return "\n".join(parts)


BENCH_FIGURES = (
    ("TTFT p50 ms", "ttft_ms", "p50"),
    ("TTFT p99 ms", "ttft_ms", "p99"),
    ("TPOT p50 ms", "tpot_ms", "p50"),
    ("ITL p50 ms", "itl_ms", "p50"),
    ("end-to-end p50 ms", "e2e_ms", "p50"),
    ("end-to-end p99 ms", "e2e_ms", "p99"),
    ("output tokens/s", "output_throughput", None),
    ("requests/s", "request_throughput", None),
)


def _bench_levels_section(tuned: dict[str, Any], base: Any) -> str:
    """`codetune bench` reports (vLLM's definitions), the tuned model beside the base."""
    reports = {"base": base, "tuned": tuned} if isinstance(base, dict) else {"model": tuned}
    names = list(reports)

    def figure(report: dict[str, Any], concurrency: Any, key: str, stat: str | None) -> Any:
        for level in report.get("levels") or []:
            if isinstance(level, dict) and level.get("concurrency") == concurrency:
                value = level.get(key)
                return as_dict(value).get(stat) if stat else value
        return None

    levels = sorted(
        {lv.get("concurrency") for lv in tuned["levels"] if isinstance(lv, dict)} - {None}
    )
    rows = []
    for c in levels:
        for label, key, stat in BENCH_FIGURES:
            values = [figure(reports[m], c, key, stat) for m in names]
            if not any(is_number(v) for v in values):
                continue
            row: list[Any] = [c, label, *(fmt(v) for v in values)]
            if len(names) == 2:
                row.append(
                    fmt(values[1] / values[0])
                    if is_number(values[0]) and is_number(values[1]) and values[0]
                    else ""
                )
            rows.append(row)
    header = ["concurrency", "figure", *names, *(["tuned / base"] if len(names) == 2 else [])]
    intro = (
        f"<p>Device: {esc(tuned.get('device', '?'))} · backend {esc(tuned.get('backend', '?'))} "
        f"· {esc(tuned.get('dtype', ''))} · {esc(fmt_int(tuned.get('input_len')))} input and "
        f"{esc(fmt_int(tuned.get('output_len')))} output tokens per request · peak memory "
        f"{esc(fmt_int((tuned.get('peak_memory_bytes') or 0) // 2**20))} MiB.</p>"
    )
    chart_keys = [
        (f"{label} @{c}", key, stat, c) for c in levels for label, key, stat in BENCH_FIGURES[:3:2]
    ]
    chart = bar_figure(
        [k[0] for k in chart_keys],
        {
            m: [
                v if is_number(v := figure(reports[m], c, key, stat)) else math.nan
                for _, key, stat, c in chart_keys
            ]
            for m in names
        },
        title="Latency per concurrency level",
        horizontal=True,
        alt="latency per model",
        caption="Time to first token and time per output token (p50), per concurrency level.",
    )
    return intro + f'<div class="figures">{chart}</div>' + table(header, rows)


def _ab_section(run: RunArtifacts) -> str:
    ab = run.ab
    if ab is None:
        return not_run("No A/B comparison has run (no deploy/ab.json).")
    if isinstance(ab, dict) and isinstance(ab.get("by_source"), dict):
        # The pipeline's ab stage compares per source (test split, HumanEval): one table.
        sources = {k: as_dict(v) for k, v in ab["by_source"].items()}
        ab = {
            **{k: v for k, v in ab.items() if k != "by_source"},
            **next(iter(sources.values()), {}),
            "n_pairs": sum(v.get("n_pairs") or 0 for v in sources.values()),
            "metrics": {
                f"{source}: {name}": m
                for source, v in sources.items()
                for name, m in as_dict(v.get("metrics")).items()
            },
        }
    metrics = as_dict(ab.get("metrics")) if isinstance(ab, dict) else {}
    metrics = {k: v for k, v in metrics.items() if isinstance(v, dict)}
    if not metrics:
        return generic_table(ab)
    rows = []
    for name, m in metrics.items():
        a = m.get("rate_a", m.get("mean_a"))
        b = m.get("rate_b", m.get("mean_b"))
        ci = m.get("ci")
        ci_text = f"[{fmt(ci[0])}, {fmt(ci[1])}]" if isinstance(ci, list) and len(ci) == 2 else ""
        verdict = str(m.get("verdict", ""))
        css = {"better": "better", "worse": "worse"}.get(verdict, "")
        rows.append(
            [
                name,
                m.get("kind", ""),
                fmt(a),
                fmt(b),
                fmt(m.get("delta")),
                ci_text,
                fmt(m.get("p_value")),
                Cell(verdict, css),
                fmt(m.get("n_needed")),
            ]
        )
    intro = (
        f"<p>A: {esc(ab.get('a', 'A'))} · B: {esc(ab.get('b', 'B'))} · "
        f"{esc(fmt_int(ab.get('n_pairs')))} paired prompts · alpha {esc(fmt(ab.get('alpha')))} · "
        f"{esc(ab.get('direction', 'B minus A'))}.</p>"
    )
    return intro + table(
        ["metric", "kind", "A", "B", "delta", "CI", "p", "verdict", "n needed"], rows
    )


def _generations_section(run: RunArtifacts) -> str:
    rows = [r for r in run.generations if isinstance(r, dict)]
    if not rows:
        return not_run("No generations recorded (no eval/generations.jsonl).")
    by_id: dict[str, dict[str, dict[str, Any]]] = {}
    order: list[str] = []
    for i, row in enumerate(rows):
        key = str(row.get("id") if row.get("id") is not None else row.get("prompt", i))
        if key not in by_id:
            by_id[key] = {}
            order.append(key)
        by_id[key].setdefault(str(row.get("model", "?")), row)
    models = ordered_models({m: None for group in by_id.values() for m in group})
    # Prefer prompts every model answered, so the columns line up.
    complete = [k for k in order if len(by_id[k]) == len(models)]
    chosen = (complete + [k for k in order if k not in complete])[:MAX_GENERATION_EXAMPLES]
    blocks = []
    for key in chosen:
        group = by_id[key]
        first = next(iter(group.values()))
        cols = []
        if first.get("reference") is not None:
            cols.append(f"<div><h4>reference</h4>{code_block(first.get('reference'))}</div>")
        for m in models:
            if m not in group:
                continue
            g = group[m]
            badge = ""
            if g.get("answer") == "empty":
                # An empty (or docstring-only) body is no answer, though it parses.
                badge = '<span class="badge fail">empty answer</span>'
            elif isinstance(g.get("syntax_valid"), bool):
                badge = (
                    '<span class="badge ok">parses</span>'
                    if g["syntax_valid"]
                    else '<span class="badge fail">syntax error</span>'
                )
            cols.append(f"<div><h4>{esc(m)}{badge}</h4>{code_block(g.get('completion'))}</div>")
        blocks.append(
            f'<div class="gen"><h4>prompt <code>{esc(key)}</code></h4>'
            f"{code_block(first.get('prompt'))}"
            f'<div class="gen-row">{"".join(cols)}</div></div>'
        )
    return (
        f'<p class="note">{len(chosen)} of {len(order)} prompts, greedy decoding; completions '
        "are untrusted model output, shown as text.</p>" + "".join(blocks)
    )


def _config_section(run: RunArtifacts) -> str:
    if not run.config_text:
        return not_run("No config.yaml in the run folder.")
    return (
        "<details><summary>Resolved config.yaml</summary>"
        f"<pre>{esc(run.config_text)}</pre></details>"
    )
