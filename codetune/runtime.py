"""Process-wide runtime settings: torch's intra-op threads and OpenMP's wait policy on CPU.

Measured on a 2-core machine (AVX512-BF16), SmolLM2-135M, with `benchmarks/threads.py`
(training steps, LoRA + last 3 layers, bf16) and held-out pair scoring (40 pairs, bf16):

| threads, OpenMP wait | training quiet | training, 1 busy neighbour | scoring quiet | scoring busy |
|----------------------|----------------|----------------------------|---------------|--------------|
| 1                    | 1.31 s/step    | 1.35                       | 16.5 s        | 17.7         |
| 2, spinning (default)| 1.26           | 10.19 (7.8x)               | 9.5           | 51.4 (2.9x)  |
| 2, PASSIVE           | 1.84           | 1.56                       | 10.7          | 17.9         |

OpenMP's spinning threads wait at every barrier for the one that lost its core to another
process, so two threads collapse as soon as anything else runs. Hence `auto`: training stages
take 1 thread on a machine with at most 2 cores (2 threads gain 4% there, at best), and
inference stages (scoring, generation, sampling) take every core with OpenMP's PASSIVE wait
policy, which keeps 1.7x of the quiet speed-up and loses nothing beside a busy neighbour.
Above 2 cores torch's defaults (every core, spinning waits) stay. `OMP_NUM_THREADS` or `OMP_WAIT_POLICY`, when
the user or a launcher (torchrun) set them, always win.
"""

from __future__ import annotations

import logging
import os
from typing import Literal

log = logging.getLogger("codetune")

SMALL_MACHINE_CORES = 2
TRAINING_STAGES = ("sft", "dpo", "mixed", "rm")
Phase = Literal["train", "infer"]


def set_wait_policy() -> None:
    """PASSIVE OpenMP waiting on a small machine unless the user chose; must run before torch
    is imported (the OpenMP runtime reads the variable once, when it starts). Larger machines
    keep OpenMP's default: PASSIVE was measured on 2 cores only, where it cost training 41%
    at 2 threads (training takes 1 thread there, where the policy does not matter)."""
    if usable_cores() <= SMALL_MACHINE_CORES:
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def thread_count(setting: int | Literal["auto"], phase: Phase = "train") -> int | None:
    """The intra-op thread count `setting` asks for in `phase`; None: torch's default."""
    if setting != "auto":
        return int(setting)
    if os.environ.get("OMP_NUM_THREADS"):
        return None  # the launcher or the user chose
    cores = usable_cores()
    if phase == "train" and cores <= SMALL_MACHINE_CORES:
        return 1
    return cores


def phase_of(stage: str) -> Phase:
    return "train" if stage in TRAINING_STAGES else "infer"


def configure_threads(setting: int | Literal["auto"], phase: Phase = "train") -> int:
    """Apply `setting` for `phase` to torch; returns the thread count in force."""
    import torch

    wanted = thread_count(setting, phase)
    if wanted is not None and torch.get_num_threads() != wanted:
        torch.set_num_threads(wanted)
        log.debug("torch intra-op threads: %d (threads=%s, %s)", wanted, setting, phase)
    return torch.get_num_threads()
