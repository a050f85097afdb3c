"""Style violations: the same Python code made non-PEP 8, each one a ruff finding.

`STYLE_VIOLATIONS[name](code, rng, prompt="") -> str | None` keeps behaviour but writes one site
the way a linter rejects: `== None`, `== True`, a bare `except`, compound statements, camelCase or
ambiguous local names, one over-long line, cramped whitespace, `type(x) == T`. `STYLE_RULES`
names the ruff codes each one raises. The defect kind `style_violation`
(`codetune.stages.pairs.defects`) applies one of them, chosen by `violate_style`.

Like the equivalent rewrites (`codetune.stages.pairs.rewrites`), every function returns None
when it cannot apply, never raises, and only returns code that compiles, differs from the input
and keeps the prompt; the machinery is `codetune.lib.cstedit`.
"""

from __future__ import annotations

import functools
import itertools
import random

import libcst as cst

from codetune.lib.cstedit import (
    Parsed,
    Rewrite,
    edit_one_node,
    is_known_bool,
    never_raises,
    node_edit,
    nodes_after_prompt,
    parse,
    prompt_lines,
    replace_nodes,
    try_sites,
)
from codetune.stages.pairs.rewrites import rename_locals


def eq_none(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`x is None` -> `x == None`, `x is not None` -> `x != None` (ruff E711)."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if (
            isinstance(node, cst.ComparisonTarget)
            and isinstance(node.operator, cst.Is | cst.IsNot)
            and isinstance(node.comparator, cst.Name)
            and node.comparator.value == "None"
        ):
            op = cst.Equal() if isinstance(node.operator, cst.Is) else cst.NotEqual()
            return node.with_changes(operator=op)
        return None

    return edit_one_node(code, rng, prompt, replacement)


