"""The tree-sitter half of the scanner: node helpers, per-function taint, and the rule context.

Java, Go, JavaScript and TypeScript rules (java.py, go.py, javascript.py) each receive a
`TsContext`: the parsed file, its calls, and a `TsScope` per function holding local
assignments, parameters (tainted) and names fed non-constant text. The same node types are
named differently per grammar, so the type sets below list every grammar's spelling.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter

from codetune.lib.codeparse import parser_for
from codetune.stages.scan.findings import Coverage, Finding, Severity
from codetune.stages.scan.patterns import SHELL_FLAGS, SHELLS, UPPER_CONSTANT, words

_FUNCTION_TYPES = words(
    "method_declaration constructor_declaration lambda_expression function_declaration "
    "func_literal function_expression arrow_function method_definition function "
    "generator_function_declaration"
)
_CONSTANT_TYPES = words(
    "string_literal text_block interpreted_string_literal raw_string_literal string "
    "number decimal_integer_literal hex_integer_literal decimal_floating_point_literal "
    "int_literal float_literal true false null null_literal nil undefined "
    "character_literal rune_literal iota"
)
_STRING_TYPES = words(
    "string_literal text_block interpreted_string_literal raw_string_literal string template_string"
)
_CALL_TYPES = {
    "method_invocation",
    "call_expression",
    "object_creation_expression",
    "new_expression",
}
_ACCESS_TYPES = words("member_expression selector_expression method_invocation call_expression")
_FORMAT_CALLS = re.compile(
    r"^(String\.format|fmt\.Sprintf|util\.format|MessageFormat\.format|.*\.formatted|.*\.concat|"
    r"fmt\.Sprint|fmt\.Sprintln|strings\.Join|String\.join|.*\.join|.*\.replace|.*\.replaceAll)$"
)
_REQUEST_SOURCE = re.compile(
    r"(\bgetParameter\(|\bgetHeader\(|\bgetQueryString\(|\bgetCookies\(|\.FormValue\(|"
    r"\.PostFormValue\(|\.URL\.Query\(\)|\bmux\.Vars\(|\breq\.(params|query|body|headers|cookies)|"
    r"\brequest\.(params|query|body)|\bprocess\.argv|\blocation\.(hash|search|href)|"
    r"\bdocument\.(URL|cookie|referrer))"
)
_CONTAINMENT = re.compile(r"\b(startsWith|HasPrefix|IsLocal|relative)\b|filepath\.Rel\(")
_NORMALISE = re.compile(
    r"\b(normalize|getCanonicalPath|getCanonicalFile|toRealPath|realpath|realpathSync|resolve|"
    r"Abs|Clean|EvalSymlinks|IsLocal)\b"
)
_DOTDOT_CHECK = re.compile(
    r"""(contains|includes|indexOf|Contains)\(\s*(\w+\s*,\s*)?["']\.\.["']"""
)
_TS_PATH_SANITIZERS = re.compile(
    r"(basename|getFileName|getName|filepath\.Base|path\.Base|FilenameUtils|sanitize)"
)


def node_text(node: tree_sitter.Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def _line(node: tree_sitter.Node) -> int:
    return node.start_point[0] + 1


def walk(node: tree_sitter.Node) -> Iterator[tree_sitter.Node]:
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def string_value(node: tree_sitter.Node | None) -> str | None:
    """The content of a string literal (quotes removed); None for anything else."""
    if node is None or node.type not in _STRING_TYPES:
        return None
    if node.type == "template_string" and any(
        c.type == "template_substitution" for c in node.children
    ):
        return None
    text = node_text(node)
    if node.type == "text_block":
        return text[3:-3]
    return text[1:-1] if len(text) >= 2 else text


def unwrap(node: tree_sitter.Node) -> tree_sitter.Node:
    while (
        node.type
        in {
            "parenthesized_expression",
            "as_expression",
            "non_null_expression",
            "await_expression",
            "satisfies_expression",
        }
        and node.named_children
    ):
        node = node.named_children[0]
    return node


def call_name(node: tree_sitter.Node) -> tuple[str, str]:
    """(receiver text, called name) of a call or constructor call; receiver may be ''."""
    if node.type == "method_invocation":
        return node_text(node.child_by_field_name("object")), node_text(
            node.child_by_field_name("name")
        )
    if node.type in {"object_creation_expression", "new_expression"}:
        ctor = node.child_by_field_name("type") or node.child_by_field_name("constructor")
        name = node_text(ctor)
        # Type arguments off the end: the first `<` of the last line to a final `>`, found
        # once (`<.*>$` tried every `<` of a long name to the end: quadratic).
        name = re.sub(r"(?m)^([^<\n]*+)<.*>(?=\n?\Z)", r"\1", name)
        receiver, _, short = name.rpartition(".")
        return receiver, short
    fn = node.child_by_field_name("function")
    if fn is None:
        return "", ""
    fn = unwrap(fn)
    if fn.type == "member_expression":
        return node_text(fn.child_by_field_name("object")), node_text(
            fn.child_by_field_name("property")
        )
    if fn.type == "selector_expression":
        return node_text(fn.child_by_field_name("operand")), node_text(
            fn.child_by_field_name("field")
        )
    return "", node_text(fn)


def call_args(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    args = node.child_by_field_name("arguments")
    if args is None or args.type == "template_string":  # tagged template: sql`...` is safe
        return []
    return [
        a for a in args.named_children if a.type not in {"comment", "line_comment", "block_comment"}
    ]


@dataclass
class TsScope:
    """One function (or the file's top level): local assignments, parameters, taint."""

    node: tree_sitter.Node
    assigns: dict[str, list[tree_sitter.Node]] = field(default_factory=lambda: defaultdict(list))
    tainted: set[str] = field(default_factory=set)
    appended: set[str] = field(default_factory=set)  # StringBuilder names fed non-constants
    text: str = ""

    def __post_init__(self) -> None:
        self.text = node_text(self.node)
        for n in self._nodes():
            if n.type in {"variable_declarator"}:
                name, value = n.child_by_field_name("name"), n.child_by_field_name("value")
                if name is not None and value is not None:
                    self.assigns[node_text(name)].append(value)
            elif n.type in {"assignment_expression", "augmented_assignment_expression"}:
                left, right = n.child_by_field_name("left"), n.child_by_field_name("right")
                if left is not None and right is not None:
                    self._assign(left, right, node_text(n.child_by_field_name("operator")))
            elif n.type in {"short_var_declaration", "assignment_statement"}:
                lefts = n.child_by_field_name("left")
                rights = n.child_by_field_name("right")
                if lefts is not None and rights is not None:
                    ls, rs = lefts.named_children, rights.named_children
                    for i, left in enumerate(ls):
                        right = rs[i] if len(rs) == len(ls) else rs[0] if rs else None
                        if right is not None:
                            self._assign(left, right, node_text(n.child_by_field_name("operator")))
            elif n.type in {"var_spec", "const_spec"}:
                values = n.child_by_field_name("value")
                names = [c for c in n.named_children if c.type == "identifier"]
                if values is not None:
                    for i, name in enumerate(names):
                        vs = values.named_children
                        if vs:
                            self.assigns[node_text(name)].append(vs[min(i, len(vs) - 1)])
            elif n.type == "method_invocation" and node_text(n.child_by_field_name("name")) in {
                "append",
                "insert",
            }:
                obj = n.child_by_field_name("object")
                args = call_args(n)
                if obj is not None and obj.type == "identifier" and args:  # noqa: SIM102
                    if not all(is_constant(a) for a in args):
                        self.appended.add(node_text(obj))
        self.tainted = self._parameters()
        for _ in range(4):
            grew = {
                name
                for name, values in self.assigns.items()
                if name not in self.tainted
                and any(self.mentions_taint(v, _TS_PATH_SANITIZERS) for v in values)
            }
            if not grew:
                break
            self.tainted |= grew

    def _nodes(self) -> Iterator[tree_sitter.Node]:
        stack = list(self.node.children)
        while stack:
            n = stack.pop()
            yield n
            if n.type not in _FUNCTION_TYPES:
                stack.extend(n.children)

    def _assign(self, left: tree_sitter.Node, right: tree_sitter.Node, operator: str) -> None:
        if left.type != "identifier":
            return
        if operator == "+=":
            # `q += name` builds q from name: remember the non-constant part as built text.
            self.assigns[node_text(left)].append(right)
            if not is_constant(right):
                self.appended.add(node_text(left))
        else:
            self.assigns[node_text(left)].append(right)

    def _parameters(self) -> set[str]:
        params = self.node.child_by_field_name("parameters") or self.node.child_by_field_name(
            "parameter"
        )
        if params is None:
            return set()
        names = set()
        for n in walk(params):
            if n.type in {"identifier", "shorthand_property_identifier_pattern"}:
                parent = n.parent
                is_default = parent is not None and parent.type == "assignment_pattern"
                if is_default and parent.child_by_field_name("right") == n:
                    continue  # a default value, not a parameter name
                names.add(node_text(n))
        return names

    def expand(self, node: tree_sitter.Node, depth: int = 4) -> list[tree_sitter.Node]:
        """`node` plus what the local names in it were assigned, a few steps back."""
        out, frontier, seen = [node], [node], {(node.start_byte, node.end_byte)}
        for _ in range(depth):
            nxt = []
            for e in frontier:
                for ident in walk(e):
                    if ident.type != "identifier":
                        continue
                    for value in self.assigns.get(node_text(ident), []):
                        key = (value.start_byte, value.end_byte)
                        if key not in seen:
                            seen.add(key)
                            nxt.append(value)
            out += nxt
            frontier = nxt
        return out

    def is_built(self, node: tree_sitter.Node) -> bool:
        """A string assembled at run time from non-constant parts (here or via locals)."""
        return any(self.built_here(e) for e in self.expand(node)) or any(
            ident.type == "identifier" and node_text(ident) in self.appended
            for e in self.expand(node)
            for ident in walk(e)
        )

    def built_here(self, node: tree_sitter.Node) -> bool:
        node = unwrap(node)
        if (
            node.type == "binary_expression"
            and node_text(node.child_by_field_name("operator")) == "+"
        ):
            return not is_constant(node)
        if node.type == "template_string":
            return any(c.type == "template_substitution" for c in node.children)
        if node.type in _CALL_TYPES:
            receiver, name = call_name(node)
            full = f"{receiver}.{name}" if receiver else name
            if _FORMAT_CALLS.match(full):
                parts = call_args(node)
                return not all(is_constant(p) for p in parts)
        return False

    def from_request(self, node: tree_sitter.Node) -> bool:
        """The value is (or was assigned from) web request data."""
        return any(_REQUEST_SOURCE.search(node_text(e)) for e in self.expand(node))

    def mentions_taint(self, node: tree_sitter.Node, sanitizers: re.Pattern[str]) -> bool:
        if node.type in _CALL_TYPES:
            receiver, name = call_name(node)
            if sanitizers.search(f"{receiver}.{name}"):
                return False
        if node.type == "identifier" and node_text(node) in self.tainted:
            return True
        is_source = node.type in _ACCESS_TYPES and _REQUEST_SOURCE.search(node_text(node))
        # the source itself, not a call that merely wraps it in a sanitizer
        if is_source and not any(
            sanitizers.search(call_name(c)[1]) for c in walk(node) if c.type in _CALL_TYPES
        ):
            return True
        return any(self.mentions_taint(c, sanitizers) for c in node.named_children)


def is_constant(node: tree_sitter.Node) -> bool:
    node = unwrap(node)
    if node.type in _CONSTANT_TYPES:
        return True
    if node.type == "template_string":
        return not any(c.type == "template_substitution" for c in node.children)
    if node.type == "identifier":
        return bool(UPPER_CONSTANT.match(node_text(node)))
    if node.type == "binary_expression":
        return all(is_constant(c) for c in node.named_children if c.type != "comment")
    if node.type in {"field_access", "member_expression", "selector_expression"}:
        # Config.TABLE_NAME, os.PathSeparator-style constants
        last = node.named_children[-1] if node.named_children else None
        return last is not None and bool(UPPER_CONSTANT.match(node_text(last)))
    return False


def string_texts(nodes: Iterable[tree_sitter.Node]) -> str:
    return " ".join(
        node_text(n)
        for e in nodes
        for n in walk(e)
        if n.type in _STRING_TYPES
        or n.type in {"string_fragment", "interpreted_string_literal_content"}
    )


class TsContext:
    """A parsed file plus a cache of scopes; what every tree-sitter rule receives."""

    def __init__(self, code: str, language: str, origin: str) -> None:
        self.code, self.language, self.origin = code, language, origin
        self.root = parser_for(language).parse(code.encode("utf-8")).root_node
        self._scopes: dict[tuple[int, int], TsScope] = {}
        self.calls = [n for n in walk(self.root) if n.type in _CALL_TYPES]

    def scope(self, node: tree_sitter.Node) -> TsScope:
        fn = node.parent
        while fn is not None and fn.type not in _FUNCTION_TYPES:
            fn = fn.parent
        fn = fn or self.root
        key = (fn.start_byte, fn.end_byte)
        if key not in self._scopes:
            self._scopes[key] = TsScope(fn)
        return self._scopes[key]

    def finding(
        self, node: tree_sitter.Node, cwe: str, rule: str, severity: Severity, message: str
    ) -> Finding:
        return Finding(self.origin, _line(node), cwe, rule, severity, message)

    def path_built_from_taint(self, node: tree_sitter.Node) -> bool:
        """A path joining a tainted part onto a base (join, concatenation, format, template)."""
        scope = self.scope(node)
        for e in scope.expand(node):
            e = unwrap(e)
            if (
                e.type
                in {
                    "member_expression",
                    "selector_expression",
                    "method_invocation",
                    "call_expression",
                    "subscript_expression",
                }
                and _REQUEST_SOURCE.search(node_text(e))
                and not _TS_PATH_SANITIZERS.search(node_text(e))
            ):
                return True
            parts: list[tree_sitter.Node] = []
            if (
                e.type == "binary_expression"
                and node_text(e.child_by_field_name("operator")) == "+"
            ):
                parts = flatten_plus(e)
            elif e.type == "template_string":
                parts = [c for c in e.named_children]
                if parts and parts[0].type == "template_substitution" and len(parts) == 1:
                    parts = []
            elif e.type in _CALL_TYPES:
                receiver, name = call_name(e)
                args = call_args(e)
                full = f"{receiver}.{name}"
                if (
                    re.search(r"(path|filepath)\.(join|resolve|Join)$", full)
                    or (
                        name in {"File", "get", "of"}
                        and receiver in {"", "Paths", "Path"}
                        and e.type != "call_expression"
                    )
                    or full in {"Paths.get", "Path.of"}
                    or name in {"Sprintf", "format"}
                ):
                    parts = args
                elif name in {"resolve", "resolveSibling"} and receiver:
                    parts = [e.child_by_field_name("object") or e, *args]
            if len(parts) >= 2 and any(
                scope.mentions_taint(p, _TS_PATH_SANITIZERS) for p in parts[1:]
            ):
                return True
        return False

    def checks_containment(self, node: tree_sitter.Node) -> bool:
        text = self.scope(node).text
        if _DOTDOT_CHECK.search(text) or "IsLocal(" in text:
            return True
        return bool(_CONTAINMENT.search(text) and _NORMALISE.search(text))


# What every language module lists in its RULES: a check run on one parsed file.
Rule = Callable[[TsContext], Iterator[Finding]]


def flatten_plus(node: tree_sitter.Node) -> list[tree_sitter.Node]:
    node = unwrap(node)
    if node.type == "binary_expression" and node_text(node.child_by_field_name("operator")) == "+":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        return flatten_plus(left) + flatten_plus(right)  # type: ignore[arg-type]
    return [node]


def flatten_argv(ctx: TsContext, args: list[tree_sitter.Node]) -> list[tree_sitter.Node]:
    """Arguments with inline arrays / List.of / Arrays.asList / []string{...} spread out."""
    out: list[tree_sitter.Node] = []
    for a in args:
        a = unwrap(a)
        if a.type in {
            "array_creation_expression",
            "array_initializer",
            "array",
            "composite_literal",
            "literal_value",
        }:
            inner = [
                c
                for c in walk(a)
                if c is not a
                and c.is_named
                and c.parent is not None
                and c.parent.type
                in {"array_initializer", "array", "literal_value", "literal_element"}
                and c.type not in {"literal_element", "comment"}
            ]
            out += inner
        elif a.type in _CALL_TYPES and call_name(a)[1] in {"asList", "of"}:
            out += call_args(a)
        elif a.type == "identifier" and len(ctx.scope(a).assigns.get(node_text(a), [])) == 1:
            value = unwrap(ctx.scope(a).assigns[node_text(a)][0])
            if value.type in {
                "array_creation_expression",
                "array_initializer",
                "array",
                "composite_literal",
            }:
                out += flatten_argv(ctx, [value])
            else:
                out.append(a)
        else:
            out.append(a)
    return out


def shell_with_data(argv: list[tree_sitter.Node]) -> bool:
    """['sh', '-c', <non-constant>] and friends."""
    values = [string_value(a) for a in argv]
    if len(argv) < 3 or values[0] is None or Path(values[0]).name.lower() not in SHELLS:
        return False
    flag_at = next((i for i, v in enumerate(values) if v and v.lower() in SHELL_FLAGS), None)
    return flag_at is not None and any(not is_constant(a) for a in argv[flag_at + 1 :])


def tmp_literal_rule(sinks: set[str], rule: str) -> Rule:
    """A rule flagging a literal /tmp path passed to one of `sinks` (each language has its own)."""

    def check(ctx: TsContext) -> Iterator[Finding]:
        for call in ctx.calls:
            receiver, name = call_name(call)
            if f"{receiver}.{name}" not in sinks and name not in sinks:
                continue
            for arg in call_args(call)[:1]:
                value = string_value(unwrap(arg)) or string_value(
                    flatten_plus(arg)[0] if unwrap(arg).type == "binary_expression" else None
                )
                if value and re.match(r"^/(tmp|var/tmp|dev/shm)(/|$)", value):
                    yield ctx.finding(
                        call,
                        "CWE-377",
                        rule,
                        "low",
                        "fixed path in a shared temp folder (predictable, "
                        "hijackable); create temp files with a secure API",
                    )

    return check


def scan_tree_sitter(
    code: str, language: str, origin: str, rules: Iterable[Rule]
) -> tuple[list[Finding], Coverage]:
    """Parse once, then run each rule on the shared context; tree-sitter recovers from syntax
    errors, so a file with one is scanned around it (and reported partial)."""
    ctx = TsContext(code, language, origin)
    findings = [f for rule in rules for f in rule(ctx)]
    if not ctx.root.has_error:
        return findings, Coverage(origin, "full")
    broken = next((n for n in walk(ctx.root) if n.type == "ERROR" or n.is_missing), ctx.root)
    return findings, Coverage(origin, "partial", _line(broken))
