"""JavaScript and TypeScript rules (tree-sitter): child_process, eval, SQL, DOM/HTML XSS,
paths, weak crypto, node-serialize. TypeScript and TSX go through these same rules."""

from __future__ import annotations

import re
from collections.abc import Iterator

from codetune.stages.scan.findings import Finding
from codetune.stages.scan.patterns import HTML_TAG, SQL_TEXT, XSS_SANITIZERS, words
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
    unwrap,
    walk,
)

_JS_CHILD_PROCESS = r"""['"](?:node:)?child_process['"]"""
_JS_SQL_SINKS = words(
    "query execute exec raw run all get each prepare $queryRawUnsafe $executeRawUnsafe "
    "whereRaw joinRaw orderByRaw havingRaw"
)
_JS_FILE_SINKS = words(
    "readFile readFileSync createReadStream writeFile writeFileSync createWriteStream "
    "appendFile appendFileSync unlink unlinkSync readdir readdirSync rm rmSync open "
    "openSync sendFile download stat statSync"
)


def _js_child_process_names(code: str) -> tuple[set[str], set[str]]:
    """(module aliases, function aliases) bound to child_process by require/import."""
    modules = set(
        re.findall(rf"(?:const|let|var)\s+(\w+)\s*=\s*require\(\s*{_JS_CHILD_PROCESS}\s*\)", code)
    )
    modules |= set(re.findall(rf"import\s+(?:\*\s+as\s+)?(\w+)\s+from\s+{_JS_CHILD_PROCESS}", code))
    functions: set[str] = set()
    for group in re.findall(
        # [^{}]: a `{` cannot start a destructuring inside another (`let{` x n was quadratic).
        rf"(?:(?:const|let|var)\s*\{{([^{{}}]*)\}}\s*=\s*require\(\s*{_JS_CHILD_PROCESS}\s*\)|"
        rf"import\s*\{{([^{{}}]*)\}}\s*from\s*{_JS_CHILD_PROCESS})",
        code,
    ):
        for item in ",".join(group).split(","):
            parts = [p.strip() for p in re.split(r":|\bas\b", item.strip())]
            if parts[0] in {"exec", "execSync"} and parts[-1]:
                functions.add(parts[-1])
    # const run = util.promisify(exec)
    for alias, wrapped in re.findall(
        r"(?:const|let|var)\s+(\w+)\s*=\s*(?:util\.)?promisify\(\s*"
        r"([\w.]+)\s*\)",
        code,
    ):
        if wrapped in functions or (
            wrapped.split(".")[-1] in {"exec"} and (wrapped.split(".")[0] in modules)
        ):
            functions.add(alias)
    return modules, functions


def _js_command(ctx: TsContext) -> Iterator[Finding]:
    if not re.search(_JS_CHILD_PROCESS, ctx.code):
        return
    modules, functions = _js_child_process_names(ctx.code)
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        if not args or call.type != "call_expression":
            continue
        scope = ctx.scope(call)
        via_module = receiver in modules or "child_process" in receiver
        shell_exec = (via_module and name in {"exec", "execSync"}) or (
            not receiver and name in functions
        )
        if shell_exec and (scope.is_built(args[0]) or scope.from_request(args[0])):
            yield ctx.finding(
                call,
                "CWE-78",
                "js-child-process-exec",
                "high",
                f"{name}() runs a shell on a command built from data; use "
                "execFile/spawn with an argument array",
            )
            continue
        spawn_like = name in {"spawn", "spawnSync", "execFile", "execFileSync"} and (
            via_module or not receiver
        )
        if spawn_like:
            argv = flatten_argv(ctx, args[:2])
            shell_option = any(re.search(r"\bshell\s*:\s*true", node_text(a)) for a in args[1:])
            if shell_with_data(argv) or (shell_option and not is_constant(args[0])):
                yield ctx.finding(
                    call, "CWE-78", "js-spawn-shell", "high", f"{name}() runs a shell on data"
                )


