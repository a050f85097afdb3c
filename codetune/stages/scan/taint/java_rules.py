"""Java sinks: which calls, stores and handler returns of the Java interpreter are weaknesses.

Receivers are recognised by the kind the interpreter gave them (declared type, or what the
call that made them returns: `getRuntime()` is a Runtime, `getWriter()` a PrintWriter), so
`Runtime r = Runtime.getRuntime(); r.exec(cmd)` and `java.security.MessageDigest` are the
same as their short forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from codetune.stages.scan.findings import Finding, Severity
from codetune.stages.scan.patterns import NOT_SECRET_VALUES, words
from codetune.stages.scan.taint.events import Call, Event, Return, Store
from codetune.stages.scan.taint.values import (
    UNKNOWN,
    WEAK_RANDOM,
    Value,
    fixed_destination,
    names_a_secret,
)

SQL_METHODS = words(
    "executeQuery executeUpdate executeLargeUpdate addBatch prepareStatement prepareCall "
    "createQuery createNativeQuery createSQLQuery queryForList queryForObject queryForMap "
    "queryForRowSet queryForLong queryForInt"
)
SQL_GENERIC = words("execute query update batchUpdate executeLargeBatch")
SQL_RECEIVERS = re.compile(
    r"(Statement|Connection|JdbcTemplate|JdbcOperations|EntityManager|Session|Query)$"
)
FILE_STREAMS = words(
    "FileInputStream FileOutputStream FileReader FileWriter RandomAccessFile PrintWriter "
    "PrintStream FileSystemResource ZipFile JarFile"
)
FILE_METHODS = words(
    "exists delete createNewFile mkdir mkdirs listFiles list renameTo length isFile "
    "isDirectory canRead canWrite lastModified setReadable setWritable deleteOnExit toURL"
)
FILES_METHODS = words(
    "newInputStream newOutputStream newBufferedReader newBufferedWriter readAllBytes "
    "readAllLines readString write writeString delete deleteIfExists copy move exists lines "
    "createFile createDirectory createDirectories list walk isRegularFile size"
)
WRITER_KINDS = re.compile(r"^(ResponseWriter|ResponseStream|JspWriter)$")
WRITER_METHODS = words("print println write printf format append")
LDAP_RECEIVERS = re.compile(
    r"(DirContext|LdapContext|InitialDirContext|InitialLdapContext|LdapTemplate|LDAPConnection)$"
)
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


def findings_of(events: list[Event], origin: str, code: str) -> list[Finding]:
    out: list[Finding] = []
    context = {"ldap": "javax.naming" in code or "ldap" in code.lower()}
    for event in events:
        if isinstance(event, Call):
            out.extend(_call(event, origin, context))
        elif isinstance(event, Store):
            out.extend(_store(event, origin))
        elif isinstance(event, Return):
            out.extend(_return(event, origin))
    return out


def _finding(
    event: Call | Store | Return, origin: str, cwe: str, rule: str, severity: Severity, msg: str
) -> Finding:
    return Finding(origin, event.line, cwe, rule, severity, msg)


def _call(call: Call, origin: str, context: dict[str, bool]) -> Iterator[Finding]:
    method, receiver, args = call.method, call.receiver, call.args
    rkind = receiver.kind if receiver is not None else ""
    owner = rkind[6:] if rkind.startswith("class:") else rkind
    name = call.name
    first = args[0] if args else None
    # ---- CWE-89
    if (
        first is not None
        and (method in SQL_METHODS or (method in SQL_GENERIC and SQL_RECEIVERS.search(owner or "")))
        and first.unsafe_for("sql")
    ):
        yield _finding(
            call,
            origin,
            "CWE-89",
            "java-sql-injection",
            "high",
            f"request data is part of the SQL text run by {method}(); use a "
            "PreparedStatement with ? placeholders",
        )
    # ---- CWE-78
    if method == "exec" and (owner == "Runtime" or "getRuntime" in name) and first is not None:
        argv = list(first.items) if first.items is not None else [first]
        envp = args[1] if len(args) > 1 else None
        if _command_unsafe(argv, first.items is None) or (
            envp is not None and envp.unsafe_for("cmd")
        ):
            yield _command(call, origin)
    elif (name.endswith("ProcessBuilder") and call.receiver is None) or (
        method == "command" and owner == "ProcessBuilder"
    ):
        argv = (
            list(first.items)
            if first is not None and first.items is not None and len(args) == 1
            else args
        )
        if argv and (
            _command_unsafe(argv, False)
            or (
                first is not None
                and first.items is None
                and len(args) == 1
                and first.unsafe_for("cmd")
            )
        ):
            yield _command(call, origin)
    # ---- CWE-22 (building a File or Path is not access; opening, listing, deleting is)
    simple = name.rpartition(".")[2]
    if call.receiver is None and simple in FILE_STREAMS and args:
        if args[0].kind in {"", "File", "Path"} and _built_path(args).unsafe_for("path"):
            yield _path(call, origin)
    elif (owner == "Files" and method in FILES_METHODS and first is not None) or (
        owner in {"File", "Path"} and method in FILE_METHODS and receiver is not None
    ):
        accessed = first if owner == "Files" else receiver
        if accessed is not None and accessed.unsafe_for("path"):
            yield _path(call, origin)
    # ---- CWE-79
    writes = method in WRITER_METHODS and WRITER_KINDS.search(owner or "")
    if writes and any(a.unsafe_for("html") for a in args):
        yield _finding(
            call,
            origin,
            "CWE-79",
            "java-xss",
            "medium",
            "request data written into the HTML response without encoding",
        )
    # ---- CWE-90
    ldap_search = method in {"search", "searchForObject", "lookup"} and (
        LDAP_RECEIVERS.search(owner or "") or context["ldap"]
    )
    # search(base, "(uid={0})", new Object[] {value}, ...): the values are filter arguments,
    # encoded by the directory client
    template = len(args) > 1 and isinstance(args[1].const, str) and "{0}" in args[1].const
    if ldap_search and any(a.unsafe_for("ldap") for a in args[: 2 if template else 3]):
        yield _finding(
            call,
            origin,
            "CWE-90",
            "java-ldap-injection",
            "high",
            "request data in an LDAP filter; encode it (encodeForLDAP) or bind it "
            "as a filter argument {0}",
        )
    # ---- CWE-643
    if (
        method in {"compile", "evaluate", "evaluateExpression"}
        and owner == "XPath"
        and first is not None
    ) and first.unsafe_for("xpath"):
        yield _finding(
            call,
            origin,
            "CWE-643",
            "java-xpath-injection",
            "high",
            "request data in an XPath expression; use an XPathVariableResolver",
        )
    # ---- CWE-94
    yield from _code_injection(call, origin)
    # ---- CWE-501
    session_store = method in {"setAttribute", "putValue"} and owner == "HttpSession"
    if session_store and any(a.unsafe_for("session") for a in args[:2]):
        yield _finding(
            call,
            origin,
            "CWE-501",
            "java-trust-boundary",
            "medium",
            "request data stored in the HTTP session, where code trusts it",
        )
    # ---- CWE-502
    yield from _deserialization(call, origin)
    # ---- CWE-601
    yield from _open_redirect(call, origin)
    if (
        method == "addAttribute"
        and owner in {"Model", "ModelMap", "ExtendedModelMap"}
        and len(args) >= 2
        and "@SessionAttributes" in call.function.decorators
        and args[1].unsafe_for("session")
    ):
        yield _finding(
            call,
            origin,
            "CWE-501",
            "java-trust-boundary",
            "medium",
            "request data put in a @SessionAttributes model attribute (the session)",
        )
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
        yield _cookie(call, origin)
    if (
        method == "addCookie"
        and first is not None
        and first.kind == "Cookie"
        and first.attr("secure") is not True
    ):
        yield _finding(
            call,
            origin,
            "CWE-614",
            "java-cookie-not-secure",
            "low",
            "cookie added without setSecure(true) is sent over plain HTTP",
        )
    # ---- CWE-327 / 328
    algorithm = first.const if first is not None and isinstance(first.const, str) else None
    if algorithm is not None and method == "getInstance" and owner == "MessageDigest":
        if algorithm.upper() in WEAK_DIGESTS:
            yield _weak_hash(call, origin, algorithm)
    elif (
        owner == "DigestUtils"
        and re.match(
            r"^(md5|md2|sha1|sha)(Hex)?$|^getMd5Digest$|^getSha1Digest$|^md5Digest(AsHex)?$",
            method,
        )
    ) or (owner == "Hashing" and method in {"md5", "sha1"}):
        yield _weak_hash(call, origin, method)
    if (
        algorithm is not None
        and method == "getInstance"
        and owner in {"Cipher", "KeyGenerator", "SecretKeyFactory"}
    ):
        upper = algorithm.upper()
        if WEAK_CIPHER.search(upper) or (owner == "Cipher" and upper in {"AES", "DES"}):
            yield _finding(
                call,
                origin,
                "CWE-327",
                "java-weak-cipher",
                "medium",
                f"broken cipher or ECB mode '{algorithm}'; use AES/GCM/NoPadding",
            )
    elif call.receiver is None and name.rpartition(".")[2] in {"DESKeySpec", "DESedeKeySpec"}:
        yield _finding(
            call, origin, "CWE-327", "java-weak-cipher", "medium", "DES key: use AES/GCM"
        )
    # ---- CWE-330
    if any(WEAK_RANDOM in a.labels for a in args) and (
        method in {"addCookie", "setAttribute", "setHeader", "addHeader", "putValue"}
        or names_a_secret(method)
        or (call.receiver is None and name.rpartition(".")[2] == "Cookie")
    ):
        yield _weak_random(call, origin)
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
            yield _xxe(call, origin)
    elif method in XML_STREAM_METHODS and owner == "XMLInputFactory" and not _hardened(receiver):
        yield _xxe(call, origin)
    # ---- CWE-798
    yield from _hardcoded_credentials(call, origin)


def _store(store: Store, origin: str) -> Iterator[Finding]:
    name = store.key.const if isinstance(store.key.const, str) else ""
    value = store.value
    if WEAK_RANDOM in value.labels and names_a_secret(name):
        yield _weak_random(store, origin)
    if _secret_name(name) and _literal_secret(value):
        yield _finding(
            store,
            origin,
            "CWE-798",
            "java-hardcoded-secret",
            "high",
            f"'{name}' holds a secret written in the code",
        )


def _return(event: Return, origin: str) -> Iterator[Finding]:
    value = event.value
    annotations = event.function.decorators
    if (
        event.function.handler
        and ("@ResponseBody" in annotations or "@RestController" in annotations)
        and not re.search(r"produces\s*=\s*[^)]*(json|xml|plain)", annotations, re.I)
    ) and value.unsafe_for("html"):
        yield _finding(
            event,
            origin,
            "CWE-79",
            "java-xss",
            "medium",
            "a handler returns request data as the response body, unescaped",
        )
    returned = event.node.text.decode("utf-8", "replace") if event.node.text else ""
    if (
        event.function.handler
        and "redirect:" in returned
        and value.unsafe_for("redirect")
        and not fixed_destination(value.prefix.removeprefix("redirect:"))
    ):
        yield _redirect(event, origin)
    if WEAK_RANDOM in value.labels and names_a_secret(event.function.name):
        yield _weak_random(event, origin)


# ---------------------------------------------------------------------- helpers


CODE_SINKS: dict[str, frozenset[str]] = {
    "ScriptEngine": frozenset({"eval", "compile"}),
    "Compilable": frozenset({"compile"}),
    "GroovyShell": frozenset({"evaluate", "parse", "run"}),
    "ELProcessor": frozenset({"eval", "getValue", "setValue"}),
    "MVEL": frozenset({"eval", "compileExpression"}),
    "Ognl": frozenset({"getValue", "parseExpression", "setValue"}),
}
# A class named by the request, loaded and instantiated: the request chooses what code runs.
CLASS_LOADING = {
    ("Class", "forName"),
    ("ClassLoader", "loadClass"),
    ("URLClassLoader", "loadClass"),
}


def _cookie(event: Call, origin: str) -> Finding:
    return _finding(
        event,
        origin,
        "CWE-614",
        "java-cookie-not-secure",
        "low",
        "cookie sent without the Secure flag (over plain HTTP too)",
    )


def _is_set_cookie(header: Value) -> bool:
    return isinstance(header.const, str) and header.const.replace("_", "-").lower().endswith(
        "set-cookie"
    )


def _node_text(event: Call) -> str:
    return event.node.text.decode("utf-8", "replace") if event.node.text else ""


REDIRECT_HEADERS = {"location", "refresh", "httpheaders.location", "content-location"}


def _open_redirect(call: Call, origin: str) -> Iterator[Finding]:
    method, args = call.method, call.args
    simple = call.name.rpartition(".")[2]
    target: Value | None = None
    if method == "sendRedirect" or method in {"location", "setLocation"}:
        target = call.arg(0)
    elif method in {"setHeader", "addHeader", "header", "set", "add"} and len(args) == 2:
        if str(args[0].const).replace("_", "-").lower().rpartition(".")[2] in REDIRECT_HEADERS:
            target = args[1]
    elif call.receiver is None and simple == "RedirectView":
        target = call.arg(0)
    elif call.receiver is None and simple == "ModelAndView" and args:
        view = args[0]
        if view.prefix.startswith("redirect:") or str(view.const).startswith("redirect:"):
            target = view
    if target is None or not target.unsafe_for("redirect"):
        return
    destination = target.prefix.removeprefix("redirect:")
    if str(args[0].const).lower() == "refresh" if args else False:
        destination = re.sub(r"^\s*\d+\s*;\s*url\s*=\s*", "", destination, flags=re.I)
    if not fixed_destination(destination) or (destination == target.prefix and not destination):
        yield _redirect(call, origin)


def _code_injection(call: Call, origin: str) -> Iterator[Finding]:
    method, receiver = call.method, call.receiver
    owner = receiver.kind.removeprefix("class:") if receiver is not None else ""
    expression = call.arg(0)
    if owner.endswith("ExpressionParser") and method == "parseExpression":
        pass
    elif owner == "ExpressionFactory" and method in {
        "createValueExpression",
        "createMethodExpression",
    }:
        expression = call.arg(1)
    elif (owner, method) in CLASS_LOADING or (method == "loadClass" and "ClassLoader" in owner):
        pass
    elif method not in CODE_SINKS.get(owner, frozenset()):
        return
    if expression is not None and expression.unsafe_for("code", True):
        yield _finding(
            call,
            origin,
            "CWE-94",
            "java-code-injection",
            "high",
            f"request data is evaluated as code, an expression or a class name by {method}()",
        )


def _deserialization(call: Call, origin: str) -> Iterator[Finding]:
    method, receiver, first = call.method, call.receiver, call.arg(0)
    owner = receiver.kind.removeprefix("class:") if receiver is not None else ""
    simple = call.name.rpartition(".")[2]
    if method in {"readObject", "readUnshared"} and owner == "ObjectInputStream":
        # the stream carries what it was built on; a class filter set on it makes it safe
        stream = receiver if receiver is not None else Value()
        if stream.unsafe_for("deserialize", True) and not stream.attr("filter"):
            yield _deserialize(call, origin, "ObjectInputStream")
        return
    if first is None or not first.unsafe_for("deserialize", True):
        return
    if call.receiver is None and simple == "XMLDecoder":
        yield _deserialize(call, origin, "XMLDecoder")
    elif method in {"load", "loadAll", "loadAs"} and owner == "Yaml":
        if not (receiver is not None and receiver.attr("safe")):
            yield _deserialize(call, origin, "SnakeYAML")
    elif method == "deserialize" and owner == "SerializationUtils":
        yield _deserialize(call, origin, "SerializationUtils.deserialize")
    elif (
        method in {"readValue", "readTree"}
        and receiver is not None
        and receiver.attr("default_typing")
    ):
        yield _deserialize(call, origin, "Jackson with default typing")
    elif method == "fromXML" and owner == "XStream":
        yield _deserialize(call, origin, "XStream")


def _command_unsafe(argv: list[Value], whole_string: bool) -> bool:
    if not argv:
        return False
    program = argv[0]
    if whole_string:
        return program.unsafe_for("cmd", True)
    shell = isinstance(program.const, str) and program.const.rsplit("/", 1)[-1].lower() in {
        "sh",
        "bash",
        "zsh",
        "dash",
        "ksh",
        "cmd",
        "cmd.exe",
        "powershell",
        "pwsh",
    }
    if shell and len(argv) >= 3 and any(a.unsafe_for("cmd", True) for a in argv[2:]):
        return True
    if shell and len(argv) == 2 and argv[1].unsafe_for("cmd", True):
        return True
    return program.unsafe_for("cmd") or (
        program.items is None
        and not program.is_const
        and any(a.user for a in argv)
        and program.user
    )


def _built_path(args: list[Value]) -> Value:
    from codetune.stages.scan.taint.values import built, derived

    return built(*args) if len(args) > 1 else derived(args[0])


def _starts_redirect(value: Value) -> bool:
    return (isinstance(value.const, str) and value.const.startswith("redirect:")) or (
        not value.is_const and value.user
    )


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
    owner = call.receiver.kind.removeprefix("class:") if call.receiver is not None else ""
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
        yield _finding(
            call,
            origin,
            "CWE-798",
            "java-hardcoded-credential",
            "high",
            "password or key written in the code; read it from the environment or a secret store",
        )


def _command(event: Call, origin: str) -> Finding:
    return _finding(
        event,
        origin,
        "CWE-78",
        "java-command-injection",
        "high",
        "request data chooses the program or reaches a shell; run a fixed program "
        "with separate arguments",
    )


def _path(event: Call, origin: str) -> Finding:
    return _finding(
        event,
        origin,
        "CWE-22",
        "java-path-traversal",
        "medium",
        "file path built from request data without getCanonicalPath() + startsWith(base)",
    )


def _deserialize(event: Call, origin: str, what: str) -> Finding:
    return _finding(
        event,
        origin,
        "CWE-502",
        "java-unsafe-deserialization",
        "high",
        f"{what} on data the user controls instantiates arbitrary classes",
    )


def _redirect(event: Call | Return, origin: str) -> Finding:
    return _finding(
        event,
        origin,
        "CWE-601",
        "java-open-redirect",
        "medium",
        "redirect to a URL taken from the request; allow-list the target",
    )


def _weak_hash(event: Call, origin: str, algorithm: str) -> Finding:
    return _finding(
        event,
        origin,
        "CWE-328",
        "java-weak-hash",
        "medium",
        f"weak hash {algorithm}; use SHA-256 or, for passwords, a KDF",
    )


def _weak_random(event: Call | Store | Return, origin: str) -> Finding:
    return _finding(
        event,
        origin,
        "CWE-330",
        "java-weak-random",
        "medium",
        "java.util.Random / Math.random (predictable) used for a secret; use SecureRandom",
    )


def _xxe(event: Call, origin: str) -> Finding:
    return _finding(
        event,
        origin,
        "CWE-611",
        "java-xxe",
        "medium",
        "XML parser resolves external entities (XXE); set disallow-doctype-decl",
    )
