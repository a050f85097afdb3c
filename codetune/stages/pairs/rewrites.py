"""Source rewrites on Python code with libcst, so comments and layout survive.

Three families, each a registry of small named functions `(code, rng, prompt) -> str | None`:

- `rename_locals`: local variables get other names (augmentation, or bad names for style).
- `EQUIVALENT_REWRITES`: transforms that keep behaviour (`x += 1` <-> `x = x + 1`, comprehension
  <-> loop, early return <-> else branch, inverted if/else, `not f()` <-> `f() == False`).
- `STYLE_VIOLATIONS`: the same code made non-PEP 8 / ruff-failing (`== None`, bare `except`,
  compound statements, ambiguous names, one over-long line, cramped whitespace...).

Every function returns None when it cannot apply, never raises on odd input, and only returns code
that compiles, differs from the input and still starts with `prompt` (a rewrite never touches
the prompt: pairs and completions keep the prompt they were given). The helpers at the top
(`parse`, `finish`, `replace_nodes`...) are shared with `codetune.stages.pairs.defects`.
"""

from __future__ import annotations

import builtins
import functools
import itertools
import keyword
import random
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import libcst as cst
from libcst.metadata import (
    Assignment,
    CodeRange,
    ComprehensionScope,
    FunctionScope,
    MetadataWrapper,
    PositionProvider,
    ScopeProvider,
)

Rewrite = Callable[[str, random.Random, str], str | None]

# Candidate sites tried per call: enough to get past sites that break the prompt, bounded so one
# huge function never costs seconds.
MAX_TRIES = 12


# ---------------------------------------------------------------------------------------------
# Shared helpers (also used by defects.py)


@dataclass(frozen=True)
class Parsed:
    """A parsed module with node positions and a child -> parent map (nodes are immutable)."""

    module: cst.Module
    positions: Mapping[cst.CSTNode, CodeRange]
    parents: Mapping[cst.CSTNode, cst.CSTNode]

    def line(self, node: cst.CSTNode) -> int:
        pos = self.positions.get(node)
        return pos.start.line if pos else 0

    def end_line(self, node: cst.CSTNode) -> int:
        pos = self.positions.get(node)
        return pos.end.line if pos else 0

    def code_of(self, node: cst.CSTNode) -> str:
        return self.module.code_for_node(node)

    def ancestors(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        while node in self.parents:
            node = self.parents[node]
            yield node


def _parent_map(module: cst.Module) -> dict[cst.CSTNode, cst.CSTNode]:
    parents: dict[cst.CSTNode, cst.CSTNode] = {}
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        for child in node.children:
            parents[child] = node
            stack.append(child)
    return parents


@functools.lru_cache(maxsize=16)
def parse(code: str) -> Parsed | None:
    """Parse once per distinct code (cached: every injector of a pair builder reuses it)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(code, "<candidate>", "exec", dont_inherit=True)
        module = cst.parse_module(code)
        wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
        positions = wrapper.resolve(PositionProvider)
    except (SyntaxError, ValueError, RecursionError, MemoryError, cst.ParserSyntaxError):
        return None
    except Exception:  # libcst raises assorted internal errors on exotic input; never crash
        return None
    return Parsed(module, positions, _parent_map(module))


def prompt_lines(prompt: str) -> int:
    """Number of whole lines of the prompt: nodes starting after this line may be changed."""
    return prompt.count("\n")


def compiles(code: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(code, "<candidate>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


def finish(original: str, candidate: str | None, prompt: str) -> str | None:
    """The candidate if it is a real, valid change that keeps the prompt, else None."""
    if candidate is None or candidate == original or not candidate.startswith(prompt):
        return None
    return candidate if compiles(candidate) else None


class _Replace(cst.CSTTransformer):
    def __init__(self, replacements: Mapping[cst.CSTNode, object]) -> None:
        super().__init__()
        self.replacements = replacements

    def on_leave(self, original_node, updated_node):  # type: ignore[no-untyped-def]
        if original_node in self.replacements:
            return self.replacements[original_node]
        return updated_node


def replace_nodes(module: cst.Module, replacements: Mapping[cst.CSTNode, object]) -> str | None:
    """Code of `module` with nodes swapped (a node, a `cst.FlattenSentinel` or a removal)."""
    try:
        return module.visit(_Replace(replacements)).code
    except Exception:  # an invalid replacement for the context: this site does not apply
        return None


def try_sites(
    original: str,
    prompt: str,
    rng: random.Random,
    sites: list[Callable[[], str | None]],
    tries: int = MAX_TRIES,
) -> str | None:
    """Try candidate edits in random order; the first valid one wins."""
    order = list(sites)
    rng.shuffle(order)
    for make in order[:tries]:
        out = finish(original, make(), prompt)
        if out is not None:
            return out
    return None


def dotted_name(node: cst.CSTNode) -> str:
    """'os.path.join' for a Name/Attribute chain, '' for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else ""
    return ""


def walk(node: cst.CSTNode) -> Iterator[cst.CSTNode]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


def function_defs(parsed: Parsed) -> list[cst.FunctionDef]:
    return [n for n in walk(parsed.module) if isinstance(n, cst.FunctionDef)]


def own_nodes(func: cst.FunctionDef) -> Iterator[cst.CSTNode]:
    """Nodes of a function's body, not descending into nested functions, classes or lambdas."""
    stack: list[cst.CSTNode] = [func.body]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, cst.FunctionDef | cst.ClassDef | cst.Lambda):
            continue
        stack.extend(reversed(node.children))


