"""The data stage behind the stage interface (`codetune.stages.base`)."""

from __future__ import annotations

from typing import Any

from codetune.stages.base import StageContext


def run(ctx: StageContext) -> dict[str, Any]:
    from codetune.stages.data.pipeline import run_data

    return run_data(ctx.cfg.data, ctx.run.data_dir, ctx.cfg.seed)


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics.get(k) for k in ("kept", "splits", "wall_time_s") if k in metrics}
