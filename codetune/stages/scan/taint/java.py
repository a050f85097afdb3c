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
compares it with semgrep's engine on the same suite.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import tree_sitter

from codetune.stages.scan.taint.events import Call, Event, Function, Return, Store
from codetune.stages.scan.taint.values import (
    FAMILIES,
    OPAQUE,
    PARAM,
    UNKNOWN,
    WEAK_RANDOM,
    Env,
    Value,
    built,
    const,
    derived,
    element,
    fixed_destination,
    join,
    join_all,
    join_envs,
    mapping,
    sequence,
    tainted,
)

Node = tree_sitter.Node
MAX_CALL_DEPTH = 4
MAX_STEPS = 30_000

REQUEST_TYPES = re.compile(r"(HttpServletRequest|ServletRequest|HttpRequest|WebRequest)$")
REQUEST_SOURCES = frozenset(
    [
        "getParameter",
        "getParameterValues",
        "getParameterMap",
        "getParameterNames",
        "getHeader",
        "getHeaders",
        "getHeaderNames",
        "getCookies",
        "getQueryString",
        "getInputStream",
        "getReader",
        "getRequestURI",
        "getRequestURL",
        "getPathInfo",
        "getRemoteUser",
        "getPart",
        "getParts",
        "getTrailerFields",
    ]
)
SPRING_SOURCES = re.compile(
    r"@(RequestParam|PathVariable|RequestBody|RequestHeader|CookieValue|ModelAttribute|"
    r"RequestPart|MatrixVariable)\b"
)
HANDLER_ANNOTATION = re.compile(
    r"@(RequestMapping|GetMapping|PostMapping|PutMapping|DeleteMapping|PatchMapping|"
    r"Path|GET|POST)\b"
)
# What a call returns, by method name: the kind of object later rules look at.
RETURN_KINDS: dict[str, str] = {
    "getRuntime": "Runtime",
    # The response's own writer and stream (a PrintWriter on a file is not a web page).
    "getWriter": "ResponseWriter",
    "getOutputStream": "ResponseStream",
    "getSession": "HttpSession",
    "createStatement": "Statement",
    "prepareStatement": "PreparedStatement",
    "prepareCall": "CallableStatement",
    "getConnection": "Connection",
    "newXPath": "XPath",
    "getContextClassLoader": "ClassLoader",
    "getClassLoader": "ClassLoader",
    "getSystemClassLoader": "ClassLoader",
    "getExpressionFactory": "ExpressionFactory",
    "getSessionCookieConfig": "SessionCookieConfig",
    "getEngineByName": "ScriptEngine",
    "getEngineByExtension": "ScriptEngine",
    "getEngineByMimeType": "ScriptEngine",
}
# Objects made from a factory keep the factory's settings (its XXE hardening).
DERIVED_KINDS: dict[str, str] = {
    "newDocumentBuilder": "DocumentBuilder",
    "newSAXParser": "SAXParser",
    "getXMLReader": "XMLReader",
    "newTransformer": "Transformer",
    "newSchema": "Schema",
    "newValidator": "Validator",
    "createXMLStreamReader": "XMLStreamReader",
    "createXMLEventReader": "XMLEventReader",
}
SANITIZERS: dict[str, frozenset[str]] = {
    "encodeForHTML": frozenset({"html"}),
    "encodeForHTMLAttribute": frozenset({"html"}),
    "encodeForJavaScript": frozenset({"html"}),
    "encodeForCSS": frozenset({"html"}),
    "encodeForXML": frozenset({"html", "xpath"}),
    "encodeForXMLAttribute": frozenset({"html", "xpath"}),
    "encodeForSQL": frozenset({"sql"}),
    "encodeForLDAP": frozenset({"ldap"}),
    "encodeForDN": frozenset({"ldap"}),
    "encodeForXPath": frozenset({"xpath"}),
    "encodeForOS": frozenset({"cmd"}),
    "encodeForURL": frozenset({"html", "cmd", "path", "header"}),
    "escapeHtml": frozenset({"html"}),
    "escapeHtml3": frozenset({"html"}),
    "escapeHtml4": frozenset({"html"}),
    "escapeXml": frozenset({"html", "xpath"}),
    "escapeXml10": frozenset({"html", "xpath"}),
    "escapeXml11": frozenset({"html", "xpath"}),
    "escapeEcmaScript": frozenset({"html"}),
    "htmlEscape": frozenset({"html"}),
    "forHtml": frozenset({"html"}),
    "forHtmlContent": frozenset({"html"}),
    "forHtmlAttribute": frozenset({"html"}),
    "forXml": frozenset({"html", "xpath"}),
    "escapeSql": frozenset({"sql"}),
    "escapeLDAPSearchFilter": frozenset({"ldap"}),
    "encodeFilterValue": frozenset({"ldap"}),
    "filterEncode": frozenset({"ldap"}),
    "getName": frozenset({"path"}),
    # UnboundID LDAP SDK: filters built from an attribute and a value escape the value.
    "createEqualityFilter": frozenset({"ldap"}),
    "createSubstringFilter": frozenset({"ldap"}),
    "createGreaterOrEqualFilter": frozenset({"ldap"}),
    "createLessOrEqualFilter": frozenset({"ldap"}),
    "createApproximateMatchFilter": frozenset({"ldap"}),
    "getFileName": frozenset({"path"}),
    "getBaseName": frozenset({"path"}),
    "encode": frozenset(),  # URLEncoder.encode: see _model
}
CONVERSIONS = frozenset(
    [
        "parseInt",
        "parseLong",
        "parseDouble",
        "parseFloat",
        "parseBoolean",
        "parseShort",
        "parseByte",
        "valueOf",
        "fromString",
        "hashCode",
        "length",
        "size",
        "compareTo",
        "indexOf",
        "lastIndexOf",
        "isEmpty",
        "equals",
        "equalsIgnoreCase",
        "contains",
        "startsWith",
        "endsWith",
        "matches",
    ]
)
NUMERIC_CLASSES = frozenset(
    [
        "Integer",
        "Long",
        "Double",
        "Float",
        "Short",
        "Byte",
        "Boolean",
        "UUID",
        "BigInteger",
        "BigDecimal",
    ]
)
WEAK_RANDOM_METHODS = frozenset(
    [
        "nextInt",
        "nextLong",
        "nextDouble",
        "nextFloat",
        "nextBoolean",
        "nextGaussian",
        "nextBytes",
        "ints",
        "longs",
        "doubles",
    ]
)


