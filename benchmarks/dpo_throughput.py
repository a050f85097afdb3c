"""DPO training throughput: plain TRL `DPOTrainer` vs codetune's DPO stage, in one run.

Every variant trains a fresh LoRA adapter on the embedded tiny Qwen3 (the same starting
weights for all: the reference is that model with the adapter disabled) on the same preference
pairs for the same optimizer steps, with the same batch (2 x accumulation 2), max length,
LoRA (codetune's default: r 16, alpha 32 on every decoder linear layer), precision (codetune's
`auto`: bf16 on a CPU with AVX512-BF16) and learning rate. Each variant runs in its own
subprocess so peak RSS figures do not mix. The pairs are built here: a codetune data run over
the Python standard library, then codetune's synthetic pairs (one injected defect per pair).

- trl: plain TRL with those settings, everything else at TRL's defaults;
- codetune: codetune's own DPO code (`codetune.lib.preference.train_preference_adapter`) with its
  defaults;
- levers (`--variants`): trl-no-gc (TRL without its default gradient checkpointing, which
  codetune leaves off), trl-precompute (TRL's precompute_ref_log_probs), codetune-fp32,
  codetune-1x4 (batch 1 x accumulation 4), codetune-token-metrics (log_token_metrics: TRL's LM
  head, which scores prompt and padding positions and computes entropy/top-1 metrics),
  codetune-no-share (share_prefix off: each pair's common prefix runs twice, padded batches),
  untrained (no training: the held-out accuracy the others start from).

pairs/s = trained pairs / (training loop time + reference precompute time, if any); the
training loop time is Trainer's train_runtime. Peak RSS is taken right after training. With
`--repeats N` the variants run N times, interleaved (a, b, a, b), and each keeps its best
pairs/s: on a shared machine the load changes over minutes, and the best run is the one least
disturbed by it.
Held-out accuracy: codetune.lib.scoring.preference_accuracy (share of held-out pairs whose
chosen completion the trained model finds more likely, ties half) in fp32, on the same pairs.

`--config configs/quickstart.yaml` runs every variant on that config's model with its `dpo`
section (LoRA layers and rank, batch, accumulation, learning rate, max length): the quickstart's
real embedded SmolLM2-135M with LoRA on its top 10 layers, say; plain TRL then gets the same
adapter (codetune's trainable policy, applied with PEFT before TRL sees the model).

    python benchmarks/dpo_throughput.py [--steps 12] [--repeats 1] [--variants trl,codetune]
        [--config configs/quickstart.yaml]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # runnable from a fresh clone without installing
    sys.path.insert(0, str(ROOT))

VARIANTS = ("trl", "codetune", "trl-no-gc", "trl-precompute", "codetune-fp32", "codetune-1x4")
VARIANTS += ("codetune-token-metrics", "codetune-no-share", "untrained")
DEFAULT_VARIANTS = ("trl", "codetune")
SEED = 42
BATCH, ACCUMULATION = 2, 2
# A random tiny model needs the quickstart's high rate for accuracy to move in a few steps.
LEARNING_RATE = 1e-3
MAX_LENGTH = 192  # the quickstart's DPO max length
VAL_PAIRS = 32
CONFIG: str | None = None  # --config: the model and dpo section every variant uses


def bench_config(overrides: list[str] | None = None):
    """The pipeline config of every variant: --config's, or codetune's defaults."""
    from codetune.core.config import load_config

    return load_config(CONFIG, overrides or [])


def settings() -> tuple[int, int, float, int]:
    """(batch, accumulation, learning rate, max length): --config's dpo section, or the
    constants above."""
    if not CONFIG:
        return BATCH, ACCUMULATION, LEARNING_RATE, MAX_LENGTH
    dpo = bench_config().dpo
    return (
        dpo.per_device_train_batch_size,
        dpo.gradient_accumulation_steps,
        dpo.learning_rate,
        dpo.max_length,
    )


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare_pairs(work: Path, n_train: int) -> Path:
    """train.jsonl / val.jsonl of synthetic pairs that fit MAX_LENGTH, under work/pairs."""
    from codetune.core.config import load_config
    from codetune.core.config.pairs import PairsConfig
    from codetune.core.io import read_jsonl, write_jsonl
    from codetune.lib.models import load_tokenizer, resolve_model_path
    from codetune.lib.preference import fit_pairs
    from codetune.stages.data.pipeline import run_data
    from codetune.stages.pairs.synthetic import build_pairs

    model_name = bench_config().model.name_or_path
    max_length = settings()[3]
    tag = "".join(c if c.isalnum() else "-" for c in model_name)
    pairs_dir = work / f"pairs-{tag}-{max_length}-{n_train}"
    if (pairs_dir / "val.jsonl").is_file():
        return pairs_dir
    data_dir = work / "data"
    if not (data_dir / "completion" / "val.jsonl").is_file():
        cfg = load_config(
            None,
            [
                "data.sources=['@stdlib']",
                "data.languages=[python]",
                "data.formats=[completion]",
                "data.max_samples=600",
            ],
        )
        run_data(cfg.data, data_dir, SEED)
    tokenizer = load_tokenizer(resolve_model_path(model_name))
    for split, n in (("train", n_train), ("val", VAL_PAIRS)):
        rows = read_jsonl(data_dir / "completion" / f"{split}.jsonl")
        pairs, _ = build_pairs(rows, PairsConfig(), seed=SEED)
        kept, _ = fit_pairs(pairs, tokenizer, max_length, n)
        if len(kept) < n:
            raise SystemExit(f"only {len(kept)} {split} pairs fit {max_length} tokens, need {n}")
        write_jsonl(pairs_dir / f"{split}.jsonl", kept)
    return pairs_dir


# --------------------------------------------------------------------------- worker side


def _precompute_timer() -> dict[str, float]:
    """Accumulates the time TRL spends precomputing reference log-probs (both variants)."""
    import trl

    spent = {"s": 0.0}
    original = trl.DPOTrainer._precompute_ref_logps

    def timed(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return original(self, *args, **kwargs)
        finally:
            spent["s"] += time.perf_counter() - start

    trl.DPOTrainer._precompute_ref_logps = timed
    return spent


def trl_variant(name: str, pairs_dir: Path, steps: int, out: Path):
    """Plain TRL: DPOTrainer + peft_config, codetune's batch/length/LoRA/precision/rate."""
    import trl
    from datasets import Dataset
    from peft import LoraConfig

    from codetune.core.io import read_jsonl
    from codetune.lib.models import (
        apply_trainable_policy,
        decoder_layer_prefixes,
        linear_module_names,
        load_base,
    )
    from codetune.lib.training import resolve_precision

    cfg = bench_config()
    dpo = cfg.dpo
    batch, accumulation, learning_rate, max_length = settings()
    model, tokenizer, _ = load_base(cfg.model)
    tokenizer.eos_token = "<|endoftext|>"  # completion pairs end like a document
    rows = read_jsonl(pairs_dir / "train.jsonl")
    train = Dataset.from_list([{k: r[k] for k in ("prompt", "chosen", "rejected")} for r in rows])
    args = trl.DPOConfig(
        output_dir=str(out / "checkpoints"),
        per_device_train_batch_size=batch,
        gradient_accumulation_steps=accumulation,
        max_length=max_length,
        learning_rate=learning_rate,
        max_steps=steps,
        bf16=resolve_precision(dpo.precision) == "bf16",
        use_cpu=True,
        save_strategy="no",
        report_to="none",
        logging_steps=1,
        seed=SEED,
        precompute_ref_log_probs=name == "trl-precompute",
        # TRL's default is on (recompute activations in the backward); a lever, not a setting
        # the comparison asks to match.
        gradient_checkpointing=name != "trl-no-gc",
    )
    peft_config = LoraConfig(
        r=dpo.lora_r,
        lora_alpha=dpo.lora_alpha,
        lora_dropout=dpo.lora_dropout,
        target_modules=linear_module_names(model, decoder_layer_prefixes(model)),
        task_type="CAUSAL_LM",
    )
    if CONFIG:  # the config's own adapter (its lora_layers): the same trainable weights
        model, _ = apply_trainable_policy(model, dpo)
        peft_config = None
    trainer = trl.DPOTrainer(
        model=model,
        args=args,
        train_dataset=train,
        processing_class=tokenizer,
        peft_config=peft_config,
    )
    result = trainer.train()
    return trainer.model.merge_and_unload(), tokenizer, result.metrics["train_runtime"], len(rows)


