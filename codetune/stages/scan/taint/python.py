"""The Python interpreter of the taint engine, on tree-sitter's grammar (not the running
interpreter's `ast`, so code of any Python 3 version parses the same way).

Each function is walked statement by statement with an environment of abstract values
(values.py): literals fold (`7 * 18 + num > 200` is a constant when `num` is), branches whose
condition is constant are the only ones taken, lists and dicts keep their items, and the
paths of an `if` meet by `join`. Request accessors (Flask, Django, FastAPI, Starlette),
`sys.argv`, `input()` and the parameters of an entry point are user data; sanitisers and
guards (`if x not in ALLOWED: return`) clean it for the sink families they protect. Every
call is reported to the rules as an event (events.py) with its values; a call into a function
of the same file is evaluated with the caller's values instead of its own parameters.

Hand-written because no maintained library runs on tree-sitter's Python tree with constant
folding of branches; semgrep's engine was measured beside it (benchmarks/scan_quality.py).
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import tree_sitter

from codetune.stages.scan.taint.events import Call, Event, Function, Return, Store
from codetune.stages.scan.taint.values import (
    FAMILIES,
    OPAQUE,
    PARAM,
    UNKNOWN,
    USER,
    WEAK_RANDOM,
    Env,
    Value,
    built,
    const,
    derived,
    element,
    join,
    join_all,
    join_envs,
    mapping,
    sequence,
    tainted,
)

Node = tree_sitter.Node
MAX_CALL_DEPTH = 4
MAX_STEPS = 20_000  # expressions evaluated per file: a bound for hostile inputs

# Attributes of a request object that hold what the client sent.
REQUEST_DATA = frozenset(
    [
        "args",
        "form",
        "values",
        "cookies",
        "headers",
        "json",
        "data",
        "files",
        "GET",
        "POST",
        "COOKIES",
        "META",
        "FILES",
        "body",
        "query_params",
        "path_params",
        "query_string",
        "full_path",
        "url",
        "path",
        "stream",
        "environ",
        "content",
        "raw_body",
        "query",
        "params",
        "match_info",
        "rel_url",
        "remote_user",
    ]
)
REQUEST_METHODS = frozenset(
    [
        "get_json",
        "get_data",
        "json",
        "body",
        "form",
        "text",
        "read",
        "stream",
        "query_params",
        "values",
    ]
)
REQUEST_NAMES = frozenset({"request", "req"})
SOURCE_CALLS = frozenset(
    {"input", "raw_input", "sys.stdin.read", "sys.stdin.readline", "os.read", "getpass.getpass"}
)
# Sanitiser -> sink families it makes a value safe for.
SANITIZERS: dict[str, frozenset[str]] = {
    "shlex.quote": frozenset({"cmd"}),
    "pipes.quote": frozenset({"cmd"}),
    "html.escape": frozenset({"html"}),
    "cgi.escape": frozenset({"html"}),
    "markupsafe.escape": frozenset({"html"}),
    "flask.escape": frozenset({"html"}),
    "jinja2.escape": frozenset({"html"}),
    "django.utils.html.escape": frozenset({"html"}),
    "django.utils.html.conditional_escape": frozenset({"html"}),
    "bleach.clean": frozenset({"html"}),
    "xml.sax.saxutils.escape": frozenset({"html", "xpath"}),
    "urllib.parse.quote": frozenset({"html", "cmd", "path", "header"}),
    "urllib.parse.quote_plus": frozenset({"html", "cmd", "path", "header"}),
    "os.path.basename": frozenset({"path"}),
    "posixpath.basename": frozenset({"path"}),
    "werkzeug.utils.secure_filename": frozenset({"path"}),
    "werkzeug.secure_filename": frozenset({"path"}),
    "django.utils.text.get_valid_filename": frozenset({"path"}),
    "ldap3.utils.conv.escape_filter_chars": frozenset({"ldap"}),
    "ldap.filter.escape_filter_chars": frozenset({"ldap"}),
    "ldap.filter.filter_format": frozenset({"ldap"}),
    "ldap.dn.escape_dn_chars": frozenset({"ldap"}),
    "ldap3.utils.dn.escape_rdn": frozenset({"ldap"}),
    "url_has_allowed_host_and_scheme": frozenset({"redirect"}),
    "django.utils.html.format_html": frozenset({"html"}),
    "format_html": frozenset({"html"}),
    # Data the server signed itself: a tampered value raises instead of returning.
    "django.core.signing.loads": FAMILIES,
    "signing.loads": FAMILIES,
}
# Conversions whose result cannot carry an injection.
CONVERSIONS = frozenset(
    [
        "int",
        "float",
        "bool",
        "len",
        "uuid.UUID",
        "decimal.Decimal",
        "hash",
        "ord",
        "abs",
        "round",
        "id",
        "datetime.date.fromisoformat",
        "datetime.datetime.fromisoformat",
        "ipaddress.ip_address",
    ]
)
WEAK_RANDOM_CALLS = frozenset(
    f"random.{name}"
    for name in [
        "random",
        "randint",
        "randrange",
        "choice",
        "choices",
        "sample",
        "getrandbits",
        "uniform",
        "shuffle",
        "triangular",
        "gauss",
        "betavariate",
        "expovariate",
        "randbytes",
    ]
) | frozenset({"numpy.random.rand", "numpy.random.randint", "numpy.random.random"})
ABORTS = frozenset(
    [
        "abort",
        "flask.abort",
        "sys.exit",
        "exit",
        "quit",
        "os._exit",
        "os.abort",
        "fastapi.HTTPException",
    ]
)
HANDLER_DECORATOR = re.compile(
    r"\.(route|get|post|put|patch|delete|api_route|websocket|view|errorhandler)\s*\(|"
    r"\bapi_view\b|"
    r"\blogin_required\b|\brequire_(GET|POST|http_methods)\b|\bcsrf_exempt\b"
)
# Responses whose body the framework escapes or serialises: the handler's return is not HTML
# built from the data.
AUTOESCAPED_RESPONSES = frozenset(
    [
        "render_template",
        "flask.render_template",
        "render_template_string",
        "flask.render_template_string",
        "django.shortcuts.render",
        "render",
        "django.template.response.TemplateResponse",
        "TemplateResponse",
        "jsonify",
        "flask.jsonify",
        "fastapi.responses.JSONResponse",
        "JSONResponse",
        "django.http.JsonResponse",
        "JsonResponse",
        "starlette.responses.JSONResponse",
        "flask.redirect",
        "redirect",
        "django.shortcuts.redirect",
        "url_for",
        "flask.url_for",
        "send_from_directory",
        "flask.send_from_directory",
    ]
)
RESPONSE_TYPES = frozenset(
    [
        "Response",
        "HttpResponse",
        "HTMLResponse",
        "PlainTextResponse",
        "StreamingResponse",
        "make_response",
    ]
)
PATH_BUILDERS = frozenset(
    [
        "os.path.join",
        "posixpath.join",
        "ntpath.join",
        "pathlib.Path",
        "Path",
        "pathlib.PurePath",
        "PurePath",
        "pathlib.PosixPath",
        "urllib.parse.urljoin",
    ]
)
FILE_OPENERS = frozenset(
    ["open", "io.open", "codecs.open", "aiofiles.open", "gzip.open", "bz2.open"]
)
PURE_STR_METHODS = frozenset(
    [
        "lower",
        "upper",
        "strip",
        "lstrip",
        "rstrip",
        "title",
        "capitalize",
        "casefold",
        "swapcase",
        "replace",
        "removeprefix",
        "removesuffix",
        "zfill",
        "center",
        "ljust",
        "rjust",
        "expandtabs",
    ]
)


class Interpreter:
    """Runs the functions of one module and collects events."""

    def __init__(self, tree: tree_sitter.Tree, code: bytes) -> None:
        self.code = code
        self.root = tree.root_node
        self.events: list[Event] = []
        self.aliases: dict[str, str] = {}
        self.functions: dict[str, Node] = {}
        self.classes: set[str] = set()
        self.called: set[str] = set()
        self.method_calls: set[str] = set()
        self.module_env: Env = {}
        self.steps = 0
        self._stack: list[str] = []
        self._returns: list[list[Value]] = []
        self._function: list[Function] = []
        self._summaries: dict[tuple[int, tuple[Value, ...]], Value] = {}

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Event]:
        self._collect(self.root)
        self._function.append(Function("<module>"))
        self._returns.append([])
        env = self._block(self.root, {})
        self.module_env = {k: v for k, v in (env or {}).items()}
        for name, node in list(self.functions.items()):
            if name in self.called:
                continue  # evaluated at its call sites, with their values
            self._call_function(node, None, [], {}, entry=True)
        return self.events

    def _collect(self, node: Node) -> None:
        """Functions of the file by name (methods too), and which names it calls."""
        stack = [node]
        while stack:
            n = stack.pop()
            if n.type == "function_definition":
                name = _text(n.child_by_field_name("name"))
                self.functions.setdefault(name, n)
            elif n.type == "class_definition":
                self.classes.add(_text(n.child_by_field_name("name")))
            elif n.type == "call":
                fn = n.child_by_field_name("function")
                if fn is not None and fn.type == "identifier":
                    self.called.add(_text(fn))
                elif fn is not None and fn.type == "attribute":
                    obj = fn.child_by_field_name("object")
                    if obj is not None and _text(obj) in {"self", "cls"}:
                        self.called.add(_text(fn.child_by_field_name("attribute")))
                    else:
                        self.method_calls.add(_text(fn.child_by_field_name("attribute")))
            elif n.type in {"import_statement", "import_from_statement"}:
                self._import(n)
            stack.extend(n.children)
        # A name called only from itself is still an entry point.
        self.called -= {name for name in self.called if name not in self.functions}
        # obj.method() where method belongs to a class of this file: run at that call
        self.called |= {
            name
            for name in self.method_calls
            if name in self.functions and _is_method(self.functions[name])
        }

    def _import(self, node: Node) -> None:
        module = ""
        if node.type == "import_from_statement":
            module = _text(node.child_by_field_name("module_name")).lstrip(".")
        for i, child in enumerate(node.children):
            if node.field_name_for_child(i) != "name":
                continue
            if child.type == "aliased_import":
                name = _text(child.child_by_field_name("name"))
                local = _text(child.child_by_field_name("alias"))
            else:
                name = _text(child)
                local = name if module else name.split(".")[0]
                if not module:
                    self.aliases[local] = local
                    continue
            self.aliases[local] = f"{module}.{name}" if module else name

    # ------------------------------------------------------------------ functions

    def _call_function(
        self,
        node: Node,
        receiver: Value | None,
        args: list[Value],
        kwargs: dict[str, Value],
        entry: bool = False,
    ) -> Value:
        name = _text(node.child_by_field_name("name"))
        key = (node.start_byte, (receiver or OPAQUE, *args, *sorted(kwargs.items())))
        if not entry:
            if key in self._summaries:
                return self._summaries[key]
            if name in self._stack or len(self._stack) >= MAX_CALL_DEPTH:
                return derived(*args, *kwargs.values())
        decorators = _decorators(node)
        params = _parameters(node.child_by_field_name("parameters"))
        is_method = bool(params) and params[0][0] in {"self", "cls"}
        first_data = params[int(is_method)][0] if len(params) > int(is_method) else ""
        handler = bool(HANDLER_DECORATOR.search(decorators)) or first_data in REQUEST_NAMES
        env: Env = dict(self.module_env)
        positional = list(args)
        if is_method and not entry:
            positional = [receiver or OPAQUE, *positional]
        for index, (pname, annotation, default, star) in enumerate(params):
            if entry:
                env[pname] = self._entry_parameter(pname, annotation, index, handler)
            elif star == "*":
                env[pname] = sequence(positional[index:])
            elif star == "**":
                env[pname] = mapping(kwargs.items())
            elif pname in kwargs:
                env[pname] = kwargs[pname]
            elif index < len(positional):
                env[pname] = positional[index]
            elif default is not None:
                env[pname] = self._expr(default, env)
            else:
                env[pname] = OPAQUE
        self._stack.append(name)
        self._returns.append([])
        self._function.append(Function(name, handler, decorators))
        try:
            self._block(node.child_by_field_name("body"), env)
            returns = self._returns[-1]
        finally:
            self._stack.pop()
            self._returns.pop()
            self._function.pop()
        result = join_all(returns) if returns else const(None)
        if not entry:
            self._summaries[key] = result
        return result

    def _entry_parameter(self, name: str, annotation: str, index: int, handler: bool) -> Value:
        if name in {"self", "cls"} and index == 0:
            return OPAQUE
        if name in REQUEST_NAMES:
            return Value(kind="request")
        if annotation.split("[")[0].strip() in {"int", "float", "bool", "Decimal", "UUID"}:
            return OPAQUE
        if annotation in {"Request", "HttpRequest", "flask.Request", "starlette.Request"}:
            return Value(kind="request")
        # A web handler's parameters are filled from the URL, the query or the body.
        return tainted() if handler else Value(labels=frozenset({PARAM}))

    # ------------------------------------------------------------------ statements

    def _block(self, node: Node | None, env: Env | None) -> Env | None:
        if node is None:
            return env
        for child in node.named_children:
            if env is None:
                return None
            env = self._statement(child, env)
        return env

    def _statement(self, node: Node, env: Env) -> Env | None:
        kind = node.type
        if kind == "expression_statement":
            for child in node.named_children:
                if child.type == "call" and self._aborts(child):
                    self._expr(child, env)
                    return None
                self._expr(child, env)
            return env
        if kind == "return_statement":
            value = node.named_children[0] if node.named_children else None
            result = self._expr(value, env) if value is not None else const(None)
            self._returns[-1].append(result)
            self.events.append(Return(node, result, self._function[-1]))
            return None
        if kind == "raise_statement":
            for child in node.named_children:
                self._expr(child, env)
            return None
        if kind == "if_statement":
            return self._if(node, env)
        if kind in {"for_statement", "while_statement"}:
            return self._loop(node, env)
        if kind == "try_statement":
            return self._try(node, env)
        if kind == "with_statement":
            for item in _descendants_of_type(node, "with_item", stop="block"):
                value = item.child_by_field_name("value")
                if value is not None and value.type == "as_pattern":
                    result = self._expr(value.named_children[0], env)
                    target = value.child_by_field_name("alias")
                    if target is not None and target.named_children:
                        self._assign(target.named_children[0], result, env)
                elif value is not None:
                    self._expr(value, env)
            return self._block(node.child_by_field_name("body"), env)
        if kind in {"function_definition", "class_definition"}:
            if kind == "class_definition":
                return self._block(node.child_by_field_name("body"), env)
            return env
        if kind == "decorated_definition":
            definition = node.child_by_field_name("definition")
            return self._statement(definition, env) if definition is not None else env
        if kind in {"import_statement", "import_from_statement"}:
            self._import(node)
            return env
        if kind == "assert_statement" and node.named_children:
            self._expr(node.named_children[0], env)
            return self._refine(node.named_children[0], True, env)
        if kind == "match_statement":
            subject = node.child_by_field_name("subject")
            if subject is not None:
                self._expr(subject, env)
            out: Env | None = None
            body = node.child_by_field_name("body")
            for case in body.named_children if body is not None else []:
                case_env = self._block(case.child_by_field_name("consequence"), dict(env))
                out = join_envs(out, case_env)
            return join_envs(out, env)
        if kind == "block":
            return self._block(node, env)
        if kind == "delete_statement":
            return env
        for child in node.named_children:
            if child.type not in {"block", "identifier"}:
                self._expr(child, env)
        return env

    def _aborts(self, call: Node) -> bool:
        name = self._qualified(call.child_by_field_name("function"), {})
        return name in ABORTS

    def _if(self, node: Node, env: Env) -> Env | None:
        condition = node.child_by_field_name("condition")
        value = self._expr(condition, env)
        truth = _truth(value)
        alternatives = [c for c in node.children if c.type in {"elif_clause", "else_clause"}]
        then_env: Env | None = None
        if truth is not False:
            then_env = self._block(
                node.child_by_field_name("consequence"), self._refine(condition, True, env)
            )
        if truth is True:
            return then_env
        else_env: Env | None = self._refine(condition, False, env)
        for index, clause in enumerate(alternatives):
            if clause.type == "else_clause":
                else_env = self._block(clause.child_by_field_name("body"), else_env)
                break
            cond = clause.child_by_field_name("condition")
            cond_truth = _truth(self._expr(cond, else_env or {}))
            branch: Env | None = None
            if cond_truth is not False and else_env is not None:
                branch = self._block(
                    clause.child_by_field_name("consequence"), self._refine(cond, True, else_env)
                )
            if cond_truth is True:
                else_env = branch
                break
            rest = self._refine(cond, False, else_env) if else_env is not None else None
            if index == len(alternatives) - 1 or alternatives[index + 1].type != "else_clause":
                else_env = join_envs(branch, rest)
                continue
            # the else of this elif: run it, then meet the elif's branch
            else_env = join_envs(
                branch, self._block(alternatives[index + 1].child_by_field_name("body"), rest)
            )
            break
        return join_envs(then_env, else_env)

    def _loop(self, node: Node, env: Env) -> Env | None:
        body = node.child_by_field_name("body")
        if node.type == "for_statement":
            iterable = self._expr(node.child_by_field_name("right"), env)
            target = node.child_by_field_name("left")
            if iterable.kind == "enumerate" and iterable.items:
                inner = iterable.items[0]
                each = join_all(inner.items) if inner.items else element(inner)
                item = sequence((OPAQUE, each), kind="tuple")
            else:
                item = (join_all(iterable.items) if iterable.items else element(iterable)).of_kind(
                    ""
                )
            if iterable.entries:
                item = join_all(const(k) for k, _ in iterable.entries)
            first = dict(env)
            self._assign(target, item, first)
            after = self._block(body, first)
            second = join_envs(env, after)
            if second is not None:
                second = dict(second)
                self._assign(target, item, second)
                after = self._block(body, second)
            out = join_envs(env, after)
        else:
            condition = node.child_by_field_name("condition")
            if _truth(self._expr(condition, env)) is False:
                return env
            after = self._block(body, self._refine(condition, True, dict(env)))
            after = self._block(body, join_envs(env, after)) if after is not None else after
            out = join_envs(env, after)
        alternative = node.child_by_field_name("alternative")
        if alternative is not None and out is not None:
            out = self._block(alternative.child_by_field_name("body"), out)
        return out

    def _try(self, node: Node, env: Env) -> Env | None:
        body_env = self._block(node.child_by_field_name("body"), dict(env))
        out = body_env
        for clause in node.children:
            if clause.type == "except_clause":
                start = join_envs(dict(env), body_env) or dict(env)
                block = next((c for c in clause.named_children if c.type == "block"), None)
                out = join_envs(out, self._block(block, dict(start)))
            elif clause.type == "else_clause" and body_env is not None:
                out = join_envs(
                    self._block(clause.child_by_field_name("body"), body_env),
                    out if out is not body_env else None,
                )
            elif clause.type == "finally_clause":
                block = next((c for c in clause.named_children if c.type == "block"), None)
                if out is not None:
                    out = self._block(block, out)
        return out

    # ------------------------------------------------------------------ guards

    def _refine(self, condition: Node | None, truth: bool, env: Env) -> Env:
        """The environment on the branch where `condition` is `truth`: values checked by an
        allow-list, a digit/regex test or a path-prefix test are clean there."""
        if condition is None:
            return env
        env = dict(env)
        node = _strip_parens(condition)
        if node.type == "not_operator":
            return self._refine(node.child_by_field_name("argument"), not truth, env)
        if node.type == "boolean_operator":
            operator = _text(node.child_by_field_name("operator"))
            if (operator == "and" and truth) or (operator == "or" and not truth):
                env = self._refine(node.child_by_field_name("left"), truth, env)
                return self._refine(node.child_by_field_name("right"), truth, env)
            return env
        if node.type == "comparison_operator" and len(node.named_children) == 2:
            left, right = node.named_children
            operator = " ".join(
                _text(c) for c in node.children if not c.is_named and _text(c) not in "()"
            )
            if operator in {"in", "not in"}:
                positive = (operator == "in") == truth
                right_value = self._peek(right, env)
                left_value = self._peek(left, env)
                if left_value.is_const and left_value.const in {"..", "../", "/", "\\", "..\\"}:
                    if not positive:  # '..' not in x: a path without parent steps
                        self._clean(right, FAMILIES & {"path"}, env)
                elif positive and not right_value.user:
                    self._clean(left, FAMILIES, env)  # x in ALLOWED
                    lookup = _strip_parens(right)
                    # x in TABLE.get(k) / TABLE[k]: k was a key of the table too
                    if lookup.type == "call" and _arguments(lookup):
                        self._clean(_arguments(lookup)[0], FAMILIES, env)
                    elif lookup.type == "subscript":
                        key = lookup.child_by_field_name("subscript")
                        if key is not None:
                            self._clean(key, FAMILIES, env)
            if operator in {"==", "!="} and (operator == "==") == truth:
                for side in (left, right):
                    side = _strip_parens(side)
                    if side.type == "call" and _text(side.child_by_field_name("function")).endswith(
                        ("commonpath", "commonprefix")
                    ):
                        for argument in _arguments(side):
                            for part in argument.named_children or [argument]:
                                self._clean(part, {"path"}, env)
            if (operator in {"==", "is"} and truth) or (operator in {"!=", "is not"} and not truth):
                value = self._peek(right, env)
                if value.is_const:
                    self._set(left, value, env)
            return env
        if node.type == "call" and truth:
            function = node.child_by_field_name("function")
            arguments = _arguments(node)
            method = _text(function.child_by_field_name("attribute")) if function else ""
            name = self._qualified(function, env)
            if function is not None and function.type == "attribute":
                target = function.child_by_field_name("object")
                if method in {"startswith", "is_relative_to"} and target is not None:
                    prefix = self._peek(arguments[0], env) if arguments else OPAQUE
                    self._clean(target, {"path"}, env)
                    if _fixed_destination(prefix.const if isinstance(prefix.const, str) else ""):
                        self._clean(target, {"redirect", "url"}, env)
                elif method in {"isdigit", "isalnum", "isnumeric", "isdecimal", "isidentifier"}:
                    self._clean(target, FAMILIES, env)
                elif method in {"fullmatch", "match"} and arguments:
                    self._clean(
                        arguments[-1] if len(arguments) > 1 else arguments[0], FAMILIES, env
                    )
            if VALIDATOR_NAME.search(name.rpartition(".")[2]) and arguments:
                for argument in arguments[:1]:
                    self._clean(argument, FAMILIES, env)  # if is_safe_url(x): / is_allowed(x)
            if name in {"re.fullmatch", "re.match"} and len(arguments) >= 2:
                self._clean(arguments[1], FAMILIES, env)
            if name.endswith(("url_has_allowed_host_and_scheme", "is_safe_url")) and arguments:
                self._clean(arguments[0], {"redirect", "url"}, env)
        return env

    def _peek(self, node: Node, env: Env) -> Value:
        """A value for a guard, without reporting its calls a second time."""
        saved = len(self.events)
        value = self._expr(node, env)
        del self.events[saved:]
        return value

    def _clean(self, node: Node, families: frozenset[str] | set[str], env: Env) -> None:
        node = _strip_parens(node)
        name = _target_name(node)
        if name is not None and name in env:
            env[name] = env[name].cleaned(families)
        elif node.type == "call":
            # `os.path.realpath(p).startswith(base)`: the checked value is the call's argument
            for argument in _arguments(node)[:1]:
                self._clean(argument, families, env)

    def _set(self, node: Node, value: Value, env: Env) -> None:
        name = _target_name(_strip_parens(node))
        if name is not None:
            env[name] = value

    # ------------------------------------------------------------------ assignment

    def _assign(self, target: Node, value: Value, env: Env) -> None:
        target = _strip_parens(target)
        if target.type == "identifier":
            env[_text(target)] = value
            self._named_store(target, _text(target), value)
        elif target.type in {"pattern_list", "tuple_pattern", "list_pattern", "expression_list"}:
            parts = target.named_children
            for index, part in enumerate(parts):
                if part.type == "list_splat_pattern":
                    self._assign(part.named_children[0], derived(value), env)
                    continue
                item = element(value, index) if value.items is not None else derived(value)
                self._assign(part, item, env)
        elif target.type == "subscript":
            container_node = target.child_by_field_name("value")
            key = self._expr(target.child_by_field_name("subscript"), env)
            container = self._expr(container_node, env)
            self._store(target, container, key, value)
            name = _target_name(container_node)
            if name is not None and name in env:
                env[name] = _put(env[name], key, value)
        elif target.type == "attribute":
            obj = target.child_by_field_name("object")
            attribute = _text(target.child_by_field_name("attribute"))
            container = self._expr(obj, env)
            self._store(target, container, const(attribute), value)
            name = _target_name(target)
            if name is not None:
                env[name] = value
                self._named_store(target, attribute, value)

    def _store(self, node: Node, target: Value, key: Value, value: Value) -> None:
        if target.kind or isinstance(key.const, str):
            self.events.append(Store(node, target, key, value, self._function[-1]))

    def _named_store(self, node: Node, name: str, value: Value) -> None:
        """A variable's name says what it holds: a secret (weak random, literal password) or
        a setting (SESSION_COOKIE_SECURE = False)."""
        if WEAK_RANDOM in value.labels or value.is_const:
            self.events.append(
                Store(node, Value(kind="variable"), const(name), value, self._function[-1])
            )

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
        values = [self._expr(child, env) for child in node.named_children]
        return derived(*values)

    def _identifier(self, node: Node, env: Env) -> Value:
        name = _text(node)
        if name in env:
            return env[name]
        if name in self.aliases:
            qualified = self.aliases[name]
            if qualified in {"flask.request", "request", "bottle.request", "quart.request"}:
                return Value(kind="request")
            if qualified in {"flask.session", "session"}:
                return Value(kind="session")
            if qualified == "sys.argv":
                return tainted("list")
            return Value(kind=f"module:{qualified}")
        if name in {"True", "False", "None"}:
            return const({"True": True, "False": False, "None": None}[name])
        return OPAQUE

    def _attribute(self, node: Node, env: Env) -> Value:
        qualified = self._qualified(node, env)
        obj = self._expr(node.child_by_field_name("object"), env)
        attribute = _text(node.child_by_field_name("attribute"))
        if qualified in {"sys.argv", "sys.stdin"}:
            return tainted("list")
        if qualified in {"flask.request", "request"}:
            return Value(kind="request")
        if qualified in {"flask.session", "session"}:
            return Value(kind="session")
        if attribute in REQUEST_NAMES and _text(node.child_by_field_name("object")) == "self":
            return Value(kind="request")  # class-based views: self.request
        if obj.kind == "response" and attribute == "headers":
            return Value(kind="response.headers")
        if obj.kind == "request":
            if attribute in REQUEST_DATA:
                return tainted(f"request.{attribute}")
            if attribute == "session":
                return Value(kind="session")
            return OPAQUE
        name = _target_name(node)
        if name is not None and name in env:
            return env[name]
        if obj.kind.startswith("module:"):
            return Value(kind=f"module:{obj.kind[7:]}.{attribute}")
        if obj.labels:
            return derived(obj)
        return Value(kind=f"{obj.kind}.{attribute}" if obj.kind else "")

    def _qualified(self, node: Node | None, env: Env) -> str:
        """`sp.run` -> `subprocess.run` when `sp` is an import (not a local variable)."""
        if node is None:
            return ""
        if node.type == "identifier":
            name = _text(node)
            if name in env:
                return name
            return self.aliases.get(name, name)
        if node.type == "attribute":
            obj = node.child_by_field_name("object")
            head = self._qualified(obj, env) if obj is not None else ""
            return f"{head}.{_text(node.child_by_field_name('attribute'))}"
        return ""

    def _string(self, node: Node, env: Env) -> Value:
        interpolations = [c for c in node.children if c.type == "interpolation"]
        if not interpolations:
            return const(_literal(node))
        parts: list[Value] = []
        for child in node.children:
            if child.type == "string_content":
                parts.append(const(_text(child)))
            elif child.type == "interpolation":
                parts.append(self._expr(child.child_by_field_name("expression"), env))
        return _concat(parts)

    def _concatenated(self, node: Node, env: Env) -> Value:
        return _concat([self._expr(c, env) for c in node.named_children])

    def _binary(self, node: Node, env: Env) -> Value:
        left = self._expr(node.child_by_field_name("left"), env)
        right = self._expr(node.child_by_field_name("right"), env)
        operator = _text(node.child_by_field_name("operator"))
        if operator == "+" and (left.items is not None and right.items is not None):
            return sequence((*left.items, *right.items))
        if operator == "%" and isinstance(left.const, str):
            parts = right.items if right.items is not None else (right,)
            folded = UNKNOWN
            if all(p.is_const for p in parts):
                try:
                    folded = left.const % tuple(p.const for p in parts)
                except (TypeError, ValueError, KeyError, OverflowError):
                    folded = UNKNOWN
            specs = re.findall(r"%[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([a-zA-Z%])", left.const)
            if specs and all(spec in "diouxXeEfFgGc%" for spec in specs):
                # only numbers are formatted in: no text gets through (a weak random stays)
                value = derived(left, *parts, const_value=folded)
                return replace(value, labels=value.labels - {USER, PARAM})
            return built(left, *parts, const_value=folded)
        if operator in {"+", "/"} and not (_is_number(left) or _is_number(right)):
            kind = left.kind if left.kind in {"pathlib.Path", "Path"} else ""
            return built(left, right, const_value=_fold(operator, left, right), kind=kind)
        return derived(left, right, const_value=_fold(operator, left, right))

    def _compare(self, node: Node, env: Env) -> Value:
        operands = [self._expr(c, env) for c in node.named_children]
        operators = [
            _text(c) for c in node.children if not c.is_named and _text(c) not in {"(", ")"}
        ]
        # `not in` and `is not` are two tokens
        merged: list[str] = []
        for op in operators:
            if merged and (
                (merged[-1] == "not" and op == "in") or (merged[-1] == "is" and op == "not")
            ):
                merged[-1] = f"{merged[-1]} {op}" if merged[-1] == "is" else "not in"
            else:
                merged.append(op)
        result: Any = True
        for op, (left, right) in zip(merged, itertools.pairwise(operands), strict=False):
            folded = _compare(op, left, right)
            if folded is UNKNOWN:
                return OPAQUE
            result = result and folded
        return const(bool(result))

    def _boolean(self, node: Node, env: Env) -> Value:
        left = self._expr(node.child_by_field_name("left"), env)
        right = self._expr(node.child_by_field_name("right"), env)
        operator = _text(node.child_by_field_name("operator"))
        left_truth = _truth(left)
        if left_truth is not None:
            if operator == "and":
                return right if left_truth else left
            return left if left_truth else right
        return join(left, right)

    def _not(self, node: Node, env: Env) -> Value:
        truth = _truth(self._expr(node.child_by_field_name("argument"), env))
        return OPAQUE if truth is None else const(not truth)

    def _unary(self, node: Node, env: Env) -> Value:
        value = self._expr(node.child_by_field_name("argument"), env)
        operator = _text(node.child_by_field_name("operator"))
        if isinstance(value.const, int | float) and operator in {"-", "+", "~"}:
            return const({"-": -value.const, "+": value.const}.get(operator, ~int(value.const)))
        return derived(value)

    def _conditional(self, node: Node, env: Env) -> Value:
        parts = node.named_children
        if len(parts) != 3:
            return derived(*(self._expr(p, env) for p in parts))
        truth = _truth(self._expr(parts[1], env))
        if truth is True:
            return self._expr(parts[0], self._refine(parts[1], True, env))
        if truth is False:
            return self._expr(parts[2], self._refine(parts[1], False, env))
        return join(
            self._expr(parts[0], self._refine(parts[1], True, env)),
            self._expr(parts[2], self._refine(parts[1], False, env)),
        )

    def _subscript(self, node: Node, env: Env) -> Value:
        container = self._expr(node.child_by_field_name("value"), env)
        index = node.child_by_field_name("subscript")
        if index is not None and index.type == "slice":
            bounds = [self._expr(c, env).const for c in index.named_children]
            if (
                container.items is not None
                and len(bounds) <= 2
                and all(isinstance(b, int) for b in bounds)
                and ":" in _text(index)
            ):
                start, stop = (
                    ([*bounds, None, None])[:2]
                    if _text(index).strip().startswith(tuple("-0123456789"))
                    else (None, bounds[0] if bounds else None)
                )
                return sequence(container.items[start:stop], kind=container.kind)
            if isinstance(container.const, str) and all(isinstance(b, int) for b in bounds):
                return derived(container)
            return derived(container, const_value=UNKNOWN)
        key = self._expr(index, env)
        if container.kind == "request":
            return tainted()
        return element(container, key.const)

    def _sequence(self, node: Node, env: Env) -> Value:
        items = []
        for child in node.named_children:
            if child.type in {"list_splat", "dictionary_splat"}:
                inner = self._expr(child.named_children[0], env)
                items.extend(inner.items if inner.items is not None else [derived(inner)])
            else:
                items.append(self._expr(child, env))
        return sequence(items, kind="tuple" if node.type == "tuple" else "list")

    def _dictionary(self, node: Node, env: Env) -> Value:
        entries: list[tuple[Any, Value]] = []
        for pair in node.named_children:
            if pair.type != "pair":
                inner = self._expr(pair.named_children[0] if pair.named_children else pair, env)
                entries.extend(inner.entries or [(UNKNOWN, derived(inner))])
                continue
            key = self._expr(pair.child_by_field_name("key"), env)
            entries.append((key.const, self._expr(pair.child_by_field_name("value"), env)))
        return mapping(entries)

    def _comprehension(self, node: Node, env: Env) -> Value:
        inner = dict(env)
        sources: list[Value] = []
        for clause in node.named_children:
            if clause.type == "for_in_clause":
                iterable = self._expr(clause.child_by_field_name("right"), inner)
                sources.append(iterable)
                item = join_all(iterable.items) if iterable.items else element(iterable)
                left = clause.child_by_field_name("left")
                if left is not None:
                    self._assign(left, item, inner)
        body = node.child_by_field_name("body")
        value = self._expr(body, inner) if body is not None else derived(*sources)
        return Value(labels=value.labels, clean=value.clean, kind="list")

    def _named(self, node: Node, env: Env) -> Value:
        value = self._expr(node.child_by_field_name("value"), env)
        name = node.child_by_field_name("name")
        if name is not None:
            env[_text(name)] = value
        return value

    def _assignment_expr(self, node: Node, env: Env) -> Value:
        right = node.child_by_field_name("right")
        value = self._expr(right, env) if right is not None else OPAQUE
        left = node.child_by_field_name("left")
        if node.type == "augmented_assignment" and left is not None:
            current = self._expr(left, env)
            operator = _text(node.child_by_field_name("operator")).rstrip("=")
            value = derived(current, value, const_value=_fold(operator, current, value))
        if left is not None:
            self._assign(left, value, env)
        return value

    # ------------------------------------------------------------------ calls

    def _call(self, node: Node, env: Env) -> Value:
        function = node.child_by_field_name("function")
        arg_nodes = _arguments(node)
        args: list[Value] = []
        kwargs: dict[str, Value] = {}
        for argument in arg_nodes:
            if argument.type == "keyword_argument":
                kwargs[_text(argument.child_by_field_name("name"))] = self._expr(
                    argument.child_by_field_name("value"), env
                )
            elif argument.type == "list_splat":
                inner = self._expr(argument.named_children[0], env)
                args.extend(inner.items if inner.items is not None else [derived(inner)])
            elif argument.type == "dictionary_splat":
                inner = self._expr(argument.named_children[0], env)
                kwargs["**"] = inner
            else:
                args.append(self._expr(argument, env))
        receiver: Value | None = None
        method = ""
        receiver_node: Node | None = None
        if function is not None and function.type == "attribute":
            receiver_node = function.child_by_field_name("object")
            receiver = self._expr(receiver_node, env)
            method = _text(function.child_by_field_name("attribute"))
            qualified = self._qualified(function, env)
            if receiver.kind.startswith("module:"):
                qualified = f"{receiver.kind[7:]}.{method}"
            elif receiver.kind and not receiver.kind.startswith("module:"):
                qualified = f"{receiver.kind}.{method}"
            elif _target_name(receiver_node) in env:
                qualified = method
        else:
            qualified = self._qualified(function, env)
            method = qualified.rpartition(".")[2]
        event = Call(node, qualified, method, receiver, args, kwargs, self._function[-1])
        self.events.append(event)

        # A function of this file, called by name or as self.method(...)
        local = None
        if function is not None and function.type == "identifier" and _text(function) not in env:
            local = self.functions.get(_text(function))
        elif receiver_node is not None and _text(receiver_node) in {"self", "cls"}:
            local = self.functions.get(method)
        elif receiver is not None and receiver.kind.startswith("local:"):
            local = self.functions.get(method)
            if local is not None:
                return self._call_function(local, receiver, args, kwargs)
        if (
            function is not None
            and function.type == "identifier"
            and _text(function) in self.classes
            and _text(function) not in env
        ):
            # An object of a class of this file carries what it was built from.
            return replace(derived(*args, *kwargs.values()), kind=f"local:{_text(function)}")
        if local is not None:
            return self._call_function(local, None, args, kwargs)
        result = self._model(event)
        self._mutate(receiver_node, method, args, kwargs, env)
        if result is not None:
            return result
        return derived(*(() if receiver is None else (receiver,)), *args, *kwargs.values())

    def _model(self, call: Call) -> Value | None:
        """Sources, sanitisers, conversions and the string methods that fold constants."""
        name, method, receiver, args = call.name, call.method, call.receiver, call.args
        if name in SOURCE_CALLS:
            return tainted()
        if name == "enumerate" and args:
            return Value(kind="enumerate", items=(args[0],), labels=args[0].labels)
        if name in {"tarfile.open", "tarfile.TarFile", "tarfile.TarFile.open"}:
            return Value(kind="tarfile")
        if name in AUTOESCAPED_RESPONSES or name.rpartition(".")[2] in RESPONSE_TYPES:
            return Value(kind="response")
        if receiver is not None and receiver.kind == "request" and method in REQUEST_METHODS:
            return tainted()
        for sanitizer, families in SANITIZERS.items():
            if name == sanitizer or (
                name.endswith("." + sanitizer.rpartition(".")[2])
                and (
                    sanitizer.rpartition(".")[2]
                    in {"escape_filter_chars", "secure_filename", "quote"}
                )
            ):
                value = args[0] if len(args) == 1 else derived(*args, *call.kwargs.values())
                return value.cleaned(families)
        if name in CONVERSIONS:
            folded = UNKNOWN
            if name in {"int", "float", "len"} and args and args[0].is_const:
                try:
                    folded = {"int": int, "float": float, "len": len}[name](args[0].const)
                except (TypeError, ValueError):
                    folded = UNKNOWN
            return const(folded)
        if name in {"str", "repr", "format", "bytes"} and args:
            return replace(derived(args[0]), const=args[0].const if name == "str" else UNKNOWN)
        if name in {"random.Random", "numpy.random.default_rng", "numpy.random.RandomState"}:
            return Value(kind="random.Random")
        if name in {"random.SystemRandom", "secrets.SystemRandom"}:
            return Value(kind="random.SystemRandom")
        if (
            name in WEAK_RANDOM_CALLS
            or name.startswith("numpy.random.")
            or (receiver is not None and receiver.kind == "random.Random")
        ):
            return Value(labels=frozenset({WEAK_RANDOM}))
        if receiver is not None and receiver.kind == "random.SystemRandom":
            return OPAQUE
        if (
            name
            in {
                "base64.b64decode",
                "base64.b64encode",
                "base64.urlsafe_b64decode",
                "base64.urlsafe_b64encode",
                "codecs.decode",
            }
            and args
            and args[0].is_const
        ):
            return const(_base64(name, args[0].const))
        if name in {"secrets.token_hex", "secrets.token_urlsafe", "os.urandom", "uuid.uuid4"}:
            return OPAQUE
        if name in {"os.environ.get", "os.getenv"}:
            return OPAQUE
        if name in {"os.path.realpath", "os.path.abspath", "os.path.normpath"} and args:
            return derived(args[0])
        if name in PATH_BUILDERS:
            kind = "pathlib.Path" if "Path" in name else ""
            if len(args) == 1:
                return replace(derived(args[0]), kind=kind)
            return built(*args, kind=kind)
        # A file's content is not request data, but it is what its path's caller chose:
        # deserialising it is still a weakness.
        if name in FILE_OPENERS and args:
            return _file_content(args[0])
        if receiver is not None and (
            (method == "open" and receiver.kind in {"pathlib.Path", "Path"})
            or method in {"read_text", "read_bytes"}
            or (method in {"read", "readline", "readlines"} and receiver.kind == "file")
        ):
            return _file_content(receiver)
        if name.endswith("XMLParser") and "etree" in name:
            resolve = call.kwargs.get("resolve_entities")
            return Value(kind="xml.parser").with_attr(
                "resolve_entities", resolve.const if resolve is not None else True
            )
        if name in {"xml.sax.make_parser"}:
            return Value(kind="sax.parser")
        if receiver is not None:
            if method == "get" and not receiver.user and receiver.kind != "request":
                # a server-side table looked up with a user key gives the table's data
                found = element(receiver, args[0].const if args else UNKNOWN)
                if receiver.entries is None and receiver.items is None:
                    found = derived(receiver)
                if len(args) > 1 and (found.const is None or receiver.entries is None):
                    return join(found, args[1]) if receiver.entries is None else args[1]
                return found
            if method == "get" and (receiver.entries is not None or receiver.items is not None):
                key = args[0].const if args else UNKNOWN
                found = element(receiver, key)
                if found.const is None and len(args) > 1:
                    return args[1]
                return found
            if method == "join" and isinstance(receiver.const, str) and args:
                items = args[0].items
                if items is not None and all(i.is_const for i in items):
                    return const(receiver.const.join(str(i.const) for i in items))
                return built(receiver, args[0])
            if method == "format" and isinstance(receiver.const, str):
                parts = [*args, *call.kwargs.values()]
                folded = UNKNOWN
                if all(p.is_const for p in parts):
                    try:
                        folded = receiver.const.format(
                            *(a.const for a in args),
                            **{k: v.const for k, v in call.kwargs.items()},
                        )
                    except (IndexError, KeyError, ValueError):
                        folded = UNKNOWN
                return built(receiver, *parts, const_value=folded)
            foldable = method in PURE_STR_METHODS and isinstance(receiver.const, str)
            if foldable and all(a.is_const for a in args):
                try:
                    return const(getattr(receiver.const, method)(*(a.const for a in args)))
                except (TypeError, ValueError):
                    return derived(receiver, *args)
            if method in {"pop"} and receiver.items is not None:
                return element(receiver, args[0].const if args else -1)
            if method in {"encode", "decode"}:
                if isinstance(receiver.const, bytes | str) and not args:
                    try:
                        folded = (
                            receiver.const.decode()
                            if isinstance(receiver.const, bytes)
                            else receiver.const.encode()
                        )
                        return const(folded)
                    except UnicodeError:
                        pass
                return replace(derived(receiver), kind=receiver.kind)
        return None

    def _mutate(
        self,
        receiver_node: Node | None,
        method: str,
        args: list[Value],
        kwargs: dict[str, Value],
        env: Env,
    ) -> None:
        """`items.append(x)`, `d.update(...)`, `values.remove(x)`: the variable's value changes."""
        name = _target_name(receiver_node) if receiver_node is not None else None
        if name is None or name not in env:
            return
        current = env[name]
        if method == "setFeature" and len(args) == 2:
            feature = args[0].kind + str(args[0].const)
            if "external_ges" in feature or "external-general-entities" in feature:
                env[name] = current.with_attr("external_ges", args[1].const)
        elif method == "append" and args:
            env[name] = (
                sequence((*current.items, args[0]))
                if current.items is not None
                else derived(current, args[0])
            )
        elif method == "insert" and len(args) == 2 and current.items is not None:
            index = args[0].const if isinstance(args[0].const, int) else len(current.items)
            items = list(current.items)
            items.insert(index, args[1])
            env[name] = sequence(items)
        elif method in {"extend", "update", "add", "setdefault"} and (args or kwargs):
            if method == "extend" and current.items is not None and args[0].items is not None:
                env[name] = sequence((*current.items, *args[0].items))
            elif method == "update" and current.entries is not None and args and args[0].entries:
                merged = current
                for key, value in args[0].entries:
                    merged = _put(merged, const(key), value)
                env[name] = merged
            elif method == "setdefault" and len(args) == 2:
                if element(current, args[0].const).const is None:
                    env[name] = _put(current, args[0], args[1])
            else:
                env[name] = derived(current, *args, *kwargs.values())
        elif method == "pop" and current.items is not None:
            items = list(current.items)
            index = args[0].const if args and isinstance(args[0].const, int) else -1
            if -len(items) <= index < len(items):
                items.pop(index)
                env[name] = sequence(items)
        elif method == "remove" and current.items is not None and args:
            items = list(current.items)
            for i, item in enumerate(items):
                if (item.is_const and args[0].is_const and item.const == args[0].const) or (
                    not item.is_const and item == args[0]
                ):
                    items.pop(i)
                    env[name] = sequence(items)
                    break
        elif method == "clear":
            env[name] = sequence(()) if current.items is not None else mapping(())

    def _lambda(self, node: Node, env: Env) -> Value:
        return OPAQUE