def eq_bool(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if f(x):` -> `if f(x) == True:`, `not f(x)` -> `f(x) == False` (ruff E712)."""

    def replacement(parsed: Parsed, test: cst.CSTNode) -> cst.CSTNode | None:
        parent = parsed.parents.get(test)
        if not isinstance(parent, cst.If | cst.While) or parent.test is not test:
            return None
        if is_known_bool(test):
            return cst.Comparison(test, [cst.ComparisonTarget(cst.Equal(), cst.Name("True"))])
        if (
            isinstance(test, cst.UnaryOperation)
            and isinstance(test.operator, cst.Not)
            and is_known_bool(test.expression)
        ):
            return cst.Comparison(
                test.expression, [cst.ComparisonTarget(cst.Equal(), cst.Name("False"))]
            )
        return None

    return edit_one_node(code, rng, prompt, replacement)


def bare_except(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`except SomeError:` -> `except:` (ruff E722), when the handler does not bind a name."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if isinstance(node, cst.ExceptHandler) and node.type is not None and node.name is None:
            return node.with_changes(type=None, whitespace_after_except=cst.SimpleWhitespace(""))
        return None

    return edit_one_node(code, rng, prompt, replacement)


def compound_statement(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if c:` + an indented one-line body -> `if c: body` on one line (ruff E701), or two
    consecutive simple statements joined with `;` (ruff E702)."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in nodes_after_prompt(parsed, prompt):
        if (
            isinstance(node, cst.If | cst.For | cst.While)
            and isinstance(node.body, cst.IndentedBlock)
            and len(node.body.body) == 1
            and isinstance(node.body.body[0], cst.SimpleStatementLine)
            and node.body.header.comment is None
            and not node.body.body[0].leading_lines
            and getattr(node, "orelse", None) is None
        ):
            line = node.body.body[0]
            suite = cst.SimpleStatementSuite(
                body=line.body, trailing_whitespace=line.trailing_whitespace
            )
            sites.append(node_edit(parsed, node, node.with_changes(body=suite)))
        if isinstance(node, cst.IndentedBlock):
            body = list(node.body)
            for a, b in itertools.pairwise(body):
                if (
                    isinstance(a, cst.SimpleStatementLine)
                    and isinstance(b, cst.SimpleStatementLine)
                    and not b.leading_lines
                    and a.trailing_whitespace.comment is None
                    and parsed.line(a) > after
                    and "\n" not in parsed.code_of(a).rstrip("\n")
                ):
                    joined = a.with_changes(
                        body=[
                            *a.body[:-1],
                            a.body[-1].with_changes(
                                semicolon=cst.Semicolon(whitespace_after=cst.SimpleWhitespace(" "))
                            ),
                            *b.body,
                        ],
                        trailing_whitespace=b.trailing_whitespace,
                    )
                    sites.append(
                        functools.partial(
                            replace_nodes,
                            parsed.module,
                            {a: joined, b: cst.RemoveFromParent()},
                        )
                    )
    return try_sites(code, prompt, rng, sites)


def camel_case_names(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """Local variables renamed to camelCase (`user_id` -> `userId`, ruff N806)."""
    return rename_locals(code, rng, prompt, style="camel")


def ambiguous_names(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """One local variable renamed to `l`, `O` or `I` (ruff E741)."""
    return rename_locals(code, rng, prompt, style="ambiguous", max_names=1)


class _Flatten(cst.CSTTransformer):
    """Every line break inside brackets becomes one space: the statement fits on one line."""

    def leave_ParenthesizedWhitespace(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        return cst.SimpleWhitespace(" ")


def long_line(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """A statement wrapped over several lines joined onto one line over 100 characters (ruff
    E501 at the project's limit). Statements holding comments or multi-line strings are skipped."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if not isinstance(node, cst.SimpleStatementLine):
            return None
        text = parsed.code_of(node)
        if "#" in text or '"""' in text or "'''" in text or text.count("\n") < 2:
            return None
        new = node.visit(_Flatten())
        width = len(parsed.module.code_for_node(new).strip()) + 4 * _depth(parsed, node)
        return new if width > 100 else None

    return edit_one_node(code, rng, prompt, replacement)


def _depth(parsed: Parsed, node: cst.CSTNode) -> int:
    return sum(isinstance(a, cst.IndentedBlock) for a in parsed.ancestors(node))


class _Cramp(cst.CSTTransformer):
    """Spaces around binary/comparison operators, `=` and after commas removed."""

    def _tight(self, node):  # type: ignore[no-untyped-def]
        changes = {}
        for field in ("whitespace_before", "whitespace_after"):
            ws = getattr(node, field, None)
            if isinstance(ws, cst.SimpleWhitespace):
                changes[field] = cst.SimpleWhitespace("")
        return node.with_changes(**changes)

    def leave_Comma(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        return self._tight(updated_node)

    def leave_Add(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        return self._tight(updated_node)

    leave_Subtract = leave_Add
    leave_Multiply = leave_Add
    leave_Modulo = leave_Add
    leave_Equal = leave_Add
    leave_NotEqual = leave_Add
    leave_LessThan = leave_Add
    leave_GreaterThan = leave_Add
    leave_LessThanEqual = leave_Add
    leave_GreaterThanEqual = leave_Add
    leave_AssignEqual = leave_Add


def cramped_whitespace(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """One statement written without spaces around operators and after commas (`x=a+b*c`,
    `f(a,b)`: pycodestyle E225/E231, ruff preview rules)."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if not isinstance(node, cst.SimpleStatementLine):
            return None
        new = node.visit(_Cramp())
        return new if parsed.module.code_for_node(new) != parsed.code_of(node) else None

    return edit_one_node(code, rng, prompt, replacement)


def type_comparison(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`isinstance(x, T)` -> `type(x) == T` (ruff E721; also ignores subclasses)."""

    def replacement(parsed: Parsed, node: cst.CSTNode) -> cst.CSTNode | None:
        if not (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Name)
            and node.func.value == "isinstance"
            and len(node.args) == 2
            and all(a.keyword is None and not a.star for a in node.args)
            and isinstance(node.args[1].value, cst.Name | cst.Attribute)
        ):
            return None
        obj, typ = node.args[0].value, node.args[1].value
        new = cst.Comparison(
            cst.Call(cst.Name("type"), [cst.Arg(obj.with_changes(lpar=[], rpar=[]))]),
            [cst.ComparisonTarget(cst.Equal(), typ)],
            lpar=node.lpar,
            rpar=node.rpar,
        )
        parent = parsed.parents.get(node)
        if not isinstance(parent, cst.If | cst.While | cst.IfExp | cst.Arg | cst.Return):
            new = new.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])
        return new

    return edit_one_node(code, rng, prompt, replacement)


STYLE_VIOLATIONS: dict[str, Rewrite] = {
    "eq_none": never_raises(eq_none),
    "eq_bool": never_raises(eq_bool),
    "bare_except": never_raises(bare_except),
    "compound_statement": never_raises(compound_statement),
    "camel_case_names": never_raises(camel_case_names),
    "ambiguous_names": never_raises(ambiguous_names),
    "long_line": never_raises(long_line),
    "cramped_whitespace": never_raises(cramped_whitespace),
    "type_comparison": never_raises(type_comparison),
}

# ruff codes each violation raises (documentation, and what the tests check).
STYLE_RULES: dict[str, tuple[str, ...]] = {
    "eq_none": ("E711",),
    "eq_bool": ("E712",),
    "bare_except": ("E722",),
    "compound_statement": ("E701", "E702"),
    "camel_case_names": ("N806",),
    "ambiguous_names": ("E741",),
    "long_line": ("E501",),
    "cramped_whitespace": ("E225", "E226", "E227", "E228", "E231"),
    "type_comparison": ("E721",),
}


def violate_style(
    code: str, rng: random.Random, prompt: str = "", names: list[str] | None = None
) -> tuple[str, str] | None:
    """Apply one applicable style violation, chosen at random: (name, new code)."""
    order = list(names or STYLE_VIOLATIONS)
    rng.shuffle(order)
    for name in order:
        out = STYLE_VIOLATIONS[name](code, rng, prompt)
        if out is not None:
            return name, out
    return None
