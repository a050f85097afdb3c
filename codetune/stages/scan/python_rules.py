"""Python: bandit plus our own AST rules for what bandit misses.

Our rules cover path traversal, SQL built earlier in the function and run later, `sh -c` in
argument lists, and templates or HTML built from request data. They are "taint-lite": a value
is tainted when it comes from a function parameter or a web request, and a sink is flagged
when its argument is *built* (concatenation, format, f-string, path join) from tainted or
non-constant parts, following local assignments a few steps back. `realpath` + `startswith`
(or a `'..' in x` test) in the function clears path findings; `basename` clears the value.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from codetune.stages.scan.findings import Coverage, Finding
from codetune.stages.scan.patterns import (
    HTML_TAG,
    SHELL_FLAGS,
    SHELLS,
    SQL_TEXT,
    UPPER_CONSTANT,
    XSS_SANITIZERS,
    words,
)
from codetune.stages.scan.python_bandit import bandit_findings

# Calls that reduce a path to its last part: nothing built from them can climb out with '../'.
PATH_SANITIZERS = re.compile(r"(basename|secure_filename|getName|filepath\.Base|FilenameUtils)")
_PY_REQUEST_SOURCE = re.compile(
    r"^(flask\.)?request\.(args|form|values|files|json|cookies|headers|data|GET|POST|"
    r"query_params|path_params|get_json|get_data|body|match_info|query)\b"
)
_PY_SQL_SINKS = {"execute", "executemany", "executescript", "raw", "extra", "mogrify"}
_PY_SQL_FUNCS = {"text", "read_sql", "read_sql_query", "sqlalchemy.text"}
_PY_PATH_SINKS = words(
    "open io.open codecs.open os.open os.remove os.unlink os.rmdir os.removedirs "
    "os.makedirs os.mkdir os.listdir os.scandir os.rename os.replace os.chmod os.stat "
    "shutil.copy shutil.copyfile shutil.copy2 shutil.copytree shutil.move shutil.rmtree "
    "flask.send_file send_file FileResponse django.http.FileResponse aiofiles.open"
)
_PY_PATH_METHODS = words(
    "open read_text read_bytes write_text write_bytes unlink rmdir mkdir iterdir touch"
)
_PY_JOINS = words(
    "os.path.join posixpath.join ntpath.join pathlib.Path Path pathlib.PurePath PurePath "
    "pathlib.PosixPath"
)
_PY_SUBPROCESS = re.compile(
    r"^(subprocess\.(run|call|check_call|check_output|Popen)|os\.(exec|spawn)\w*|"
    r"asyncio\.create_subprocess_exec)$"
)
_PY_ROUTE_DECORATOR = re.compile(r"\.(route|get|post|put|patch|delete|api_route|websocket)$")


def scan_python(code: str, origin: str) -> tuple[list[Finding], Coverage]:
    """bandit's findings (constant SQL dropped), then ours, and how much of `code` they saw
    (parsed with the running Python's `ast`: newer syntax is a syntax error, and reported)."""
    tree, code, error_line = _parse_python(code)
    if tree is None:
        return [], Coverage(origin, "unscanned", error_line)
    coverage = Coverage(origin, "full" if error_line is None else "partial", error_line)
    bandit = _drop_constant_sql(tree, bandit_findings(code, origin))
    return bandit + _python_rules(tree, origin, bandit), coverage


def _drop_constant_sql(tree: ast.Module, findings: list[Finding]) -> list[Finding]:
    """bandit's B608 fires on any concatenated SQL; keep it only where a non-constant part
    (not a literal, not an UPPER_CASE constant) goes into the string."""
    built_lines = {
        line
        for node in ast.walk(tree)
        if isinstance(node, ast.expr) and _py_is_built(node)
        for line in range(node.lineno, (node.end_lineno or node.lineno) + 1)
    }
    return [f for f in findings if f.rule != "bandit-B608" or f.line in built_lines]


def _parse_python(code: str) -> tuple[ast.Module | None, str, int | None]:
    """(tree, the text parsed, the line of the first syntax error or None): a fragment is
    dedented, a truncated tail (a generation that hit its budget) cut before its error."""
    first_error: int | None = None
    for candidate in (code, textwrap.dedent(code)):
        lines = candidate.split("\n")
        error: int | None = None
        for _ in range(20):
            text = "\n".join(lines)
            try:
                return ast.parse(text), text, error
            except SyntaxError as exc:
                error = error or exc.lineno or 1
                first_error = first_error or error
                if not exc.lineno or exc.lineno <= 1 or exc.lineno > len(lines):
                    break
                lines = lines[: exc.lineno - 1]
            except ValueError:
                first_error = first_error or 1
                break
    return None, code, first_error


def _py_imports(tree: ast.Module) -> dict[str, str]:
    """Local name -> qualified name, so `from subprocess import run as r` resolves `r`."""
    aliases: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                if a.asname:
                    aliases[a.asname] = a.name
                else:
                    head = a.name.split(".")[0]
                    aliases[head] = head
        elif isinstance(node, ast.ImportFrom) and node.module:
            for a in node.names:
                aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    return aliases


def _py_qualname(node: ast.AST, aliases: dict[str, str]) -> str:
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(aliases.get(node.id, node.id))
    elif isinstance(node, ast.Call):
        parts.append(_py_qualname(node.func, aliases) + "()")
    else:
        parts.append("?")
    return ".".join(reversed(parts))


def _py_scope_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """Nodes of one function (or module level) without descending into nested functions."""
    stack = list(ast.iter_child_nodes(scope))
    while stack:
        node = stack.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            stack.extend(ast.iter_child_nodes(node))


@dataclass
class _PyScope:
    """What the rules need to know about one function: assignments, taint, checks."""

    node: ast.AST
    aliases: dict[str, str]
    assigns: dict[str, list[ast.expr]] = field(default_factory=lambda: defaultdict(list))
    tainted: set[str] = field(default_factory=set)
    calls: list[ast.Call] = field(default_factory=list)

    def __post_init__(self) -> None:
        for node in _py_scope_nodes(self.node):
            if isinstance(node, ast.Call):
                self.calls.append(node)
            elif isinstance(node, ast.Assign | ast.AnnAssign) and node.value is not None:
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    for name in ast.walk(target):
                        if isinstance(name, ast.Name):
                            self.assigns[name.id].append(node.value)
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                # `q += name` builds q from name: remember it as `q + name`.
                synthetic = ast.BinOp(left=ast.Name(node.target.id), op=node.op, right=node.value)
                self.assigns[node.target.id].append(ast.copy_location(synthetic, node))
            elif isinstance(node, ast.NamedExpr):
                self.assigns[node.target.id].append(node.value)
        if isinstance(self.node, ast.FunctionDef | ast.AsyncFunctionDef):
            args = self.node.args
            every = args.posonlyargs + args.args + args.kwonlyargs
            every += [a for a in (args.vararg, args.kwarg) if a]
            self.tainted = {a.arg for a in every} - {"self", "cls"}
        for _ in range(4):  # taint flows through a few local assignments
            grew = {
                name
                for name, values in self.assigns.items()
                if name not in self.tainted
                and any(self.mentions_taint(v, PATH_SANITIZERS) for v in values)
            }
            if not grew:
                break
            self.tainted |= grew

    def qualname(self, node: ast.AST) -> str:
        return _py_qualname(node, self.aliases)

    def expand(self, expr: ast.expr, depth: int = 4) -> list[ast.expr]:
        """`expr` plus what the local names in it were assigned, a few steps back."""
        out, frontier, seen = [expr], [expr], {id(expr)}
        for _ in range(depth):
            nxt = []
            for e in frontier:
                for name in ast.walk(e):
                    if isinstance(name, ast.Name):
                        for value in self.assigns.get(name.id, []):
                            if id(value) not in seen:
                                seen.add(id(value))
                                nxt.append(value)
            out += nxt
            frontier = nxt
        return out

    def mentions_taint(self, expr: ast.AST, sanitizers: re.Pattern[str]) -> bool:
        if isinstance(expr, ast.Call) and sanitizers.search(self.qualname(expr.func)):
            return False
        if (
            isinstance(expr, ast.Attribute)
            and expr.attr == "name"
            and sanitizers is PATH_SANITIZERS
        ):
            return False  # Path(x).name is a basename
        if isinstance(expr, ast.Name) and expr.id in self.tainted:
            return True
        if isinstance(expr, ast.Attribute | ast.Subscript | ast.Call) and _PY_REQUEST_SOURCE.match(
            self.qualname(expr.func if isinstance(expr, ast.Call) else _py_base(expr))
        ):
            return True
        return any(self.mentions_taint(c, sanitizers) for c in ast.iter_child_nodes(expr))

    def is_request_source(self, expr: ast.AST) -> bool:
        target = expr.func if isinstance(expr, ast.Call) else _py_base(expr)
        return bool(_PY_REQUEST_SOURCE.match(self.qualname(target)))


def _py_base(expr: ast.AST) -> ast.AST:
    while isinstance(expr, ast.Subscript):
        expr = expr.value
    return expr


def _py_is_constant(expr: ast.AST) -> bool:
    if isinstance(expr, ast.Constant):
        return True
    if isinstance(expr, ast.Name):
        return bool(UPPER_CONSTANT.match(expr.id))
    if isinstance(expr, ast.BinOp):
        return _py_is_constant(expr.left) and _py_is_constant(expr.right)
    if isinstance(expr, ast.JoinedStr):
        return all(
            isinstance(v, ast.Constant) or _py_is_constant(getattr(v, "value", v))
            for v in expr.values
        )
    if isinstance(expr, ast.Tuple | ast.List):
        return all(_py_is_constant(e) for e in expr.elts)
    return False


def _py_is_built(expr: ast.AST) -> bool:
    """A string assembled at run time from non-constant parts."""
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add | ast.Mod):
        return not _py_is_constant(expr)
    if isinstance(expr, ast.JoinedStr):
        return not _py_is_constant(expr)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute):  # noqa: SIM102
        if expr.func.attr in {"format", "join", "format_map"}:
            parts = list(expr.args) + [k.value for k in expr.keywords]
            return not all(_py_is_constant(p) for p in parts)
    return False


