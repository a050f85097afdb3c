"""The only place generated code runs: one isolated child process per program.

(Reason: about 640 lines, kept whole on purpose: the request format, the server process, the
uid slots and the verdicts are one protocol with the in-sandbox sandbox_init.py, and a security
review reads it in one pass.)

Each program gets
- its own session, PID namespace (the whole tree dies with the run), network namespace (no
  network at all, not even the host's loopback), IPC and UTS namespaces;
- a private mount namespace where every existing mount is read-only and /tmp, /var/tmp,
  /dev/shm are fresh size-limited tmpfs; its working folder is /tmp/work, so nothing it writes
  reaches the host and everything it wrote vanishes with the run;
- an unprivileged uid of its own (one per parallel slot, so RLIMIT_NPROC really limits a fork
  bomb and the program cannot signal the harness or another run);
- rlimits: CPU time, address space, file size, open files, processes; a wall-clock limit
  enforced by the sandbox's PID 1, which then kills everything in the namespace.

How much of this a machine allows is probed once (`isolation_report()`): root gets all of it;
a normal user gets it through a user namespace where the kernel allows that; otherwise the
sandbox refuses to run anything (fail closed), unless the config sets `SandboxLimits.
require_isolation: false`: then it degrades to rlimits + process-group kill and the report says
so.

Statuses: passed (exit 0), failed (exit != 0), timeout (wall or CPU limit), crashed (killed by
a signal, e.g. SIGSEGV from a C stack overflow, SIGXFSZ from the file-size limit, or the OOM
killer).
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import json
import math
import os
import pwd
import queue
import re
import shlex
import shutil
import signal
import socket
import stat
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from codetune.core.config.sandbox import SandboxLimits
from codetune.core.errors import UserError

Status = Literal["passed", "failed", "timeout", "crashed"]
Language = Literal["python", "java", "go"]
Mode = Literal["root", "userns", "none"]

_LAUNCHER = Path(__file__).with_name("sandbox_init.py")
_WORKDIR_IN_NAMESPACE = "/tmp/work"
_SAFE_PATH = "/usr/local/bin:/usr/bin:/bin"
# Seconds the harness waits beyond the wall limit before killing the launcher itself: the
# sandbox's PID 1 enforces the limit; this only catches a launcher that hangs during setup.
_BACKSTOP_GRACE_S = 30.0


class SandboxError(UserError, RuntimeError):
    """The sandbox cannot run here as configured (not a verdict on the program): the machine
    or the config must change, so the CLI reports it as bad input (exit 2), in one line."""


# What a refusal tells the user to set when the kernel allows no namespaces.
OPT_OUT = (
    "to run it with rlimits and a process-group kill only, set "
    "eval.sandbox.require_isolation and pairs.onpolicy.require_isolation to false or pass "
    "--allow-rlimits-only to `codetune eval humaneval`"
)


@dataclass(frozen=True)
class SandboxResult:
    status: Status
    returncode: int | None  # exit code, or -N when killed by signal N
    duration_s: float
    stdout_tail: str
    stderr_tail: str
    detail: str = ""  # why, in words, when not passed/failed by exit code

    @property
    def passed(self) -> bool:
        return self.status == "passed"

    def to_dict(self) -> dict:
        return asdict(self)


# ---------------------------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------------------------


def run_python(program: str, *, limits: SandboxLimits | None = None) -> SandboxResult:
    """Run a complete Python program (solution + tests) as /tmp/work/main.py in a sandbox."""
    return run_many([program], limits=limits, workers=1)[0]


def run_java(
    program: str, *, limits: SandboxLimits | None = None, main_class: str | None = None
) -> SandboxResult:
    """Compile (javac) and run one Java source file; compile errors count as failed."""
    limits = limits or SandboxLimits()
    return _run_requests([_java_request(program, limits, main_class)], limits, workers=1)[0]


def run_go(program: str, *, limits: SandboxLimits | None = None) -> SandboxResult:
    """Build and run one Go `package main` file; build errors count as failed."""
    limits = limits or SandboxLimits()
    return _run_requests([_go_request(program, limits)], limits, workers=1)[0]


def run_many(
    programs: list[str],
    *,
    limits: SandboxLimits | None = None,
    workers: int | None = None,
    language: Language = "python",
) -> list[SandboxResult]:
    """Run programs in parallel sandboxes; results come back in the order of `programs`."""
    limits = limits or SandboxLimits()
    if language == "python":
        requests = [_python_request(p, limits) for p in programs]
    elif language == "java":
        requests = [_java_request(p, limits) for p in programs]
    elif language == "go":
        requests = [_go_request(p, limits) for p in programs]
    else:
        raise ValueError(f"unsupported language {language!r}: use python, java or go")
    return _run_requests(requests, limits, workers)


def toolchain(language: str) -> tuple[list[str] | None, str]:
    """(executables, "") when `language` can run here, else (None, the reason it cannot)."""
    if language == "python":
        try:
            return [python_interpreter(SandboxLimits())], ""
        except SandboxError as exc:
            return None, str(exc)
    names = {"java": ["javac", "java"], "go": ["go"]}.get(language)
    if names is None:
        return None, f"unsupported language {language!r}"
    found = [shutil.which(n) for n in names]
    missing = [n for n, path in zip(names, found, strict=True) if path is None]
    if missing:
        return None, f"{language} toolchain not installed ({', '.join(missing)} not on PATH)"
    return [os.path.realpath(p) for p in found if p], ""


def isolation_report(limits: SandboxLimits | None = None) -> dict:
    """Which isolation mechanisms are active on this machine, as seen from inside a run."""
    limits = limits or SandboxLimits()
    setup = _setup(limits)
    with tempfile.NamedTemporaryFile(prefix="codetune-host-mark-") as mark:
        probe = run_python(_PROBE_PROGRAM % mark.name, limits=limits)
    seen = json.loads(probe.stdout_tail.strip().splitlines()[-1]) if probe.passed else {}
    toolchains = {}
    for language in ("python", "java", "go"):
        paths, reason = toolchain(language)
        toolchains[language] = {"available": paths is not None, "path": paths, "reason": reason}
    report = {
        "mode": setup.mode,
        "unprivileged_uid": seen.get("uid", 0) != 0 and seen.get("uid") != os.geteuid(),
        "sandbox_uid": seen.get("uid"),
        "network_namespace": seen.get("interfaces") == ["lo"],
        "network_reachable": seen.get("network_reachable"),
        "pid_namespace": seen.get("pid") == 2,
        "private_tmp": seen.get("host_tmp_visible") is False,
        "read_only_filesystem": seen.get("root_writable") is False,
        "rlimits": {
            "cpu_s": limits.cpu_s or limits.timeout_s + 1,
            "address_space_mb": limits.memory_mb,
            "file_size_mb": limits.file_size_mb,
            "open_files": limits.open_files,
            "processes": limits.processes,
        },
        "wall_timeout_s": limits.timeout_s,
        "python": {"path": setup.python, "version": seen.get("version")},
        "toolchains": toolchains,
        "setup_notes": list(setup.notes),
    }
    checks = ("unprivileged_uid", "network_namespace", "pid_namespace", "private_tmp")
    report["degraded"] = [k for k in checks if not report[k]]
    report["note"] = (
        "full isolation"
        if not report["degraded"]
        else f"degraded isolation: missing {', '.join(report['degraded'])}; "
        "run as root or enable unprivileged user namespaces"
    )
    return report


_PROBE_PROGRAM = r"""
import json, os, socket, sys, tempfile
interfaces = sorted(name for _, name in socket.if_nameindex())  # of this network namespace
try:
    socket.create_connection(("1.1.1.1", 53), timeout=1).close()
    reachable = True
