"""Held-out loss and preference accuracy agree with a plain per-sample forward pass."""

from __future__ import annotations

import pytest
import torch

from codetune.lib.masking import DOC_EOS, tokenize_sample
from codetune.lib.models import embedded_model_dir, load_model
from codetune.lib.scoring import (
    completion_logprobs,
    heldout_loss,
    pair_logprobs,
    preference_accuracy,
)

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
]


@pytest.fixture(scope="module")
def model():
    return load_model(str(embedded_model_dir("tiny-qwen3")))


def _reference_logprob(model, sample):
    ids = torch.tensor([sample["input_ids"]])
    with torch.no_grad():
        logp = model(input_ids=ids).logits[0, :-1].log_softmax(-1)
    tok_logp = logp.gather(-1, ids[0, 1:, None])[:, 0]
    mask = torch.tensor(sample["completion_mask"][1:], dtype=torch.bool)
    return float(tok_logp[mask].sum()), int(mask.sum())


def test_batched_left_padded_scoring_matches_plain_forward(model, tiny_tokenizer):
    samples = [
        tokenize_sample(r["prompt"], r["completion"], tiny_tokenizer, eos=DOC_EOS, max_length=128)
        for r in ROWS
    ]
    got = completion_logprobs(model, samples, pad_id=tiny_tokenizer.pad_token_id, batch_size=3)
    for sample, (logp, n) in zip(samples, got, strict=True):
        ref_logp, ref_n = _reference_logprob(model, sample)
        assert n == ref_n
        assert logp == pytest.approx(ref_logp, rel=1e-4)


def test_heldout_loss_is_mean_token_nll(model, tiny_tokenizer):
    res = heldout_loss(model, tiny_tokenizer, ROWS, "completion", max_length=128, batch_size=2)
    total = n = 0
    for r in ROWS:
        s = tokenize_sample(
            r["prompt"], r["completion"], tiny_tokenizer, eos=DOC_EOS, max_length=128
        )
        lp, k = _reference_logprob(model, s)
        total, n = total + lp, n + k
    assert res["loss"] == pytest.approx(-total / n, rel=1e-4)
    assert res["tokens"] == n


def test_preference_accuracy_counts_ties_half(model, tiny_tokenizer):
    same = {
        "prompt": "def f(x):\n",
        "chosen": "    return x\n",
        "rejected": "    return x\n",
        "kind": "tie",
    }
    res = preference_accuracy(model, tiny_tokenizer, [same], max_length=64, batch_size=2)
    assert res["accuracy"] == 0.5
    # Swapping chosen and rejected turns every decided win into a loss.
    pair = {
        "prompt": "def f(x):\n",
        "chosen": "    return x + 1\n",
        "rejected": "    return x - 1 if x else x\n",
        "kind": "k",
    }
    swapped = {**pair, "chosen": pair["rejected"], "rejected": pair["chosen"]}
    a = preference_accuracy(model, tiny_tokenizer, [pair], max_length=64, batch_size=2)["accuracy"]
    b = preference_accuracy(model, tiny_tokenizer, [swapped], max_length=64, batch_size=2)[
        "accuracy"
    ]
    assert a + b == 1.0


PAIRS = [
    # differ late: a long shared prefix
    (
        "def get(d, k):\n",
        "    if d is None:\n        return None\n    return d[k]\n",
        "    return d[k]\n",
    ),
    # differ at the first completion token
    ("def add(a, b):\n", "    return a + b\n", "    return a - b  # off\n"),
    # rejected is a strict prefix of chosen's text
    ("def f(x):\n", "    return x\n    # done\n", "    return x\n"),
    # identical sides
    ("def g():\n", "    pass\n", "    pass\n"),
]


@pytest.mark.parametrize("attention", ["sdpa", "eager"])
def test_shared_prefix_pair_scoring_matches_plain_forward(model, tiny_tokenizer, attention):
    """Each pair scored as one packed row (prompt once) gives every side the log-prob and the
    token count a plain forward of that side alone gives, with padding across rows of
    different lengths and truncation at max_length (the last pair keeps no completion)."""
    model.set_attn_implementation(attention)
    try:
        pairs = [
            tuple(
                tokenize_sample(prompt, side, tiny_tokenizer, eos=DOC_EOS, max_length=64)
                for side in (chosen, rejected)
            )
            for prompt, chosen, rejected in PAIRS
        ]
        long_prompt = "def h():\n" + "    x = 1\n" * 40
        pairs.append(
            tuple(
                tokenize_sample(long_prompt, side, tiny_tokenizer, eos=DOC_EOS, max_length=32)
                for side in ("    return 1\n", "    return 2\n")
            )
        )
        got = pair_logprobs(model, pairs, pad_id=tiny_tokenizer.pad_token_id, batch_size=3)
        for pair, scores in zip(pairs, got, strict=True):
            for sample, (logp, n) in zip(pair, scores, strict=True):
                ref_logp, ref_n = _reference_logprob(model, sample)
                assert n == ref_n
                assert logp == pytest.approx(ref_logp, rel=1e-4, abs=1e-4)
        assert got[3][0] == got[3][1]  # identical sides tie exactly
        assert got[4] == ((0.0, 0), (0.0, 0))
    finally:
        model.set_attn_implementation("sdpa")
