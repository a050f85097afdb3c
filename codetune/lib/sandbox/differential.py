"""Differential testing of a Java -> Go translation: the Java original and the Go translation run
on the same generated inputs, in the sandbox, and their outputs are compared.

For code that has no tests (a team's own Java without a Go test suite) this is the behaviour
check. Inputs are generated from the Java method's parameter types: `int`/`long` (and boxes),
`double`, `boolean`, `char`, `String`, lists and arrays of those, `List<List<Integer>>` and
`Map<String, Integer>`, with the edge values (0, -1, "", []) first; a method taking anything
else is `unsupported`. Each side prints every result as JSON (Java by a small printer in the
harness, Go by `encoding/json`); the outputs are compared as values (numbers within 1e-6
relative, `1.0` equals `1`; a Go nil slice or map, which `encoding/json` writes `null`, equals an
empty one), and an exception on one side must meet a panic on the other.

Each call has its own time limit (an out-of-domain input can loop). An input the Java original
throws on or loops on is outside its domain and is not compared; with a reference translation
(the team's own Go), neither is one where the reference and the Java disagree.

Verdicts: `agree` (every compared input gives the same output), `differ`, `build_failed` (the
Go does not build), `no_valid_inputs` (the original does not compile or run here, or fails on
almost every input), `unsupported`, `timeout`.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import tree_sitter

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.codeparse import parser_for
from codetune.lib.sandbox.humaneval_x import used_packages
from codetune.lib.sandbox.launcher import run_many

RESULT = "CODETUNE_RESULT "
ERROR = "CODETUNE_ERROR"
TIMEOUT = "CODETUNE_TIMEOUT"
CALL_TIMEOUT_S = 2  # per input: an out-of-domain input can loop (prime_fib(-1))
MIN_VALID_INPUTS = 3

_INT = {"int", "Integer", "long", "Long", "short", "Short", "byte", "Byte"}
_FLOAT = {"double", "Double", "float", "Float"}
_SCALARS = _INT | _FLOAT | {"boolean", "Boolean", "char", "Character", "String"}


@dataclass(frozen=True)
class JavaMethod:
    name: str
    static: bool
    param_types: list[str]


@dataclass
class DiffVerdict:
    status: str  # agree, differ, build_failed, no_valid_inputs, unsupported, timeout
    inputs: int = 0
    mismatches: list[dict[str, Any]] = field(default_factory=list)  # the first few
    detail: str = ""

    @property
    def agreed(self) -> bool:
        return self.status == "agree"


def _text(node: tree_sitter.Node | None) -> str:
    return node.text.decode() if node is not None and node.text else ""


def _as_unit(source: str) -> tuple[str, str]:
    """(the import lines, a compilation unit body): a method alone is put in a class
    `Solution` (its imports above it)."""
    lines = source.splitlines(keepends=True)
    imports = "".join(ln for ln in lines if re.match(r"\s*(import|package)\s", ln))
    rest = "".join(ln for ln in lines if not re.match(r"\s*(import|package)\s", ln))
    root = parser_for("java").parse(rest.encode()).root_node
    if not any(c.type == "class_declaration" for c in root.named_children):
        rest = f"class Solution {{\n{rest}\n}}\n"
    return re.sub(r"^\s*package\s.*\n", "", imports, flags=re.MULTILINE), rest


def java_method(source: str, name: str) -> JavaMethod | None:
    """The method `name` in Java source (a whole file, or one method alone)."""
    root = parser_for("java").parse(_as_unit(source)[1].encode()).root_node
    stack = [root]
    while stack:
        node = stack.pop()
        if node.type == "method_declaration" and _text(node.child_by_field_name("name")) == name:
            params = node.child_by_field_name("parameters")
            types = [
                re.sub(r"\s+", "", _text(p.child_by_field_name("type")))
                for p in (params.named_children if params is not None else [])
                if p.type == "formal_parameter"
            ]
            modifiers = next((c for c in node.children if c.type == "modifiers"), None)
            return JavaMethod(name, "static" in _text(modifiers).split(), types)
        stack.extend(node.children)
    return None


def go_param_types(code: str, name: str) -> list[str] | None:
    """The parameter types of Go function `name`, one per parameter (`a, b int` -> two)."""
    root = parser_for("go").parse(code.encode()).root_node
    for node in root.named_children:
        if node.type == "function_declaration" and _text(node.child_by_field_name("name")) == name:
            out = []
            params = node.child_by_field_name("parameters")
            for p in params.named_children if params is not None else []:
                names = [c for c in p.named_children if c.type == "identifier"]
                out += [_text(p.child_by_field_name("type"))] * max(1, len(names))
            return out
    return None


# ------------------------------------------------------------------------------ the inputs


def _element(java_type: str) -> str | None:
    """`List<Integer>` -> `Integer`, `int[]` -> `int`; None for a scalar."""
    if java_type.endswith("[]"):
        return java_type[:-2]
    match = re.fullmatch(r"(?:List|ArrayList|Collection|Iterable)<(.+)>", java_type)
    return match.group(1) if match else None


def supported(java_type: str) -> bool:
    if java_type in _SCALARS or java_type == "Map<String,Integer>":
        return True
    inner = _element(java_type)
    return inner is not None and supported(inner)


def _value(java_type: str, rng: random.Random, edge: int) -> Any:
    inner = _element(java_type)
    if inner is not None:
        return [] if edge == 0 else [_value(inner, rng, -1) for _ in range(rng.randint(1, 6))]
    if java_type == "Map<String,Integer>":
        if edge == 0:
            return {}
        return {_value("String", rng, -1) or "k": rng.randint(-5, 20) for _ in range(3)}
    if java_type in _INT:
        return [0, 1, -1, 2][edge] if 0 <= edge < 4 else rng.choice([rng.randint(-20, 60), 7, 10])
    if java_type in _FLOAT:
        return [0.0, 1.5, -2.25][edge] if 0 <= edge < 3 else round(rng.uniform(-10, 10), 3)
    if java_type in ("boolean", "Boolean"):
        return edge % 2 == 0 if edge >= 0 else rng.random() < 0.5
    if java_type in ("char", "Character"):
        return rng.choice("abcXYZ019 ")
    if edge == 0:
        return ""
    return "".join(rng.choice("abcdeABC xyz019") for _ in range(rng.randint(1, 9)))


def generate_inputs(types: Sequence[str], n: int, seed: int) -> list[list[Any]]:
    """`n` argument lists: the edge values first (0, 1, -1, "", [] ...), then random ones."""
    rng = random.Random(seed)
    return [[_value(t, rng, i if i < 4 else -1) for t in types] for i in range(n)]


def _java_literal(java_type: str, value: Any) -> str:
    inner = _element(java_type)
    if inner is not None:
        items = ", ".join(_java_literal(inner, v) for v in value)
        if java_type.endswith("[]"):
            return f"new {java_type}{{{items}}}"
        return (
            f"new ArrayList<{_boxed(inner)}>(Arrays.asList({items}))"
            if items
            else (f"new ArrayList<{_boxed(inner)}>()")
        )
    if java_type == "Map<String,Integer>":
        puts = "".join(f"put({json.dumps(k)}, {v}); " for k, v in value.items())
        return f"new HashMap<String, Integer>() {{{{ {puts}}}}}"
    if java_type in ("long", "Long"):
        return f"{value}L"
    if java_type in ("short", "Short", "byte", "Byte"):
        return f"({java_type.lower()}) {value}"
    if java_type in _FLOAT:
        return repr(float(value)) + ("f" if java_type in ("float", "Float") else "")
    if java_type in ("boolean", "Boolean"):
        return "true" if value else "false"
    if java_type in ("char", "Character"):
        return "'\\\\'" if value == "\\" else f"'{value}'"
    if java_type in _INT:
        return str(value)
    return json.dumps(value)  # a JSON string is a Java string literal (ASCII here)


def _boxed(java_type: str) -> str:
    return {"int": "Integer", "long": "Long", "double": "Double", "boolean": "Boolean",
            "char": "Character", "float": "Float", "short": "Short", "byte": "Byte"}.get(
        java_type, java_type
    )  # fmt: skip


def _go_literal(go_type: str, value: Any) -> str:
    if go_type.startswith("[]"):
        inner = go_type[2:]
        return f"{go_type}{{{', '.join(_go_literal(inner, v) for v in value)}}}"
    if go_type.startswith("map["):
        key, val = re.fullmatch(r"map\[(.+?)\](.+)", go_type).groups()  # type: ignore[union-attr]
        pairs = ", ".join(f"{_go_literal(key, k)}: {_go_literal(val, v)}" for k, v in value.items())
        return f"{go_type}{{{pairs}}}"
    if go_type in ("rune", "byte") and isinstance(value, str):
        return "'\\\\'" if value == "\\" else f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return str(value)
    return json.dumps(value)


# ------------------------------------------------------------------------------ the programs

_JAVA_SHOW = r"""
    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') b.append('\\').append(c);
            else if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.append('"').toString();
    }
    static String show(Object o) {
        if (o == null) return "null";
        if (o instanceof java.util.Optional) {
            java.util.Optional<?> p = (java.util.Optional<?>) o;
            return p.isPresent() ? show(p.get()) : "null";
        }
        if (o instanceof String || o instanceof Character) return quote(o.toString());
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            return Double.isFinite(d) ? Double.toString(d) : "null";
        }
        if (o instanceof Number || o instanceof Boolean) return o.toString();
        StringBuilder b = new StringBuilder();
        if (o.getClass().isArray()) {
            b.append('[');
            for (int i = 0; i < java.lang.reflect.Array.getLength(o); i++)
                b.append(i > 0 ? "," : "").append(show(java.lang.reflect.Array.get(o, i)));
            return b.append(']').toString();
        }
        if (o instanceof java.util.Collection) {
            b.append('[');
            for (Object e : (java.util.Collection<?>) o) b.append(b.length() > 1 ? "," : "").append(show(e));
            return b.append(']').toString();
        }
        if (o instanceof java.util.Map) {
            b.append('{');
            for (java.util.Map.Entry<?, ?> e : ((java.util.Map<?, ?>) o).entrySet())
                b.append(b.length() > 1 ? "," : "").append(quote(String.valueOf(e.getKey())))
                    .append(':').append(show(e.getValue()));
            return b.append('}').toString();
        }
        return quote(o.toString());
    }
