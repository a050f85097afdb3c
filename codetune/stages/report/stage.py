"""The report stage behind the stage interface: one self-contained HTML page of the run."""

from __future__ import annotations

from typing import Any

from codetune.stages.base import StageContext


def run(ctx: StageContext) -> dict[str, Any]:
    from codetune.stages.report.build import build_report

    return {"report": str(build_report(ctx.run.root))}
