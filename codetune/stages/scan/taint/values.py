"""The abstract values of the taint engine: what a variable may hold at one point of a function.

A `Value` is at once a constant (when every path gives the same literal), a set of labels
(`USER`: data an attacker controls; `WEAK_RANDOM`: a predictable random number), the sink
families a sanitiser made it safe for, the items of a list or the entries of a map when they
are known, and the kind of object it is (`Runtime`, `PrintWriter`, `flask.session`) with the
settings made on it (a cookie's Secure flag, a parser's features). Two paths meet by `join`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any


class _Unknown:
    """Not a constant: the value is not known when the code is read."""

    _instance: _Unknown | None = None

    def __new__(cls) -> _Unknown:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Any = _Unknown()
USER = "user"  # request data, command-line arguments, input()
# A parameter of an entry point (a library function): user data once built into a string or
# path, but a parameter passed on as it is (`open(path)`, `cursor.execute(query)`) is the
# caller's business, not a weakness of this function.
PARAM = "param"
WEAK_RANDOM = "weak-random"  # random.random(), java.util.Random: guessable

# Sink families a sanitiser can clear; ALL is what a number or an allow-list check gives.
FAMILIES = frozenset(
    [
        "sql",
        "cmd",
        "html",
        "path",
        "ldap",
        "xpath",
        "code",
        "url",
        "redirect",
        "header",
        "deserialize",
        "session",
    ]
)


@dataclass(frozen=True)
class Value:
    const: Any = UNKNOWN
    labels: frozenset[str] = frozenset()
    clean: frozenset[str] = frozenset()
    items: tuple[Value, ...] | None = None
    entries: tuple[tuple[Any, Value], ...] | None = None
    kind: str = ""
    attrs: tuple[tuple[str, Any], ...] = field(default=())
    # The fixed text a built string starts with ("/profile/" + name): where a redirect goes.
    prefix: str = ""

    # ---- questions a rule asks

    @property
    def is_const(self) -> bool:
        return self.const is not UNKNOWN

    @property
    def user(self) -> bool:
        return USER in self.labels

    def unsafe_for(self, family: str, bare_parameter: bool | None = None) -> bool:
        """User data that no sanitiser of `family` cleaned. An entry point's parameter passed
        on as it is counts too, except as a whole file path or SQL text: a library function
        `read(path)` or `run_query(sql)` hands its caller's value on, as it should."""
        if family in self.clean:
            return False
        if bare_parameter is None:
            bare_parameter = family not in {"path", "sql"}
        return USER in self.labels or (bare_parameter and PARAM in self.labels)

    def attr(self, name: str, default: Any = None) -> Any:
        for key, value in self.attrs:
            if key == name:
                return value
        return default

    # ---- building new values

    def with_attr(self, name: str, value: Any) -> Value:
        kept = tuple((k, v) for k, v in self.attrs if k != name)
        return replace(self, attrs=(*kept, (name, value)))

    def cleaned(self, families: Iterable[str]) -> Value:
        return replace(self, clean=self.clean | frozenset(families))

    def of_kind(self, kind: str) -> Value:
        return replace(self, kind=kind)

    def without_labels(self) -> Value:
        return replace(self, labels=frozenset(), clean=frozenset())


def const(value: Any, kind: str = "") -> Value:
    return Value(const=value, kind=kind)


def is_number(value: Value) -> bool:
    """A constant int or float; True and False are not numbers here."""
    return isinstance(value.const, int | float) and not isinstance(value.const, bool)


def tainted(kind: str = "") -> Value:
    return Value(labels=frozenset({USER}), kind=kind)


OPAQUE = Value()


def derived(*parts: Value, const_value: Any = UNKNOWN, kind: str = "") -> Value:
    """A value computed from `parts` (a concatenation, a format, an unknown call): it carries
    every part's labels, and is clean for a family only when every labelled part was."""
    labels: frozenset[str] = frozenset()
    clean: frozenset[str] | None = None
    for part in parts:
        labels |= part.labels | _content_labels(part)
        if part.labels or _content_labels(part):
            clean = part.clean if clean is None else clean & part.clean
    return Value(const=const_value, labels=labels, clean=clean or frozenset(), kind=kind)


def built(*parts: Value, const_value: Any = UNKNOWN, kind: str = "") -> Value:
    """A string or path built from `parts` (concatenation, format, join): a parameter built
    into it is user data from here on (`"ls " + path`, `os.path.join(base, name)`)."""
    value = derived(*parts, const_value=const_value, kind=kind)
    if parts:
        head = parts[0]
        start = head.const if isinstance(head.const, str) else head.prefix
        value = replace(value, prefix=start)
    if PARAM in value.labels:
        return replace(value, labels=(value.labels - {PARAM}) | {USER})
    return value


