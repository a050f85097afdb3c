"""The Java interpreter of the taint engine, on tree-sitter's Java grammar.

The same abstract interpretation as python.py for Java's statements: constants fold through
locals, `static final` fields, ternaries and `switch` on a constant (`"ABC".charAt(1)` picks
`case 'B'`), `ArrayList`/`HashMap`/arrays keep their items (`add`, `remove(0)`, `get(1)`,
`put`, `get`), `StringBuilder.append` builds a string in place, and an object remembers its
declared type and the settings made on it (`cookie.setSecure(true)`,
`factory.setFeature(...)`). Servlet request accessors and Spring's `@RequestParam` family
are user data; a method of the same file or of an inner class (`new Test().doSomething(...)`)
is evaluated with its caller's values.

Hand-written for the same reason as python.py: the benchmark (benchmarks/scan_quality.py)
compares it with semgrep's engine on the same suite. The plumbing shared with python.py is
interpreter_base.py's.
"""

from __future__ import annotations

import tree_sitter

from codetune.stages.scan.taint.events import Event, Function, Return, Store
from codetune.stages.scan.taint.interpreter_base import (
    Frame,
    Node,
    call_arguments,
    node_text,
    strip_parens,
)
from codetune.stages.scan.taint.java_expressions import EXPRESSIONS, ExpressionsMixin
from codetune.stages.scan.taint.java_models import parameters_of, simple_type, truth_of
from codetune.stages.scan.taint.java_tables import HANDLER_ANNOTATION, REQUEST_TYPES, SPRING_SOURCES
from codetune.stages.scan.taint.values import (
    FAMILIES,
    OPAQUE,
    PARAM,
    WEAK_RANDOM,
    Env,
    Value,
    const,
    element,
    fixed_destination,
    join_all,
    join_envs,
    tainted,
)