def identifiers(parsed: Parsed) -> set[str]:
    """Every identifier spelled anywhere in the code (names, attributes, keywords, params)."""
    return {n.value for n in walk(parsed.module) if isinstance(n, cst.Name)}


def fresh_name(candidates: list[str], taken: set[str], rng: random.Random | None = None) -> str:
    """A name from `candidates` (shuffled when rng is given) not in `taken`, else a numbered one."""
    pool = list(candidates)
    if rng is not None:
        rng.shuffle(pool)
    for name in pool:
        if name not in taken and not keyword.iskeyword(name) and not hasattr(builtins, name):
            return name
    base = candidates[0] if candidates else "var"
    i = 1
    while f"{base}_{i}" in taken:
        i += 1
    return f"{base}_{i}"


def is_atomic(expr: cst.BaseExpression) -> bool:
    """True when `expr` can take an operator without parentheses."""
    return bool(expr.lpar) or isinstance(
        expr,
        cst.Name
        | cst.Attribute
        | cst.Call
        | cst.Subscript
        | cst.Integer
        | cst.Float
        | cst.SimpleString
        | cst.List
        | cst.Tuple
        | cst.Dict
        | cst.Set,
    )


def parenthesize(expr: cst.BaseExpression) -> cst.BaseExpression:
    if is_atomic(expr):
        return expr
    return expr.with_changes(lpar=[cst.LeftParen()], rpar=[cst.RightParen()])


_BOOL_FUNCTIONS = {"isinstance", "issubclass", "callable", "hasattr", "bool", "all", "any"}
_BOOL_METHODS = {
    "startswith",
    "endswith",
    "isdigit",
    "isalpha",
    "isalnum",
    "isspace",
    "isupper",
    "islower",
    "isidentifier",
    "isdecimal",
    "isnumeric",
    "isascii",
    "istitle",
    "exists",
    "isfile",
    "isdir",
    "is_dir",
    "is_file",
    "isabs",
    "is_absolute",
}


def is_known_bool(expr: cst.BaseExpression) -> bool:
    """Expressions that always evaluate to a bool, so `x == False` means exactly `not x`."""
    if isinstance(expr, cst.Call):
        if isinstance(expr.func, cst.Name):
            return expr.func.value in _BOOL_FUNCTIONS
        if isinstance(expr.func, cst.Attribute):
            return expr.func.attr.value in _BOOL_METHODS
    return False


