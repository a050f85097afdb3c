"""Frozen lower layers computed once (codetune/lib/layershare.py), each against its baseline.

On the embedded SmolLM2-135M (30 layers), with the quickstart's adapter policies:
1. **DPO step**: LoRA on the top `--dpo-lora-layers` layers (quickstart: 10); one step is the
   policy forward + backward and TRL's reference forward (adapter disabled) on the same pairs.
   Baseline: the reference runs all 30 layers; lever: it reuses the policy pass's hidden state
   below the adapter (`lean_fused_lm_head(frozen_lower_layers=...)`).
2. **Eval scoring of a chain**: a model whose layers from `--eval-depth` up differ from the
   base's (as after the quickstart's SFT: LoRA on 15-26, 27-29 in full) scores the held-out
   pairs. Baseline: in full; lever: replaying the base's recorded lower layers.

Real pairs from a quickstart run folder (`make quickstart` first, or --pairs). Every figure is
a ratio against the baseline timed in the same run (best of `--repeats`); the largest log-prob
difference between the two is printed too (they must agree). Prints the precision and threads.

    python benchmarks/lower_layers.py [--pairs runs/quickstart/pairs/test.jsonl] [--num-pairs 32]
"""

from __future__ import annotations

import argparse
import copy
import json
import time
from pathlib import Path

import torch

from codetune.core.config import load_config
from codetune.core.runtime import resolve_precision
from codetune.lib.generate import inference_autocast
from codetune.lib.layershare import SharedLowerLayers
from codetune.lib.masking import document_eos, tokenize_sample
from codetune.lib.models import apply_trainable_policy, load_base
from codetune.lib.preference import lean_fused_lm_head
from codetune.lib.scoring import pair_logprobs


def best_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def load_pairs(path: str, limit: int) -> list[dict]:
    if not Path(path).is_file():
        raise SystemExit(f"{path}: not found; run `make quickstart` first or pass --pairs FILE")
    return [json.loads(line) for line in Path(path).read_text().splitlines()][:limit]


def dpo_batch(tokenizer, pairs: list[dict], max_length: int):
    """TRL's DPO batch layout: rows [chosen..., rejected...], right-padded, completion labels."""
    rows = []
    for side in ("chosen", "rejected"):
        for p in pairs:
            s = tokenize_sample(
                p["prompt"], p[side], tokenizer, eos=document_eos(tokenizer), max_length=max_length
            )
            rows.append(s)
    width = max(len(s["input_ids"]) for s in rows)
    ids = torch.full((len(rows), width), tokenizer.pad_token_id)
    mask = torch.zeros_like(ids)
    labels = torch.full_like(ids, -100)
    for r, s in enumerate(rows):
        n = len(s["input_ids"])
        ids[r, :n] = torch.tensor(s["input_ids"])
        mask[r, :n] = 1
        trained = torch.tensor(s["completion_mask"], dtype=torch.bool)
        labels[r, :n] = torch.tensor(s["input_ids"]).masked_fill(~trained, -100)
    return ids, mask, labels


def dpo_step_time(base, cfg, frozen: int, batch, repeats: int) -> tuple[float, torch.Tensor]:
    torch.manual_seed(0)
    peft_model, _ = apply_trainable_policy(copy.deepcopy(base), cfg)
    peft_model.train()
    lean_fused_lm_head(peft_model.get_base_model(), share_prefix=True, frozen_lower_layers=frozen)
    ids, mask, labels = batch
    kwargs = {"input_ids": ids, "attention_mask": mask, "labels": labels, "fused_lm_head": True}
    reference = []

    def step():
        peft_model(**kwargs).log_probs.sum().backward()
        with torch.no_grad(), peft_model.disable_adapter():
            reference.append(peft_model(**kwargs).log_probs)

    return best_time(step, repeats), reference[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default="runs/quickstart/pairs/test.jsonl")
    parser.add_argument("--num-pairs", type=int, default=32)
    parser.add_argument("--dpo-pairs", type=int, default=2, help="Pairs per DPO micro-batch.")
    parser.add_argument("--dpo-lora-layers", type=int, default=10)
    parser.add_argument("--eval-depth", type=int, default=15)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    qs = load_config("configs/quickstart.yaml")
    base, tokenizer, _ = load_base(qs.model)
    n_layers = base.config.num_hidden_layers
    precision = resolve_precision("auto")
    print(
        f"precision {precision}, {torch.get_num_threads()} threads, {qs.model.name_or_path} "
        f"({n_layers} layers)"
    )
    pairs = load_pairs(args.pairs, args.num_pairs)

    # 1. DPO step
    cfg = qs.dpo.model_copy(update={"lora_layers": args.dpo_lora_layers})
    batch = dpo_batch(tokenizer, pairs[: args.dpo_pairs], qs.dpo.max_length)
    frozen = n_layers - args.dpo_lora_layers
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
        full_t, full_ref = dpo_step_time(base, cfg, 0, batch, args.repeats)
        shared_t, shared_ref = dpo_step_time(base, cfg, frozen, batch, args.repeats)
    gap = float((full_ref - shared_ref).abs().max())
    print(
        f"1. DPO step ({args.dpo_pairs} pairs, LoRA on the top {args.dpo_lora_layers} layers): "
        f"reference in full {full_t:.2f} s, reusing layers 0-{frozen - 1} {shared_t:.2f} s "
        f"-> {full_t / shared_t:.2f}x (largest reference log-prob difference {gap:.3g})"
    )

    # 2. eval scoring of a model above the base's lower layers
    tuned = copy.deepcopy(base).eval()
    torch.manual_seed(1)
    with torch.no_grad():
        for layer in tuned.model.layers[args.eval_depth :]:
            for p in layer.parameters():
                p.add_(torch.randn_like(p) * 1e-3)
    eos = document_eos(tokenizer)
    samples = [
        tuple(
            tokenize_sample(p["prompt"], p[s], tokenizer, eos=eos, max_length=512)
            for s in ("chosen", "rejected")
        )
        for p in pairs
    ]
    pad = tokenizer.pad_token_id
    share = SharedLowerLayers(args.eval_depth)
    results = {}
    with inference_autocast(base, precision):
        share.bind(base)
        pair_logprobs(base, samples, pad_id=pad, share=share)  # records
    with inference_autocast(tuned, precision):
        assert share.bind(tuned) == "replay"
        full = best_time(
            lambda: results.__setitem__("full", pair_logprobs(tuned, samples, pad_id=pad)),
            args.repeats,
        )
        replay = best_time(
            lambda: results.__setitem__(
                "replay", pair_logprobs(tuned, samples, pad_id=pad, share=share)
            ),
            args.repeats,
        )
    gap = max(
        abs(a[0] - b[0])
        for fa, fb in zip(results["full"], results["replay"], strict=True)
        for a, b in zip(fa, fb, strict=True)
    )
    print(
        f"2. eval scoring, {len(samples)} pairs, layers {args.eval_depth}-{n_layers - 1} "
        f"changed: in full {full:.1f} s, replaying layers 0-{args.eval_depth - 1} {replay:.1f} s "
        f"-> {full / replay:.2f}x (largest log-prob difference {gap:.3g} nats)"
    )


if __name__ == "__main__":
    main()
