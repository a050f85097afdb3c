"""Python: the taint engine (taint/python.py on tree-sitter) plus bandit's API-misuse tests.

The injection and data-flow weaknesses (CWE-22, 78, 79, 89, 90, 94, 330, 501, 502, 601, 611,
643) are the taint engine's: it follows values, so a constant chosen by an always-true branch
is not a finding and a sanitised value is not either. bandit keeps what it judges from one
call alone (ciphers, hard-coded passwords, TLS, temporary files; python_bandit.py). The
taint engine parses with tree-sitter, so code of a newer Python than the one running is
scanned whole; bandit needs the running interpreter's `ast`, and a file it cannot parse is
reported as partly scanned, naming the line.
"""

from __future__ import annotations

import ast

from codetune.stages.scan.findings import Coverage, Finding
from codetune.stages.scan.python_bandit import bandit_findings
from codetune.stages.scan.taint import scan_python_taint


def scan_python(code: str, origin: str) -> tuple[list[Finding], Coverage]:
    """The taint engine's findings and bandit's, and how much of `code` they saw."""
    findings, coverage = scan_python_taint(code, origin)
    if coverage.status == "unscanned":
        return findings, coverage
    ast_error = _ast_error_line(code)
    if ast_error is None:
        findings += bandit_findings(code, origin)
    elif coverage.status == "full":
        coverage = Coverage(origin, "partial", ast_error, "bandit")
    return findings, coverage


def _ast_error_line(code: str) -> int | None:
    try:
        ast.parse(code)
    except SyntaxError as exc:
        return exc.lineno or 1
    except ValueError:
        return 1
    return None
