"""What the Python taint interpreter (python.py) knows of libraries and of the language: the
tables of request accessors, sources, sanitisers, conversions, responses and path builders; the
models of calls to them (`model_call`: the value a call returns, `mutate`: how a method call
changes the variable it is made on); and the small pure helpers on values and tree-sitter nodes
that python.py, python_expressions.py and python_guards.py share (those that read the same in
Java's grammar are interpreter_base.py's).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from codetune.stages.scan.taint.events import Call
from codetune.stages.scan.taint.interpreter_base import Node, node_text
from codetune.stages.scan.taint.values import (
    FAMILIES,
    OPAQUE,
    UNKNOWN,
    WEAK_RANDOM,
    Env,
    Value,
    built,
    const,
    derived,
    element,
    join,
    mapping,
    sequence,
    tainted,
)

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
VALIDATOR_NAME = re.compile(
    r"^(is_|has_|check_|validate|valid|verify)?.*(safe|valid|allowed|permitted|trusted|local|"
    r"whitelist|allowlist|authori[sz]ed)",
    re.I,
)

# ---------------------------------------------------------------------- call models


def model_call(call: Call) -> Value | None:
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
                sanitizer.rpartition(".")[2] in {"escape_filter_chars", "secure_filename", "quote"}
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
    if name.rpartition(".")[2] in {
        "XPathEvaluator",
        "XPathDocumentEvaluator",
        "XPathElementEvaluator",
    }:
        return Value(kind="xpath.evaluator")
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


def mutate(
    receiver_node: Node | None,
    method: str,
    args: list[Value],
    kwargs: dict[str, Value],
    env: Env,
) -> None:
    """`items.append(x)`, `d.update(...)`, `values.remove(x)`: the variable's value changes."""
    name = target_name(receiver_node) if receiver_node is not None else None
    if name is None or name not in env:
        return
    current = env[name]
    if method == "setFeature" and len(args) == 2:
        feature = args[0].kind + str(args[0].const)
        if "external_ges" in feature or "external-general-entities" in feature:
            env[name] = current.with_attr("external_ges", args[1].const)
    elif method == "append" and args:
        if current.items is not None:
            env[name] = sequence((*current.items, args[0]))
        else:
            env[name] = derived(current, args[0])
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
                merged = put(merged, const(key), value)
            env[name] = merged
        elif method == "setdefault" and len(args) == 2:
            if element(current, args[0].const).const is None:
                env[name] = put(current, args[0], args[1])
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


def _file_content(path: Value) -> Value:
    return Value(kind="file", labels=path.labels, clean=FAMILIES - {"deserialize"})


def put(container: Value, key: Value, value: Value) -> Value:
    if container.entries is not None and key.is_const:
        kept = tuple((k, v) for k, v in container.entries if k != key.const)
        return replace(mapping((*kept, (key.const, value))), kind=container.kind)
    if container.items is not None and isinstance(key.const, int):
        items = list(container.items)
        if -len(items) <= key.const < len(items):
            items[key.const] = value
            return sequence(items)
    return replace(derived(container, value), kind=container.kind)


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


# ---------------------------------------------------------------------- helpers


def fold(operator: str, left: Value, right: Value) -> Any:
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


def compare(operator: str, left: Value, right: Value) -> Any:
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


def truth_of(value: Value) -> bool | None:
    if not value.is_const:
        return None
    try:
        return bool(value.const)
    except Exception:
        return None


def target_name(node: Node | None) -> str | None:
    """The environment key of a variable or attribute chain (`x`, `self.items`)."""
    if node is None:
        return None
    if node.type == "identifier":
        return node_text(node)
    if node.type == "attribute":
        obj = target_name(node.child_by_field_name("object"))
        attribute = node_text(node.child_by_field_name("attribute"))
        return f"{obj}.{attribute}" if obj is not None else None
    return None
