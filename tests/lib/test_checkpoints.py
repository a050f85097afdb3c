"""Resuming picks the newest complete checkpoint: a save that a kill cut short is passed over
(the chaos test once killed a run between a checkpoint's weights and its trainer_state.json,
and the rerun failed on the half-written folder)."""

from __future__ import annotations

from pathlib import Path

from codetune.lib.training import last_checkpoint


def _checkpoint(root: Path, step: int, state: str | None) -> Path:
    folder = root / "checkpoints" / f"checkpoint-{step}"
    folder.mkdir(parents=True)
    (folder / "adapter_model.safetensors").write_bytes(b"weights")
    if state is not None:
        (folder / "trainer_state.json").write_text(state)
    return folder


def test_newest_complete_checkpoint_wins_over_a_half_written_one(tmp_path: Path) -> None:
    assert last_checkpoint(tmp_path) is None
    _checkpoint(tmp_path, 2, '{"global_step": 2}')
    complete = _checkpoint(tmp_path, 10, '{"global_step": 10}')  # 10 > 9: numbers, not text
    _checkpoint(tmp_path, 9, '{"global_step": 9}')
    assert last_checkpoint(tmp_path) == str(complete)
    # A checkpoint at max_steps ends training; resuming from it would run a step too many.
    assert last_checkpoint(tmp_path, max_steps=10) == str(tmp_path / "checkpoints" / "checkpoint-9")
    assert last_checkpoint(tmp_path, max_steps=2) is None
    _checkpoint(tmp_path, 12, None)  # killed before trainer_state.json
    _checkpoint(tmp_path, 11, '{"global_step": 1')  # killed while writing it
    (tmp_path / "checkpoints" / "checkpoint-13.tmp").mkdir()  # not a checkpoint name
    assert last_checkpoint(tmp_path) == str(complete)
