"""DPO recipe pieces: pairs that do not fit are left out, never truncated into identical sides."""

from __future__ import annotations

import pytest

from codetune.core.config.train import DPOConfig
from codetune.core.errors import UserError
from codetune.lib.preference import fit_pairs, weighted_by_kind


def test_pairs_longer_than_max_length_are_dropped_not_truncated(tiny_tokenizer):
    short = {"prompt": "def f(x):\n", "chosen": "    return x + 1\n", "rejected": "    return x\n"}
    # The defect sits at the very end of a long completion: truncation would erase it.
    body = "".join(f"    y{i} = x * {i}\n" for i in range(60))
    long = {
        "prompt": "def g(x):\n",
        "chosen": body + "    return y1\n",
        "rejected": body + "    return y0\n",
    }
    kept, too_long = fit_pairs([short, long], tiny_tokenizer, max_length=64, limit=None)
    assert kept == [short] and too_long == 1
    kept, too_long = fit_pairs([short, long], tiny_tokenizer, max_length=4096, limit=None)
    assert kept == [short, long] and too_long == 0
    kept, _ = fit_pairs([short, short, short], tiny_tokenizer, max_length=64, limit=2)
    assert len(kept) == 2


def _history(values: list[float], start: int = 0) -> list[dict]:
    rows: list[dict] = []
    for i, v in enumerate(values):
        step = start + 10 * (i + 1)
        rows.append({"step": step, "loss": 0.5})  # train logs carry no eval metrics
        rows.append({"step": step, "eval_loss": 0.6, "eval_logps/chosen": v})
    return rows


def _kind_pairs(kind: str, n: int) -> list[dict]:
    return [{"id": f"{kind}-{i}", "kind": kind, "chosen": "a", "rejected": "b"} for i in range(n)]


def test_kind_weights_repeat_a_kind_in_the_training_order_deterministically():
    pairs = _kind_pairs("swallowed_exception", 200) + _kind_pairs("shell_true", 200)
    weights = {"swallowed_exception": 2.5, "shell_true": 0}
    weighted = weighted_by_kind(pairs, weights, "dpo.kind_weights")
    kinds = [p["kind"] for p in weighted]
    assert "shell_true" not in kinds
    # two copies of every pair, a third for about half of them
    assert 450 <= kinds.count("swallowed_exception") <= 550
    assert all(weighted.count(p) >= 2 for p in pairs[:200])
    assert weighted == weighted_by_kind(pairs, weights, "dpo.kind_weights")


def test_kind_weights_reject_an_absent_kind_and_a_negative_weight():
    pairs = _kind_pairs("shell_true", 3)
    with pytest.raises(UserError, match=r"dpo.kind_weights: no training pair of kind swalowed"):
        weighted_by_kind(pairs, {"swalowed": 2}, "dpo.kind_weights")
    with pytest.raises(UserError, match="leave no training pair"):
        weighted_by_kind(pairs, {"shell_true": 0}, "dpo.kind_weights")
    with pytest.raises(ValueError, match="weights must be >= 0"):
        DPOConfig(kind_weights={"shell_true": -1})


def test_chosen_logps_falling_needs_a_strict_run_of_three_and_a_real_drop():
    from codetune.lib.preference import chosen_logps_falling

    found = chosen_logps_falling(_history([-50.0, -49.0, -51.0, -53.0, -56.0]))
    assert found == {
        "steps": [20, 30, 40, 50],
        "logps_chosen": [-49.0, -51.0, -53.0, -56.0],
        "drop": 7.0,
    }
    assert chosen_logps_falling(_history([-50.0, -52.0])) is None  # two evaluations: no trend
    assert chosen_logps_falling(_history([-50.0, -52.0, -51.0])) is None  # recovered
    assert chosen_logps_falling(_history([-50.0, -50.3, -50.6])) is None  # falls, but by < 1 nat
    assert chosen_logps_falling(_history([-50.0, -50.0, -52.0, -54.0])) == {
        "steps": [20, 30, 40],
        "logps_chosen": [-50.0, -52.0, -54.0],
        "drop": 4.0,
    }  # a flat step ends the run: only strictly falling evaluations count
    # A final re-evaluation at the last step is the same evaluation, not a new point.
    rows = [*_history([-50.0, -52.0]), {"step": 20, "eval_logps/chosen": -52.0}]
    assert chosen_logps_falling(rows) is None


def test_chosen_logps_watch_warns_once(caplog):
    from types import SimpleNamespace

    from codetune.lib.preference import ChosenLogpsWatch

    watch = ChosenLogpsWatch("dpo")
    history: list[dict] = []
    with caplog.at_level("WARNING", logger="codetune"):
        for values in ([-40.0], [-40.0, -42.0], [-40.0, -42.0, -45.0], [-40.0, -42, -45, -47]):
            history[:] = _history(values)
            watch.on_evaluate(None, SimpleNamespace(log_history=history), None)
    assert watch.report is not None and watch.report["steps"] == [10, 20, 30]
    warnings = [r for r in caplog.records if "logps/chosen fell" in r.getMessage()]
    assert len(warnings) == 1 and "rpo_alpha" in warnings[0].getMessage()