def _file_content(path: Value) -> Value:
    return Value(kind="file", labels=path.labels, clean=FAMILIES - {"deserialize"})


def _put(container: Value, key: Value, value: Value) -> Value:
    if container.entries is not None and key.is_const:
        kept = tuple((k, v) for k, v in container.entries if k != key.const)
        return replace(mapping((*kept, (key.const, value))), kind=container.kind)
    if container.items is not None and isinstance(key.const, int):
        items = list(container.items)
        if -len(items) <= key.const < len(items):
            items[key.const] = value
            return sequence(items)
    return replace(derived(container, value), kind=container.kind)


_EXPRESSIONS: dict[str, Callable[[Interpreter, Node, Env], Value]] = {
    "identifier": Interpreter._identifier,
    "attribute": Interpreter._attribute,
    "string": Interpreter._string,
    "concatenated_string": Interpreter._concatenated,
    "integer": lambda self, node, env: const(_literal(node)),
    "float": lambda self, node, env: const(_literal(node)),
    "true": lambda self, node, env: const(True),
    "false": lambda self, node, env: const(False),
    "none": lambda self, node, env: const(None),
    "binary_operator": Interpreter._binary,
    "comparison_operator": Interpreter._compare,
    "boolean_operator": Interpreter._boolean,
    "not_operator": Interpreter._not,
    "unary_operator": Interpreter._unary,
    "conditional_expression": Interpreter._conditional,
    "subscript": Interpreter._subscript,
    "list": Interpreter._sequence,
    "tuple": Interpreter._sequence,
    "set": Interpreter._sequence,
    "expression_list": Interpreter._sequence,
    "dictionary": Interpreter._dictionary,
    "list_comprehension": Interpreter._comprehension,
    "generator_expression": Interpreter._comprehension,
    "set_comprehension": Interpreter._comprehension,
    "dictionary_comprehension": Interpreter._comprehension,
    "named_expression": Interpreter._named,
    "assignment": Interpreter._assignment_expr,
    "augmented_assignment": Interpreter._assignment_expr,
    "call": Interpreter._call,
    "lambda": Interpreter._lambda,
    "parenthesized_expression": lambda self, node, env: (
        self._expr(node.named_children[0], env) if node.named_children else OPAQUE
    ),
    "await": lambda self, node, env: (
        self._expr(node.named_children[0], env) if node.named_children else OPAQUE
    ),
}