def codetune_variant(name: str, pairs_dir: Path, steps: int, out: Path):
    """codetune's DPO code with its defaults (the benchmark's batch/length/rate/steps)."""
    from peft import PeftModel

    from codetune.core.io import write_jsonl
    from codetune.core.runs import Run
    from codetune.lib.models import load_base
    from codetune.lib.preference import train_preference_adapter

    run = Run(out / "run")
    (run.pairs_dir).mkdir(parents=True, exist_ok=True)
    (run.pairs_dir / "train.jsonl").write_bytes((pairs_dir / "train.jsonl").read_bytes())
    write_jsonl(run.pairs_dir / "val.jsonl", [])  # no evaluation inside the timed loop
    batch, accumulation, learning_rate, max_length = settings()
    if name == "codetune-1x4":
        batch, accumulation = 1, batch * accumulation
    overrides = [
        f"output_dir={run.root}",
        f"dpo.per_device_train_batch_size={batch}",
        f"dpo.gradient_accumulation_steps={accumulation}",
        f"dpo.max_length={max_length}",
        f"dpo.learning_rate={learning_rate}",
        f"dpo.max_steps={steps}",
        "dpo.warmup_steps=0",
        f"dpo.save_steps={steps + 1}",
        "dpo.logging_steps=1",
    ]
    if name == "codetune-fp32":
        overrides.append("dpo.precision=fp32")
    if name == "codetune-token-metrics":
        overrides.append("dpo.log_token_metrics=true")
    if name == "codetune-no-share":
        overrides.append("dpo.share_prefix=false")
    cfg = bench_config(overrides)
    cfg = cfg.model_copy(update={"seed": SEED})
    model, tokenizer, base_path = load_base(cfg.model)
    result = train_preference_adapter(
        cfg,
        run,
        stage="dpo",
        section=cfg.dpo,
        model=model,
        tokenizer=tokenizer,
        base_path=base_path,
        reference="base with the adapter disabled",
    )
    rss = peak_rss_mb()
    fresh, _, _ = load_base(cfg.model)
    merged = PeftModel.from_pretrained(fresh, str(run.adapter_dir("dpo"))).merge_and_unload()
    return merged, tokenizer, result["train_runtime_s"], result["train_pairs"], rss


