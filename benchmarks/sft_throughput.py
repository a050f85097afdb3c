"""SFT training throughput: plain TRL `SFTTrainer` vs codetune's SFT stage, in one run.

Every variant trains the embedded tiny Qwen3 on the same samples (a codetune data run over
the Python standard library, built here) for the same number of optimizer steps, with the
same trainable parameters (codetune's default policy: LoRA r 16 on the lowest layer, the last
3 decoder layers fully trainable), learning rate and schedule. Each runs in its own
subprocess so that peak RSS figures do not mix.

- a: plain TRL with codetune's batch 4 x accumulation 4, max length 512 and precision
  (bf16 on a CPU with AVX512-BF16), everything else at TRL's defaults (padded batches);
- b-*: plain-TRL settings that may run faster: batch 1 x accumulation 4 (nothing to pad) in
  fp32 and bf16, and TRL's packing; the fastest plain run of a and these is (b);
- c: codetune's own training code (`codetune.stages.sft.run_sft`) with its defaults;
- `--levers`: c with one lever changed each: fp32 instead of bf16 autocast, padded batches
  instead of padding-free rows, packing, 1 thread, the full-logits cross-entropy instead of
  the chunked one, no padding to a multiple of 64, 2 data-loader workers.

Tokens/s counts real (non-pad) input tokens of the training forwards, the same way for every
variant, between the end of the first optimizer step and the end of the last (so start-up and
the first step's warm-up are left out), per wall second and per CPU second of the process
times its threads (the rate it would have with its cores to itself: on a machine shared with
other jobs the wall rate mostly measures the neighbours). Held-out loss: token-mean
cross-entropy on the completion tokens of the same validation samples, in fp32, with
codetune's exact masks. MFU = CPU-time tokens/s x 6 x N / peak (the usual 6N approximation,
which counts weight gradients even for frozen weights and LM-head work codetune skips at
untrained positions), N = the matmul parameters a token passes through (decoder linears incl.
LoRA, and the LM head; the embedding lookup is no matmul), peak = torch.matmul on 2048 x 2048
matrices in the variant's precision, measured at the start.

`--config configs/quickstart.yaml` runs every variant on that config's model with its `sft`
section (trainable policy, batch, accumulation, max length, learning rate and schedule): the
quickstart's real embedded SmolLM2-135M with LoRA on its top 12 layers, say. Without it, the
tiny Qwen3 with codetune's default policy and learning rate 1e-3.

    python benchmarks/sft_throughput.py [--steps 6] [--variants a,b-fp32,b-bf16,b-pack,c]
        [--levers] [--config configs/quickstart.yaml] [--json results.json]
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

import torch

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # runnable from a fresh clone without installing
    sys.path.insert(0, str(ROOT))

VARIANTS = ("a", "b-fp32", "b-bf16", "b-pack", "c")
MODEL = "embedded:tiny-qwen3"
# The same optimisation for every variant: a random tiny model needs a high rate (as in the
# quickstart) for the losses to say anything after a few steps.
LEARNING_RATE = 1e-3
WARMUP_STEPS = 2
MAX_LENGTH = 512
SEED = 42
VAL_SAMPLES = 32
CONFIG: str | None = None  # --config: the model and sft section every variant uses


def bench_config(overrides: list[str] | None = None):
    """The pipeline config of every variant: --config's, or the defaults on the tiny Qwen3."""
    from codetune.core.config import load_config

    if CONFIG:
        return load_config(CONFIG, overrides or [])
    return load_config(None, [f"model.name_or_path={MODEL}", *(overrides or [])])


def learning_rate() -> float:
    return bench_config().sft.learning_rate if CONFIG else LEARNING_RATE


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def matmul_peak_gflops(dtype: torch.dtype, n: int = 2048, repeats: int = 5) -> float:
    """Best of `repeats` n x n matmuls (2 n^3 FLOPs each) after a warm-up, per CPU second x
    threads, like the tokens/s it is compared with (the wall rate on a shared machine would
    measure the neighbours)."""
    a = torch.randn(n, n, dtype=dtype)
    b = torch.randn(n, n, dtype=dtype)
    torch.matmul(a, b)
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        torch.matmul(a, b)
        best = min(best, (time.process_time() - start) / torch.get_num_threads())
    return 2 * n**3 / best / 1e9


