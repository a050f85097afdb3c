"""Java API-misuse rules (CWE-327, 328, 330, 611, 614, 798): weak digests and ciphers named
by a constant, XML parsers built without XXE hardening, cookies without the Secure flag, weak
random numbers used for secrets, passwords and keys written in the code. java_rules.py calls
them for each event, after its injection rules; both build their findings from the catalogue
(catalogue.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from codetune.stages.scan.findings import Finding
from codetune.stages.scan.patterns import NOT_SECRET_VALUES, words
from codetune.stages.scan.taint.catalogue import finding
from codetune.stages.scan.taint.events import Call, Return, Store
from codetune.stages.scan.taint.values import UNKNOWN, WEAK_RANDOM, Value, names_a_secret

XML_PARSER_KINDS = words(
    "DocumentBuilder SAXParser XMLReader Transformer Validator SAXReader SAXBuilder Unmarshaller"
)
XML_PARSE_METHODS = words("parse transform validate read build unmarshal")
XML_STREAM_METHODS = words("createXMLStreamReader createXMLEventReader")
WEAK_DIGESTS = {"MD5", "MD2", "MD4", "SHA1", "SHA-1", "SHA"}
# DES and friends alone or inside a PBE name (PBEWithMD5AndDES); ECB for block ciphers (RSA's
# "ECB" in RSA/ECB/OAEPPadding is only a name: RSA has no blocks to chain).
WEAK_CIPHER = re.compile(
    r"^(DES|DESEDE|TRIPLEDES|RC4|RC2|ARCFOUR|BLOWFISH|RC5|IDEA)\b|AND(DES|DESEDE|TRIPLEDES|RC2|RC4)"
    r"\b|^(?!RSA)[^/]+/ECB/",
    re.I,
)
PASSWORD_NAME = re.compile(
    r"(passw|pwd|secret|api_?key|apikey|private_?key|access_?key|auth_?token|credential)", re.I
)
HARDENED = re.compile(
    r"(disallow-doctype-decl|ACCESS_EXTERNAL_DTD|ACCESS_EXTERNAL_SCHEMA|ACCESS_EXTERNAL_STYLESHEET|"
    r"SUPPORT_DTD|supportDTD|IS_SUPPORTING_EXTERNAL_ENTITIES|isSupportingExternalEntities|"
    r"external-general-entities|FEATURE_SECURE_PROCESSING|setExpandEntityReferences)"
)


def owner_of(call: Call) -> str:
    """The class a call is made on: its receiver's declared kind, or the class named by a
    static call (`MessageDigest.getInstance`); "" for a call without a receiver."""
    return call.receiver.kind.removeprefix("class:") if call.receiver is not None else ""


def misuse_in_call(call: Call, origin: str) -> Iterator[Finding]:
    """The API-misuse findings of one call (java_rules._call ends with them)."""
    method, receiver, args = call.method, call.receiver, call.args
    owner = owner_of(call)
    name = call.name
    first = args[0] if args else None
    # ---- CWE-614
    if (
        (method == "setSecure" and args and args[0].const is False)
        or (
            method == "build"
            and owner == "ResponseCookieBuilder"
            and receiver is not None
            and (receiver.attr("secure") is not True)
        )
        or (
            method in {"setHeader", "addHeader", "header"}
            and len(args) >= 2
            and _is_set_cookie(args[0])
            and args[1].kind != "ResponseCookie"
            and "secure" not in _node_text(call).lower()
        )
    ):
        yield finding(call, origin, "java-cookie-not-secure")
    if (
        method == "addCookie"
        and first is not None
        and first.kind == "Cookie"
        and first.attr("secure") is not True
    ):
        yield finding(
            call,
            origin,
            "java-cookie-not-secure",
            message="cookie added without setSecure(true) is sent over plain HTTP",
        )
    # ---- CWE-327 / 328
    algorithm = first.const if first is not None and isinstance(first.const, str) else None
    if algorithm is not None and method == "getInstance" and owner == "MessageDigest":
        if algorithm.upper() in WEAK_DIGESTS:
            yield finding(call, origin, "java-weak-hash", algorithm=algorithm)
    elif (
        owner == "DigestUtils"
        and re.match(
            r"^(md5|md2|sha1|sha)(Hex)?$|^getMd5Digest$|^getSha1Digest$|^md5Digest(AsHex)?$",
            method,
        )
    ) or (owner == "Hashing" and method in {"md5", "sha1"}):
        yield finding(call, origin, "java-weak-hash", algorithm=method)
    if (
        algorithm is not None
        and method == "getInstance"
        and owner in {"Cipher", "KeyGenerator", "SecretKeyFactory"}
    ):
        upper = algorithm.upper()
        if WEAK_CIPHER.search(upper) or (owner == "Cipher" and upper in {"AES", "DES"}):
            yield finding(call, origin, "java-weak-cipher", algorithm=algorithm)
    elif call.receiver is None and name.rpartition(".")[2] in {"DESKeySpec", "DESedeKeySpec"}:
        yield finding(call, origin, "java-weak-cipher", message="DES key: use AES/GCM")
    # ---- CWE-330
    if any(WEAK_RANDOM in a.labels for a in args) and (
        method in {"addCookie", "setAttribute", "setHeader", "addHeader", "putValue"}
        or names_a_secret(method)
        or (call.receiver is None and name.rpartition(".")[2] == "Cookie")
    ):
        yield finding(call, origin, "java-weak-random")
    # ---- CWE-611
    # transforming an in-memory DOMSource parses no XML text
    in_memory = method == "transform" and bool(args) and args[0].kind == "DOMSource"
    if (
        method in XML_PARSE_METHODS
        and owner in XML_PARSER_KINDS
        and args
        and not _hardened(receiver)
        and not in_memory
    ):
        if not all(a.is_const for a in args):
            yield finding(call, origin, "java-xxe")
    elif method in XML_STREAM_METHODS and owner == "XMLInputFactory" and not _hardened(receiver):
        yield finding(call, origin, "java-xxe")
    # ---- CWE-798
    yield from _hardcoded_credentials(call, origin)


def misuse_in_store(store: Store, origin: str) -> Iterator[Finding]:
    """A weak random number or a literal secret kept under a secret's name."""
    name = store.key.const if isinstance(store.key.const, str) else ""
    value = store.value
    if WEAK_RANDOM in value.labels and names_a_secret(name):
        yield finding(store, origin, "java-weak-random")
    if _secret_name(name) and _literal_secret(value):
        yield finding(store, origin, "java-hardcoded-secret", name=name)


