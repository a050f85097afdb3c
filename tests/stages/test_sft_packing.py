"""sft.packing: packed rows restart position ids per sample and attend within a sample only,
so the loss over a packed row equals the loss over the same samples one at a time."""

from __future__ import annotations

import torch
from datasets import Dataset

from codetune.core.config import load_config
from codetune.lib.losses import TrainedPositionsSFTTrainer
from codetune.lib.masking import tokenize_rows
from codetune.lib.models import embedded_model_dir, load_model
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


def _trainer(tmp_path, tokenizer, samples, **overrides):
    sets = [f"sft.{k}={v}" for k, v in {"precision": "fp32", **overrides}.items()]
    cfg = load_config(None, sets).sft
    model = load_model(str(embedded_model_dir("tiny-qwen3")))
    args = sft_training_args(cfg, tmp_path, 0, has_eval=False)
    trainer = TrainedPositionsSFTTrainer(
        model=model,
        args=args,
        train_dataset=Dataset.from_list(samples),
        processing_class=tokenizer,
    )
    return trainer, model


def _loss_one_at_a_time(model, samples) -> torch.Tensor:
    total, count = torch.zeros(()), 0
    for s in samples:
        ids = torch.tensor([s["input_ids"]])
        logits = model(input_ids=ids).logits[0, :-1]
        mask = torch.tensor(s["completion_mask"][1:], dtype=torch.bool)
        total = total + torch.nn.functional.cross_entropy(
            logits[mask], ids[0, 1:][mask], reduction="sum"
        )
        count += int(mask.sum())
    return total / count


def _real_length(batch, samples) -> int:
    """Tokens of the real samples in a one-row batch; checks the tail padding
    (`sft.pad_to_multiple_of`, 64 by default) is untrained and restarts no real sample."""
    n = sum(len(s["input_ids"]) for s in samples)
    length = batch["input_ids"].shape[1]
    assert length % 64 == 0 and n <= length < n + 64, "padded up to a multiple of 64"
    assert (batch["labels"][0, n:] == -100).all(), "pad tokens are never trained"
    assert (batch["position_ids"][0, n:] == 0).all(), "each pad token attends only to itself"
    return n


def test_packed_row_restarts_positions_and_matches_unpacked_loss(tmp_path, tiny_tokenizer):
    samples, _ = tokenize_rows(ROWS, "completion", tiny_tokenizer, max_length=128)
    trainer, model = _trainer(
        tmp_path,
        tiny_tokenizer,
        samples,
        packing="true",
        max_length=128,
        per_device_train_batch_size=1,
    )
    batch = next(iter(trainer.get_train_dataloader()))
    assert "attention_mask" not in batch, "packed rows are padding-free"
    n = _real_length(batch, samples)
    ids, pos = batch["input_ids"][0, :n], batch["position_ids"][0, :n]
    starts = (pos == 0).nonzero().flatten().tolist()
    assert starts[0] == 0 and len(starts) == len(samples), "all four samples share one row"
    packed = []
    for start, end in zip(starts, [*starts[1:], len(pos)], strict=True):
        assert torch.equal(pos[start:end], torch.arange(end - start)), "positions restart at 0"
        packed.append(ids[start:end].tolist())
    by_ids = {tuple(s["input_ids"]): s for s in samples}
    assert sorted(map(tuple, packed)) == sorted(by_ids), "each segment is one whole sample"

    model.eval()
    with torch.no_grad():
        loss_packed = trainer.compute_loss(model, batch)
        loss_alone = _loss_one_at_a_time(model, [by_ids[tuple(p)] for p in packed])
    torch.testing.assert_close(loss_packed, loss_alone, rtol=1e-4, atol=1e-4)


def test_padding_free_batch_matches_unpacked_loss(tmp_path, tiny_tokenizer):
    # The default (padding_free, no packing): one micro-batch = the same samples as padding.
    samples, _ = tokenize_rows(ROWS, "completion", tiny_tokenizer, max_length=128)
    trainer, model = _trainer(tmp_path, tiny_tokenizer, samples, per_device_train_batch_size=4)
    batch = next(iter(trainer.get_train_dataloader()))
    assert batch["input_ids"].shape[0] == 1 and "position_ids" in batch
    n = _real_length(batch, samples)
    assert int((batch["position_ids"][0, :n] == 0).sum()) == 4
    model.eval()
    with torch.no_grad():
        loss = trainer.compute_loss(model, batch)
    torch.testing.assert_close(loss, _loss_one_at_a_time(model, samples), rtol=1e-4, atol=1e-4)
