"""The sandbox runs programs like `python main.py` would, and reports what happened."""

from __future__ import annotations

import pytest

import codetune.lib.sandbox.humaneval as humaneval
import codetune.lib.sandbox.launcher as sandbox
from codetune.core.config.sandbox import SandboxLimits

FAST = SandboxLimits(timeout_s=2)


@pytest.fixture(scope="module")
def problems() -> dict[str, dict]:
    return humaneval.load_problems()


def test_humaneval_canonical_solutions_pass_and_broken_ones_fail(problems):
    canonical = humaneval.canonical_samples(problems)
    assert len(canonical) == len(problems) == 164
    broken = [{"task_id": s["task_id"], "completion": "    return None\n"} for s in canonical]
    programs = [
        humaneval.build_program(problems[s["task_id"]], s["completion"]) for s in canonical + broken
    ]
    results = sandbox.run_many(programs, workers=2)
    good, bad = results[: len(canonical)], results[len(canonical) :]
    not_passing = [
        (s["task_id"], r.status, r.stderr_tail[-200:]) for s, r in zip(canonical, good, strict=True)
    ]
    assert [x for x in not_passing if x[1] != "passed"] == []
    assert all(r.status == "failed" for r in bad), [r.status for r in bad]
    assert all("AssertionError" in r.stderr_tail or "Error" in r.stderr_tail for r in bad)


def test_exit_codes_map_to_statuses():
    ok, failed, exc, exit_msg = sandbox.run_many(
        [
            "print('hello')",
            "import sys; sys.exit(3)",
            "raise ValueError('boom')",
            "raise SystemExit('bad input')",
        ],
        limits=FAST,
        workers=2,
    )
    assert (ok.status, ok.returncode, ok.stdout_tail) == ("passed", 0, "hello\n")
    assert (failed.status, failed.returncode) == ("failed", 3)
    assert exc.status == "failed" and "ValueError: boom" in exc.stderr_tail
    # the traceback starts in the program, not in the sandbox's own code
    assert "sandbox_init" not in exc.stderr_tail and "main.py" in exc.stderr_tail
    assert exit_msg.status == "failed" and "bad input" in exit_msg.stderr_tail


def test_wall_and_cpu_time_limits_give_timeout():
    sleeping = sandbox.run_python("import time\ntime.sleep(30)", limits=FAST)
    spinning = sandbox.run_python("while True:\n    pass", limits=FAST)
    for result in (sleeping, spinning):
        # Killed by the limit (status timeout), not left to run its 30 s.
        assert result.status == "timeout", result
    cpu_bound = sandbox.run_python(
        "while True:\n    pass", limits=SandboxLimits(timeout_s=20, cpu_s=1)
    )
    assert cpu_bound.status == "timeout" and "CPU" in cpu_bound.detail


def test_signals_are_crashes_with_the_signal_named():
    result = sandbox.run_python("import os\nos.abort()", limits=FAST)
    assert result.status == "crashed" and result.returncode == -6
    assert "SIGABRT" in result.detail


def test_program_sees_a_main_module_in_a_private_work_folder():
    program = """
import atexit, os, sys, threading
assert __name__ == "__main__", __name__
assert os.getcwd() == os.path.dirname(os.path.abspath(__file__))
with open("data.txt", "w") as fh:
    fh.write("kept")
assert open("data.txt").read() == "kept"
done = []
threading.Thread(target=lambda: done.append(1)).start()
atexit.register(lambda: print("atexit ran", len(done)))
class Point:  # pickling needs classes to live in __main__
    pass
import pickle
assert isinstance(pickle.loads(pickle.dumps(Point())), Point)
"""
    result = sandbox.run_python(program, limits=FAST)
    assert result.status == "passed", result.stderr_tail
    assert result.stdout_tail == "atexit ran 1\n"  # non-daemon thread joined before atexit


def test_each_run_gets_a_fresh_work_folder():
    writer = "open('left_behind.txt', 'w').write('x')\nopen('/tmp/left.txt', 'w').write('x')"
    reader = (
        "import os, sys\n"
        "sys.exit(1 if os.path.exists('left_behind.txt') or os.path.exists('/tmp/left.txt')"
        " else 0)"
    )
    results = sandbox.run_many([writer, reader, reader], limits=FAST, workers=1)
    assert [r.status for r in results] == ["passed", "passed", "passed"]


