"""One process at a time per run folder, and never in a folder that is not a run folder.

`run_lock(run_dir)` is held by `codetune run` and every stage command for as long as they
work in the folder: an exclusive `flock` on `RUN/.codetune.lock`, which holds the holder's pid
for the message a second process gets. The kernel drops the lock when its process dies, however
it dies, so a free lock proves that a stage still marked `running` in the manifest was left by
a dead process: the first holder after it marks such stages `interrupted`, and
`codetune status` shows them so (`holder_pid`).

Under a distributed launch (torchrun, accelerate launch) the ranks of one launch share the
folder by design, so only global rank 0 takes the lock: a second launch is refused at its rank
0, and the launcher then stops that launch's other ranks.

Before the folder is created or locked, `check_run_dir` refuses a path that is a file and an
existing non-empty folder that codetune did not make, so that config.yaml, manifest.json and
summary.json never replace a user's own files.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

from codetune.core.dist import launch_rank
from codetune.core.errors import UserError
from codetune.core.runs import MANIFEST_FILE, Run

LOCK_FILE = ".codetune.lock"

# A `codetune status` probing the lock holds it for an instant; a run starting at that moment
# retries for this long before it calls the folder busy.
_BUSY_RETRY_S = 1.0

# Locks this process holds, by resolved folder: `codetune run` holds the folder across its
# stages and each stage takes it again (flock on a second descriptor would conflict with the
# first one, even in the same process).
_held: dict[Path, tuple[int, int]] = {}


def is_run_folder(root: Path) -> bool:
    """Whether codetune made `root`: it holds our lock file, or a manifest of ours (a dict of
    stages), as run folders made before the lock existed do."""
    if (root / LOCK_FILE).is_file():
        return True
    try:
        manifest = json.loads((root / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and isinstance(manifest.get("stages"), dict)


def check_run_dir(root: Path) -> None:
    """Raise a one-line UserError when `root` may not become or stay a run folder."""
    if root.exists() and not root.is_dir():
        raise UserError(f"output_dir {root}: is a file, not a folder (choose a folder path)")
    if root.is_dir() and any(root.iterdir()) and not is_run_folder(root):
        raise UserError(
            f"output_dir {root}: an existing folder that is not a codetune run folder (no "
            f"{MANIFEST_FILE}); refusing to write into it (choose a new or empty folder)"
        )


def holder_pid(run_dir: str | os.PathLike[str]) -> int | None:
    """The pid of the live process holding `run_dir`'s lock (0 when it has not written it
    yet), or None when the lock is free."""
    root = Path(run_dir)
    key = root.resolve()
    if key in _held:
        return os.getpid()
    try:
        fd = os.open(root / LOCK_FILE, os.O_RDONLY)
    except OSError:
        return None
    try:
        # A shared lock is granted unless someone holds the exclusive one.
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return _recorded_pid(fd)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


def _recorded_pid(fd: int) -> int:
    try:
        return int(os.pread(fd, 32, 0).decode().strip() or 0)
    except (OSError, ValueError):
        return 0


@contextlib.contextmanager
def run_lock(run_dir: str | os.PathLike[str]) -> Iterator[None]:
    """Hold `run_dir` (created if missing) for this process; raise a one-line UserError naming
    the holder's pid when another process holds it."""
    root = Path(run_dir)
    key = root.resolve()
    if key in _held:
        fd, depth = _held[key]
        _held[key] = (fd, depth + 1)
        try:
            yield
        finally:
            _held[key] = (fd, depth)
        return
    check_run_dir(root)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(
            f"output_dir {root}: cannot create the run folder ({exc.strerror})"
        ) from None
    if launch_rank() != 0:
        yield  # a peer of rank 0, whose lock covers the whole launch
        return
    fd = _acquire(root)
    _held[key] = (fd, 1)
    try:
        mark_interrupted(Run(root))
        yield
    finally:
        del _held[key]
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _acquire(root: Path) -> int:
    path = root / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + _BUSY_RETRY_S
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                pid = _recorded_pid(fd)
                os.close(fd)
                who = f"process {pid}" if pid else "another process"
                raise UserError(
                    f"{root}: in use by {who} (lock {path}); wait for it to finish or stop it"
                ) from None
            time.sleep(0.05)
    # The pid is for the message a refused process prints; the flock itself is the lock.
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    return fd


def mark_interrupted(run: Run) -> list[str]:
    """Mark the stages the manifest says are `running` as `interrupted`; only call it holding
    the lock, which proves their process is gone. Returns their names."""
    stale = [
        name
        for name, record in run.manifest().get("stages", {}).items()
        if isinstance(record, dict) and record.get("status") == "running"
    ]
    for name in stale:
        run.mark_interrupted(name, "its process ended while it ran (killed?)", now_ended=False)
    return stale
