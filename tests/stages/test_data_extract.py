"""Function extraction on real code: the stdlib against `ast`, real-looking Java/Go/JS/TS."""

from __future__ import annotations

import ast
import sysconfig
import zipfile
from pathlib import Path

import pytest

from codetune.stages.data.extract import describe, extract_functions, language_of

STDLIB = Path(sysconfig.get_paths()["stdlib"])
FIXTURES = Path(__file__).parents[1] / "fixtures" / "data"
# Modules with classes, nested and async functions, decorators, properties, odd layouts.
MODULES = [
    "argparse.py",
    "asyncio/tasks.py",
    "dataclasses.py",
    "functools.py",
    "inspect.py",
    "json/decoder.py",
    "typing.py",
    "enum.py",
    "contextlib.py",
    "email/_header_value_parser.py",
    "tkinter/__init__.py",
    "unittest/mock.py",
]


def _ast_functions(text: str) -> list[tuple[int, str]]:
    nodes = [
        n
        for n in ast.walk(ast.parse(text))
        if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
    ]
    return sorted((n.lineno, n.name) for n in nodes)


@pytest.mark.parametrize("module", MODULES)
def test_stdlib_function_counts_match_an_ast_walk(module: str) -> None:
    path = STDLIB / module
    if not path.is_file():
        pytest.skip(f"{module} not in this Python")
    text = path.read_text(encoding="utf-8")
    functions = extract_functions(text, "python", module)
    expected = _ast_functions(text)
    assert len(functions) == len(expected)
    # Same functions: names agree and each `def` line lies inside the extracted span.
    got = sorted((f.start_line, f.name) for f in functions)
    for (line, name), fn in zip(
        expected, sorted(functions, key=lambda f: f.start_line), strict=True
    ):
        assert fn.name == name
        assert fn.start_line <= line <= fn.end_line
    assert len(got) == len(expected)


def test_python_functions_parse_alone_and_keep_their_class() -> None:
    text = (STDLIB / "argparse.py").read_text(encoding="utf-8")
    functions = extract_functions(text, "python")
    classes: dict[str, set[str]] = {}

    def collect(body: list[ast.stmt], prefix: str) -> None:
        for node in body:
            if isinstance(node, ast.ClassDef):
                name = prefix + node.name
                classes[name] = {
                    f.name
                    for f in node.body
                    if isinstance(f, ast.FunctionDef | ast.AsyncFunctionDef)
                }
                collect(node.body, name + ".")

    collect(ast.parse(text).body, "")
    for fn in functions:
        tree = ast.parse(fn.code)  # dedented: parses on its own, methods included
        assert isinstance(tree.body[0], ast.FunctionDef | ast.AsyncFunctionDef)
        assert not fn.code[0].isspace()
        assert fn.code.endswith("\n")
        if fn.class_name is not None:
            assert fn.name in classes[fn.class_name]
    methods = [f for f in functions if f.class_name == "ArgumentParser"]
    assert {m.name for m in methods} == classes["ArgumentParser"]
    assert functions[0].imports and all(
        i.startswith(("import ", "from ")) for i in functions[0].imports
    )


def test_python_anatomy_finds_signature_and_docstring() -> None:
    text = (STDLIB / "textwrap.py").read_text(encoding="utf-8")
    by_name = {f.name: f for f in extract_functions(text, "python")}
    fn = by_name["dedent"]
    anatomy = describe(fn.code, "python", fn.kind)
    assert anatomy is not None
    assert anatomy.signature == "def dedent(text):"
    assert anatomy.docstring == ast.get_docstring(ast.parse(fn.code).body[0])
    # The docstring ends the prompt: the cut is at a line end, just after the closing quotes.
    head = fn.code[: anatomy.doc_end]
    assert head.endswith('"""\n')
    assert ast.get_docstring(ast.parse(head + "    pass\n").body[0]) == anatomy.docstring


