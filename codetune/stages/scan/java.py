"""Java rules (tree-sitter): SQL, commands, paths, deserialisation, crypto, eval, XSS, secrets."""

from __future__ import annotations

import re
from collections.abc import Iterator

from codetune.stages.scan.findings import Finding
from codetune.stages.scan.patterns import SQL_TEXT, XSS_SANITIZERS, words
from codetune.stages.scan.treesitter import (
    Rule,
    TsContext,
    call_args,
    call_name,
    flatten_argv,
    is_constant,
    node_text,
    shell_with_data,
    string_texts,
    string_value,
    tmp_literal_rule,
)

_JAVA_SQL_SINKS = words(
    "executeQuery executeUpdate execute executeLargeUpdate addBatch prepareStatement "
    "prepareCall createQuery createNativeQuery createSQLQuery queryForList queryForObject "
    "queryForMap queryForRowSet query update batchUpdate"
)
_JAVA_FILE_CTORS = words(
    "File FileInputStream FileOutputStream FileReader FileWriter RandomAccessFile PrintWriter"
)


def _java_sql(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        _receiver, name = call_name(call)
        args = call_args(call)
        if call.type != "method_invocation" or name not in _JAVA_SQL_SINKS or not args:
            continue
        scope = ctx.scope(call)
        if scope.is_built(args[0]) and SQL_TEXT.search(string_texts(scope.expand(args[0]))):
            yield ctx.finding(
                call,
                "CWE-89",
                "java-sql-concat",
                "high",
                f"SQL built by string concatenation/format reaches {name}(); use a "
                "PreparedStatement with ? placeholders",
            )


def _java_command(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        runtime_exec = name == "exec" and (
            "Runtime" in receiver
            or "runtime" in receiver.lower()
            # Runtime r = Runtime.getRuntime(); r.exec(cmd)
            or any(
                "getRuntime()" in node_text(v) for v in ctx.scope(call).assigns.get(receiver, [])
            )
        )
        process_builder = call.type == "object_creation_expression" and name == "ProcessBuilder"
        command_method = name == "command" and call.type == "method_invocation"
        if not (runtime_exec or process_builder or command_method) or not args:
            continue
        scope = ctx.scope(call)
        argv = flatten_argv(ctx, args)
        if (
            shell_with_data(argv)
            or (
                runtime_exec
                and len(args) == 1
                and (scope.is_built(args[0]) or scope.from_request(args[0]))
            )
            or (process_builder and any(scope.is_built(a) for a in argv[:1]))
        ):
            yield ctx.finding(
                call,
                "CWE-78",
                "java-command-exec",
                "high",
                "command line built from data runs through a shell or Runtime.exec's "
                "tokenizer; pass a fixed program and separate arguments",
            )


def _java_path(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        is_sink = (
            (call.type == "object_creation_expression" and name in _JAVA_FILE_CTORS)
            or (f"{receiver}.{name}" in {"Paths.get", "Path.of"})
            or (name in {"resolve"} and call.type == "method_invocation")
        )
        if not is_sink or not args or ctx.checks_containment(call):
            continue
        if ctx.path_built_from_taint(call) or (
            len(args) == 1 and ctx.path_built_from_taint(args[0])
        ):
            yield ctx.finding(
                call,
                "CWE-22",
                "java-path-traversal",
                "medium",
                "file path built from a parameter or request data without normalize() + "
                "startsWith(base) ('../' escapes the base folder)",
            )


def _java_deserialization(ctx: TsContext) -> Iterator[Finding]:
    filtered = "setObjectInputFilter" in ctx.code or "resolveClass" in ctx.code
    for call in ctx.calls:
        _, name = call_name(call)
        if call.type != "object_creation_expression":
            continue
        if (name == "ObjectInputStream" and not filtered) or name == "XMLDecoder":
            yield ctx.finding(
                call,
                "CWE-502",
                "java-unsafe-deserialization",
                "high",
                f"{name} deserialises arbitrary classes; use a data format (JSON) or an "
                "ObjectInputFilter allow-list",
            )
        elif (
            name == "Yaml"
            and not call_args(call)
            and "SafeConstructor" not in ctx.code
            and re.search(r"\.load(All)?\(", ctx.code)
        ):
            yield ctx.finding(
                call,
                "CWE-502",
                "java-snakeyaml-load",
                "high",
                "SnakeYAML without SafeConstructor instantiates arbitrary types",
            )


def _simple_type(receiver: str) -> str:
    """`java.security.MessageDigest` -> `MessageDigest`: rules name classes by their simple
    name, and code may spell them fully qualified."""
    return receiver.rpartition(".")[2]


def _java_crypto(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        receiver = _simple_type(receiver)
        args = call_args(call)
        value = (string_value(args[0]) or "") if args else ""
        algo = value.upper()
        if (receiver, name) == ("MessageDigest", "getInstance") and algo in words(
            "MD5 MD2 MD4 SHA-1 SHA1 SHA"
        ):
            yield ctx.finding(
                call,
                "CWE-328",
                "java-weak-hash",
                "medium",
                f"weak hash {value}; use SHA-256 or, for passwords, a KDF",
            )
        elif (
            (receiver, name) == ("Cipher", "getInstance")
            and value
            and (
                re.match(r"^(DES|DESEDE|RC4|RC2|ARCFOUR|BLOWFISH)\b", algo)
                or "/ECB/" in algo
                or algo in {"AES", "DES"}
            )
        ):
            yield ctx.finding(
                call,
                "CWE-327",
                "java-weak-cipher",
                "medium",
                f"weak cipher or ECB mode '{value}'; use AES/GCM",
            )


def _java_weak_random(ctx: TsContext) -> Iterator[Finding]:
    """java.util.Random and Math.random are predictable (a 48-bit LCG): not for tokens, keys,
    session ids or passwords, which need SecureRandom."""
    for call in ctx.calls:
        receiver, name = call_name(call)
        creation = call.type == "object_creation_expression"
        if (creation and name == "Random" and receiver in {"", "java.util"}) or (
            not creation and (receiver, name) == ("Math", "random")
        ):
            yield ctx.finding(
                call,
                "CWE-330",
                "java-weak-random",
                "low",
                "predictable random numbers; use java.security.SecureRandom for anything secret",
            )


def _java_eval(ctx: TsContext) -> Iterator[Finding]:
    if "ScriptEngine" not in ctx.code and "GroovyShell" not in ctx.code:
        return
    for call in ctx.calls:
        _, name = call_name(call)
        args = call_args(call)
        if name in {"eval", "evaluate"} and args and not is_constant(args[0]):
            yield ctx.finding(
                call,
                "CWE-94",
                "java-script-eval",
                "high",
                "script engine evaluates code built from data",
            )


def _java_xss(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        if name not in {"print", "println", "write", "printf", "format", "append"} or not args:
            continue
        scope = ctx.scope(call)
        writer = "getWriter()" in receiver or any(
            "getWriter()" in node_text(v) for v in scope.assigns.get(receiver, [])
        )
        if not writer:
            continue
        exprs = scope.expand(args[0])
        if any(scope.built_here(e) and scope.mentions_taint(e, XSS_SANITIZERS) for e in exprs):
            yield ctx.finding(
                call,
                "CWE-79",
                "java-servlet-xss",
                "medium",
                "request data written into the HTML response without encoding",
            )


def _java_credentials(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        _receiver, name = call_name(call)
        args = call_args(call)
        if name == "getConnection" and len(args) >= 3 and string_value(args[2]):
            yield ctx.finding(
                call,
                "CWE-798",
                "java-hardcoded-db-password",
                "high",
                "database password written in the code",
            )


RULES: list[Rule] = [
    _java_sql,
    _java_command,
    _java_path,
    _java_deserialization,
    _java_crypto,
    _java_weak_random,
    _java_eval,
    _java_xss,
    _java_credentials,
    tmp_literal_rule(
        {"File", "FileOutputStream", "FileWriter", "Paths.get", "Path.of"}, "java-hardcoded-tmp"
    ),
]