def _content_labels(value: Value) -> frozenset[str]:
    labels: frozenset[str] = frozenset()
    for item in value.items or ():
        labels |= item.labels | _content_labels(item)
    for _, item in value.entries or ():
        labels |= item.labels | _content_labels(item)
    return labels


def sequence(items: Iterable[Value], kind: str = "list") -> Value:
    items = tuple(items)
    labels: frozenset[str] = frozenset()
    for item in items:
        labels |= item.labels
    return Value(items=items, labels=labels, kind=kind)


def mapping(entries: Iterable[tuple[Any, Value]], kind: str = "dict") -> Value:
    entries = tuple(entries)
    labels: frozenset[str] = frozenset()
    for _, item in entries:
        labels |= item.labels
    return Value(entries=entries, labels=labels, kind=kind)


def element(container: Value, key: Any = UNKNOWN) -> Value:
    """`container[key]` (or an element of it when the key is not known)."""
    indexable = container.items is not None and isinstance(key, int) and not isinstance(key, bool)
    if indexable and -len(container.items) <= key < len(container.items):
        return container.items[key]
    if container.entries is not None and key is not UNKNOWN:
        for k, v in container.entries:
            if k == key:
                return v
        # A key never put: the map's default (None in Python, null in Java), not its data.
        if all(k is not UNKNOWN for k, _ in container.entries):
            return Value(const=None)
    if container.is_const and isinstance(container.const, str) and isinstance(key, int):
        try:
            return const(container.const[key])
        except IndexError:
            return OPAQUE
    return derived(container)


def join(a: Value, b: Value) -> Value:
    """What a variable holds after two paths meet."""
    if a is b or a == b:
        return a
    labels = a.labels | b.labels
    clean = a.clean & b.clean if a.labels and b.labels else a.clean if a.labels else b.clean
    items = None
    if a.items is not None and b.items is not None and len(a.items) == len(b.items):
        items = tuple(join(x, y) for x, y in zip(a.items, b.items, strict=True))
    entries = None
    if a.entries is not None and b.entries is not None:
        keys = [k for k, _ in a.entries] + [k for k, _ in b.entries if k not in dict(a.entries)]
        entries = tuple((k, join(element(a, k), element(b, k))) for k in keys)
    attrs = tuple((k, v) for k, v in a.attrs if b.attr(k, UNKNOWN) == v)
    prefix_a = a.const if isinstance(a.const, str) else a.prefix
    prefix_b = b.const if isinstance(b.const, str) else b.prefix
    common = 0
    while common < min(len(prefix_a), len(prefix_b)) and prefix_a[common] == prefix_b[common]:
        common += 1
    return Value(
        prefix=prefix_a[:common],
        const=a.const if a.const == b.const and type(a.const) is type(b.const) else UNKNOWN,
        labels=labels,
        clean=clean,
        items=items,
        entries=entries,
        kind=a.kind if a.kind == b.kind else (a.kind or b.kind),
        attrs=attrs,
    )


def join_all(values: Iterable[Value]) -> Value:
    result: Value | None = None
    for value in values:
        result = value if result is None else join(result, value)
    return result or OPAQUE


Env = dict[str, Value]


def join_envs(a: Env | None, b: Env | None) -> Env | None:
    """Environments after two paths meet; None is a path that never gets there (it returned)."""
    if a is None:
        return b
    if b is None:
        return a
    out: Env = {}
    for name in a.keys() | b.keys():
        if name in a and name in b:
            out[name] = join(a[name], b[name])
        else:
            # Defined on one path only: the other path leaves it unset (we keep what is known).
            out[name] = a.get(name) or b[name]
    return out


def fixed_destination(prefix: str) -> bool:
    """A URL that starts with this text stays on one site: a path ("/profile/", not "/" or
    "//") or an absolute URL with its host ("https://example.com/")."""
    if re.match(r"^/[^/\\]", prefix):
        return True
    return bool(re.match(r"^https?://[^/\\?#@]+[/?#]", prefix))


_SECRET_WORDS = re.compile(
    r"(token|secret|passw|pwd|salt|nonce|otp|session|csrf|xsrf|auth|reset|verif|"
    r"confirm|api_?key|apikey|private_?key|secret_?key|signing|signature|cookie|remember|"
    r"credential|\bpin\b|_pin\b|\bkey\b|_key\b|\biv\b|invite|activation|one_time|onetime|"
    r"(sms|login|auth|verification|mfa|2fa|two_factor|access|unlock|recovery|backup)_code|"
    r"share_(id|link|token|key)|magic_link|(link|url)_token)",
    re.I,
)


def names_a_secret(name: str) -> bool:
    """Whether a variable, key or function name says it holds a secret: `reset_token`,
    `newResetToken`, `API_KEY`, `sessionId`... (camelCase read as words)."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
    return bool(_SECRET_WORDS.search(words))
