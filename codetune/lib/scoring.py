"""Log-likelihood scoring: held-out loss and held-out preference accuracy.

Sequences are left-padded so every completion ends at the last position of the batch, which
lets the decoder's output be cut to the completion span; the LM head then runs on the trained
(completion) positions alone, in chunks: with a 151k-token vocabulary the LM head is most of
the cost, and prompt and padding positions need no logits.

A preference pair's two sides share their prompt (and often the completion up to the defect),
so `pair_logprobs` runs each pair as one packed row (`prefix_sharing.pack_pairs`, the same
packing DPO trains with): the shared prefix goes through the decoder once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import torch
from tqdm.auto import tqdm

from codetune.lib.layershare import SharedLowerLayers
from codetune.lib.masking import eos_for_format, sample_of_row, tokenize_sample
from codetune.lib.packing import SHAREABLE_ATTENTION, PackedPairs, pack_pairs

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
    share: SharedLowerLayers | None = None,
) -> list[tuple[float, int]]:
    """(sum of log-probs of the trained tokens, number of trained tokens) per sample.

    `share`: lower decoder layers recorded from, or replayed into, a chain of models that
    share them (`layershare`); the figures are the same either way."""
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
        token_logp = _trained_token_logprobs(model, inputs, keep, mask, target[mask], share)
        rows = mask.nonzero(as_tuple=True)[0]
        sums = torch.zeros(len(batch), device=device).index_add_(0, rows, token_logp)
        counts = mask.sum(dim=1)
        for row, i in enumerate(idx):
            out[i] = (float(sums[row]), int(counts[row]))
    return out


Score = tuple[float, int]


@torch.no_grad()
def pair_logprobs(
    model,
    pairs: Sequence[tuple[dict[str, list[int]], dict[str, list[int]]]],
    *,
    pad_id: int,
    batch_size: int = 8,
    desc: str = "scoring pairs",
    share: SharedLowerLayers | None = None,
) -> list[tuple[Score, Score]]:
    """`completion_logprobs` of both sides of each (chosen, rejected) pair of samples.

    Each pair is one packed row holding [shared prefix | chosen suffix | rejected suffix] with
    a two-branch attention mask, so every token sees the context it has unpacked and the
    figures are the same up to float rounding; one pair per row keeps attention linear in the
    number of pairs. On the quickstart's 220 held-out pairs (SmolLM2-135M, 2 cores) this is
    the eval's largest single cost. Models whose head is not plain or whose attention cannot
    take a 4-D mask are scored side by side instead. `share` as in `completion_logprobs`."""
    inner = model.get_base_model() if hasattr(model, "get_base_model") else model
    attention = getattr(inner.config, "_attn_implementation", None)
    if not plain_lm_head(inner) or attention not in SHAREABLE_ATTENTION:
        flat = completion_logprobs(
            model,
            [s for p in pairs for s in p],
            pad_id=pad_id,
            batch_size=batch_size,
            desc=desc,
            share=share,
        )
        return list(zip(flat[0::2], flat[1::2], strict=True))
    model.eval()
    device = next(model.parameters()).device
    decoder = getattr(inner, inner.base_model_prefix)
    head = inner.get_output_embeddings()
    packs = [_pack_pair(chosen, rejected, pad_id) for chosen, rejected in pairs]
    out: list[tuple[Score, Score]] = [((0.0, 0), (0.0, 0))] * len(pairs)
    order = sorted(range(len(pairs)), key=lambda i: -packs[i].input_ids.shape[1])
    for start in tqdm(range(0, len(order), batch_size), desc=desc, leave=False):
        idx = order[start : start + batch_size]
        ids, positions, mask = _stack_packs([packs[i] for i in idx], pad_id)
        if attention == "eager":
            mask = torch.zeros(mask.shape).masked_fill(~mask, torch.finfo(torch.float32).min)
        inputs = {
            "input_ids": ids.to(device),
            "position_ids": positions.to(device),
            "attention_mask": mask.to(device),
            "use_cache": False,
        }
        hidden = (
            share.decoder(inner, **inputs)
            if share is not None
            else decoder(**inputs).last_hidden_state
        )
        width = ids.shape[1]
        # Every scored token as (packed position that predicts it, target, side it counts for).
        where, targets, owner = [], [], []
        for row, i in enumerate(idx):
            for side, sample in enumerate(pairs[i]):
                token_ids = torch.tensor(sample["input_ids"])
                scored = torch.tensor(sample["completion_mask"][1:], dtype=torch.bool)
                before = scored.nonzero().squeeze(1)  # positions whose next token is trained
                where.append(row * width + packs[i].source[side, before])
                targets.append(token_ids[before + 1])
                owner.append(torch.full((len(before),), 2 * row + side))
        where_t, targets_t, owner_t = torch.cat(where), torch.cat(targets), torch.cat(owner)
        # A shared position predicting the same token is scored once for both sides.
        vocab = head.weight.shape[0]
        keys, inverse = torch.unique(where_t * vocab + targets_t, return_inverse=True)
        flat = hidden.reshape(-1, hidden.shape[-1])
        unique_logp = _head_logprobs(head, flat[(keys // vocab).to(device)], keys % vocab)
        token_logp = unique_logp[inverse.to(device)]
        sums = torch.zeros(2 * len(idx), device=device).index_add_(
            0, owner_t.to(device), token_logp
        )
        counts = torch.bincount(owner_t, minlength=2 * len(idx))
        for row, i in enumerate(idx):
            out[i] = (
                (float(sums[2 * row]), int(counts[2 * row])),
                (float(sums[2 * row + 1]), int(counts[2 * row + 1])),
            )
    return out


def _pack_pair(chosen: dict[str, list[int]], rejected: dict[str, list[int]], pad_id: int):
    """One pair as a packed row; its `source` indexes the samples' own (unpadded) positions."""
    length = max(len(chosen["input_ids"]), len(rejected["input_ids"]))
    ids = torch.full((2, length), pad_id, dtype=torch.long)
    attn = torch.zeros((2, length), dtype=torch.long)
    for row, sample in enumerate((chosen, rejected)):
        ids[row, : len(sample["input_ids"])] = torch.tensor(sample["input_ids"])
        attn[row, : len(sample["input_ids"])] = 1
    return pack_pairs(ids, attn)