def prepare_data(work: Path, samples: int) -> Path:
    """A codetune data run over the standard library (completion format); returns its run dir."""
    from codetune.core.config import load_config
    from codetune.stages.data.pipeline import run_data

    run_dir = work / "run"
    data_dir = run_dir / "data"
    if not (data_dir / "completion" / "train.jsonl").is_file():
        cfg = load_config(
            None,
            [
                "data.sources=['@stdlib']",
                "data.languages=[python]",
                "data.formats=[completion]",
                f"data.max_samples={samples}",
            ],
        )
        run_data(cfg.data, data_dir, SEED)
    return run_dir


# --------------------------------------------------------------------------- worker side


class Meter:
    """Counts real input tokens of training forwards and timestamps optimizer steps."""

    def __init__(self) -> None:
        self.tokens = 0
        self.steps: list[tuple[float, float, int]] = []
        self.losses: list[float] = []
        self.train_peak_rss_mb = 0.0
        self.model: Any = None

    def hook(self, module, args, kwargs) -> None:
        if not module.training:
            return
        mask = kwargs.get("attention_mask")
        ids = kwargs.get("input_ids", args[0] if args else None)
        self.tokens += int(mask.sum()) if mask is not None else int(ids.numel())

    def callback(self):
        from transformers import TrainerCallback

        meter = self

        class _Callback(TrainerCallback):
            def on_train_begin(self, args, state, control, model=None, **kwargs):
                meter.model = model
                model.register_forward_pre_hook(meter.hook, with_kwargs=True)

            def on_step_end(self, args, state, control, **kwargs):
                meter.steps.append((time.perf_counter(), time.process_time(), meter.tokens))

            def on_log(self, args, state, control, logs=None, **kwargs):
                if logs and "loss" in logs:
                    meter.losses.append(float(logs["loss"]))

            def on_train_end(self, args, state, control, **kwargs):
                meter.train_peak_rss_mb = peak_rss_mb()

        return _Callback()

    def tokens_per_second(self) -> float:
        (t0, _, n0), (t1, _, n1) = self.steps[0], self.steps[-1]
        return (n1 - n0) / (t1 - t0)

    def tokens_per_cpu_second(self) -> float:
        """Tokens per second of this process's CPU time, times its threads: the wall rate it
        would reach with its cores to itself (robust when other jobs share the machine)."""
        (_, c0, n0), (_, c1, n1) = self.steps[0], self.steps[-1]
        return (n1 - n0) / (c1 - c0) * torch.get_num_threads()


def policy_model(adapter_cfg):
    from codetune.lib.models import apply_trainable_policy, load_model, resolve_model_path

    model = load_model(resolve_model_path(bench_config().model.name_or_path))
    peft_model, report = apply_trainable_policy(model, adapter_cfg)
    return peft_model, report


@torch.no_grad()
def heldout_loss(model, tokenizer, rows: list[dict[str, Any]]) -> float:
    """Token-mean CE over the completion tokens of `rows`, fp32, one sample at a time."""
    from codetune.lib.losses import linear_cross_entropy
    from codetune.lib.masking import tokenize_rows

    samples, _ = tokenize_rows(rows, "completion", tokenizer, max_length=MAX_LENGTH)
    model.eval()
    total, count = 0.0, 0
    head = model.get_output_embeddings()
    for s in samples:
        ids = torch.tensor([s["input_ids"]])
        out = model(input_ids=ids, output_hidden_states=True, logits_to_keep=1, use_cache=False)
        hidden = out.hidden_states[-1][0, :-1].float()
        mask = torch.tensor(s["completion_mask"][1:], dtype=torch.bool)
        loss_sum, _ = linear_cross_entropy(hidden[mask], head.weight.float(), ids[0, 1:][mask])
        total += float(loss_sum)
        count += int(mask.sum())
    return total / count


