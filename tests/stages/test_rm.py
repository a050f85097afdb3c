"""The reward model on the embedded model: trains, writes its outputs, scores candidates."""

from __future__ import annotations

import json
import math
import shutil

import pytest
import torch

from codetune.stages.rm import RMConfig

# Training the reward model (shared by both tests) takes about a minute on 2 busy cores.
pytestmark = pytest.mark.slow


def _pair(i: int) -> dict:
    return {
        "prompt": f"def pick_{i}(x, y):\n",
        "chosen": f"    if x < y:\n        return x + {i}\n    return y\n",
        "rejected": f"    if x > y:\n        return x + {i}\n    return y\n",
        "kind": "flipped_comparison",
        "source": "synthetic",
    }


# Checkpoints at steps 3 and 6: the resume test restarts from the first one. No early
# stopping: the saved adapter is the step-6 model, never a restored best checkpoint.
RM_CFG = RMConfig(
    learning_rate=3e-3,
    max_steps=6,
    warmup_steps=0,
    per_device_train_batch_size=4,
    gradient_accumulation_steps=1,
    eval_steps=3,
    save_steps=3,
    logging_steps=1,
    max_length=64,
    lora_r=4,
    lora_alpha=8,
    early_stopping_patience=None,
)


@pytest.fixture(scope="module")
def trained_rm(tmp_path_factory):
    """A run with a random SFT adapter (so the RM really starts from a merged SFT model) and a
    reward model trained on it for a few steps."""
    from peft import LoraConfig, get_peft_model

    from codetune.core.config import load_config
    from codetune.core.io import write_jsonl
    from codetune.core.runs import Run
    from codetune.lib.models import load_base
    from codetune.stages.rm import run_rm

    root = tmp_path_factory.mktemp("rm-run")
    run = Run(root)
    cfg = load_config(None, [f"output_dir={root}"])
    model, _, _ = load_base(cfg.model)
    torch.manual_seed(0)
    lora = LoraConfig(r=4, target_modules=["q_proj", "v_proj"], init_lora_weights=False)
    get_peft_model(model, lora).save_pretrained(run.adapter_dir("sft"))
    write_jsonl(run.pairs_dir / "train.jsonl", [_pair(i) for i in range(24)])
    write_jsonl(run.pairs_dir / "val.jsonl", [_pair(i) for i in range(100, 106)])
    metrics = run_rm(cfg, run, RM_CFG)
    return cfg, run, metrics


def test_rm_trains_and_writes_adapter_and_result(trained_rm):
    _, run, metrics = trained_rm
    result = json.loads((run.stage_dir("rm") / "result.json").read_text())
    assert result == json.loads(json.dumps(metrics))
    assert result["optimizer_steps"] == 6 and result["train_pairs"] == 24
    assert 0.0 <= result["val_accuracy"] <= 1.0 and result["val_pairs"] == 6
    assert math.isfinite(result["train_loss"])
    adapter = run.adapter_dir("rm")
    assert (adapter / "adapter_config.json").is_file()
    assert json.loads((adapter / "adapter_config.json").read_text())["task_type"] == "SEQ_CLS"
    assert (run.stage_dir("rm") / "metrics.jsonl").is_file()


def test_scores_are_finite_deterministic_and_padding_free(trained_rm):
    from codetune.stages.rm import load_reward_model, score_candidates

    cfg, run, _ = trained_rm
    model, tokenizer = load_reward_model(cfg, run)
    pair = _pair(200)
    first = score_candidates(model, tokenizer, pair["prompt"], [pair["chosen"], pair["rejected"]])
    again = score_candidates(model, tokenizer, pair["prompt"], [pair["rejected"], pair["chosen"]])
    assert all(math.isfinite(s) for s in first)
    assert first == again[::-1]  # same ranking whatever the order
    # Trained on flipped comparisons (val margin ~7 here), it prefers the correct one.
    assert first[0] > first[1]
    # Right padding does not change a score: scored alone or beside a longer candidate.
    longer = pair["chosen"] + "    # " + "padding " * 20 + "\n"
    alone = score_candidates(model, tokenizer, pair["prompt"], [pair["rejected"]])
    batched = score_candidates(model, tokenizer, pair["prompt"], [pair["rejected"], longer])
    assert alone[0] == pytest.approx(batched[0], abs=1e-4)
    # The reloaded model scores the val pairs as the trainer's own evaluation did.
    pairs = [_pair(i) for i in range(100, 106)]
    wins = []
    for p in pairs:
        c, r = score_candidates(model, tokenizer, p["prompt"], [p["chosen"], p["rejected"]])
        wins.append(float(c > r))
    result = json.loads((run.stage_dir("rm") / "result.json").read_text())
    assert sum(wins) / len(wins) == pytest.approx(result["val_accuracy"])


def test_rm_resumed_from_a_checkpoint_ends_where_the_uninterrupted_run_did(trained_rm, tmp_path):
    """A run stopped after its step-3 checkpoint (later checkpoint, adapter and result gone, as
    after a kill) resumes from it and ends with the uninterrupted run's step count and weights."""
    from safetensors.torch import load_file

    from codetune.core.config import load_config
    from codetune.core.runs import Run
    from codetune.stages.rm import run_rm

    _, run, _ = trained_rm
    out = tmp_path / "run"
    shutil.copytree(run.root, out)
    stopped = Run(out)
    shutil.rmtree(stopped.stage_dir("rm") / "checkpoints" / "checkpoint-6")
    shutil.rmtree(stopped.adapter_dir("rm"))
    (stopped.stage_dir("rm") / "result.json").unlink()

    cfg = load_config(None, [f"output_dir={out}"])
    resumed = run_rm(cfg, stopped, RM_CFG, resume=True)
    assert resumed["resumed_from"].rstrip("/").endswith("checkpoint-3")
    assert resumed["optimizer_steps"] == 6
    step3 = load_file(out / "rm" / "checkpoints" / "checkpoint-3" / "adapter_model.safetensors")
    whole = load_file(run.adapter_dir("rm") / "adapter_model.safetensors")
    again = load_file(stopped.adapter_dir("rm") / "adapter_model.safetensors")
    assert whole.keys() == again.keys()
    for name, tensor in whole.items():
        torch.testing.assert_close(again[name], tensor, atol=1e-5, rtol=1e-4, msg=name)
    # ... and the steps after the checkpoint really trained.
    assert any(not torch.allclose(step3[k], whole[k]) for k in step3.keys() & whole.keys())
