"""Launch helpers shared by the multi-process tests (test_distributed*.py): every run is a real
command in fresh processes, on CPU (gloo), one thread per process."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def env(**extra: str) -> dict[str, str]:
    """The test process's environment for a launched run (test hooks off unless in `extra`)."""
    e = {k: v for k, v in os.environ.items() if not k.startswith("CODETUNE_TEST_")}
    e.update(
        # tests/support: its sitecustomize installs the FSDP-on-CPU hook when asked to.
        PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "tests" / "support")]),
        TOKENIZERS_PARALLELISM="false",
        # Two processes on a small machine: one thread each, so they do not oversubscribe.
        OMP_NUM_THREADS="1",
        # DeepSpeed picks its CPU accelerator (gloo) instead of probing for CUDA.
        DS_ACCELERATOR="cpu",
        CODETUNE_DEBUG="1",
    )
    e.setdefault("CODETUNE_CACHE", str(Path("/tmp") / "codetune-test-cache"))
    e.update(extra)
    return e


def launch(
    cmd: list[str], *, check: bool = True, timeout: int = 900, **extra: str
) -> subprocess.CompletedProcess[str]:
    out = subprocess.run(
        cmd, cwd=ROOT, env=env(**extra), capture_output=True, text=True, timeout=timeout
    )
    if check:
        assert out.returncode == 0, f"{' '.join(cmd)}\n{out.stdout[-2000:]}\n{out.stderr[-6000:]}"
    return out


def torchrun(nproc: int) -> list[str]:
    """torchrun's prefix for `nproc` local processes on a free port (the script follows)."""
    return [
        str(BIN / "torchrun"),
        "--nproc_per_node",
        str(nproc),
        "--master_addr",
        "127.0.0.1",
        "--master_port",
        str(free_port()),
    ]


def fresh_copy(base: Path, name: str) -> Path:
    """A copy of the run folder `base` beside it, named `name` (replaced if present)."""
    target = base.parent / name
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(base, target)
    return target
