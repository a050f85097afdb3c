"""Behaviour-preserving rewrites of Python functions: the augmentation catalogue.

`EQUIVALENT_REWRITES[name](code, rng, prompt="") -> str | None` rewrites one site so the code
does the same thing written another way: local variables renamed (`rename_locals`), `x += 1` <->
`x = x + 1`, comprehension <-> loop, early return <-> else branch, inverted if/else, `not f()`
<-> `f() == False`. The pair builder applies one of `AUGMENTATIONS` to both sides of a pair, so
the model cannot key on surface form (`rewrite_equivalent`).

Every rewrite returns None when it cannot apply, never raises on odd input (`never_raises`), and
only returns code that compiles, differs from the input and still starts with `prompt`. The
parse -> sites -> try machinery is `codetune.lib.cstedit`; the same code made worse in style is
`codetune.stages.pairs.style_violations`.
"""

from __future__ import annotations

import functools
import itertools
import random
from collections.abc import Callable

import libcst as cst

from codetune.lib.cstedit import (
    Parsed,
    Rewrite,
    dotted_name,
    edit_one_block,
    edit_one_node,
    finish,
    fresh_name,
    identifiers,
    is_known_bool,
    negate,
    never_raises,
    parse,
    prompt_lines,
    renamable_locals,
    replace_nodes,
    statement_nodes,
    try_sites,
    walk,
)

# ---------------------------------------------------------------------------------------------
# Renaming


# Names `rename_locals` picks for augmentation: neutral, so a renamed function gives nothing away.
GENERIC_NAMES = [
    "temp_var", "value", "item", "result_value", "data", "tmp", "obj", "elem", "current",
    "entry", "val", "var_1", "var_2", "aux", "buf",
]  # fmt: skip


def _camel(name: str) -> str:
    head, *rest = name.strip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def rename_locals(
    code: str,
    rng: random.Random,
    prompt: str = "",
    *,
    style: str = "generic",
    max_names: int = 3,
    respell: Callable[[str], str | None] | None = None,
) -> str | None:
    """Rename up to `max_names` local variables, keeping behaviour.

    style "generic" picks neutral names (`user_id` -> `temp_var`), "camel" camelCase spellings
    (`user_id` -> `userId`, a PEP 8 / N806 violation), "ambiguous" the names `l`, `O`, `I`
    (ruff E741). Parameters are never renamed: they are part of the signature callers use.
    Which locals qualify is `cstedit.renamable_locals`; the camel and ambiguous styles serve
    `style_violations`. `respell` (a name -> its new spelling, or None) replaces the style:
    convention pairs respell names against the team's own profile.
    """
    parsed = parse(code)
    if parsed is None:
        return None
    candidates = renamable_locals(parsed, prompt)
    if style != "generic" or respell is not None:
        # Linters judge names where they are assigned, not comprehension variables.
        candidates = {
            k: v
            for k, v in candidates.items()
            if any(isinstance(parsed.parents.get(n), cst.AssignTarget) for n in v)
            and (style != "camel" or _camel(k) != k)
            and (respell is None or respell(k) is not None)
        }
    if not candidates:
        return None
    chosen = rng.sample(sorted(candidates), k=min(len(candidates), rng.randint(1, max_names)))
    taken = identifiers(parsed)
    mapping: dict[str, str] = {}
    for old in chosen:
        if respell is not None:
            pool = [respell(old) or old]
        elif style == "camel":
            pool = [_camel(old)]
        elif style == "ambiguous":
            pool = ["l", "O", "I"]
        else:
            pool = GENERIC_NAMES
        new = fresh_name(pool, taken, rng)
        if (respell is not None or style in ("camel", "ambiguous")) and new not in pool:
            continue
        taken.add(new)
        mapping[old] = new
    replacements = {
        node: node.with_changes(value=mapping[name])
        for name, nodes in candidates.items()
        if name in mapping
        for node in nodes
    }
    if not replacements:
        return None
    return finish(code, replace_nodes(parsed.module, replacements), prompt)


