"""Editing Python source with libcst, so comments and layout survive: the toolkit under the
pair stage's catalogues of rewrites, style violations and defect injectors.

Every edit in those catalogues runs the same four steps:

1. `parse` the code once (cached) into a `Parsed`: the module, node positions and parents;
2. `walk` it, or take the `completion_nodes` / `statement_nodes` after the prompt;
3. collect candidate sites as zero-argument edits (`node_edit`, or a `functools.partial` of
   `replace_nodes`) that build the changed code only when tried;
4. `try_sites`: shuffle them with the caller's RNG and keep the first result that `finish`
   accepts: a real change that compiles and still starts with the prompt (pairs and completions
   keep the prompt they were given, so nothing in it may change).

Also here: expression helpers (`dotted_name`, `is_atomic`, `parenthesize`, `negate`,
`is_known_bool`), the scope analysis that makes renaming locals safe (`renamable_locals`,
`fresh_name`), and `never_raises` for registry entries.
"""

from __future__ import annotations

import builtins
import functools
import keyword
import random
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
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

# A catalogue entry: (code, rng, prompt) -> the rewritten code, or None when it cannot apply.
Rewrite = Callable[[str, random.Random, str], str | None]
# One candidate edit at one site: the whole changed code, or None when the site does not apply.
Edit = Callable[[], str | None]

# Candidate sites tried per call: enough to get past sites that break the prompt, bounded so one
# huge function never costs seconds.
MAX_TRIES = 12


# ---------------------------------------------------------------------------------------------
# Parsing


@dataclass(frozen=True)
class Parsed:
    """A parsed module with node positions, a child -> parent map and each node's children
    (nodes are immutable, so both maps hold for the life of the parse)."""

    module: cst.Module
    positions: Mapping[cst.CSTNode, CodeRange]
    parents: Mapping[cst.CSTNode, cst.CSTNode]
    children: Mapping[cst.CSTNode, Sequence[cst.CSTNode]]

    def walk(self, node: cst.CSTNode | None = None) -> Iterator[cst.CSTNode]:
        """`node` (default: the module) and everything below it, in source order."""
        return walk(self.module if node is None else node, self.children)

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


def _tree_maps(
    module: cst.Module,
) -> tuple[dict[cst.CSTNode, cst.CSTNode], dict[cst.CSTNode, Sequence[cst.CSTNode]]]:
    """(child -> parent, node -> children). libcst computes `node.children` afresh with a
    visitor on every access, which made walking the tree most of the pair builders' time
    (walked dozens of times per function); the tree is walked once here instead."""
    parents: dict[cst.CSTNode, cst.CSTNode] = {}
    children: dict[cst.CSTNode, Sequence[cst.CSTNode]] = {}
    stack: list[cst.CSTNode] = [module]
    while stack:
        node = stack.pop()
        kids = node.children
        children[node] = kids
        for child in kids:
            parents[child] = node
            stack.append(child)
    return parents, children


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
    return Parsed(module, positions, *_tree_maps(module))