def _py_string_constants(exprs: Iterable[ast.AST]) -> str:
    return " ".join(
        n.value
        for e in exprs
        for n in ast.walk(e)
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    )


def _py_path_is_built_from_taint(scope: _PyScope, expr: ast.expr) -> bool:
    """True when a path joins a tainted part onto something (base dir, prefix, extension)."""
    for e in scope.expand(expr):
        if scope.is_request_source(e):
            return True
        parts: list[ast.AST] = []
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add | ast.Mod | ast.Div):
            parts = [e.left, e.right]
        elif isinstance(e, ast.JoinedStr):
            parts = list(e.values)
        elif isinstance(e, ast.Call):
            name = scope.qualname(e.func)
            if name in _PY_JOINS or name.endswith((".joinpath", "path.join")):
                parts = list(e.args)
                if isinstance(e.func, ast.Attribute) and name.endswith(".joinpath"):
                    parts = [e.func.value, *parts]
            elif isinstance(e.func, ast.Attribute) and e.func.attr == "format":
                parts = [e.func.value, *e.args]
        if len(parts) >= 2 and any(scope.mentions_taint(p, PATH_SANITIZERS) for p in parts[1:]):
            return True
    return False


def _py_checks_containment(scope: _PyScope) -> bool:
    """`realpath(...)` / `resolve()` followed by a prefix check, or a `'..' in x` test."""
    normalises = contains = False
    for node in _py_scope_nodes(scope.node):
        if isinstance(node, ast.Call):
            name = scope.qualname(node.func)
            if re.search(r"(realpath|abspath|normpath|resolve)$", name):
                normalises = True
            if re.search(r"(startswith|is_relative_to|relative_to|commonpath|commonprefix)$", name):
                contains = True
        elif isinstance(node, ast.Compare) and any(
            isinstance(c, ast.Constant) and c.value == ".." for c in [node.left, *node.comparators]
        ):
            return True
    return normalises and contains


