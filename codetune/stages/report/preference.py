"""Held-out preference accuracy per defect kind, base vs tuned, raw and length-normalised.

Raw accuracy counts the pairs whose chosen completion has the higher summed log-probability;
the length-normalised one compares the mean log-probability per completion token (lm-eval's
acc_norm), so a defect that merely lengthens or shortens the code does not win by length alone.
The figures come from eval/results.json: `metrics_by_kind[kind]` rows (base vs tuned with the
paired interval of the delta) and `models[label]["preference_by_kind"][kind]`. Kinds with fewer
pairs than `min_headline_pairs` (`headline: false`) are shown, marked "few pairs", and left
uncoloured: the overall figure may rest on them, a verdict about the kind may not.
"""

from __future__ import annotations

from typing import Any

from codetune.stages.report.parts import (
    Cell,
    as_dict,
    ci_text,
    ci_verdict,
    esc,
    fmt,
    fmt_int,
    fmt_signed,
    is_number,
    table,
)


def preference_kind_table(results: dict[str, Any]) -> str:
    """The per-kind table, or '' when results.json predates it (no `metrics_by_kind` and no
    length-normalised accuracy per kind): the eval section then shows its older table."""
    models = as_dict(results.get("models"))
    tuned = results.get("tuned") if isinstance(results.get("tuned"), str) else "tuned"
    base_kinds = as_dict(as_dict(models.get("base")).get("preference_by_kind"))
    tuned_kinds = as_dict(as_dict(models.get(tuned)).get("preference_by_kind"))
    rows_by_kind = as_dict(results.get("metrics_by_kind"))
    entries = [as_dict(e) for e in (*base_kinds.values(), *tuned_kinds.values())]
    if not rows_by_kind and not any("accuracy_norm" in e for e in entries):
        return ""
    min_pairs = results.get("min_headline_pairs")
    rows = []
    for kind in sorted(set(rows_by_kind) | set(base_kinds) | set(tuned_kinds)):
        by_kind = as_dict(rows_by_kind.get(kind))
        raw = as_dict(by_kind.get("preference_accuracy"))
        norm = as_dict(by_kind.get("preference_accuracy_norm"))
        base, tuned_entry = as_dict(base_kinds.get(kind)), as_dict(tuned_kinds.get(kind))
        n = first_number(norm.get("n"), raw.get("n"), tuned_entry.get("pairs"), base.get("pairs"))
        few = few_pairs(base, tuned_entry, n, min_pairs)
        base_norm = first_number(norm.get("base"), base.get("accuracy_norm"))
        tuned_norm = first_number(norm.get("tuned"), tuned_entry.get("accuracy_norm"))
        delta = first_number(
            norm.get("delta"),
            tuned_norm - base_norm if is_number(base_norm) and is_number(tuned_norm) else None,
        )
        css = "" if few else ci_verdict(norm.get("ci95"), True)
        mark = "few pairs" if few else "yes"
        if few and is_number(min_pairs):
            mark += f" (< {fmt_int(min_pairs)})"
        rows.append(
            (
                few,
                kind,
                [
                    kind,
                    n if is_number(n) else "",
                    fmt(first_number(raw.get("base"), base.get("accuracy"))),
                    fmt(first_number(raw.get("tuned"), tuned_entry.get("accuracy"))),
                    fmt(base_norm),
                    fmt(tuned_norm),
                    Cell(fmt_signed(delta), css),
                    ci_text(norm.get("ci95")),
                    mark,
                ],
            )
        )
    # The kinds that can carry a verdict first, then the few-pairs ones.
    rows.sort(key=lambda r: (r[0], r[1]))
    threshold = f" (fewer than {fmt_int(min_pairs)})" if is_number(min_pairs) else ""
    note = (
        '<p class="note">raw: summed log-probability of chosen above rejected; norm: mean '
        "log-probability per completion token (lm-eval's acc_norm). Δ norm is coloured only when "
        f"its 95% CI excludes 0, and never for kinds with too few pairs{esc(threshold)} to "
        "headline: those are marked few pairs, shown but not judged.</p>"
    )
    header = [
        "kind",
        "pairs",
        "base raw",
        f"{tuned} raw",
        "base norm",
        f"{tuned} norm",
        f"Δ norm ({tuned} − base)",
        "95% CI of Δ norm",
        "headline",
    ]
    return table(header, [r[2] for r in rows]) + note


def few_pairs(base: dict[str, Any], tuned: dict[str, Any], n: Any, min_pairs: Any) -> bool:
    """The eval's own `headline` flag where it wrote one, else n against min_headline_pairs."""
    flags = [e["headline"] for e in (tuned, base) if isinstance(e.get("headline"), bool)]
    if flags:
        return not all(flags)
    return is_number(n) and is_number(min_pairs) and n < min_pairs


def first_number(*values: Any) -> Any:
    return next((v for v in values if is_number(v)), None)