def trl_variant(name: str, run_dir: Path, steps: int, out: Path) -> dict[str, Any]:
    import trl
    from datasets import Dataset

    from codetune.core.io import read_jsonl
    from codetune.lib.masking import document_eos
    from codetune.lib.models import load_tokenizer, resolve_model_path
    from codetune.lib.training import resolve_precision

    cfg = bench_config()
    defaults = cfg.sft
    model, report = policy_model(defaults)
    tokenizer = load_tokenizer(resolve_model_path(cfg.model.name_or_path))
    # Completion samples end like a document, as codetune trains and the held-out loss scores
    # them: TRL would append the tokenizer's EOS (an instruct model's `<|im_end|>`), which the
    # held-out loss then counts as a miss on every sample.
    tokenizer.eos_token = document_eos(tokenizer)
    rows = read_jsonl(run_dir / "data" / "completion" / "train.jsonl")
    val = read_jsonl(run_dir / "data" / "completion" / "val.jsonl")[:VAL_SAMPLES]
    train = Dataset.from_list(
        [{"prompt": r["prompt"], "completion": r["completion"]} for r in rows]
    )
    settings: dict[str, Any] = {
        "a": {
            "per_device_train_batch_size": defaults.per_device_train_batch_size,
            "gradient_accumulation_steps": defaults.gradient_accumulation_steps,
            "bf16": resolve_precision(defaults.precision) == "bf16",
        },
        "b-fp32": {"per_device_train_batch_size": 1, "gradient_accumulation_steps": 4},
        "b-bf16": {
            "per_device_train_batch_size": 1,
            "gradient_accumulation_steps": 4,
            "bf16": True,
        },
        "b-pack": {
            "per_device_train_batch_size": 1,
            "gradient_accumulation_steps": 4,
            "bf16": True,
            "packing": True,
        },
    }[name]
    args = trl.SFTConfig(
        output_dir=str(out / "checkpoints"),
        max_length=defaults.max_length,
        max_steps=steps,
        learning_rate=learning_rate(),
        warmup_steps=WARMUP_STEPS,
        lr_scheduler_type=defaults.lr_scheduler_type,
        weight_decay=defaults.weight_decay,
        logging_steps=1,
        save_strategy="no",
        report_to="none",
        use_cpu=True,
        seed=SEED,
        data_seed=SEED,
        disable_tqdm=True,
        **settings,
    )
    meter = Meter()
    trainer = trl.SFTTrainer(
        model=model,
        args=args,
        train_dataset=train,
        processing_class=tokenizer,
        callbacks=[meter.callback()],
    )
    trainer.train()
    return finish(name, meter, report, tokenizer, val, bf16=bool(settings.get("bf16")))


# Levers measured on codetune's own path (config changes, or one component swapped out).
LEVERS: dict[str, list[str]] = {
    "c": [],
    "c-fp32": ["sft.precision=fp32"],
    "c-padded": ["sft.padding_free=false"],
    "c-pack": ["sft.packing=true"],
    "c-1thread": [],
    "c-unchunked": [],
    "c-no-pad-multiple": ["sft.pad_to_multiple_of=null"],
    "c-2workers": ["sft.dataloader_num_workers=2"],
}


def unchunked_cross_entropy(hidden, weight, targets, chunk=None):
    """The usual path at the same (trained) positions: full logits, then cross-entropy."""
    logits = (hidden @ weight.T).float()
    loss = torch.nn.functional.cross_entropy(logits, targets, reduction="sum")
    return loss, (logits.argmax(-1) == targets).sum()


