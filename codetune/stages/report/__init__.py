"""The run report: `report.html`, one self-contained page built from a run folder alone."""

from codetune.stages.report.build import build_report

__all__ = ["build_report"]
