"""Lower layers shared across a chain of models: the same figures as scoring each model in full,
replayed only where the lower layers really are the same weights."""

from __future__ import annotations

import copy

import pytest
import torch

from codetune.core.config import load_config
from codetune.lib.layershare import SharedLowerLayers, unchanged_lower_layers
from codetune.lib.masking import DOC_EOS, tokenize_sample
from codetune.lib.models import apply_trainable_policy, embedded_model_dir, load_model
from codetune.lib.scoring import completion_logprobs, pair_logprobs

PAIRS = [
    ("def add(a, b):\n", "    return a + b\n", "    return a - b\n"),
    (
        "def first(xs):\n",
        "    if not xs:\n        return None\n    return xs[0]\n",
        "    return xs[0]\n",
    ),
    ("def is_even(n):\n", "    return n % 2 == 0\n", "    return n % 2 == 1\n"),
]


def test_unchanged_lower_layers_reads_every_way_an_adapter_reaches_a_layer():
    lora_top = {"target_modules": ["q_proj"], "layers_to_transform": list(range(15, 27))}
    full_top = {"modules_to_save": ["model.layers.27", "model.layers.28", "model.norm"]}
    assert unchanged_lower_layers([lora_top, full_top], 30) == 15
    # DPO on top of SFT: the lowest layer either touches decides.
    assert unchanged_lower_layers([lora_top, {**lora_top, "layers_to_transform": [9]}], 30) == 9
    assert unchanged_lower_layers([{"target_modules": ["q_proj"]}], 30) == 0  # every layer
    assert unchanged_lower_layers([{"modules_to_save": ["model.embed_tokens"]}], 30) == 0
    assert unchanged_lower_layers([{"target_parameters": ["model.layers.3.mlp.experts"]}], 8) == 3


def _tuned(base, lora_layers: int, seed: int):
    """`base` with a LoRA adapter on its top `lora_layers` layers, its B matrices made non-zero
    (a fresh adapter is the identity), merged."""
    cfg = load_config(None).sft.model_copy(
        update={
            "lora_layers": lora_layers,
            "trainable_layers": 0,
            "lora_target_modules": "all-linear",
        }
    )
    torch.manual_seed(seed)
    peft_model, _ = apply_trainable_policy(copy.deepcopy(base), cfg)
    with torch.no_grad():
        for name, p in peft_model.named_parameters():
            if "lora_B" in name:
                p.normal_(std=0.05)
    return peft_model.merge_and_unload()


@pytest.fixture(scope="module")
def chain(tiny_tokenizer):
    base = load_model(str(embedded_model_dir("tiny-qwen3"))).eval()  # 4 layers
    return base, _tuned(base, 2, seed=1), _tuned(base, 3, seed=2)


def _samples(tokenizer):
    return [
        tuple(
            tokenize_sample(prompt, side, tokenizer, eos=DOC_EOS, max_length=64)
            for side in (chosen, rejected)
        )
        for prompt, chosen, rejected in PAIRS
    ]


def test_replay_gives_each_models_own_figures(chain, tiny_tokenizer):
    base, top2, top3 = chain
    pairs = _samples(tiny_tokenizer)
    flat = [s for p in pairs for s in p]
    pad = tiny_tokenizer.pad_token_id
    share = SharedLowerLayers(depth=2)
    for model, mode in ((base, "record"), (top2, "replay"), (top3, "off")):
        # top3 also changed layer 1, below the recorded depth: it must run in full.
        assert share.bind(model) == mode
        before = share.replayed
        shared_pairs = pair_logprobs(model, pairs, pad_id=pad, batch_size=2, share=share)
        shared_flat = completion_logprobs(model, flat, pad_id=pad, batch_size=2, share=share)
        own_pairs = pair_logprobs(model, pairs, pad_id=pad, batch_size=2)
        own_flat = completion_logprobs(model, flat, pad_id=pad, batch_size=2)
        for got, want in zip(
            [x for p in shared_pairs for x in p] + shared_flat,
            [x for p in own_pairs for x in p] + own_flat,
            strict=True,
        ):
            assert got[1] == want[1]
            assert got[0] == pytest.approx(want[0], abs=1e-4)
        if mode == "replay":
            assert share.replayed - before == 5  # 2 batches of pairs + 3 of single samples
        else:
            assert share.replayed == before
    # The tuned models really differ from the base, so equal figures are not a tautology.
    assert pair_logprobs(top2, pairs, pad_id=pad)[0][0][0] != pytest.approx(
        pair_logprobs(base, pairs, pad_id=pad)[0][0][0], abs=1e-3
    )


def test_a_batch_never_recorded_runs_in_full(chain, tiny_tokenizer):
    base, top2, _ = chain
    pairs = _samples(tiny_tokenizer)
    pad = tiny_tokenizer.pad_token_id
    share = SharedLowerLayers(depth=2)
    share.bind(base)
    pair_logprobs(base, pairs[:2], pad_id=pad, batch_size=2, share=share)
    share.bind(top2)
    got = pair_logprobs(top2, pairs, pad_id=pad, batch_size=8, share=share)  # other batching
    assert share.replayed == 0
    assert got == pair_logprobs(top2, pairs, pad_id=pad, batch_size=8)


def test_dpo_reference_pass_reuses_the_policy_pass_lower_layers(tiny_tokenizer):
    """TRL's two forwards of a DPO batch (policy, then reference with the adapter disabled):
    with LoRA on the top 2 of 4 layers the reference replays layers 0-1 and gets the log-probs
    it computes in full; the policy's gradients are untouched."""
    from codetune.lib.preference import lean_fused_lm_head

    cfg = load_config(None).dpo.model_copy(
        update={"lora_layers": 2, "trainable_layers": 0, "lora_dropout": 0.0}
    )
    ids = torch.tensor([tiny_tokenizer("def add(a, b):\n    return a + b\n")["input_ids"]] * 2)
    ids[1, -3:] = 17  # the rejected side differs at the end
    labels = ids.masked_fill(torch.arange(ids.shape[1]) < 5, -100)
    results = []
    for frozen in (0, 2):
        torch.manual_seed(0)
        base = load_model(str(embedded_model_dir("tiny-qwen3")))
        peft_model, _ = apply_trainable_policy(base, cfg)
        with torch.no_grad():  # a trained adapter, so that policy and reference differ
            for name, p in peft_model.named_parameters():
                if "lora_B" in name:
                    p.normal_(std=0.05)
        inner = peft_model.get_base_model()
        share = lean_fused_lm_head(inner, share_prefix=False, frozen_lower_layers=frozen)
        policy = peft_model(input_ids=ids, labels=labels, fused_lm_head=True).log_probs
        policy.sum().backward()
        grad = next(p.grad for n, p in peft_model.named_parameters() if "lora_A" in n)
        with torch.no_grad(), peft_model.disable_adapter():
            reference = peft_model(input_ids=ids, labels=labels, fused_lm_head=True).log_probs
        results.append((policy.detach(), grad.clone(), reference, share))
    (policy, grad, reference, no_share), (policy_s, grad_s, reference_s, share) = results
    assert no_share is None and share is not None and share.replayed == 1
    assert not torch.allclose(policy, reference)  # the adapter matters
    torch.testing.assert_close(reference_s, reference, atol=1e-5, rtol=1e-5)
    torch.testing.assert_close(policy_s, policy)
    torch.testing.assert_close(grad_s, grad)
