"""Distributed SFT on CPU processes (gloo): the launchers really start 2 processes, only
rank 0 writes the run folder, and 2 processes x batch 1 follow the loss curve of 1 process x
batch 2 (same accumulation, same global batch of 4).

Launchers exercised: torchrun (DDP), `accelerate launch` with configs/accelerate/multi_cpu.yaml,
zero2.yaml / zero3.yaml (DeepSpeed's CPU accelerator) and fsdp2.yaml / fsdp2_moe.yaml (FSDP2 on
gloo, opted in with CODETUNE_FSDP_ON_CPU=1: see tests/support/fsdp_cpu.py). Every run is a
real `python -m codetune sft CONFIG` in fresh processes; the data stage runs once per module.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from multiproc import BIN, ROOT, free_port, fresh_copy, launch, torchrun

ACCEL = ROOT / "configs" / "accelerate"

CONFIG = {
    "name": "dist-tiny",
    "seed": 7,
    "stages": ["data", "sft"],
    "model": {"name_or_path": "embedded:tiny-qwen3"},
    # The standard library: stable across commits (this repository's own source is not).
    "data": {"sources": ["@stdlib"], "formats": ["completion"], "max_samples": 60},
    "sft": {
        "learning_rate": 2.0e-3,
        "per_device_train_batch_size": 1,
        "gradient_accumulation_steps": 2,
        "max_length": 128,
        "max_steps": 3,
        "warmup_steps": 0,
        "eval_steps": 3,
        "logging_steps": 1,
        "max_eval_samples": 4,
        "max_train_samples": 24,
        # No dropout: its random masks differ between 1 and 2 processes, curves must not.
        "lora_dropout": 0.0,
        # fp32 on every CPU: bf16 rounding would blur the 1-vs-2-process comparison.
        "precision": "fp32",
    },
}


YAMLS = sorted(ACCEL.glob("*.yaml"))


def test_every_accelerate_config_is_present() -> None:
    names = {p.name for p in YAMLS}
    assert {
        "ddp.yaml",
        "multi_cpu.yaml",
        "zero2.yaml",
        "zero3.yaml",
        "zero3_offload.yaml",
        "fsdp2.yaml",
        "fsdp2_moe.yaml",
        "multinode_zero3.yaml",
    } <= names
    assert (ACCEL / "multinode_torchrun.sh").is_file()


@pytest.mark.parametrize("path", YAMLS, ids=lambda p: p.name)
def test_accelerate_config_validates(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file goes through accelerate's own loader (unknown keys are errors there) and the
    same validation `accelerate launch --config_file` runs, and selects the launcher it is
    meant for."""
    from accelerate.commands.config.config_args import ClusterConfig, load_config_from_file
    from accelerate.commands.launch import _validate_launch_command, launch_command_parser

    monkeypatch.chdir(ROOT)  # deepspeed_config_file paths are relative to the repository root
    cfg = load_config_from_file(str(path))
    assert isinstance(cfg, ClusterConfig)
    parser = launch_command_parser()
    known = {a.dest for a in parser._actions}
    for key in cfg.fsdp_config:
        assert (key if key.startswith("fsdp") else f"fsdp_{key}") in known, key
    for key in cfg.deepspeed_config:
        assert key in known, key
    args, _, _ = _validate_launch_command(parser.parse_args(["--config_file", str(path), "x.py"]))
    kind = str(cfg.distributed_type).rsplit(".", 1)[-1]
    if kind == "DEEPSPEED":
        assert args.use_deepspeed
        ds = ROOT / cfg.deepspeed_config["deepspeed_config_file"]
        assert ds.is_file(), ds
    elif kind == "FSDP":
        assert args.use_fsdp and str(args.fsdp_version) == "2"
    else:
        # multi_cpu.yaml too: the torchrun launcher, the only one that starts N CPU processes.
        assert kind == "MULTI_GPU" and args.multi_gpu
    if cfg.num_machines > 1:
        assert cfg.main_process_ip and cfg.main_process_port and cfg.rdzv_backend == "c10d"


