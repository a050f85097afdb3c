"""Java sinks: which calls, stores and handler returns of the Java interpreter are weaknesses.

Receivers are recognised by the kind the interpreter gave them (declared type, or what the
call that made them returns: `getRuntime()` is a Runtime, `getWriter()` a PrintWriter), so
`Runtime r = Runtime.getRuntime(); r.exec(cmd)` and `java.security.MessageDigest` are the
same as their short forms.

Injection rules (CWE-22, 78, 79, 89, 90, 94, 501, 502, 601, 643) are here, with `findings_of`,
which runs them and then the API-misuse rules of java_misuse.py (CWE-327, 328, 330, 611, 614,
798) on each event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from codetune.stages.scan.findings import Finding
from codetune.stages.scan.patterns import words
from codetune.stages.scan.taint.catalogue import finding
from codetune.stages.scan.taint.events import Call, Event, Return, Store
from codetune.stages.scan.taint.java_misuse import (
    misuse_in_call,
    misuse_in_return,
    misuse_in_store,
    owner_of,
)
from codetune.stages.scan.taint.values import Value, fixed_destination

SQL_METHODS = words(
    "executeQuery executeUpdate executeLargeUpdate addBatch prepareStatement prepareCall "
    "createQuery createNativeQuery createSQLQuery queryForList queryForObject queryForMap "
    "queryForRowSet queryForLong queryForInt"
)
SQL_GENERIC = words("execute query update batchUpdate executeLargeBatch")
SQL_RECEIVERS = re.compile(
    r"(Statement|Connection|JdbcTemplate|JdbcOperations|EntityManager|Session|Query)$", re.I
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


def findings_of(events: list[Event], origin: str, code: str) -> list[Finding]:
    out: list[Finding] = []
    context = {"ldap": "javax.naming" in code or "ldap" in code.lower()}
    for event in events:
        if isinstance(event, Call):
            out.extend(_call(event, origin, context))
        elif isinstance(event, Store):
            out.extend(misuse_in_store(event, origin))
        elif isinstance(event, Return):
            out.extend(_return(event, origin))
    return out


def _call(call: Call, origin: str, context: dict[str, bool]) -> Iterator[Finding]:
    method, receiver, args = call.method, call.receiver, call.args
    owner = owner_of(call)
    name = call.name
    first = args[0] if args else None
    # ---- CWE-89
    if (
        first is not None
        and (method in SQL_METHODS or (method in SQL_GENERIC and SQL_RECEIVERS.search(owner or "")))
        and first.unsafe_for("sql")
    ):
        yield finding(call, origin, "java-sql-injection", method=method)
    # ---- CWE-78
    if method == "exec" and (owner == "Runtime" or "getRuntime" in name) and first is not None:
        argv = list(first.items) if first.items is not None else [first]
        envp = args[1] if len(args) > 1 else None
        if _command_unsafe(argv, first.items is None) or (
            envp is not None and envp.unsafe_for("cmd")
        ):
            yield finding(call, origin, "java-command-injection")
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
            yield finding(call, origin, "java-command-injection")
    # ---- CWE-22 (building a File or Path is not access; opening, listing, deleting is)
    simple = name.rpartition(".")[2]
    if call.receiver is None and simple in FILE_STREAMS and args:
        if args[0].kind in {"", "File", "Path"} and _built_path(args).unsafe_for("path"):
            yield finding(call, origin, "java-path-traversal")
    elif (owner == "Files" and method in FILES_METHODS and first is not None) or (
        owner in {"File", "Path"} and method in FILE_METHODS and receiver is not None
    ):
        accessed = first if owner == "Files" else receiver
        if accessed is not None and accessed.unsafe_for("path"):
            yield finding(call, origin, "java-path-traversal")
    # ---- CWE-79
    writes = method in WRITER_METHODS and WRITER_KINDS.search(owner or "")
    if writes and any(a.unsafe_for("html") for a in args):
        yield finding(call, origin, "java-xss")
    # ---- CWE-90
    ldap_search = method in {"search", "searchForObject", "lookup"} and (
        LDAP_RECEIVERS.search(owner or "") or context["ldap"]
    )
    # search(base, "(uid={0})", new Object[] {value}, ...): the values are filter arguments,
    # encoded by the directory client
    template = len(args) > 1 and isinstance(args[1].const, str) and "{0}" in args[1].const
    if ldap_search and any(a.unsafe_for("ldap") for a in args[: 2 if template else 3]):
        yield finding(call, origin, "java-ldap-injection")
    # ---- CWE-643
    if (
        method in {"compile", "evaluate", "evaluateExpression"}
        and owner == "XPath"
        and first is not None
    ) and first.unsafe_for("xpath"):
        yield finding(call, origin, "java-xpath-injection")
    # ---- CWE-94
    yield from _code_injection(call, origin)
    # ---- CWE-501
    session_store = method in {"setAttribute", "putValue"} and owner == "HttpSession"
    if session_store and any(a.unsafe_for("session") for a in args[:2]):
        yield finding(call, origin, "java-trust-boundary")
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
        yield finding(
            call,
            origin,
            "java-trust-boundary",
            message="request data put in a @SessionAttributes model attribute (the session)",
        )
    # ---- API misuse (CWE-327, 328, 330, 611, 614, 798): java_misuse.py
    yield from misuse_in_call(call, origin)


def _return(event: Return, origin: str) -> Iterator[Finding]:
    value = event.value
    annotations = event.function.decorators
    if (
        event.function.handler
        and ("@ResponseBody" in annotations or "@RestController" in annotations)
        and not re.search(r"produces\s*=\s*[^)]*(json|xml|plain)", annotations, re.I)
    ) and value.unsafe_for("html"):
        yield finding(
            event,
            origin,
            "java-xss",
            message="a handler returns request data as the response body, unescaped",
        )
    returned = event.node.text.decode("utf-8", "replace") if event.node.text else ""
    if (
        event.function.handler
        and "redirect:" in returned
        and value.unsafe_for("redirect")
        and not fixed_destination(value.prefix.removeprefix("redirect:"))
    ):
        yield finding(event, origin, "java-open-redirect")
    yield from misuse_in_return(event, origin)


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
        yield finding(call, origin, "java-open-redirect")


def _code_injection(call: Call, origin: str) -> Iterator[Finding]:
    method = call.method
    owner = owner_of(call)
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
        yield finding(call, origin, "java-code-injection", method=method)


DESERIALIZE = "java-unsafe-deserialization"


def _deserialization(call: Call, origin: str) -> Iterator[Finding]:
    method, receiver, first = call.method, call.receiver, call.arg(0)
    owner = owner_of(call)
    simple = call.name.rpartition(".")[2]
    if method in {"readObject", "readUnshared"} and owner == "ObjectInputStream":
        # the stream carries what it was built on; a class filter set on it makes it safe
        stream = receiver if receiver is not None else Value()
        if stream.unsafe_for("deserialize", True) and not stream.attr("filter"):
            yield finding(call, origin, DESERIALIZE, what="ObjectInputStream")
        return
    if first is None or not first.unsafe_for("deserialize", True):
        return
    if call.receiver is None and simple == "XMLDecoder":
        yield finding(call, origin, DESERIALIZE, what="XMLDecoder")
    elif method in {"load", "loadAll", "loadAs"} and owner == "Yaml":
        if not (receiver is not None and receiver.attr("safe")):
            yield finding(call, origin, DESERIALIZE, what="SnakeYAML")
    elif method == "deserialize" and owner == "SerializationUtils":
        yield finding(call, origin, DESERIALIZE, what="SerializationUtils.deserialize")
    elif (
        method in {"readValue", "readTree"}
        and receiver is not None
        and receiver.attr("default_typing")
    ):
        yield finding(call, origin, DESERIALIZE, what="Jackson with default typing")
    elif method == "fromXML" and owner == "XStream":
        yield finding(call, origin, DESERIALIZE, what="XStream")


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
