"""Intra-op threads on a small machine: 1 vs all cores, OpenMP spin vs passive, quiet vs busy.

`--workload train` (default) times training steps; `--workload decode` times greedy decoding
(32 prompts x 48 new tokens, one generate call), where the many tiny kernels make OpenMP's
thread wake-ups count: there a short spin (GOMP_SPINCOUNT) is compared with PASSIVE.

Each variant runs in a fresh process (OpenMP reads OMP_WAIT_POLICY once, at start-up) and times
LoRA-style training steps (forward + backward, bf16 autocast where the CPU has AVX512-BF16) of
the embedded SmolLM2-135M on one 256-token row. "busy" starts a neighbour process that keeps
one core busy (a pure-Python loop, like a second training job, a test run or a build), which
is what collapsed SFT on a 2-core machine (110 s per step with 2 threads against 10-14 s
with 1). Ratios are against the quiet 1-thread run measured in the same invocation.

    python benchmarks/threads.py [--steps 6] [--variants ...]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import time

WORKER = r"""
import json, os, sys, time, torch
from codetune.lib.models import load_model, resolve_model_path
from codetune.lib.models import apply_trainable_policy
from codetune.lib.training import resolve_precision
from codetune.core.config.train import SFTConfig
torch.set_num_threads(int(sys.argv[1]))
steps = int(sys.argv[2])
model = load_model(resolve_model_path("embedded:smollm2-135m"))
if sys.argv[3] == "decode":
    from codetune.lib.generate import inference_autocast
    prompts = torch.randint(0, 49152, (32, 64))
    times = []
    with inference_autocast(model, resolve_precision("auto")):
        for step in range(steps + 1):
            start = time.perf_counter()
            model.generate(prompts, attention_mask=torch.ones_like(prompts), max_new_tokens=48,
                           min_new_tokens=48, do_sample=False)
            if step:
                times.append(time.perf_counter() - start)
    print(json.dumps({"times": times, "precision": resolve_precision("auto"),
                      "threads": torch.get_num_threads()}))
    sys.exit(0)
# The SFT stage's policy: LoRA on the lower layers, the last 3 layers in full.
model, _ = apply_trainable_policy(model, SFTConfig())
model.train()
precision = resolve_precision("auto")
ids = torch.randint(0, 49152, (1, 256))
times = []
for step in range(steps + 1):
    start = time.perf_counter()
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16"):
        loss = model(input_ids=ids, labels=ids).loss
    loss.backward()
    model.zero_grad(set_to_none=True)
    if step:  # the first step builds kernels
        times.append(time.perf_counter() - start)
print(json.dumps({"times": times, "precision": precision, "threads": torch.get_num_threads()}))
"""


def busy_loop(stop_at: float) -> None:
    x = 0
    while time.time() < stop_at:
        x += 1


def run_variant(threads: int, policy: str | None, busy: bool, steps: int, workload: str) -> dict:
    env = dict(os.environ)
    env.pop("OMP_WAIT_POLICY", None)
    env.pop("GOMP_SPINCOUNT", None)
    if policy and policy.startswith("SPIN"):
        env["GOMP_SPINCOUNT"] = policy.removeprefix("SPIN")
    elif policy:
        env["OMP_WAIT_POLICY"] = policy
    neighbour = None
    if busy:
        neighbour = multiprocessing.Process(target=busy_loop, args=(time.time() + 3600,))
        neighbour.start()
    try:
        out = subprocess.run(
            [sys.executable, "-c", WORKER, str(threads), str(steps), workload],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        if neighbour is not None:
            neighbour.terminate()
            neighbour.join()
    return json.loads(out.strip().splitlines()[-1])


VARIANTS = {
    "quiet-1": (1, None, False),
    "quiet-2": (2, None, False),
    "quiet-2-passive": (2, "PASSIVE", False),
    "busy-1": (1, None, True),
    "busy-2": (2, None, True),
    "busy-2-passive": (2, "PASSIVE", True),
    "busy-1-passive": (1, "PASSIVE", True),
    "quiet-2-spin3000": (2, "SPIN3000", False),
    "busy-2-spin3000": (2, "SPIN3000", True),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=6)
    parser.add_argument("--variants", default=",".join(VARIANTS))
    parser.add_argument("--workload", choices=["train", "decode"], default="train")
    args = parser.parse_args()
    names = [v for v in args.variants.split(",") if v]
    if "quiet-1" not in names:
        names.insert(0, "quiet-1")  # the baseline of every ratio
    results = {}
    for name in names:
        threads, policy, busy = VARIANTS[name]
        res = run_variant(threads, policy, busy, args.steps, args.workload)
        results[name] = res
        print(
            f"{name:>16}: median {statistics.median(res['times']):6.2f} s/{args.workload} step "
            f"(max {max(res['times']):6.2f}) [{res['precision']}, {res['threads']} threads]",
            flush=True,
        )
    base = statistics.median(results["quiet-1"]["times"])
    print(f"\ncores: {os.cpu_count()}; ratios = median step time / quiet-1 ({base:.2f} s)")
    for name, res in results.items():
        print(f"{name:>16}: {statistics.median(res['times']) / base:5.2f}x")


if __name__ == "__main__":
    main()
