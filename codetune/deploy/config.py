"""Configs of the deploy checks: `scan` (security of generated code) and `ab` (paired A/B)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from codetune.schema import Section

SeverityName = Literal["low", "medium", "high"]


class ScanConfig(Section):
    """Static security scan of the code each model generated for the eval prompts."""

    fail_on: SeverityName | None = Field(
        None,
        description="Fail (exit 1 / quality gate) when a finding at or above this severity "
        "exists. None: report only.",
    )
    exclude_rules: list[str] = Field(
        default_factory=list,
        description="Rule ids to ignore, e.g. ['bandit-B108', 'py-path-traversal'].",
    )


class ABConfig(Section):
    """Paired comparison of two models on the same prompts."""

    alpha: float = Field(
        0.05, gt=0, lt=1, description="Significance level of each per-metric verdict."
    )
    power: float = Field(
        0.8, gt=0, lt=1, description="Power used to report the prompts needed for the effect."
    )
    n_bootstrap: int = Field(
        10_000, ge=100, description="Bootstrap resamples for continuous metrics' intervals."
    )
    seed: int = Field(0, description="Seed of the bootstrap resampling.")
    binary_metrics: list[str] = Field(
        default_factory=lambda: ["passed"],
        description="Per-prompt pass/fail fields compared with McNemar's exact test.",
    )
    continuous_metrics: list[str] = Field(
        default_factory=list,
        description="Per-prompt numeric fields compared with a paired bootstrap interval.",
    )
    lower_is_better: list[str] = Field(
        default_factory=list,
        description="Metrics where a smaller value wins (latency, findings, loss).",
    )
