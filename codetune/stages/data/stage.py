"""The data stage behind the stage interface (`codetune.stages.base`)."""

from __future__ import annotations

import logging
from typing import Any

from codetune.core.text import counted
from codetune.stages.base import StageContext

log = logging.getLogger("codetune")


def run(ctx: StageContext) -> dict[str, Any]:
    from codetune.stages.data.pipeline import run_data

    stats = run_data(ctx.cfg.data, ctx.run.data_dir, ctx.cfg.seed)
    log.info(outcome_line(stats))
    return stats


def _reasons(counts: dict[str, int]) -> str:
    nonzero = sorted(((n, k) for k, n in counts.items() if n), key=lambda nk: (-nk[0], nk[1]))
    return ", ".join(f"{n:,} {k.replace('_', ' ')}" for n, k in nonzero)


def outcome_line(stats: dict[str, Any]) -> str:
    """One line saying what the stage did: files read and skipped (by reason), functions kept
    out of those extracted (drops by reason), and the split sizes."""
    files, functions = stats.get("files", {}), stats.get("functions", {})
    skipped = files.get("skipped", {})
    dropped = functions.get("dropped", {})
    splits = stats.get("splits", {})
    line = f"data: read {counted(files.get('read', 0), 'file')}"
    if sum(skipped.values()):
        line += f", skipped {sum(skipped.values()):,} ({_reasons(skipped)})"
    line += f"; kept {functions.get('kept', 0):,} of {counted(functions.get('extracted', 0), 'function')}"
    if sum(dropped.values()):
        line += f" (dropped {_reasons(dropped)})"
    if splits:
        line += "; split " + " / ".join(
            f"{name} {split.get('functions', 0):,}" for name, split in splits.items()
        )
    return line


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    """Flat figures for summary.json and the command's table (the nested stats stay in
    data/stats.json and the manifest)."""
    files, functions = metrics.get("files", {}), metrics.get("functions", {})
    out: dict[str, Any] = {
        "files_read": files.get("read"),
        "files_skipped": sum(files.get("skipped", {}).values()),
        "functions_extracted": functions.get("extracted"),
        "functions_kept": functions.get("kept"),
    }
    for name, split in metrics.get("splits", {}).items():
        out[f"{name}_functions"] = split.get("functions")
    out["wall_time_s"] = metrics.get("wall_time_s")
    return {k: v for k, v in out.items() if v is not None}
