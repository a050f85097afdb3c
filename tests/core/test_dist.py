"""Rank helpers without a process group: what the launcher's environment says, and rank 0
running a stage alone as a world of one (the multi-process pipeline itself runs in
tests/scale/test_distributed_pipeline.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from codetune.core import dist

ROOT = Path(__file__).parents[2]


def test_the_launchers_environment_answers_before_any_process_group(monkeypatch) -> None:
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    assert dist.rank() == 1 and dist.world_size() == 2 and dist.is_distributed()
    assert not dist.is_main_process()


def test_rank_zero_alone_is_a_world_of_one_and_restores_the_launch(monkeypatch) -> None:
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("WORLD_SIZE", "2")
    with dist.rank_zero_alone():
        assert dist.world_size() == 1 and not dist.is_distributed() and dist.is_main_process()
        dist.barrier()  # no process group here: must not wait for the absent rank
        dist.wait_for_rank_zero()
        with dist.rank_zero_alone():  # nested: still alone, and alone again after
            assert dist.world_size() == 1
        assert dist.world_size() == 1
    assert dist.world_size() == 2


def test_asking_for_the_rank_does_not_import_torch_distributed() -> None:
    """`is_main_process()` is asked by every command; without a process group it must not cost
    the 4-5 s import of torch.distributed."""
    code = (
        "import sys; from codetune.core.dist import is_main_process, world_size; "
        "assert is_main_process() and world_size() == 1; "
        "print('torch.distributed' in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "False"


def test_rank_zero_alone_clears_a_leftover_deepspeed_config() -> None:
    """A ZeRO-3 stage earlier in the process must not make rank 0's lone stage shard or sync."""
    from transformers.integrations.deepspeed import (
        HfDeepSpeedConfig,
        is_deepspeed_zero3_enabled,
    )

    pytest.importorskip("deepspeed")
    kept = HfDeepSpeedConfig({"zero_optimization": {"stage": 3}, "train_batch_size": 1})
    assert is_deepspeed_zero3_enabled()
    with dist.rank_zero_alone():
        assert not is_deepspeed_zero3_enabled()
    del kept