class Interpreter(ExpressionsMixin):
    """Runs the methods of one Java file and collects events."""

    expressions = EXPRESSIONS
    bare_statement_bodies = True

    def __init__(self, tree: tree_sitter.Tree, code: bytes) -> None:
        super().__init__(tree, code)
        self.methods: dict[str, list[Node]] = {}
        self.superclass: dict[str, str] = {}
        self.last_parameters: dict[int, Value] = {}
        self.class_body: dict[str, str] = {}
        self.fields: Env = {}
        # Field initialisers run outside any method: their events belong to the class.
        self._function.append(Function("<class>"))

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Event]:
        self._collect()
        self._returns.append([])
        for declaration in _all_of(self.root, "field_declaration"):
            self._declaration(declaration, self.fields)
        for name, nodes in self.methods.items():
            if name in self.called:
                continue
            for node in nodes:
                self._invoke(node, None, [], entry=True)
        return self.events

    def _collect(self) -> None:
        stack = [self.root]
        while stack:
            n = stack.pop()
            if n.type in {"method_declaration", "constructor_declaration"}:
                self.methods.setdefault(node_text(n.child_by_field_name("name")), []).append(n)
            elif n.type in {"class_declaration", "record_declaration", "enum_declaration"}:
                name = node_text(n.child_by_field_name("name"))
                self.classes.add(name)
                superclass = node_text(n.child_by_field_name("superclass"))
                self.superclass[name] = simple_type(superclass.replace("extends", "").strip())
                self.class_body[name] = node_text(n.child_by_field_name("body"))
            elif n.type == "method_invocation":
                obj = n.child_by_field_name("object")
                if (
                    obj is None
                    or obj.type == "this"
                    or (obj.type == "object_creation_expression")
                    or node_text(obj) in self.classes
                ):
                    self.called.add(node_text(n.child_by_field_name("name")))
            stack.extend(n.children)
        self.called &= set(self.methods)

    # ------------------------------------------------------------------ methods

    def _invoke(
        self, node: Node, receiver: Value | None, args: list[Value], entry: bool = False
    ) -> Value:
        name = node_text(node.child_by_field_name("name"))
        key = (node.start_byte, (receiver or OPAQUE, *args))
        if not entry:
            reused = self._reused(name, key, args)
            if reused is not None:
                return reused
        modifiers = next((c for c in node.children if c.type == "modifiers"), None)
        # the class's annotations count too (@RestController, @SessionAttributes)
        own_annotations = node_text(modifiers)
        annotations = own_annotations + "\n" + _enclosing_class_annotations(node)
        params = parameters_of(node.child_by_field_name("parameters"))
        handler = bool(HANDLER_ANNOTATION.search(own_annotations)) or any(
            REQUEST_TYPES.search(ptype) for _, ptype, _ in params
        )
        env: Env = dict(self.fields)
        for index, (pname, ptype, pannotations) in enumerate(params):
            if entry:
                env[pname] = _entry_parameter(ptype, pannotations)
            elif index < len(args):
                env[pname] = (
                    args[index] if args[index].kind else args[index].of_kind(simple_type(ptype))
                )
            else:
                env[pname] = OPAQUE
        with Frame(self, Function(name, handler, annotations)) as returns:
            end = self._block(node.child_by_field_name("body"), env)
            # what the method did to the objects it was given (a helper's cookie.setSecure)
            self.last_parameters = {
                index: (end or env).get(pname, OPAQUE) for index, (pname, _, _) in enumerate(params)
            }
        result = join_all(returns) if returns else OPAQUE
        if not entry:
            self._summaries[key] = result
        return result

    # ------------------------------------------------------------------ statements

    def _statement(self, node: Node, env: Env) -> Env | None:
        kind = node.type
        if kind == "local_variable_declaration":
            self._declaration(node, env)
            return env
        if kind == "expression_statement":
            for child in node.named_children:
                self._expr(child, env)
            return env
        if kind == "return_statement":
            value = self._expr(node.named_children[0], env) if node.named_children else OPAQUE
            self._returns[-1].append(value)
            self.events.append(Return(node, value, self._function[-1]))
            return None
        if kind == "throw_statement":
            for child in node.named_children:
                self._expr(child, env)
            return None
        if kind == "block":
            return self._block(node, env)
        if kind == "if_statement":
            return self._if(node, env)
        if kind in {"switch_expression", "switch_statement"}:
            self._switch(node, env)
            return env if env is not None else None
        if kind in {"for_statement", "enhanced_for_statement", "while_statement", "do_statement"}:
            return self._loop(node, env)
        if kind in {"try_statement", "try_with_resources_statement"}:
            return self._try(node, env)
        if kind in {"labeled_statement", "synchronized_statement"}:
            body = node.child_by_field_name("body") or (
                node.named_children[-1] if node.named_children else None
            )
            return self._block(body, env) if body is not None else env
        if kind in {
            "local_class_declaration",
            "class_declaration",
            "break_statement",
            "continue_statement",
        }:
            return env
        for child in node.named_children:
            self._expr(child, env)
        return env

    def _declaration(self, node: Node, env: Env) -> None:
        declared = simple_type(node_text(node.child_by_field_name("type")))
        for i, child in enumerate(node.children):
            if node.field_name_for_child(i) != "declarator":
                continue
            name = node_text(child.child_by_field_name("name"))
            value_node = child.child_by_field_name("value")
            value = self._expr(value_node, env) if value_node is not None else OPAQUE
            if declared and not value.kind and declared not in {"String", "Object", "var"}:
                value = value.of_kind(declared)
            env[name] = value
            self._named_store(child, name, value)

    def _named_store(self, node: Node, name: str, value: Value) -> None:
        """A weak random number or a literal put in a variable named like a secret."""
        if WEAK_RANDOM in value.labels or isinstance(value.const, str):
            self.events.append(
                Store(node, Value(kind="variable"), const(name), value, self._function[-1])
            )

    def _if(self, node: Node, env: Env) -> Env | None:
        condition = node.child_by_field_name("condition")
        truth = truth_of(self._expr(condition, env))
        then_env: Env | None = None
        if truth is not False:
            then_env = self._block(
                node.child_by_field_name("consequence"), self._refine(condition, True, env)
            )
        if truth is True:
            return then_env
        else_env: Env | None = self._refine(condition, False, env)
        alternative = node.child_by_field_name("alternative")
        if alternative is not None:
            else_env = self._block(alternative, else_env)
        return join_envs(then_env, else_env)

    def _switch(self, node: Node, env: Env) -> None:
        subject = self._expr(node.child_by_field_name("condition"), env)
        body = node.child_by_field_name("body")
        groups = [
            g
            for g in (body.named_children if body is not None else [])
            if g.type in {"switch_block_statement_group", "switch_rule"}
        ]
        chosen: int | None = None
        if subject.is_const:
            default: int | None = None
            for index, group in enumerate(groups):
                for label in (c for c in group.named_children if c.type == "switch_label"):
                    if not label.named_children:
                        default = index
                    for case in label.named_children:
                        if self._expr(case, env).const == subject.const:
                            chosen = index
                if chosen is not None:
                    break
            chosen = chosen if chosen is not None else default
            if chosen is None:
                return
        start_envs: list[Env | None] = []
        if chosen is not None:
            current: Env | None = dict(env)
            for group in groups[chosen:]:
                current, stopped = self._group(group, current)
                if stopped or group.type == "switch_rule":
                    break
            env.clear()
            env.update(current or {})
            return
        out: Env | None = dict(env)
        for group in groups:
            branch, _ = self._group(group, dict(env))
            start_envs.append(branch)
            out = join_envs(out, branch)
        env.clear()
        env.update(out or {})

    def _group(self, group: Node, env: Env | None) -> tuple[Env | None, bool]:
        for statement in group.named_children:
            if env is None:
                return None, True
            if statement.type == "switch_label":
                continue
            if statement.type == "break_statement":
                return env, True
            if (
                statement.type == "expression_statement"
                or statement.type.endswith("statement")
                or statement.type in {"block", "local_variable_declaration"}
            ):
                env = self._statement(statement, env)
            else:
                self._expr(statement, env)
        return env, False

    def _loop(self, node: Node, env: Env) -> Env | None:
        body = node.child_by_field_name("body")
        if node.type == "enhanced_for_statement":
            iterable = self._expr(node.child_by_field_name("value"), env)
            item = join_all(iterable.items) if iterable.items else element(iterable)
            name = node_text(node.child_by_field_name("name"))
            first = dict(env)
            first[name] = item.of_kind(simple_type(node_text(node.child_by_field_name("type"))))
            after = self._block(body, first)
            second = join_envs(env, after)
            if second is not None:
                second = dict(second)
                second[name] = first[name]
                after = self._block(body, second)
            return join_envs(env, after)
        if node.type == "for_statement":
            env = dict(env)
            for i, child in enumerate(node.children):
                if node.field_name_for_child(i) == "init":
                    if child.type == "local_variable_declaration":
                        self._declaration(child, env)
                    else:
                        self._expr(child, env)
        condition = node.child_by_field_name("condition")
        if (
            condition is not None
            and node.type != "do_statement"
            and truth_of(self._expr(condition, env)) is False
        ):
            return env
        after = self._block(body, dict(env))
        if after is not None:
            after = self._block(body, join_envs(env, after))
        return join_envs(env, after) if node.type != "do_statement" else after

    def _try(self, node: Node, env: Env) -> Env | None:
        env = dict(env)
        resources = node.child_by_field_name("resources")
        for resource in resources.named_children if resources is not None else []:
            value_node = resource.child_by_field_name("value")
            if value_node is not None:
                value = self._expr(value_node, env)
                env[node_text(resource.child_by_field_name("name"))] = value.of_kind(
                    value.kind or simple_type(node_text(resource.child_by_field_name("type")))
                )
        body_env = self._block(node.child_by_field_name("body"), dict(env))
        out = body_env
        for clause in node.children:
            if clause.type == "catch_clause":
                start = join_envs(dict(env), body_env) or dict(env)
                out = join_envs(out, self._block(clause.child_by_field_name("body"), dict(start)))
            elif clause.type == "finally_clause" and out is not None:
                block = next((c for c in clause.named_children if c.type == "block"), None)
                out = self._block(block, out)
        return out

    # ------------------------------------------------------------------ guards

    def _refine(self, condition: Node | None, truth: bool, env: Env) -> Env:
        if condition is None:
            return env
        env = dict(env)
        node = strip_parens(condition)
        if (
            node.type == "unary_expression"
            and node_text(node.child_by_field_name("operator")) == "!"
        ):
            return self._refine(node.child_by_field_name("operand"), not truth, env)
        if node.type == "binary_expression":
            operator = node_text(node.child_by_field_name("operator"))
            if (operator == "&&" and truth) or (operator == "||" and not truth):
                env = self._refine(node.child_by_field_name("left"), truth, env)
                return self._refine(node.child_by_field_name("right"), truth, env)
            return env
        if node.type == "method_invocation" and truth:
            method = node_text(node.child_by_field_name("name"))
            obj = node.child_by_field_name("object")
            args = call_arguments(node)
            if method in {"contains", "containsKey", "matches"} and obj is not None:
                if method == "matches":
                    self._clean(obj, FAMILIES, env)
                elif args and not self._peek(obj, env).user:
                    self._clean(args[0], FAMILIES, env)
            elif method in {"startsWith"} and obj is not None:
                checked = self._peek(obj, env)
                prefix = self._peek(args[0], env) if args else OPAQUE
                if checked.attr("canonical"):
                    self._clean(obj, {"path"}, env)
                if fixed_destination(prefix.const if isinstance(prefix.const, str) else ""):
                    self._clean(obj, {"redirect", "url"}, env)
            elif method in {"equals", "equalsIgnoreCase"} and obj is not None and args:
                left, right = self._peek(obj, env), self._peek(args[0], env)
                if right.is_const and method == "equals":
                    self._set(obj, right, env)
                elif left.is_const and method == "equals":
                    self._set(args[0], left, env)
                else:
                    self._clean(obj if right.is_const else args[0], FAMILIES, env)
        if node.type == "method_invocation" and not truth:
            method = node_text(node.child_by_field_name("name"))
            obj = node.child_by_field_name("object")
            args = call_arguments(node)
            if (
                method == "contains"
                and obj is not None
                and args
                and self._peek(args[0], env).const in {"..", "../", "/"}
            ):
                self._clean(obj, {"path"}, env)
        return env

    def _clean(self, node: Node, families: frozenset[str] | set[str], env: Env) -> None:
        node = strip_parens(node)
        if node.type == "identifier" and node_text(node) in env:
            env[node_text(node)] = env[node_text(node)].cleaned(families)
        elif node.type == "method_invocation":
            obj = node.child_by_field_name("object")
            if obj is not None:
                self._clean(obj, families, env)

    def _set(self, node: Node, value: Value, env: Env) -> None:
        node = strip_parens(node)
        if node.type == "identifier":
            env[node_text(node)] = value