def codetune_variant(name: str, run_dir: Path, steps: int, out: Path) -> dict[str, Any]:
    from codetune.core.io import read_jsonl
    from codetune.core.runs import Run
    from codetune.lib.models import load_tokenizer, resolve_model_path
    from codetune.lib.training import resolve_precision
    from codetune.stages.sft import run_sft

    cfg = bench_config(
        [
            f"output_dir={out / 'run'}",
            f"seed={SEED}",
            f"sft.max_steps={steps}",
            f"sft.learning_rate={learning_rate()}",
            f"sft.warmup_steps={WARMUP_STEPS}",
            "sft.logging_steps=1",
            # No evaluation or checkpoint inside the timed steps (the TRL variants have none).
            f"sft.eval_steps={steps * 10}",
            f"sft.save_steps={steps * 10}",
            f"sft.max_eval_samples={VAL_SAMPLES}",
            *LEVERS[name],
        ],
    )
    if name == "c-1thread":
        torch.set_num_threads(1)
    if name == "c-unchunked":
        import codetune.stages.sft as sft_module

        sft_module.linear_cross_entropy = unchunked_cross_entropy
    run = Run(out / "run")
    (out / "run").mkdir(parents=True, exist_ok=True)
    os.symlink(run_dir / "data", run.data_dir)
    meter = Meter()
    metrics = run_sft(cfg, run, extra_callbacks=[meter.callback()])
    tokenizer = load_tokenizer(resolve_model_path(cfg.model.name_or_path))
    val = read_jsonl(run_dir / "data" / "completion" / "val.jsonl")[:VAL_SAMPLES]

    class _Report:
        policy = metrics["policy"]
        trainable = metrics["trainable_params"]
        total = metrics["total_params"]

    bf16 = resolve_precision(cfg.sft.precision) == "bf16"
    return finish(name, meter, _Report, tokenizer, val, bf16=bf16)


def matmul_params(model) -> int:
    """Parameters of the Linear layers a token's forward multiplies by (LoRA included)."""
    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    seen: set[int] = set()
    n = 0
    for module in base.modules():
        w = getattr(module, "weight", None)
        if isinstance(module, torch.nn.Linear) and w is not None and id(w) not in seen:
            seen.add(id(w))
            n += w.numel()
    return n


def finish(name, meter: Meter, report, tokenizer, val, *, bf16: bool) -> dict[str, Any]:
    last = meter.losses[-3:]
    return {
        "variant": name,
        "tokens_per_s": meter.tokens_per_second(),
        "cpu_tokens_per_s": meter.tokens_per_cpu_second(),
        "timed_tokens": meter.steps[-1][2] - meter.steps[0][2],
        "optimizer_steps": len(meter.steps),
        "peak_rss_mb": meter.train_peak_rss_mb,
        "final_train_loss": sum(last) / len(last),
        "heldout_loss": heldout_loss(meter.model, tokenizer, val),
        "precision": "bf16" if bf16 else "fp32",
        "matmul_params": matmul_params(meter.model),
        "trainable_params": report.trainable,
        "threads": torch.get_num_threads(),
    }


def worker(name: str, run_dir: Path, steps: int, out: Path) -> None:
    torch.manual_seed(SEED)
    out.mkdir(parents=True, exist_ok=True)
    if name.startswith("c"):
        result = codetune_variant(name, run_dir, steps, out)
    else:
        result = trl_variant(name, run_dir, steps, out)
    print("RESULT " + json.dumps(result), flush=True)


# --------------------------------------------------------------------------- parent side