def worker(name: str, pairs_dir: Path, steps: int, out: Path) -> None:
    import torch

    from codetune.core.io import read_jsonl
    from codetune.lib.scoring import preference_accuracy

    torch.manual_seed(SEED)
    precompute = _precompute_timer()
    max_length = settings()[3]
    if name == "untrained":
        from codetune.lib.models import load_base

        model, tokenizer, _ = load_base(bench_config().model)
        acc = preference_accuracy(
            model,
            tokenizer,
            read_jsonl(pairs_dir / "val.jsonl"),
            max_length=max_length,
            batch_size=8,
        )
        row = {"variant": name, "pairs": 0, "train_s": 0.0, "precompute_s": 0.0}
        row |= {"pairs_per_s": 0.0, "peak_rss_mb": round(peak_rss_mb(), 1)}
        print("RESULT " + json.dumps({**row, "heldout_accuracy": acc["accuracy"]}), flush=True)
        return
    if name.startswith("trl"):
        model, tokenizer, runtime, n_pairs = trl_variant(name, pairs_dir, steps, out)
        rss = peak_rss_mb()
    else:
        model, tokenizer, runtime, n_pairs, rss = codetune_variant(name, pairs_dir, steps, out)
    model = model.float()
    val = read_jsonl(pairs_dir / "val.jsonl")
    acc = preference_accuracy(model, tokenizer, val, max_length=max_length, batch_size=8)
    seconds = runtime + precompute["s"]
    result = {
        "variant": name,
        "pairs": n_pairs,
        "train_s": round(runtime, 2),
        "precompute_s": round(precompute["s"], 2),
        "pairs_per_s": n_pairs / seconds,
        "peak_rss_mb": round(rss, 1),
        "heldout_accuracy": acc["accuracy"],
    }
    print("RESULT " + json.dumps(result), flush=True)