def _js_eval(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        if not args:
            continue
        code_arg = None
        if call.type == "call_expression" and not receiver and name == "eval":
            code_arg = args[0]
        elif call.type == "new_expression" and name == "Function":
            code_arg = args[-1]
        elif name in {"setTimeout", "setInterval"} and receiver in {"", "window", "global"}:
            first = unwrap(args[0])
            code_arg = (
                first if first.type in {"string", "template_string", "binary_expression"} else None
            )
        elif receiver == "vm" and name in {
            "runInContext",
            "runInNewContext",
            "runInThisContext",
            "Script",
            "compileFunction",
        }:
            code_arg = args[0]
        if code_arg is not None and not is_constant(code_arg):
            yield ctx.finding(
                call, "CWE-94", "js-eval", "high", f"{name} evaluates code built from data"
            )


def _js_sql(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        if call.type != "call_expression" or not receiver or name not in _JS_SQL_SINKS or not args:
            continue
        scope = ctx.scope(call)
        if scope.is_built(args[0]) and SQL_TEXT.search(string_texts(scope.expand(args[0]))):
            yield ctx.finding(
                call,
                "CWE-89",
                "js-sql-template",
                "high",
                f"SQL built with a template string/concatenation reaches {name}(); "
                "use placeholders and a values array",
            )


def _js_xss(ctx: TsContext) -> Iterator[Finding]:
    for node in walk(ctx.root):
        if node.type in {"assignment_expression", "augmented_assignment_expression"}:
            left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
            prop = left.child_by_field_name("property") if left is not None else None
            if node_text(prop) in {"innerHTML", "outerHTML"} and right is not None:
                scope = ctx.scope(node)
                if not is_constant(right) and not XSS_SANITIZERS.search(node_text(right)):  # noqa: SIM102
                    if scope.is_built(right) or scope.mentions_taint(right, XSS_SANITIZERS):
                        yield ctx.finding(
                            node,
                            "CWE-79",
                            "js-inner-html",
                            "medium",
                            f"data assigned to {node_text(prop)}; use textContent or sanitise",
                        )
        elif (
            node.type == "jsx_attribute"
            and "dangerouslySetInnerHTML" in node_text(node)
            and not XSS_SANITIZERS.search(node_text(node))
        ):
            yield ctx.finding(
                node,
                "CWE-79",
                "js-dangerously-set-inner-html",
                "medium",
                "dangerouslySetInnerHTML with unsanitised data",
            )
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        if not args:
            continue
        scope = ctx.scope(call)
        target = None
        if (receiver, name) in {("document", "write"), ("document", "writeln")}:
            target = args[0]
        elif name == "insertAdjacentHTML" and len(args) >= 2:
            target = args[1]
        elif name in {"send", "write", "end"} and receiver in {"res", "response", "ctx.res"}:
            exprs = scope.expand(args[0])
            if HTML_TAG.search(string_texts(exprs)) and any(
                scope.built_here(e) and scope.mentions_taint(e, XSS_SANITIZERS) for e in exprs
            ):
                yield ctx.finding(
                    call,
                    "CWE-79",
                    "js-html-response",
                    "medium",
                    "request data concatenated into an HTML response",
                )
            continue
        if target is not None and not is_constant(target):  # noqa: SIM102
            if scope.mentions_taint(target, XSS_SANITIZERS) or scope.is_built(target):
                yield ctx.finding(
                    call,
                    "CWE-79",
                    "js-dom-write",
                    "medium",
                    f"{name}() writes data into the DOM as HTML",
                )


def _js_path(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        if name not in _JS_FILE_SINKS or not args or call.type != "call_expression":
            continue
        if name in {"open", "get", "stat"} and not re.search(r"\bfs\b|promises", receiver):
            continue
        if name in {"sendFile", "download"} and any(
            re.search(r"\broot\s*:", node_text(a)) for a in args[1:]
        ):
            continue  # express resolves against root and rejects '..'
        if ctx.checks_containment(call):
            continue
        if ctx.path_built_from_taint(args[0]):
            yield ctx.finding(
                call,
                "CWE-22",
                "js-path-traversal",
                "medium",
                f"path built from request data or a parameter reaches {name}() "
                "without resolve() + startsWith(root)",
            )


def _js_crypto(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        value = ((string_value(args[0]) if args else None) or "").lower()
        if name in {"createHash", "createHmac"} and value in {"md5", "md4", "sha1", "md2"}:
            if name == "createHash":
                yield ctx.finding(
                    call, "CWE-328", "js-weak-hash", "medium", f"weak hash {value}; use sha256"
                )
        elif name == "createCipher" and receiver:
            yield ctx.finding(
                call,
                "CWE-327",
                "js-create-cipher",
                "medium",
                "crypto.createCipher derives a key without salt or IV; use "
                "createCipheriv with AES-GCM",
            )
        elif name == "createCipheriv" and (
            re.match(r"^(des|rc4|rc2|bf|blowfish)", value) or value.endswith("-ecb")
        ):
            yield ctx.finding(
                call, "CWE-327", "js-weak-cipher", "medium", f"weak cipher {value}; use aes-256-gcm"
            )


def _js_deserialization(ctx: TsContext) -> Iterator[Finding]:
    if "node-serialize" not in ctx.code and "serialize-javascript" not in ctx.code:
        return
    for call in ctx.calls:
        _, name = call_name(call)
        if name == "unserialize":
            yield ctx.finding(
                call,
                "CWE-502",
                "js-node-serialize",
                "high",
                "node-serialize unserialize() runs functions embedded in data",
            )


RULES: list[Rule] = [
    _js_command,
    _js_eval,
    _js_sql,
    _js_xss,
    _js_path,
    _js_crypto,
    _js_deserialization,
    tmp_literal_rule(
        {"writeFile", "writeFileSync", "createWriteStream", "openSync"}, "js-hardcoded-tmp"
    ),
]