def never_raises(rewrite: Rewrite) -> Rewrite:
    """Registry entries return None instead of raising: an unforeseen construct in one of
    thousands of functions must cost that function its rewrite, not the whole stage. The bare
    function stays reachable as `__wrapped__` (the tests call it, so bugs still surface)."""

    @functools.wraps(rewrite)
    def run(code: str, rng: random.Random, prompt: str = "") -> str | None:
        try:
            return rewrite(code, rng, prompt)
        except Exception:
            return None

    return run


# ---------------------------------------------------------------------------------------------
# Renaming


# Locals whose rename would be visible through introspection.
_INTROSPECTION = {"locals", "vars", "eval", "exec", "dir", "__import__"}

GENERIC_NAMES = [
    "temp_var",
    "value",
    "item",
    "result_value",
    "data",
    "tmp",
    "obj",
    "elem",
    "current",
    "entry",
    "val",
    "var_1",
    "var_2",
    "aux",
    "buf",
]


def _camel(name: str) -> str:
    head, *rest = name.strip("_").split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def renamable_locals(parsed: Parsed, prompt: str = "") -> dict[str, list[cst.Name]]:
    """Local variable name -> every Name node spelling it, for names safe to rename.

    A name qualifies only when every variable-like occurrence of that spelling in the code is a
    binding in a function or comprehension scope, or an access resolved to such bindings, and all
    lie after the prompt: no parameters, globals, builtins, class attributes, `global`/`nonlocal`,
    `del`, or string annotations. Renaming to a fresh spelling then cannot shadow or be shadowed.
    """
    after = prompt_lines(prompt)
    module = parsed.module
    names_used = identifiers(parsed)
    if names_used & _INTROSPECTION:
        return {}
    try:
        scopes = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    except Exception:
        return {}
    local_scopes = {s for s in scopes.values() if isinstance(s, FunctionScope | ComprehensionScope)}
    all_scopes = {s for s in scopes.values() if s is not None}

    bindings: dict[str, set[cst.CSTNode]] = {}
    bad: set[str] = set()
    local_assignments: set[int] = set()
    for scope in local_scopes:
        for assignment in scope.assignments:
            if not isinstance(assignment, Assignment):
                continue
            if isinstance(assignment.node, cst.Name):
                bindings.setdefault(assignment.name, set()).add(assignment.node)
                local_assignments.add(id(assignment))
            else:  # a parameter, import, def or class binds this spelling somewhere
                bad.add(assignment.name)
    accesses: dict[str, set[cst.CSTNode]] = {}
    for scope in all_scopes:
        for access in scope.accesses:
            name = getattr(access.node, "value", None)
            if not isinstance(access.node, cst.Name) or name not in bindings:
                if isinstance(name, str):
                    bad.add(name)
                continue
            if not access.referents or any(
                id(ref) not in local_assignments for ref in access.referents
            ):
                bad.add(name)
            accesses.setdefault(name, set()).add(access.node)

    variable_like: dict[str, set[cst.CSTNode]] = {}
    for node in walk(module):
        if not isinstance(node, cst.Name):
            continue
        parent = parsed.parents.get(node)
        if isinstance(parent, cst.Attribute) and parent.attr is node:
            continue
        if isinstance(parent, cst.Arg) and parent.keyword is node:
            continue
        variable_like.setdefault(node.value, set()).add(node)

    out: dict[str, list[cst.Name]] = {}
    for name, nodes in bindings.items():
        if name in bad or name.startswith("__") or name == "_":
            continue
        covered = nodes | accesses.get(name, set())
        if covered != variable_like.get(name, set()):
            continue
        if any(parsed.line(n) <= after for n in covered):
            continue
        out[name] = sorted(covered, key=lambda n: (parsed.line(n), id(n)))  # type: ignore[misc]
    return out