def _python_rules(tree: ast.Module, origin: str, bandit: list[Finding]) -> list[Finding]:
    aliases = _py_imports(tree)
    scopes = [tree] + [
        n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    bandit_sql_lines = {f.line for f in bandit if f.cwe == "CWE-89"}
    findings: list[Finding] = []
    for node in scopes:
        scope = _PyScope(node, aliases)
        for rule in _PY_RULES:
            findings += rule(scope, origin, bandit_sql_lines)
    return findings


def _py_sql_rule(scope: _PyScope, origin: str, bandit_sql_lines: set[int]) -> Iterator[Finding]:
    for call in scope.calls:
        name = scope.qualname(call.func)
        is_sink = (isinstance(call.func, ast.Attribute) and call.func.attr in _PY_SQL_SINKS) or (
            name in _PY_SQL_FUNCS or name.split(".")[-1] in {"read_sql", "read_sql_query"}
        )
        if not is_sink or not call.args:
            continue
        exprs = scope.expand(call.args[0])
        if not any(_py_is_built(e) for e in exprs):
            continue
        if not SQL_TEXT.search(_py_string_constants(exprs)):
            continue
        lines = {getattr(e, "lineno", 0) for e in exprs} | {call.lineno}
        if lines & bandit_sql_lines:
            continue  # bandit already reported where the query was built
        yield Finding(
            origin,
            call.lineno,
            "CWE-89",
            "py-sql-built-query",
            "high",
            f"SQL query built from data by string formatting is executed by {name}(); "
            "use a parameterised query",
        )


def _py_command_rule(scope: _PyScope, origin: str, _: set[int]) -> Iterator[Finding]:
    for call in scope.calls:
        name = scope.qualname(call.func)
        if name == "asyncio.create_subprocess_shell" and call.args:
            if not _py_is_constant(call.args[0]):
                yield Finding(
                    origin,
                    call.lineno,
                    "CWE-78",
                    "py-shell-command",
                    "high",
                    "shell command built from data passed to asyncio.create_subprocess_shell",
                )
            continue
        if not _PY_SUBPROCESS.match(name) or not call.args:
            continue
        for argv in scope.expand(call.args[0], depth=1):
            if not isinstance(argv, ast.List | ast.Tuple) or len(argv.elts) < 3:
                continue
            first = argv.elts[0]
            shell = isinstance(first, ast.Constant) and isinstance(first.value, str)
            if not shell or Path(first.value).name.lower() not in SHELLS:
                continue
            flags = {e.value for e in argv.elts if isinstance(e, ast.Constant)}
            if flags & SHELL_FLAGS and not all(_py_is_constant(e) for e in argv.elts):
                yield Finding(
                    origin,
                    call.lineno,
                    "CWE-78",
                    "py-shell-c-argv",
                    "high",
                    f"{name}() runs a shell (-c) on a command string built from data",
                )
                break


def _py_path_rule(scope: _PyScope, origin: str, _: set[int]) -> Iterator[Finding]:
    if _py_checks_containment(scope):
        return
    for call in scope.calls:
        name = scope.qualname(call.func)
        if name in _PY_PATH_SINKS and call.args:
            target: ast.expr | None = call.args[0]
        elif isinstance(call.func, ast.Attribute) and call.func.attr in _PY_PATH_METHODS:
            target = call.func.value  # (base / name).read_text()
            if not isinstance(target, ast.BinOp | ast.Call | ast.Name):
                continue
        else:
            continue
        if target is not None and _py_path_is_built_from_taint(scope, target):
            yield Finding(
                origin,
                call.lineno,
                "CWE-22",
                "py-path-traversal",
                "medium",
                f"file path built from a parameter or request data reaches {name}() without "
                "normalisation and a containment check ('../' escapes the base folder)",
            )


def _py_template_rule(scope: _PyScope, origin: str, _: set[int]) -> Iterator[Finding]:
    in_route = isinstance(scope.node, ast.FunctionDef | ast.AsyncFunctionDef) and any(
        _PY_ROUTE_DECORATOR.search(scope.qualname(d.func if isinstance(d, ast.Call) else d))
        for d in scope.node.decorator_list
    )
    for call in scope.calls:
        name = scope.qualname(call.func)
        if name.endswith("render_template_string") and call.args:
            if any(_py_is_built(e) for e in scope.expand(call.args[0])):
                yield Finding(
                    origin,
                    call.lineno,
                    "CWE-79",
                    "py-template-from-data",
                    "medium",
                    "template source built from data (XSS / template injection); pass data "
                    "as template variables instead",
                )
        elif (
            name.split(".")[-1] in {"HttpResponse", "make_response", "Response", "HTMLResponse"}
            and call.args
            and _py_html_from_taint(scope, call.args[0])
        ):
            yield _py_xss_finding(origin, call.lineno)
    if in_route:
        for node in _py_scope_nodes(scope.node):
            returned = node.value if isinstance(node, ast.Return) else None
            if returned is not None and _py_html_from_taint(scope, returned):
                yield _py_xss_finding(origin, node.lineno)


def _py_html_from_taint(scope: _PyScope, expr: ast.expr) -> bool:
    exprs = scope.expand(expr)
    return (
        any(_py_is_built(e) for e in exprs)
        and bool(HTML_TAG.search(_py_string_constants(exprs)))
        and any(_py_is_built(e) and scope.mentions_taint(e, XSS_SANITIZERS) for e in exprs)
    )


def _py_xss_finding(origin: str, line: int) -> Finding:
    return Finding(
        origin,
        line,
        "CWE-79",
        "py-html-from-request",
        "medium",
        "HTML built from request data without escaping; use a template with autoescape",
    )


_PY_RULES: list[Callable[[_PyScope, str, set[int]], Iterator[Finding]]] = [
    _py_sql_rule,
    _py_command_rule,
    _py_path_rule,
    _py_template_rule,
]