def test_run_many_keeps_order_and_output_tail_is_bounded():
    programs = [f"print({i})" for i in range(12)]
    results = sandbox.run_many(programs, limits=FAST, workers=3)
    assert [r.stdout_tail.strip() for r in results] == [str(i) for i in range(12)]
    limits = SandboxLimits(timeout_s=5, output_tail_chars=100)
    noisy = sandbox.run_python("print('y' * 50_000)\nprint('END')", limits=limits)
    assert noisy.status == "passed"
    assert len(noisy.stdout_tail) == 100 and noisy.stdout_tail.endswith("END\n")


def test_isolation_report_is_consistent_with_what_a_program_sees():
    report = sandbox.isolation_report()
    assert report["mode"] in ("root", "userns", "none")
    assert report["python"]["path"] and report["python"]["version"]
    assert (report["note"] == "full isolation") == (report["degraded"] == [])
    if report["mode"] != "none":
        assert report["network_namespace"] and report["network_reachable"] is False
        assert report["pid_namespace"] and report["private_tmp"]
        assert report["read_only_filesystem"]


def test_unsupported_language_and_missing_toolchains_are_explained():
    with pytest.raises(ValueError, match="unsupported language"):
        sandbox.run_many(["x"], language="cobol")  # type: ignore[arg-type]
    paths, reason = sandbox.toolchain("cobol")
    assert paths is None and "cobol" in reason


JAVA_OK = """
class Solution {
    int add(int a, int b) { return a + b; }
}
public class Main {
    public static void main(String[] args) {
        if (new Solution().add(2, 3) != 5) throw new AssertionError("add");
        System.out.println("ok");
    }
}
"""


@pytest.mark.skipif(sandbox.toolchain("java")[0] is None, reason=sandbox.toolchain("java")[1])
def test_java_compiles_and_runs_in_the_sandbox():
    limits = SandboxLimits(timeout_s=60)
    wrong = JAVA_OK.replace("a + b", "a - b")
    broken = JAVA_OK.replace("return a + b;", "return a +;")
    ok, failed, not_compiling = sandbox.run_many(
        [JAVA_OK, wrong, broken], limits=limits, workers=2, language="java"
    )
    assert ok.status == "passed" and ok.stdout_tail == "ok\n", ok
    assert failed.status == "failed" and "AssertionError" in failed.stderr_tail
    assert not_compiling.status == "failed" and "error" in not_compiling.stderr_tail


GO_OK = """package main

import "fmt"

func add(a int, b int) int { return a + b }

func main() {
	if add(2, 3) != 5 {
		panic("add")
	}
	fmt.Println("ok")
}
"""


@pytest.mark.skipif(sandbox.toolchain("go")[0] is None, reason=sandbox.toolchain("go")[1])
def test_go_builds_and_runs_in_the_sandbox():
    limits = SandboxLimits(timeout_s=60)
    wrong = GO_OK.replace("a + b", "a - b")
    ok, failed = sandbox.run_many([GO_OK, wrong], limits=limits, workers=2, language="go")
    assert ok.status == "passed" and ok.stdout_tail == "ok\n", ok
    assert failed.status == "failed" and "panic" in failed.stderr_tail


def test_without_namespaces_the_sandbox_refuses_unless_rlimits_only_is_chosen(monkeypatch):
    """Fail closed: where the kernel grants no namespaces (simulated: every namespaced server
    fails to start, as `unshare` does there), no generated code runs unless the config opts
    into rlimits only; the refusal is bad input (exit 2) and says how to opt in."""
    real_server = sandbox._Server

    class NoNamespaces(real_server):  # type: ignore[misc, valid-type]
        def __init__(self, setup, limits):
            if setup.mode != "none":
                raise sandbox.SandboxError(f"{setup.mode}: unshare: Operation not permitted")
            super().__init__(setup, limits)

    monkeypatch.setattr(sandbox, "_Server", NoNamespaces)
    sandbox._probe.cache_clear()
    try:
        with pytest.raises(sandbox.SandboxError) as refused:
            sandbox.run_python("print(1)", limits=SandboxLimits(timeout_s=5))
        message = str(refused.value)
        assert refused.value.exit_code == 2
        assert "Operation not permitted" in message and "not run without it" in message
        assert "require_isolation" in message and "--allow-rlimits-only" in message

        opted_in = SandboxLimits(timeout_s=5, require_isolation=False)
        assert sandbox.isolation_mode(opted_in) == "none"
        result = sandbox.run_python("print(6 * 7)", limits=opted_in)
        assert result.passed and result.stdout_tail.strip() == "42"
    finally:
        sandbox._probe.cache_clear()
