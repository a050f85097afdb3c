"""The eval stage, from eval/results.json and eval/generations.jsonl: every figure per model
with the tuned − base delta, held-out loss and rates as bar charts, preference accuracy per
defect kind, the tuned-vs-base intervals, and a few prompts with each model's completion.

Generations are untrusted model output: they are shown as escaped text in code blocks only."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from codetune.core.runs import EVAL_GENERATIONS, EVAL_RESULTS
from codetune.stages.report.parts import (
    Cell,
    as_dict,
    bar_figure,
    better_direction,
    ci_text,
    ci_verdict,
    code_block,
    delta_cell,
    direction,
    esc,
    flatten_numbers,
    fmt,
    fmt_signed,
    generic_table,
    is_number,
    not_run,
    ordered_models,
    table,
)
from codetune.stages.report.preference import preference_kind_table

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts

MAX_GENERATION_EXAMPLES = 4  # enough prompts to compare the models, few enough for one page


def eval_section(run: RunArtifacts) -> str:
    """The metric table first, then the figures, the intervals and the per-kind table."""
    results = run.eval_results
    models = as_dict(results.get("models")) if isinstance(results, dict) else {}
    models = {k: as_dict(v) for k, v in models.items() if isinstance(v, dict)}
    if results is None:
        return not_run(f"The eval stage has not run (no {EVAL_RESULTS}).")
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
        *_isolation_note(models),
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
    ci_table = metric_ci_table(as_dict(results.get("metrics")))
    if ci_table:
        parts.insert(2, "<h3>Tuned vs base, with 95% intervals</h3>" + ci_table)
    return "\n".join(parts)


ISOLATION_WORDS = {
    "root": "namespaces (PID, network, mount, IPC) and a separate uid, as root",
    "userns": "namespaces through a user namespace and a separate uid",
    "none": "rlimits and a process-group kill only: no namespaces "
    "(require_isolation was turned off)",
}


def _isolation_note(models: dict[str, dict[str, Any]]) -> list[str]:
    """Which isolation the sandbox gave the generated code the eval ran (HumanEval)."""
    modes = {as_dict(m.get("humaneval")).get("sandbox") for m in models.values()} - {None}
    return [
        f"<p>Generated code ran in the sandbox with "
        f"{esc(ISOLATION_WORDS.get(str(mode), str(mode)))}.</p>"
        for mode in sorted(map(str, modes))
    ]


def metric_ci_table(metrics: dict[str, Any]) -> str:
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


def generations_section(run: RunArtifacts) -> str:
    """Up to MAX_GENERATION_EXAMPLES prompts, each with the reference and every model's
    completion side by side, badged empty / parses / syntax error."""
    rows = [r for r in run.generations if isinstance(r, dict)]
    if not rows:
        return not_run(f"No generations recorded (no {EVAL_GENERATIONS}).")
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
