"""The eval stage's inference levers on the embedded SmolLM2-135M, each against its own baseline.

1. **autocast and frozen weights**: greedy decoding of a model whose parameters do not require
   grad (a merged `merge_and_unload` model) under bf16 autocast, plain vs inside
   `inference_autocast`, which turns requires-grad on for the length of the context so that
   autocast caches its bf16 copy of each weight instead of re-casting it at every matmul.
2. **prompts per generate call**: decoding tokens/s at 8 vs `--batch` prompts per call
   (`eval.generation_batch_size`); decoding is bound by per-step overhead on a small CPU.
3. **preference pairs with their shared prefix once** (`lib.scoring.pair_logprobs`) vs both
   sides scored side by side (`completion_logprobs`), on the real held-out pairs of a run.
   Also prints the largest log-prob difference between the two (they must agree).

Every figure is a ratio against the baseline timed in the same run, each measured twice and
the faster kept (the first call builds kernels). Prints the precision and threads it ran with.

    python benchmarks/eval_inference.py [--pairs runs/quickstart/pairs/test.jsonl] [--num-pairs 64] [--batch 32]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import torch

from codetune.core.config import load_config
from codetune.core.runtime import resolve_precision
from codetune.lib.generate import inference_autocast
from codetune.lib.masking import tokenize_sample
from codetune.lib.models import load_base
from codetune.lib.packing import common_prefix_length
from codetune.lib.scoring import completion_logprobs, pair_logprobs

PROMPT = 'def fib(n):\n    """Return the n-th Fibonacci number, computed with a loop."""\n'


def best_of_two(fn) -> float:
    times = []
    for _ in range(2):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


@torch.no_grad()
def decode(model, tokenizer, n_prompts: int, new_tokens: int) -> None:
    enc = tokenizer([PROMPT] * n_prompts, return_tensors="pt", padding=True)
    model.generate(
        **enc,
        max_new_tokens=new_tokens,
        min_new_tokens=new_tokens,
        do_sample=False,
        pad_token_id=tokenizer.pad_token_id,
    )


def real_pairs(path: str, limit: int) -> list[dict]:
    if not Path(path).is_file():
        raise SystemExit(f"{path}: not found; run `make quickstart` first or pass --pairs FILE")
    return [json.loads(line) for line in Path(path).read_text().splitlines()][:limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", default="runs/quickstart/pairs/test.jsonl")
    parser.add_argument("--num-pairs", type=int, default=64)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    cfg = load_config("configs/quickstart.yaml")
    model, tokenizer, _ = load_base(cfg.model)
    model.eval()
    tokenizer.padding_side = "left"
    precision = resolve_precision("auto")
    print(
        f"precision {precision}, {torch.get_num_threads()} threads, model {cfg.model.name_or_path}"
    )

    # 1. frozen weights under autocast
    for p in model.parameters():
        p.requires_grad_(False)
    dtype = torch.bfloat16 if precision == "bf16" else torch.float32
    with torch.autocast("cpu", dtype=dtype, enabled=precision == "bf16"):
        plain = best_of_two(lambda: decode(model, tokenizer, 8, 48))
    with inference_autocast(model, precision):
        lever = best_of_two(lambda: decode(model, tokenizer, 8, 48))
    print(
        f"1. autocast, frozen weights, 8 x 48 tokens: plain {plain:.2f} s, "
        f"inference_autocast {lever:.2f} s -> {plain / lever:.2f}x"
    )

    # 2. prompts per generate call
    with inference_autocast(model, precision):
        small = best_of_two(lambda: decode(model, tokenizer, 8, 48))
        large = best_of_two(lambda: decode(model, tokenizer, args.batch, 48))
    rate_small, rate_large = 8 * 48 / small, args.batch * 48 / large
    print(
        f"2. decoding: {rate_small:.0f} tokens/s at 8 prompts, {rate_large:.0f} at "
        f"{args.batch} -> {rate_large / rate_small:.2f}x"
    )

    # 3. pairs with their shared prefix once
    pairs = real_pairs(args.pairs, args.num_pairs)
    eos = tokenizer.eos_token
    samples = [
        tuple(
            tokenize_sample(p["prompt"], p[side], tokenizer, eos=eos, max_length=512)
            for side in ("chosen", "rejected")
        )
        for p in pairs
    ]
    total = sum(len(a["input_ids"]) + len(b["input_ids"]) for a, b in samples)
    shared = sum(
        common_prefix_length(torch.tensor(a["input_ids"]), torch.tensor(b["input_ids"]))
        for a, b in samples
    )
    flat_samples = [s for pair in samples for s in pair]
    results: dict[str, list] = {}
    with inference_autocast(model, precision):
        side = best_of_two(
            lambda: results.__setitem__(
                "flat", completion_logprobs(model, flat_samples, pad_id=tokenizer.pad_token_id)
            )
        )
        packed = best_of_two(
            lambda: results.__setitem__(
                "packed", pair_logprobs(model, samples, pad_id=tokenizer.pad_token_id)
            )
        )
    flat = results["flat"]
    gap = max(
        abs(flat[2 * i + j][0] - results["packed"][i][j][0])
        for i in range(len(samples))
        for j in (0, 1)
    )
    print(
        f"3. {len(samples)} pairs ({total} tokens, {shared / total:.1%} shared): side by side "
        f"{side:.1f} s, shared prefix once {packed:.1f} s -> {side / packed:.2f}x "
        f"(largest log-prob difference {gap:.3g} nats, {precision})"
    )


if __name__ == "__main__":
    main()