# ---------------------------------------------------------------------- helpers


def _text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def _literal(node: Node) -> Any:
    text = _text(node)
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        content = "".join(_text(c) for c in node.children if c.type == "string_content")
        return content if node.type == "string" else UNKNOWN


def _concat(parts: list[Value]) -> Value:
    if all(isinstance(p.const, str) for p in parts):
        return const("".join(p.const for p in parts))
    return built(*parts)


def _fold(operator: str, left: Value, right: Value) -> Any:
    a, b = left.const, right.const
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    try:
        if operator == "+":
            return a + b
        if operator == "-":
            return a - b
        if operator == "*":
            if isinstance(a, str | bytes | list) or isinstance(b, str | bytes | list):
                count = b if isinstance(b, int) else a
                if isinstance(count, int) and count > 10_000:
                    return UNKNOWN
            return a * b
        if operator == "//":
            return a // b
        if operator == "/":
            return a / b
        if operator == "%":
            return a % b
        if operator == "**":
            return a**b if isinstance(b, int) and abs(b) <= 64 else UNKNOWN
    except (TypeError, ValueError, ZeroDivisionError, OverflowError):
        return UNKNOWN
    return UNKNOWN


def _compare(operator: str, left: Value, right: Value) -> Any:
    if operator in {"in", "not in"} and left.is_const and right.items is not None:
        if all(i.is_const for i in right.items):
            found = any(i.const == left.const for i in right.items)
            return found if operator == "in" else not found
        return UNKNOWN
    if not (left.is_const and right.is_const):
        return UNKNOWN
    a, b = left.const, right.const
    try:
        return {
            "==": lambda: a == b,
            "!=": lambda: a != b,
            "<": lambda: a < b,
            ">": lambda: a > b,
            "<=": lambda: a <= b,
            ">=": lambda: a >= b,
            "is": lambda: a is b if b is None else UNKNOWN,
            "is not": lambda: a is not b if b is None else UNKNOWN,
            "in": lambda: a in b,
            "not in": lambda: a not in b,
        }.get(operator, lambda: UNKNOWN)()
    except TypeError:
        return UNKNOWN


