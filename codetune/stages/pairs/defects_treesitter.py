"""Defect kinds for Java and Go: token edits with tree-sitter, re-parsed to prove they parse.

Only the kinds that are safe as token edits: a comparison flipped or its boundary moved, a
null / nil check or an `if err != nil` block deleted, a Java catch body emptied. Each is
`(code, rng, prompt, language) -> Mutation | None`; `TREE_SITTER[language][kind]` is what
`codetune.stages.pairs.defects.INJECTORS[kind]` runs for that language, so callers use one
mapping for every language. Grammars come from the shared loader `codetune.lib.codeparse`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator

import tree_sitter

from codetune.lib.codeparse import parser_for
from codetune.stages.pairs.mutations import SITE_TRIES, Mutation

# A tree-sitter injector: (code, rng, prompt, language) -> Mutation | None.
TreeSitterInjector = Callable[[str, random.Random, str, str], Mutation | None]

# What each language needs around a bare method/function to be a whole compilation unit.
_WRAP = {"java": ("class _Wrapper {\n", "\n}\n"), "go": ("package main\n", "")}


def _tree(code: str, language: str) -> tuple[tree_sitter.Tree, int]:
    """Parse a bare method/function (wrapped so it is a whole compilation unit)."""
    parser = parser_for(language)
    head, tail = _WRAP[language]
    source = (head + code + tail).encode()
    return parser.parse(source), len(head.encode())


def parse_errors(code: str, language: str) -> int:
    """ERROR and missing nodes in the parse of `code`: an edit may not add any."""
    tree, _ = _tree(code, language)
    stack, count = [tree.root_node], 0
    while stack:
        node = stack.pop()
        count += node.type == "ERROR" or node.is_missing
        stack.extend(node.children)
    return count


def _apply_one(
    code: str,
    rng: random.Random,
    prompt: str,
    language: str,
    edits: list[tuple[int, int, str, str]],
) -> Mutation | None:
    """Apply one (start, end, replacement, detail) byte edit that keeps the code parsing."""
    data = code.encode()
    start_byte = len(prompt.encode())
    baseline = parse_errors(code, language)
    order = [e for e in edits if e[0] >= start_byte]
    rng.shuffle(order)
    for start, end, replacement, detail in order[:SITE_TRIES]:
        out = (data[:start] + replacement.encode() + data[end:]).decode(errors="replace")
        if out != code and out.startswith(prompt) and parse_errors(out, language) <= baseline:
            return Mutation(out, detail)
    return None


def _nodes(code: str, language: str) -> Iterator[tuple[tree_sitter.Node, int]]:
    tree, offset = _tree(code, language)
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        yield node, offset
        stack.extend(node.children)


_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "!=", "!=": "=="}
_BOUNDARY = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}


def _operator_swap(table: dict[str, str], detail: str) -> TreeSitterInjector:
    def run(code: str, rng: random.Random, prompt: str, language: str) -> Mutation | None:
        edits = []
        for node, offset in _nodes(code, language):
            if node.type != "binary_expression":
                continue
            for child in node.children:
                op = child.type
                if op in table and child.start_byte >= offset:
                    s, e = child.start_byte - offset, child.end_byte - offset
                    edits.append((s, e, table[op], f"{detail}: {op} -> {table[op]}"))
        return _apply_one(code, rng, prompt, language, edits)

    return run


def _removed_check(pattern: re.Pattern[str], detail: str) -> TreeSitterInjector:
    """Delete an `if` statement (no else) whose condition matches `pattern`."""

    def run(code: str, rng: random.Random, prompt: str, language: str) -> Mutation | None:
        edits = []
        data = code.encode()
        for node, offset in _nodes(code, language):
            if node.type != "if_statement" or node.child_by_field_name("alternative"):
                continue
            cond = node.child_by_field_name("condition")
            if cond is None or not pattern.search(cond.text.decode(errors="replace")):
                continue
            s, e = node.start_byte - offset, node.end_byte - offset
            line_start = data.rfind(b"\n", 0, s) + 1
            line_end = data.find(b"\n", e)
            if data[line_start:s].strip() or line_end < 0 or data[e:line_end].strip():
                continue
            edits.append((line_start, line_end + 1, "", detail))
        return _apply_one(code, rng, prompt, language, edits)

    return run


def _java_swallow(code: str, rng: random.Random, prompt: str, language: str) -> Mutation | None:
    """A Java catch block's body emptied: `catch (IOException e) { }`."""
    edits = []
    data = code.encode()
    for node, offset in _nodes(code, language):
        if node.type != "catch_clause":
            continue
        body = node.child_by_field_name("body")
        if body is None or body.named_child_count == 0:
            continue
        start, end = body.start_byte - offset, body.end_byte - offset
        closing_line = data[data.rfind(b"\n", 0, end - 1) + 1 : end - 1].decode(errors="replace")
        indent = closing_line if not closing_line.strip() else ""
        edits.append((start, end, "{\n" + indent + "}", "catch body emptied"))
    return _apply_one(code, rng, prompt, language, edits)


TREE_SITTER: dict[str, dict[str, TreeSitterInjector]] = {
    "java": {
        "flipped_comparison": _operator_swap(_FLIP, "flipped"),
        "off_by_one": _operator_swap(_BOUNDARY, "boundary"),
        "removed_none_check": _removed_check(re.compile(r"[!=]= *null\b"), "null check deleted"),
        "swallowed_exception": _java_swallow,
    },
    "go": {
        "flipped_comparison": _operator_swap(_FLIP, "flipped"),
        "off_by_one": _operator_swap(_BOUNDARY, "boundary"),
        "removed_none_check": _removed_check(
            re.compile(r"^(?!err\b).*[!=]= *nil\b"), "nil check deleted"
        ),
        "removed_exception_handling": _removed_check(
            re.compile(r"^err *!= *nil$"), "error check deleted"
        ),
    },
}