def run_variant(name: str, run_dir: Path, steps: int, work: Path) -> dict[str, Any]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        name,
        "--run-dir",
        str(run_dir),
        "--steps",
        str(steps),
        "--work",
        str(work / name),
        *(["--config", CONFIG] if CONFIG else []),
    ]
    env = {**os.environ, "TOKENIZERS_PARALLELISM": "false", "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT ") :])
    sys.stderr.write(proc.stdout[-3000:] + proc.stderr[-6000:])
    raise SystemExit(f"variant {name} failed (exit {proc.returncode})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=6, help="Optimizer steps per variant.")
    parser.add_argument("--samples", type=int, default=600, help="Functions in the data run.")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument(
        "--levers", action="store_true", help="Also run codetune with one lever changed each."
    )
    parser.add_argument("--work", type=Path, default=None, help="Scratch folder (default: temp).")
    parser.add_argument("--json", type=Path, default=None, help="Also write the results here.")
    parser.add_argument(
        "--config", default=None, help="A pipeline config whose model and sft section to use."
    )
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--run-dir", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    global CONFIG
    CONFIG = str(Path(args.config).resolve()) if args.config else None

    if args.worker:
        worker(args.worker, args.run_dir, args.steps, args.work)
        return

    with tempfile.TemporaryDirectory(prefix="sft-throughput-") as tmp:
        work = args.work or Path(tmp)
        run_dir = prepare_data(work, args.samples)
        peaks = {
            "fp32": matmul_peak_gflops(torch.float32),
            "bf16": matmul_peak_gflops(torch.bfloat16),
        }
        results = []
        names = args.variants.split(",") + ([k for k in LEVERS if k != "c"] if args.levers else [])
        for name in names:
            print(f"running {name} ...", file=sys.stderr, flush=True)
            results.append(run_variant(name, run_dir, args.steps, work))
            print("done " + json.dumps(results[-1]), file=sys.stderr, flush=True)
            if args.json:
                data = {"peaks_gflops": peaks, "steps": args.steps, "results": results}
                args.json.write_text(json.dumps(data, indent=2))
    report(results, peaks, args.steps)


def report(results: list[dict[str, Any]], peaks: dict[str, float], steps: int) -> None:
    """The table and the ratios, on wall-clock and on CPU-time throughput (see Meter)."""
    print(
        f"model {bench_config().model.name_or_path} ({CONFIG or 'codetune defaults'}), "
        f"torch {torch.__version__}, {torch.get_num_threads()} threads, {steps} optimizer steps"
    )
    print(f"matmul peak: fp32 {peaks['fp32']:.1f} GFLOP/s, bf16 {peaks['bf16']:.1f} GFLOP/s")
    print(
        f"{'variant':11} {'prec':5} {'tok/s':>7} {'tok/cpu-s':>9} {'peak RSS MB':>11} "
        f"{'train loss':>10} {'val loss':>9} {'MFU':>6}"
    )
    for r in results:
        # MFU from the CPU-time rate: what the cores delivered while this process ran.
        r["mfu"] = r["cpu_tokens_per_s"] * 6 * r["matmul_params"] / (peaks[r["precision"]] * 1e9)
        print(
            f"{r['variant']:11} {r['precision']:5} {r['tokens_per_s']:7.1f} "
            f"{r['cpu_tokens_per_s']:9.1f} {r['peak_rss_mb']:11.0f} "
            f"{r['final_train_loss']:10.3f} {r['heldout_loss']:9.3f} {100 * r['mfu']:5.1f}%"
        )
    by = {r["variant"]: r for r in results}

    def ratio(x: dict[str, Any], y: dict[str, Any]) -> str:
        wall = x["tokens_per_s"] / y["tokens_per_s"]
        cpu = x["cpu_tokens_per_s"] / y["cpu_tokens_per_s"]
        return f"{wall:.2f}x wall, {cpu:.2f}x CPU-time"

    for r in results:
        if r["variant"].startswith("c-") and "c" in by:
            print(f"lever {r['variant']} / c: {ratio(r, by['c'])}")
    c = by.get("c")
    if c and "a" in by:
        print(f"c/a tokens/s: {ratio(c, by['a'])}")
    # The fastest plain-TRL run, whichever setting: with a config's own batch (say 2 x 2), `a`
    # can beat batch 1 x 4 on CPU, where larger GEMMs pay.
    plain = [r for r in results if r["variant"] == "a" or r["variant"].startswith("b-")]
    if c and plain:
        b = max(plain, key=lambda r: r["cpu_tokens_per_s"])
        print(
            f"c/b tokens/s: {ratio(c, b)} (b = {b['variant']}, the fastest plain-TRL setting); "
            f"peak RSS c/b {c['peak_rss_mb'] / b['peak_rss_mb']:.2f}; "
            f"val loss c - b {c['heldout_loss'] - b['heldout_loss']:+.3f}"
        )
    print(
        "MFU = tokens per CPU-second x threads x 6 x N / matmul peak of the variant's precision, "
        "N = matmul parameters per token (decoder linears incl. LoRA + LM head)"
    )


if __name__ == "__main__":
    main()
