"""FSDP2 on CPU processes (gloo), opt-in: `CODETUNE_FSDP_ON_CPU=1`.

Why: accelerate (1.15, `AcceleratorState.__init__` in accelerate/state.py) turns an FSDP
launch (`accelerate launch --config_file configs/accelerate/fsdp2.yaml`, which sets
ACCELERATE_USE_FSDP=true and builds a FullyShardedDataParallelPlugin) into
`DistributedType.FSDP` only for accelerator devices (MULTI_GPU, MULTI_XPU, ...). CPU processes
stay MULTI_CPU: plain DDP, every rank holding the whole model, without a word. PyTorch's FSDP2
(`fully_shard` on a "cpu" device mesh over gloo) does work on CPU, so the restriction is
accelerate's, not torch's.

What: with the variable set, `install()` (called by tests/support/sitecustomize.py at start-up, i.e. before any
Trainer creates its Accelerator) wraps `AcceleratorState.__init__`: when accelerate resolved a
fresh state to MULTI_CPU although ACCELERATE_USE_FSDP is true and an FSDP plugin was passed,
the state becomes FSDP with that very plugin - the switch accelerate's own FSDP branch makes on
GPUs. Everything downstream is then accelerate's and transformers' real FSDP2 path
(`fsdp2_prepare_model`, fully_shard per transformer layer from the config's auto-wrap policy,
FULL_STATE_DICT gathering at save), which is what CI exercises on CPU runners
(tests/test_distributed.py: per-rank parameter shards, the 1-process loss curve).

Not for production: CPU training is for tests; on GPUs the hook never fires (the state is
MULTI_GPU there, and accelerate switches to FSDP itself).
"""

from __future__ import annotations

import functools
import logging
import os

ENV = "CODETUNE_FSDP_ON_CPU"

log = logging.getLogger("codetune")


def requested() -> bool:
    """True when the environment opts in (CODETUNE_FSDP_ON_CPU=1/true/yes)."""
    return os.environ.get(ENV, "").strip().lower() in ("1", "true", "yes")


def _fsdp_launch() -> bool:
    return os.environ.get("ACCELERATE_USE_FSDP", "false").strip().lower() == "true"


def install() -> bool:
    """Wrap `AcceleratorState.__init__` (idempotent). Returns True once the wrapper is in place."""
    from accelerate.state import AcceleratorState, PartialState
    from accelerate.utils import DistributedType

    original = AcceleratorState.__init__
    if getattr(original, "_codetune_fsdp_on_cpu", False):
        return True

    @functools.wraps(original)
    def __init__(self, *args, **kwargs):
        # accelerate decides the distributed type once, on the first call (its `initialized`:
        # the shared state holds nothing beyond PartialState's yet).
        fresh = set(AcceleratorState._shared_state) <= set(PartialState._shared_state)
        original(self, *args, **kwargs)
        # fsdp_plugin: 5th parameter of AcceleratorState.__init__, passed by keyword by
        # Accelerator; later `AcceleratorState()` calls pass none and change nothing.
        plugin = kwargs.get("fsdp_plugin", args[4] if len(args) > 4 else None)
        if (
            not fresh
            or plugin is None
            or not _fsdp_launch()
            or self.distributed_type != DistributedType.MULTI_CPU
        ):
            return
        # What accelerate's FSDP branch does for MULTI_GPU & co (self.__dict__ is the shared
        # state, so every later AcceleratorState() / PartialState() sees FSDP too).
        self.distributed_type = DistributedType.FSDP
        if self._mixed_precision != "no":
            plugin.set_mixed_precision(self._mixed_precision)
        self.fsdp_plugin = plugin
        PartialState._shared_state["distributed_type"] = DistributedType.FSDP
        log.info(
            "%s: FSDP%s on %d CPU processes (gloo)",
            ENV,
            getattr(plugin, "fsdp_version", 1),
            self.num_processes,
        )

    __init__._codetune_fsdp_on_cpu = True  # type: ignore[attr-defined]
    AcceleratorState.__init__ = __init__
    return True
