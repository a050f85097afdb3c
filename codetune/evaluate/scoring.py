"""Log-likelihood scoring: held-out loss and held-out preference accuracy.

Sequences are left-padded so every completion ends at the last position of the batch, which
lets the decoder's output be cut to the completion span; the LM head then runs on the trained
(completion) positions alone, in chunks: with a 151k-token vocabulary the LM head is most of
the cost, and prompt and padding positions need no logits.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import torch
from tqdm.auto import tqdm

from codetune.train.masking import eos_for_format, prompt_and_completion, tokenize_sample

# Positions per LM-head call: 256 x 151,936 fp32 logits = 156 MB at most at a time.
LOGPROB_CHUNK = 256


@torch.no_grad()
def completion_logprobs(
    model,
    samples: Sequence[dict[str, list[int]]],
    *,
    pad_id: int,
    batch_size: int = 8,
    desc: str = "scoring",
) -> list[tuple[float, int]]:
    """(sum of log-probs of the trained tokens, number of trained tokens) per sample."""
    model.eval()
    device = next(model.parameters()).device
    out: list[tuple[float, int]] = [(0.0, 0)] * len(samples)
    # Longest first keeps padding low inside a batch.
    order = sorted(range(len(samples)), key=lambda i: -len(samples[i]["input_ids"]))
    for start in tqdm(range(0, len(order), batch_size), desc=desc, leave=False):
        idx = order[start : start + batch_size]
        batch = [samples[i] for i in idx]
        width = max(len(s["input_ids"]) for s in batch)
        ids = torch.full((len(batch), width), pad_id, dtype=torch.long)
        attn = torch.zeros((len(batch), width), dtype=torch.long)
        trained = torch.zeros((len(batch), width), dtype=torch.bool)
        for row, s in enumerate(batch):
            n = len(s["input_ids"])
            ids[row, width - n :] = torch.tensor(s["input_ids"])
            attn[row, width - n :] = 1
            trained[row, width - n :] = torch.tensor(s["completion_mask"], dtype=torch.bool)
        # Logits are needed from the position before the first trained token onwards.
        has_trained = trained.any(dim=1)
        if not has_trained.any():
            continue
        first = int(trained[has_trained].float().argmax(dim=1).min())
        keep = width - max(first, 1) + 1
        position_ids = (attn.cumsum(dim=1) - 1).clamp(min=0)
        inputs = {
            "input_ids": ids.to(device),
            "attention_mask": attn.to(device),
            "position_ids": position_ids.to(device),
            "use_cache": False,
        }
        target = ids[:, width - keep + 1 :].to(device)
        mask = trained[:, width - keep + 1 :].to(device)
        token_logp = _trained_token_logprobs(model, inputs, keep, mask, target[mask])
        rows = mask.nonzero(as_tuple=True)[0]
        sums = torch.zeros(len(batch), device=device).index_add_(0, rows, token_logp)
        counts = mask.sum(dim=1)
        for row, i in enumerate(idx):
            out[i] = (float(sums[row]), int(counts[row]))
    return out


def plain_lm_head(model) -> bool:
    """Whether logits are just the LM head applied to the decoder's last hidden state (no logit
    scaling or soft-capping), so the head can be applied to chosen positions only."""
    text = model.config.get_text_config()
    special = ("final_logit_softcapping", "logit_scale", "output_multiplier", "logits_scaling")
    return all(getattr(text, name, None) in (None, 1.0) for name in special) and hasattr(
        model, model.base_model_prefix
    )


def _trained_token_logprobs(
    model, inputs: dict[str, Any], keep: int, mask: torch.Tensor, targets: torch.Tensor
) -> torch.Tensor:
    """Log-probs of `targets` at the trained positions `mask` of the last `keep` positions.

    Where the head is plain, it runs on the trained positions alone, LOGPROB_CHUNK of them at a
    time: the LM head over a 151k vocabulary on every kept position (prompt tail and padding
    included) was most of the scoring time and memory."""
    # A PEFT model's adapters live inside the wrapped model's modules: its decoder and head
    # are the wrapped model's (adapters, enabled or not, included).
    inner = model.get_base_model() if hasattr(model, "get_base_model") else model
    if not plain_lm_head(inner):
        logits = model(**inputs, logits_to_keep=keep).logits[:, :-1]
        return -torch.nn.functional.cross_entropy(logits[mask].float(), targets, reduction="none")
    model = inner
    hidden = getattr(model, model.base_model_prefix)(**inputs).last_hidden_state
    hidden = hidden[:, -keep:][:, :-1][mask]
    head = model.get_output_embeddings()
    parts = []
    for start in range(0, hidden.size(0), LOGPROB_CHUNK):
        # The head in fp32 even under bf16 autocast: bf16 logits would cost log-probs about
        # two decimal digits, more than the differences between models being compared.
        with torch.autocast(hidden.device.type, enabled=False):
            logits = head(hidden[start : start + LOGPROB_CHUNK].float()).float()
        parts.append(
            -torch.nn.functional.cross_entropy(
                logits, targets[start : start + LOGPROB_CHUNK], reduction="none"
            )
        )
    return torch.cat(parts) if parts else hidden.new_zeros(0, dtype=torch.float32)


def heldout_loss(
    model, tokenizer, rows: list[dict[str, Any]], fmt: str, *, max_length: int, batch_size: int
) -> dict[str, float]:
    """Mean negative log-likelihood per trained token over `rows` (and its perplexity).

    `per_row` keeps (row index, NLL sum, trained tokens) of every scored row, so intervals can
    resample rows; rows with no trained token left after truncation are not scored."""
    eos = eos_for_format(fmt)
    samples, kept = [], []
    for i, row in enumerate(rows):
        prompt, completion = prompt_and_completion(row, fmt, tokenizer)
        s = tokenize_sample(prompt, completion, tokenizer, eos=eos, max_length=max_length)
        if 1 in s["completion_mask"]:
            samples.append(s)
            kept.append(i)
    scores = completion_logprobs(
        model, samples, pad_id=tokenizer.pad_token_id, batch_size=batch_size, desc="held-out loss"
    )
    total = sum(s for s, _ in scores)
    tokens = sum(n for _, n in scores)
    loss = -total / max(tokens, 1)
    return {
        "loss": loss,
        "perplexity": float(torch.tensor(min(loss, 700.0)).exp()),
        "tokens": tokens,
        "per_row": [(i, -logp, n) for i, (logp, n) in zip(kept, scores, strict=True)],
    }


def preference_accuracy(
    model,
    tokenizer,
    pairs: list[dict[str, Any]],
    *,
    max_length: int,
    batch_size: int,
    eos: str = "<|endoftext|>",
) -> dict[str, Any]:
    """Share of pairs where the model prefers `chosen` to `rejected`, two ways.

    Raw: the summed log-likelihood of the completion (DPO's own quantity). Normalised: the mean
    log-likelihood per completion token (lm-eval's acc_norm idea): when a defect *removes*
    code (a None check, a try/except), the chosen side is longer and loses on the raw sum
    whatever the model knows, so the per-token figure is the fairer read of a preference.
    Ties count half. Unlike TRL's `rewards/accuracies` (policy vs reference, 0 before any
    training by construction), both are defined for any model, so before/after DPO compare.
    `per_pair` / `per_pair_norm` keep (pair index, win) of every compared pair, so intervals
    can resample pairs.
    """
    samples = []
    for p in pairs:
        for side in ("chosen", "rejected"):
            samples.append(
                tokenize_sample(p["prompt"], p[side], tokenizer, eos=eos, max_length=max_length)
            )
    scores = completion_logprobs(
        model, samples, pad_id=tokenizer.pad_token_id, batch_size=batch_size, desc="preference"
    )
    per_pair: list[tuple[int, float]] = []
    per_pair_norm: list[tuple[int, float]] = []
    margins: list[float] = []
    by_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    skipped = 0
    for i, p in enumerate(pairs):
        (chosen, n_chosen), (rejected, n_rejected) = scores[2 * i], scores[2 * i + 1]
        if not n_chosen or not n_rejected:  # the prompt alone fills max_length: nothing to compare
            skipped += 1
            continue
        win = _win(chosen, rejected)
        win_norm = _win(chosen / n_chosen, rejected / n_rejected)
        per_pair.append((i, win))
        per_pair_norm.append((i, win_norm))
        margins.append(chosen - rejected)
        by_kind[p.get("kind", "unknown")].append((win, win_norm))
    n = len(per_pair)
    return {
        "accuracy": sum(w for _, w in per_pair) / n if n else None,
        "accuracy_norm": sum(w for _, w in per_pair_norm) / n if n else None,
        "mean_logp_margin": sum(margins) / n if n else None,
        "pairs": n,
        "skipped_truncated": skipped,
        "by_kind": {
            k: {
                "accuracy": sum(w for w, _ in v) / len(v),
                "accuracy_norm": sum(w for _, w in v) / len(v),
                "pairs": len(v),
            }
            for k, v in sorted(by_kind.items())
        },
        "per_pair": per_pair,
        "per_pair_norm": per_pair_norm,
    }


def _win(chosen: float, rejected: float) -> float:
    return 1.0 if chosen > rejected else 0.5 if chosen == rejected else 0.0
