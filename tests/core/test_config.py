"""The run config: defaults of the reference recipe, overrides, and one-line errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from codetune.core.config import load_config
from codetune.core.errors import UserError


def test_defaults_follow_the_reference_recipe():
    cfg = load_config(None)
    sft = cfg.sft
    assert (
        sft.learning_rate,
        sft.per_device_train_batch_size,
        sft.gradient_accumulation_steps,
    ) == (
        3e-5,
        4,
        4,
    )
    assert (sft.num_train_epochs, sft.max_length, sft.warmup_steps) == (8, 512, 200)
    assert (sft.early_stopping_patience, sft.weight_decay, sft.lora_dropout) == (3, 0.01, 0.1)
    assert sft.lora_target_modules == "all-linear" and sft.trainable_layers == 3
    assert cfg.dpo.beta == 0.1
    assert cfg.data.split == [0.7, 0.2, 0.1]
    assert cfg.run_dir == Path("runs/run")


def test_every_option_is_documented():
    from codetune.core.config import PipelineConfig

    def walk(model):
        for name, field in model.model_fields.items():
            ann = field.annotation
            if isinstance(ann, type) and hasattr(ann, "model_fields"):
                yield from walk(ann)
            else:
                yield f"{model.__name__}.{name}", field.description

    missing = [name for name, desc in walk(PipelineConfig) if not desc]
    missing = [m for m in missing if not m.startswith("PipelineConfig.")]
    assert not missing, f"undocumented options: {missing}"


def test_overrides_are_parsed_as_yaml(tmp_path):
    cfg = load_config(
        None, ["sft.learning_rate=1e-4", 'data.sources=["src/", "lib/"]', "name=exp1"]
    )
    assert cfg.sft.learning_rate == 1e-4
    assert cfg.data.sources == ["src/", "lib/"]
    assert cfg.run_dir == Path("runs/exp1")


@pytest.mark.parametrize(
    ("yaml_text", "field"),
    [
        ("sft:\n  learnig_rate: 0.1\n", "sft.learnig_rate"),
        ("sft:\n  learning_rate: -1\n", "sft.learning_rate"),
        ("dpo:\n  beta: zero\n", "dpo.beta"),
        ("data:\n  split: [0.5, 0.5, 0.5]\n", "data.split"),
        ("modle:\n  name_or_path: x\n", "modle"),
    ],
)
def test_bad_fields_are_named(tmp_path, yaml_text, field):
    path = tmp_path / "bad.yaml"
    path.write_text(yaml_text)
    with pytest.raises(UserError) as err:
        load_config(path)
    assert f"'{field}'" in str(err.value)
    assert str(path) in str(err.value)


def test_cli_bad_config_is_one_line_and_exit_2(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("sft:\n  learnig_rate: 0.1\n")
    proc = subprocess.run(
        [sys.executable, "-m", "codetune", "sft", str(path)], capture_output=True, text=True
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert "sft.learnig_rate" in lines[0] and "bad.yaml" in lines[0]
    assert "Traceback" not in proc.stderr


def test_cli_missing_config_exit_2(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "codetune", "run", str(tmp_path / "nope.yaml")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "nope.yaml" in proc.stderr and "not found" in proc.stderr


def test_shipped_configs_validate():
    configs = sorted((Path(__file__).resolve().parents[2] / "configs").glob("*.yaml"))
    assert len(configs) >= 4
    for path in configs:
        load_config(path)  # raises UserError naming the field on any mistake
