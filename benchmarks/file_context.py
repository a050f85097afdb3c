"""Held-out loss with and without file context in the prompt (`data.context_tokens`).

Two data runs of the quickstart's config that differ only in `data.context_tokens` (0 and
`--budget`): the same functions, splits and completions, only the prompts differ. On the
embedded SmolLM2-135M-Instruct, each scores the same held-out completion tokens (max length
large enough that nothing is cut, which the script checks), first with the base model, then,
with `--sft`, with a model SFT-trained by the quickstart's recipe on each data run (the
baseline trained and judged without context, the variant with it). Prints both losses, the
paired difference per function with a 95% bootstrap interval, and the ratio.

    python benchmarks/file_context.py [--budget 256] [--rows 160] [--sft]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

import torch

from codetune.core.config import load_config
from codetune.core.io import read_jsonl
from codetune.core.runs import Run
from codetune.core.runtime import resolve_precision
from codetune.lib.models import load_base
from codetune.lib.scoring import heldout_loss
from codetune.lib.stats import paired_bootstrap_ci
from codetune.pipeline import run_pipeline

CONFIG = Path(__file__).parents[1] / "configs" / "quickstart.yaml"


def run_stages(out: Path, budget: int, stages: list[str], max_length: int) -> object:
    """The quickstart's stages with `budget`; SFT's max length the same for both runs and long
    enough for the context (the quickstart's 256 would cut completions behind it)."""
    cfg = load_config(
        CONFIG,
        [
            f"output_dir={out}",
            f"data.context_tokens={budget}",
            f"stages=[{','.join(stages)}]",
            f"sft.max_length={max_length}",
        ],
    )
    run_pipeline(cfg, only=stages)  # gates of the stages left out are not checked
    return cfg


def score(model, tokenizer, rows: list[dict], max_length: int) -> dict:
    with torch.inference_mode():
        return heldout_loss(
            model, tokenizer, rows, "completion", max_length=max_length, batch_size=4
        )


def per_row_loss(result: dict) -> dict[int, tuple[float, int]]:
    return {i: (nll, n) for i, nll, n in result["per_row"]}


def compare(name: str, plain: dict, context: dict) -> None:
    a, b = per_row_loss(plain), per_row_loss(context)
    common = sorted(set(a) & set(b))
    if any(a[i][1] != b[i][1] for i in common):
        raise SystemExit("completion token counts differ: something was truncated")
    mean_a = [a[i][0] / a[i][1] for i in common]
    mean_b = [b[i][0] / b[i][1] for i in common]
    delta, lo, hi = paired_bootstrap_ci(mean_a, mean_b)
    print(
        f"{name}: held-out loss without context {plain['loss']:.4f}, with {context['loss']:.4f} "
        f"nats/token ({plain['tokens']} completion tokens, {len(common)} functions); per "
        f"function with - without {delta:+.4f} [{lo:+.4f}, {hi:+.4f}]; "
        f"ratio {context['loss'] / plain['loss']:.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=256, help="context_tokens of the variant")
    parser.add_argument("--rows", type=int, default=160, help="held-out functions scored")
    parser.add_argument("--sft", action="store_true", help="also SFT a model on each data run")
    parser.add_argument("--max-length", type=int, default=2048, help="when scoring")
    parser.add_argument("--sft-max-length", type=int, default=640)
    args = parser.parse_args()

    precision = resolve_precision("auto")
    print(
        f"threads {torch.get_num_threads()}, precision {precision}, "
        f"CPU flags avx512_bf16={'avx512_bf16' in Path('/proc/cpuinfo').read_text()}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        stages = ["data", "sft"] if args.sft else ["data"]
        runs = {}
        for label, budget in (("without", 0), ("with", args.budget)):
            cfg = run_stages(Path(tmp) / label, budget, stages, args.sft_max_length)
            runs[label] = (
                cfg,
                read_jsonl(Path(tmp) / label / "data" / "completion" / "test.jsonl"),
            )
        plain_rows, context_rows = runs["without"][1], runs["with"][1]
        if [r["id"] for r in plain_rows] != [r["id"] for r in context_rows]:
            raise SystemExit("the two data runs kept different functions")
        with_context = sum(
            r["prompt"] != p["prompt"] for r, p in zip(context_rows, plain_rows, strict=True)
        )
        print(
            f"{len(plain_rows)} held-out functions, {with_context} with context; scoring the "
            f"first {args.rows}; budget {args.budget} code tokens"
        )
        plain_rows, context_rows = plain_rows[: args.rows], context_rows[: args.rows]

        cfg = runs["without"][0]
        model, tokenizer, _ = load_base(cfg.model)
        compare(
            "base",
            score(model, tokenizer, plain_rows, args.max_length),
            score(model, tokenizer, context_rows, args.max_length),
        )
        if args.sft:
            from codetune.lib.preference import load_sft_model

            results = {}
            for label, rows in (("without", plain_rows), ("with", context_rows)):
                cfg = runs[label][0]
                sft_model, tokenizer, _ = load_sft_model(cfg, Run(cfg.run_dir))
                results[label] = score(sft_model, tokenizer, rows, args.max_length)
                del sft_model
            compare("SFT (each on its own data)", results["without"], results["with"])


if __name__ == "__main__":
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    main()