@pytest.mark.parametrize(
    ("file", "embedded"), [("fsdp2.yaml", "tiny-qwen3"), ("fsdp2_moe.yaml", "tiny-qwen3-moe")]
)
def test_fsdp2_wraps_the_decoder_layer(file: str, embedded: str) -> None:
    """The class each FSDP2 file wraps is found in its model family by accelerate's own lookup
    (a missing name is an error there) and is the model's decoder layer."""
    import torch
    from accelerate.commands.config.config_args import load_config_from_file
    from accelerate.utils.dataclasses import get_module_class_from_name

    from codetune.lib.models import _embedded_config, decoder_layer_prefixes
    from codetune.scale.plan import meta_model

    cfg = load_config_from_file(str(ACCEL / file))
    fsdp = cfg.fsdp_config
    assert fsdp["fsdp_version"] == 2 and fsdp["fsdp_reshard_after_forward"] is True
    # Off: accelerate's checkpoint wrapper renames PEFT's modules_to_save (the last layers) and
    # the first checkpoint save fails; the stage's gradient_checkpointing checkpoints instead.
    assert fsdp["fsdp_activation_checkpointing"] is False
    assert "gradient_checkpointing: true" in (ACCEL / file).read_text()
    assert fsdp["fsdp_auto_wrap_policy"] == "TRANSFORMER_BASED_WRAP"
    model = meta_model(_embedded_config(embedded), torch.float32)
    layer = model.get_submodule(decoder_layer_prefixes(model)[0])
    names = fsdp["fsdp_transformer_layer_cls_to_wrap"].split(",")
    for name in names:
        assert get_module_class_from_name(model, name) is type(layer), name


@pytest.mark.parametrize(
    ("name", "stage", "offload"),
    [("ds_zero2.json", 2, False), ("ds_zero3.json", 3, False), ("ds_zero3_offload.json", 3, True)],
)
def test_deepspeed_json(name: str, stage: int, offload: bool) -> None:
    """Precision and batch are 'auto' (filled from the stage config by transformers: bf16 on
    GPUs, fp32 on a CPU without bf16 - a fixed bf16 broke DeepSpeed on CPU in issue #9)."""
    ds = json.loads((ACCEL / name).read_text())
    assert ds["zero_optimization"]["stage"] == stage
    assert ds["bf16"]["enabled"] == "auto" and ds["fp16"]["enabled"] == "auto"
    for key in ("gradient_accumulation_steps", "train_micro_batch_size_per_gpu"):
        assert ds[key] == "auto"
    zero = ds["zero_optimization"]
    assert ("offload_param" in zero and "offload_optimizer" in zero) == offload
    if stage == 3:
        assert zero["stage3_gather_16bit_weights_on_model_save"] is True


def run(cmd: list[str], timeout: int = 900, **env: str) -> subprocess.CompletedProcess[str]:
    return launch(cmd, timeout=timeout, **env)


