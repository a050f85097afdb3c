"""Semantic defect kinds: edits that change what a Python function computes.

- `off_by_one`: a loop bound, index, slice bound or integer comparison shifted by one;
- `flipped_comparison`: one comparison operator reversed or negated;
- `removed_none_check`: a None / emptiness / bounds guard deleted;
- `out_of_bounds`: an index made to run past the end of its sequence.

Each is `(code, rng, prompt="") -> Mutation | None`, registered with its group in
`codetune.stages.pairs.defects.INJECTORS`, which also guards it against raising. The edits only
touch code after the prompt and keep the code compiling (`mutations.first_valid`).
"""

from __future__ import annotations

import random

import libcst as cst

from codetune.lib.cstedit import (
    COMPLEMENT,
    Parsed,
    completion_nodes,
    dotted_name,
    node_edit,
    parenthesize,
    parse,
    walk,
)
from codetune.stages.pairs.mutations import Mutation, Site, first_valid

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
# The kinds


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
    for call in completion_nodes(parsed, prompt, cst.Call):
        args = call.args
        if dotted_name(call.func) != "range" or not 1 <= len(args) <= 3:
            continue
        if any(a.keyword is not None or a.star for a in args):
            continue
        stop_i = 0 if len(args) == 1 else 1
        for i, delta in [(stop_i, 1), (stop_i, -1)] + ([(0, 1)] if len(args) > 1 else []):
            new_arg = args[i].with_changes(value=shift(args[i].value, delta))
            new = call.with_changes(args=[*args[:i], new_arg, *args[i + 1 :]])
            sites.append((f"range bound {delta:+d}", node_edit(parsed, call, new)))
    for sub in completion_nodes(parsed, prompt, cst.SubscriptElement):
        s = sub.slice
        if isinstance(s, cst.Index) and s.star is None and _integer_like(s.value):
            for delta in (1, -1):
                new = sub.with_changes(slice=s.with_changes(value=shift(s.value, delta)))
                sites.append((f"index {delta:+d}", node_edit(parsed, sub, new)))
        elif isinstance(s, cst.Slice):
            for field in ("lower", "upper"):
                bound = getattr(s, field)
                if bound is not None and _integer_like(bound):
                    delta = rng.choice((1, -1))
                    new = sub.with_changes(slice=s.with_changes(**{field: shift(bound, delta)}))
                    sites.append((f"slice {field} {delta:+d}", node_edit(parsed, sub, new)))
    boundary = {
        cst.LessThan: cst.LessThanEqual,
        cst.LessThanEqual: cst.LessThan,
        cst.GreaterThan: cst.GreaterThanEqual,
        cst.GreaterThanEqual: cst.GreaterThan,
    }
    for comp in completion_nodes(parsed, prompt, cst.Comparison):
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
                sites.append(("comparison boundary", node_edit(parsed, comp, new)))
            left = target.comparator
    return first_valid(code, prompt, rng, sites)


_FLIPPED: dict[type, type] = {
    cst.LessThan: cst.GreaterThan,
    cst.GreaterThan: cst.LessThan,
    cst.LessThanEqual: cst.GreaterThanEqual,
    cst.GreaterThanEqual: cst.LessThanEqual,
    **COMPLEMENT,
}


def _new_operator(old: cst.BaseCompOp, new_type: type) -> cst.BaseCompOp:
    """`new_type` with the spacing of `old` (`not in` / `is not` also need the inner space)."""
    return new_type(
        whitespace_before=getattr(old, "whitespace_before", cst.SimpleWhitespace(" ")),
        whitespace_after=getattr(old, "whitespace_after", cst.SimpleWhitespace(" ")),
    )


def flipped_comparison(code: str, rng: random.Random, prompt: str = "") -> Mutation | None:
    """Reverse or negate one comparison operator: `<` <-> `>`, `<=` <-> `>=`, `==` <-> `!=`,
    `in` <-> `not in`, `is` <-> `is not`. A defect because the branch or filter now selects the
    opposite cases."""
    parsed = parse(code)
    if parsed is None:
        return None
    sites: list[Site] = []
    for comp in completion_nodes(parsed, prompt, cst.Comparison):
        for j, target in enumerate(comp.comparisons):
            new_type = _FLIPPED.get(type(target.operator))
            if new_type is None:
                continue
            targets = list(comp.comparisons)
            targets[j] = target.with_changes(operator=_new_operator(target.operator, new_type))
            new = comp.with_changes(comparisons=targets)
            detail = f"{type(target.operator).__name__} -> {new_type.__name__}"
            sites.append((detail, node_edit(parsed, comp, new)))
    return first_valid(code, prompt, rng, sites)


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
    for node in completion_nodes(parsed, prompt, cst.If):
        parent = parsed.parents.get(node)
        if node.orelse is not None or isinstance(parent, cst.If):
            continue
        if not isinstance(parent, cst.IndentedBlock) or len(parent.body) < 2:
            continue
        if _is_guard_test(node.test) and _is_guard_body(node.body, _mentions_none(node.test)):
            sites.append(("guard clause deleted", node_edit(parsed, node, cst.RemoveFromParent())))
    for node in completion_nodes(parsed, prompt, cst.BooleanOperation):
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
            sites.append(("guard operand dropped", node_edit(parsed, node, keep)))
    for node in completion_nodes(parsed, prompt, cst.IfExp):
        test = node.test
        if not (isinstance(test, cst.Comparison) and len(test.comparisons) == 1):
            continue
        op, comparator = test.comparisons[0].operator, test.comparisons[0].comparator
        if not (isinstance(comparator, cst.Name) and comparator.value == "None"):
            continue
        keep = node.body if isinstance(op, cst.IsNot | cst.NotEqual) else node.orelse
        if isinstance(op, cst.Is | cst.Equal | cst.IsNot | cst.NotEqual):
            keep = keep.with_changes(lpar=node.lpar, rpar=node.rpar) if node.lpar else keep
            sites.append(("None fallback dropped", node_edit(parsed, node, keep)))
    return first_valid(code, prompt, rng, sites)


def _loops_over_len(parsed: Parsed, prompt: str) -> list[tuple[cst.For, str, str]]:
    """`for v in range(len(xs))` loops: (loop, v, 'xs')."""
    out = []
    for loop in completion_nodes(parsed, prompt, cst.For):
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
            n
            for n in parsed.walk(loop.body)
            if isinstance(n, cst.Subscript) and _indexes(n, seq, var)
        ]
        if not accesses:
            continue
        it = loop.iter
        stop = it.args[-1]
        new_iter = it.with_changes(
            args=[*it.args[:-1], stop.with_changes(value=shift(stop.value, 1))]
        )
        sites.append(("loop runs one past the end", node_edit(parsed, it, new_iter)))
        for sub in accesses:
            index = sub.slice[0]
            new_index = index.with_changes(
                slice=index.slice.with_changes(value=shift(index.slice.value, 1))
            )
            sites.append(("index one past the loop", node_edit(parsed, index, new_index)))
    for sub in completion_nodes(parsed, prompt, cst.Subscript):
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
            sites.append(("last element -> len()", node_edit(parsed, index, new_index)))
    for loop in completion_nodes(parsed, prompt, cst.While):
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
            for n in parsed.walk(loop.body)
        ):
            op = _new_operator(target.operator, cst.LessThanEqual)
            new = test.with_changes(comparisons=[target.with_changes(operator=op)])
            sites.append(("while bound <= len()", node_edit(parsed, test, new)))
    return first_valid(code, prompt, rng, sites)
