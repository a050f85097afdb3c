"""What the security scan reports: a Finding per weakness, severities, and the per-CWE summary.

Every rule of every language returns `Finding`s; `summarize` and `compare_models` turn them
into the counts per 100 samples that `deploy/security.json`, the gates and the report read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Any, Literal

Severity = Literal["low", "medium", "high"]
SEVERITY_RANK: dict[str, int] = {"low": 0, "medium": 1, "high": 2}

CWE_NAMES: dict[str, str] = {
    "CWE-22": "Path traversal",
    "CWE-78": "OS command injection",
    "CWE-79": "Cross-site scripting",
    "CWE-89": "SQL injection",
    "CWE-90": "LDAP injection",
    "CWE-94": "Code injection (eval/exec, templates)",
    "CWE-295": "Certificate validation disabled",
    "CWE-319": "Cleartext transmission (telnet, FTP)",
    "CWE-327": "Broken or risky cipher",
    "CWE-328": "Weak hash",
    "CWE-330": "Weak random numbers",
    "CWE-377": "Insecure temporary file",
    "CWE-501": "Trust boundary violation (request data in the session)",
    "CWE-502": "Unsafe deserialisation",
    "CWE-601": "Open redirect",
    "CWE-611": "XML parser open to external entities (XXE, entity expansion)",
    "CWE-614": "Cookie without the Secure flag",
    "CWE-643": "XPath injection",
    "CWE-798": "Hard-coded credentials",
}


@dataclass(frozen=True)
class Finding:
    """One weakness at one place. `file` is a path, `path.jsonl#ROW` or the caller's origin."""

    file: str
    line: int
    cwe: str
    rule: str
    severity: Severity
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Coverage:
    """How much of one sample the rules saw: `full`; `partial`, a syntax error at `error_line`
    (Python: the lines from there on were not scanned, as when a generation is cut off by its
    token budget; the tree-sitter languages: scanned around the error); `unscanned`, nothing
    parsed. Said out loud so that a half-scanned file never passes for a clean one."""

    origin: str
    status: Literal["full", "partial", "unscanned"]
    error_line: int | None = None
    # Which rule source missed part of the code: "bandit" (it needs the running Python's ast),
    # or why the taint engine stopped.
    missed_by: str = ""

    def describe(self) -> str:
        if self.missed_by == "bandit":
            return (
                f"{self.origin}: bandit's rules skipped (this Python cannot parse line "
                f"{self.error_line}); the taint rules scanned it whole"
            )
        if self.missed_by:
            return f"{self.origin}: partly scanned: {self.missed_by}"
        if self.status == "unscanned":
            return f"{self.origin}: not scanned (syntax error at line {self.error_line})"
        return f"{self.origin}: scanned around a syntax error at line {self.error_line}"


def summarize(findings: Iterable[Finding], n_samples: int) -> dict[str, Any]:
    """Per-CWE counts and rates per 100 samples (a sample is one distinct `file`)."""
    findings = list(findings)
    per_100 = (lambda k: round(100.0 * k / n_samples, 2)) if n_samples else (lambda k: None)
    by_cwe: dict[str, dict[str, Any]] = {}
    for cwe in sorted({f.cwe for f in findings}, key=lambda c: int(c.split("-")[1])):
        hits = [f for f in findings if f.cwe == cwe]
        affected = len({f.file for f in hits})
        by_cwe[cwe] = {
            "name": CWE_NAMES.get(cwe, ""),
            "findings": len(hits),
            "findings_per_100_samples": per_100(len(hits)),
            "samples_affected": affected,
            "samples_affected_per_100": per_100(affected),
        }
    by_severity = {s: sum(f.severity == s for f in findings) for s in SEVERITY_RANK}
    affected_total = len({f.file for f in findings})
    return {
        "n_samples": n_samples,
        "n_findings": len(findings),
        "findings_per_100_samples": per_100(len(findings)),
        "samples_affected": affected_total,
        "samples_affected_per_100": per_100(affected_total),
        "by_severity": by_severity,
        "by_cwe": by_cwe,
    }


def compare_models(
    findings_by_model: dict[str, list[Finding]], n_samples_by_model: dict[str, int]
) -> dict[str, Any]:
    """Summaries per model; with 'base' and 'tuned', also tuned minus base per CWE (per 100)."""
    models = {
        name: summarize(findings_by_model.get(name, []), n)
        for name, n in n_samples_by_model.items()
    }
    report: dict[str, Any] = {"models": models}
    if "base" in models and "tuned" in models:
        base, tuned = models["base"], models["tuned"]
        cwes = sorted(
            set(base["by_cwe"]) | set(tuned["by_cwe"]), key=lambda c: int(c.split("-")[1])
        )

        def rate(summary: dict[str, Any], cwe: str) -> float:
            return (summary["by_cwe"].get(cwe) or {}).get("findings_per_100_samples") or 0.0

        report["tuned_minus_base_per_100"] = {
            "all": round(
                (tuned["findings_per_100_samples"] or 0.0)
                - (base["findings_per_100_samples"] or 0.0),
                2,
            ),
            **{cwe: round(rate(tuned, cwe) - rate(base, cwe), 2) for cwe in cwes},
        }
    return report


def at_or_above(findings: Iterable[Finding], severity: str) -> list[Finding]:
    return [f for f in findings if SEVERITY_RANK[f.severity] >= SEVERITY_RANK[severity]]