VALIDATOR_NAME = re.compile(
    r"^(is_|has_|check_|validate|valid|verify)?.*(safe|valid|allowed|permitted|trusted|local|"
    r"whitelist|allowlist|authori[sz]ed)",
    re.I,
)


def _base64(name: str, value: Any) -> Any:
    import base64
    import binascii

    data = value.encode() if isinstance(value, str) else value
    if not isinstance(data, bytes):
        return UNKNOWN
    try:
        if name.endswith("decode") and name != "codecs.decode":
            return base64.b64decode(data, altchars=b"-_" if "urlsafe" in name else None)
        if name.endswith("encode"):
            return base64.b64encode(data)
    except (binascii.Error, ValueError):
        return UNKNOWN
    return UNKNOWN


def _fixed_destination(prefix: str) -> bool:
    """A URL that starts with this text stays on one site: a path ("/profile/", not "/" or
    "//") or an absolute URL with its host ("https://example.com/")."""
    if re.match(r"^/[^/\\]", prefix):
        return True
    return bool(re.match(r"^https?://[^/\\?#@]+[/?#]", prefix))


def _is_number(value: Value) -> bool:
    return isinstance(value.const, int | float) and not isinstance(value.const, bool)


def _truth(value: Value) -> bool | None:
    if not value.is_const:
        return None
    try:
        return bool(value.const)
    except Exception:
        return None


