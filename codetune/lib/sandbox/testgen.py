"""Scoring a generated test file for one function: does it run and pass on the real code, how
many mutants does it kill, which lines and branches of the function does it run, does it try
boundary values, does it mock what the function depends on.

Everything that executes runs in the sandbox (`repotests.program`): the test file is imported
there next to the function's module, every TestCase method and argument-free `test_*` function
in it runs, first on the original body (with line tracing, stdlib `sys.settrace`: the sandbox's
interpreter need not have coverage.py), then on each mutant (`codetune.lib.mutants`). A test file
that does not pass on the original is invalid: it kills nothing by definition.

Branch coverage is coverage.py's: its static analysis of the function's text (here, in
codetune's own process) gives the possible arcs out of every line with more than one exit; the
sandbox's trace gives the arcs that ran, mapped onto the first line of their statements the way
coverage.py maps them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from coverage.parser import PythonParser

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.mutants import function_mutants
from codetune.lib.sandbox.launcher import run_many
from codetune.lib.sandbox.repotests import RepoFunction, TestRun, parse_run, program
from codetune.lib.testlinks import mocks_in

GENERATED_MODULE = "codetune_generated_tests"
_LARGE = 2**31


@dataclass
class TestFileScore:
    """The measures of one generated test file (see the module docstring)."""

    valid: bool  # imports, runs at least one test, every test passes on the original
    tests: int  # tests found in the file
    mutants: int
    killed: int
    lines: int  # executable lines of the function's body
    lines_run: int
    boundary_tests: int  # tests calling the function with an empty/None/zero/negative/huge value
    mocks: list[str] = field(default_factory=list)  # mocks the file creates
    mocked_dependencies: int = 0  # of the function's module-level calls (os.remove, ...)
    dependencies: int = 0
    branches: int = 0  # arcs out of the body's lines that have more than one way out
    branches_run: int = 0
    detail: str = ""

    @property
    def mutation_score(self) -> float:
        return self.killed / self.mutants if self.valid and self.mutants else 0.0

    @property
    def line_coverage(self) -> float:
        return self.lines_run / self.lines if self.valid and self.lines else 0.0

    @property
    def branch_coverage(self) -> float | None:
        """None for a function without branches (coverage.py counts it as fully covered)."""
        if not self.branches:
            return None
        return self.branches_run / self.branches if self.valid else 0.0


def body_lines(code: str) -> list[int]:
    """1-based lines (within `code`) of the function body's statements, docstring left out."""
    fn = ast.parse(code).body[0]
    body = fn.body  # type: ignore[attr-defined]
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    lines: set[int] = set()
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.stmt):
                lines.add(node.lineno)
    return sorted(lines)


def _parser(code: str) -> PythonParser:
    parser = PythonParser(text=code)
    parser.parse_source()
    return parser


def branch_arcs(code: str) -> set[tuple[int, int]]:
    """coverage.py's possible branch arcs of the function in `code` (1-based lines of `code`; a
    negative target is the function's exit): every arc out of a line with two or more."""
    parser = _parser(code)
    exits = parser.exit_counts()
    return {(a, b) for a, b in parser.arcs() if a > 0 and exits.get(a, 0) > 1}


def branch_arcs_run(code: str, traced: list[list[int]], start_line: int) -> set[tuple[int, int]]:
    """The arcs of a sandbox trace (module lines, `-start_line` for entry and exit) as lines of
    `code`, each end moved to its statement's first line, as coverage.py does."""
    parser = _parser(code)

    def local(line: int) -> int:
        return -1 if line < 0 else parser.first_line(line - start_line + 1)

    arcs = {(local(a), local(b)) for a, b in traced}
    return {(a, b) for a, b in arcs if a != b or a < 0}


def _is_boundary(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        v = node.value
        if (
            v is None
            or v in ("", b"")
            or (type(v) in (int, float) and (v == 0 or abs(v) >= _LARGE))
        ):
            return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return True
    if isinstance(node, ast.List | ast.Tuple | ast.Set) and not node.elts:
        return True
    if isinstance(node, ast.Dict) and not node.keys:
        return True
    if isinstance(node, ast.Attribute) and node.attr in {"maxsize", "inf", "nan"}:
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"list", "dict", "set", "tuple", "str", "bytes"}
        and not node.args
    )


