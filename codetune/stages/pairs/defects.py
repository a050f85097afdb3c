"""Named defect injectors: each turns a clean function into a worse one that still parses.

`INJECTORS[kind](code, rng, prompt="", language="python") -> Mutation | None`. The mutation's
`code` is the defective function; `clean` is the matching good function when the injector had to
insert a carrier statement (None: the input itself is the good side). Nothing in the prompt is
ever changed: every returned function starts with `prompt`, so chosen and rejected share it.
Injectors return None when they cannot apply and never raise.

Two strategies:
- Site edits change code that is already there (`range(n)` -> `range(n + 1)`, `<` -> `>`,
  a guard clause deleted, a `try` unwrapped, a `with open()` turned into a bare `open()`...).
- Carriers serve the safety and resource kinds, whose natural sites (SQL, subprocess, open)
  most functions lack: a realistic statement using one of the function's parameters is inserted
  into *both* sides, written correctly in `clean` and with the defect in `code`, so the only
  difference between the two is the defect (`subprocess.run([...])` vs `subprocess.run(f"...",
  shell=True)`). Where a natural site exists it is preferred.

`KIND_GROUPS` maps each kind to "semantic" (changes results), "quality" (error handling,
resources, hard-coded values), "safety" (injection, path traversal) or "style".
Java and Go get the kinds that are safe as token edits with tree-sitter (see `_TREE_SITTER`).
"""

from __future__ import annotations

import ast
import functools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass

import libcst as cst

from codetune.stages.pairs.rewrites import (
    Parsed,
    compiles,
    dotted_name,
    fresh_name,
    identifiers,
    is_atomic,
    own_nodes,
    parenthesize,
    parse,
    prompt_lines,
    replace_nodes,
    violate_style,
    walk,
)


@dataclass(frozen=True)
class Mutation:
    """A defective version of a function (`code`), what was done (`detail`), and the clean
    counterpart when a carrier statement was added to both (`clean`; None: the input)."""

    code: str
    detail: str
    clean: str | None = None


Injector = Callable[..., Mutation | None]
Site = tuple[str, Callable[[], str | None]]

INJECTORS: dict[str, Injector] = {}
KIND_GROUPS: dict[str, str] = {}
GROUPS = ("semantic", "quality", "safety", "style")


def _injector(kind: str, group: str) -> Callable[[Callable[..., Mutation | None]], Injector]:
    """Register a Python injector under `kind`; other languages go to `_TREE_SITTER`."""

    def register(python_impl: Callable[..., Mutation | None]) -> Injector:
        @functools.wraps(python_impl)
        def run(
            code: str, rng: random.Random, prompt: str = "", language: str = "python"
        ) -> Mutation | None:
            if not code.startswith(prompt):
                return None
            try:
                if language == "python":
                    return python_impl(code, rng, prompt)
                ts_impl = _TREE_SITTER.get(language, {}).get(kind)
                return ts_impl(code, rng, prompt, language) if ts_impl else None
            except (RecursionError, MemoryError):
                return None
            except Exception:  # an unforeseen construct: this function does not get this kind
                return None

        INJECTORS[kind] = run
        KIND_GROUPS[kind] = group
        return run

    return register


def inject(
    kind: str, code: str, rng: random.Random, prompt: str = "", language: str = "python"
) -> Mutation | None:
    """Apply the injector named `kind` (see `INJECTORS`)."""
    return INJECTORS[kind](code, rng, prompt, language)


def _first_valid(code: str, prompt: str, rng: random.Random, sites: list[Site]) -> Mutation | None:
    order = list(sites)
    rng.shuffle(order)
    for detail, make in order[:16]:
        out = make()
        if out is not None and out != code and out.startswith(prompt) and compiles(out):
            return Mutation(out, detail)
    return None


def _completion_nodes(parsed: Parsed, prompt: str, kind: type | tuple[type, ...]) -> list:
    after = prompt_lines(prompt)
    return [
        n
        for n in walk(parsed.module)
        if isinstance(n, kind) and parsed.line(n) > after and not _in_annotation(parsed, n)
    ]


def _in_annotation(parsed: Parsed, node: cst.CSTNode) -> bool:
    return any(isinstance(a, cst.Annotation) for a in parsed.ancestors(node))


def _replace(parsed: Parsed, old: cst.CSTNode, new: object) -> Callable[[], str | None]:
    return functools.partial(replace_nodes, parsed.module, {old: new})


# ---------------------------------------------------------------------------------------------
# Integer arithmetic on expressions (off-by-one, out-of-bounds)


def _int_value(expr: cst.BaseExpression) -> int | None:
    if isinstance(expr, cst.Integer) and not expr.lpar:
        try:
            return int(expr.value.replace("_", ""), 0)
        except ValueError:
            return None
    if (
        isinstance(expr, cst.UnaryOperation)
        and isinstance(expr.operator, cst.Minus)
        and isinstance(expr.expression, cst.Integer)
    ):
        inner = _int_value(expr.expression)
        return None if inner is None else -inner
    return None


def _int_node(value: int) -> cst.BaseExpression:
    if value < 0:
        return cst.UnaryOperation(cst.Minus(), cst.Integer(str(-value)))
    return cst.Integer(str(value))


def shift(expr: cst.BaseExpression, delta: int) -> cst.BaseExpression:
    """`expr + delta`, written the way a person would (`n - 1` + 1 -> `n`, `3` + 1 -> `4`)."""
    value = _int_value(expr)
    if value is not None:
        return _int_node(value + delta)
    if (
        isinstance(expr, cst.BinaryOperation)
        and not expr.lpar
        and isinstance(expr.operator, cst.Add | cst.Subtract)
    ):
        k = _int_value(expr.right)
        if k is not None and k >= 0:
            total = (k if isinstance(expr.operator, cst.Add) else -k) + delta
            if total == 0:
                return expr.left
            op = cst.Add() if total > 0 else cst.Subtract()
            return expr.with_changes(operator=op, right=cst.Integer(str(abs(total))))
    op = cst.Add() if delta > 0 else cst.Subtract()
    return cst.BinaryOperation(parenthesize(expr), op, cst.Integer(str(abs(delta))))


