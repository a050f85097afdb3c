"""SFT recipe: the trained-positions loss equals the model's own loss (values and gradients);
the MoE model trains with LoRA on its experts and the router aux loss in the loss."""

from __future__ import annotations

import pytest
import torch
import trl
from datasets import Dataset

from codetune.core.config import load_config
from codetune.lib.losses import TrainedPositionsSFTTrainer, linear_cross_entropy
from codetune.lib.masking import tokenize_rows
from codetune.lib.models import apply_trainable_policy, embedded_model_dir, load_model
from codetune.stages.sft import sft_training_args

ROWS = [
    {"prompt": "def add(a, b):\n", "completion": "    return a + b\n"},
    {
        "prompt": 'def is_even(n):\n    """True for even n."""\n',
        "completion": "    return n % 2 == 0\n",
    },
    {
        "prompt": "def first(xs):\n",
        "completion": "    for x in xs:\n        return x\n    return None\n",
    },
    {"prompt": "class A:\n    def f(self):\n", "completion": "        return 1\n"},
]


@pytest.mark.parametrize("name", ["tiny-qwen3", "tiny-qwen3-moe"])
def test_trained_positions_loss_matches_full_logits_loss(tmp_path, tiny_tokenizer, name):
    model = load_model(str(embedded_model_dir(name)))
    samples, _ = tokenize_rows(ROWS, "completion", tiny_tokenizer, max_length=64)
    args = trl.SFTConfig(
        output_dir=str(tmp_path),
        per_device_train_batch_size=4,
        report_to="none",
        use_cpu=True,
        completion_only_loss=True,
        max_length=64,
    )
    trainer = TrainedPositionsSFTTrainer(
        model=model,
        args=args,
        train_dataset=Dataset.from_list(samples),
        processing_class=tiny_tokenizer,
    )
    batch = next(iter(trainer.get_train_dataloader()))
    assert (batch["labels"] == -100).any() and (batch["labels"] != -100).any()
    model.eval()
    with torch.no_grad():
        ours = trainer.compute_loss(model, batch)
        # For the MoE model both include the router aux loss the same way.
        reference = model(**batch, use_cache=False).loss
    torch.testing.assert_close(ours, reference, rtol=1e-4, atol=1e-4)


@pytest.mark.parametrize("weight_trains", [False, True])
def test_chunked_cross_entropy_matches_full_logits_and_grads(weight_trains):
    torch.manual_seed(0)
    n, d, vocab = 37, 16, 1000  # 37 tokens in chunks of 8: a ragged last chunk
    hidden = torch.randn(n, d, requires_grad=True)
    weight = torch.randn(vocab, d, requires_grad=weight_trains)
    targets = torch.randint(0, vocab, (n,))
    loss, correct = linear_cross_entropy(hidden, weight, targets, chunk=8)
    loss.backward()
    h_ref = hidden.detach().clone().requires_grad_(True)
    w_ref = weight.detach().clone().requires_grad_(weight_trains)
    logits = h_ref @ w_ref.T
    ref = torch.nn.functional.cross_entropy(logits, targets, reduction="sum")
    ref.backward()
    torch.testing.assert_close(loss, ref)
    assert int(correct) == int((logits.argmax(-1) == targets).sum())
    torch.testing.assert_close(hidden.grad, h_ref.grad)
    if weight_trains:
        torch.testing.assert_close(weight.grad, w_ref.grad)
    else:
        assert weight.grad is None


def test_chunked_cross_entropy_under_bf16_autocast_is_close():
    torch.manual_seed(0)
    hidden = torch.randn(50, 32, requires_grad=True)
    weight = torch.randn(2000, 32) / 4
    targets = torch.randint(0, 2000, (50,))
    with torch.autocast("cpu", dtype=torch.bfloat16):
        loss, _ = linear_cross_entropy(hidden, weight, targets, chunk=16)
    loss.backward()
    assert loss.dtype == torch.float32 and hidden.grad.dtype == torch.float32
    h_ref = hidden.detach().clone().requires_grad_(True)
    ref = torch.nn.functional.cross_entropy(h_ref @ weight.T, targets, reduction="sum")
    ref.backward()
    torch.testing.assert_close(loss, ref, rtol=2e-2, atol=0.5)
    torch.testing.assert_close(hidden.grad, h_ref.grad, rtol=5e-2, atol=5e-2)


def test_moe_trains_one_step_with_router_aux_loss(tmp_path, tiny_tokenizer):
    cfg = load_config(None, ["sft.precision=fp32"]).sft
    model = load_model(str(embedded_model_dir("tiny-qwen3-moe")))
    model.config.output_router_logits = False  # the policy must turn the aux loss on
    model, _ = apply_trainable_policy(model, cfg)
    samples, _ = tokenize_rows(ROWS, "completion", tiny_tokenizer, max_length=64)
    args = sft_training_args(cfg, tmp_path, 0, has_eval=False)
    args.max_steps, args.gradient_accumulation_steps, args.logging_steps = 1, 1, 1
    args.learning_rate, args.warmup_steps = 1e-2, 0
    trainer = TrainedPositionsSFTTrainer(
        model=model,
        args=args,
        train_dataset=Dataset.from_list(samples),
        processing_class=tiny_tokenizer,
    )
    assert trainer.aux_loss_enabled
    batch = next(iter(trainer.get_train_dataloader()))
    with torch.no_grad():
        with_aux = trainer.compute_loss(model, batch)
        aux = model(**{k: v for k, v in batch.items() if k != "labels"}).aux_loss
        trainer.aux_loss_enabled = False
        without = trainer.compute_loss(model, batch)
        trainer.aux_loss_enabled = True
    assert float(aux) > 0
    torch.testing.assert_close(with_aux - without, trainer.router_aux_loss_coef * aux)

    names = [n for n, p in model.named_parameters() if ".mlp.experts." in n and "lora_B" in n]
    before = {n: p.detach().clone() for n, p in model.named_parameters() if n in names}
    trainer.train()
    assert trainer.state.global_step == 1
    logged = [h for h in trainer.state.log_history if "aux_loss" in h]
    assert logged and logged[0]["aux_loss"] > 0
    after = dict(model.named_parameters())
    assert all(not torch.equal(before[n], after[n]) for n in names), "expert LoRA trained"