def compiles(code: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(code, "<candidate>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Walking and finding sites


def prompt_lines(prompt: str) -> int:
    """Number of whole lines of the prompt: nodes starting after this line may be changed."""
    return prompt.count("\n")


def walk(
    node: cst.CSTNode, children: Mapping[cst.CSTNode, Sequence[cst.CSTNode]] | None = None
) -> Iterator[cst.CSTNode]:
    """`node` and everything below it, in source order; `children` (a Parsed's) saves
    recomputing each node's children (see `_tree_maps`)."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        kids = children.get(current) if children is not None else None
        stack.extend(reversed(current.children if kids is None else kids))


def completion_nodes(parsed: Parsed, prompt: str, kind: type | tuple[type, ...]) -> list:
    """Nodes of type `kind` starting after the prompt, outside type annotations."""
    after = prompt_lines(prompt)
    return [
        n
        for n in parsed.walk()
        if isinstance(n, kind) and parsed.line(n) > after and not in_annotation(parsed, n)
    ]


def in_annotation(parsed: Parsed, node: cst.CSTNode) -> bool:
    return any(isinstance(a, cst.Annotation) for a in parsed.ancestors(node))


def nodes_after_prompt(parsed: Parsed, prompt: str) -> Iterator[cst.CSTNode]:
    """Every node starting after the prompt's lines, in source order: the only ones an edit
    may change."""
    after = prompt_lines(prompt)
    return (node for node in parsed.walk() if parsed.line(node) > after)


def statement_nodes(parsed: Parsed, prompt: str) -> list[cst.CSTNode]:
    """Statements (compound and small) starting after the prompt."""
    after = prompt_lines(prompt)
    return [
        n
        for n in parsed.walk()
        if isinstance(n, cst.BaseStatement | cst.BaseSmallStatement) and parsed.line(n) > after
    ]


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
    return {n.value for n in parsed.walk() if isinstance(n, cst.Name)}


# ---------------------------------------------------------------------------------------------
# Expressions


def dotted_name(node: cst.CSTNode) -> str:
    """'os.path.join' for a Name/Attribute chain, '' for anything else."""
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        base = dotted_name(node.value)
        return f"{base}.{node.attr.value}" if base else ""
    return ""


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


def names_a_variable(parsed: Parsed, node: cst.Name) -> bool:
    """Whether a Name stands for a variable: not the attribute in `obj.name`, not the keyword
    in `f(name=...)` (renaming a variable must leave those alone)."""
    parent = parsed.parents.get(node)
    if isinstance(parent, cst.Attribute) and parent.attr is node:
        return False
    return not (isinstance(parent, cst.Arg) and parent.keyword is node)


# Each comparison operator and its negation.
COMPLEMENT = {
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
        and type(expr.comparisons[0].operator) in COMPLEMENT
    ):
        target = expr.comparisons[0]
        op = COMPLEMENT[type(target.operator)]()
        return expr.with_changes(comparisons=[target.with_changes(operator=op)])
    return cst.UnaryOperation(cst.Not(), parenthesize(expr))


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


# ---------------------------------------------------------------------------------------------
# Editing and trying sites


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


def node_edit(parsed: Parsed, old: cst.CSTNode, new: object) -> Edit:
    """The edit swapping `old` for `new`, built only when tried (most sites never are)."""
    return functools.partial(replace_nodes, parsed.module, {old: new})


def finish(original: str, candidate: str | None, prompt: str) -> str | None:
    """The candidate if it is a real, valid change that keeps the prompt, else None."""
    if candidate is None or candidate == original or not candidate.startswith(prompt):
        return None
    return candidate if compiles(candidate) else None


def try_sites(
    original: str,
    prompt: str,
    rng: random.Random,
    sites: Sequence[Edit],
    tries: int = MAX_TRIES,
) -> str | None:
    """Try candidate edits in random order; the first valid one (see `finish`) wins.

    The RNG is consumed by exactly one shuffle of `sites`, so a seed picks the same site as long
    as the same sites are collected in the same order."""
    order = list(sites)
    rng.shuffle(order)
    for make in order[:tries]:
        out = finish(original, make(), prompt)
        if out is not None:
            return out
    return None


# Given a node of the code, the node to put in its place, or None where it is not a site.
Replacement = Callable[[Parsed, cst.CSTNode], "cst.CSTNode | None"]


def edit_one_node(
    code: str, rng: random.Random, prompt: str, replacement: Replacement
) -> str | None:
    """The shape of most catalogue entries: parse `code`, offer every node that starts after
    the prompt to `replacement` in source order, and apply one of the edits it proposes, chosen
    as `try_sites` chooses (None: no site, or none that compiles)."""
    parsed = parse(code)
    if parsed is None:
        return None
    sites = []
    for node in nodes_after_prompt(parsed, prompt):
        new = replacement(parsed, node)
        if new is not None:
            sites.append(node_edit(parsed, node, new))
    return try_sites(code, prompt, rng, sites)


# Given an indented block, its statements and the index of one of them, the block to put in
# its place (an edit at that statement), or None where it is not a site.
BlockReplacement = Callable[
    [Parsed, cst.IndentedBlock, list[cst.BaseStatement], int], "cst.CSTNode | None"
]


def edit_one_block(
    code: str, rng: random.Random, prompt: str, replacement: BlockReplacement
) -> str | None:
    """`edit_one_node` for edits that move statements within their block (into an `else`, out
    of one): every statement after the prompt is offered with its block."""
    parsed = parse(code)
    if parsed is None:
        return None
    after = prompt_lines(prompt)
    sites = []
    for block in parsed.walk():
        if not isinstance(block, cst.IndentedBlock):
            continue
        body = list(block.body)
        for i, stmt in enumerate(body):
            if parsed.line(stmt) <= after:
                continue
            new = replacement(parsed, block, body, i)
            if new is not None:
                sites.append(node_edit(parsed, block, new))
    return try_sites(code, prompt, rng, sites)


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
# Names: fresh ones, and the locals that can be renamed without changing behaviour


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


# Locals whose rename would be visible through introspection.
_INTROSPECTION = {"locals", "vars", "eval", "exec", "dir", "__import__"}


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
    for node in parsed.walk(module):
        if isinstance(node, cst.Name) and names_a_variable(parsed, node):
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