def boundary_tests(test_code: str, name: str) -> int:
    """Tests (functions named test*) that call `name` with at least one boundary argument."""
    try:
        tree = ast.parse(test_code)
    except SyntaxError:
        return 0
    count = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            for call in ast.walk(node):
                if not isinstance(call, ast.Call):
                    continue
                callee = call.func
                called = callee.id if isinstance(callee, ast.Name) else getattr(callee, "attr", "")
                args = [*call.args, *(k.value for k in call.keywords)]
                if called == name and any(_is_boundary(a) for a in args):
                    count += 1
                    break
    return count


def dependencies(code: str) -> set[str]:
    """Module-level calls a function makes (`os.remove`, `requests.get`): what a test mocks."""
    out = set()
    for node in ast.walk(ast.parse(code)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            root = node.func
            while isinstance(root, ast.Attribute):
                root = root.value
            if isinstance(root, ast.Name) and root.id not in {"self", "cls"}:
                out.add(ast.unparse(node.func))
    return out


def score_test_files(
    fn: RepoFunction,
    test_files: list[str],
    limits: SandboxLimits,
    *,
    max_mutants: int = 8,
    seed: int = 0,
    workers: int | None = None,
    mutants: list[str] | None = None,
) -> list[TestFileScore]:
    """Score each generated test file for `fn` (its original body, `fn.prompt + completion`)
    against `mutants` (whole mutated functions; None: `function_mutants`' sample)."""
    (scores,) = score_many(
        [(fn, test_files, mutants)], limits, max_mutants=max_mutants, seed=seed, workers=workers
    )
    return scores


def score_many(
    jobs: list[tuple[RepoFunction, list[str], list[str] | None]],
    limits: SandboxLimits,
    *,
    max_mutants: int = 8,
    seed: int = 0,
    workers: int | None = None,
) -> list[list[TestFileScore]]:
    """`score_test_files` for several functions, every program in one `run_many` so the
    sandbox's workers stay busy across functions: per job (function, test files, mutants or
    None), the scores of its test files."""
    programs, slots = [], []
    prepared = []
    for k, (fn, test_files, mutants) in enumerate(jobs):
        original = fn.prompt + fn.completion
        if mutants is None:
            mutants = [code for _, code in function_mutants(original, max_mutants, seed)]
        lines = body_lines(original)
        trace = (fn.start_line, fn.start_line + max(lines, default=0))
        prepared.append((original, mutants, lines))
        for i, test_code in enumerate(test_files):
            extra = {f"{GENERATED_MODULE}.py": test_code}
            for j, code in enumerate([original, *mutants]):
                programs.append(
                    program(
                        fn,
                        code,
                        [],
                        extra_files=extra,
                        discover=GENERATED_MODULE,
                        trace=trace if j == 0 else None,
                        # A test file may import the helpers the team's tests use.
                        helper_modules=[t["module"] for t in fn.tests],
                    )
                )
                slots.append((k, i, j))
    results = run_many(programs, limits=limits, workers=workers) if programs else []
    runs: dict[tuple[int, int, int], TestRun] = {
        slot: parse_run(r, []) for slot, r in zip(slots, results, strict=True)
    }
    return [
        [
            _score(
                fn,
                test_code,
                original,
                mutants,
                lines,
                [runs[k, i, j] for j in range(len(mutants) + 1)],
            )
            for i, test_code in enumerate(test_files)
        ]
        for k, ((fn, test_files, _), (original, mutants, lines)) in enumerate(
            zip(jobs, prepared, strict=True)
        )
    ]


def _score(
    fn: RepoFunction,
    test_code: str,
    original: str,
    mutants: list[str],
    lines: list[int],
    runs: list[TestRun],
) -> TestFileScore:
    """One test file's score from its runs: on the original (runs[0]), then on each mutant."""
    first = runs[0]
    valid = first.all_passed
    ran = {ln - fn.start_line + 1 for ln in first.report.get("lines", [])}
    killed = sum(not run.all_passed for run in runs[1:])
    try:
        mocks = list(mocks_in(ast.parse(test_code)))
    except SyntaxError:
        mocks = []
    deps = dependencies(original)
    possible = branch_arcs(original)
    taken = branch_arcs_run(original, first.report.get("arcs", []), fn.start_line) & possible
    return TestFileScore(
        valid=valid,
        tests=len(first.report.get("ids", [])),
        mutants=len(mutants),
        killed=killed if valid else 0,
        lines=len(lines),
        lines_run=len(ran & set(lines)) if valid else 0,
        boundary_tests=boundary_tests(test_code, fn.name),
        mocks=mocks,
        mocked_dependencies=sum(any(d.split(".")[-1] in m or d in m for m in mocks) for d in deps),
        dependencies=len(deps),
        branches=len(possible),
        branches_run=len(taken) if valid else 0,
        detail=first.report.get("import_error", ""),
    )
