"""Mutants of one Python function, for scoring generated tests by the mutants they kill.

Each mutant changes one site the way mutation tools (mutmut, cosmic-ray) do: a comparison
flipped or loosened (`<` -> `<=`, `==` -> `!=`), an arithmetic operator swapped (`+` -> `-`), a
boolean operator swapped (`and` -> `or`), a condition negated, an integer constant moved by one,
a returned value replaced by None. Hand-written on `ast` rather than taken from mutmut or
cosmic-ray: both mutate whole files on disk and drive their own test runner, while here one
function's mutants are spliced into a module and run in the sandbox like any generated code.
Mutants whose text equals the original (or another mutant) are dropped; an equivalent mutant
(same behaviour, different text) cannot be told apart without running it, so scores are a
lower bound, as in every mutation tool.
"""

from __future__ import annotations

import ast
import copy
import random
from collections.abc import Iterator

_COMPARE_SWAPS: dict[type, type] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_BINOP_SWAPS: dict[type, type] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv,
}


def _sites(fn: ast.AST) -> Iterator[tuple[str, ast.AST]]:
    """(operator name, node) for every mutable site, in source order."""
    for node in ast.walk(fn):
        if isinstance(node, ast.Compare) and type(node.ops[0]) in _COMPARE_SWAPS:
            yield "compare", node
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINOP_SWAPS:
            yield "arithmetic", node
        elif isinstance(node, ast.BoolOp):
            yield "boolean", node
        elif isinstance(node, ast.If | ast.While):
            yield "negate_condition", node
        elif (
            isinstance(node, ast.Constant)
            and type(node.value) is int
            and not isinstance(node.value, bool)
        ):
            yield "constant", node
        elif isinstance(node, ast.Return) and not _returns_none(node):
            yield "return_none", node


def _returns_none(node: ast.Return) -> bool:
    return node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None)


def _mutate(kind: str, node: ast.AST) -> None:
    if kind == "compare":
        node.ops[0] = _COMPARE_SWAPS[type(node.ops[0])]()  # type: ignore[attr-defined]
    elif kind == "arithmetic":
        node.op = _BINOP_SWAPS[type(node.op)]()  # type: ignore[attr-defined]
    elif kind == "boolean":
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()  # type: ignore[attr-defined]
    elif kind == "negate_condition":
        node.test = ast.UnaryOp(ast.Not(), node.test)  # type: ignore[attr-defined]
    elif kind == "constant":
        node.value = node.value + 1  # type: ignore[attr-defined]
    elif kind == "return_none":
        node.value = ast.Constant(None)  # type: ignore[attr-defined]


def function_mutants(code: str, limit: int = 12, seed: int = 0) -> list[tuple[str, str]]:
    """Up to `limit` single-site mutants of a function's code: (operator, mutated code).

    Strings (the docstring among them) are never mutated; a seeded sample is taken when there
    are more sites, one operator after another so every operator is represented."""
    tree = ast.parse(code)
    fn = tree.body[0] if tree.body else None
    if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
        return []
    sites = list(enumerate(kind for kind, _ in _sites(fn)))
    seen = {ast.unparse(fn)}
    out: list[tuple[str, str]] = []
    random.Random(seed).shuffle(sites)
    by_kind: dict[str, list[int]] = {}
    for i, kind in sites:
        by_kind.setdefault(kind, []).append(i)
    order = [i for group in _round_robin(list(by_kind.values())) for i in group]
    for i in order:
        mutated = copy.deepcopy(fn)
        kind, node = list(_sites(mutated))[i]
        _mutate(kind, node)
        text = ast.unparse(ast.fix_missing_locations(mutated))
        if text not in seen:
            seen.add(text)
            out.append((kind, text + "\n"))
        if len(out) >= limit:
            break
    return out


def _round_robin(groups: list[list[int]]) -> Iterator[list[int]]:
    """One site of each operator in turn, so a sample covers every operator."""
    while any(groups):
        yield [g.pop(0) for g in groups if g]