# ---------------------------------------------------------------------------------------------
# Behaviour-preserving rewrites


_AUG_TO_BIN = {
    cst.AddAssign: cst.Add,
    cst.SubtractAssign: cst.Subtract,
    cst.MultiplyAssign: cst.Multiply,
}
_BIN_TO_AUG = {v: k for k, v in _AUG_TO_BIN.items()}


def augassign_expand(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`x += 1` -> `x = x + 1`; only numeric literals on plain names, where both are identical
    (a list's `+=` mutates in place, `x = x + y` does not)."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if not (
            isinstance(node, cst.AugAssign)
            and isinstance(node.target, cst.Name)
            and type(node.operator) in _AUG_TO_BIN
            and isinstance(node.value, cst.Integer | cst.Float)
        ):
            return None
        op = _AUG_TO_BIN[type(node.operator)]()
        return cst.Assign(
            targets=[cst.AssignTarget(node.target)],
            value=cst.BinaryOperation(node.target, op, node.value),
        )

    return edit_one_node(code, rng, prompt, replacement)


def augassign_contract(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`x = x + 1` -> `x += 1` (numeric literal, plain name)."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if not (isinstance(node, cst.Assign) and len(node.targets) == 1):
            return None
        target, value = node.targets[0].target, node.value
        if (
            isinstance(target, cst.Name)
            and isinstance(value, cst.BinaryOperation)
            and not value.lpar
            and type(value.operator) in _BIN_TO_AUG
            and isinstance(value.left, cst.Name)
            and value.left.value == target.value
            and isinstance(value.right, cst.Integer | cst.Float)
        ):
            return cst.AugAssign(target, _BIN_TO_AUG[type(value.operator)](), value.right)
        return None

    return edit_one_node(code, rng, prompt, replacement)


def not_to_eq_false(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`not isinstance(x, T)` -> `isinstance(x, T) == False`; only for calls known to return a
    bool, where both spellings are the same value."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if (
            isinstance(node, cst.UnaryOperation)
            and isinstance(node.operator, cst.Not)
            and is_known_bool(node.expression)
        ):
            return cst.Comparison(
                node.expression.with_changes(lpar=[], rpar=[]),
                [cst.ComparisonTarget(cst.Equal(), cst.Name("False"))],
                lpar=node.lpar,
                rpar=node.rpar,
            )
        return None

    return edit_one_node(code, rng, prompt, replacement)


def eq_false_to_not(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`f(x) == False` -> `not f(x)` (the reverse of `not_to_eq_false`, same restriction)."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if (
            isinstance(node, cst.Comparison)
            and len(node.comparisons) == 1
            and isinstance(node.comparisons[0].operator, cst.Equal)
            and isinstance(node.comparisons[0].comparator, cst.Name)
            and node.comparisons[0].comparator.value == "False"
            and is_known_bool(node.left)
        ):
            return cst.UnaryOperation(cst.Not(), node.left, lpar=node.lpar, rpar=node.rpar)
        return None

    return edit_one_node(code, rng, prompt, replacement)


def _count_names(node: cst.CSTNode) -> dict[str, int]:
    counts: dict[str, int] = {}
    for n in walk(node):
        if isinstance(n, cst.Name):
            counts[n.value] = counts.get(n.value, 0) + 1
    return counts


def _target_names(target: cst.CSTNode) -> set[str]:
    return {n.value for n in walk(target) if isinstance(n, cst.Name)}


def _has_risky_parts(node: cst.CSTNode) -> bool:
    """Constructs whose meaning depends on the enclosing scope (closures, yields, walrus)."""
    return any(
        isinstance(n, cst.Lambda | cst.Yield | cst.Await | cst.NamedExpr | cst.FunctionDef)
        for n in walk(node)
    )


def _one_line(parsed: Parsed, node: cst.CSTNode) -> str:
    text = parsed.code_of(node)
    return f"({text})" if "\n" in text else text


def comprehension_to_loop(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`out = [f(x) for x in xs if p(x)]` -> `out = []` + `for`/`if`/`out.append(...)` (also set
    and dict comprehensions). Applies only when the loop variables appear nowhere else in the code
    (the loop leaks them into the function scope) and the target is not read inside."""
    parsed = parse(code)
    if parsed is None:
        return None
    module_counts = _count_names(parsed.module)
    sites = []
    for line in statement_nodes(parsed, prompt):
        if not (isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1):
            continue
        stmt = line.body[0]
        if not (isinstance(stmt, cst.Assign) and len(stmt.targets) == 1):
            continue
        target, comp = stmt.targets[0].target, stmt.value
        if not isinstance(target, cst.Name) or not isinstance(
            comp, cst.ListComp | cst.SetComp | cst.DictComp
        ):
            continue
        text = parsed.code_of(comp)
        comp_counts = _count_names(comp)
        if "#" in text or _has_risky_parts(comp) or target.value in comp_counts:
            continue
        clauses = []
        loop_vars: set[str] = set()
        for_in: cst.CompFor | None = comp.for_in
        while for_in is not None:
            if for_in.asynchronous is not None:
                break
            clauses.append(for_in)
            loop_vars |= _target_names(for_in.target)
            for_in = for_in.inner_for_in
        else:
            if any(module_counts.get(v, 0) != comp_counts.get(v, 0) for v in loop_vars):
                continue
            name = target.value
            lines, depth = [], 0
            for clause in clauses:
                lines.append(
                    "    " * depth
                    + f"for {_one_line(parsed, clause.target)} in {_one_line(parsed, clause.iter)}:"
                )
                depth += 1
                for cond in clause.ifs:
                    lines.append("    " * depth + f"if {_one_line(parsed, cond.test)}:")
                    depth += 1
            if isinstance(comp, cst.ListComp):
                empty, add = "[]", f"{name}.append({parsed.code_of(comp.elt)})"
            elif isinstance(comp, cst.SetComp):
                empty, add = "set()", f"{name}.add({parsed.code_of(comp.elt)})"
            else:
                key, value = parsed.code_of(comp.key), parsed.code_of(comp.value)
                empty, add = "{}", f"{name}[{key}] = {value}"
            lines.append("    " * depth + add)
            sites.append(
                functools.partial(_splice_text, parsed, line, [f"{name} = {empty}\n", *lines])
            )
    return try_sites(code, prompt, rng, sites)


def _splice_text(parsed: Parsed, old: cst.BaseStatement, texts: list[str]) -> str | None:
    """Replace statement `old` with statements parsed from text (the first one keeps the old
    statement's leading comments and blank lines)."""
    try:
        new = [cst.parse_statement(texts[0])]
        if len(texts) > 1:
            new.append(cst.parse_statement("\n".join(texts[1:]) + "\n"))
    except Exception:
        return None
    new[0] = new[0].with_changes(leading_lines=old.leading_lines)
    return replace_nodes(parsed.module, {old: cst.FlattenSentinel(new)})


def _empty_collection(expr: cst.BaseExpression) -> str | None:
    if isinstance(expr, cst.List) and not expr.elements:
        return "list"
    if isinstance(expr, cst.Dict) and not expr.elements:
        return "dict"
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Name)
        and expr.func.value in ("list", "set", "dict")
        and not expr.args
    ):
        return expr.func.value
    return None


def _body_statements(node: cst.CSTNode) -> list[cst.CSTNode] | None:
    """The statements of a block-bearing node's body, when it is an indented block."""
    body = getattr(node, "body", None)
    if isinstance(body, cst.IndentedBlock):
        return list(body.body)
    return None


def loop_to_comprehension(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`out = []` + `for x in xs: [if p(x):] out.append(f(x))` -> `out = [f(x) for x in xs
    if p(x)]` (also `set()`/`.add` and `{}`/`out[k] = v`). Applies only when the loop variables
    are not used after the loop and the target is not read inside it."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    module_counts = _count_names(parsed.module)
    sites = []
    for block in parsed.walk():
        if not isinstance(block, cst.IndentedBlock):
            continue
        body = list(block.body)
        for first, loop in itertools.pairwise(body):
            if parsed.line(first) <= after or not isinstance(loop, cst.For):
                continue
            if not (
                isinstance(first, cst.SimpleStatementLine)
                and len(first.body) == 1
                and isinstance(first.body[0], cst.Assign)
                and len(first.body[0].targets) == 1
                and isinstance(first.body[0].targets[0].target, cst.Name)
            ):
                continue
            kind = _empty_collection(first.body[0].value)
            name = first.body[0].targets[0].target.value
            if kind is None or loop.orelse is not None or loop.asynchronous is not None:
                continue
            if "#" in parsed.code_of(loop) or any(
                line.comment is not None for line in loop.leading_lines
            ):
                continue
            conds: list[str] = []
            stmts = _body_statements(loop)
            while stmts and len(stmts) == 1 and isinstance(stmts[0], cst.If):
                if stmts[0].orelse is not None:
                    break
                conds.append(_one_line(parsed, stmts[0].test))
                stmts = _body_statements(stmts[0])
            if not stmts or len(stmts) != 1 or not isinstance(stmts[0], cst.SimpleStatementLine):
                continue
            if len(stmts[0].body) != 1:
                continue
            inner = stmts[0].body[0]
            element = _added_element(parsed, inner, name, kind)
            if element is None:
                continue
            loop_counts = _count_names(loop)
            loop_vars = _target_names(loop.target)
            if loop_counts.get(name, 0) != 1 or _has_risky_parts(loop):
                continue
            if any(module_counts.get(v, 0) != loop_counts.get(v, 0) for v in loop_vars):
                continue
            ifs = "".join(f" if {c}" for c in conds)
            head = f"for {_one_line(parsed, loop.target)} in {_one_line(parsed, loop.iter)}{ifs}"
            if kind == "list":
                value = f"[{element} {head}]"
            elif kind == "set":
                value = f"{{{element} {head}}}"
            else:
                value = f"{{{element} {head}}}"
            new_text = f"{name} = {value}\n"
            sites.append(functools.partial(_merge_two, parsed, first, loop, new_text))
    return try_sites(code, prompt, rng, sites)


def _added_element(parsed: Parsed, stmt: cst.CSTNode, name: str, kind: str) -> str | None:
    """The element `stmt` adds to collection `name` ('x' of `name.append(x)`), else None."""
    if kind in ("list", "set") and isinstance(stmt, cst.Expr) and isinstance(stmt.value, cst.Call):
        call = stmt.value
        method = "append" if kind == "list" else "add"
        if (
            dotted_name(call.func) == f"{name}.{method}"
            and len(call.args) == 1
            and call.args[0].keyword is None
            and not call.args[0].star
        ):
            return parsed.code_of(call.args[0].value)
    if (
        kind == "dict"
        and isinstance(stmt, cst.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0].target, cst.Subscript)
    ):
        sub = stmt.targets[0].target
        if (
            isinstance(sub.value, cst.Name)
            and sub.value.value == name
            and len(sub.slice) == 1
            and isinstance(sub.slice[0].slice, cst.Index)
        ):
            key = parsed.code_of(sub.slice[0].slice.value)
            return f"{key}: {parsed.code_of(stmt.value)}"
    return None


def _merge_two(parsed: Parsed, first: cst.BaseStatement, second: cst.BaseStatement, text: str):
    try:
        new = cst.parse_statement(text).with_changes(leading_lines=first.leading_lines)
    except Exception:
        return None
    return replace_nodes(parsed.module, {first: new, second: cst.RemoveFromParent()})


def _ends_in_exit(block: cst.BaseSuite) -> bool:
    if not isinstance(block, cst.IndentedBlock) or not block.body:
        return False
    last = block.body[-1]
    return isinstance(last, cst.SimpleStatementLine) and isinstance(
        last.body[-1], cst.Return | cst.Raise
    )


def early_return_to_else(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if c: ...; return a` followed by more statements -> the rest moved into an `else:`."""

    def replacement(
        parsed: Parsed, block: cst.IndentedBlock, body: list[cst.BaseStatement], i: int
    ) -> cst.CSTNode | None:
        stmt = body[i]
        if (
            isinstance(stmt, cst.If)
            and stmt.orelse is None
            and i < len(body) - 1
            and _ends_in_exit(stmt.body)
            and len(body) - i - 1 <= 12
        ):
            new_if = stmt.with_changes(orelse=cst.Else(body=cst.IndentedBlock(body=body[i + 1 :])))
            return block.with_changes(body=[*body[:i], new_if])
        return None

    return edit_one_block(code, rng, prompt, replacement)


def else_to_early_return(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if c: ...; return a` + `else: rest` -> the `else` dropped and `rest` dedented after it."""

    def replacement(
        parsed: Parsed, block: cst.IndentedBlock, body: list[cst.BaseStatement], i: int
    ) -> cst.CSTNode | None:
        stmt = body[i]
        if (
            isinstance(stmt, cst.If)
            and isinstance(stmt.orelse, cst.Else)
            and isinstance(stmt.orelse.body, cst.IndentedBlock)
            and _ends_in_exit(stmt.body)
            and not any(line.comment for line in stmt.orelse.leading_lines)
            and stmt.orelse.body.header.comment is None
        ):
            rest = list(stmt.orelse.body.body)
            return block.with_changes(
                body=[*body[:i], stmt.with_changes(orelse=None), *rest, *body[i + 1 :]]
            )
        return None

    return edit_one_block(code, rng, prompt, replacement)


def invert_if_else(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if c: A else: B` -> `if <not c>: B else: A`."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if (
            isinstance(node, cst.If)
            and isinstance(node.orelse, cst.Else)
            and not isinstance(parsed.parents.get(node), cst.If)  # not an elif
        ):
            return node.with_changes(
                test=negate(node.test),
                whitespace_before_test=cst.SimpleWhitespace(" "),
                body=node.orelse.body,
                orelse=node.orelse.with_changes(body=node.body),
            )
        return None

    return edit_one_node(code, rng, prompt, replacement)


def rename_generic(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """Local variables renamed to neutral names (`user_id` -> `temp_var`)."""
    return rename_locals(code, rng, prompt, style="generic")


EQUIVALENT_REWRITES: dict[str, Rewrite] = {
    "rename_locals": never_raises(rename_generic),
    "augassign_expand": never_raises(augassign_expand),
    "augassign_contract": never_raises(augassign_contract),
    "not_to_eq_false": never_raises(not_to_eq_false),
    "eq_false_to_not": never_raises(eq_false_to_not),
    "comprehension_to_loop": never_raises(comprehension_to_loop),
    "loop_to_comprehension": never_raises(loop_to_comprehension),
    "early_return_to_else": never_raises(early_return_to_else),
    "else_to_early_return": never_raises(else_to_early_return),
    "invert_if_else": never_raises(invert_if_else),
}


# Rewrites used for augmentation by default: `not_to_eq_false` keeps behaviour but writes
# `== False` (ruff E712), which must not appear on the chosen side of a pair.
AUGMENTATIONS = [name for name in EQUIVALENT_REWRITES if name != "not_to_eq_false"]


def rewrite_equivalent(
    code: str, rng: random.Random, prompt: str = "", names: list[str] | None = None
) -> tuple[str, str] | None:
    """Apply one applicable behaviour-preserving rewrite, chosen at random: (name, new code).
    `names` defaults to `AUGMENTATIONS`."""
    order = list(names or AUGMENTATIONS)
    rng.shuffle(order)
    for name in order:
        out = EQUIVALENT_REWRITES[name](code, rng, prompt)
        if out is not None:
            return name, out
    return None
