"""`codetune plan`: exact parameter counts from the config alone, strategy choice, and the
estimate against the measured peak of real training steps on the embedded models."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codetune.core.config import load_config
from codetune.core.errors import UserError
from codetune.scale.plan import GiB, parse_memory, plan_memory

ROOT = Path(__file__).resolve().parents[2]
CI_TINY = ROOT / "configs" / "ci-tiny.yaml"


def test_parse_memory() -> None:
    assert parse_memory("80GB") == 80 * GiB
    assert parse_memory("24GiB") == 24 * GiB
    assert parse_memory("81920MiB") == 80 * GiB
    assert parse_memory("80") == 80 * GiB
    with pytest.raises(UserError):
        parse_memory("lots")


@pytest.mark.parametrize("name", ["tiny-qwen3", "tiny-qwen3-moe"])
def test_counts_from_config_equal_the_real_model(name: str) -> None:
    """Meta-device counts equal those of the loaded model under the same trainable policy."""
    from codetune.lib.models import apply_trainable_policy, count_parameters, load_base

    cfg = load_config(CI_TINY, [f"model.name_or_path=embedded:{name}"])
    plan = plan_memory(cfg, gpus=1, gpu_memory=80 * GiB, precision="fp32")
    model, _, _ = load_base(cfg.model)
    model, report = apply_trainable_policy(model, cfg.sft)
    trainable, total = count_parameters(model)
    assert plan.params.trainable == trainable == report.trainable
    assert plan.params.trainable + plan.params.frozen == total
    assert plan.params.lora > 0 and plan.params.unfrozen_layers > 0
    if name.endswith("moe"):
        assert plan.params.experts > 0
        assert plan.params.active_per_token < plan.params.total
    assert plan.recommendation == "single"


def _write_config(folder: Path, config) -> Path:
    config.save_pretrained(folder)
    assert not list(folder.glob("*.safetensors"))  # planning needs no weights
    return folder


def test_dense_8b_needs_sharding_on_24gb_cards(tmp_path: Path) -> None:
    """A Qwen3-8B-shaped config (config.json only): one 24 GB card cannot hold its fp32
    weights but for CPU offload; four can under ZeRO-3/FSDP2, and sharding strictly lowers the per-GPU figure."""
    from transformers import Qwen3Config

    folder = _write_config(
        tmp_path / "q8b",
        Qwen3Config(
            hidden_size=4096,
            intermediate_size=12288,
            num_hidden_layers=36,
            num_attention_heads=32,
            num_key_value_heads=8,
            head_dim=128,
            vocab_size=151936,
            tie_word_embeddings=False,
            architectures=["Qwen3ForCausalLM"],
        ),
    )
    overrides = [
        f"model.name_or_path={folder}",
        "sft.per_device_train_batch_size=1",
        "sft.max_length=1024",
    ]
    cfg = load_config(CI_TINY, overrides)
    one = plan_memory(cfg, gpus=1, gpu_memory=24 * GiB)
    assert 8.0e9 < one.params.total < 8.4e9
    # 33 GB of fp32 weights on one 24 GB card: only with everything offloaded to CPU RAM.
    assert not one.strategies[0].fits
    assert one.recommendation == "zero3_offload"
    assert one.strategies[0].total > 33 * 10**9
    four = plan_memory(cfg, gpus=4, gpu_memory=24 * GiB)
    by = {(e.strategy, e.gradient_checkpointing): e for e in four.strategies}
    assert by["zero3", False].total < by["zero2", False].total < by["ddp", False].total
    assert by["zero3", True].activations < by["zero3", False].activations
    assert four.recommendation in ("zero3", "fsdp2")
    bf16 = plan_memory(cfg, gpus=1, gpu_memory=24 * GiB, weights_dtype="bf16")
    assert bf16.strategies[0].weights < 0.6 * one.strategies[0].weights


def test_cli_json(tmp_path: Path) -> None:
    import typer
    from typer.testing import CliRunner

    from codetune.scale.commands import plan

    app = typer.Typer()
    app.command()(plan)
    result = CliRunner().invoke(
        app, [str(CI_TINY), "--gpus", "2", "--gpu-memory", "80GB", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["gpus"] == 2 and data["recommendation"] == "ddp"
    assert data["global_batch"] == 1 * 2 * 2  # per device x accumulation x GPUs (ci-tiny)
    assert {s["strategy"] for s in data["strategies"]} >= {"ddp", "zero2", "zero3", "fsdp2"}
    table = CliRunner().invoke(app, [str(CI_TINY), "--gpus", "2"])
    assert table.exit_code == 0 and "recommended" in table.output


def measured_peak_mb(model: str, precision: str, ckpt: bool, batch: int, length: int) -> float:
    """Peak RSS of two training steps in a fresh process, over its runtime baseline (see
    codetune/scale/measure.py for the method)."""
    cmd = [
        sys.executable,
        "-m",
        "codetune.scale.measure",
        "--model",
        model,
        "--precision",
        precision,
        "--batch",
        str(batch),
        "--length",
        str(length),
    ]
    if ckpt:
        cmd.append("--gradient-checkpointing")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    data = json.loads(out.stdout.strip().splitlines()[-1])
    assert data["peak_reset"], "could not reset VmHWM: the measurement would include imports"
    return float(data["peak_delta_mb"])


CASES = [
    pytest.param("embedded:tiny-qwen3", "fp32", False, id="dense-fp32"),
    pytest.param("embedded:tiny-qwen3-moe", "fp32", False, marks=pytest.mark.slow, id="moe-fp32"),
    pytest.param("embedded:tiny-qwen3", "bf16", False, marks=pytest.mark.slow, id="dense-bf16"),
    pytest.param("embedded:tiny-qwen3", "fp32", True, marks=pytest.mark.slow, id="dense-ckpt"),
    pytest.param(
        "embedded:tiny-qwen3-moe", "bf16", True, marks=pytest.mark.slow, id="moe-bf16-ckpt"
    ),
]


@pytest.mark.parametrize(("model", "precision", "ckpt"), CASES)
def test_plan_within_20_percent_of_measured_peak(model: str, precision: str, ckpt: bool) -> None:
    if precision == "bf16":
        from codetune.lib.training import cpu_has_bf16

        if not cpu_has_bf16():
            pytest.skip("this CPU has no bf16: autocast would not match a bf16 plan")
    batch, length = 2, 128
    cfg = load_config(
        CI_TINY,
        [
            f"model.name_or_path={model}",
            f"sft.per_device_train_batch_size={batch}",
            f"sft.max_length={length}",
            f"sft.gradient_checkpointing={str(ckpt).lower()}",
        ],
    )
    plan = plan_memory(cfg, gpus=1, gpu_memory=80 * GiB, precision=precision)
    planned = plan.single_process / 2**20
    measured = measured_peak_mb(model, precision, ckpt, batch, length)
    print(f"{model} {precision} ckpt={ckpt}: planned {planned:.0f} MiB, measured {measured:.0f}")
    assert abs(planned - measured) <= 0.20 * measured, (planned, measured)