"""


def java_program(source: str, method: JavaMethod, inputs: list[list[Any]]) -> str:
    """The original and a `Main` that prints the result of every input: a throw prints an
    error, a call that runs past CALL_TIMEOUT_S a timeout (a daemon thread: it cannot keep the
    JVM alive)."""
    own_imports, source = _as_unit(source)
    root = parser_for("java").parse(source.encode()).root_node
    owner = next(
        _text(c.child_by_field_name("name"))
        for c in root.named_children
        if c.type == "class_declaration"
    )
    target = owner if method.static else f"new {owner}()"
    calls = "".join(
        f"        call(() -> {target}.{method.name}("
        + ", ".join(_java_literal(t, v) for t, v in zip(method.param_types, args, strict=True))
        + "));\n"
        for args in inputs
    )
    imports = (
        "import java.util.*;\nimport java.util.concurrent.*;\nimport java.util.stream.*;\n"
        + own_imports
    )
    runner = f"""
    static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {{
        Thread t = new Thread(r);
        t.setDaemon(true);
        return t;
    }});
    static void call(Callable<Object> body) {{
        Future<Object> result = POOL.submit(body);
        String out;
        try {{
            out = show(result.get({CALL_TIMEOUT_S}, TimeUnit.SECONDS));
        }} catch (TimeoutException e) {{
            result.cancel(true);
            out = "{TIMEOUT}";
        }} catch (Throwable e) {{
            out = "{ERROR}";
        }}
        System.out.println("{RESULT}" + out);
    }}