# --------------------------------------------------------------------------- driver side


def run_variant(name: str, pairs_dir: Path, steps: int, work: Path) -> dict[str, Any]:
    out = work / name
    out.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, __file__, "--worker", name, "--pairs", str(pairs_dir)]
    cmd += ["--steps", str(steps), "--out", str(out)]
    cmd += ["--config", CONFIG] if CONFIG else []
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            result = json.loads(line[len("RESULT ") :])
            result["wall_s"] = round(time.perf_counter() - start, 1)
            return result
    raise SystemExit(f"variant {name} failed:\n{proc.stderr[-4000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=12, help="Optimizer steps per variant.")
    parser.add_argument("--variants", default=",".join(DEFAULT_VARIANTS))
    parser.add_argument("--repeats", type=int, default=1, help="Interleaved runs, best kept.")
    parser.add_argument("--work", type=Path, default=None, help="Reuse data/pairs from here.")
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here.")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--pairs", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--config", default=None, help="A pipeline config whose model and dpo section to use."
    )
    args = parser.parse_args()
    global CONFIG
    CONFIG = str(Path(args.config).resolve()) if args.config else None
    os.environ.setdefault("CODETUNE_CACHE", str(Path(tempfile.gettempdir()) / "codetune-cache"))
    if args.worker:
        worker(args.worker, args.pairs, args.steps, args.out)
        return
    names = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = sorted(set(names) - set(VARIANTS))
    if unknown:
        raise SystemExit(f"unknown variant(s) {unknown}; known: {', '.join(VARIANTS)}")
    work = args.work or Path(tempfile.mkdtemp(prefix="dpo-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    batch, accumulation, _, _ = settings()
    pairs_dir = prepare_pairs(work, args.steps * batch * accumulation)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    for _ in range(args.repeats):
        for name in names:
            if name == "untrained" and runs[name]:
                continue  # no timing to repeat
            runs[name].append(run_variant(name, pairs_dir, args.steps, work))
    results = []
    for name in names:
        best = max(runs[name], key=lambda r: r["pairs_per_s"])
        results.append({**best, "all_pairs_per_s": [r["pairs_per_s"] for r in runs[name]]})
    report(results, args.steps)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


def report(results: list[dict[str, Any]], steps: int) -> None:
    base = next((r for r in results if r["variant"] == "trl"), results[0])

    def ratio(a: float, b: float) -> float:
        return a / b if b else float("nan")

    batch, accumulation, _, max_length = settings()
    print(
        f"\nDPO, {bench_config().model.name_or_path} ({CONFIG or 'codetune defaults'}), {steps} "
        f"steps x {batch * accumulation} pairs, max length {max_length}, {os.cpu_count()} CPUs; "
        f"ratios against {base['variant']}\n"
    )
    head = (
        f"{'variant':<24}{'pairs/s':>9}{'x':>7}{'peak RSS MB':>13}{'x':>7}"
        f"{'held-out acc':>14}{'train s':>9}{'precomp s':>11}"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        print(
            f"{r['variant']:<24}{r['pairs_per_s']:>9.3f}"
            f"{ratio(r['pairs_per_s'], base['pairs_per_s']):>7.2f}"
            f"{r['peak_rss_mb']:>13.0f}{ratio(r['peak_rss_mb'], base['peak_rss_mb']):>7.2f}"
            f"{r['heldout_accuracy']:>14.3f}{r['train_s']:>9.1f}{r['precompute_s']:>11.1f}"
        )


if __name__ == "__main__":
    main()
