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
inference stages (scoring, generation, sampling) take every core with a short OpenMP spin
(GOMP_SPINCOUNT=3000, then the thread sleeps). Decoding, 2 threads, seconds:

| OpenMP wait           | HumanEval 32 greedy, quiet | busy | `threads.py --workload decode`, quiet | busy |
|-----------------------|-------|-------|------|------|
| spinning (default)    | 34    | 237   | 4.26 | -    |
| GOMP_SPINCOUNT=20000  | 33    | 97    | -    | -    |
| GOMP_SPINCOUNT=3000   | 37    | 57    | 5.07 | 9.58 |
| PASSIVE (no spinning) | 41    | 57    | 6.42 | 7.64 |

(1 thread: 6.73 quiet.) The short spin keeps clear of spinning's collapse beside a busy
neighbour (at worst 1.25x PASSIVE's time there) and is 1.1-1.3x faster than PASSIVE on a quiet
machine, the case the quickstart's time budget is for (decoding is many tiny kernels, where
waking sleeping threads costs most).
On a 2-core machine *without* AVX512-BF16 (AMD EPYC, AVX2 only, so training runs in fp32)
the picture differs: fp32 matmuls are compute-bound and scale with cores. Training steps,
`threads.py` (median of 4, ratios to 1 thread, 2.8-3.1 s/step):

| threads, OpenMP wait  | quiet       | 1 busy neighbour |
|-----------------------|-------------|------------------|
| 1                     | 1.00        | 0.96             |
| 2, GOMP_SPINCOUNT=3000| 0.65 - 0.74 | 1.41             |
| 2, PASSIVE            | 0.88        | 1.04             |

So training takes every core there, under the short spin (1.35-1.55x faster on a quiet machine,
at worst 1.4x slower beside a busy process, not spinning's 7.8x); with AVX512-BF16, where the
second thread gains 4%, it keeps 1 thread.
Above 2 cores torch's defaults (every core, spinning waits) stay. `OMP_NUM_THREADS`,
`OMP_WAIT_POLICY` or `GOMP_SPINCOUNT`, when the user or a launcher (torchrun) set them,
always win.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Literal

from codetune.core.errors import UserError

log = logging.getLogger("codetune")

SMALL_MACHINE_CORES = 2
TRAINING_STAGES = ("sft", "dpo", "mixed", "rm")
Phase = Literal["train", "infer"]


# Spin iterations before an idle OpenMP thread sleeps, on small machines (see the table above).
SMALL_MACHINE_SPINCOUNT = "3000"


def set_wait_policy() -> None:
    """A short OpenMP spin on a small machine unless the user chose; must run before torch is
    imported (the OpenMP runtime reads the variables once, when it starts). Larger machines
    keep OpenMP's default: this was measured on 2 cores only."""
    if usable_cores() > SMALL_MACHINE_CORES:
        return
    if "OMP_WAIT_POLICY" in os.environ or "GOMP_SPINCOUNT" in os.environ:
        return
    os.environ["GOMP_SPINCOUNT"] = SMALL_MACHINE_SPINCOUNT


def usable_cores() -> int:
    """Cores this process may really use: its CPU affinity, and no more physical cores than
    the machine has (two hyper-threads of one core fight over it like two processes)."""
    try:
        logical = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        logical = os.cpu_count() or 1
    try:
        import psutil

        physical = psutil.cpu_count(logical=False) or logical
    except ImportError:
        physical = logical
    return max(1, min(logical, physical))


def thread_count(setting: int | Literal["auto"], phase: Phase = "train") -> int | None:
    """The intra-op thread count `setting` asks for in `phase`; None: torch's default."""
    if setting != "auto":
        return int(setting)
    if os.environ.get("OMP_NUM_THREADS"):
        return None  # the launcher or the user chose
    cores = usable_cores()
    if cores > SMALL_MACHINE_CORES:
        return None  # measured on 2 cores only: elsewhere torch's own choice stands
    if phase == "infer":
        return cores
    # Training: every core only where it was measured to pay (fp32 matmuls, no AVX512-BF16) and
    # where OpenMP's threads do not spin long enough to collapse beside a busy process.
    return cores if not cpu_has_bf16() and short_openmp_waits() else 1


def short_openmp_waits() -> bool:
    """Whether idle OpenMP threads sleep soon (PASSIVE, or a spin no longer than the small-
    machine default), as `set_wait_policy` arranges for the `codetune` command."""
    if os.environ.get("OMP_WAIT_POLICY", "").upper() == "PASSIVE":
        return True
    spin = os.environ.get("GOMP_SPINCOUNT", "")
    return spin.isdigit() and int(spin) <= int(SMALL_MACHINE_SPINCOUNT)


def phase_of(stage: str) -> Phase:
    return "train" if stage in TRAINING_STAGES else "infer"


def configure_threads(setting: int | Literal["auto"], phase: Phase = "train") -> int:
    """Apply `setting` for `phase` to torch; returns the thread count in force."""
    wanted = thread_count(setting, phase)
    if "torch" not in sys.modules:
        # A stage that may never need torch (data, scan, report) should not pay its 2-4 s
        # import: OpenMP reads the count when torch first loads it.
        if wanted is not None:
            os.environ["OMP_NUM_THREADS"] = str(wanted)
        return wanted or usable_cores()
    import torch

    if wanted is not None and torch.get_num_threads() != wanted:
        torch.set_num_threads(wanted)
        log.debug("torch intra-op threads: %d (threads=%s, %s)", wanted, setting, phase)
    return torch.get_num_threads()


def cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(f in flags for f in ("avx512_bf16", "amx_bf16"))


def resolve_precision(precision: str) -> str:
    """'auto' -> the best supported of bf16 / fp16 / fp32; an explicit unsupported choice
    fails. Used by training (mixed precision) and inference (eval autocast) alike."""
    import torch

    cuda = torch.cuda.is_available()
    bf16_ok = (cuda and torch.cuda.is_bf16_supported()) or (not cuda and cpu_has_bf16())
    if precision == "auto":
        if bf16_ok:
            return "bf16"
        return "fp16" if cuda else "fp32"
    if precision == "bf16" and not bf16_ok:
        raise UserError(
            "precision: bf16 is not supported on this hardware (needs a CUDA GPU with bf16 or a "
            "CPU with AVX512-BF16/AMX); use precision: auto or fp32"
        )
    if precision == "fp16" and not cuda:
        raise UserError("precision: fp16 needs a CUDA GPU; on CPU use bf16 (if supported) or fp32")
    return precision
