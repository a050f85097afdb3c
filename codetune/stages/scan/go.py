"""Go rules (tree-sitter): SQL, exec through a shell, paths, weak crypto, HTML responses."""

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
    tmp_literal_rule,
    walk,
)

_GO_SQL_SINKS = words(
    "Query QueryRow QueryContext QueryRowContext Exec ExecContext Prepare PrepareContext "
    "Get Select Raw Queryx QueryRowx MustExec NamedExec NamedQuery"
)
_GO_FILE_SINKS = words(
    "os.Open os.OpenFile os.ReadFile os.WriteFile os.Create os.Remove os.RemoveAll "
    "os.Mkdir os.MkdirAll os.ReadDir ioutil.ReadFile ioutil.WriteFile ioutil.ReadDir "
    "http.ServeFile"
)


def _go_sql(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        if name not in _GO_SQL_SINKS or not receiver:
            continue
        scope = ctx.scope(call)
        for arg in call_args(call)[:2]:
            if scope.is_built(arg) and SQL_TEXT.search(string_texts(scope.expand(arg))):
                yield ctx.finding(
                    call,
                    "CWE-89",
                    "go-sql-format",
                    "high",
                    f"SQL built with Sprintf/concatenation reaches {name}(); use placeholders "
                    "($1 or ?) and pass values as arguments",
                )
                break


def _go_command(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        if receiver != "exec" or name not in {"Command", "CommandContext"}:
            continue
        argv = flatten_argv(ctx, call_args(call)[(1 if name == "CommandContext" else 0) :])
        if shell_with_data(argv):
            yield ctx.finding(
                call,
                "CWE-78",
                "go-exec-shell",
                "high",
                'exec.Command("sh", "-c", ...) on a command built from data; '
                "run the program directly with separate arguments",
            )


def _go_path(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        full = f"{receiver}.{name}"
        if full not in _GO_FILE_SINKS:
            continue
        args = call_args(call)
        target = args[2] if full == "http.ServeFile" and len(args) > 2 else (args or [None])[0]
        if target is None or ctx.checks_containment(call):
            continue
        if ctx.path_built_from_taint(target):
            yield ctx.finding(
                call,
                "CWE-22",
                "go-path-traversal",
                "medium",
                f"path built from a parameter or request data reaches {full} "
                "without filepath.IsLocal or a prefix check after Clean/Abs",
            )


def _go_crypto(ctx: TsContext) -> Iterator[Finding]:
    for call in ctx.calls:
        receiver, name = call_name(call)
        if receiver in {"md5", "sha1", "md4"} and name in {"New", "Sum"}:
            yield ctx.finding(
                call,
                "CWE-328",
                "go-weak-hash",
                "medium",
                f"weak hash {receiver}; use sha256 or, for passwords, bcrypt/argon2",
            )
        elif (receiver, name) in {
            ("des", "NewCipher"),
            ("des", "NewTripleDESCipher"),
            ("rc4", "NewCipher"),
            ("blowfish", "NewCipher"),
        }:
            yield ctx.finding(
                call, "CWE-327", "go-weak-cipher", "medium", f"weak cipher {receiver}; use AES-GCM"
            )


def _go_xss(ctx: TsContext) -> Iterator[Finding]:
    text_template = re.search(r'"text/template"', ctx.code)
    if text_template and "http.ResponseWriter" in ctx.code:
        for node in walk(ctx.root):
            if node.type == "import_spec" and '"text/template"' in node_text(node):
                yield ctx.finding(
                    node,
                    "CWE-79",
                    "go-text-template-http",
                    "medium",
                    "text/template does not escape HTML; use html/template",
                )
    for call in ctx.calls:
        receiver, name = call_name(call)
        args = call_args(call)
        scope = ctx.scope(call)
        if (receiver, name) == ("template", "HTML") and args and not is_constant(args[0]):
            if scope.mentions_taint(args[0], XSS_SANITIZERS):
                yield ctx.finding(
                    call,
                    "CWE-79",
                    "go-template-html-cast",
                    "medium",
                    "template.HTML() marks data as safe HTML",
                )
        elif (receiver, name) in {("fmt", "Fprintf"), ("io", "WriteString")} and len(args) >= 2:
            if "ResponseWriter" not in scope.text:
                continue
            html = HTML_TAG.search(string_texts(scope.expand(args[1])))
            data = args[2:] if name == "Fprintf" else args[1:]
            if html and any(scope.mentions_taint(a, XSS_SANITIZERS) for a in data):
                yield ctx.finding(
                    call,
                    "CWE-79",
                    "go-html-response",
                    "medium",
                    "request data formatted into HTML without escaping",
                )


RULES: list[Rule] = [
    _go_sql,
    _go_command,
    _go_path,
    _go_crypto,
    _go_xss,
    tmp_literal_rule(
        {"os.Create", "os.OpenFile", "os.WriteFile", "ioutil.WriteFile"}, "go-hardcoded-tmp"
    ),
]
