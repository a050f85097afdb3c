"""The taint engine: abstract interpretation of each function (values.py, python.py,
java.py, on the plumbing of interpreter_base.py) reported as events (events.py) that the
language's rules turn into findings (python_rules.py, java_rules.py, with the ids, CWEs and
messages of catalogue.py)."""

from __future__ import annotations

from collections.abc import Callable

from codetune.lib.codeparse import parser_for
from codetune.stages.scan.findings import Coverage, Finding
from codetune.stages.scan.taint import java, java_rules, python, python_rules
from codetune.stages.scan.taint.events import Event


def first_error_line(node) -> int | None:  # type: ignore[no-untyped-def]
    """The line of the first ERROR or MISSING node of a tree-sitter tree."""
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == "ERROR" or n.is_missing:
            return n.start_point[0] + 1
        if n.has_error:
            stack.extend(reversed(n.children))
    return None


def scan_python_taint(code: str, origin: str) -> tuple[list[Finding], Coverage]:
    """The taint rules' findings on Python `code`, and how much of it parsed."""
    return _scan(code, origin, "python", python.Interpreter, python_rules.findings_of)


def scan_java_taint(code: str, origin: str) -> tuple[list[Finding], Coverage]:
    """The taint rules' findings on Java `code`, and how much of it parsed."""
    return _scan(code, origin, "java", java.Interpreter, java_rules.findings_of)


def _scan(
    code: str,
    origin: str,
    language: str,
    interpreter_class: type[python.Interpreter] | type[java.Interpreter],
    findings_of: Callable[[list[Event], str, str], list[Finding]],
) -> tuple[list[Finding], Coverage]:
    """Run the language's interpreter and rules; code nested deeper than Python's stack
    allows is reported as partly scanned (the events up to there are kept), never as clean."""
    data = code.encode("utf-8", "replace")
    tree = parser_for(language).parse(data)
    interpreter = interpreter_class(tree, data)
    coverage = _coverage(tree.root_node, origin)
    try:
        interpreter.run()
    except RecursionError:
        line = coverage.error_line or 1
        coverage = Coverage(origin, "partial", line, "the taint engine (nesting too deep)")
    if interpreter.budget_line is not None and coverage.status == "full":
        coverage = Coverage(
            origin,
            "partial",
            interpreter.budget_line,
            f"the taint engine's step budget ran out at line {interpreter.budget_line}",
        )
    return findings_of(interpreter.events, origin, code), coverage


def _coverage(root, origin: str) -> Coverage:  # type: ignore[no-untyped-def]
    if not root.has_error:
        return Coverage(origin, "full")
    line = first_error_line(root) or 1
    if not root.named_children or all(c.type == "ERROR" for c in root.named_children):
        return Coverage(origin, "unscanned", line)
    return Coverage(origin, "partial", line)