def torchrun_codetune(nproc: int) -> list[str]:
    return [*torchrun(nproc), "-m", "codetune"]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(config path, a run folder whose data stage is done), built once."""
    root = tmp_path_factory.mktemp("dist")
    cfg = root / "config.yaml"
    cfg.write_text(yaml.safe_dump(CONFIG))
    base = root / "base"
    run([sys.executable, "-m", "codetune", "data", str(cfg), "--set", f"output_dir={base}"])
    return cfg, base


def accelerate(config_file: str) -> list[str]:
    return [
        str(BIN / "accelerate"),
        "launch",
        "--config_file",
        str(ACCEL / config_file),
        "--num_processes",
        "2",
        "--main_process_port",
        str(free_port()),
        "-m",
        "codetune",
    ]


def metrics(run_dir: Path, stage: str = "sft") -> list[dict]:
    path = run_dir / stage / "metrics.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def train_losses(run_dir: Path, stage: str = "sft") -> list[float]:
    return [r["loss"] for r in metrics(run_dir, stage) if "loss" in r]


def final_eval_loss(run_dir: Path, stage: str = "sft") -> float:
    return [r["eval_loss"] for r in metrics(run_dir, stage) if "eval_loss" in r][-1]


def assert_single_writer(run_dir: Path, stage: str = "sft", world: int = 2) -> dict:
    """What a 2-process run must leave: world size 2 recorded, each step logged once (rank 0
    only), one TensorBoard event file, the stage done in the manifest, the adapter saved."""
    batch = json.loads((run_dir / stage / "batch.json").read_text())
    assert batch["world_size"] == world
    assert batch["global_batch"] == batch["per_device"] * batch["accumulation"] * world
    assert len(batch["local_parameters"]) == world
    rows = metrics(run_dir, stage)
    train_steps = [r["step"] for r in rows if "loss" in r]
    assert train_steps and len(train_steps) == len(set(train_steps)), train_steps
    events = list((run_dir / stage / "tensorboard").rglob("events.out.tfevents.*"))
    assert len(events) == 1, events
    manifest = json.loads((run_dir / "manifest.json").read_text())
    assert manifest["stages"][stage]["status"] == "done"
    assert (run_dir / stage / "adapter" / "adapter_model.safetensors").is_file()
    return batch


def test_torchrun_ddp_two_processes_single_writer(prepared: tuple[Path, Path]) -> None:
    """Fast smoke test: torchrun starts 2 gloo processes, rank 0 alone writes."""
    cfg, base = prepared
    two = fresh_copy(base, "ddp-smoke")
    run([*torchrun_codetune(2), "sft", str(cfg), "--set", f"output_dir={two}"])
    batch = assert_single_writer(two)
    assert batch["global_batch"] == 4
    # DDP replicates: each rank holds every parameter.
    assert batch["local_parameters"][0] == batch["local_parameters"][1]


def one_process_sft(prepared: tuple[Path, Path], name: str, *overrides: str) -> Path:
    """A reference run: 1 process x batch 2 x accumulation 2 = global batch 4."""
    cfg, base = prepared
    one = fresh_copy(base, name)
    cmd = [sys.executable, "-m", "codetune", "sft", str(cfg), "--set", f"output_dir={one}"]
    for override in ("sft.per_device_train_batch_size=2", *overrides):
        cmd += ["--set", override]
    run(cmd)
    return one


@pytest.fixture(scope="module")
def single_process(prepared: tuple[Path, Path]) -> Path:
    """The reference curve of the dense model."""
    return one_process_sft(prepared, "one-process")


def assert_same_curve(reference: Path, other: Path, stage: str = "sft", rtol=0.01) -> None:
    # Same samples in both layouts only while no step runs past the end of the epoch (a short
    # last batch is split differently) and the evaluation set divides between 2 ranks.
    result = json.loads((reference / stage / "result.json").read_text())
    assert result["train_samples"] >= result["optimizer_steps"] * 4, result
    assert result["val_samples"] % 2 == 0, result
    ref, got = train_losses(reference, stage), train_losses(other, stage)
    assert len(ref) == len(got) > 0
    # The first step sees the same samples with the same weights: equal up to float noise.
    assert got[0] == pytest.approx(ref[0], rel=1e-4)
    # ... and so does its gradient, once all-reduced. Ranks that never all-reduce (seen when
    # the model was evaluated before train(), see evaluate_before_training) report a norm
    # ~40 % off while their losses stay within 1 %; synchronised ranks agree within ~1 %.
    norm = [r["grad_norm"] for r in metrics(reference, stage) if "grad_norm" in r]
    got_norm = [r["grad_norm"] for r in metrics(other, stage) if "grad_norm" in r]
    assert got_norm[0] == pytest.approx(norm[0], rel=0.05)
    # Later steps: same data, gradients summed in another order (and padding in the batch of
    # 2), so the curves agree closely but not bit for bit. Ranks training alone (no gradient
    # all-reduce) drift well outside this.
    assert got == pytest.approx(ref, rel=rtol)
    assert final_eval_loss(other, stage) == pytest.approx(
        final_eval_loss(reference, stage), rel=rtol
    )


@pytest.mark.slow
def test_ddp_two_processes_match_one_process(prepared, single_process) -> None:
    cfg, base = prepared
    two = fresh_copy(base, "ddp-curve")
    run([*torchrun_codetune(2), "sft", str(cfg), "--set", f"output_dir={two}"])
    assert_single_writer(two)
    assert_same_curve(single_process, two)


@pytest.mark.slow
def test_accelerate_multi_cpu_config_runs_two_processes(prepared, single_process) -> None:
    """configs/accelerate/multi_cpu.yaml really starts 2 processes (a MULTI_CPU config without
    mpirun would start one: see the comment in that file)."""
    cfg, base = prepared
    two = fresh_copy(base, "accelerate-multi-cpu")
    run([*accelerate("multi_cpu.yaml"), "sft", str(cfg), "--set", f"output_dir={two}"])
    assert_single_writer(two)
    assert_same_curve(single_process, two)


needs_deepspeed = pytest.mark.skipif(
    importlib.util.find_spec("deepspeed") is None,
    reason="deepspeed not installed (pip install -e '.[scale]' with DS_BUILD_OPS=0)",
)


@pytest.mark.slow
@needs_deepspeed
@pytest.mark.parametrize("config_file", ["zero2.yaml", "zero3.yaml"])
def test_deepspeed_zero_on_cpu(prepared, single_process, config_file: str) -> None:
    cfg, base = prepared
    out = fresh_copy(base, f"ds-{config_file.removesuffix('.yaml')}")
    run([*accelerate(config_file), "sft", str(cfg), "--set", f"output_dir={out}"])
    batch = assert_single_writer(out)
    total = batch["local_parameters"]
    if config_file == "zero3.yaml":
        # ZeRO-3 partitions every parameter: each rank holds about half.
        full = json.loads((single_process / "sft" / "batch.json").read_text())
        assert max(total) < 0.6 * full["local_parameters"][0]
    assert_same_curve(single_process, out, rtol=0.02)


def test_fsdp_on_cpu_hook_is_opt_in() -> None:
    """tests/support/sitecustomize installs the FSDP-on-CPU hook only with CODETUNE_FSDP_ON_CPU=1 (without
    it, accelerate is not even imported), and installing it twice wraps once."""
    code = (
        "import sys, codetune.core.dist\n"
        "if 'accelerate' not in sys.modules: print('off'); raise SystemExit\n"
        "from accelerate.state import AcceleratorState\n"
        "import fsdp_cpu\n"
        "init = AcceleratorState.__init__\n"
        "assert fsdp_cpu.install() and AcceleratorState.__init__ is init\n"
        "print('on' if init._codetune_fsdp_on_cpu else 'off')\n"
    )
    for value, expected in (("", "off"), ("0", "off"), ("1", "on")):
        out = launch([sys.executable, "-c", code], CODETUNE_FSDP_ON_CPU=value)
        assert out.stdout.strip() == expected, (value, out.stdout, out.stderr[-2000:])


@pytest.mark.slow
def test_fsdp2_on_cpu_is_not_sharded_by_accelerate(prepared) -> None:
    """Tripwire. accelerate 1.15 turns an FSDP config into FSDP only for GPU-like devices: on
    CPU processes it stays MULTI_CPU, i.e. plain DDP, without a word (state.py only honours
    ACCELERATE_USE_FSDP for MULTI_GPU & co). Without CODETUNE_FSDP_ON_CPU the run must still
    train and write once; the parameters are whole on each rank. When accelerate shards on CPU
    by itself, this fails: then tests/support/fsdp_cpu.py can go."""
    cfg, base = prepared
    out = fresh_copy(base, "fsdp2-cpu-ddp")
    run(
        [*accelerate("fsdp2.yaml"), "sft", str(cfg), "--set", f"output_dir={out}"],
        CODETUNE_FSDP_ON_CPU="",
    )
    batch = assert_single_writer(out)
    assert batch["local_parameters"][0] == batch["local_parameters"][1]


@pytest.fixture(scope="module")
def moe_single_process(prepared: tuple[Path, Path]) -> Path:
    """single_process for embedded:tiny-qwen3-moe (the same data)."""
    return one_process_sft(
        prepared, "one-process-moe", "model.name_or_path=embedded:tiny-qwen3-moe"
    )


def adapter_tensors(run_dir: Path) -> dict:
    from safetensors.torch import load_file

    return load_file(run_dir / "sft" / "adapter" / "adapter_model.safetensors")


def merged_logits(run_dir: Path):
    """Logits of the base model with the run's adapter merged in, on a fixed token sequence:
    the adapter folder is a plain PEFT folder that loads without FSDP."""
    import torch

    from codetune.lib.models import load_adapter_merged, load_model, read_adapter_base

    adapter = run_dir / "sft" / "adapter"
    model = load_adapter_merged(load_model(read_adapter_base(adapter)), adapter).eval()
    with torch.no_grad():
        return model(torch.arange(3, 35).unsqueeze(0)).logits


def assert_fsdp2_run(reference: Path, out: Path, *, same_weights_rtol: float | None) -> None:
    """An FSDP2 run on 2 ranks: sharded, the 1-process curve, the 1-process artifacts."""
    batch = assert_single_writer(out)
    full = json.loads((reference / "sft" / "batch.json").read_text())["local_parameters"][0]
    local = batch["local_parameters"]
    # Fully sharded (each rank holds its DTensor shards, about half the model), and every
    # parameter counted exactly once between the two ranks.
    assert max(local) < 0.6 * full and sum(local) == full, (local, full)
    assert_same_curve(reference, out, rtol=0.02)
    # The same artifacts as 1 process: FULL_STATE_DICT gathers a plain PEFT adapter.
    ref_files = sorted(p.name for p in (reference / "sft" / "adapter").iterdir())
    assert sorted(p.name for p in (out / "sft" / "adapter").iterdir()) == ref_files
    ref_t, got_t = adapter_tensors(reference), adapter_tensors(out)
    assert ref_t.keys() == got_t.keys()
    for key, tensor in ref_t.items():
        assert got_t[key].shape == tensor.shape and got_t[key].dtype == tensor.dtype, key
    ref_result = json.loads((reference / "sft" / "result.json").read_text())
    got_result = json.loads((out / "sft" / "result.json").read_text())
    assert got_result.keys() == ref_result.keys()
    for key in ("train_samples", "val_samples", "optimizer_steps", "trainable_params"):
        assert got_result[key] == ref_result[key], key
    if same_weights_rtol is not None:
        import torch

        want, got = merged_logits(reference), merged_logits(out)
        assert torch.allclose(got, want, rtol=same_weights_rtol, atol=1e-3 * want.abs().max())


# stage gradient_checkpointing on, as the FSDP2 files ask (accelerate's own AC is off there).
FSDP2_CASES = [
    pytest.param("fsdp2.yaml", "tiny-qwen3", id="dense"),
    pytest.param("fsdp2_moe.yaml", "tiny-qwen3-moe", id="moe"),
]


def fsdp2_run(prepared, config_file: str, embedded: str, name: str, **env: str) -> Path:
    cfg, base = prepared
    out = fresh_copy(base, name)
    cmd = [*accelerate(config_file), "sft", str(cfg), "--set", f"output_dir={out}"]
    cmd += ["--set", f"model.name_or_path=embedded:{embedded}"]
    cmd += ["--set", "sft.gradient_checkpointing=true"]
    run(cmd, **env)
    return out


@pytest.mark.slow
@pytest.mark.parametrize(("config_file", "embedded"), FSDP2_CASES)
def test_fsdp2_shards_on_cpu(prepared, request, config_file: str, embedded: str) -> None:
    """accelerate's real FSDP2 path (fully_shard per decoder layer, FULL_STATE_DICT saving) on
    2 gloo processes, opted in with CODETUNE_FSDP_ON_CPU=1."""
    moe = embedded.endswith("moe")
    reference = request.getfixturevalue("moe_single_process" if moe else "single_process")
    out = fsdp2_run(
        prepared, config_file, embedded, f"fsdp2-cpu-{embedded}", CODETUNE_FSDP_ON_CPU="1"
    )
    # Dense: the merged model equals 1 process's. MoE: the router's load-balancing loss sees
    # each rank's micro-batch, so the weights drift apart more (the loss curves still agree).
    assert_fsdp2_run(reference, out, same_weights_rtol=None if moe else 1e-3)


@pytest.mark.slow
@pytest.mark.skipif(
    not (__import__("torch").cuda.device_count() >= 2), reason="FSDP2 sharding needs 2 GPUs"
)
def test_fsdp2_shards_on_gpus(prepared, single_process) -> None:
    out = fsdp2_run(prepared, "fsdp2.yaml", "tiny-qwen3", "fsdp2-gpu")
    assert_fsdp2_run(single_process, out, same_weights_rtol=None)


def test_only_rank_zero_writes_the_run_folder(tmp_path: Path, monkeypatch) -> None:
    """Rank helpers read the launcher's environment before any process group exists; a Run
    on another rank computes its records but writes neither manifest nor summary."""
    import codetune.core.dist as dist
    from codetune.core.runs import Run

    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("LOCAL_RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    assert dist.rank() == 1 and dist.world_size() == 2 and dist.is_distributed()
    assert not dist.is_main_process() and not dist.is_local_main_process()
    run_ = Run(tmp_path / "run")
    record = run_.update_stage("sft", status="running")
    run_.update_summary("sft", {"x": 1})
    assert record == {"status": "running"}
    assert not run_.manifest_path.exists() and not run_.summary_path.exists()
    monkeypatch.setenv("RANK", "0")
    assert dist.is_main_process()
    run_.mark_done("sft", {"loss": 1.0})
    assert run_.stage_record("sft")["status"] == "done"


def test_effective_batch_and_callbacks(tmp_path: Path, monkeypatch) -> None:
    from transformers import TrainingArguments

    from codetune.lib.training import effective_batch, stage_callbacks

    args = TrainingArguments(
        output_dir=str(tmp_path),
        per_device_train_batch_size=3,
        gradient_accumulation_steps=4,
        use_cpu=True,
        report_to="none",
    )
    assert effective_batch(args) == {
        "per_device": 3,
        "accumulation": 4,
        "world_size": 1,
        "per_rank_batch": 12,
        "global_batch": 12,
    }
    out = tmp_path / "run" / "sft"
    monkeypatch.delenv("CODETUNE_MLFLOW", raising=False)
    names = [type(c).__name__ for c in stage_callbacks(out, "sft")]
    assert names == ["MetricsLogger", "TensorBoardCallback"]
    # Another rank: no TensorBoard writer (one event file per run, not per rank).
    monkeypatch.setenv("RANK", "1")
    names = [type(c).__name__ for c in stage_callbacks(out, "sft")]
    assert names == ["MetricsLogger"]
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("CODETUNE_MLFLOW", "1")
    monkeypatch.delenv("MLFLOW_TRACKING_URI", raising=False)
    names = [type(c).__name__ for c in stage_callbacks(out, "sft")]
    if importlib.util.find_spec("mlflow") is None:
        assert "MLflowCallback" not in names  # asked for, not installed: a warning, no crash
    else:
        assert "MLflowCallback" in names
        assert (
            os.environ["MLFLOW_TRACKING_URI"] == f"file:{(tmp_path / 'run').resolve() / 'mlruns'}"
        )
