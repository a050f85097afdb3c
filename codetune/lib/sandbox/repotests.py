"""Run a repository's own tests against one function's body, inside the sandbox.

The harness sends the function's module with the body spliced in, the test files and the
parent packages' `__init__.py` files of the tests as text: the sandbox user may not read the
repository (CPython's `Lib` under a 0700 home, a checkout already deleted), and the program
must see the spliced module, never the original. In the sandbox the program writes them to
its private /tmp, puts that folder first on the import path (and first on the `__path__` of
packages the interpreter already has, such as the stdlib's `test`), imports the module afresh
and runs each named test with unittest, one at a time, so a test that cannot load or is skipped
is told apart from one that fails. Everything else the tests import comes from the sandbox's
interpreter, or from the repository's folder when the sandbox user can read it.

A link from `codetune.lib.testlinks` is a guess; `verify` keeps a function only when some of its
tests pass with the original body and fail with the body blanked (they really reach this code
through this module), and keeps only those tests.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from codetune.core.config.sandbox import SandboxLimits
from codetune.core.io import iter_jsonl
from codetune.core.runs import DATA_REPO_FILES, DATA_REPO_TESTS
from codetune.lib.sandbox.launcher import SandboxResult, run_many

RESULT_MARK = "CODETUNE_REPO_TESTS "
BLANK_BODY = 'raise NotImplementedError("codetune: body blanked")'


@dataclass
class RepoFunction:
    """A function with the repository tests that exercise it (one row of repo_tests.jsonl)."""

    id: str
    path: str  # the function's file, relative to the source root
    module: str  # the dotted name the tests import it by
    name: str  # the function's own name (a method's, without its class)
    start_line: int  # 1-based lines of the function in the file (decorators included)
    end_line: int
    prompt: str  # code up to the completion cut (signature + docstring), no file context
    completion: str  # the original rest of the function
    tests: list[dict[str, Any]]  # {"path", "module", "test_id", ...} from testlinks.TestCase
    files: dict[str, str] = field(default_factory=dict)  # relative path -> text (module, tests)
    root: str | None = None  # the source folder, when the sandbox may read it
    context: str = ""  # the file-context comments a completion prompt carries
    split: str = "test"  # the data split the function is in
    class_name: str | None = None

    @property
    def qualname(self) -> str:
        return f"{self.class_name}.{self.name}" if self.class_name else self.name

    @classmethod
    def from_row(cls, row: dict[str, Any], files: dict[str, str]) -> RepoFunction:
        """A repo_tests.jsonl row with the files it needs (a source's path -> text)."""
        wanted = {row["path"], *row.get("support_files", []), *(t["path"] for t in row["tests"])}
        known = {k: row[k] for k in cls.__dataclass_fields__ if k in row and k != "files"}
        return cls(**known, files={p: files[p] for p in wanted if p in files})


@dataclass
class TestRun:
    """What one program reported: test ids that passed, failed, errored or were skipped."""

    passed: list[str]
    failed: list[str]
    skipped: list[str]
    result: SandboxResult
    report: dict[str, Any] = field(default_factory=dict)  # the program's own report, whole

    @property
    def all_passed(self) -> bool:
        return bool(self.passed) and not self.failed


def splice(module_text: str, start_line: int, end_line: int, code: str) -> str:
    """The module with lines start_line..end_line replaced by `code`, indented like the
    original first line (a method's code comes dedented to column 0)."""
    lines = module_text.splitlines(keepends=True)
    first = lines[start_line - 1]
    indent = first[: len(first) - len(first.lstrip())]
    body = code if code.endswith("\n") else code + "\n"
    placed = "".join(indent + ln if ln.strip() else ln for ln in body.splitlines(keepends=True))
    return "".join(lines[: start_line - 1]) + placed + "".join(lines[end_line:])


def blanked(prompt: str, completion: str) -> str:
    """The function with everything after the prompt replaced by a raise."""
    first = next((ln for ln in completion.splitlines() if ln.strip()), "    pass")
    indent = re.match(r"[ \t]*", first).group(0) or "    "  # type: ignore[union-attr]
    return prompt + indent + BLANK_BODY + "\n"


def program(
    fn: RepoFunction,
    code: str,
    test_ids: list[tuple[str, str]],
    *,
    extra_files: dict[str, str] | None = None,
    discover: str | None = None,
    trace: tuple[int, int] | None = None,
    helper_modules: list[str] | None = None,
) -> str:
    """The sandbox program: `fn`'s module with `code` spliced in, then the tests. `discover`:
    a test module (in `extra_files`) whose every test runs, found by unittest's loader;
    `trace`: report which of these lines of the module ran, and the line-to-line transitions
    in the function's own frames (line and branch coverage). `helper_modules`: modules (the
    function's own test modules, say) whose packages get the same treatment as the tests'
    when a discovered file may import from them."""
    files = dict(fn.files)
    files[fn.path] = splice(files[fn.path], fn.start_line, fn.end_line, code)
    files.update(extra_files or {})
    payload = {
        "files": files,
        "target": fn.module,
        "tests": test_ids,
        "root": fn.root,
        "mark": RESULT_MARK,
        "discover": discover,
        "helpers": helper_modules or [],
        "trace": list(trace) if trace else None,
    }
    return f"PAYLOAD = {json.dumps(payload)!r}\n{_RUNNER}"


def run_tests(
    items: list[tuple[RepoFunction, str, list[tuple[str, str]]]],
    limits: SandboxLimits,
    workers: int | None = None,
) -> list[TestRun]:
    """Run (function, code for it, [(test module, test id)]) triples in parallel sandboxes."""
    programs = [program(fn, code, tests) for fn, code, tests in items]
    results = run_many(programs, limits=limits, workers=workers)
    return [parse_run(r, tests) for r, (_, _, tests) in zip(results, items, strict=True)]


def parse_run(result: SandboxResult, tests: list[tuple[str, str]]) -> TestRun:
    """A sandbox result as a TestRun (a discovered test file names its own tests)."""
    names = [f"{module}:{test_id}" for module, test_id in tests]
    for line in reversed(result.stdout_tail.splitlines()):
        if line.startswith(RESULT_MARK):
            report = json.loads(line[len(RESULT_MARK) :])
            if "ids" in report:
                names += report["ids"][len(names) :]
            return TestRun(
                [names[i] for i in report["passed"]],
                [names[i] for i in report["failed"]],
                [names[i] for i in report["skipped"]],
                result,
                report,
            )
    # No report: the module or a test file did not import, or the run was killed.
    return TestRun([], names, [], result)


def load_functions(
    run_root: Path,
    splits: tuple[str, ...],
    *,
    limit: int,
    seed: int,
    fits: Callable[[str], bool] | None = None,
) -> list[RepoFunction]:
    """Up to `limit` linked functions of `splits` (data/repo_tests.jsonl) in a seeded order,
    each with its files; with `fits`, those whose own body does not fit (a token budget) are
    left out."""
    path = run_root / DATA_REPO_TESTS
    if limit <= 0 or not path.is_file():
        return []
    files: dict[int, dict[str, str]] = defaultdict(dict)
    for _, f in iter_jsonl(run_root / DATA_REPO_FILES):
        files[f["source"]][f["path"]] = f["text"]
    rows = [row for _, row in iter_jsonl(path) if row.get("split", "test") in splits]
    rows.sort(key=lambda r: hashlib.sha256(f"{seed}\0{r['id']}".encode()).digest())
    out = []
    for row in rows:
        if fits is None or fits(row["completion"]):
            out.append(RepoFunction.from_row(row, files[row["source"]]))
            if len(out) >= limit:
                break
    return out


def verify(
    functions: list[RepoFunction], limits: SandboxLimits, max_tests: int
) -> list[tuple[RepoFunction, list[tuple[str, str]]]]:
    """The functions whose tests really exercise them, each with the tests that passed."""
    items = []
    for fn in functions:
        tests = [(t["module"], t["test_id"]) for t in fn.tests][:max_tests]
        items += [
            (fn, fn.prompt + fn.completion, tests),
            (fn, blanked(fn.prompt, fn.completion), tests),
        ]
    runs = run_tests(items, limits)
    kept = []
    for i, fn in enumerate(functions):
        original, blank = runs[2 * i], runs[2 * i + 1]
        if not original.passed:
            continue
        # A test that passes with the body blanked does not exercise it: dropped.
        reaching = set(original.passed) & set(blank.failed)
        if not reaching:
            continue
        tests = [(m, t) for m, t in items[2 * i][2] if f"{m}:{t}" in reaching]
        kept.append((fn, tests))
    return kept


# Linked functions tried per function wanted: links are guesses, and some modules cannot be
# replaced in the sandbox (a stdlib package the interpreter imported at start-up).
CANDIDATES_PER_FUNCTION = 4


def verified_functions(
    run_root: Path,
    splits: tuple[str, ...],
    wanted: int,
    *,
    seed: int,
    limits: SandboxLimits,
    max_tests: int,
    fits: Callable[[str], bool] | None = None,
) -> list[tuple[RepoFunction, list[tuple[str, str]]]]:
    """Up to `wanted` linked functions of `splits` that `verify` keeps, from
    CANDIDATES_PER_FUNCTION x `wanted` candidates in `load_functions`' seeded order."""
    candidates = load_functions(
        run_root, splits, limit=CANDIDATES_PER_FUNCTION * wanted, seed=seed, fits=fits
    )
    return verify(candidates, limits, max_tests)[:wanted] if candidates else []


# The program run in the sandbox (standard library only, Python >= 3.9). PAYLOAD is prepended.
_RUNNER = r"""
import importlib, json, os, sys, unittest

P = json.loads(PAYLOAD)
SRC = "/tmp/work/src"
for rel, text in P["files"].items():
    path = os.path.join(SRC, *rel.split("/"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
if P["root"] and os.access(P["root"], os.R_OK):
    sys.path.insert(0, P["root"])


def parents(name):
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


# Packages the interpreter (or the repository) already has look in SRC first.
# (A package the files shadow, `test` say, must be imported before SRC joins sys.path, or SRC's
# partial copy of it would hide the interpreter's own submodules.)
modules = [P["target"]] + [m for m, _ in P["tests"]] + P["helpers"]
for pkg in dict.fromkeys(p for n in modules for p in parents(n)):
    try:
        module = importlib.import_module(pkg)
    except Exception:
        continue
    here = os.path.join(SRC, *pkg.split("."))
    search = getattr(module, "__path__", None)
    if search is not None and os.path.isdir(here):
        try:
            search.insert(0, here)
        except AttributeError:  # a namespace package's path
            search.append(here)
sys.path.insert(0, SRC)
old = sys.modules.pop(P["target"], None)
target = importlib.import_module(P["target"])
if not (getattr(target, "__file__", "") or "").startswith(SRC):
    raise SystemExit("codetune: the spliced module was not the one imported")
if old is not None and hasattr(old, "__path__") and hasattr(target, "__path__"):
    target.__path__.extend(p for p in old.__path__ if p not in target.__path__)

# pytest-style tests (fixtures, parametrize, plain test classes) run through pytest, imported
# only when one does: importing it costs every other program about 0.1 s (system Python 3.11).
try:
    import importlib.util
    HAVE_PYTEST = importlib.util.find_spec("pytest") is not None
except Exception:
    HAVE_PYTEST = False


def pytest_style(module, test_id):
    # Not a unittest test: a function taking fixtures or marked, or a plain class's method.
    parent, obj = None, module
    for part in test_id.split("."):
        parent, obj = obj, getattr(obj, part)
    if isinstance(parent, type):
        return not issubclass(parent, unittest.TestCase)
    if isinstance(obj, type):
        return not issubclass(obj, unittest.TestCase)
    code = getattr(obj, "__code__", None)
    return bool(getattr(obj, "pytestmark", None)) or (code is not None and code.co_argcount > 0)


def run_with_pytest(module, test_id):
    # passed / failed / skipped for one test, run by pytest in this process.
    import pytest

    node = module.__file__ + "::" + test_id.replace(".", "::")

    class Recorder:
        def pytest_runtest_logreport(self, report):
            if report.failed:
                outcome["failed"] = True
            elif report.skipped and report.when in ("setup", "call"):
                outcome["skipped"] = True
            elif report.passed and report.when == "call":
                outcome["passed"] = True

    outcome = {}
    args = ["-qq", "-p", "no:cacheprovider", "--rootdir", SRC, "-o", "addopts=", node]
    with open(os.devnull, "w") as sink:
        saved = sys.stdout
        sys.stdout = sink
        try:
            pytest.main(args, plugins=[Recorder()])
        finally:
            sys.stdout = saved
    if outcome.get("failed") or not outcome:
        return "failed"
    return "passed" if outcome.get("passed") else "skipped"


loader = unittest.TestLoader()
if P["discover"]:
    # Every test of a generated test file: TestCase methods and argument-free test_ functions.
    try:
        generated = importlib.import_module(P["discover"])
    except BaseException as exc:
        print(P["mark"] + json.dumps({"passed": [], "failed": [], "skipped": [], "ids": [],
                                      "import_error": repr(exc)[:300]}))
        sys.exit(1)
    for name, obj in list(vars(generated).items()):
        if isinstance(obj, type) and issubclass(obj, unittest.TestCase):
            if obj.__module__ == generated.__name__:
                P["tests"] += [[P["discover"], f"{name}.{m}"] for m in loader.getTestCaseNames(obj)]
        elif name.startswith("test") and callable(obj) and getattr(obj, "__module__", "") == generated.__name__:
            code = getattr(obj, "__code__", None)
            if code is not None and (code.co_argcount == 0 or HAVE_PYTEST):
                P["tests"].append([P["discover"], name])
        elif name.startswith("Test") and isinstance(obj, type) and HAVE_PYTEST:
            if obj.__module__ == generated.__name__:  # a pytest test class
                P["tests"] += [[P["discover"], f"{name}.{m}"] for m in dir(obj) if m.startswith("test")]

ran_lines = set()
ran_arcs = set()  # (line, next line) in the function's own frames; -first: entry or exit
if P["trace"]:
    first, last = P["trace"]
    target_file = target.__file__

    def tracer(frame, event, arg):
        code = frame.f_code
        if code.co_filename != target_file or not first <= code.co_firstlineno <= last:
            return None
        own = code.co_firstlineno == first  # not a function or lambda defined inside it
        previous = [-first]

        def local(frame, event, arg):
            if event == "line":
                if first <= frame.f_lineno <= last:
                    ran_lines.add(frame.f_lineno)
                if own:
                    ran_arcs.add((previous[0], frame.f_lineno))
                previous[0] = frame.f_lineno
            elif event == "return" and own:
                ran_arcs.add((previous[0], -first))
            return local

        return local(frame, event, arg)

passed, failed, skipped = [], [], []
for i, (module_name, test_id) in enumerate(P["tests"]):
    try:
        module = sys.modules.get(module_name) or importlib.import_module(module_name)
        if pytest_style(module, test_id):
            if not HAVE_PYTEST:
                failed.append(i)
                continue
            if P["trace"]:
                sys.settrace(tracer)
            try:
                verdict = run_with_pytest(module, test_id)
            finally:
                sys.settrace(None)
            {"passed": passed, "failed": failed, "skipped": skipped}[verdict].append(i)
            continue
        obj = module
        for part in test_id.split("."):
            obj = getattr(obj, part)
        if isinstance(obj, type) or "." in test_id:
            suite = loader.loadTestsFromName(test_id, module)
        else:
            suite = unittest.FunctionTestCase(obj)
    except Exception:
        failed.append(i)
        continue
    result = unittest.TestResult()
    if P["trace"]:
        sys.settrace(tracer)
    try:
        suite.run(result)
    finally:
        sys.settrace(None)
    if result.failures or result.errors or result.unexpectedSuccesses:
        failed.append(i)
    elif result.skipped and len(result.skipped) >= result.testsRun:
        skipped.append(i)
    else:
        passed.append(i)
report = {"passed": passed, "failed": failed, "skipped": skipped}
if P["discover"]:
    report["ids"] = [test_id for _, test_id in P["tests"]]
if P["trace"]:
    report["lines"] = sorted(ran_lines)
    report["arcs"] = sorted(ran_arcs)
print(P["mark"] + json.dumps(report))
sys.exit(0 if passed and not failed else 1)
"""


def method_under_test(sample: dict[str, Any]) -> RepoFunction:
    """A held-out test method (a `migrate` sample with its `test`: module, test id, lines,
    files) as a function this harness can splice: its own test is the one to run."""
    test = sample["test"]
    return RepoFunction(
        id=sample["id"],
        path=sample["path"],
        module=test["module"],
        name=sample["name"],
        start_line=test["start_line"],
        end_line=test["end_line"],
        prompt="",
        completion=sample["completion"],
        tests=[{"path": sample["path"], "module": test["module"], "test_id": test["test_id"]}],
        files=test["files"],
        root=test.get("root"),
        class_name=sample.get("class_name"),
    )


def run_test_methods(
    samples: Sequence[dict[str, Any]],
    codes: Sequence[str],
    limits: SandboxLimits,
    workers: int | None = None,
) -> list[bool]:
    """Whether each sample's test method passes with `codes[i]` in its place (sandboxed):
    every test it names passed, none failed or was skipped."""
    items = []
    for sample, code in zip(samples, codes, strict=True):
        fn = method_under_test(sample)
        items.append((fn, code, [(fn.module, sample["test"]["test_id"])]))
    runs = run_tests(items, limits, workers) if items else []
    return [bool(r.passed) and not r.failed and not r.skipped for r in runs]