except OSError:
    reachable = False
try:
    open("/codetune-probe", "w").close()
    os.unlink("/codetune-probe")
    root_writable = True
except OSError:
    root_writable = False
print(json.dumps({
    "uid": os.getuid(), "pid": os.getpid(), "interfaces": interfaces,
    "network_reachable": reachable, "root_writable": root_writable,
    "host_tmp_visible": os.path.exists(%r),
    "version": sys.version.split()[0],
}))
"""


# ---------------------------------------------------------------------------------------------
# What this machine allows (probed once per process and configuration)
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Setup:
    mode: Mode
    python: str
    notes: tuple[str, ...]


def isolation_mode(limits: SandboxLimits) -> Mode:
    """The strongest mode that works here: root namespaces, user namespaces, or none."""
    return _setup(limits).mode


def python_interpreter(limits: SandboxLimits) -> str:
    """An interpreter the sandbox uid can run (the harness's may sit in an 0700 home)."""
    return _setup(limits).python


def _setup(limits: SandboxLimits) -> _Setup:
    return _probe(limits.python, limits.uid_base, limits.uid_slots, limits.require_isolation)


@functools.cache
def _probe(
    configured: str | None, uid_base: int, uid_slots: int, require_isolation: bool
) -> _Setup:
    """Try modes strongest first, and interpreters in order, until a real program runs."""
    limits = SandboxLimits(python=configured, uid_base=uid_base, uid_slots=uid_slots, timeout_s=30)
    if configured:
        candidates = [configured]
    else:
        candidates = ["/usr/bin/python3", sys._base_executable, sys.executable]
        candidates.append(shutil.which("python3") or "")
    pythons = []
    for candidate in dict.fromkeys(c for c in candidates if c):
        path = os.path.realpath(candidate)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            pythons.append(path)
    modes: list[Mode] = ["root", "userns", "none"] if os.geteuid() == 0 else ["userns", "none"]
    if require_isolation:
        modes.remove("none")
    check = "import json, math, re, collections, typing, hashlib\nprint(1)\n"
    failures = []
    for mode in modes:
        for python in dict.fromkeys(pythons):
            setup = _Setup(mode, python, ())
            try:
                with _ServerPool(setup, limits) as pool:
                    result = pool.run(_python_request(check, limits))
                    notes = pool.notes
            except SandboxError as exc:
                failures.append(f"{mode} with {python}: {exc}")
                break  # the mode itself failed to set up: next mode
            if result.passed and result.stdout_tail.strip() == "1":
                return _Setup(mode, python, tuple(notes))
            reason = result.detail or result.stderr_tail.strip()[-200:] or result.status
            failures.append(f"{mode} with {python}: {reason}")
    if require_isolation:
        raise SandboxError(
            "sandbox: no namespace isolation here (" + " | ".join(failures) + "); generated "
            "code is not run without it (run as root, allow unprivileged user namespaces, or "
            "set the sandbox's python to an interpreter other users can run; " + OPT_OUT + ")"
        )
    raise SandboxError(
        "no working sandbox here (set SandboxLimits.python to an interpreter readable and "
        "executable by other users, or run as root): " + " | ".join(failures)
    )


# ---------------------------------------------------------------------------------------------
# Requests: what to run, with which limits
# ---------------------------------------------------------------------------------------------


def _request(
    files: dict[str, str],
    argv: list[str] | None,
    limits: SandboxLimits,
    *,
    processes: int,
    address_space_mb: int,
    extra_env: dict[str, str] | None = None,
) -> dict:
    mib = 1 << 20
    cpu_s = limits.cpu_s or limits.timeout_s + 1
    return {
        "files": files,
        "argv": argv,  # None: run main.py in the server's own (forked) interpreter
        "env": {
            "PATH": _SAFE_PATH,
            "HOME": _WORKDIR_IN_NAMESPACE,
            "TMPDIR": "/tmp",
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            **(extra_env or {}),
        },
        "timeout_s": limits.timeout_s,
        "cpu_limit_s": math.ceil(cpu_s),
        "rlimits": {
            "CPU": math.ceil(cpu_s),
            "AS": address_space_mb * mib,
            "FSIZE": limits.file_size_mb * mib,
            "NOFILE": limits.open_files,
            "NPROC": processes,
            "CORE": 0,
        },
    }


def _python_request(program: str, limits: SandboxLimits) -> dict:
    return _request(
        {"main.py": program},
        None,
        limits,
        processes=limits.processes,
        address_space_mb=limits.memory_mb,
    )


def _java_request(program: str, limits: SandboxLimits, main_class: str | None = None) -> dict:
    javac, java = _require_toolchain("java")
    main_class = main_class or _java_main_class(program)
    file_name = (_java_public_class(program) or main_class) + ".java"
    jvm = f"-Xmx{limits.jvm_heap_mb}m -Xss8m -XX:+UseSerialGC -XX:-UsePerfData"
    script = (
        f"{javac} -J{' -J'.join(jvm.split())} -encoding UTF-8 -nowarn -d . {file_name}"
        f" && exec {java} {jvm} -XX:TieredStopAtLevel=1 -cp . {main_class}"
    )
    return _request(
        {file_name: program},
        ["/bin/sh", "-c", script],
        limits,
        processes=4 * limits.processes,
        # The JVM reserves address space far beyond its heap (code cache, class space, stacks).
        address_space_mb=limits.memory_mb + 4 * limits.jvm_heap_mb + 4096,
    )


def javac_request(files: dict[str, str], flags: list[str], limits: SandboxLimits) -> dict:
    """javac over `files` with `flags`, nothing run: for what javac alone tells (its lint, as
    the deprecation detector reads it). Diagnostics come back on stderr."""
    javac = _require_toolchain("java")[0]
    for name in files:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*\.java", name):
            raise ValueError(f"not a Java file name: {name!r}")
    jvm = f"-Xmx{limits.jvm_heap_mb}m -Xss8m -XX:+UseSerialGC -XX:-UsePerfData"
    command = [javac, *(f"-J{option}" for option in jvm.split()), "-d", "classes", *flags]
    script = f"mkdir -p classes && exec {shlex.join([*command, *sorted(files)])}"
    return _request(
        files,
        ["/bin/sh", "-c", script],
        limits,
        processes=4 * limits.processes,
        address_space_mb=limits.memory_mb + 4 * limits.jvm_heap_mb + 4096,
    )


_GOPATH = f"{_WORKDIR_IN_NAMESPACE}/.gopath"
_GO_ENV = {
    "GOCACHE": f"{_WORKDIR_IN_NAMESPACE}/.gocache",
    "GOPATH": _GOPATH,
    "GO111MODULE": "off",
    "GOPROXY": "off",
    "GOTOOLCHAIN": "local",
    "GOFLAGS": "",
    "CGO_ENABLED": "0",
}


def _go_request(program: str, limits: SandboxLimits) -> dict:
    go = _require_toolchain("go")[0]
    return _request(
        {"main.go": program},
        ["/bin/sh", "-c", f"{go} build -o prog main.go && exec ./prog"],
        limits,
        processes=4 * limits.processes,
        address_space_mb=limits.memory_mb + 8192,  # Go's runtime reserves arenas up front
        extra_env=_GO_ENV,
    )


def go_test_request(packages: dict[str, dict[str, str]], limits: SandboxLimits) -> dict:
    """`go test` of the package "candidate" in GOPATH mode: `packages` maps each import path
    ("candidate" and what its tests import beyond the standard library) to its files. The
    sandbox writes files flat, so a script moves each into its package folder first."""
    go = _require_toolchain("go")[0]
    files: dict[str, str] = {}
    moves = []
    for k, (import_path, sources) in enumerate(sorted(packages.items())):
        if not re.fullmatch(r"[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*", import_path):
            raise ValueError(f"not a Go import path: {import_path!r}")
        folder = f"{_GOPATH}/src/{import_path}"
        moves.append(f"mkdir -p {folder}")
        for name, text in sources.items():
            if not re.fullmatch(r"[A-Za-z0-9_]+\.go", name):
                raise ValueError(f"not a Go file name: {name!r}")
            flat = f"p{k}_{name}"
            files[flat] = text
            moves.append(f"mv {flat} {folder}/{name}")
    script = " && ".join([*moves, f"cd {_GOPATH}/src/candidate", f"exec {go} test -count=1 ."])
    return _request(
        files,
        ["/bin/sh", "-c", script],
        limits,
        processes=4 * limits.processes,
        address_space_mb=limits.memory_mb + 8192,
        extra_env=_GO_ENV,
    )


def run_requests(
    requests: list[dict], limits: SandboxLimits, workers: int | None = None
) -> list[SandboxResult]:
    """Run prepared requests (e.g. `go_test_request`) in parallel sandboxes, in order."""
    return _run_requests(requests, limits, workers)


def _require_toolchain(language: str) -> list[str]:
    paths, reason = toolchain(language)
    if paths is None:
        raise SandboxError(reason)
    return paths


def _run_requests(requests: list[dict], limits: SandboxLimits, workers: int | None) -> list:
    setup = _setup(limits)
    workers = max(1, min(workers or len(os.sched_getaffinity(0)), len(requests)))
    with _ServerPool(setup, limits) as pool:
        if workers == 1:
            return [pool.run(r) for r in requests]
        with ThreadPoolExecutor(max_workers=workers) as executor:
            return list(executor.map(pool.run, requests))


# ---------------------------------------------------------------------------------------------
# Sandbox servers: warm interpreters that fork one isolated child per program
# ---------------------------------------------------------------------------------------------


class _Server:
    """One sandbox server process (codetune/lib/sandbox/sandbox_init.py) bound to one slot uid."""

    def __init__(self, setup: _Setup, limits: SandboxLimits):
        self._stack = contextlib.ExitStack()
        try:
            uid = self._stack.enter_context(_uid_slot(limits)) if os.geteuid() == 0 else None
            self._log = self._stack.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
            self._sock = ours
            self._stack.callback(ours.close)
            with theirs:
                self._proc = subprocess.Popen(
                    [setup.python, "-I", "-B", str(_LAUNCHER), str(theirs.fileno())],
                    stdin=subprocess.DEVNULL,
                    stdout=self._log,
                    stderr=self._log,
                    pass_fds=(theirs.fileno(),),
                    start_new_session=True,
                    cwd="/",
                    env={"PATH": _SAFE_PATH, "LC_ALL": "C.UTF-8"},
                )
            self._stack.callback(self._stop)
            config = {
                "mode": setup.mode,
                "uid": uid,
                "gid": uid,
                "tmp_size_mb": limits.tmp_size_mb,
            }
            _send(self._sock, config)
            self._sock.settimeout(_BACKSTOP_GRACE_S)
            hello = _recv(self._sock)
            if not hello.get("ready"):
                raise SandboxError(hello.get("error", "sandbox server did not start"))
            self.notes: list[str] = hello.get("notes", [])
        except BaseException as exc:
            log = self._read_log() if hasattr(self, "_log") else ""
            self._stack.close()
            if isinstance(exc, SandboxError):
                raise
            raise SandboxError(f"sandbox server did not start: {exc!r} {log}".strip()) from exc
        self.alive = True

    def run(self, request: dict, out: object, err: object) -> dict:
        """One program; returns the server's report (or why there is none)."""
        try:
            self._sock.settimeout(request["timeout_s"] + _BACKSTOP_GRACE_S)
            _send(self._sock, request, fds=[out.fileno(), err.fileno()])  # type: ignore[attr-defined]
            return _recv(self._sock)
        except TimeoutError:
            self.alive = False
            self._stop()
            return {"backstop": True, "error": "sandbox did not answer in time; killed"}
        except (OSError, EOFError, ValueError) as exc:
            self.alive = False
            self._stop()
            return {"error": f"sandbox server died: {exc!r} {self._read_log()}".strip()}

    def close(self) -> None:
        self._stack.close()

    def _stop(self) -> None:
        self._sock.close()  # EOF: a healthy server exits by itself
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._proc.pid, signal.SIGKILL)
            self._proc.wait()

    def _read_log(self) -> str:
        self._log.seek(0)
        return self._log.read()[-2000:].decode("utf-8", "replace")