def _stack_packs(
    packs: list[PackedPairs], pad_id: int
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Packed rows padded on the right to one batch. A padding position attends to itself
    only: a query that sees no key gives NaN, which would reach the real rows through
    attention's zero weights (0 x NaN)."""
    width = max(p.input_ids.shape[1] for p in packs)
    ids = torch.full((len(packs), width), pad_id, dtype=torch.long)
    positions = torch.zeros((len(packs), width), dtype=torch.long)
    mask = torch.eye(width, dtype=torch.bool).repeat(len(packs), 1, 1, 1)
    for row, pack in enumerate(packs):
        n = pack.input_ids.shape[1]
        ids[row, :n] = pack.input_ids[0]
        positions[row, :n] = pack.position_ids[0]
        mask[row, 0, :n, :n] = pack.attention_mask[0, 0]
    return ids, positions, mask


def _head_logprobs(head, hidden: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """log p(target) from the LM head, LOGPROB_CHUNK positions at a time, in fp32 even under
    bf16 autocast: bf16 logits would cost log-probs about two decimal digits, more than the
    differences between models being compared."""
    targets = targets.to(hidden.device)
    parts = []
    for start in range(0, hidden.size(0), LOGPROB_CHUNK):
        with torch.autocast(hidden.device.type, enabled=False):
            logits = head(hidden[start : start + LOGPROB_CHUNK].float()).float()
        parts.append(
            -torch.nn.functional.cross_entropy(
                logits, targets[start : start + LOGPROB_CHUNK], reduction="none"
            )
        )
    return torch.cat(parts) if parts else hidden.new_zeros(0, dtype=torch.float32)


def plain_lm_head(model) -> bool:
    """Whether logits are just the LM head applied to the decoder's last hidden state (no logit
    scaling or soft-capping), so the head can be applied to chosen positions only."""
    text = model.config.get_text_config()
    special = ("final_logit_softcapping", "logit_scale", "output_multiplier", "logits_scaling")
    return all(getattr(text, name, None) in (None, 1.0) for name in special) and hasattr(
        model, model.base_model_prefix
    )


def _trained_token_logprobs(
    model,
    inputs: dict[str, Any],
    keep: int,
    mask: torch.Tensor,
    targets: torch.Tensor,
    share: SharedLowerLayers | None = None,
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
    if share is not None:
        hidden = share.decoder(model, **inputs)
    else:
        hidden = getattr(model, model.base_model_prefix)(**inputs).last_hidden_state
    hidden = hidden[:, -keep:][:, :-1][mask]
    return _head_logprobs(model.get_output_embeddings(), hidden, targets)


def heldout_loss(
    model,
    tokenizer,
    rows: list[dict[str, Any]],
    fmt: str,
    *,
    max_length: int,
    batch_size: int,
    share: SharedLowerLayers | None = None,
) -> dict[str, float]:
    """Mean negative log-likelihood per trained token over `rows` (and its perplexity).

    `per_row` keeps (row index, NLL sum, trained tokens) of every scored row, so intervals can
    resample rows; rows with no trained token left after truncation are not scored."""
    eos = eos_for_format(fmt)
    samples, kept = [], []
    for i, row in enumerate(rows):
        s = sample_of_row(row, fmt, tokenizer, eos=eos, max_length=max_length)
        if 1 in s["completion_mask"]:
            samples.append(s)
            kept.append(i)
    scores = completion_logprobs(
        model,
        samples,
        pad_id=tokenizer.pad_token_id,
        batch_size=batch_size,
        desc="held-out loss",
        share=share,
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
    share: SharedLowerLayers | None = None,
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
    samples = [
        tuple(
            tokenize_sample(p["prompt"], p[side], tokenizer, eos=eos, max_length=max_length)
            for side in ("chosen", "rejected")
        )
        for p in pairs
    ]
    scored = pair_logprobs(
        model,
        samples,
        pad_id=tokenizer.pad_token_id,
        batch_size=batch_size,
        desc="preference",
        share=share,
    )
    per_pair: list[tuple[int, float]] = []
    per_pair_norm: list[tuple[int, float]] = []
    margins: list[float] = []
    by_kind: dict[str, list[tuple[float, float]]] = defaultdict(list)
    skipped = 0
    for i, p in enumerate(pairs):
        (chosen, n_chosen), (rejected, n_rejected) = scored[i]
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