def test_nested_and_decorated_functions() -> None:
    code = (
        "import functools\n\n"
        "class Cache:\n"
        "    @functools.lru_cache\n"
        "    def get(self, key):\n"
        "        def inner(x):\n"
        "            return x\n"
        "        return inner(key)\n"
        "\n"
        "    async def fetch(self):\n"
        "        return 1\n"
    )
    functions = extract_functions(code, "python")
    assert [(f.name, f.class_name, f.start_line) for f in functions] == [
        ("get", "Cache", 4),
        ("inner", None, 6),
        ("fetch", "Cache", 10),
    ]
    assert functions[0].code.startswith("@functools.lru_cache\ndef get(self, key):\n")
    assert functions[0].imports == ["import functools"]


def _fixture(name: str) -> list:
    path = FIXTURES / name
    language = language_of(path.name)
    assert language is not None
    return extract_functions(path.read_text(encoding="utf-8"), language, name)


def test_go_methods_take_their_receiver_as_class() -> None:
    functions = {f.name: f for f in _fixture("go/lru.go")}
    assert functions["Get"].class_name == "LRU"
    assert functions["New"].class_name is None
    assert functions["Get"].imports == [
        'import "container/list"',
        'import "errors"',
        'import "sync"',
        'import "time"',
    ]
    # The doc comment belongs to the function: code starts with it, the docstring is its text.
    get = functions["Get"]
    assert get.code.startswith("// Get returns the value")
    anatomy = describe(get.code, "go", get.kind)
    assert anatomy is not None and not anatomy.has_error
    assert anatomy.signature == "func (c *LRU) Get(key string) ([]byte, error)"
    assert anatomy.docstring is not None and anatomy.docstring.startswith("Get returns the value")
    assert "//" not in anatomy.docstring
    assert describe(functions["removeElement"].code, "go", "method_declaration").docstring is None


def test_java_methods_constructors_and_nested_classes() -> None:
    functions = _fixture("java/OrderService.java")
    names = [(f.class_name, f.name) for f in functions]
    # Interface methods without a body are not functions to learn from.
    assert ("OrderService.Inventory", "price") not in names
    assert ("OrderService", "OrderService") in names  # the constructor
    assert ("OrderService.Audit", "record") in names
    total = next(f for f in functions if f.name == "total")
    anatomy = describe(total.code, "java", total.kind)
    assert anatomy is not None and not anatomy.has_error
    assert anatomy.signature == "public BigDecimal total(Order order)"
    assert anatomy.docstring is not None and "@param order" in anatomy.docstring
    assert total.code.startswith("/**") and total.code.endswith("}\n")
    assert "import java.util.Optional;" in total.imports


def test_javascript_and_typescript_functions() -> None:
    js = {f.name: f for f in _fixture("js/eventBus.js")}
    assert js["on"].class_name == "EventBus"
    assert js["namespaced"].class_name is None
    assert "debounce" in js  # an arrow function bound to a const
    on = describe(js["on"].code, "javascript", js["on"].kind)
    assert on is not None and on.signature == "on(event, handler)" and not on.has_error
    ts = {f.name: f for f in _fixture("ts/retry.ts")}
    assert ts["clamp"].class_name == "Backoff"
    assert "next" in ts and ts["next"].class_name == "ExponentialBackoff"
    retry = describe(ts["retry"].code, "typescript", ts["retry"].kind)
    assert retry is not None and retry.docstring is not None
    assert retry.signature.startswith("export async function retry<T>(")


def _jdk_src_zip() -> Path | None:
    import glob
    import os

    candidates = [os.environ.get("JAVA_HOME", "") + "/lib/src.zip"]
    candidates += sorted(glob.glob("/usr/lib/jvm/*/lib/src.zip"))
    for c in candidates:
        if c and Path(c).is_file():
            return Path(c)
    return None


