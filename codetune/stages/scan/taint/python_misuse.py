"""Python API-misuse rules (CWE-327, 328, 330, 611, 614, 798): they read the constants the
interpreter folded, not where user data flows: an algorithm name held in a variable, a parser
built with safe settings, a cookie's `secure=` flag, a weak random number that ends up in a
token, a password written in the code. python_rules.py calls them for each event, after its
injection rules; both build their findings from the catalogue (catalogue.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from codetune.stages.scan.findings import Finding
from codetune.stages.scan.patterns import NOT_SECRET_VALUES, words
from codetune.stages.scan.taint.catalogue import finding
from codetune.stages.scan.taint.events import Call, Return, Store
from codetune.stages.scan.taint.values import WEAK_RANDOM, Value, names_a_secret

WEAK_HASHES = {"md5", "sha1", "md4", "md2", "sha", "ripemd160"}
WEAK_HASH_CALLS = re.compile(
    r"^(hashlib\.(md5|sha1|md4)|Crypto(dome)?\.Hash\.(MD5|MD4|MD2|SHA1?)\.new|"
    r"cryptography\.hazmat\.primitives\.hashes\.(MD5|SHA1)|hashes\.(MD5|SHA1))$"
)
WEAK_CIPHERS = re.compile(
    r"(^|\.)(DES3?|ARC[24]|Blowfish|XOR|CAST|TripleDES|IDEA|SEED|RC4|RC2)(\.new)?$|^pyDes\."
)
XML_PARSERS = words(
    "xml.etree.ElementTree.parse xml.etree.ElementTree.fromstring xml.etree.ElementTree.XML "
    "xml.etree.ElementTree.iterparse xml.etree.ElementTree.fromstringlist "
    "xml.etree.cElementTree.parse xml.etree.cElementTree.fromstring "
    "xml.dom.minidom.parse xml.dom.minidom.parseString xml.dom.pulldom.parse "
    "xml.dom.pulldom.parseString xml.sax.parse xml.sax.parseString "
    "xml.dom.expatbuilder.parse xml.dom.expatbuilder.parseString "
    "lxml.etree.parse lxml.etree.fromstring lxml.etree.XML lxml.etree.iterparse "
    "lxml.etree.fromstringlist"
)
COOKIE_SETTING = re.compile(
    r"^(SESSION_COOKIE_SECURE|CSRF_COOKIE_SECURE|REMEMBER_COOKIE_SECURE|"
    r"LANGUAGE_COOKIE_SECURE|SESSION_SECURE|COOKIE_SECURE)$"
)
PASSWORD_NAME = re.compile(
    r"(passw|pwd|secret|api_?key|apikey|private_?key|access_?key|"
    r"auth_?token|credential)",
    re.I,
)
NOT_A_SECRET_NAME = re.compile(
    r"(name|field|param|label|prompt|url|path|file|header|type|"
    r"length|policy|env|var|key_id|_id)$",
    re.I,
)
# py-cookie-not-secure where no set_cookie call is seen: a raw header, a setting.
_SET_COOKIE_INSECURE = "Set-Cookie header without the Secure attribute"
_COOKIE_SETTING_OFF = "session or CSRF cookie configured without Secure"


def misuse_in_call(call: Call, origin: str) -> Iterator[Finding]:
    """The API-misuse findings of one call (python_rules._call_findings ends with them)."""
    name, method = call.name, call.method
    # ---- CWE-614
    if method in {"set_cookie", "set_signed_cookie"}:
        secure = call.kwargs.get("secure")
        spread = call.kwargs.get("**")
        if secure is None and spread is not None and spread.entries is not None:
            secure = dict((k, v) for k, v in spread.entries if isinstance(k, str)).get("secure")
        unknown_spread = spread is not None and spread.entries is None
        if not unknown_spread and (secure is None or secure.const is not True):
            yield finding(call, origin, "py-cookie-not-secure")
    if method == "update" and any(
        COOKIE_SETTING.match(k) and v.const is False for k, v in call.kwargs.items()
    ):
        yield finding(call, origin, "py-cookie-not-secure", message=_COOKIE_SETTING_OFF)
    if method in {"add", "add_header", "set", "setdefault", "append"} and len(call.args) >= 2:
        header = call.args[0].const
        if (
            isinstance(header, str)
            and header.lower() == "set-cookie"
            and _cookie_text_insecure(call)
        ):
            yield finding(call, origin, "py-cookie-not-secure", message=_SET_COOKIE_INSECURE)
    # ---- CWE-798
    if method == "login" and len(call.args) >= 2 and _literal_secret(call.args[1]):
        yield finding(call, origin, "py-hardcoded-credential")
    auth = call.kwargs.get("auth")
    if (
        auth is not None
        and auth.items is not None
        and len(auth.items) == 2
        and _literal_secret(auth.items[1])
    ):
        yield finding(call, origin, "py-hardcoded-credential")
    # ---- CWE-327 / 328
    yield from _crypto(call, origin)
    # ---- CWE-330
    if any(WEAK_RANDOM in v.labels for v in (*call.args, *call.kwargs.values())) and (
        (method in {"set_cookie", "setex", "set", "sign", "encode"} and _security_call(call))
        or names_a_secret(method or "")
        or any(names_a_secret(k) for k, v in call.kwargs.items() if WEAK_RANDOM in v.labels)
    ):
        yield finding(call, origin, "py-weak-random")
    # ---- CWE-611
    if name in XML_PARSERS or (
        method == "parse" and call.receiver is not None and call.receiver.kind == "sax.parser"
    ):
        yield from _xml(call, origin)


def misuse_in_store(store: Store, origin: str) -> Iterator[Finding]:
    """The API-misuse findings of one store: a cookie setting, a literal password, a weak
    random number kept under a secret's name."""
    key = store.key.const if isinstance(store.key.const, str) else ""
    if COOKIE_SETTING.match(key) and store.value.const is False:
        yield finding(store, origin, "py-cookie-not-secure", message=_COOKIE_SETTING_OFF)
    if key.lower() == "set-cookie" and _cookie_text_insecure(store):
        yield finding(store, origin, "py-cookie-not-secure", message=_SET_COOKIE_INSECURE)
    if (
        store.target.kind == "variable"
        and PASSWORD_NAME.search(key)
        and not NOT_A_SECRET_NAME.search(key)
        and _literal_secret(store.value)
    ):
        yield finding(store, origin, "py-hardcoded-credential")
    if WEAK_RANDOM in store.value.labels and (
        store.target.kind in {"session", "cookie"} or names_a_secret(key)
    ):
        yield finding(store, origin, "py-weak-random")


