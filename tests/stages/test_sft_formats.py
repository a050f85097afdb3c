"""SFT on a mix of sample formats (sft.extra_formats): each format's samples are tokenised as
that format and all of them train."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from codetune.core.config import load_config
from codetune.core.io import write_jsonl
from codetune.core.runs import Run
from codetune.lib.deprecations import migration_prompt


def _completion(i: int) -> dict:
    return {"prompt": f"def f{i}(x):\n", "completion": f"    return x + {i}\n"}


def _migrate(i: int) -> dict:
    old = f"def g{i}(self):\n    self.assertEquals({i}, {i})\n"
    return {"prompt": migration_prompt(old), "completion": old.replace("Equals", "Equal")}


def test_extra_formats_train_beside_the_main_format(tmp_path: Path) -> None:
    from codetune.stages.sft import run_sft

    run = Run(tmp_path / "run")
    for split, n in (("train", 6), ("val", 2)):
        write_jsonl(
            run.data_dir / "completion" / f"{split}.jsonl", [_completion(i) for i in range(n)]
        )
        write_jsonl(run.data_dir / "migrate" / f"{split}.jsonl", [_migrate(i) for i in range(n)])
    overrides = [
        f"output_dir={run.root}",
        "data.formats=[completion, migrate]",
        "sft.extra_formats=[migrate]",
        "sft.max_train_samples=4",
        "sft.max_steps=1",
        "sft.max_length=96",
        "sft.per_device_train_batch_size=2",
        "sft.gradient_accumulation_steps=1",
    ]
    result = run_sft(load_config(None, overrides), run)
    assert result["train_samples_by_format"] == {"completion": 4, "migrate": 4}
    assert result["train_samples"] == 8 and result["val_samples"] == 4
    saved = json.loads((run.stage_dir("sft") / "result.json").read_text())
    assert saved["train_samples_by_format"] == {"completion": 4, "migrate": 4}


def test_a_format_the_data_stage_does_not_write_is_refused_when_the_config_loads() -> None:
    from codetune.core.errors import UserError

    with pytest.raises(UserError, match=r"sft\.extra_formats reads the data stage's migrate"):
        load_config(None, ["sft.extra_formats=[migrate]"])
