"""DPO on the embedded model: the reference really is the SFT model, and an interrupted run
resumes to the same number of optimizer steps.

The SFT stage is stood in for by a LoRA adapter with random (non-zero) weights saved where the
sft stage saves its adapter, so the merged SFT model differs from the base and "the reference
is the SFT model" is not trivially "the reference is the base".
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import torch

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = [
    "dpo.max_length=64",
    "dpo.per_device_train_batch_size=2",
    "dpo.per_device_eval_batch_size=2",
    "dpo.gradient_accumulation_steps=1",
    "dpo.learning_rate=5e-3",
    "dpo.warmup_steps=0",
    "dpo.lora_r=4",
    "dpo.lora_alpha=8",
    "dpo.logging_steps=1",
]


def _pair(i: int) -> dict:
    return {
        "prompt": f"def pick_{i}(x, y):\n",
        "chosen": f"    if x < y:\n        return x + {i}\n    return y\n",
        "rejected": f"    if x > y:\n        return x + {i}\n    return y\n",
        "kind": "flipped_comparison",
        "source": "synthetic",
    }


@pytest.fixture(scope="module")
def prepared_run(tmp_path_factory) -> Path:
    """A run folder with a (random) SFT adapter marked done and a few pairs."""
    from peft import LoraConfig, get_peft_model

    from codetune.core.config import load_config
    from codetune.core.io import write_jsonl
    from codetune.core.runs import Run
    from codetune.lib.models import load_base

    root = tmp_path_factory.mktemp("dpo-run")
    run = Run(root)
    model, _, _ = load_base(load_config(None).model)
    torch.manual_seed(0)
    lora = LoraConfig(
        r=4, target_modules=["q_proj", "v_proj", "down_proj"], init_lora_weights=False
    )
    get_peft_model(model, lora).save_pretrained(run.adapter_dir("sft"))
    run.update_stage("sft", status="done")
    write_jsonl(run.pairs_dir / "train.jsonl", [_pair(i) for i in range(16)])
    write_jsonl(run.pairs_dir / "val.jsonl", [_pair(i) for i in range(100, 104)])
    return root


def _config(out: Path, *extra: str):
    from codetune.core.config import load_config

    return load_config(None, [f"output_dir={out}", *OVERRIDES, *extra])


def _chosen_logps(model, tokenizer, pairs: list[dict]) -> torch.Tensor:
    from codetune.lib.masking import DOC_EOS, tokenize_sample
    from codetune.lib.scoring import completion_logprobs

    samples = [
        tokenize_sample(p["prompt"], p["chosen"], tokenizer, eos=DOC_EOS, max_length=64)
        for p in pairs
    ]
    scores = completion_logprobs(model, samples, pad_id=tokenizer.pad_token_id, batch_size=4)
    return torch.tensor([s for s, _ in scores])


def test_reference_is_the_sft_model_and_the_policy_moves_away(prepared_run, tmp_path):
    from peft import PeftModel

    from codetune.core.runs import Run
    from codetune.lib.models import load_base
    from codetune.lib.preference import load_sft_model
    from codetune.stages.dpo import run_dpo

    out = tmp_path / "run"
    shutil.copytree(prepared_run, out)
    cfg = _config(out, "dpo.max_steps=3", "dpo.eval_steps=3", "dpo.save_steps=3")
    run = Run(out)
    result = run_dpo(cfg, run)
    assert result["optimizer_steps"] == 3
    assert "SFT model" in result["reference"] and "disabled" in result["reference"]
    assert result["chosen_logps_falling"] in (True, False)
    saved = json.loads((out / "dpo" / "result.json").read_text())
    assert saved["chosen_logps_falling"] == result["chosen_logps_falling"]

    pairs = [_pair(i) for i in range(100, 104)]
    sft, tokenizer, _ = load_sft_model(cfg, run)  # loaded independently of the trainer
    sft_logps = _chosen_logps(sft, tokenizer, pairs)
    base, _, _ = load_base(cfg.model)
    base_logps = _chosen_logps(base, tokenizer, pairs)
    assert (base_logps - sft_logps).abs().max() > 0.1  # the SFT adapter really changes the model

    policy = PeftModel.from_pretrained(load_sft_model(cfg, run)[0], run.adapter_dir("dpo"))
    with policy.disable_adapter():  # exactly how TRL gets the reference from a PEFT model
        ref_logps = _chosen_logps(policy, tokenizer, pairs)
    policy_logps = _chosen_logps(policy, tokenizer, pairs)
    torch.testing.assert_close(ref_logps, sft_logps, atol=1e-3, rtol=1e-5)
    assert (policy_logps - sft_logps).abs().max() > 1e-2  # training moved the policy


@pytest.mark.slow
def test_dpo_killed_after_a_checkpoint_resumes_to_the_same_step_count(prepared_run, tmp_path):
    from codetune.core.runs import Run
    from codetune.stages.dpo import run_dpo

    out = tmp_path / "run"
    shutil.copytree(prepared_run, out)
    extra = ["dpo.max_steps=6", "dpo.save_steps=2", "dpo.eval_steps=2"]
    script = (
        "import sys; from codetune.core.config import load_config; from codetune.core.runs import Run; "
        "from codetune.stages.dpo import run_dpo; "
        "cfg = load_config(None, sys.argv[2:]); run_dpo(cfg, Run(sys.argv[1]))"
    )
    args = [f"output_dir={out}", *OVERRIDES, *extra]
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(out), *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ},
    )
    checkpoints = out / "dpo" / "checkpoints"
    deadline = time.monotonic() + 300
    try:
        while not list(checkpoints.glob("checkpoint-2/trainer_state.json")):
            assert proc.poll() is None, "dpo ended before its first checkpoint"
            assert time.monotonic() < deadline
            time.sleep(0.1)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    assert not (out / "dpo" / "result.json").exists()  # killed before the end

    result = run_dpo(_config(out, *extra), Run(out), resume=True)
    assert result["optimizer_steps"] == 6
    assert result["resumed_from"].rstrip("/").split("-")[-1] in {"2", "4"}
    assert (out / "dpo" / "adapter" / "adapter_config.json").is_file()
    state = json.loads((checkpoints / "checkpoint-6" / "trainer_state.json").read_text())
    assert state["global_step"] == 6