# ---------------------------------------------------------------------- helpers


def _entry_parameter(ptype: str, annotations: str) -> Value:
    simple = simple_type(ptype)
    if REQUEST_TYPES.search(simple):
        return Value(kind=simple)
    if SPRING_SOURCES.search(annotations):
        return tainted()
    if simple in {
        "int",
        "long",
        "short",
        "byte",
        "double",
        "float",
        "boolean",
        "char",
        "Integer",
        "Long",
        "Double",
        "Boolean",
        "UUID",
    }:
        return OPAQUE
    if simple in {
        "String",
        "String[]",
        "Object",
        "List",
        "Map",
        "byte[]",
        "char[]",
        "InputStream",
        "Reader",
        "CharSequence",
    }:
        return Value(
            labels=frozenset({PARAM}),
            kind=simple if simple not in {"String", "Object", "CharSequence"} else "",
        )
    return Value(kind=simple)


def _enclosing_class_annotations(node: Node) -> str:
    parent = node.parent
    while parent is not None and parent.type not in {"class_declaration", "record_declaration"}:
        parent = parent.parent
    if parent is None:
        return ""
    modifiers = next((c for c in parent.children if c.type == "modifiers"), None)
    return node_text(modifiers)


def _all_of(node: Node, kind: str) -> list[Node]:
    out = []
    stack = [node]
    while stack:
        n = stack.pop()
        if n.type == kind:
            out.append(n)
        elif n.type not in {"method_declaration", "constructor_declaration"}:
            stack.extend(n.children)
    return out