def test_lean_lm_head_gives_trl_log_probs_on_the_labelled_positions_only():
    import torch
    from trl.trainer.utils import add_fused_lm_head

    from codetune.core.config import load_config
    from codetune.lib.models import load_base
    from codetune.lib.preference import lean_fused_lm_head, lean_lm_head_applies

    model, _, _ = load_base(load_config(None).model)
    assert lean_lm_head_applies(model)
    add_fused_lm_head(model, outputs=("log_probs", "entropy", "mean_logits", "is_top1"))
    torch.manual_seed(0)
    ids = torch.randint(0, 1000, (3, 12))
    attention = torch.ones_like(ids)
    attention[2, 9:] = 0  # a padded row
    labels = ids.masked_fill(torch.arange(12) < 5, -100).masked_fill(attention == 0, -100)
    with torch.no_grad():
        trl_out = model(input_ids=ids, attention_mask=attention, labels=labels, fused_lm_head=True)
        plain = model(input_ids=ids, attention_mask=attention).logits
    lean_fused_lm_head(model)
    lean_out = model(input_ids=ids, attention_mask=attention, labels=labels, fused_lm_head=True)
    torch.testing.assert_close(lean_out.log_probs, trl_out.log_probs, atol=1e-4, rtol=1e-4)
    assert (lean_out.log_probs[:, :4] == 0).all()  # prompt positions are not scored
    assert (lean_out.log_probs[2, 8:] == 0).all()  # nor padding
    # The unfused path (generation, scoring) is the model's own forward.
    with torch.no_grad():
        torch.testing.assert_close(model(input_ids=ids, attention_mask=attention).logits, plain)
    # Gradients reach the decoder through the lean head.
    lean_out.log_probs.sum().backward()
    grads = [p.grad for p in model.model.layers[-1].parameters() if p.grad is not None]
    assert grads and any(float(g.abs().sum()) > 0 for g in grads)


def _pair_batch(tokenizer, pairs, *, left_pad: bool):
    """A TRL-shaped DPO batch: rows [chosen..., rejected...], padded, completion-only labels."""
    import torch

    rows, prompt_lengths = [], []
    for column in ("chosen", "rejected"):
        for prompt, *completions in pairs:
            completion = completions[0] if column == "chosen" else completions[1]
            prompt_ids = tokenizer(prompt)["input_ids"]
            rows.append(prompt_ids + tokenizer(completion)["input_ids"])
            prompt_lengths.append(len(prompt_ids))
    length = max(map(len, rows))
    ids = torch.zeros(len(rows), length, dtype=torch.long)
    attention = torch.zeros_like(ids)
    labels = torch.full_like(ids, -100)
    for r, (row, prompt_length) in enumerate(zip(rows, prompt_lengths, strict=True)):
        start = length - len(row) if left_pad else 0
        ids[r, start : start + len(row)] = torch.tensor(row)
        attention[r, start : start + len(row)] = 1
        labels[r, start + prompt_length : start + len(row)] = torch.tensor(row[prompt_length:])
    return ids, attention, labels


@pytest.mark.parametrize(
    ("attention", "left_pad"), [("sdpa", False), ("sdpa", True), ("eager", False)]
)
def test_shared_prefix_packing_gives_the_same_log_probs_and_gradients(attention, left_pad):
    import torch

    from codetune.core.config import load_config
    from codetune.lib.models import load_base
    from codetune.lib.packing import pack_pairs
    from codetune.lib.preference import lean_fused_lm_head

    pairs = [  # a late defect, an early difference, a different length, identical prompts
        (
            "def clamp(x, lo, hi):\n",
            "    return max(lo, min(x, hi))\n",
            "    return max(lo, min(x, hi + 1))\n",
        ),
        ("def area(r):\n", "    import math\n    return math.pi * r * r\n", "    return 3 * r\n"),
        ("def first(xs):\n", "    return xs[0] if xs else None\n", "    return xs[0]\n"),
    ]
    results = []
    for share in (False, True):
        model, tokenizer, _ = load_base(load_config(None).model)
        model.config._attn_implementation = attention
        ids, mask, labels = _pair_batch(tokenizer, pairs, left_pad=left_pad)
        lean_fused_lm_head(model, share_prefix=share)
        out = model(input_ids=ids, attention_mask=mask, labels=labels, fused_lm_head=True)
        chosen, rejected = out.log_probs.sum(1).chunk(2)
        (chosen - rejected).sum().backward()
        grad = model.model.layers[0].self_attn.q_proj.weight.grad.clone()
        results.append((out.log_probs.detach(), grad))
    (plain, plain_grad), (shared, shared_grad) = results
    assert ((shared != 0) == (plain != 0)).all()  # the same positions are scored
    torch.testing.assert_close(shared, plain, atol=1e-4, rtol=1e-4)
    torch.testing.assert_close(shared_grad, plain_grad, atol=1e-5, rtol=1e-3)
    # The packed row really is shorter: each pair's prefix once, no padding.
    packed = pack_pairs(ids, mask)
    assert packed.input_ids.shape[1] < int(mask.sum()) < ids.numel()