class _ServerPool:
    """Servers started on demand, at most one per concurrent caller, all closed on exit."""

    def __init__(self, setup: _Setup, limits: SandboxLimits):
        self._setup, self._limits = setup, limits
        self._idle: queue.SimpleQueue[_Server] = queue.SimpleQueue()
        self._all: list[_Server] = []
        self._lock = threading.Lock()
        self.notes: list[str] = []

    def __enter__(self) -> _ServerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        for server in self._all:
            server.close()

    def run(self, request: dict) -> SandboxResult:
        try:
            server = self._idle.get_nowait()
        except queue.Empty:
            server = _Server(self._setup, self._limits)
            with self._lock:
                self._all.append(server)
                self.notes = server.notes
        started = time.monotonic()
        with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
            report = server.run(request, out, err)
            elapsed = time.monotonic() - started
            tail = self._limits.output_tail_chars
            stdout, stderr = _tail(out, tail), _tail(err, tail)
        if server.alive:
            self._idle.put(server)
        return _verdict(report, request, elapsed, stdout, stderr)


def _send(sock: socket.socket, obj: dict, fds: list[int] | None = None) -> None:
    data = json.dumps(obj).encode()
    header = struct.pack(">Q", len(data))
    if fds:
        socket.send_fds(sock, [header], fds)
        sock.sendall(data)
    else:
        sock.sendall(header + data)


