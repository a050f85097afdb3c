"""Process-wide runtime settings: torch's intra-op thread count on CPU.

Measured with `benchmarks/threads.py` on a 2-core machine (SFT steps of SmolLM2-135M, LoRA +
last 3 layers, bf16): 2 threads are only 4% faster than 1 on a quiet machine, and 7.8x slower
(10.2 s against 1.3 s per step) as soon as one other process keeps a core busy, because
OpenMP's spinning threads wait at every barrier for the one that lost its core; with 1 thread
the same neighbour costs 3%. `OMP_WAIT_POLICY=PASSIVE` softens the collapse (1.19x) but costs
41% on a quiet machine. So `auto` takes 1 thread where the process has at most 2 cores, and
torch's own default (every core) above that. An explicit `OMP_NUM_THREADS` (torchrun sets it
per process) always wins.
"""

from __future__ import annotations

import logging
import os
from typing import Literal

log = logging.getLogger("codetune")

SMALL_MACHINE_CORES = 2


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def thread_count(setting: int | Literal["auto"]) -> int | None:
    """The intra-op thread count `setting` asks for; None to leave torch's default."""
    if setting != "auto":
        return int(setting)
    if os.environ.get("OMP_NUM_THREADS"):
        return None  # the launcher or the user chose
    return 1 if usable_cores() <= SMALL_MACHINE_CORES else None


def configure_threads(setting: int | Literal["auto"]) -> int:
    """Apply `setting` to torch; returns the thread count in force."""
    import torch

    wanted = thread_count(setting)
    if wanted is not None and torch.get_num_threads() != wanted:
        torch.set_num_threads(wanted)
        log.debug("torch intra-op threads: %d (threads=%s)", wanted, setting)
    return torch.get_num_threads()
