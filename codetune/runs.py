"""The run folder: its layout, its manifest, and loading the model a stage left behind.

    runs/<name>/
      config.yaml     resolved config
      manifest.json   stage -> {status, config_hash, input_hash, started, finished, metrics}
      summary.json    headline figures
      data/ sft/ pairs/ dpo/ eval/ ...

The run folder is the only state: every stage reads its inputs from it and writes its outputs
to it, atomically, and marks itself done in the manifest last.

Under a distributed launch (torchrun, accelerate launch) every rank runs the same stage code,
but only the main process (global rank 0) writes the manifest and summary: the others read
them and compute the same records, which they then drop (`codetune.dist`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from codetune.dist import is_main_process
from codetune.errors import UserError
from codetune.io import read_json, write_json


class Run:
    """Paths of one run folder plus its manifest."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    # layout ---------------------------------------------------------------------------------
    def stage_dir(self, stage: str) -> Path:
        return self.root / stage

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def pairs_dir(self) -> Path:
        return self.root / "pairs"

    def adapter_dir(self, stage: str) -> Path:
        return self.root / stage / "adapter"

    @property
    def manifest_path(self) -> Path:
        return self.root / "manifest.json"

    @property
    def summary_path(self) -> Path:
        return self.root / "summary.json"

    # manifest -------------------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        if not self.manifest_path.is_file():
            return {"stages": {}}
        return read_json(self.manifest_path)

    def stage_record(self, stage: str) -> dict[str, Any]:
        return self.manifest().get("stages", {}).get(stage, {})

    def update_stage(self, stage: str, **fields: Any) -> dict[str, Any]:
        """Merge `fields` into the stage's record; written by the main process only (N ranks
        rewriting one manifest would race, and they would all write the same thing)."""
        manifest = self.manifest()
        record = manifest.setdefault("stages", {}).setdefault(stage, {})
        record.update(fields)
        if is_main_process():
            write_json(self.manifest_path, manifest)
        return record

    def mark_started(self, stage: str, config_hash: str, input_hash: str) -> None:
        self.update_stage(
            stage,
            status="running",
            config_hash=config_hash,
            input_hash=input_hash,
            started=now(),
            finished=None,
            error=None,  # a previous attempt's failure no longer describes this stage
        )

    def mark_done(self, stage: str, metrics: dict[str, Any], **extra: Any) -> None:
        self.update_stage(stage, status="done", finished=now(), metrics=metrics, **extra)

    def mark_failed(self, stage: str, error: str) -> None:
        self.update_stage(stage, status="failed", finished=now(), error=error)

    def require_done(self, stage: str, needed_by: str) -> None:
        if self.stage_record(stage).get("status") != "done":
            raise UserError(
                f"{self.manifest_path}: stage '{needed_by}' needs '{stage}' to be done first "
                f"(run: codetune {stage} CONFIG)"
            )

    def update_summary(self, section: str, figures: dict[str, Any]) -> None:
        if not is_main_process():
            return
        summary = read_json(self.summary_path) if self.summary_path.is_file() else {}
        summary[section] = figures
        write_json(self.summary_path, summary)


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
