"""Which of a repository's tests exercise which of its functions (Python).

A test is linked to a function when its file imports the function's module and the test (with
the helpers it calls in its own file, its class's setUp and the same-file base classes it
inherits from) refers to the function: by name for a module-level function, by attribute name
for a method of a class the test file refers to, by the class name for `__init__`. Tests named
after the function (`test_dedent`, `TestDedent`, `DedentTest`) come first. A link is a claim,
not a proof: the eval keeps only the tests that pass with the original body and fail with a
blanked one (`codetune.lib.sandbox.repotests`).

For each test it keeps its mocks (unittest.mock's patch/Mock/MagicMock, pytest-mock's
`mocker`, `monkeypatch`) and its pytest fixtures (parameters), which test generation learns from.

Parsed with the standard library's `ast`, not tree-sitter: the links need scopes, bases and
imports, which `ast` gives directly; a test file the running Python cannot parse is skipped and
counted.
"""

from __future__ import annotations

import ast
import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import PurePosixPath

# Calls that create a mock or a patch, by the last part of their dotted name.
_MOCK_CALLS = {
    "patch",
    "object",  # patch.object
    "dict",  # patch.dict, only when called on patch (checked below)
    "multiple",
    "Mock",
    "MagicMock",
    "AsyncMock",
    "NonCallableMock",
    "PropertyMock",
    "create_autospec",
    "setattr",  # monkeypatch.setattr, only on monkeypatch (checked below)
}
_MOCK_OWNERS = {"mock", "patch", "mocker", "monkeypatch", "unittest.mock"}
_SETUP_NAMES = {"setUp", "setUpClass", "asyncSetUp", "setup_method", "setup_class"}
_MAX_HELPER_DEPTH = 3


@dataclass(frozen=True)
class TestCase:
    """One runnable test: `Class.test_x` (a unittest method) or `test_x` (a module function)."""

    path: str  # the test file, relative to the source root
    module: str  # the test file's dotted module name
    test_id: str
    line: int
    mocks: tuple[str, ...] = ()
    fixtures: tuple[str, ...] = ()
    by_name: bool = False  # named after the function it is linked to


@dataclass
class TestFile:
    """What linking needs from one parsed test file."""

    path: str
    module: str
    imported_modules: set[str]
    referenced: set[str]  # every name and attribute name in the file
    tests: list[tuple[TestCase, frozenset[str]]] = field(default_factory=list)  # + references
    text: str = field(default="", repr=False)
    tree: ast.Module | None = field(default=None, repr=False)
    index: _FileIndex | None = field(default=None, repr=False)


def module_name(path: str) -> str:
    """`json/decoder.py` -> `json.decoder`; `json/__init__.py` -> `json`."""
    parts = list(PurePosixPath(path).with_suffix("").parts)
    if parts and parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_suffixes(path: str) -> list[str]:
    """The names a file may be imported by, longest first: `src/pkg/mod.py` -> `src.pkg.mod`,
    `pkg.mod`, `mod` (which folder is the import root is not known from the path alone)."""
    parts = module_name(path).split(".")
    return [".".join(parts[i:]) for i in range(len(parts)) if parts[i:]]