"""
    return (
        f"{imports}{source}\n"
        f"public class Main {{\n{_JAVA_SHOW}{runner}\n"
        f'    @SuppressWarnings("unchecked")\n'
        f"    public static void main(String[] args) {{\n{calls}        System.exit(0);\n    }}\n}}\n"
    )


_GO_PACKAGE = re.compile(r"^package \w+[ \t]*\n", re.MULTILINE)
_GO_IMPORTS = re.compile(r'^import (\([^)]*\)|"[^"\n]*")[ \t]*\n', re.MULTILINE)


def go_program(code: str, name: str, go_types: list[str], inputs: list[list[Any]]) -> str:
    """The translation and a `main` that prints the result of every input: a panic prints an
    error, a call that runs past CALL_TIMEOUT_S a timeout."""
    body = _GO_IMPORTS.sub("", _GO_PACKAGE.sub("", code))
    packages = sorted({*used_packages(body), "encoding/json", "fmt", "os", "time"})
    imports = "import (\n" + "".join(f'\t"{p}"\n' for p in packages) + ")\n"
    runner = f"""
func codetuneCall(f func() interface{{}}) {{
\tdone := make(chan string, 1)
\tgo func() {{
\t\tdefer func() {{
\t\t\tif r := recover(); r != nil {{
\t\t\t\tdone <- "{ERROR}"
\t\t\t}}
\t\t}}()
\t\tout, err := json.Marshal(f())
\t\tif err != nil {{
\t\t\tdone <- "null"
\t\t}} else {{
\t\t\tdone <- string(out)
\t\t}}
\t}}()
\tselect {{
\tcase out := <-done:
\t\tfmt.Println("{RESULT}" + out)
\tcase <-time.After({CALL_TIMEOUT_S} * time.Second):
\t\tfmt.Println("{RESULT}{TIMEOUT}")
\t}}
}}
"""
    calls = "".join(
        f"\tcodetuneCall(func() interface{{}} {{ return {name}("
        + ", ".join(_go_literal(t, v) for t, v in zip(go_types, args, strict=True))
        + ") })\n"
        for args in inputs
    )
    return f"package main\n\n{imports}\n{body}\n{runner}\nfunc main() {{\n{calls}\tos.Exit(0)\n}}\n"


# ------------------------------------------------------------------------------ the verdict


def _results(stdout: str) -> list[Any]:
    out = []
    for line in stdout.splitlines():
        if line.startswith(RESULT):
            text = line[len(RESULT) :]
            out.append(text if text in (ERROR, TIMEOUT) else json.loads(text))
    return out


def same(a: Any, b: Any) -> bool:
    """Java's and Go's outputs as the same value (see the module's doc)."""
    if a in (None, [], {}) and b in (None, [], {}):
        return True
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    return a == b


def differential_tests(
    items: Sequence[tuple[str, str, str, str]],
    limits: SandboxLimits,
    *,
    references: Sequence[str | None] | None = None,
    n_inputs: int = 12,
    seed: int = 0,
    workers: int | None = None,
) -> list[DiffVerdict]:
    """(Java source, Java method name, Go code, Go function name) -> a verdict each.

    An input on which the Java original throws or times out is outside its domain and is not
    compared. `references[i]`: a Go translation known to be right (the team's own port, a
    benchmark's solution); inputs on which it disagrees with the Java are left out too (the
    two languages differ there by nature: integer overflow, NaN), so a correct translation
    is not blamed for them. Fewer than MIN_VALID_INPUTS inputs left: `no_valid_inputs`."""
    references = list(references) if references is not None else [None] * len(items)
    verdicts: list[DiffVerdict | None] = [None] * len(items)
    jobs = []
    for i, (java, java_name, go, go_name) in enumerate(items):
        method = java_method(java, java_name)
        go_types = go_param_types(go, go_name)
        if method is None or not all(supported(t) for t in method.param_types):
            verdicts[i] = DiffVerdict("unsupported", detail="Java parameter types")
        elif go_types is None or len(go_types) != len(method.param_types):
            verdicts[i] = DiffVerdict("build_failed", detail=f"no Go function {go_name}(...)")
        else:
            inputs = generate_inputs(method.param_types, n_inputs, seed)
            programs = [go_program(go, go_name, go_types, inputs)]
            if references[i] is not None:
                programs.append(go_program(references[i], go_name, go_types, inputs))
            jobs.append((i, java_program(java, method, inputs), programs))
    java_runs = run_many([j for _, j, _ in jobs], limits=limits, workers=workers, language="java")
    go_runs = iter(
        run_many(
            [p for _, _, programs in jobs for p in programs],
            limits=limits,
            workers=workers,
            language="go",
        )
    )
    for (i, _, programs), java_run in zip(jobs, java_runs, strict=True):
        go_run = next(go_runs)
        reference = next(go_runs) if len(programs) > 1 else None
        verdicts[i] = _verdict(java_run, go_run, reference, n_inputs)
    return [v for v in verdicts if v is not None]


def _verdict(java_run, go_run, reference_run, n_inputs: int) -> DiffVerdict:
    java_out = _results(java_run.stdout_tail)
    if len(java_out) != n_inputs:
        return DiffVerdict(
            "no_valid_inputs", detail=(java_run.stderr_tail or java_run.detail)[-300:]
        )
    valid = [k for k, out in enumerate(java_out) if out not in (ERROR, TIMEOUT)]
    if reference_run is not None:
        reference = _results(reference_run.stdout_tail)
        if len(reference) == n_inputs:
            valid = [k for k in valid if same(java_out[k], reference[k])]
    if len(valid) < MIN_VALID_INPUTS:
        return DiffVerdict("no_valid_inputs", len(valid), detail="the original fails on the rest")
    go_out = _results(go_run.stdout_tail)
    if not go_out:
        status = "timeout" if go_run.status == "timeout" else "build_failed"
        return DiffVerdict(status, len(valid), detail=(go_run.stderr_tail or go_run.detail)[-300:])
    go_out += [ERROR] * (n_inputs - len(go_out))
    mismatches = [
        {"input": k, "java": java_out[k], "go": go_out[k]}
        for k in valid
        if not same(java_out[k], go_out[k])
    ]
    return DiffVerdict("differ" if mismatches else "agree", len(valid), mismatches[:3])