def misuse_in_return(event: Return, origin: str) -> Iterator[Finding]:
    """A weak random number returned by a method named for a secret."""
    value = event.value
    if WEAK_RANDOM in value.labels and names_a_secret(event.function.name):
        yield finding(event, origin, "java-weak-random")


def _is_set_cookie(header: Value) -> bool:
    return isinstance(header.const, str) and header.const.replace("_", "-").lower().endswith(
        "set-cookie"
    )


def _node_text(event: Call) -> str:
    return event.node.text.decode("utf-8", "replace") if event.node.text else ""


def _hardened(factory: Value | None) -> bool:
    if factory is None:
        return False
    for key, setting in factory.attrs:
        if not HARDENED.search(str(key)):
            continue
        if "disallow-doctype-decl" in key or "SECURE_PROCESSING" in key:
            if setting is True:
                return True
        elif (
            "external-general-entities" in key
            or "SUPPORT" in key.upper()
            or key == "setExpandEntityReferences"
        ):
            if setting is False:
                return True
        elif "ACCESS_EXTERNAL" in key and setting == "":
            return True
    return False


def _literal_secret(value: Value) -> bool:
    """A literal that can be a password or key: not a placeholder, a property name
    ("spring.datasource.password") or an empty/bare word like "password"."""
    text = value.const
    if (
        text is UNKNOWN
        and value.items
        and all(isinstance(i.const, str) and len(i.const) == 1 for i in value.items)
    ):
        text = "".join(i.const for i in value.items)  # char[] KEY = {'s', 'e', ...}
    return (
        isinstance(text, str)
        and len(text) >= 4
        and not NOT_SECRET_VALUES.match(text)
        and not text.startswith(("${", "#{"))
        and not re.fullmatch(r"[a-z0-9_-]+(\.[a-z0-9_-]+)+", text)
    )


def _secret_name(name: str) -> bool:
    """A name for a secret (`dbPassword`, `SECURITY_CREDENTIALS`), not for where one is found
    (`PASSWORD_PARAM`, `passwordField`, `PASSWORD_PROPERTY`)."""
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()
    return bool(PASSWORD_NAME.search(words)) and not NOT_A_SECRET_NAME.search(words)


NOT_A_SECRET_NAME = re.compile(
    r"(name|field|param|label|prompt|url|path|file|header|type|length|policy|property|prop|"
    r"attr|attribute|column|hash|hashed|encoder|policy|regex|pattern|min|max|key_id)$"
)
# Calls whose argument at the index is a password or key.
CREDENTIAL_ARGS: dict[tuple[str, str], int] = {
    ("KeyStore", "load"): 1,
    ("KeyStore", "getKey"): 1,
    ("KeyStore", "store"): 1,
    ("KeyManagerFactory", "init"): 1,
    ("Keys", "hmacShaKeyFor"): 0,
    ("Algorithm", "HMAC256"): 0,
    ("Algorithm", "HMAC384"): 0,
    ("Algorithm", "HMAC512"): 0,
}
CREDENTIAL_TYPES: dict[str, int] = {
    "SecretKeySpec": 0,
    "PBEKeySpec": 0,
    "PasswordAuthentication": 1,
    "UsernamePasswordCredentials": 1,
    "UsernamePasswordAuthenticationToken": 1,
}


def _hardcoded_credentials(call: Call, origin: str) -> Iterator[Finding]:
    method, args = call.method, call.args
    owner = owner_of(call)
    simple = call.name.rpartition(".")[2]
    secret: Value | None = None
    if method == "getConnection" and len(args) >= 3:
        secret = args[2]
    elif call.receiver is None and simple in CREDENTIAL_TYPES:
        secret = call.arg(CREDENTIAL_TYPES[simple])
    elif (owner, method) in CREDENTIAL_ARGS:
        secret = call.arg(CREDENTIAL_ARGS[(owner, method)])
    elif re.fullmatch(
        r"set(Password|Passwd|Secret|ClientSecret|Credentials?|ApiKey|Passphrase)", method
    ):
        secret = call.arg(0)
    elif method in {"put", "setProperty", "addProperty", "setAttribute"} and len(args) == 2:
        key = args[0].const if isinstance(args[0].const, str) else ""
        if _secret_name(key.rpartition(".")[2]) or _secret_name(key):
            secret = args[1]
    elif method in {"equals", "contentEquals"} and len(args) == 1 and call.receiver is not None:
        # "letmein".equals(password): a password checked against a literal
        text = _node_text(call)
        literal, other = (
            (call.receiver, args[0]) if call.receiver.is_const else (args[0], call.receiver)
        )
        if (
            literal.is_const
            and not other.is_const
            and re.search(r"\b(pass\w*|pwd|secret\w*)\b", text, re.I)
        ):
            secret = literal
    if secret is not None and _literal_secret(secret):
        yield finding(call, origin, "java-hardcoded-credential")