def _words(name: str) -> set[str]:
    """Lowercase words of a name: `TextWrapper` -> {text, wrapper, textwrapper}."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()
    words = {w for w in spaced.split("_") if w}
    return words | {name.lower().strip("_")}


def _imports(tree: ast.Module, module: str) -> set[str]:
    """Dotted modules a file imports (`from a.b import c` gives `a.b` and `a.b.c`)."""
    package = module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".") if package else []
                anchor = anchor[: len(anchor) - (node.level - 1)] if node.level > 1 else anchor
                base = ".".join([*anchor, *([base] if base else [])])
            if base:
                found.add(base)
            found.update(f"{base}.{a.name}" if base else a.name for a in node.names)
    return found


def _references(node: ast.AST) -> set[str]:
    out: set[str] = set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Name):
            out.add(sub.id)
        elif isinstance(sub, ast.Attribute):
            out.add(sub.attr)
    return out


def _dotted(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    return ""


def mocks_in(node: ast.AST) -> tuple[str, ...]:
    """The mocks a test creates, as written: `patch('pkg.mod.requests.get')`,
    `MagicMock(spec=Client)`, `mocker.patch.object(Client, 'send')`, `@patch(...)`."""
    found: list[str] = []
    for sub in ast.walk(node):
        if not isinstance(sub, ast.Call):
            continue
        name = _dotted(sub.func)
        owner, _, last = name.rpartition(".")
        if last not in _MOCK_CALLS:
            continue
        if last in {"object", "dict", "multiple"} and not owner.endswith("patch"):
            continue
        if last == "setattr" and not owner.endswith("monkeypatch"):
            continue
        known_owner = any(owner == o or owner.endswith("." + o) for o in _MOCK_OWNERS)
        if owner and not known_owner and not owner.endswith("patch"):
            continue
        first = sub.args[0] if sub.args else None
        target = ""
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            target = first.value
        elif first is not None:
            target = _dotted(first) or ast.unparse(first)[:80]
        found.append(f"{name}({target})" if target else f"{name}()")
    return tuple(dict.fromkeys(found))


class _FileIndex:
    """Functions and classes of one test file, for following helper calls and bases."""

    def __init__(self, tree: ast.Module):
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.classes: dict[str, ast.ClassDef] = {}
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.functions[node.name] = node
            elif isinstance(node, ast.ClassDef):
                self.classes[node.name] = node

    def methods(self, cls: ast.ClassDef, seen: frozenset[str] = frozenset()) -> dict[str, ast.AST]:
        """A class's methods, with those of its same-file bases (the class's own win)."""
        out: dict[str, ast.AST] = {}
        for base in cls.bases:
            name = _dotted(base)
            if name in self.classes and name not in seen:
                out.update(self.methods(self.classes[name], seen | {cls.name}))
        for node in cls.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                out[node.name] = node
        return out

    def closure(self, node: ast.AST, methods: dict[str, ast.AST]) -> set[str]:
        """Names a test refers to, through the same-file helpers it calls (a few levels)."""
        refs = _references(node)
        frontier, seen = set(refs), set()
        for _ in range(_MAX_HELPER_DEPTH):
            helpers = [
                n
                for name in frontier - seen
                for n in (methods.get(name), self.functions.get(name))
                if n is not None and n is not node
            ]
            seen |= frontier
            frontier = set()
            for helper in helpers:
                new = _references(helper) - refs
                refs |= new
                frontier |= new
        return refs


def _runnable(cls: ast.ClassDef, index: _FileIndex, seen: frozenset[str] = frozenset()) -> bool:
    """A class unittest can run: it derives (here or through same-file bases) from a class
    defined elsewhere (unittest.TestCase, a project's base test class). A same-file mixin
    without such a base runs only through its subclasses."""
    for base in cls.bases:
        name = _dotted(base)
        if name in index.classes and name not in seen:
            if _runnable(index.classes[name], index, seen | {cls.name}):
                return True
        elif name and name != "object":
            return True
    return False


def parse_test_file(path: str, text: str) -> TestFile | None:
    """The tests of one file and what each refers to; None when it does not parse."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    module = module_name(path)
    index = _FileIndex(tree)
    result = TestFile(
        path, module, _imports(tree, module), _references(tree), text=text, tree=tree, index=index
    )
    for name, fn in index.functions.items():
        if name.startswith("test"):
            params = [a.arg for a in fn.args.args]
            case = TestCase(path, module, name, fn.lineno, mocks_in(fn), tuple(params))
            result.tests.append((case, frozenset(index.closure(fn, {}))))
    for cls in index.classes.values():
        # pytest collects a `Test*` class without bases (no __init__) as well.
        pytest_class = cls.name.startswith("Test") and not cls.bases
        if not (pytest_class or _runnable(cls, index)):
            continue
        methods = index.methods(cls)
        setup = set().union(
            *(index.closure(methods[s], methods) for s in _SETUP_NAMES if s in methods)
        )
        for name, fn in methods.items():
            if not name.startswith("test"):
                continue
            mocks = mocks_in(fn)
            decorators = tuple(m for d in fn.decorator_list for m in mocks_in(d))
            case = TestCase(
                path,
                module,
                f"{cls.name}.{name}",
                fn.lineno,
                tuple(dict.fromkeys(decorators + mocks)),
                tuple(a.arg for a in fn.args.args[1:])  # the fixtures pytest passes
                if pytest_class
                else tuple(s for s in _SETUP_NAMES if s in methods),
            )
            result.tests.append((case, frozenset(index.closure(fn, methods) | setup)))
    return result


def _imports_module(test_file: TestFile, function_path: str) -> bool:
    names = set(module_suffixes(function_path))
    return any(m in names for m in test_file.imported_modules)


def _named_after(case: TestCase, name: str, class_name: str | None) -> bool:
    target = _words(class_name or "") | _words(name) if class_name else _words(name)
    test_words = set()
    for part in case.test_id.split("."):
        test_words |= _words(re.sub(r"^(test_?|Test)|(_?test|Tests?)$", "", part))
    return bool(target & test_words - {"", "init"})


def link_function(
    path: str, name: str, class_name: str | None, test_files: Iterable[TestFile]
) -> list[TestCase]:
    """The tests that refer to one function (see the module docstring), named-after first."""
    if name.startswith("__") and name.endswith("__") and name != "__init__":
        return []  # operators and protocols are reached implicitly: a name says nothing
    outer = class_name.split(".")[0] if class_name else None
    found: list[TestCase] = []
    for tf in test_files:
        if not _imports_module(tf, path):
            continue
        if outer and outer not in tf.referenced:
            continue
        for case, refs in tf.tests:
            wanted = outer if name == "__init__" else name
            if wanted in refs:
                by_name = _named_after(case, name, class_name)
                found.append(TestCase(**{**case.__dict__, "by_name": by_name}))
    found.sort(key=lambda c: (not c.by_name, c.path, c.line))
    return found


def candidate_test_paths(function_path: str, test_paths: Iterable[str]) -> list[str]:
    """Test files that may test a module, by name: for `json/decoder.py`, `test_decoder.py`,
    `decoder_test.py`, and any test file under a `test_json`/`json` folder. Reading every test
    file of a large repository for each module would cost more than the data stage itself."""
    parts = module_name(function_path).split(".")
    wanted = {p.lower() for p in parts if p not in {"src", "lib"}}
    out = []
    for test_path in test_paths:
        parts = PurePosixPath(test_path).with_suffix("").parts
        stems = [re.sub(r"^test_|_test$|^tests?$", "", p.lower()) for p in parts]
        if wanted & {s for s in stems if s}:
            out.append(test_path)
    return out


def _segment(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef, indent: str) -> str:
    """A function's source with its decorators, re-indented to `indent`."""
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    code = textwrap.dedent("".join(lines[first - 1 : node.end_lineno]))
    return "".join(indent + ln if ln.strip() else ln for ln in code.splitlines(keepends=True))


def test_file_source(tf: TestFile, cases: list[TestCase]) -> str:
    """A test file of just these tests, as a team would write it: the file's imports, then each
    module-level test, and each test class (after its same-file base classes, whole: they hold
    the helpers tests call), with its own helpers (setUp, check_...) and the linked test methods only. The `tests` sample format's completion; it runs where the original file ran."""
    if tf.tree is None or tf.index is None:
        return ""
    lines = tf.text.splitlines(keepends=True)
    index = tf.index
    imports = "".join(
        "".join(lines[node.lineno - 1 : node.end_lineno])
        for node in tf.tree.body
        if isinstance(node, ast.Import | ast.ImportFrom)
    )
    parts = [imports]
    emitted: set[str] = set()

    def same_file_bases(cls: ast.ClassDef) -> None:
        """Whole same-file base classes (their helpers: check_wrap, assertUnchanged) first."""
        for base in cls.bases:
            name = _dotted(base)
            if name in index.classes and name not in emitted:
                emitted.add(name)
                same_file_bases(index.classes[name])
                node = index.classes[name]
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                parts.append("".join(lines[first - 1 : node.end_lineno]))

    by_class: dict[str | None, list[str]] = {}
    for case in cases:
        cls, _, name = case.test_id.rpartition(".")
        by_class.setdefault(cls or None, []).append(name)
    for cls_name, names in by_class.items():
        if cls_name is None:
            parts += [
                _segment(lines, index.functions[n], "") for n in names if n in index.functions
            ]
            continue
        cls = index.classes.get(cls_name)
        if cls is None:
            continue
        same_file_bases(cls)
        methods = {
            name: fn
            for name, fn in index.methods(cls).items()
            if fn in cls.body or name in names  # inherited helpers come with their base
        }
        bases = ", ".join(ast.unparse(b) for b in cls.bases)
        keep = [m for m in methods if not m.startswith("test") or m in names]
        body = "\n".join(_segment(lines, methods[m], "    ") for m in keep)
        parts.append(f"class {cls_name}({bases}):\n{body}")
    return "\n\n".join(p.rstrip("\n") + "\n" for p in parts if p.strip())


# A generated test file ends where the model starts another file or another module's tests.
TEST_FILE_STOPS = ["\n# Unit tests for", "\nif __name__", "\n```"]


def reference_test_files(
    files: dict[str, str], tests: list[dict[str, str]], kept: list[tuple[str, str]]
) -> list[str]:
    """A function's own repository tests as test files (`test_file_source`), the references a
    generated test file is weighed against: the `kept` (module, test id) tests of the first
    test file that holds any of them, then the shortest file of one of those tests alone (a
    pair's length budget often has no room for more). [] when that file no longer parses."""
    wanted = {f"{module}:{test_id}" for module, test_id in kept}
    path = next((t["path"] for t in tests if f"{t['module']}:{t['test_id']}" in wanted), None)
    parsed = parse_test_file(path, files.get(path, "")) if path else None
    if parsed is None:
        return []
    cases = [case for case, _ in parsed.tests if f"{case.module}:{case.test_id}" in wanted]
    if not cases:
        return []
    whole = test_file_source(parsed, cases)
    if len(cases) == 1:
        return [whole]
    return [whole, min((test_file_source(parsed, [case]) for case in cases), key=len)]


def tests_prompt(qualname: str, path: str, module: str, code: str) -> str:
    """The prompt of a test-generation sample (data's `tests` format, the eval's test
    generation): the function under test, then the start of its test file."""
    return f"# Unit tests for `{qualname}` in {path} (module `{module}`)\n{code}\n# Tests:\n"