def rename_locals(
    code: str,
    rng: random.Random,
    prompt: str = "",
    *,
    style: str = "generic",
    max_names: int = 3,
) -> str | None:
    """Rename up to `max_names` local variables, keeping behaviour.

    style "generic" picks neutral names (`user_id` -> `temp_var`), "camel" camelCase spellings
    (`user_id` -> `userId`, a PEP 8 / N806 violation), "ambiguous" the names `l`, `O`, `I`
    (ruff E741). Parameters are never renamed: they are part of the signature callers use.
    """
    parsed = parse(code)
    if parsed is None:
        return None
    candidates = renamable_locals(parsed, prompt)
    if style != "generic":
        # Linters judge names where they are assigned, not comprehension variables.
        candidates = {
            k: v
            for k, v in candidates.items()
            if any(isinstance(parsed.parents.get(n), cst.AssignTarget) for n in v)
            and (style != "camel" or _camel(k) != k)
        }
    if not candidates:
        return None
    chosen = rng.sample(sorted(candidates), k=min(len(candidates), rng.randint(1, max_names)))
    taken = identifiers(parsed)
    mapping: dict[str, str] = {}
    for old in chosen:
        if style == "camel":
            pool = [_camel(old)]
        elif style == "ambiguous":
            pool = ["l", "O", "I"]
        else:
            pool = GENERIC_NAMES
        new = fresh_name(pool, taken, rng)
        if style in ("camel", "ambiguous") and new not in pool:
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


def _statement_sites(parsed: Parsed, prompt: str) -> list[cst.CSTNode]:
    after = prompt_lines(prompt)
    return [
        n
        for n in walk(parsed.module)
        if isinstance(n, cst.BaseStatement | cst.BaseSmallStatement) and parsed.line(n) > after
    ]


_AUG_TO_BIN = {
    cst.AddAssign: cst.Add,
    cst.SubtractAssign: cst.Subtract,
    cst.MultiplyAssign: cst.Multiply,
}
_BIN_TO_AUG = {v: k for k, v in _AUG_TO_BIN.items()}


