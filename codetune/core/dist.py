"""Which process am I: rank helpers for runs under torchrun / accelerate launch / DeepSpeed.

Every launcher sets RANK, LOCAL_RANK and WORLD_SIZE in each process's environment before any
code runs, so the environment answers correctly even before torch.distributed is initialised
(the run folder is prepared before the Trainer exists). Once a process group exists, it is
the authority.

Rule of the codebase: every rank computes (training, evaluation, gathering a ZeRO-3 state
dict for saving), only the main process writes the run folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def _dist():
    try:
        import torch.distributed as dist
    except ImportError:  # pragma: no cover - torch is a dependency
        return None
    return dist if dist.is_available() and dist.is_initialized() else None


def _env_int(*names: str, default: int) -> int:
    for name in names:
        value = os.environ.get(name)
        if value not in (None, ""):
            try:
                return int(value)
            except ValueError:
                continue
    return default


def rank() -> int:
    """Global rank (0 when not distributed). MPI variables cover `mpirun` launches."""
    dist = _dist()
    if dist is not None:
        return dist.get_rank()
    return launch_rank()


def launch_rank() -> int:
    """Global rank as the launcher set it, without importing torch (start-up code that runs
    before any process group, such as the run-folder lock)."""
    return _env_int("RANK", "PMI_RANK", "OMPI_COMM_WORLD_RANK", default=0)


def local_rank() -> int:
    """Rank within this machine (selects the GPU)."""
    return _env_int("LOCAL_RANK", "MPI_LOCALRANKID", "OMPI_COMM_WORLD_LOCAL_RANK", default=0)


def world_size() -> int:
    dist = _dist()
    if dist is not None:
        return dist.get_world_size()
    return _env_int("WORLD_SIZE", "PMI_SIZE", "OMPI_COMM_WORLD_SIZE", default=1)


def is_distributed() -> bool:
    return world_size() > 1


def is_main_process() -> bool:
    """True on global rank 0: the one process that writes files shared by the run."""
    return rank() == 0


def is_local_main_process() -> bool:
    """True on rank 0 of each machine (per-machine caches, e.g. building an embedded model)."""
    return local_rank() == 0


def barrier() -> None:
    """Wait for every rank (no-op without a process group)."""
    dist = _dist()
    if dist is not None:
        dist.barrier()


def on_main(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Call `fn` on the main process only; None elsewhere."""
    return fn(*args, **kwargs) if is_main_process() else None