def test_jdk_method_counts_match_javac(tmp_path: Path) -> None:
    """java.base's java.util, java.lang and java.io from the JDK's src.zip (installed by
    `make test`: Debian's openjdk-17-source) against javac's own parser, walked by
    tests/support/CountJavaMethods.java through the Compiler Tree API (run by the same JDK, so
    it reads the syntax of its own sources)."""
    import subprocess

    src = _jdk_src_zip()
    java = src.parent.parent / "bin" / "java" if src is not None else None
    if src is None or java is None or not java.is_file():
        pytest.skip("no JDK with its src.zip (make test installs openjdk-17-source)")
    prefixes = ("java.base/java/util/", "java.base/java/lang/", "java.base/java/io/")
    with zipfile.ZipFile(src) as zf:
        names = [n for n in zf.namelist() if n.startswith(prefixes) and n.endswith(".java")]
        zf.extractall(tmp_path, names)
    files = sorted(str(tmp_path / n) for n in names)
    script = Path(__file__).parents[1] / "support" / "CountJavaMethods.java"
    proc = subprocess.run(
        [str(java), str(script)],
        input="\n".join(files),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    expected = {
        path: names.split()
        for path, names in (line.split("\t") for line in proc.stdout.splitlines())
    }
    assert len(expected) > 0.99 * len(files) > 900
    assert _assert_same_functions(expected, "java") > 15_000  # JDK 25: 20,774 in 950 files


def test_real_jdk_sources_extract_cleanly() -> None:
    src = _jdk_src_zip()
    if src is None:
        pytest.skip("no JDK src.zip installed")
    with zipfile.ZipFile(src) as zf:
        names = sorted(
            n for n in zf.namelist() if n.startswith("java.base/java/util/") and n.endswith(".java")
        )[:40]
        total = errors = no_class = 0
        for name in names:
            text = zf.read(name).decode("utf-8")
            for fn in extract_functions(text, "java", name):
                total += 1
                anatomy = describe(fn.code, "java", fn.kind)
                assert anatomy is not None
                errors += anatomy.has_error
                assert fn.name in anatomy.signature
                # Java methods live in classes; only anonymous classes have no name.
                no_class += fn.class_name is None
    assert total > 500
    assert no_class <= total * 0.05
    assert errors <= total * 0.01


@pytest.mark.slow
def test_whole_stdlib_function_counts_match_ast() -> None:
    from codetune.stages.data.sources import read_source_file

    checked = 0
    for path in sorted(STDLIB.rglob("*.py")):
        if "site-packages" in path.parts:
            continue
        text, _ = read_source_file(str(path), "python")
        if text is None:
            continue
        try:
            expected = len(_ast_functions(text))
        except SyntaxError:  # test data written to be invalid
            continue
        assert len(extract_functions(text, "python", str(path))) == expected, path
        checked += 1
    assert checked > 1000


JS_FORMS = """\
app.use = function use(fn) {
  return this.router.use(fn);
};
View.prototype.render = function render(options, callback) {
  this.engine(this.path, options, callback);
};
module.exports = function createApplication() {
  return mixin(app);
};
exports.etag = createETagGenerator({ weak: false });
var handlers = {
  json: function (body) {
    return JSON.stringify(body);
  },
  'text': (body) => {
    return String(body);
  },
  [computed]: function () {
    return 0;
  },
};
class Server {
  handle = async (req) => {
    return this.route(req);
  };
  port = 80;
}
"""


def test_javascript_functions_assigned_to_members_properties_and_fields() -> None:
    """Every named JS/TS function form: member assignments (named by their path), object
    properties, class-field arrows; not a call result, not a computed key."""
    for language in ("javascript", "typescript"):
        found = {f.name: f for f in extract_functions(JS_FORMS, language)}
        assert set(found) == {
            "app.use",
            "View.prototype.render",
            "module.exports",
            "json",
            "text",
            "handle",
        }, language
        assert found["handle"].class_name == "Server"
        assert found["json"].class_name is None
        for fn in found.values():
            anatomy = describe(fn.code, language, fn.kind)
            assert anatomy is not None and not anatomy.has_error, (language, fn.name)
            assert "return" in anatomy.body or "engine" in anatomy.body
        assert describe(found["app.use"].code, language, "assignment_expression").signature == (
            "app.use = function use(fn)"
        )


def _npm_package(spec: str, folder: Path) -> Path | None:
    """`npm pack` a package from the registry and unpack it as `folder/<name>` (None without npm
    or the registry)."""
    import shutil
    import subprocess
    import tarfile
    import tempfile

    if shutil.which("npm") is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            ["npm", "pack", spec, "--silent"],
            cwd=tmp,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        if proc.returncode != 0 or not proc.stdout.strip():
            return None
        with tarfile.open(Path(tmp) / proc.stdout.strip().splitlines()[-1]) as tar:
            tar.extractall(tmp, filter="data")
        target = folder / spec.rsplit("@", 1)[0]
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(Path(tmp) / "package"), str(target))
    return target


