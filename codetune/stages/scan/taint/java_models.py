"""What the Java taint interpreter (java.py) knows of calls and of the language: the model of
calls to library methods (`model_call`: the value a call returns, and how it changes the
variable it is made on), built on the tables of java_tables.py; and the small pure helpers on
values and tree-sitter nodes that java.py and java_expressions.py share (those that read the
same in Python's grammar are interpreter_base.py's).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from codetune.stages.scan.taint.events import Call
from codetune.stages.scan.taint.interpreter_base import Node, call_arguments, node_text
from codetune.stages.scan.taint.java_tables import (
    CANONICAL_METHODS,
    COLLECTIONS,
    CONVERSIONS,
    DERIVED_KINDS,
    NUMERIC_CLASSES,
    REQUEST_SOURCES,
    REQUEST_TYPES,
    SANITIZERS,
    WEAK_RANDOM_METHODS,
)
from codetune.stages.scan.taint.values import (
    OPAQUE,
    UNKNOWN,
    WEAK_RANDOM,
    Env,
    Value,
    built,
    const,
    derived,
    element,
    mapping,
    sequence,
    tainted,
)


def model_call(call: Call, env: Env, obj_node: Node | None) -> Value | None:
    """The value a call to a method not of this file returns, by what is known of the library
    (None when nothing is); a call that changes its receiver (`list.add`, `sb.append`,
    `cookie.setSecure`) updates the variable it is made on in `env`."""
    method, receiver, args = call.method, call.receiver, call.args
    rkind = receiver.kind if receiver is not None else ""
    owner = rkind[6:] if rkind.startswith("class:") else rkind
    if rkind == "static" and receiver is not None and isinstance(receiver.const, str):
        owner = receiver.const.rpartition(".")[2]  # ObjectInputFilter.Config
    target = _chain_root(obj_node, env)
    # ---- sources
    if rkind == "RequestWrapper" and method.startswith("get"):
        return tainted()
    if method in REQUEST_SOURCES and (
        REQUEST_TYPES.search(rkind)
        or (
            obj_node is not None
            and node_text(obj_node) in {"request", "req", "httpRequest", "servletRequest"}
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
    if method == "nextBytes" and args and rkind in {"Random", "SecureRandom"}:
        # the array it fills now holds guessable bytes
        array = _chain_root(call_arguments(call.node)[0], env)
        if rkind == "Random" and array is not None:
            env[array] = replace(env[array], labels=env[array].labels | {WEAK_RANDOM})
        return OPAQUE
    if (rkind == "Random" or (owner == "ThreadLocalRandom")) and method in WEAK_RANDOM_METHODS:
        return Value(labels=frozenset({WEAK_RANDOM}))
    if owner == "ThreadLocalRandom" and method == "current":
        return Value(kind="Random")
    if owner == "RandomStringUtils":
        return Value(labels=frozenset({WEAK_RANDOM}))
    if (
        method == "setSeed"
        and rkind == "SecureRandom"
        and target is not None
        and args
        and args[0].is_const
    ):
        env[target] = Value(kind="Random")  # a fixed seed makes any generator predictable
        return OPAQUE
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
            built(*parts, kind="Path") if len(parts) > 1 else replace(derived(*parts), kind="Path")
        )
    if method in {"toFile", "toPath", "getParentFile", "getAbsoluteFile"} and receiver is not None:
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
    if receiver is not None and isinstance(receiver.const, str) and all(a.is_const for a in args):
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


def _collection(
    receiver: Value, method: str, args: list[Value]
) -> tuple[Value | None, Value] | None:
    """(the receiver's new value or None, the call's result) for list, map and builder calls."""
    kind = receiver.kind
    if kind in {"StringBuilder", "StringBuffer"}:
        if method == "append" and args:
            folded = UNKNOWN
            if isinstance(receiver.const, str) and args[0].is_const:
                folded = receiver.const + java_str(args[0].const)
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
        if method in {"load", "loadFromXML", "putAll"}:
            # filled from a file or another map: its entries are no longer known
            return replace(derived(receiver, *args), kind=kind), OPAQUE
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


def _chain_root(node: Node | None, env: Env) -> str | None:
    """The variable a call changes: `sb` in `sb.append(a)` and in `sb.append(a).append(b)`
    (a builder's append returns the builder itself)."""
    while (
        node is not None
        and node.type == "method_invocation"
        and node_text(node.child_by_field_name("name")) in {"append", "insert"}
    ):
        node = node.child_by_field_name("object")
    if node is not None and node.type == "identifier" and node_text(node) in env:
        return node_text(node)
    return None


def _harden(factory: Value, method: str, args: list[Value]) -> Value:
    """Record an XML factory's settings as `attrs` named by the feature's text."""
    if method in {"setExpandEntityReferences", "setXIncludeAware"}:
        return factory.with_attr(method, args[0].const if args else UNKNOWN)
    if len(args) >= 2:
        name = str(args[0].const)
        return factory.with_attr(name, args[1].const)
    return factory


# ---------------------------------------------------------------------- helpers


def simple_type(type_text: str) -> str:
    """`java.util.List<String>` -> `List`; arrays keep their brackets."""
    base = re.sub(r"<.*>", "", type_text).strip()
    return base.rpartition(".")[2]


def java_str(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _string_method(s: str, method: str, args: list[Any]) -> Any:
    try:
        if method == "charAt" and len(args) == 1:
            return s[args[0]]
        if method in {"getBytes", "toCharArray", "chars"}:
            return s  # the literal's bytes are still the literal (a key written in the code)
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
            return s + java_str(args[0])
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


def truth_of(value: Value) -> bool | None:
    return value.const if isinstance(value.const, bool) else None


def parameters_of(node: Node | None) -> list[tuple[str, str, str]]:
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
            ptype = node_text(child.child_by_field_name("type")) or next(
                (
                    node_text(c)
                    for c in child.named_children
                    if c.type.endswith("type") or c.type == "type_identifier"
                ),
                "",
            )
            out.append(
                (
                    node_text(name),
                    ptype + ("[]" if child.type == "spread_parameter" else ""),
                    node_text(modifiers),
                )
            )
    return out