def misuse_in_return(event: Return, origin: str) -> Iterator[Finding]:
    """A weak random number returned by a function named for a secret."""
    value = event.value
    if WEAK_RANDOM in value.labels and names_a_secret(event.function.name):
        yield finding(event, origin, "py-weak-random")


def _security_call(call: Call) -> bool:
    text = call.node.text.decode("utf-8", "replace") if call.node.text else ""
    return bool(names_a_secret(text))


def _cookie_text_insecure(event: Call | Store) -> bool:
    node = event.node.parent if isinstance(event, Store) and event.node.parent else event.node
    text = node.text.decode("utf-8", "replace") if node.text else ""
    return "secure" not in text.lower()


def _literal_secret(value: Value) -> bool:
    text = value.const.decode("utf-8", "replace") if isinstance(value.const, bytes) else value.const
    return (
        isinstance(text, str)
        and len(text) >= 4
        and not NOT_SECRET_VALUES.match(text)
        and not text.startswith(("${", "{{", "<"))
    )


def _crypto(call: Call, origin: str) -> Iterator[Finding]:
    name = call.name
    if name in {"hashlib.new"} and call.args:
        algorithm = call.args[0].const
        if isinstance(algorithm, str) and algorithm.lower() in WEAK_HASHES and _for_security(call):
            yield finding(call, origin, "py-weak-hash", algorithm=algorithm)
    elif WEAK_HASH_CALLS.match(name) and _for_security(call):
        yield finding(call, origin, "py-weak-hash", algorithm=name.rpartition(".")[2])
    if WEAK_CIPHERS.search(name) and ("Cipher" in name or "algorithms" in name or "pyDes" in name):
        yield finding(call, origin, "py-weak-cipher", name=name)
    elif any(
        v.kind.endswith(("MODE_ECB", "modes.ECB", ".ECB")) for v in call.args
    ) or name.endswith(("modes.ECB",)):
        yield finding(call, origin, "py-ecb-mode")


def _for_security(call: Call) -> bool:
    flag = call.kwargs.get("usedforsecurity")
    return not (flag is not None and flag.const is False)


def _xml(call: Call, origin: str) -> Iterator[Finding]:
    if call.name.startswith("lxml."):
        parser = call.arg(1, "parser")
        if parser is not None and parser.attr("resolve_entities") is False:
            return
    sax = call.receiver is not None and call.receiver.kind == "sax.parser"
    if sax and call.receiver.attr("external_ges") is not True:
        return
    data = call.arg(0, "source")
    if data is None or data.is_const:
        return
    yield finding(call, origin, "py-xxe", name=call.name)