def _names_by_node(script: str, files: list[str], folder: Path) -> dict[str, list[str]]:
    """{file: names} as tests/support/<script> prints them, run by node with the parsers
    installed under `folder`/node_modules."""
    import json
    import subprocess

    proc = subprocess.run(
        ["node", str(Path(__file__).parents[1] / "support" / script), *files],
        cwd=folder,
        env={"NODE_PATH": str(folder / "node_modules"), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _assert_same_functions(expected: dict[str, list[str]], language: str) -> int:
    """Our extraction of each file names exactly the functions the independent parser found;
    the total found."""
    for path, names in expected.items():
        got = [f.name for f in extract_functions(Path(path).read_text(), language, path)]
        assert sorted(got) == sorted(names), path
    return sum(map(len, expected.values()))


def test_express_function_counts_match_acorn(tmp_path: Path) -> None:
    """express (the npm package) against an independent parser: acorn, walked by
    tests/support/count_js_functions.js over the same named-function forms."""
    import shutil

    modules = tmp_path / "node_modules"
    express = _npm_package("express@4.21.2", tmp_path)
    parsers = [_npm_package(spec, modules) for spec in ("acorn@8.14.0", "acorn-walk@8.3.4")]
    if express is None or None in parsers or shutil.which("node") is None:
        pytest.skip("npm registry or node not reachable here")
    files = sorted(str(p) for p in express.rglob("*.js"))
    expected = _names_by_node("count_js_functions.js", files, tmp_path)
    # lib/ and index.js of express 4.21.2: 110 named functions
    assert _assert_same_functions(expected, "javascript") >= 100


def test_typescript_package_function_counts_match_the_typescript_compiler(tmp_path: Path) -> None:
    """rxjs's TypeScript sources (overload signatures, generics, decorators-free classes, arrow
    fields) against the TypeScript compiler's own parser, walked by
    tests/support/count_ts_functions.js over the same named-function forms."""
    import shutil

    modules = tmp_path / "node_modules"
    rxjs = _npm_package("rxjs@7.8.1", tmp_path)
    compiler = _npm_package("typescript@5.6.3", modules)
    if rxjs is None or compiler is None or shutil.which("node") is None:
        pytest.skip("npm registry or node not reachable here")
    files = sorted(str(p) for p in (rxjs / "src").rglob("*.ts"))
    expected = _names_by_node("count_ts_functions.js", files, tmp_path)
    assert len(expected) == len(files) > 200
    assert _assert_same_functions(expected, "typescript") >= 500  # rxjs 7.8.1's src/: 506


def test_go_standard_library_function_counts_match_go_parser() -> None:
    """Every function and method with a body in Go's standard library (the toolchain the
    Makefile installs: Debian's golang-go) against go/parser, walked by
    tests/support/count_go_functions.go; generated files included."""
    import json
    import shutil
    import subprocess

    if shutil.which("go") is None:
        pytest.skip("no Go toolchain (make test installs Debian's golang-go)")
    goroot = subprocess.run(
        ["go", "env", "GOROOT"], capture_output=True, text=True, check=True
    ).stdout.strip()
    files = sorted(
        str(p)
        for p in (Path(goroot) / "src").resolve().rglob("*.go")
        if "testdata" not in p.parts  # test inputs, many invalid on purpose
    )
    script = Path(__file__).parents[1] / "support" / "count_go_functions.go"
    proc = subprocess.run(
        ["go", "run", str(script)],
        input="\n".join(files),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    expected = json.loads(proc.stdout)
    assert len(expected) > 0.95 * len(files)
    assert _assert_same_functions(expected, "go") > 40_000  # Go 1.19: 57,078 in 4,727 files
