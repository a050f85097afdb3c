"""Quality gates: thresholds on the run's figures that decide whether CI/CD may ship the model.

A gate names a figure in `summary.json` by its dotted path (e.g. `eval.metrics.pass@1.delta`,
`scan.new_high_findings`, `bench.ttft_p50_ratio`) and bounds it with `min` and/or `max`.
`codetune run` checks every gate after its stages, writes the verdicts to `summary.json` under
`gates`, and exits with code 3 naming the gates that failed. A figure that is missing (the stage
that produces it is not configured, or produced nothing) fails its gate: a gate that silently
passes because nothing was measured would defeat its purpose.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, model_validator

from codetune.core.schema import Section


class GateConfig(Section):
    """One threshold on a figure of summary.json."""

    name: str = Field(..., min_length=1, description="What the gate protects, for the report.")
    metric: str = Field(
        ...,
        pattern=r"^[A-Za-z0-9_@./-]+$",
        description="Dotted path into summary.json, e.g. 'eval.metrics.syntax_valid_rate.tuned'.",
    )
    min: float | None = Field(None, description="The figure must be at least this.")
    max: float | None = Field(None, description="The figure must be at most this.")

    @model_validator(mode="after")
    def _bounded(self) -> GateConfig:
        if self.min is None and self.max is None:
            raise ValueError(f"gate '{self.name}': give min, max or both")
        return self


def lookup(summary: dict[str, Any], path: str) -> Any:
    """The value at a dotted path; keys may themselves contain dots (e.g. 'pass@1' is fine,
    a key such as 'val/rewards/accuracies' too), so the longest matching key wins at each level."""
    node: Any = summary
    rest = path
    while rest:
        if not isinstance(node, dict):
            return None
        parts = rest.split(".")
        for n in range(len(parts), 0, -1):
            key = ".".join(parts[:n])
            if key in node:
                node, rest = node[key], ".".join(parts[n:])
                break
        else:
            return None
    return node


def check_gates(gates: list[GateConfig], summary: dict[str, Any]) -> list[dict[str, Any]]:
    """One verdict per gate: {name, metric, value, min, max, passed, reason}."""
    verdicts = []
    for gate in gates:
        value = lookup(summary, gate.metric)
        verdict: dict[str, Any] = {
            "name": gate.name,
            "metric": gate.metric,
            "value": value,
            "min": gate.min,
            "max": gate.max,
        }
        if isinstance(value, bool) or not isinstance(value, int | float):
            verdict |= {"passed": False, "reason": f"{gate.metric} is missing or not a number"}
        elif gate.min is not None and value < gate.min:
            verdict |= {"passed": False, "reason": f"{gate.metric} = {value:.4g} < {gate.min}"}
        elif gate.max is not None and value > gate.max:
            verdict |= {"passed": False, "reason": f"{gate.metric} = {value:.4g} > {gate.max}"}
        else:
            verdict |= {"passed": True, "reason": "ok"}
        verdicts.append(verdict)
    return verdicts
