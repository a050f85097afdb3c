"""The taint engine: abstract interpretation of each function (values.py, python.py,
java.py) reported as events (events.py) that the language's rules turn into findings
(python_rules.py, java_rules.py)."""

from __future__ import annotations

from codetune.lib.codeparse import parser_for
from codetune.stages.scan.findings import Coverage, Finding
from codetune.stages.scan.taint import java, java_rules, python, python_rules


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
    data = code.encode("utf-8", "replace")
    tree = parser_for("python").parse(data)
    interpreter = python.Interpreter(tree, data)
    coverage = _run(interpreter, tree.root_node, origin)
    return python_rules.findings_of(interpreter.events, origin, code), coverage


def scan_java_taint(code: str, origin: str) -> tuple[list[Finding], Coverage]:
    """The taint rules' findings on Java `code`, and how much of it parsed."""
    data = code.encode("utf-8", "replace")
    tree = parser_for("java").parse(data)
    interpreter = java.Interpreter(tree, data)
    coverage = _run(interpreter, tree.root_node, origin)
    return java_rules.findings_of(interpreter.events, origin, code), coverage


def _run(interpreter: python.Interpreter | java.Interpreter, root, origin: str) -> Coverage:  # type: ignore[no-untyped-def]
    """Run the interpreter; code nested deeper than Python's stack allows is reported as
    partly scanned (the events up to there are kept), never as clean."""
    coverage = _coverage(root, origin)
    try:
        interpreter.run()
    except RecursionError:
        line = coverage.error_line or 1
        return Coverage(origin, "partial", line, "the taint engine (nesting too deep)")
    return coverage


def _coverage(root, origin: str) -> Coverage:  # type: ignore[no-untyped-def]
    if not root.has_error:
        return Coverage(origin, "full")
    line = first_error_line(root) or 1
    if not root.named_children or all(c.type == "ERROR" for c in root.named_children):
        return Coverage(origin, "unscanned", line)
    return Coverage(origin, "partial", line)
