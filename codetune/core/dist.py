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
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


# True while this process runs a stage alone (rank 0 of a multi-process run, the others
# waiting): `rank_zero_alone`.
_ALONE = False
# The gloo group the other ranks wait in while rank 0 runs a stage alone (`init_pipeline_group`).
_WAIT_GROUP: Any = None
# A stage rank 0 runs alone (eval of a large model, say) may take hours: the waiting ranks must
# not time out, as they would under the default 30 minutes.
STAGE_WAIT_TIMEOUT_S = 7 * 24 * 3600


def _dist():
    if _ALONE:
        return None
    # A process group exists only once something imported torch.distributed: checking first
    # spares every command the 4-5 s import when it only asks "am I rank 0?".
    if "torch.distributed" not in sys.modules:
        return None
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
    if _ALONE:
        return 1
    dist = _dist()
    if dist is not None:
        return dist.get_world_size()
    return launch_world_size()


def launch_world_size() -> int:
    """Number of processes as the launcher set it (before any process group exists)."""
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


@contextmanager
def rank_zero_alone() -> Iterator[None]:
    """Run a non-distributed stage (data, pairs, eval, ...) on rank 0 while the other ranks wait
    in `wait_for_rank_zero`: inside, this process is a world of one (rank 0, size 1, barriers
    are no-ops), so the stage's own rank checks never wait for ranks that are not in it."""
    global _ALONE
    before, _ALONE = _ALONE, True
    if "transformers" in sys.modules:
        # A ZeRO-3 training stage earlier in this process leaves transformers' global DeepSpeed
        # config set while its arguments live: loading or generating alone would then shard or
        # synchronise with ranks that are not there.
        from transformers.integrations.deepspeed import unset_hf_deepspeed_config

        unset_hf_deepspeed_config()
    try:
        yield
    finally:
        _ALONE = before


def init_pipeline_group() -> None:
    """Create the process group of a multi-process `codetune run` before its first stage (the
    training stages' Trainer, accelerate and DeepSpeed adopt a group that exists), and the gloo
    group the ranks wait in around the stages rank 0 runs alone. No-op in one process or when
    the group exists."""
    global _WAIT_GROUP
    if launch_world_size() <= 1:
        return
    from datetime import timedelta

    import torch
    import torch.distributed as dist

    if not dist.is_initialized():
        if torch.cuda.is_available():
            torch.cuda.set_device(local_rank())
        dist.init_process_group(backend="nccl" if torch.cuda.is_available() else "gloo")
    if _WAIT_GROUP is None:
        _WAIT_GROUP = dist.new_group(
            backend="gloo", timeout=timedelta(seconds=STAGE_WAIT_TIMEOUT_S)
        )


def wait_for_rank_zero() -> None:
    """Every rank meets here: the others after waiting for rank 0 to finish its stage alone.
    (If rank 0 fails instead, the launcher stops the waiting ranks.)"""
    if _WAIT_GROUP is not None and not _ALONE:
        import torch.distributed as dist

        dist.barrier(group=_WAIT_GROUP)


def on_main(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
    """Call `fn` on the main process only; None elsewhere."""
    return fn(*args, **kwargs) if is_main_process() else None
