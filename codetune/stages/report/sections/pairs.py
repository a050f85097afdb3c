"""The pairs stage, from pairs/stats.json: one column per split (train, val, test) of its
scalar figures, and the pairs kept per defect kind as a bar chart."""

from __future__ import annotations

from typing import TYPE_CHECKING

from codetune.core.runs import PAIRS_STATS
from codetune.stages.report.parts import (
    as_dict,
    bar_figure,
    fmt,
    generic_table,
    is_number,
    not_run,
    numeric_items,
    table,
)

if TYPE_CHECKING:
    from codetune.stages.report.build import RunArtifacts


def pairs_section(run: RunArtifacts) -> str:
    stats = run.pairs_stats
    if stats is None:
        return not_run(f"The pairs stage has not run (no {PAIRS_STATS}).")
    if not isinstance(stats, dict):
        return generic_table(stats)
    splits = {k: v for k, v in stats.items() if isinstance(v, dict)}
    if not splits:
        return generic_table(stats)
    # One row per numeric figure, in the order the first split lists them.
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