def _recv(sock: socket.socket) -> dict:
    def exact(n: int) -> bytes:
        buf = b""
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if not chunk:
                raise EOFError("sandbox server closed the connection")
            buf += chunk
        return buf

    (length,) = struct.unpack(">Q", exact(8))
    return json.loads(exact(length))


def _verdict(
    report: dict, request: dict, elapsed: float, stdout: str, stderr: str
) -> SandboxResult:
    duration = float(report.get("duration_s", elapsed))
    timeout_s, cpu_limit = request["timeout_s"], request["cpu_limit_s"]
    if report.get("backstop"):
        return SandboxResult("timeout", None, duration, stdout, stderr, report["error"])
    if "error" in report:
        return SandboxResult("crashed", None, duration, stdout, stderr, report["error"])
    sig = report.get("signal")
    if report.get("timed_out"):
        detail = f"wall time limit {timeout_s:g}s exceeded; killed"
        return SandboxResult("timeout", -(sig or 9), duration, stdout, stderr, detail)
    cpu_used = float(report.get("cpu_s", 0.0))
    if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu_used >= cpu_limit - 0.05):
        detail = f"CPU time limit {cpu_limit:g}s exceeded"
        return SandboxResult("timeout", -sig, duration, stdout, stderr, detail)
    if sig is not None:
        try:
            name = signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        hint = {
            "SIGXFSZ": " (file-size limit: too much output?)",
            "SIGSEGV": " (stack overflow or native crash)",
            "SIGKILL": " (memory or process limits, or killed)",
        }.get(name, "")
        return SandboxResult("crashed", -sig, duration, stdout, stderr, f"killed by {name}{hint}")
    code = int(report["exit_code"])
    return SandboxResult("passed" if code == 0 else "failed", code, duration, stdout, stderr)