def _strip_parens(node: Node) -> Node:
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def _target_name(node: Node | None) -> str | None:
    """The environment key of a variable or attribute chain (`x`, `self.items`)."""
    if node is None:
        return None
    if node.type == "identifier":
        return _text(node)
    if node.type == "attribute":
        obj = _target_name(node.child_by_field_name("object"))
        attribute = _text(node.child_by_field_name("attribute"))
        return f"{obj}.{attribute}" if obj is not None else None
    return None


def _arguments(call: Node) -> list[Node]:
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    if arguments.type == "generator_expression":
        return [arguments]
    return [c for c in arguments.named_children if c.type != "comment"]


def _parameters(node: Node | None) -> list[tuple[str, str, Node | None, str]]:
    """(name, annotation, default node, '*' / '**' / '') per parameter."""
    out: list[tuple[str, str, Node | None, str]] = []
    for child in node.named_children if node is not None else []:
        if child.type == "identifier":
            out.append((_text(child), "", None, ""))
        elif child.type in {"typed_parameter"}:
            name = next((c for c in child.named_children if c.type == "identifier"), None)
            splat = next(
                (c for c in child.named_children if c.type.endswith("splat_pattern")), None
            )
            star = (
                "**"
                if splat is not None and splat.type.startswith("dict")
                else ("*" if splat is not None else "")
            )
            if splat is not None:
                name = splat.named_children[0] if splat.named_children else name
            out.append((_text(name), _text(child.child_by_field_name("type")), None, star))
        elif child.type in {"default_parameter", "typed_default_parameter"}:
            out.append(
                (
                    _text(child.child_by_field_name("name")),
                    _text(child.child_by_field_name("type")),
                    child.child_by_field_name("value"),
                    "",
                )
            )
        elif child.type == "list_splat_pattern" and child.named_children:
            out.append((_text(child.named_children[0]), "", None, "*"))
        elif child.type == "dictionary_splat_pattern" and child.named_children:
            out.append((_text(child.named_children[0]), "", None, "**"))
    return out


def _is_method(function: Node) -> bool:
    params = _parameters(function.child_by_field_name("parameters"))
    return bool(params) and params[0][0] in {"self", "cls"}


def _decorators(function: Node) -> str:
    parent = function.parent
    if parent is None or parent.type != "decorated_definition":
        return ""
    return "\n".join(_text(c) for c in parent.children if c.type == "decorator")


def _descendants_of_type(node: Node, kind: str, stop: str) -> Iterator[Node]:
    for child in node.children:
        if child.type == kind:
            yield child
        elif child.type != stop:
            yield from _descendants_of_type(child, kind, stop)
