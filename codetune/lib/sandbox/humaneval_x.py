"""HumanEval-X (the 164 HumanEval problems hand-translated to Go, Java, JavaScript, C++) as an
execution-checked benchmark: a Go function is scored by the problem's own Go tests, run with
`go test` inside the sandbox (the only place generated code runs).

The data is the user's copy of HumanEval-X (`humaneval_<language>.jsonl.gz`, the CodeGeeX
release; the tests use the one in `../shared/data/humaneval-x/`). A Go program is assembled
the way CodeGeeX's own harness does it (`codegeex/benchmark/evaluate_humaneval_x.py`): the
test's package and imports, an import block for the standard packages the code uses (the
prompt's own import block is dropped: Go refuses an unused import), the code, then the test.

The Go tests call testify's `assert.New(t).Equal`. The release vendors testify, but building it
(with go-spew, go-difflib and yaml.v3) in each fresh, isolated sandbox costs seconds per
program, and a build cache shared between untrusted programs would let one poison the next; so
the sandbox gets `ASSERT_PACKAGE` instead: those two calls with testify's equality
(`ObjectsAreEqual`: bytes.Equal for []byte, reflect.DeepEqual otherwise).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codetune.core.config.sandbox import SandboxLimits
from codetune.core.errors import UserError
from codetune.lib.sandbox.launcher import SandboxResult, go_test_request, run_requests

LANGUAGES = ("go", "java", "js", "cpp", "python")
# The standard packages a Go solution may use without declaring them: CodeGeeX's list
# (IMPORT_HELPER["go"]) plus unicode, which translations from Java's Character methods reach.
GO_STANDARD_PACKAGES = (
    "math",
    "strings",
    "fmt",
    "strconv",
    "time",
    "bytes",
    "regexp",
    "sort",
    "math/rand",
    "crypto/md5",
    "unicode",
)
TESTIFY_ASSERT = "github.com/stretchr/testify/assert"
ASSERT_PACKAGE = """\
// Package assert: the part of testify's assert package that HumanEval-X's Go tests call.
package assert

import (
	"bytes"
	"reflect"
	"testing"
)

type Assertions struct{ t *testing.T }

func New(t *testing.T) *Assertions { return &Assertions{t} }

// ObjectsAreEqual is testify's: bytes.Equal for two []byte, reflect.DeepEqual otherwise.
func ObjectsAreEqual(expected, actual interface{}) bool {
	if expected == nil || actual == nil {
		return expected == actual
	}
	exp, ok := expected.([]byte)
	if !ok {
		return reflect.DeepEqual(expected, actual)
	}
	act, ok := actual.([]byte)
	if !ok {
		return false
	}
	if exp == nil || act == nil {
		return exp == nil && act == nil
	}
	return bytes.Equal(exp, act)
}

func (a *Assertions) Equal(expected, actual interface{}, msgAndArgs ...interface{}) bool {
	a.t.Helper()
	if !ObjectsAreEqual(expected, actual) {
		a.t.Errorf("Not equal:\\nexpected: %#v\\nactual  : %#v", expected, actual)
		return false
	}
	return true
}
"""


@dataclass
class GoVerdict:
    task_id: str
    passed: bool
    status: str  # "passed", "build_failed", "failed", "timeout", "crashed"
    detail: str


def load_problems(folder: Path, language: str) -> dict[str, dict[str, Any]]:
    """{task_id: problem} of `humaneval_<language>.jsonl.gz` in `folder`, in file order."""
    if language not in LANGUAGES:
        raise UserError(f"HumanEval-X language {language!r}: one of {', '.join(LANGUAGES)}")
    path = Path(folder) / f"humaneval_{language}.jsonl.gz"
    if not path.is_file():
        raise UserError(f"{path}: not found (HumanEval-X data: a copy of the CodeGeeX release)")
    problems: dict[str, dict[str, Any]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            try:
                row = json.loads(line)
                problems[row["task_id"]] = row
            except (json.JSONDecodeError, KeyError) as exc:
                raise UserError(f"{path}:{i}: not a HumanEval-X problem ({exc})") from None
    return problems


def java_go_pairs(folder: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(Java problem, Go problem) of every task both languages have, in file order."""
    java, go = load_problems(folder, "java"), load_problems(folder, "go")
    return [
        (problem, go[task_id.replace("Java/", "Go/")])
        for task_id, problem in java.items()
        if task_id.replace("Java/", "Go/") in go
    ]


def entry_point(problem: dict[str, Any]) -> str:
    """The function a Go problem asks for (HumanEval-X rows have no entry_point field)."""
    found = re.search(r"^func (\w+)\(", problem["declaration"], re.MULTILINE)
    if found is None:
        raise UserError(f"{problem['task_id']}: no Go function in its declaration")
    return found.group(1)


def _without_comments(code: str) -> str:
    code = re.sub(r"/\*.*?\*/", " ", code, flags=re.DOTALL)
    return re.sub(r"//[^\n]*", " ", code)


def used_packages(code: str, already: str = "") -> list[str]:
    """The standard packages of GO_STANDARD_PACKAGES that `code` refers to (`strings.`,
    `rand.`) and that `already` (the test's import block) does not import."""
    bare = _without_comments(code)
    out = []
    for package in GO_STANDARD_PACKAGES:
        name = package.rsplit("/", 1)[-1]
        if f'"{package}"' not in already and re.search(rf"(?<![\w.]){name}\.\w", bare):
            out.append(package)
    return out


def go_test_file(problem: dict[str, Any], code: str) -> str:
    """The `_test.go` file for a Go solution: `code` is the whole function (the prompt's
    signature and docstring included, its import block left out or not)."""
    code = code.replace(problem["import"], "") if problem["import"].strip() else code
    setup = problem["test_setup"]
    # The tests may call a package the translation does without (Go/2's tests use math).
    packages = used_packages(code + "\n" + problem["test"], setup)
    imports = "import (\n" + "".join(f'    "{p}"\n' for p in packages) + ")\n" if packages else ""
    return f"{setup}\n{imports}\n{code}\n\n{problem['test']}\n"


def run_go_tests(
    programs: list[tuple[str, str]],
    problems: dict[str, dict[str, Any]],
    limits: SandboxLimits,
    workers: int | None = None,
) -> list[GoVerdict]:
    """Run each (task_id, whole Go function) against its problem's tests, in the sandbox."""
    requests = [
        go_test_request(
            {
                "candidate": {"main_test.go": go_test_file(problems[task_id], code)},
                TESTIFY_ASSERT: {"assert.go": ASSERT_PACKAGE},
            },
            limits,
        )
        for task_id, code in programs
    ]
    results = run_requests(requests, limits, workers) if requests else []
    return [_verdict(task_id, r) for (task_id, _), r in zip(programs, results, strict=True)]


def _verdict(task_id: str, result: SandboxResult) -> GoVerdict:
    out = result.stdout_tail + result.stderr_tail
    if result.status == "failed" and ("[build failed]" in out or "[setup failed]" in out):
        status = "build_failed"
    else:
        status = result.status
    detail = result.detail or out[-400:]
    return GoVerdict(task_id, result.passed, status, detail)