class Interpreter:
    def __init__(self, tree: tree_sitter.Tree, code: bytes) -> None:
        self.root = tree.root_node
        self.code = code
        self.events: list[Event] = []
        self.methods: dict[str, list[Node]] = {}
        self.classes: set[str] = set()
        self.superclass: dict[str, str] = {}
        self.last_parameters: dict[int, Value] = {}
        self.class_body: dict[str, str] = {}
        self.called: set[str] = set()
        self.fields: Env = {}
        self.steps = 0
        self._stack: list[str] = []
        self._returns: list[list[Value]] = []
        self._function: list[Function] = [Function("<class>")]
        self._summaries: dict[tuple[int, tuple[Value, ...]], Value] = {}

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
                self.methods.setdefault(_text(n.child_by_field_name("name")), []).append(n)
            elif n.type in {"class_declaration", "record_declaration", "enum_declaration"}:
                name = _text(n.child_by_field_name("name"))
                self.classes.add(name)
                superclass = _text(n.child_by_field_name("superclass"))
                self.superclass[name] = _simple(superclass.replace("extends", "").strip())
                self.class_body[name] = _text(n.child_by_field_name("body"))
            elif n.type == "method_invocation":
                obj = n.child_by_field_name("object")
                if (
                    obj is None
                    or obj.type == "this"
                    or (obj.type == "object_creation_expression")
                    or _text(obj) in self.classes
                ):
                    self.called.add(_text(n.child_by_field_name("name")))
            stack.extend(n.children)
        self.called &= set(self.methods)

    # ------------------------------------------------------------------ methods

    def _invoke(
        self, node: Node, receiver: Value | None, args: list[Value], entry: bool = False
    ) -> Value:
        name = _text(node.child_by_field_name("name"))
        key = (node.start_byte, (receiver or OPAQUE, *args))
        if not entry:
            if key in self._summaries:
                return self._summaries[key]
            if name in self._stack or len(self._stack) >= MAX_CALL_DEPTH:
                return derived(*args)
        modifiers = next((c for c in node.children if c.type == "modifiers"), None)
        # the class's annotations count too (@RestController, @SessionAttributes)
        own_annotations = _text(modifiers)
        annotations = own_annotations + "\n" + _enclosing_class_annotations(node)
        params = _parameters(node.child_by_field_name("parameters"))
        handler = bool(HANDLER_ANNOTATION.search(own_annotations)) or any(
            REQUEST_TYPES.search(ptype) for _, ptype, _ in params
        )
        env: Env = dict(self.fields)
        for index, (pname, ptype, pannotations) in enumerate(params):
            if entry:
                env[pname] = _entry_parameter(ptype, pannotations)
            elif index < len(args):
                env[pname] = (
                    args[index] if args[index].kind else args[index].of_kind(_simple(ptype))
                )
            else:
                env[pname] = OPAQUE
        self._stack.append(name)
        self._returns.append([])
        self._function.append(Function(name, handler, annotations))
        try:
            end = self._block(node.child_by_field_name("body"), env)
            returns = self._returns[-1]
            # what the method did to the objects it was given (a helper's cookie.setSecure)
            self.last_parameters = {
                index: (end or env).get(pname, OPAQUE) for index, (pname, _, _) in enumerate(params)
            }
        finally:
            self._stack.pop()
            self._returns.pop()
            self._function.pop()
        result = join_all(returns) if returns else OPAQUE
        if not entry:
            self._summaries[key] = result
        return result

    # ------------------------------------------------------------------ statements

    def _block(self, node: Node | None, env: Env | None) -> Env | None:
        if node is None:
            return env
        if node.type != "block":
            return self._statement(node, env) if env is not None else None
        for child in node.named_children:
            if env is None:
                return None
            env = self._statement(child, env)
        return env

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
        declared = _simple(_text(node.child_by_field_name("type")))
        for i, child in enumerate(node.children):
            if node.field_name_for_child(i) != "declarator":
                continue
            name = _text(child.child_by_field_name("name"))
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
        truth = _truth(self._expr(condition, env))
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
            name = _text(node.child_by_field_name("name"))
            first = dict(env)
            first[name] = item.of_kind(_simple(_text(node.child_by_field_name("type"))))
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
            and _truth(self._expr(condition, env)) is False
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
                env[_text(resource.child_by_field_name("name"))] = value.of_kind(
                    value.kind or _simple(_text(resource.child_by_field_name("type")))
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
        node = _strip(condition)
        if node.type == "unary_expression" and _text(node.child_by_field_name("operator")) == "!":
            return self._refine(node.child_by_field_name("operand"), not truth, env)
        if node.type == "binary_expression":
            operator = _text(node.child_by_field_name("operator"))
            if (operator == "&&" and truth) or (operator == "||" and not truth):
                env = self._refine(node.child_by_field_name("left"), truth, env)
                return self._refine(node.child_by_field_name("right"), truth, env)
            return env
        if node.type == "method_invocation" and truth:
            method = _text(node.child_by_field_name("name"))
            obj = node.child_by_field_name("object")
            args = _arguments(node)
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
            method = _text(node.child_by_field_name("name"))
            obj = node.child_by_field_name("object")
            args = _arguments(node)
            if (
                method == "contains"
                and obj is not None
                and args
                and self._peek(args[0], env).const in {"..", "../", "/"}
            ):
                self._clean(obj, {"path"}, env)
        return env

    def _peek(self, node: Node, env: Env) -> Value:
        saved = len(self.events)
        value = self._expr(node, env)
        del self.events[saved:]
        return value

    def _clean(self, node: Node, families: frozenset[str] | set[str], env: Env) -> None:
        node = _strip(node)
        if node.type == "identifier" and _text(node) in env:
            env[_text(node)] = env[_text(node)].cleaned(families)
        elif node.type == "method_invocation":
            obj = node.child_by_field_name("object")
            if obj is not None:
                self._clean(obj, families, env)

    def _set(self, node: Node, value: Value, env: Env) -> None:
        node = _strip(node)
        if node.type == "identifier":
            env[_text(node)] = value

    # ------------------------------------------------------------------ expressions

    def _expr(self, node: Node | None, env: Env) -> Value:
        if node is None:
            return OPAQUE
        self.steps += 1
        if self.steps > MAX_STEPS:
            return OPAQUE
        handler = _EXPRESSIONS.get(node.type)
        if handler is not None:
            return handler(self, node, env)
        return derived(*(self._expr(c, env) for c in node.named_children))

    def _identifier(self, node: Node, env: Env) -> Value:
        name = _text(node)
        if name in env:
            return env[name]
        return Value(kind=f"class:{name}") if name[:1].isupper() else OPAQUE

    def _field_access(self, node: Node, env: Env) -> Value:
        obj_node = node.child_by_field_name("object")
        field = _text(node.child_by_field_name("field"))
        if obj_node is not None and obj_node.type == "this":
            return env.get(f"this.{field}", self.fields.get(field, OPAQUE))
        if (
            field[:1].isupper()
            and re.fullmatch(r"[a-z_][\w.]*", _text(obj_node))
            and not (
                obj_node is not None and obj_node.type == "identifier" and _text(obj_node) in env
            )
        ):
            return Value(kind=f"class:{field}")  # java.security.MessageDigest
        obj = self._expr(obj_node, env)
        if obj.kind.startswith("class:") or (
            obj_node is not None and _text(obj_node)[:1].isupper()
        ):
            # a static constant (XMLConstants.ACCESS_EXTERNAL_DTD): its name stands for it
            return const(f"{_text(obj_node)}.{field}", kind="static")
        if field == "length" and obj.items is not None:
            return const(len(obj.items))
        return derived(obj)

    def _string(self, node: Node, env: Env) -> Value:
        return const(_java_string(node))

    def _binary(self, node: Node, env: Env) -> Value:
        operator = _text(node.child_by_field_name("operator"))
        left = self._expr(node.child_by_field_name("left"), env)
        if operator in {"&&", "||"}:
            truth = _truth(left)
            if truth is not None and (truth is False if operator == "&&" else truth is True):
                return const(truth)
            right = self._expr(node.child_by_field_name("right"), env)
            right_truth = _truth(right)
            if truth is not None and right_truth is not None:
                return const(truth and right_truth if operator == "&&" else truth or right_truth)
            return OPAQUE
        right = self._expr(node.child_by_field_name("right"), env)
        if operator == "+" and (
            isinstance(left.const, str) or isinstance(right.const, str) or left.kind == "String"
        ):
            folded = UNKNOWN
            if left.is_const and right.is_const:
                folded = _java_str(left.const) + _java_str(right.const)
            return built(left, right, const_value=folded)
        if operator == "+" and not (_number(left) and _number(right)):
            return built(left, right)
        return derived(left, right, const_value=_fold(operator, left.const, right.const))

    def _unary(self, node: Node, env: Env) -> Value:
        operator = _text(node.child_by_field_name("operator"))
        value = self._expr(node.child_by_field_name("operand"), env)
        if operator == "!":
            truth = _truth(value)
            return OPAQUE if truth is None else const(not truth)
        if operator == "-" and _number(value):
            return const(-value.const)
        return derived(value)

    def _ternary(self, node: Node, env: Env) -> Value:
        condition = node.child_by_field_name("condition")
        truth = _truth(self._expr(condition, env))
        if truth is True:
            return self._expr(
                node.child_by_field_name("consequence"), self._refine(condition, True, env)
            )
        if truth is False:
            return self._expr(
                node.child_by_field_name("alternative"), self._refine(condition, False, env)
            )
        return join(
            self._expr(node.child_by_field_name("consequence"), self._refine(condition, True, env)),
            self._expr(
                node.child_by_field_name("alternative"), self._refine(condition, False, env)
            ),
        )

    def _array(self, node: Node, env: Env) -> Value:
        initializer = (
            node.child_by_field_name("value") if node.type == "array_creation_expression" else node
        )
        if initializer is None:
            return sequence(())
        return sequence((self._expr(c, env) for c in initializer.named_children), kind="array")

    def _array_access(self, node: Node, env: Env) -> Value:
        array = self._expr(node.child_by_field_name("array"), env)
        index = self._expr(node.child_by_field_name("index"), env)
        return element(array, index.const)

    def _cast(self, node: Node, env: Env) -> Value:
        value = self._expr(node.child_by_field_name("value"), env)
        target = _simple(_text(node.child_by_field_name("type")))
        if (
            target in {"int", "long", "short", "byte", "double", "float", "boolean"}
            and not value.is_const
        ):
            return OPAQUE
        return value

    def _assignment(self, node: Node, env: Env) -> Value:
        left = node.child_by_field_name("left")
        operator = _text(node.child_by_field_name("operator"))
        value = self._expr(node.child_by_field_name("right"), env)
        if operator == "+=":
            current = self._expr(left, env)
            folded = UNKNOWN
            if current.is_const and value.is_const:
                folded = (
                    (_java_str(current.const) + _java_str(value.const))
                    if isinstance(current.const, str)
                    else _fold("+", current.const, value.const)
                )
            value = built(current, value, const_value=folded)
        elif operator != "=":
            value = derived(self._expr(left, env), value)
        target = _strip(left) if left is not None else None
        if target is None:
            return value
        if target.type == "identifier":
            name = _text(target)
            if name in env and env[name].kind and not value.kind:
                value = value.of_kind(env[name].kind)
            env[name] = value
            self._named_store(node, name, value)
        elif target.type == "field_access":
            obj = target.child_by_field_name("object")
            field = _text(target.child_by_field_name("field"))
            if obj is not None and obj.type == "this":
                env[f"this.{field}"] = value
            self._named_store(node, field, value)
        elif target.type == "array_access":
            array = target.child_by_field_name("array")
            index = self._expr(target.child_by_field_name("index"), env)
            if array is not None and array.type == "identifier" and _text(array) in env:
                current = env[_text(array)]
                if (
                    current.items is not None
                    and isinstance(index.const, int)
                    and 0 <= index.const < len(current.items)
                ):
                    items = list(current.items)
                    items[index.const] = value
                    env[_text(array)] = sequence(items, kind=current.kind)
                else:
                    env[_text(array)] = replace(derived(current, value), kind=current.kind)
        return value

    # ------------------------------------------------------------------ calls

    def _creation(self, node: Node, env: Env) -> Value:
        type_name = _simple(_text(node.child_by_field_name("type")))
        full_type = re.sub(r"<.*", "", _text(node.child_by_field_name("type")))
        args = [self._expr(a, env) for a in _arguments(node)]
        event = Call(node, full_type, type_name, None, args, {}, self._function[-1])
        event.name = full_type
        self.events.append(event)
        if type_name in {
            "ArrayList",
            "LinkedList",
            "Vector",
            "ArrayDeque",
            "HashSet",
            "LinkedHashSet",
            "TreeSet",
            "Stack",
        }:
            if args and args[0].items is not None:
                return sequence(args[0].items, kind=type_name)
            return (
                sequence((), kind=type_name)
                if not args or _number(args[0])
                else replace(derived(*args), kind=type_name)
            )
        if type_name in {
            "HashMap",
            "LinkedHashMap",
            "TreeMap",
            "Hashtable",
            "ConcurrentHashMap",
            "Properties",
        }:
            return mapping((), kind=type_name)
        if type_name in {"StringBuilder", "StringBuffer", "String"}:
            if not args:
                return const("", kind=type_name if type_name != "String" else "")
            first = args[0]
            if _number(first) and type_name != "String":
                return const("", kind=type_name)
            if isinstance(first.const, str):
                return const(first.const, kind=type_name if type_name != "String" else "")
            return replace(derived(*args), kind=type_name if type_name != "String" else "")
        if type_name == "Cookie":
            return replace(derived(*args), kind="Cookie").with_attr("secure", False)
        if type_name in {"Random"} and full_type in {"Random", "java.util.Random"}:
            return Value(kind="Random")
        if type_name == "SecureRandom":
            return Value(kind="SecureRandom")
        if type_name == "File" and len(args) > 1:
            return built(*args, kind="File")  # new File(base, name)
        if type_name == "Yaml":
            safe = any(a.kind in {"SafeConstructor", "SafeLoader"} for a in args)
            return replace(derived(*args), kind="Yaml").with_attr("safe", safe)
        if type_name in self.classes and self.superclass.get(type_name) == "ObjectInputStream":
            # A subclass that overrides resolveClass and throws for unknown classes filters.
            body = self.class_body.get(type_name, "")
            checks = "resolveClass" in body and re.search(r"\bthrow\s+new\b", body) is not None
            return replace(derived(*args), kind="ObjectInputStream").with_attr("filter", checks)
        if type_name in self.classes:
            return Value(kind=f"local:{type_name}")
        return replace(derived(*args), kind=type_name)

    def _method(self, node: Node, env: Env) -> Value:
        obj_node = node.child_by_field_name("object")
        method = _text(node.child_by_field_name("name"))
        receiver = self._expr(obj_node, env) if obj_node is not None else None
        args = [self._expr(a, env) for a in _arguments(node)]
        if receiver is not None and receiver.kind.startswith("class:"):
            qualified = f"{receiver.kind[6:]}.{method}"
        elif (
            obj_node is not None
            and obj_node.type in {"field_access", "scoped_identifier"}
            and _text(obj_node)[:1].islower()
            and "." in _text(obj_node)
            and (receiver is None or not receiver.kind or receiver.kind == "static")
        ):
            qualified = f"{_text(obj_node)}.{method}"  # java.util.Base64.getDecoder()
        elif receiver is not None and receiver.kind:
            qualified = f"{receiver.kind}.{method}"
        else:
            qualified = method
        if receiver is not None and receiver.kind == "static" and isinstance(receiver.const, str):
            qualified = f"{receiver.const}.{method}"
        event = Call(node, qualified, method, receiver, args, {}, self._function[-1])
        self.events.append(event)
        local = None
        if (
            obj_node is None
            or obj_node.type == "this"
            or (receiver is not None and receiver.kind.startswith("local:"))
            or (
                receiver is not None
                and receiver.kind.startswith("class:")
                and receiver.kind[6:] in self.classes
            )
        ):
            candidates = self.methods.get(method, [])
            local = next(
                (
                    m
                    for m in candidates
                    if len(_parameters(m.child_by_field_name("parameters"))) == len(args)
                ),
                None,
            )
        if local is not None:
            result = self._invoke(local, receiver, args)
            for index, argument in enumerate(_arguments(node)):
                after = self.last_parameters.get(index)
                name = _text(argument) if argument.type == "identifier" else ""
                if (
                    after is not None
                    and name in env
                    and after.attrs
                    and env[name].kind == after.kind
                ):
                    env[name] = replace(env[name], attrs=after.attrs)
            return result
        result = self._model(event, env, obj_node)
        if result is not None:
            return result
        parts = (
            [receiver] if receiver is not None and not receiver.kind.startswith("class:") else []
        ) + args
        kind = RETURN_KINDS.get(method, "")
        if (
            receiver is not None
            and receiver.kind in FLUENT_KINDS
            and method in FLUENT_KINDS[receiver.kind]
        ):
            kind = receiver.kind  # writer.append(a).append(b): the same writer
        return derived(*parts, kind=kind)

    def _model(self, call: Call, env: Env, obj_node: Node | None) -> Value | None:
        method, receiver, args = call.method, call.receiver, call.args
        rkind = receiver.kind if receiver is not None else ""
        owner = rkind[6:] if rkind.startswith("class:") else rkind
        if rkind == "static" and receiver is not None and isinstance(receiver.const, str):
            owner = receiver.const.rpartition(".")[2]  # ObjectInputFilter.Config
        target = _chain_root(obj_node, env)
        # ---- sources
        if method in REQUEST_SOURCES and (
            REQUEST_TYPES.search(rkind)
            or (
                obj_node is not None
                and _text(obj_node) in {"request", "req", "httpRequest", "servletRequest"}
            )
        ):
            value = tainted()
            if method in {
                "getParameterValues",
                "getCookies",
                "getHeaders",
                "getParameterNames",
                "getHeaderNames",
                "getParts",
            }:
                return replace(value, kind="array")
            if method == "getParameterMap":
                return replace(value, kind="Map")
            return value
        if method == "getSession" and REQUEST_TYPES.search(rkind or "HttpServletRequest"):
            return Value(kind="HttpSession")
        if (
            method in {"getValue", "getName", "nextElement", "next"}
            and receiver is not None
            and receiver.user
        ):
            return derived(receiver)
        # ---- weak random
        if owner == "Math" and method == "random":
            return Value(labels=frozenset({WEAK_RANDOM}))
        if (rkind == "Random" or (owner == "ThreadLocalRandom")) and method in WEAK_RANDOM_METHODS:
            return Value(labels=frozenset({WEAK_RANDOM}))
        if owner == "ThreadLocalRandom" and method == "current":
            return Value(kind="Random")
        if owner == "RandomStringUtils":
            return Value(labels=frozenset({WEAK_RANDOM}))
        if rkind == "SecureRandom":
            return OPAQUE
        # ---- sanitisers and conversions
        if (
            method in SANITIZERS
            and args
            and (method != "getName" or owner in {"FilenameUtils"})
            and method not in {"encode"}
        ):
            if method in {"getName", "getFileName"} and owner != "FilenameUtils":
                return None
            return (
                args[-1].cleaned(SANITIZERS[method])
                if len(args) <= 2
                else derived(*args).cleaned(SANITIZERS[method])
            )
        if (
            method in {"getFileName", "getName"}
            and receiver is not None
            and owner in {"Path", "File"}
            and not args
        ):
            return receiver.cleaned({"path"})
        if owner == "URLEncoder" and method == "encode" and args:
            return args[0].cleaned({"html", "cmd", "path", "header", "sql", "ldap", "xpath"})
        if method in CONVERSIONS and (
            owner in NUMERIC_CLASSES or method not in {"valueOf", "fromString"}
        ):
            if method == "valueOf" and owner == "String":
                return replace(
                    derived(*args),
                    const=args[0].const if args and isinstance(args[0].const, str) else UNKNOWN,
                )
            if (
                method in {"equals", "equalsIgnoreCase", "contains", "startsWith", "endsWith"}
                and receiver is not None
                and receiver.is_const
                and args
                and args[0].is_const
            ):
                a, b = str(receiver.const), str(args[0].const)
                if method == "equalsIgnoreCase":
                    return const(a.lower() == b.lower())
                return const(
                    {
                        "equals": a == b,
                        "contains": b in a,
                        "startsWith": a.startswith(b),
                        "endsWith": a.endswith(b),
                    }[method]
                )
            if (
                owner in NUMERIC_CLASSES
                and method in {"parseInt", "parseLong", "valueOf"}
                and args
                and isinstance(args[0].const, str)
            ):
                try:
                    return const(int(args[0].const))
                except ValueError:
                    return OPAQUE
            return OPAQUE
        # ---- collections and builders (mutating the variable in place)
        if receiver is not None and (
            receiver.items is not None
            or receiver.entries is not None
            or rkind in {"StringBuilder", "StringBuffer"}
            or rkind in COLLECTIONS
        ):
            mutated = _collection(receiver, method, args)
            if mutated is not None:
                new_value, result = mutated
                if target is not None and new_value is not None:
                    env[target] = new_value
                return result
        if method == "setObjectInputFilter" and target is not None and args:
            env[target] = (receiver or OPAQUE).with_attr("filter", _filters_classes(args[0]))
            return OPAQUE
        if owner.endswith("Config") and method == "createFilter" and args:
            return Value(const=args[0].const, kind="ObjectInputFilter")
        if method in {"enableDefaultTyping", "activateDefaultTyping"} and target is not None:
            env[target] = (receiver or OPAQUE).with_attr("default_typing", True)
            return OPAQUE
        if method in {"getClass", "getSimpleName", "getCanonicalName", "getTypeName"}:
            return OPAQUE  # a class name, not the data
        if (owner in {"Paths", "Path"} and method in {"get", "of"}) or (
            method == "resolve" and rkind == "Path"
        ):
            parts = ([receiver] if method == "resolve" and receiver is not None else []) + args
            return (
                built(*parts, kind="Path")
                if len(parts) > 1
                else replace(derived(*parts), kind="Path")
            )
        if (
            method in {"toFile", "toPath", "getParentFile", "getAbsoluteFile"}
            and receiver is not None
        ):
            return replace(derived(receiver), kind="File" if method != "toPath" else "Path")
        if method in CANONICAL_METHODS and receiver is not None:
            kind = (
                "File"
                if method == "getCanonicalFile"
                else ("" if method == "getCanonicalPath" else receiver.kind)
            )
            return replace(derived(receiver), kind=kind).with_attr("canonical", True)
        if owner == "LdapQueryBuilder" or rkind == "LdapQuery":
            return Value(kind="LdapQuery")  # Spring LDAP's builder encodes the values it is given
        if owner == "ResponseCookie" and method in {"from", "fromClientResponse"}:
            return replace(derived(*args), kind="ResponseCookieBuilder").with_attr("secure", False)
        if rkind == "ResponseCookie" and method == "toString" and receiver is not None:
            return receiver
        if rkind == "ResponseCookieBuilder" and receiver is not None:
            if method == "secure" and args:
                return receiver.with_attr("secure", args[0].const if args[0].is_const else True)
            if method == "build":
                return replace(receiver, kind="ResponseCookie")
            return receiver
        if method == "setSecure" and target is not None and args:
            env[target] = (receiver or OPAQUE).with_attr("secure", args[0].const)
            return OPAQUE
        if (
            method
            in {
                "setFeature",
                "setProperty",
                "setAttribute",
                "setExpandEntityReferences",
                "setXIncludeAware",
            }
            and target is not None
            and receiver is not None
            and rkind.endswith(
                (
                    "Factory",
                    "Reader",
                    "Builder",
                    "SAXParser",
                    "Validator",
                    "Transformer",
                    "SAXReader",
                    "SAXBuilder",
                    "DocumentBuilderFactory",
                )
            )
        ):
            env[target] = _harden(receiver, method, args)
            return OPAQUE
        if method in {
            "newInstance",
            "newFactory",
            "newDefaultFactory",
            "newDefaultInstance",
        } and owner.endswith("Factory"):
            return Value(kind=owner)
        if method in DERIVED_KINDS and receiver is not None:
            return Value(kind=DERIVED_KINDS[method], attrs=receiver.attrs)
        # ---- strings
        if (
            receiver is not None
            and isinstance(receiver.const, str)
            and all(a.is_const for a in args)
        ):
            folded = _string_method(receiver.const, method, [a.const for a in args])
            if folded is not UNKNOWN:
                return const(folded)
        if owner == "String" and method in {"format", "join"}:
            return built(*args)
        if method in {"concat", "replace", "replaceAll", "replaceFirst"} and receiver is not None:
            return built(receiver, *args)
        if owner in {"Arrays", "List", "Set", "Collections"} and method in {
            "asList",
            "of",
            "singletonList",
        }:
            items = list(args)
            if len(items) == 1 and items[0].items is not None:
                items = list(items[0].items)
            return sequence(items, kind="List")
        if owner in {"Map"} and method == "of":
            return mapping(
                ((args[i].const, args[i + 1]) for i in range(0, len(args) - 1, 2)), kind="Map"
            )
        return None

    def _lambda(self, node: Node, env: Env) -> Value:
        return OPAQUE


# Methods that return their receiver, by the receiver's kind.
FLUENT_KINDS: dict[str, frozenset[str]] = {
    "ResponseWriter": frozenset({"append", "format", "printf"}),
    "ResponseStream": frozenset(),
    "JspWriter": frozenset({"append"}),
}
CANONICAL_METHODS = frozenset(["getCanonicalPath", "getCanonicalFile", "normalize", "toRealPath"])
COLLECTIONS = frozenset(
    [
        "List",
        "ArrayList",
        "LinkedList",
        "Map",
        "HashMap",
        "LinkedHashMap",
        "TreeMap",
        "Set",
        "HashSet",
        "Collection",
        "Deque",
        "ArrayDeque",
        "Queue",
        "Vector",
        "Stack",
        "Hashtable",
        "Properties",
    ]
)


def _collection(
    receiver: Value, method: str, args: list[Value]
) -> tuple[Value | None, Value] | None:
    """(the receiver's new value or None, the call's result) for list, map and builder calls."""
    kind = receiver.kind
    if kind in {"StringBuilder", "StringBuffer"}:
        if method == "append" and args:
            folded = UNKNOWN
            if isinstance(receiver.const, str) and args[0].is_const:
                folded = receiver.const + _java_str(args[0].const)
            new = built(receiver, args[0], const_value=folded, kind=kind)
            return new, new
        if method == "insert" and len(args) == 2:
            new = built(receiver, args[1], kind=kind)
            return new, new
        if method == "toString":
            return None, replace(receiver, kind="")
        if method in {"reverse", "setLength", "deleteCharAt", "delete", "replace"}:
            new = replace(derived(receiver, *args), kind=kind)
            return new, new
        return None
    if receiver.entries is not None or kind in {
        "Map",
        "HashMap",
        "LinkedHashMap",
        "TreeMap",
        "Hashtable",
        "Properties",
    }:
        if method == "put" and len(args) == 2:
            if receiver.entries is not None and args[0].is_const:
                kept = tuple((k, v) for k, v in receiver.entries if k != args[0].const)
                return replace(mapping((*kept, (args[0].const, args[1]))), kind=kind), OPAQUE
            return replace(derived(receiver, args[1]), kind=kind), OPAQUE
        if method in {"get", "getProperty"} and args:
            found = element(receiver, args[0].const)
            if found.const is None and len(args) > 1:
                return None, args[1]
            return None, found
        if method == "getOrDefault" and len(args) == 2:
            found = element(receiver, args[0].const)
            return None, args[1] if found.const is None and receiver.entries is not None else found
        if method == "remove" and args and receiver.entries is not None and args[0].is_const:
            return replace(
                mapping((k, v) for k, v in receiver.entries if k != args[0].const), kind=kind
            ), element(receiver, args[0].const)
        if method in {"values", "keySet", "entrySet"}:
            return None, derived(receiver)
        return None
    if method == "add" and args:
        if len(args) == 1:
            if receiver.items is not None:
                return sequence((*receiver.items, args[0]), kind=kind), const(True)
            return replace(derived(receiver, args[0]), kind=kind), const(True)
        if receiver.items is not None and isinstance(args[0].const, int):
            items = list(receiver.items)
            items.insert(args[0].const, args[1])
            return sequence(items, kind=kind), OPAQUE
        return replace(derived(receiver, args[1]), kind=kind), OPAQUE
    if method == "get" and args:
        return None, element(receiver, args[0].const)
    if (
        method == "set"
        and len(args) == 2
        and receiver.items is not None
        and isinstance(args[0].const, int)
    ):
        items = list(receiver.items)
        if 0 <= args[0].const < len(items):
            old = items[args[0].const]
            items[args[0].const] = args[1]
            return sequence(items, kind=kind), old
    if method == "remove" and args and receiver.items is not None:
        items = list(receiver.items)
        index = args[0].const
        if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(items):
            removed = items.pop(index)
            return sequence(items, kind=kind), removed
        for i, item in enumerate(items):
            if item.is_const and item.const == index:
                items.pop(i)
                return sequence(items, kind=kind), const(True)
    if method == "addAll" and args:
        if receiver.items is not None and args[-1].items is not None:
            return sequence((*receiver.items, *args[-1].items), kind=kind), const(True)
        return replace(derived(receiver, args[-1]), kind=kind), const(True)
    if method == "clear":
        return sequence((), kind=kind), OPAQUE
    if method in {"size"} and receiver.items is not None:
        return None, const(len(receiver.items))
    if method in {"toArray", "stream", "iterator", "subList"}:
        return None, replace(receiver, kind="array") if method == "toArray" else derived(receiver)
    return None


def _filters_classes(filter_value: Value) -> bool:
    """An ObjectInputFilter that limits which classes load: a lambda or object (not known
    here), or a pattern that names classes or rejects the rest ("!*"); a pattern of size
    limits only ("maxdepth=20;maxbytes=65536") filters no class."""
    pattern = filter_value.const
    if not isinstance(pattern, str):
        return True
    parts = [p.strip() for p in pattern.split(";") if p.strip()]
    return any(not re.match(r"^(maxdepth|maxrefs|maxbytes|maxarray)=", p) for p in parts)


def _enclosing_class_annotations(node: Node) -> str:
    parent = node.parent
    while parent is not None and parent.type not in {"class_declaration", "record_declaration"}:
        parent = parent.parent
    if parent is None:
        return ""
    modifiers = next((c for c in parent.children if c.type == "modifiers"), None)
    return _text(modifiers)


def _chain_root(node: Node | None, env: Env) -> str | None:
    """The variable a call changes: `sb` in `sb.append(a)` and in `sb.append(a).append(b)`
    (a builder's append returns the builder itself)."""
    while (
        node is not None
        and node.type == "method_invocation"
        and _text(node.child_by_field_name("name")) in {"append", "insert"}
    ):
        node = node.child_by_field_name("object")
    if node is not None and node.type == "identifier" and _text(node) in env:
        return _text(node)
    return None


def _harden(factory: Value, method: str, args: list[Value]) -> Value:
    """Record an XML factory's settings as `attrs` named by the feature's text."""
    if method in {"setExpandEntityReferences", "setXIncludeAware"}:
        return factory.with_attr(method, args[0].const if args else UNKNOWN)
    if len(args) >= 2:
        name = str(args[0].const)
        return factory.with_attr(name, args[1].const)
    return factory


def _entry_parameter(ptype: str, annotations: str) -> Value:
    simple = _simple(ptype)
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


_EXPRESSIONS: dict[str, Callable[[Interpreter, Node, Env], Value]] = {
    "identifier": Interpreter._identifier,
    "field_access": Interpreter._field_access,
    "string_literal": Interpreter._string,
    "text_block": Interpreter._string,
    "character_literal": lambda self, node, env: const(_java_string(node)),
    "decimal_integer_literal": lambda self, node, env: const(_int(node)),
    "hex_integer_literal": lambda self, node, env: const(_int(node)),
    "octal_integer_literal": lambda self, node, env: const(_int(node)),
    "binary_integer_literal": lambda self, node, env: const(_int(node)),
    "decimal_floating_point_literal": lambda self, node, env: const(_float(node)),
    "true": lambda self, node, env: const(True),
    "false": lambda self, node, env: const(False),
    "null_literal": lambda self, node, env: const(None),
    "this": lambda self, node, env: Value(kind="this"),
    "binary_expression": Interpreter._binary,
    "unary_expression": Interpreter._unary,
    "ternary_expression": Interpreter._ternary,
    "parenthesized_expression": lambda self, node, env: (
        self._expr(node.named_children[0], env) if node.named_children else OPAQUE
    ),
    "array_initializer": Interpreter._array,
    "array_creation_expression": Interpreter._array,
    "array_access": Interpreter._array_access,
    "cast_expression": Interpreter._cast,
    "assignment_expression": Interpreter._assignment,
    "object_creation_expression": Interpreter._creation,
    "method_invocation": Interpreter._method,
    "lambda_expression": Interpreter._lambda,
    "method_reference": lambda self, node, env: OPAQUE,
    "class_literal": lambda self, node, env: OPAQUE,
    "update_expression": lambda self, node, env: OPAQUE,
    "instanceof_expression": lambda self, node, env: OPAQUE,
}


# ---------------------------------------------------------------------- helpers


def _text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def _simple(type_text: str) -> str:
    """`java.util.List<String>` -> `List`; arrays keep their brackets."""
    base = re.sub(r"<.*>", "", type_text).strip()
    return base.rpartition(".")[2]


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "0": "\0",
    "'": "'",
    '"': '"',
    "\\": "\\",
    "s": " ",
}