def augassign_expand(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`x += 1` -> `x = x + 1`; only numeric literals on plain names, where both are identical
    (a list's `+=` mutates in place, `x = x + y` does not)."""
    parsed = parse(code)
    if parsed is None:
        return None
    sites = []
    for node in _statement_sites(parsed, prompt):
        if (
            isinstance(node, cst.AugAssign)
            and isinstance(node.target, cst.Name)
            and type(node.operator) in _AUG_TO_BIN
            and isinstance(node.value, cst.Integer | cst.Float)
        ):
            op = _AUG_TO_BIN[type(node.operator)]()
            new = cst.Assign(
                targets=[cst.AssignTarget(node.target)],
                value=cst.BinaryOperation(node.target, op, node.value),
            )
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


def augassign_contract(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`x = x + 1` -> `x += 1` (numeric literal, plain name)."""
    parsed = parse(code)
    if parsed is None:
        return None
    sites = []
    for node in _statement_sites(parsed, prompt):
        if not (isinstance(node, cst.Assign) and len(node.targets) == 1):
            continue
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
            new = cst.AugAssign(target, _BIN_TO_AUG[type(value.operator)](), value.right)
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


def not_to_eq_false(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`not isinstance(x, T)` -> `isinstance(x, T) == False`; only for calls known to return a
    bool, where both spellings are the same value."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in walk(parsed.module):
        if (
            isinstance(node, cst.UnaryOperation)
            and isinstance(node.operator, cst.Not)
            and is_known_bool(node.expression)
            and parsed.line(node) > after
        ):
            new = cst.Comparison(
                node.expression.with_changes(lpar=[], rpar=[]),
                [cst.ComparisonTarget(cst.Equal(), cst.Name("False"))],
                lpar=node.lpar,
                rpar=node.rpar,
            )
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


def eq_false_to_not(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`f(x) == False` -> `not f(x)` (the reverse of `not_to_eq_false`, same restriction)."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in walk(parsed.module):
        if (
            isinstance(node, cst.Comparison)
            and len(node.comparisons) == 1
            and isinstance(node.comparisons[0].operator, cst.Equal)
            and isinstance(node.comparisons[0].comparator, cst.Name)
            and node.comparisons[0].comparator.value == "False"
            and is_known_bool(node.left)
            and parsed.line(node) > after
        ):
            new = cst.UnaryOperation(cst.Not(), node.left, lpar=node.lpar, rpar=node.rpar)
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


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
    for line in _statement_sites(parsed, prompt):
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
    for block in walk(parsed.module):
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
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for block in walk(parsed.module):
        if not isinstance(block, cst.IndentedBlock):
            continue
        body = list(block.body)
        for i, stmt in enumerate(body[:-1]):
            if (
                isinstance(stmt, cst.If)
                and stmt.orelse is None
                and parsed.line(stmt) > after
                and _ends_in_exit(stmt.body)
                and len(body) - i - 1 <= 12
            ):
                rest = body[i + 1 :]
                new_if = stmt.with_changes(
                    orelse=cst.Else(body=cst.IndentedBlock(body=rest)),
                )
                new_block = block.with_changes(body=[*body[:i], new_if])
                sites.append(functools.partial(replace_nodes, parsed.module, {block: new_block}))
    return try_sites(code, prompt, rng, sites)


def else_to_early_return(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if c: ...; return a` + `else: rest` -> the `else` dropped and `rest` dedented after it."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for block in walk(parsed.module):
        if not isinstance(block, cst.IndentedBlock):
            continue
        body = list(block.body)
        for i, stmt in enumerate(body):
            if (
                isinstance(stmt, cst.If)
                and isinstance(stmt.orelse, cst.Else)
                and isinstance(stmt.orelse.body, cst.IndentedBlock)
                and parsed.line(stmt) > after
                and _ends_in_exit(stmt.body)
                and not any(line.comment for line in stmt.orelse.leading_lines)
                and stmt.orelse.body.header.comment is None
            ):
                rest = list(stmt.orelse.body.body)
                new_block = block.with_changes(
                    body=[*body[:i], stmt.with_changes(orelse=None), *rest, *body[i + 1 :]]
                )
                sites.append(functools.partial(replace_nodes, parsed.module, {block: new_block}))
    return try_sites(code, prompt, rng, sites)


_COMPLEMENT = {
    cst.Equal: cst.NotEqual,
    cst.NotEqual: cst.Equal,
    cst.In: cst.NotIn,
    cst.NotIn: cst.In,
    cst.Is: cst.IsNot,
    cst.IsNot: cst.Is,
}


def negate(expr: cst.BaseExpression) -> cst.BaseExpression:
    """The logical negation of `expr`, spelled simply where it is exact (`==` <-> `!=`, `in` <->
    `not in`, `is` <-> `is not`, dropping a `not`); `<` is never turned into `>=` (NaN)."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        inner = expr.expression
        return inner.with_changes(lpar=[], rpar=[]) if is_atomic(inner) else inner
    if (
        isinstance(expr, cst.Comparison)
        and len(expr.comparisons) == 1
        and type(expr.comparisons[0].operator) in _COMPLEMENT
    ):
        target = expr.comparisons[0]
        op = _COMPLEMENT[type(target.operator)]()
        return expr.with_changes(comparisons=[target.with_changes(operator=op)])
    return cst.UnaryOperation(cst.Not(), parenthesize(expr))


def invert_if_else(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if c: A else: B` -> `if <not c>: B else: A`."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in walk(parsed.module):
        if (
            isinstance(node, cst.If)
            and isinstance(node.orelse, cst.Else)
            and parsed.line(node) > after
            and not isinstance(parsed.parents.get(node), cst.If)  # not an elif
        ):
            new = node.with_changes(
                test=negate(node.test),
                whitespace_before_test=cst.SimpleWhitespace(" "),
                body=node.orelse.body,
                orelse=node.orelse.with_changes(body=node.body),
            )
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


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


# ---------------------------------------------------------------------------------------------
# Style violations: same code, worse style (each one a ruff finding)


def eq_none(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`x is None` -> `x == None`, `x is not None` -> `x != None` (ruff E711)."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in walk(parsed.module):
        if (
            isinstance(node, cst.ComparisonTarget)
            and isinstance(node.operator, cst.Is | cst.IsNot)
            and isinstance(node.comparator, cst.Name)
            and node.comparator.value == "None"
            and parsed.line(node) > after
        ):
            op = cst.Equal() if isinstance(node.operator, cst.Is) else cst.NotEqual()
            sites.append(
                functools.partial(
                    replace_nodes, parsed.module, {node: node.with_changes(operator=op)}
                )
            )
    return try_sites(code, prompt, rng, sites)


def eq_bool(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if f(x):` -> `if f(x) == True:`, `not f(x)` -> `f(x) == False` (ruff E712)."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in walk(parsed.module):
        if not isinstance(node, cst.If | cst.While) or parsed.line(node) <= after:
            continue
        test = node.test
        if is_known_bool(test):
            new_test = cst.Comparison(test, [cst.ComparisonTarget(cst.Equal(), cst.Name("True"))])
        elif (
            isinstance(test, cst.UnaryOperation)
            and isinstance(test.operator, cst.Not)
            and is_known_bool(test.expression)
        ):
            new_test = cst.Comparison(
                test.expression, [cst.ComparisonTarget(cst.Equal(), cst.Name("False"))]
            )
        else:
            continue
        sites.append(
            functools.partial(replace_nodes, parsed.module, {test: new_test.with_changes()})
        )
    return try_sites(code, prompt, rng, sites)


def bare_except(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`except SomeError:` -> `except:` (ruff E722), when the handler does not bind a name."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in walk(parsed.module):
        if (
            isinstance(node, cst.ExceptHandler)
            and node.type is not None
            and node.name is None
            and parsed.line(node) > after
        ):
            new = node.with_changes(type=None, whitespace_after_except=cst.SimpleWhitespace(""))
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


def compound_statement(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`if c:` + an indented one-line body -> `if c: body` on one line (ruff E701), or two
    consecutive simple statements joined with `;` (ruff E702)."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in walk(parsed.module):
        if parsed.line(node) <= after:
            continue
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
            sites.append(
                functools.partial(
                    replace_nodes, parsed.module, {node: node.with_changes(body=suite)}
                )
            )
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
    parsed = parse(code)
    if parsed is None:
        return None
    sites = []
    for node in _statement_sites(parsed, prompt):
        if not isinstance(node, cst.SimpleStatementLine):
            continue
        text = parsed.code_of(node)
        if "#" in text or '"""' in text or "'''" in text or text.count("\n") < 2:
            continue
        new = node.visit(_Flatten())
        width = len(parsed.module.code_for_node(new).strip()) + 4 * _depth(parsed, node)
        if width > 100:
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


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
    parsed = parse(code)
    if parsed is None:
        return None
    sites = []
    for node in _statement_sites(parsed, prompt):
        if not isinstance(node, cst.SimpleStatementLine):
            continue
        new = node.visit(_Cramp())
        if parsed.module.code_for_node(new) != parsed.code_of(node):
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


def type_comparison(code: str, rng: random.Random, prompt: str = "") -> str | None:
    """`isinstance(x, T)` -> `type(x) == T` (ruff E721; also ignores subclasses)."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for node in walk(parsed.module):
        if (
            isinstance(node, cst.Call)
            and isinstance(node.func, cst.Name)
            and node.func.value == "isinstance"
            and len(node.args) == 2
            and all(a.keyword is None and not a.star for a in node.args)
            and isinstance(node.args[1].value, cst.Name | cst.Attribute)
            and parsed.line(node) > after
        ):
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
            sites.append(functools.partial(replace_nodes, parsed.module, {node: new}))
    return try_sites(code, prompt, rng, sites)


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