def _tail(fh: object, chars: int) -> str:
    """The end of a binary temporary file the program wrote through its own descriptor."""
    if chars == 0:
        return ""
    size = fh.seek(0, os.SEEK_END)  # type: ignore[attr-defined]
    fh.seek(max(0, size - 4 * chars))  # type: ignore[attr-defined]
    return fh.read().decode("utf-8", "replace")[-chars:]  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# Per-slot uids: one uid per concurrent run, across threads and processes
# ---------------------------------------------------------------------------------------------

_slot_lock = threading.Lock()


@contextlib.contextmanager
def _uid_slot(limits: SandboxLimits) -> Iterator[int]:
    """Hold an exclusive uid (flock on a root-only lock file) for the duration of one run.

    A uid per run means RLIMIT_NPROC counts only this run's processes and `kill(-1)` inside one
    run cannot reach another; the lock makes two harness processes on one machine never share.
    """
    lock_dir = _lock_dir()
    with _slot_lock:
        for uid in range(limits.uid_base, limits.uid_base + limits.uid_slots):
            if _uid_has_account(uid):
                continue  # never run as a real user of this machine
            fd = os.open(lock_dir / f"{uid}.lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                continue
            break
        else:
            raise SandboxError(
                f"all {limits.uid_slots} sandbox uids from {limits.uid_base} are busy; "
                "lower the number of workers or raise uid_slots"
            )
    try:
        yield uid
    finally:
        os.close(fd)  # releases the flock


@functools.cache
def _uid_has_account(uid: int) -> bool:
    try:
        pwd.getpwuid(uid)
        return True
    except KeyError:
        return False


@functools.cache
def _lock_dir() -> Path:
    path = Path(tempfile.gettempdir()) / f".codetune-sandbox-{os.geteuid()}"
    path.mkdir(mode=0o700, exist_ok=True)
    info = path.lstat()
    if (
        not stat.S_ISDIR(info.st_mode)
        or info.st_uid != os.geteuid()
        or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    ):
        raise SandboxError(f"{path} must be a directory owned by uid {os.geteuid()}, mode 0700")
    return path


# ---------------------------------------------------------------------------------------------
# Java helpers
# ---------------------------------------------------------------------------------------------


def _java_public_class(source: str) -> str | None:
    # `[^\S\n]*`, not `\s*`: from each line start of many empty lines `\s*` rescanned them all.
    match = re.search(r"^[^\S\n]*public\s+(?:final\s+|abstract\s+)*class\s+(\w+)", source, re.M)
    return match.group(1) if match else None


def _java_main_class(source: str) -> str:
    """The last top-level-looking class declared before `static void main`."""
    main = re.search(r"\bstatic\s+void\s+main\s*\(", source)
    end = main.start() if main else len(source)
    classes = re.findall(r"\bclass\s+(\w+)", source[:end])
    return classes[-1] if classes else "Main"