def _java_string(node: Node) -> str:
    text = _text(node)
    if node.type == "text_block":
        body = text[3:-3]
        return body.lstrip("\n")
    body = text[1:-1]
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|.)",
        lambda m: (
            chr(int(m.group(1)[1:], 16))
            if m.group(1).startswith("u") and len(m.group(1)) == 5
            else _ESCAPES.get(m.group(1), m.group(1))
        ),
        body,
    )


def _int(node: Node) -> Any:
    text = _text(node).replace("_", "").rstrip("lL")
    try:
        if text.lower().startswith("0x"):
            return int(text, 16)
        if text.lower().startswith("0b"):
            return int(text, 2)
        if len(text) > 1 and text.startswith("0"):
            return int(text, 8)
        return int(text)
    except ValueError:
        return UNKNOWN


def _float(node: Node) -> Any:
    try:
        return float(_text(node).rstrip("fFdD"))
    except ValueError:
        return UNKNOWN


def _java_str(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _number(value: Value) -> bool:
    return isinstance(value.const, int | float) and not isinstance(value.const, bool)


def _fold(operator: str, a: Any, b: Any) -> Any:
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    if (
        isinstance(a, str)
        and len(a) == 1
        and isinstance(b, int | float)
        and operator in {"+", "-", "*"}
    ):
        a = ord(a)  # char arithmetic
    if (
        isinstance(b, str)
        and len(b) == 1
        and isinstance(a, int | float)
        and operator in {"+", "-", "*"}
    ):
        b = ord(b)
    try:
        if operator in {"+", "-", "*", "/", "%"}:
            if not (isinstance(a, int | float) and isinstance(b, int | float)):
                return UNKNOWN
            if operator == "/":
                return a // b if isinstance(a, int) and isinstance(b, int) else a / b
            if operator == "%":
                return a % b
            return {"+": a + b, "-": a - b, "*": a * b}[operator]
        return {
            "==": lambda: a == b,
            "!=": lambda: a != b,
            "<": lambda: a < b,
            ">": lambda: a > b,
            "<=": lambda: a <= b,
            ">=": lambda: a >= b,
            "&": lambda: a & b,
            "|": lambda: a | b,
            "^": lambda: a ^ b,
        }.get(operator, lambda: UNKNOWN)()
    except (TypeError, ZeroDivisionError, ValueError):
        return UNKNOWN


def _string_method(s: str, method: str, args: list[Any]) -> Any:
    try:
        if method == "charAt" and len(args) == 1:
            return s[args[0]]
        if method == "substring":
            return s[args[0] : args[1]] if len(args) == 2 else s[args[0] :]
        if (
            method in {"toLowerCase", "toUpperCase", "trim", "strip", "intern", "toString"}
            and not args
        ):
            return {
                "toLowerCase": s.lower,
                "toUpperCase": s.upper,
                "trim": s.strip,
                "strip": s.strip,
            }.get(method, lambda: s)()
        if method == "concat" and len(args) == 1:
            return s + _java_str(args[0])
        if method == "replace" and len(args) == 2 and all(isinstance(a, str) for a in args):
            return s.replace(args[0], args[1])
        if method == "length" and not args:
            return len(s)
        if method == "isEmpty":
            return not s
        if method == "indexOf" and len(args) == 1:
            return s.find(str(args[0]))
    except (IndexError, TypeError):
        return UNKNOWN
    return UNKNOWN


def _truth(value: Value) -> bool | None:
    return value.const if isinstance(value.const, bool) else None


def _strip(node: Node) -> Node:
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def _arguments(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    return [c for c in arguments.named_children if c.type not in {"line_comment", "block_comment"}]


def _parameters(node: Node | None) -> list[tuple[str, str, str]]:
    """(name, type, annotations) per formal parameter."""
    out = []
    for child in node.named_children if node is not None else []:
        if child.type in {"formal_parameter", "spread_parameter"}:
            modifiers = next((c for c in child.children if c.type == "modifiers"), None)
            name = child.child_by_field_name("name")
            if name is None:
                declarator = next(
                    (c for c in child.named_children if c.type == "variable_declarator"), None
                )
                name = declarator.child_by_field_name("name") if declarator is not None else None
            ptype = _text(child.child_by_field_name("type")) or next(
                (
                    _text(c)
                    for c in child.named_children
                    if c.type.endswith("type") or c.type == "type_identifier"
                ),
                "",
            )
            out.append(
                (
                    _text(name),
                    ptype + ("[]" if child.type == "spread_parameter" else ""),
                    _text(modifiers),
                )
            )
    return out


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
