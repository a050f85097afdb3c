"""What every language's deprecation detector reports, and the probes' output mark."""

from __future__ import annotations

from dataclasses import dataclass

# A probe program prints this, then True when the deprecated form behaved as the current one.
PROBE_MARK = "CODETUNE_PROBE "


@dataclass(frozen=True)
class Finding:
    """One deprecated use a tool found in a piece of code (line 1 = the code's first)."""

    line: int
    tool: str  # "ruff", "pylint", "javac"
    code: str  # the rule: "UP005", "deprecated-method", "removal"
    message: str
