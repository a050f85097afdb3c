"""SFT recipe: the trained-positions loss equals the model's own loss; a short run trains."""

from __future__ import annotations

import pytest
import torch
import trl
from datasets import Dataset

from codetune.models import embedded_model_dir, load_model
from codetune.train.masking import tokenize_rows
from codetune.train.sft import TrainedPositionsSFTTrainer

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