_INDEX_NAMES = {
    "i", "j", "k", "n", "m", "idx", "index", "pos", "start", "end", "stop", "lo", "hi", "low",
    "high", "mid", "count", "size", "length", "offset", "begin", "last", "first", "left",
    "right", "depth", "level", "width", "limit", "num", "col", "row", "lineno", "nbytes",
    "position", "cursor", "ptr", "step", "maxlen", "x", "y",
}  # fmt: skip
_INDEX_SUFFIXES = ("_idx", "_index", "_pos", "_count", "_len", "_size", "_offset", "_start", "_end")


def _is_len_call(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Call) and dotted_name(expr.func) == "len" and len(expr.args) == 1


def _integer_like(expr: cst.BaseExpression) -> bool:
    """Expressions that are almost surely ints (indices, counts): where +-1 is an off-by-one."""
    if _int_value(expr) is not None or _is_len_call(expr):
        return True
    if isinstance(expr, cst.Name):
        name = expr.value.lower()
        return name in _INDEX_NAMES or name.endswith(_INDEX_SUFFIXES) or name.startswith("num_")
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add | cst.Subtract):
        return _integer_like(expr.left) or _integer_like(expr.right)
    return False


# ---------------------------------------------------------------------------------------------
# Semantic kinds


@_injector("off_by_one", "semantic")
def off_by_one(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Shift a loop bound, index, slice bound or integer comparison by one.

    Sites: `range(a, b)` start or stop +-1; `x[i]` -> `x[i + 1]` (indices that are int-like);
    `x[a:b]` bound +-1; `i < n` <-> `i <= n` where a side is int-like (a literal, `len()`, an
    index-like name). A defect because the loop, slice or test now covers one element too many
    or too few.
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for call in _completion_nodes(parsed, prompt, cst.Call):
        args = call.args
        if dotted_name(call.func) != "range" or not 1 <= len(args) <= 3:
            continue
        if any(a.keyword is not None or a.star for a in args):
            continue
        stop_i = 0 if len(args) == 1 else 1
        for i, delta in [(stop_i, 1), (stop_i, -1)] + ([(0, 1)] if len(args) > 1 else []):
            new_arg = args[i].with_changes(value=shift(args[i].value, delta))
            new = call.with_changes(args=[*args[:i], new_arg, *args[i + 1 :]])
            sites.append((f"range bound {delta:+d}", _replace(parsed, call, new)))
    for sub in _completion_nodes(parsed, prompt, cst.SubscriptElement):
        s = sub.slice
        if isinstance(s, cst.Index) and s.star is None and _integer_like(s.value):
            for delta in (1, -1):
                new = sub.with_changes(slice=s.with_changes(value=shift(s.value, delta)))
                sites.append((f"index {delta:+d}", _replace(parsed, sub, new)))
        elif isinstance(s, cst.Slice):
            for field in ("lower", "upper"):
                bound = getattr(s, field)
                if bound is not None and _integer_like(bound):
                    delta = rng.choice((1, -1))
                    new = sub.with_changes(slice=s.with_changes(**{field: shift(bound, delta)}))
                    sites.append((f"slice {field} {delta:+d}", _replace(parsed, sub, new)))
    boundary = {
        cst.LessThan: cst.LessThanEqual,
        cst.LessThanEqual: cst.LessThan,
        cst.GreaterThan: cst.GreaterThanEqual,
        cst.GreaterThanEqual: cst.GreaterThan,
    }
    for comp in _completion_nodes(parsed, prompt, cst.Comparison):
        left = comp.left
        for j, target in enumerate(comp.comparisons):
            op_type = type(target.operator)
            if op_type in boundary and (_integer_like(left) or _integer_like(target.comparator)):
                op = boundary[op_type](
                    whitespace_before=target.operator.whitespace_before,
                    whitespace_after=target.operator.whitespace_after,
                )
                targets = list(comp.comparisons)
                targets[j] = target.with_changes(operator=op)
                new = comp.with_changes(comparisons=targets)
                sites.append(("comparison boundary", _replace(parsed, comp, new)))
            left = target.comparator
    return _first_valid(code, prompt, rng, sites)


_FLIPPED: dict[type, type] = {
    cst.LessThan: cst.GreaterThan,
    cst.GreaterThan: cst.LessThan,
    cst.LessThanEqual: cst.GreaterThanEqual,
    cst.GreaterThanEqual: cst.LessThanEqual,
    cst.Equal: cst.NotEqual,
    cst.NotEqual: cst.Equal,
    cst.In: cst.NotIn,
    cst.NotIn: cst.In,
    cst.Is: cst.IsNot,
    cst.IsNot: cst.Is,
}


def _new_operator(old: cst.BaseCompOp, new_type: type) -> cst.BaseCompOp:
    """`new_type` with the spacing of `old` (`not in` / `is not` also need the inner space)."""
    return new_type(
        whitespace_before=getattr(old, "whitespace_before", cst.SimpleWhitespace(" ")),
        whitespace_after=getattr(old, "whitespace_after", cst.SimpleWhitespace(" ")),
    )


@_injector("flipped_comparison", "semantic")
def flipped_comparison(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Reverse or negate one comparison operator: `<` <-> `>`, `<=` <-> `>=`, `==` <-> `!=`,
    `in` <-> `not in`, `is` <-> `is not`. A defect because the branch or filter now selects the
    opposite cases."""
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for comp in _completion_nodes(parsed, prompt, cst.Comparison):
        for j, target in enumerate(comp.comparisons):
            new_type = _FLIPPED.get(type(target.operator))
            if new_type is None:
                continue
            targets = list(comp.comparisons)
            targets[j] = target.with_changes(operator=_new_operator(target.operator, new_type))
            new = comp.with_changes(comparisons=targets)
            detail = f"{type(target.operator).__name__} -> {new_type.__name__}"
            sites.append((detail, _replace(parsed, comp, new)))
    return _first_valid(code, prompt, rng, sites)


def _mentions_none(expr: cst.CSTNode) -> bool:
    return any(isinstance(n, cst.Name) and n.value == "None" for n in walk(expr))


_ORDERING_OPS = (cst.LessThan, cst.LessThanEqual, cst.GreaterThan, cst.GreaterThanEqual, cst.Equal)


def _is_guard_test(expr: cst.BaseExpression) -> bool:
    """A None, emptiness or bounds test: `x is None`, `not x`, `len(x) < n`, `i >= 0`..."""
    if _mentions_none(expr):
        return True
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        return isinstance(expr.expression, cst.Name | cst.Attribute | cst.Subscript)
    if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1:
        sides = [expr.left, expr.comparisons[0].comparator]
        ordering = isinstance(expr.comparisons[0].operator, _ORDERING_OPS)
        return ordering and any(_is_len_call(s) or _int_value(s) == 0 for s in sides)
    if isinstance(expr, cst.BooleanOperation):
        return _is_guard_test(expr.left) or _is_guard_test(expr.right)
    return False


def _is_guard_body(block: cst.BaseSuite, none_test: bool) -> bool:
    """Short bodies that bail out (or, after a None test, fill in a default): what a guard
    clause does."""
    stmts = list(block.body) if isinstance(block, cst.IndentedBlock) else []
    if isinstance(block, cst.SimpleStatementSuite):
        stmts = [cst.SimpleStatementLine(body=block.body)]
    if not stmts or len(stmts) > 3 or not isinstance(stmts[-1], cst.SimpleStatementLine):
        return False
    last = stmts[-1].body[-1]
    if isinstance(last, cst.Return | cst.Raise | cst.Continue | cst.Break):
        return True
    return none_test and len(stmts) == 1 and isinstance(last, cst.Assign)


@_injector("removed_none_check", "semantic")
def removed_none_check(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Delete a None / emptiness / bounds guard.

    Sites: a guard clause (`if x is None: return ...`, `if not items: raise ...`, `if i >= len(
    xs): break`) deleted; `x is not None and f(x)` -> `f(x)`; `x is None or f(x)` -> `f(x)`;
    `a if a is not None else b` -> `a`. A defect because the unguarded code now runs on the
    value the guard kept out (AttributeError, IndexError, or a wrong default).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for node in _completion_nodes(parsed, prompt, cst.If):
        parent = parsed.parents.get(node)
        if node.orelse is not None or isinstance(parent, cst.If):
            continue
        if not isinstance(parent, cst.IndentedBlock) or len(parent.body) < 2:
            continue
        if _is_guard_test(node.test) and _is_guard_body(node.body, _mentions_none(node.test)):
            sites.append(("guard clause deleted", _replace(parsed, node, cst.RemoveFromParent())))
    for node in _completion_nodes(parsed, prompt, cst.BooleanOperation):
        if isinstance(node.left, cst.BooleanOperation):
            continue  # `(a and b) and c`: the inner node is the site, so only `a` is dropped
        guarded_and = isinstance(node.operator, cst.And) and _is_guard_test(node.left)
        none_or = (
            isinstance(node.operator, cst.Or)
            and isinstance(node.left, cst.Comparison)
            and _mentions_none(node.left)
            and all(isinstance(t.operator, cst.Is | cst.Equal) for t in node.left.comparisons)
        )
        if guarded_and or none_or:
            keep = node.right
            if node.lpar and not keep.lpar:
                keep = keep.with_changes(lpar=node.lpar, rpar=node.rpar)
            sites.append(("guard operand dropped", _replace(parsed, node, keep)))
    for node in _completion_nodes(parsed, prompt, cst.IfExp):
        test = node.test
        if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
            continue
        op, comparator = test.comparisons[0].operator, test.comparisons[0].comparator
        if not (isinstance(comparator, cst.Name) and comparator.value == "None"):
            continue
        keep = node.body if isinstance(op, cst.IsNot | cst.NotEqual) else node.orelse
        if isinstance(op, cst.Is | cst.Equal | cst.IsNot | cst.NotEqual):
            keep = keep.with_changes(lpar=node.lpar, rpar=node.rpar) if node.lpar else keep
            sites.append(("None fallback dropped", _replace(parsed, node, keep)))
    return _first_valid(code, prompt, rng, sites)


def _loops_over_len(parsed: Parsed, prompt: str) -> list[tuple[cst.For, str, str]]:
    """`for v in range(len(xs))` loops: (loop, v, 'xs')."""
    out = []
    for loop in _completion_nodes(parsed, prompt, cst.For):
        it = loop.iter
        if not (isinstance(loop.target, cst.Name) and isinstance(it, cst.Call)):
            continue
        if dotted_name(it.func) != "range" or not it.args or len(it.args) > 2:
            continue
        if len(it.args) == 2 and _int_value(it.args[0].value) != 0:
            continue
        stop = it.args[-1].value
        if _is_len_call(stop) and dotted_name(stop.args[0].value):
            out.append((loop, loop.target.value, dotted_name(stop.args[0].value)))
    return out


def _indexes(sub: cst.Subscript, seq: str, var: str | None = None) -> bool:
    """`sub` is `seq[var]` (or `seq[<anything>]` when var is None)."""
    if dotted_name(sub.value) != seq or len(sub.slice) != 1:
        return False
    s = sub.slice[0].slice
    if not isinstance(s, cst.Index):
        return False
    return var is None or (isinstance(s.value, cst.Name) and s.value.value == var)


@_injector("out_of_bounds", "semantic")
def out_of_bounds(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Make an index run past the end of its sequence.

    Sites: `for i in range(len(xs))` with `xs[i]` in the body -> `range(len(xs) + 1)` or
    `xs[i + 1]`; `xs[len(xs) - 1]` -> `xs[len(xs)]`; `xs[-1]` -> `xs[len(xs)]`;
    `while i < len(xs)` with `xs[i]` in the body -> `<=`. A defect because the last access
    raises IndexError (or reads the wrong element).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for loop, var, seq in _loops_over_len(parsed, prompt):
        accesses = [
            n for n in walk(loop.body) if isinstance(n, cst.Subscript) and _indexes(n, seq, var)
        ]
        if not accesses:
            continue
        it = loop.iter
        stop = it.args[-1]
        new_iter = it.with_changes(
            args=[*it.args[:-1], stop.with_changes(value=shift(stop.value, 1))]
        )
        sites.append(("loop runs one past the end", _replace(parsed, it, new_iter)))
        for sub in accesses:
            index = sub.slice[0]
            new_index = index.with_changes(
                slice=index.slice.with_changes(value=shift(index.slice.value, 1))
            )
            sites.append(("index one past the loop", _replace(parsed, index, new_index)))
    for sub in _completion_nodes(parsed, prompt, cst.Subscript):
        seq = dotted_name(sub.value)
        if not seq or not _indexes(sub, seq):
            continue
        index = sub.slice[0]
        value = index.slice.value
        past_end = cst.Call(cst.Name("len"), [cst.Arg(sub.value.with_changes(lpar=[], rpar=[]))])
        last_by_len = (
            isinstance(value, cst.BinaryOperation)
            and isinstance(value.operator, cst.Subtract)
            and _int_value(value.right) == 1
            and _is_len_call(value.left)
            and dotted_name(value.left.args[0].value) == seq
        )
        if last_by_len or _int_value(value) == -1:
            new_index = index.with_changes(slice=index.slice.with_changes(value=past_end))
            sites.append(("last element -> len()", _replace(parsed, index, new_index)))
    for loop in _completion_nodes(parsed, prompt, cst.While):
        test = loop.test
        if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
            continue
        target = test.comparisons[0]
        if not (
            isinstance(target.operator, cst.LessThan)
            and isinstance(test.left, cst.Name)
            and _is_len_call(target.comparator)
        ):
            continue
        seq = dotted_name(target.comparator.args[0].value)
        if seq and any(
            isinstance(n, cst.Subscript) and _indexes(n, seq, test.left.value)
            for n in walk(loop.body)
        ):
            op = _new_operator(target.operator, cst.LessThanEqual)
            new = test.with_changes(comparisons=[target.with_changes(operator=op)])
            sites.append(("while bound <= len()", _replace(parsed, test, new)))
    return _first_valid(code, prompt, rng, sites)


# ---------------------------------------------------------------------------------------------
# Quality kinds


def _pass_block() -> cst.IndentedBlock:
    return cst.IndentedBlock(body=[cst.SimpleStatementLine(body=[cst.Pass()])])


def _swallowing_handler(rng: random.Random) -> cst.ExceptHandler:
    """`except Exception: pass`, or a bare `except: pass` one time in three."""
    handler_type = None if rng.random() < 1 / 3 else cst.Name("Exception")
    return cst.ExceptHandler(
        body=_pass_block(),
        type=handler_type,
        whitespace_after_except=cst.SimpleWhitespace(" " if handler_type else ""),
    )


def _swallows(handler: cst.ExceptHandler) -> bool:
    """Whether the handler catches everything and does nothing (`except Exception: pass`)."""
    catches_all = handler.type is None or dotted_name(handler.type) in (
        "Exception",
        "BaseException",
    )
    body = handler.body
    if not (catches_all and isinstance(body, cst.IndentedBlock) and len(body.body) == 1):
        return False
    only = body.body[0]
    return isinstance(only, cst.SimpleStatementLine) and isinstance(only.body[0], cst.Pass)


@_injector("swallowed_exception", "quality")
def swallowed_exception(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Silence errors with `except ...: pass`.

    Sites: an existing handler widened to `except Exception: pass` (a bare `except: pass` one
    time in three); or a statement that calls something wrapped in such a `try`. A defect
    because failures vanish silently (bandit B110, ruff S110/E722).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for handler in _completion_nodes(parsed, prompt, cst.ExceptHandler):
        if _swallows(handler):
            continue
        new = _swallowing_handler(rng).with_changes(leading_lines=handler.leading_lines)
        sites.append(("handler -> except: pass", _replace(parsed, handler, new)))
    if not sites:
        for line in _completion_nodes(parsed, prompt, cst.SimpleStatementLine):
            parent = parsed.parents.get(line)
            if not isinstance(parent, cst.IndentedBlock):
                continue
            if not any(isinstance(n, cst.Call) for n in walk(line)):
                continue
            if any(isinstance(n, cst.Yield | cst.Global | cst.Nonlocal) for n in walk(line)):
                continue
            wrapped = cst.Try(
                body=cst.IndentedBlock(body=[line.with_changes(leading_lines=[])]),
                handlers=[_swallowing_handler(rng)],
                leading_lines=line.leading_lines,
            )
            sites.append(("statement wrapped in try/except: pass", _replace(parsed, line, wrapped)))
    return _first_valid(code, prompt, rng, sites)


def _statements(block: cst.BaseSuite | None) -> list[cst.BaseStatement]:
    if isinstance(block, cst.IndentedBlock):
        return list(block.body)
    if isinstance(block, cst.SimpleStatementSuite):
        return [cst.SimpleStatementLine(body=block.body)]
    return []


@_injector("removed_exception_handling", "quality")
def removed_exception_handling(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Delete error handling so exceptions escape.

    Sites: a `try` whose handlers are deleted (its body and `else` kept; a `finally` stays);
    `mapping.get(key, default)` -> `mapping[key]`; `getattr(obj, name, default)` ->
    `getattr(obj, name)`. A defect because the input the handler or fallback covered now raises.
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for node in _completion_nodes(parsed, prompt, cst.Try):
        # A swallowing handler is swallowed_exception's rejected side: as a chosen side here
        # it would teach the opposite preference.
        if not node.handlers or any(_swallows(h) for h in node.handlers):
            continue
        body = _statements(node.body) + _statements(node.orelse.body if node.orelse else None)
        if node.finalbody is not None:
            new: object = node.with_changes(
                handlers=[], orelse=None, body=cst.IndentedBlock(body=body)
            )
        else:
            body[0] = body[0].with_changes(
                leading_lines=[*node.leading_lines, *body[0].leading_lines]
            )
            new = cst.FlattenSentinel(body)
        sites.append(("try/except removed", _replace(parsed, node, new)))
    for call in _completion_nodes(parsed, prompt, cst.Call):
        args = call.args
        if any(a.keyword is not None or a.star for a in args):
            continue
        if (
            isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "get"
            and len(args) == 2
        ):
            key = args[0].value.with_changes(lpar=[], rpar=[])
            new_sub = cst.Subscript(
                value=call.func.value,
                slice=[cst.SubscriptElement(cst.Index(key))],
                lpar=call.lpar,
                rpar=call.rpar,
            )
            sites.append(("get() fallback removed", _replace(parsed, call, new_sub)))
        if dotted_name(call.func) == "getattr" and len(args) == 3:
            new_call = call.with_changes(
                args=[args[0], args[1].with_changes(comma=cst.MaybeSentinel.DEFAULT)]
            )
            sites.append(("getattr() default removed", _replace(parsed, call, new_call)))
    return _first_valid(code, prompt, rng, sites)


def _top_function(parsed: Parsed, prompt: str) -> cst.FunctionDef | None:
    """The function holding the completion: the last module-level def reaching past the prompt
    (HumanEval-style modules put helpers first)."""
    after = prompt_lines(prompt)
    defs = [
        n
        for n in parsed.module.body
        if isinstance(n, cst.FunctionDef) and parsed.end_line(n) > after
    ]
    return defs[-1] if defs else None


_STRING_HINTS = {
    "encoding": '"utf-8"',
    "errors": '"strict"',
    "path": '"/tmp/data.txt"',
    "file": '"/tmp/data.txt"',
    "dir": '"/tmp"',
    "sep": '","',
    "mode": '"r"',
    "url": '"http://localhost:8080"',
    "host": '"localhost"',
    "name": '"default"',
    "prefix": '"tmp"',
    "suffix": '".txt"',
    "key": '"key"',
    "text": '"hello world"',
    "string": '"hello world"',
    "msg": '"error"',
    "message": '"error"',
    "char": '"a"',
    "word": '"hello"',
    "delim": '","',
    "fmt": '"%s"',
    "format": '"%s"',
    "lang": '"en"',
    "label": '"default"',
    "title": '"Untitled"',
    "tag": '"latest"',
    "user": '"admin"',
    "password": '"admin"',
}
_INT_HINTS = {
    "n": "10", "num": "10", "count": "1", "size": "1024", "length": "10", "limit": "100",
    "width": "80", "height": "24", "k": "3", "i": "0", "j": "0", "index": "0", "idx": "0",
    "start": "0", "end": "10", "stop": "10", "step": "1", "level": "1", "depth": "1",
    "timeout": "30", "port": "8080", "base": "10", "offset": "0", "pos": "0", "maxsize": "128",
    "retries": "3", "precision": "2", "ndigits": "2", "year": "2024", "month": "1", "day": "1",
    "x": "0", "y": "0", "m": "2", "p": "2", "a": "1", "b": "2", "number": "42", "value": "0",
}  # fmt: skip
_BOOL_PREFIXES = ("is_", "has_", "use_", "allow_", "enable_", "strict", "verbose", "force")


def _hardcoded_literal(param: cst.Param, parsed: Parsed) -> str | None:
    """A plausible literal for a parameter: its literal default, else a guess from its
    annotation or name (`encoding` -> "utf-8", `n` -> 10); None when nothing fits."""
    name = param.name.value.lower()
    default = param.default
    if default is not None:
        text = parsed.code_of(default).strip()
        try:
            ast.literal_eval(text)
        except Exception:
            text = ""
        if text and text != "None" and "\n" not in text:
            return text
    annotation = parsed.code_of(param.annotation.annotation) if param.annotation else ""
    if name.startswith(_BOOL_PREFIXES) or annotation == "bool":
        return "True" if default is None else "not " + parsed.code_of(default).strip()
    for hint, literal in _STRING_HINTS.items():
        if annotation in ("", "str") and (name == hint or name.endswith(("_" + hint, hint + "s"))):
            return literal
    if annotation in ("", "int"):
        stem = name.rsplit("_", 1)[-1]
        if name in _INT_HINTS:
            return _INT_HINTS[name]
        if stem in _INT_HINTS and len(stem) > 2:
            return _INT_HINTS[stem]
    return {"int": "10", "float": "1.0", "str": '""', "bytes": 'b""', "list": "[]"}.get(annotation)


@_injector("hardcoded_value", "quality")
def hardcoded_value(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Replace every use of one parameter by a literal (its default, or a value its name or
    annotation suggests), leaving the parameter unused. A defect because callers' arguments are
    ignored (ruff ARG001/ARG002)."""
    parsed = parse(code)
    if parsed is None:
        return None
    func = _top_function(parsed, prompt)
    if func is None:
        return None
    after = prompt_lines(prompt)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    stored = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and not isinstance(n.ctx, ast.Load)
    }
    all_params = [n for n in walk(parsed.module) if isinstance(n, cst.Param)]
    params = [*func.params.posonly_params, *func.params.params, *func.params.kwonly_params]
    sites: list[Site] = []
    for i, param in enumerate(params):
        name = param.name.value
        # `_private` parameters read as intentionally unused (ruff's dummy-variable pattern).
        if (i == 0 and name in ("self", "cls")) or name in stored or name.startswith("_"):
            continue
        if sum(p.name.value == name for p in all_params) != 1:
            continue
        uses = []
        for node in walk(parsed.module):
            if not isinstance(node, cst.Name) or node.value != name or node is param.name:
                continue
            parent = parsed.parents.get(node)
            if isinstance(parent, cst.Attribute) and parent.attr is node:
                continue
            if isinstance(parent, cst.Arg) and parent.keyword is node:
                continue
            uses.append(node)
        if not uses or any(parsed.line(u) <= after for u in uses):
            continue
        literal = _hardcoded_literal(param, parsed)
        if literal is None:
            continue
        try:
            value = cst.parse_expression(literal)
        except Exception:
            continue
        value = parenthesize(value) if not is_atomic(value) else value
        replacements = {u: value for u in uses}
        sites.append(
            (f"{name} -> {literal}", functools.partial(replace_nodes, parsed.module, replacements))
        )
    return _first_valid(code, prompt, rng, sites)


_OPENERS = re.compile(r"(^|\.)(open|urlopen|ZipFile|TarFile|TemporaryFile|NamedTemporaryFile)$")


@_injector("unclosed_resource", "quality")
def unclosed_resource(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Open a file without closing it.

    Site: `with open(...) as f: body` -> `f = open(...)` + `body` (also `gzip.open`, `urlopen`,
    `ZipFile`...). Carrier: a small `with open(LOG_PATH, "a") as log: log.write(...)` logging a
    parameter is added to both sides and written as a bare `open()` in the defective one.
    A defect because the handle leaks until garbage collection (ruff SIM115, ResourceWarning).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for node in _completion_nodes(parsed, prompt, cst.With):
        if node.asynchronous is not None or len(node.items) != 1:
            continue
        item = node.items[0]
        if not (
            isinstance(item.item, cst.Call)
            and _OPENERS.search(dotted_name(item.item.func))
            and item.asname is not None
            and isinstance(item.asname.name, cst.Name)
        ):
            continue
        assign = cst.SimpleStatementLine(
            body=[
                cst.Assign(
                    targets=[cst.AssignTarget(item.asname.name)],
                    value=item.item.with_changes(lpar=[], rpar=[]),
                )
            ],
            leading_lines=node.leading_lines,
        )
        sites.append(
            (
                "with-block -> bare open()",
                _replace(parsed, node, cst.FlattenSentinel([assign, *_statements(node.body)])),
            )
        )
    found = _first_valid(code, prompt, rng, sites)
    return found or _carrier(code, rng, prompt, parsed, "unclosed_resource")


# ---------------------------------------------------------------------------------------------
# Safety kinds


_SUBPROCESS_CALLS = {
    "subprocess.run",
    "subprocess.call",
    "subprocess.check_call",
    "subprocess.check_output",
    "subprocess.Popen",
}


def _fstring_command(parsed: Parsed, elements: list[cst.Element]) -> str | None:
    parts = []
    for element in elements:
        value = element.value
        if isinstance(value, cst.SimpleString) and "\\" not in value.value:
            text = value.evaluated_value
            if not isinstance(text, str) or '"' in text:
                return None
            parts.append(text.replace("{", "{{").replace("}", "}}"))
        elif element.star is None and not isinstance(value, cst.SimpleString):
            inner = parsed.code_of(value)
            if any(c in inner for c in '"\\\n{}'):
                return None
            parts.append("{" + inner + "}")
        else:
            return None
    return 'f"' + " ".join(parts) + '"'


@_injector("shell_true", "safety")
def shell_true(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Run a command through the shell with interpolated input.

    Site: `subprocess.run(["cmd", arg])` -> `subprocess.run(f"cmd {arg}", shell=True)`.
    Carrier: `subprocess.run(["logger", "-t", "<function>", str(param)], check=True)` added to
    both sides, as an f-string with `shell=True` in the defective one. A defect because a
    parameter reaches a shell: command injection (bandit B602).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for call in _completion_nodes(parsed, prompt, cst.Call):
        if dotted_name(call.func) not in _SUBPROCESS_CALLS or not call.args:
            continue
        first = call.args[0]
        if first.keyword is not None or not isinstance(first.value, cst.List):
            continue
        if any(a.keyword is not None and a.keyword.value == "shell" for a in call.args):
            continue
        command = _fstring_command(parsed, list(first.value.elements))
        if command is None:
            continue
        shell_arg = cst.Arg(
            value=cst.Name("True"),
            keyword=cst.Name("shell"),
            equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")),
        )
        args = [first.with_changes(value=cst.parse_expression(command)), *call.args[1:]]
        args = [
            a.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            for a in args
        ]
        new = call.with_changes(args=[*args, shell_arg])
        sites.append(("argument list -> shell string", _replace(parsed, call, new)))
    found = _first_valid(code, prompt, rng, sites)
    return found or _carrier(code, rng, prompt, parsed, "shell_true")


@_injector("sql_string_format", "safety")
def sql_string_format(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Build an SQL statement by string formatting instead of query parameters.

    Site: `cur.execute("... WHERE a = ?", (x,))` -> an f-string with `x` spliced in.
    Carrier: `db.execute("INSERT INTO audit_log ... VALUES (?, ?)", (..., str(param)))` added to
    both sides, formatted with an f-string, `%`, `.format()` or `+` in the defective one.
    A defect because a parameter can rewrite the query: SQL injection (bandit B608).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for call in _completion_nodes(parsed, prompt, cst.Call):
        if not (
            isinstance(call.func, cst.Attribute)
            and call.func.attr.value in ("execute", "executemany")
            and len(call.args) == 2
            and isinstance(call.args[0].value, cst.SimpleString)
            and isinstance(call.args[1].value, cst.Tuple | cst.List)
        ):
            continue
        query = call.args[0].value.evaluated_value
        values = [e.value for e in call.args[1].value.elements]
        if not isinstance(query, str) or "\\" in call.args[0].value.value:
            continue
        pieces = re.split(r"\?|%s", query)
        if len(pieces) != len(values) + 1 or any(c in query for c in '"{}\n'):
            continue
        text = pieces[0]
        for value, piece in zip(values, pieces[1:], strict=True):
            inner = parsed.code_of(value)
            if any(c in inner for c in '"\\\n{}'):
                break
            text += "'{" + inner + "}'" + piece
        else:
            new = call.with_changes(
                args=[
                    call.args[0].with_changes(
                        value=cst.parse_expression(f'f"{text}"'), comma=cst.MaybeSentinel.DEFAULT
                    )
                ]
            )
            sites.append(("query parameters -> f-string", _replace(parsed, call, new)))
    found = _first_valid(code, prompt, rng, sites)
    return found or _carrier(code, rng, prompt, parsed, "sql_string_format")


@_injector("unchecked_path_join", "safety")
def unchecked_path_join(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Join a parameter onto a base folder without checking the result stays inside it.

    Carrier: both sides resolve `os.path.join(UPLOAD_DIR, str(param))` (or `BASE_DIR / ...`) and
    create or write it; the clean side rejects results outside the base folder, the defective
    side does not. A defect because `../` in the parameter escapes the folder: path traversal
    (CWE-22).
    """
    parsed = parse(code)
    if parsed is None:
        return None
    return _carrier(code, rng, prompt, parsed, "unchecked_path_join")


@_injector("style_violation", "style")
def style_violation(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """The same code made non-PEP 8: one of `codetune.stages.pairs.rewrites.STYLE_VIOLATIONS`
    (`== None`, `== True`, bare `except`, compound statements, camelCase or ambiguous names,
    an over-long line, cramped whitespace, `type(x) == T`), each a ruff finding."""
    found = violate_style(code, rng, prompt)
    return Mutation(found[1], found[0]) if found else None


# ---------------------------------------------------------------------------------------------
# Carriers: a statement added to both sides, clean in one and defective in the other


_STRINGY = ("name", "path", "file", "key", "user", "query", "cmd", "command", "arg", "url",
            "host", "target", "dest", "src", "prefix", "tag", "label", "title", "text", "id",
            "s", "value", "word", "dir", "module", "filename", "source")  # fmt: skip


def _carrier_param(func: cst.FunctionDef, rng: random.Random) -> str | None:
    params = [*func.params.posonly_params, *func.params.params, *func.params.kwonly_params]
    names = [p.name.value for p in params if p.name.value not in ("self", "cls")]
    if not names:
        return None
    stringy = [n for n in names if n.lower().endswith(_STRINGY)]
    return rng.choice(stringy or names)


def _carrier_texts(
    kind: str, fn: str, p: str, rng: random.Random, taken: set[str]
) -> tuple[list[str], list[str], str]:
    """(clean statements, defective statements, detail) for one carrier kind."""
    q = "{" + p + "}"
    if kind == "unclosed_resource":
        fh = fresh_name(["log_file", "fh", "handle", "stream", "out_file"], taken, rng)
        path = fresh_name(["LOG_PATH", "AUDIT_LOG", "TRACE_FILE"], taken, rng)
        use = rng.choice(
            [
                f'{fh}.write(f"{fn}: {q}\\n")',
                f'print("{fn}", {p}, file={fh})',
                f"{fh}.write(repr({p}))",
            ]
        )
        opener = f'open({path}, "a", encoding="utf-8")'
        clean = [f"with {opener} as {fh}:\n    {use}\n"]
        return clean, [f"{fh} = {opener}\n", f"{use}\n"], "carrier: log file"
    if kind == "shell_true":
        command = rng.choice(
            [
                (["logger", "-t", fn], "logger -t " + fn),
                (["git", "tag"], "git tag"),
                (["grep", "-r"], "grep -r"),
                (["ls", "-l"], "ls -l"),
            ]
        )
        runner = rng.choice(["subprocess.run", "subprocess.check_call", "subprocess.call"])
        check = ", check=True" if runner == "subprocess.run" else ""
        args = ", ".join(f'"{a}"' for a in command[0])
        clean = [f"{runner}([{args}, str({p})]{check})\n"]
        bad = [f'{runner}(f"{command[1]} {q}", shell=True{check})\n']
        return ["import subprocess\n", *clean], ["import subprocess\n", *bad], "carrier: subprocess"
    if kind == "sql_string_format":
        db = fresh_name(["db", "conn", "connection", "cursor", "cur"], taken, rng)
        table, columns = rng.choice(
            [
                ("audit_log", "(event, detail)"),
                ("events", "(name, payload)"),
                ("history", "(source, item)"),
            ]
        )
        clean = f'{db}.execute("INSERT INTO {table} {columns} VALUES (?, ?)", ("{fn}", str({p})))\n'
        style = rng.choice(["fstring", "percent", "format", "concat"])
        head = f"INSERT INTO {table} {columns} VALUES ('{fn}', "
        if style == "fstring":
            query = f"f\"{head}'{q}')\""
        elif style == "percent":
            query = f"\"{head}'%s')\" % ({p},)"
        elif style == "format":
            query = f"\"{head}'{{}}')\".format({p})"
        else:
            query = f'"{head}\'" + str({p}) + "\')"'
        return [clean], [f"{db}.execute({query})\n"], f"carrier: sql {style}"
    # unchecked_path_join
    target = fresh_name(["target", "target_path", "dest", "full_path"], taken, rng)
    root = fresh_name(["root", "base", "base_dir_real"], taken, rng)
    base = fresh_name(["UPLOAD_DIR", "BASE_DIR", "DATA_DIR"], taken, rng)
    action = rng.choice(
        [
            f"os.makedirs({target}, exist_ok=True)\n",
            f'with open({target}, "w", encoding="utf-8") as {fresh_name(["fh", "handle"], taken)}:\n'
            f"    pass\n",
        ]
    )
    clean = [
        "import os\n",
        f"{root} = os.path.realpath({base})\n",
        f"{target} = os.path.realpath(os.path.join({root}, str({p})))\n",
        f"if os.path.commonpath([{root}, {target}]) != {root}:\n"
        f'    raise ValueError(f"path escapes {{{root}}}: {{{p}!r}}")\n',
        action,
    ]
    bad = [
        "import os\n",
        f"{root} = os.path.realpath({base})\n",
        f"{target} = os.path.join({root}, str({p}))\n",
        action,
    ]
    return clean, bad, "carrier: path join"


def _insertion_points(
    parsed: Parsed, func: cst.FunctionDef, prompt: str
) -> list[tuple[cst.IndentedBlock, int]]:
    """Places a statement can go: before a statement that starts after the prompt, top-level
    blocks first (nested ones only when the whole top level lies in the prompt)."""
    after = prompt_lines(prompt)
    top: list[tuple[cst.IndentedBlock, int]] = []
    nested: list[tuple[cst.IndentedBlock, int]] = []
    for block in own_nodes(func):
        if not isinstance(block, cst.IndentedBlock):
            continue
        for i, stmt in enumerate(block.body):
            if parsed.line(stmt) > after and not _is_docstring(stmt):
                (top if block is func.body else nested).append((block, i))
    return top or nested


def _is_docstring(stmt: cst.CSTNode) -> bool:
    return (
        isinstance(stmt, cst.SimpleStatementLine)
        and isinstance(stmt.body[0], cst.Expr)
        and isinstance(stmt.body[0].value, cst.SimpleString | cst.ConcatenatedString)
    )


def _insert(parsed: Parsed, block: cst.IndentedBlock, index: int, texts: list[str]) -> str | None:
    try:
        new_stmts = [cst.parse_statement(t) for t in texts]
    except Exception:
        return None
    body = list(block.body)
    anchor = body[index]
    # The anchor's comments stay where they are, above the inserted lines.
    new_stmts[0] = new_stmts[0].with_changes(leading_lines=anchor.leading_lines)
    body[index] = anchor.with_changes(leading_lines=[])
    return replace_nodes(
        parsed.module, {block: block.with_changes(body=[*body[:index], *new_stmts, *body[index:]])}
    )


def _carrier(
    code: str, rng: random.Random, prompt: str, parsed: Parsed, kind: str
) -> Mutation | None:
    func = _top_function(parsed, prompt)
    if func is None:
        return None
    param = _carrier_param(func, rng)
    points = _insertion_points(parsed, func, prompt)
    if param is None or not points:
        return None
    clean_texts, bad_texts, detail = _carrier_texts(
        kind, func.name.value, param, rng, identifiers(parsed)
    )
    rng.shuffle(points)
    for block, index in points[:4]:
        clean = _insert(parsed, block, index, clean_texts)
        bad = _insert(parsed, block, index, bad_texts)
        if clean is None or bad is None or clean == bad:
            continue
        if all(c.startswith(prompt) and compiles(c) for c in (clean, bad)):
            return Mutation(bad, detail, clean=clean)
    return None


# ---------------------------------------------------------------------------------------------
# Java and Go: token edits with tree-sitter, re-parsed to prove they still parse


def _ts_parser(language: str):  # type: ignore[no-untyped-def]
    import tree_sitter

    if language == "java":
        import tree_sitter_java as grammar
    elif language == "go":
        import tree_sitter_go as grammar
    else:
        return None
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


_TS_WRAP = {"java": ("class _Wrapper {\n", "\n}\n"), "go": ("package main\n", "")}


def _ts_tree(code: str, language: str):  # type: ignore[no-untyped-def]
    """Parse a bare method/function (wrapped so it is a whole compilation unit)."""
    parser = _ts_parser(language)
    head, tail = _TS_WRAP[language]
    source = (head + code + tail).encode()
    return parser.parse(source), len(head.encode())


def _ts_errors(code: str, language: str) -> int:
    tree, _ = _ts_tree(code, language)
    stack, count = [tree.root_node], 0
    while stack:
        node = stack.pop()
        count += node.type == "ERROR" or node.is_missing
        stack.extend(node.children)
    return count


def _ts_edits(
    code: str,
    rng: random.Random,
    prompt: str,
    language: str,
    edits: list[tuple[int, int, str, str]],
) -> Mutation | None:
    """Apply one (start, end, replacement, detail) byte edit that keeps the code parsing."""
    data = code.encode()
    start_byte = len(prompt.encode())
    baseline = _ts_errors(code, language)
    order = [e for e in edits if e[0] >= start_byte]
    rng.shuffle(order)
    for start, end, replacement, detail in order[:16]:
        out = (data[:start] + replacement.encode() + data[end:]).decode(errors="replace")
        if out != code and out.startswith(prompt) and _ts_errors(out, language) <= baseline:
            return Mutation(out, detail)
    return None


def _ts_nodes(code: str, language: str):  # type: ignore[no-untyped-def]
    tree, offset = _ts_tree(code, language)
    stack = [tree.root_node]
    while stack:
        node = stack.pop()
        yield node, offset
        stack.extend(node.children)


_TS_FLIP = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "==": "!=", "!=": "=="}
_TS_BOUNDARY = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}


def _ts_operator_swap(table: dict[str, str], detail: str) -> Callable[..., Mutation | None]:
    def run(code: str, rng: random.Random, prompt: str, language: str) -> Mutation | None:
        edits = []
        for node, offset in _ts_nodes(code, language):
            if node.type != "binary_expression":
                continue
            for child in node.children:
                op = child.type
                if op in table and child.start_byte >= offset:
                    s, e = child.start_byte - offset, child.end_byte - offset
                    edits.append((s, e, table[op], f"{detail}: {op} -> {table[op]}"))
        return _ts_edits(code, rng, prompt, language, edits)

    return run


def _ts_removed_check(pattern: re.Pattern[str], detail: str) -> Callable[..., Mutation | None]:
    """Delete an `if` statement (no else) whose condition matches `pattern`."""

    def run(code: str, rng: random.Random, prompt: str, language: str) -> Mutation | None:
        edits = []
        data = code.encode()
        for node, offset in _ts_nodes(code, language):
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
        return _ts_edits(code, rng, prompt, language, edits)

    return run


def _ts_java_swallow(code: str, rng: random.Random, prompt: str, language: str) -> Mutation | None:
    """A Java catch block's body emptied: `catch (IOException e) { }`."""
    edits = []
    data = code.encode()
    for node, offset in _ts_nodes(code, language):
        if node.type != "catch_clause":
            continue
        body = node.child_by_field_name("body")
        if body is None or body.named_child_count == 0:
            continue
        start, end = body.start_byte - offset, body.end_byte - offset
        closing_line = data[data.rfind(b"\n", 0, end - 1) + 1 : end - 1].decode(errors="replace")
        indent = closing_line if not closing_line.strip() else ""
        edits.append((start, end, "{\n" + indent + "}", "catch body emptied"))
    return _ts_edits(code, rng, prompt, language, edits)


_TREE_SITTER: dict[str, dict[str, Callable[..., Mutation | None]]] = {
    "java": {
        "flipped_comparison": _ts_operator_swap(_TS_FLIP, "flipped"),
        "off_by_one": _ts_operator_swap(_TS_BOUNDARY, "boundary"),
        "removed_none_check": _ts_removed_check(re.compile(r"[!=]= *null\b"), "null check deleted"),
        "swallowed_exception": _ts_java_swallow,
    },
    "go": {
        "flipped_comparison": _ts_operator_swap(_TS_FLIP, "flipped"),
        "off_by_one": _ts_operator_swap(_TS_BOUNDARY, "boundary"),
        "removed_none_check": _ts_removed_check(
            re.compile(r"^(?!err\b).*[!=]= *nil\b"), "nil check deleted"
        ),
        "removed_exception_handling": _ts_removed_check(
            re.compile(r"^err *!= *nil$"), "error check deleted"
        ),
    },
}


def supported_kinds(language: str) -> list[str]:
    """Kinds that can apply to `language`."""
    if language == "python":
        return list(INJECTORS)
    return [k for k in INJECTORS if k in _TREE_SITTER.get(language, {})]
