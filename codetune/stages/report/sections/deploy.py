"""The deploy stages, from deploy/: the scan stage's security findings per CWE (security.json),
the bench stage's latency and throughput per concurrency level (bench.json, bench_base.json)
and the ab stage's tuned-vs-base tests per metric (ab.json).

Each also accepts the shape the matching command writes on its own (`codetune scan --out`: a
bare findings list; a bench file without levels: its numbers per model; `codetune ab`: one
comparison without sources), so a run folder assembled by hand still renders."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from codetune.core.runs import DEPLOY_AB, DEPLOY_BENCH, DEPLOY_SECURITY
from codetune.stages.report.parts import (
    Cell,
    as_dict,
    bar_figure,
    cwe_number,
    delta_cell,
    esc,
    flatten_numbers,
    fmt,
    fmt_int,
    generic_table,
    is_number,
    is_timing,
    key_value_table,
    model_columns,
    not_run,
    ordered_models,
    table,
)

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts

# ------------------------------------------------------------------------------------ scan


def security_section(run: RunArtifacts) -> str:
    """Findings (and per 100 samples) per CWE and model, tuned − base, and by severity."""
    sec = run.security
    if sec is None:
        return not_run(f"The security scan has not run (no {DEPLOY_SECURITY}).")
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


# ------------------------------------------------------------------------------------ bench

# The bench figures shown per concurrency level: (row label, bench.json key of the level,
# the statistic inside it, None where the value is a plain number). The chart draws the first
# and third (TTFT and TPOT p50).
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


def latency_section(run: RunArtifacts) -> str:
    """`codetune bench` levels when bench.json has them, else one column of timings per model."""
    bench = run.bench
    if bench is None:
        return not_run(f"The latency benchmark has not run (no {DEPLOY_BENCH}).")
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


# ------------------------------------------------------------------------------------ ab


def ab_section(run: RunArtifacts) -> str:
    """One row per metric (per source for the pipeline's ab stage): A, B, delta, its interval,
    p, the verdict and the n a significant result would need."""
    ab = run.ab
    if ab is None:
        return not_run(f"No A/B comparison has run (no {DEPLOY_AB}).")
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
        interval = f"[{fmt(ci[0])}, {fmt(ci[1])}]" if isinstance(ci, list) and len(ci) == 2 else ""
        verdict = str(m.get("verdict", ""))
        css = {"better": "better", "worse": "worse"}.get(verdict, "")
        rows.append(
            [
                name,
                m.get("kind", ""),
                fmt(a),
                fmt(b),
                fmt(m.get("delta")),
                interval,
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
