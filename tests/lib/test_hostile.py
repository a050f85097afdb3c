"""Hostile programs are contained, reported as failures, and leave harness and machine intact."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

import pytest

import codetune.lib.sandbox.launcher as sandbox
from codetune.core.config.sandbox import SandboxLimits

# A uid range of its own, so leftover checks never see another suite's sandboxes.
LIMITS = SandboxLimits(timeout_s=3, uid_base=64800, uid_slots=16, memory_mb=512)
IS_ROOT = os.geteuid() == 0


def sandbox_processes() -> list[int]:
    """PIDs on this machine running as one of this suite's sandbox uids."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        uid_line = next(line for line in status.splitlines() if line.startswith("Uid:"))
        uids = {int(u) for u in uid_line.split()[1:]}
        if any(LIMITS.uid_base <= u < LIMITS.uid_base + LIMITS.uid_slots for u in uids):
            pids.append(int(entry.name))
    return pids


@pytest.fixture(autouse=True)
def machine_unharmed():
    yield
    # the harness still works and nothing of the run survives it
    assert sandbox.run_python("print('alive')", limits=LIMITS).stdout_tail == "alive\n"
    if IS_ROOT:
        assert sandbox_processes() == []


def run(program: str, limits: SandboxLimits = LIMITS) -> sandbox.SandboxResult:
    result = sandbox.run_python(program, limits=limits)
    assert result.status != "passed", result
    return result


def test_infinite_loop_times_out():
    assert run("while True:\n    pass").status == "timeout"


def test_memory_bomb_is_stopped():
    result = run("blocks = []\nwhile True:\n    blocks.append(bytearray(64 << 20))")
    assert result.status in ("failed", "crashed")
    assert result.status == "crashed" or "MemoryError" in result.stderr_tail
    assert run("x = bytearray(64 << 30)").status in ("failed", "crashed")


def test_fork_bomb_is_contained_and_leaves_no_process():
    result = run("import os\nwhile True:\n    os.fork()")
    assert result.status in ("failed", "timeout", "crashed")


def test_thread_bomb_hits_the_process_limit():
    program = (
        "import threading, time\n"
        "while True:\n"
        "    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()"
    )
    assert run(program).status in ("failed", "timeout", "crashed")


def test_daemonised_child_does_not_outlive_the_run():
    program = """
import os, time
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(60)
    os._exit(0)
raise SystemExit(1)
"""
    run(program)  # the autouse fixture checks that no process of the run is left


def test_writing_outside_the_work_folder_fails_or_stays_private(tmp_path):
    marker = f"codetune-escape-{uuid.uuid4().hex}"
    host_targets = [tmp_path / marker, Path("/etc") / marker, Path.cwd() / marker]
    program = f"""
import os, sys
escaped = []
for path in {[str(p) for p in host_targets]!r} + ["/" + {marker!r}, "/var/" + {marker!r}]:
    try:
        with open(path, "w") as fh:
            fh.write("pwned")
        escaped.append(path)
    except OSError:
        pass
open("/tmp/{marker}", "w").write("private")  # allowed: a private tmpfs of this run
print(escaped)
sys.exit(0 if escaped else 1)
"""
    result = run(program)
    assert result.status == "failed"
    for target in [*host_targets, Path("/") / marker, Path("/var") / marker, Path("/tmp") / marker]:
        assert not target.exists(), target


def test_reading_a_root_only_file_fails(tmp_path):
    secret = f"secret-{uuid.uuid4().hex}"
    # /run is visible (read-only) inside the sandbox; tmp_path lives in the hidden host /tmp
    places = [tmp_path / "secret.txt"]
    if IS_ROOT and os.access("/run", os.W_OK):
        places.append(Path("/run") / f"codetune-secret-{uuid.uuid4().hex}")
    try:
        for place in places:
            place.write_text(secret)
            place.chmod(0o600)
        program = f"""
import sys
for path in {[str(p) for p in places]!r} + ["/etc/shadow"]:
    try:
        print(open(path).read())
        sys.exit(0)
    except OSError as exc:
        print(type(exc).__name__, path, file=sys.stderr)
sys.exit(1)
"""
        result = run(program)
        assert result.status == "failed"
        assert secret not in result.stdout_tail + result.stderr_tail
    finally:
        for place in places:
            place.unlink(missing_ok=True)


def test_network_is_unreachable_even_the_host_loopback():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.settimeout(0.5)
        port = server.getsockname()[1]
        program = f"""
import socket, sys
for addr in [("127.0.0.1", {port}), ("1.1.1.1", 53), ("8.8.8.8", 443)]:
    try:
        socket.create_connection(addr, timeout=1).close()
        print("connected", addr)
        sys.exit(0)
    except OSError:
        pass
sys.exit(1)
"""
        result = run(program)
        if sandbox.isolation_mode(LIMITS) == "none":
            pytest.skip("no network namespace on this machine (degraded isolation)")
        assert result.status == "failed" and "connected" not in result.stdout_tail
        with pytest.raises(TimeoutError):
            server.accept()


def test_killing_the_parent_and_everyone_else_fails():
    program = f"""
import os, signal
for pid in ({os.getpid()}, os.getppid(), 1):
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
os.kill(-1, signal.SIGKILL)  # every process this uid may signal: only the program itself
raise SystemExit(1)
"""
    result = run(program)
    assert result.status in ("crashed", "failed")


def test_stdout_flood_is_cut_and_the_tail_is_bounded():
    result = run("import sys\nwhile True:\n    sys.stdout.write('x' * 65536)")
    assert result.status in ("crashed", "failed", "timeout")
    assert len(result.stdout_tail) <= LIMITS.output_tail_chars


def test_deep_recursion_is_a_crash_or_failure_not_a_hang():
    plain = "def f(n):\n    return f(n + 1)\nf(0)"
    assert "RecursionError" in run(plain).stderr_tail
    # through C slots each level takes C stack: with the limit lifted, the stack overflows
    c_stack = (
        "import sys\nsys.setrecursionlimit(10**8)\n"
        "class A:\n    def __repr__(self):\n        return repr(self)\nrepr(A())"
    )
    assert run(c_stack).status in ("crashed", "failed")


def test_filling_the_private_tmp_stops_at_its_size():
    program = (
        "with open('/tmp/fill', 'wb') as fh:\n    while True:\n        fh.write(b'0' * (1 << 20))"
    )
    limits = LIMITS.model_copy(update={"file_size_mb": 1024, "tmp_size_mb": 8})
    assert run(program, limits).status in ("failed", "crashed")


def test_hostile_programs_in_parallel_do_not_disturb_honest_ones():
    honest = "print(sum(range(10)))"
    programs = ["while True:\n    pass", honest, "import os\nwhile True:\n    os.fork()", honest]
    results = sandbox.run_many(programs, limits=LIMITS, workers=2)
    assert [r.status for r in results[1::2]] == ["passed", "passed"]
    assert all(r.stdout_tail == "45\n" for r in results[1::2])
    assert all(r.status != "passed" for r in results[0::2])
