"""Serving benchmark: TTFT, TPOT, ITL, end-to-end latency and throughput per concurrency level.

Definitions are vLLM's `bench serve` ones, so figures compare with a vLLM server's:

- TTFT: request start -> first output token.
- TPOT: (end-to-end - TTFT) / (output tokens - 1), one value per request.
- ITL: every gap between two streamed tokens, pooled over all requests.
- end-to-end latency: request start -> last output token.
- output tokens/s and requests/s: totals over the measured wall time of a level.

Every request has exactly `input_len` prompt tokens (windows of real code, checked to
re-tokenize to the same length with the model's tokenizer) and exactly `output_len` output
tokens (EOS is suppressed), so levels and models are compared on equal work.

Backends:
- transformers (default): concurrency c = one batched `generate` call of c prompts, with a
  streamer that timestamps every decoding step; every request of the batch shares those
  timestamps. `num_prompts` requests per level, rounded up to whole batches.
- vllm (when installed): the in-process async engine with c requests in flight at a time.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import platform
import sys
import sysconfig
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch

from codetune.core.config import PipelineConfig
from codetune.core.config.deploy import BenchConfig
from codetune.core.errors import UserError
from codetune.core.io import write_json
from codetune.core.runs import Run
from codetune.lib.generate import stop_token_ids

DEFINITIONS = {
    "ttft": "request start -> first output token",
    "tpot": "(end-to-end - TTFT) / (output tokens - 1), per request",
    "itl": "every gap between two streamed tokens, pooled over requests",
    "e2e": "request start -> last output token",
    "output_throughput": "output tokens of the level / measured wall time of the level",
    "request_throughput": "requests of the level / measured wall time of the level",
}

# Real code to cut prompts from: stdlib modules that exist on every CPython install.
CORPUS_MODULES = ("argparse.py", "textwrap.py", "json/decoder.py", "dataclasses.py", "ast.py")


def default_corpus() -> str:
    """Source text of a few stdlib modules (real Python code available everywhere)."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    parts = [(stdlib / m).read_text(encoding="utf-8") for m in CORPUS_MODULES]
    return "\n\n".join(parts)


def build_prompts(
    tokenizer, count: int, input_len: int, corpus: str | None = None
) -> list[list[int]]:
    """`count` distinct prompts of exactly `input_len` tokens, as token ids.

    A window of ids is kept only if decoding it and encoding the text again gives the same
    ids, so the prompt is exactly `input_len` tokens whether a backend takes ids or text.
    """
    ids = tokenizer(corpus or default_corpus(), add_special_tokens=False)["input_ids"]
    if len(ids) < input_len + 1:
        raise UserError(
            f"bench.input_len={input_len}: longer than the prompt corpus ({len(ids)} tokens)"
        )
    prompts: list[list[int]] = []
    seen: set[tuple[int, ...]] = set()
    start, step, attempts = 0, max(1, input_len // 2), 0
    while len(prompts) < count:
        attempts += 1
        if attempts > 20 * count + 1000:
            raise UserError(
                f"bench.input_len={input_len}: cannot cut {count} distinct prompts from the corpus"
            )
        window = ids[start : start + input_len]
        if len(window) < input_len:  # wrap around: later prompts reuse text at new offsets
            start = (start % step) + 1
            continue
        again = tokenizer(tokenizer.decode(window), add_special_tokens=False)["input_ids"]
        if again == window and tuple(window) not in seen:
            seen.add(tuple(window))
            prompts.append(window)
            start += step
        else:
            start += 1  # the window starts mid-token: move one token on
    return prompts


# ------------------------------------------------------------------------------- figures


@dataclass
class RequestTiming:
    """One request: when it started and when each of its output tokens arrived (seconds)."""

    start: float
    token_times: list[float]
    input_tokens: int
    output_tokens: int


@dataclass
class LevelTimings:
    concurrency: int
    requests: list[RequestTiming] = field(default_factory=list)
    round_durations: list[float] = field(default_factory=list)
    duration: float = 0.0
    peak_memory_bytes: int | None = None


def distribution(values_s: Sequence[float]) -> dict[str, float] | None:
    """mean / p50 / p99 in milliseconds (numpy's linear percentiles, as vLLM reports)."""
    if not values_s:
        return None
    ms = np.asarray(values_s, dtype=float) * 1000.0
    return {
        "mean": float(ms.mean()),
        "p50": float(np.percentile(ms, 50)),
        "p99": float(np.percentile(ms, 99)),
    }


def request_figures(r: RequestTiming) -> dict[str, Any]:
    ttft = r.token_times[0] - r.start
    e2e = r.token_times[-1] - r.start
    tpot = (e2e - ttft) / (r.output_tokens - 1) if r.output_tokens > 1 else None
    return {
        "input_tokens": r.input_tokens,
        "output_tokens": r.output_tokens,
        "ttft_ms": ttft * 1000.0,
        "tpot_ms": None if tpot is None else tpot * 1000.0,
        "e2e_ms": e2e * 1000.0,
    }


def summarize_level(level: LevelTimings) -> dict[str, Any]:
    """The figures of one concurrency level from its raw timestamps."""
    reqs = [r for r in level.requests if r.token_times]
    ttfts = [r.token_times[0] - r.start for r in reqs]
    e2es = [r.token_times[-1] - r.start for r in reqs]
    tpots = [
        (e2e - ttft) / (r.output_tokens - 1)
        for r, ttft, e2e in zip(reqs, ttfts, e2es, strict=True)
        if r.output_tokens > 1
    ]
    itls = [b - a for r in reqs for a, b in zip(r.token_times, r.token_times[1:], strict=False)]
    output_tokens = sum(r.output_tokens for r in reqs)
    duration = level.duration
    return {
        "concurrency": level.concurrency,
        "num_requests": len(reqs),
        "failed_requests": len(level.requests) - len(reqs),
        "duration_s": duration,
        "total_input_tokens": sum(r.input_tokens for r in reqs),
        "total_output_tokens": output_tokens,
        "request_throughput": len(reqs) / duration if duration > 0 else None,
        "output_throughput": output_tokens / duration if duration > 0 else None,
        "ttft_ms": distribution(ttfts),
        "tpot_ms": distribution(tpots),
        "itl_ms": distribution(itls),
        "e2e_ms": distribution(e2es),
        "peak_memory_bytes": level.peak_memory_bytes,
        "round_durations_s": level.round_durations,
        "requests": [request_figures(r) for r in reqs],
    }


# ------------------------------------------------------------------------------- device / memory


def cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def device_description(device: torch.device) -> str:
    if device.type == "cuda":
        props = torch.cuda.get_device_properties(device)
        return f"{props.name} ({props.total_memory / 2**30:.0f} GiB)"
    threads = torch.get_num_threads()
    plural = "s" if threads != 1 else ""
    return f"{cpu_name()} ({threads} torch thread{plural}, {os.cpu_count()} CPUs)"


def _reset_peak_memory(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats(device)
        return
    # Linux: writing 5 to clear_refs resets the resident-set high-water mark (VmHWM), so
    # each level reports its own peak instead of the process's (model loading included).
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _peak_memory(device: torch.device) -> int | None:
    if device.type == "cuda":
        return int(torch.cuda.max_memory_allocated(device))
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return int(peak if sys.platform == "darwin" else peak * 1024)
    except (ImportError, OSError):
        return None


def memory_kind(device: torch.device) -> str:
    if device.type == "cuda":
        return "torch.cuda.max_memory_allocated during the level"
    return "process resident set high-water mark (VmHWM) during the level, weights included"


# ------------------------------------------------------------------------------- transformers


class _StepClock:
    """A transformers streamer that records when each decoding step's tokens arrived.

    `put` runs inside `generate` on the same thread, right after the step's tokens reach the
    host (`tokens.cpu()` waits for the GPU), so no consumer thread is needed and the clock
    adds only a timestamp per step.
    """

    def __init__(self):
        self.times: list[float] = []
        self.tokens: list[list[int]] = []
        self._prompt_seen = False

    def put(self, value: torch.Tensor) -> None:
        now = time.perf_counter()
        if not self._prompt_seen:  # the first call carries the prompt
            self._prompt_seen = True
            return
        self.times.append(now)
        self.tokens.append(value.reshape(-1).tolist())

    def end(self) -> None:
        pass


def fixed_length_kwargs(tokenizer, output_len: int) -> dict[str, Any]:
    """Greedy generation of exactly `output_len` tokens: the stop tokens are suppressed."""
    return {
        "max_new_tokens": output_len,
        "min_new_tokens": output_len,
        "eos_token_id": stop_token_ids(tokenizer),
        "pad_token_id": tokenizer.pad_token_id,
        "do_sample": False,
        "temperature": None,
        "top_p": None,
        "top_k": None,
        "use_cache": True,
    }


@torch.no_grad()
def generate_batch_timed(
    model, tokenizer, prompts: Sequence[Sequence[int]], output_len: int
) -> tuple[list[RequestTiming], float]:
    """Run one batch of equal-length prompts; (per-request timings, wall time of the call)."""
    device = next(model.parameters()).device
    input_ids = torch.tensor([list(p) for p in prompts], dtype=torch.long, device=device)
    attention_mask = torch.ones_like(input_ids)
    clock = _StepClock()
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    model.generate(
        input_ids=input_ids,
        attention_mask=attention_mask,
        streamer=clock,
        **fixed_length_kwargs(tokenizer, output_len),
    )
    wall = time.perf_counter() - start
    stops = set(stop_token_ids(tokenizer))
    timings = []
    for i, prompt in enumerate(prompts):
        ids = [step[i] for step in clock.tokens]
        # Tokens after a stop token would be padding; with EOS suppressed there are none.
        ended = next((k for k, t in enumerate(ids) if t in stops), len(ids))
        timings.append(RequestTiming(start, clock.times[:ended], len(prompt), ended))
    return timings, wall


def pick_device(bench_cfg: BenchConfig) -> torch.device:
    if bench_cfg.device == "cuda" or (bench_cfg.device == "auto" and torch.cuda.is_available()):
        if not torch.cuda.is_available():
            raise UserError("bench.device=cuda: no CUDA device is available")
        return torch.device("cuda")
    return torch.device("cpu")


def pick_dtype(bench_cfg: BenchConfig, device: torch.device) -> torch.dtype:
    if bench_cfg.dtype == "auto":
        return torch.bfloat16 if device.type == "cuda" else torch.float32
    return getattr(torch, bench_cfg.dtype)


def bench_model(
    model, tokenizer, bench_cfg: BenchConfig, *, corpus: str | None = None
) -> dict[str, Any]:
    """Benchmark an in-memory model with the transformers backend (where it already sits)."""
    return bench_models({"model": model}, tokenizer, bench_cfg, corpus=corpus)["model"]


def bench_models(
    models: dict[str, Any], tokenizer, bench_cfg: BenchConfig, *, corpus: str | None = None
) -> dict[str, dict[str, Any]]:
    """Benchmark models that share a tokenizer, on the same prompts, with their batches
    interleaved: at each level every model warms up, then each round runs one batch per model,
    in turn order reversed every other round (ABBA), so drift in the machine's speed falls on
    all of them alike. Returns a report per model."""
    first = next(iter(models.values()))
    device = next(first.parameters()).device
    max_positions = getattr(first.config, "max_position_embeddings", None)
    total_len = bench_cfg.input_len + bench_cfg.output_len
    if max_positions and total_len > max_positions:
        raise UserError(
            f"bench: input_len + output_len = {total_len} exceeds the model's "
            f"{max_positions} positions"
        )
    for model in models.values():
        model.eval()
    levels = bench_cfg.concurrency
    rounds = {c: math.ceil(bench_cfg.num_prompts / c) for c in levels}
    needed = max(c * (rounds[c] + bench_cfg.warmup) for c in levels)
    prompts = build_prompts(tokenizer, needed, bench_cfg.input_len, corpus)

    results: dict[str, list[dict[str, Any]]] = {name: [] for name in models}
    for c in levels:
        timings = {name: LevelTimings(concurrency=c) for name in models}
        batches = [prompts[i * c : (i + 1) * c] for i in range(bench_cfg.warmup + rounds[c])]
        for batch in batches[: bench_cfg.warmup]:
            for model in models.values():
                generate_batch_timed(model, tokenizer, batch, bench_cfg.output_len)
        # Peak memory is per process: with several models it covers all of them.
        _reset_peak_memory(device)
        for round_index, batch in enumerate(batches[bench_cfg.warmup :]):
            names = list(models)
            for name in names if round_index % 2 == 0 else reversed(names):
                requests, wall = generate_batch_timed(
                    models[name], tokenizer, batch, bench_cfg.output_len
                )
                timings[name].requests += requests
                timings[name].round_durations.append(wall)
        peak = _peak_memory(device)
        for name, level in timings.items():
            level.duration = sum(level.round_durations)
            level.peak_memory_bytes = peak
            results[name].append(summarize_level(level))
    return {
        name: _report(
            bench_cfg,
            "transformers",
            device,
            str(models[name].dtype).removeprefix("torch."),
            results[name],
            interleaved=len(models) > 1,
        )
        for name in models
    }


def _report(
    bench_cfg: BenchConfig,
    backend: str,
    device: torch.device,
    dtype: str,
    levels: list,
    *,
    interleaved: bool = False,
) -> dict[str, Any]:
    """bench.json's content. `interleaved`: measured alternately with another model held in
    the same process, so the peak memory covers both."""
    peaks = [lv["peak_memory_bytes"] for lv in levels if lv["peak_memory_bytes"] is not None]
    return {
        "backend": backend,
        "device": device_description(device),
        "device_type": device.type,
        "dtype": dtype,
        "input_len": bench_cfg.input_len,
        "output_len": bench_cfg.output_len,
        "num_prompts": bench_cfg.num_prompts,
        "warmup": bench_cfg.warmup,
        "definitions": DEFINITIONS,
        "peak_memory_bytes": max(peaks) if peaks else None,
        "peak_memory_kind": memory_kind(device),
        "interleaved": interleaved,
        "versions": _versions(backend),
        "levels": levels,
    }


def _versions(backend: str) -> dict[str, str]:
    import transformers

    out = {"python": platform.python_version(), "torch": torch.__version__}
    out["transformers"] = transformers.__version__
    if backend == "vllm":
        import vllm

        out["vllm"] = vllm.__version__
    return out


# ------------------------------------------------------------------------------- vLLM


def require_vllm() -> None:
    try:
        import vllm  # noqa: F401
    except ImportError:
        raise UserError(
            "bench.backend=vllm: vLLM is not installed (pip install vllm, on a CUDA machine); "
            "use bench.backend=transformers"
        ) from None


def bench_vllm(model_path: str, tokenizer, bench_cfg: BenchConfig) -> dict[str, Any]:
    """Benchmark with vLLM's in-process async engine: c requests in flight at each level."""
    require_vllm()
    from vllm import AsyncEngineArgs, AsyncLLMEngine, SamplingParams
    from vllm.sampling_params import RequestOutputKind

    levels = bench_cfg.concurrency
    warm = [bench_cfg.warmup * c for c in levels]
    needed = max(bench_cfg.num_prompts + w for w in warm)
    prompts = build_prompts(tokenizer, needed, bench_cfg.input_len)
    engine = AsyncLLMEngine.from_engine_args(
        AsyncEngineArgs(
            model=model_path,
            tokenizer=model_path,
            dtype="auto" if bench_cfg.dtype == "auto" else bench_cfg.dtype,
            max_model_len=bench_cfg.input_len + bench_cfg.output_len,
            enable_prefix_caching=False,  # distinct prompts anyway; keep TTFT a real prefill
        )
    )
    params = SamplingParams(
        max_tokens=bench_cfg.output_len,
        min_tokens=bench_cfg.output_len,
        ignore_eos=True,
        temperature=0.0,
        output_kind=RequestOutputKind.DELTA,
    )
    counter = iter(range(1 << 62))

    async def one(ids: list[int], gate: asyncio.Semaphore) -> RequestTiming:
        async with gate:
            start = time.perf_counter()
            times: list[float] = []
            n = 0
            async for out in engine.generate(
                {"prompt_token_ids": ids}, params, request_id=f"bench-{next(counter)}"
            ):
                new = len(out.outputs[0].token_ids)
                if new:
                    # A chunk of several tokens counts once, as vLLM's ITL does.
                    times.append(time.perf_counter())
                    n += new
            return RequestTiming(start, times, len(ids), n)

    async def level_run(c: int, batch: list[list[int]]) -> tuple[list[RequestTiming], float]:
        gate = asyncio.Semaphore(c)
        start = time.perf_counter()
        timings = await asyncio.gather(*(one(p, gate) for p in batch))
        return list(timings), time.perf_counter() - start

    async def main() -> list[dict[str, Any]]:
        results = []
        for c, w in zip(levels, warm, strict=True):
            if w:
                await level_run(c, prompts[:w])
            if torch.cuda.is_available():
                torch.cuda.reset_peak_memory_stats()
            timings, wall = await level_run(c, prompts[w : w + bench_cfg.num_prompts])
            level = LevelTimings(c, timings, [wall], wall)
            results.append(summarize_level(level))
        return results

    try:
        results = asyncio.run(main())
    finally:
        engine.shutdown()
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    report = _report(bench_cfg, "vllm", device, bench_cfg.dtype, results)
    # The engine's memory lives in its worker process, out of this process's view.
    report["peak_memory_bytes"] = None
    report["peak_memory_kind"] = "not measured (vLLM preallocates gpu_memory_utilization)"
    return report


# ------------------------------------------------------------------------------- run level


def load_run_model(cfg: PipelineConfig, run: Run, which: str, dtype: torch.dtype):
    """(model, tokenizer, base path, stages merged): the base with the adapters that make
    `which` (base, sft, dpo or mixed) merged in; `tuned` is the run's final model
    (`final_model`)."""
    from codetune.lib.chain import load_stage_model

    stage = run.final_model(cfg) if which == "tuned" else which
    return load_stage_model(cfg, run, stage, dtype)


def run_bench(cfg: PipelineConfig, run: Run, bench_cfg: BenchConfig) -> dict[str, Any]:
    """Benchmark the run's model (base, or with merged adapters); write deploy/bench.json."""
    if bench_cfg.backend == "vllm":
        require_vllm()
    device = pick_device(bench_cfg)
    dtype = pick_dtype(bench_cfg, device)
    model, tokenizer, base_path, merged = load_run_model(cfg, run, bench_cfg.model, dtype)
    if bench_cfg.backend == "vllm":
        run.root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="bench-model-", dir=run.root) as tmp:
            path = base_path
            if merged:  # vLLM loads a folder: write the merged model once (safetensors)
                model.save_pretrained(tmp, safe_serialization=True)
                tokenizer.save_pretrained(tmp)
                path = tmp
            del model
            report = bench_vllm(path, tokenizer, bench_cfg)
    else:
        model.to(device)
        report = bench_model(model, tokenizer, bench_cfg)
    report = {
        "model": bench_cfg.model,
        "stage": merged[-1] if merged else "base",  # what `tuned` resolved to
        "base": base_path,
        "merged_adapters": merged,
        **report,
    }
    write_json(run.stage_dir("deploy") / "bench.json", report)
    run.update_summary("bench", headline(report))
    return report


def headline(report: dict[str, Any]) -> dict[str, Any]:
    """The figures CI gates and the report read: p50 latencies and throughput per level."""
    per_level = {}
    for lv in report["levels"]:
        per_level[str(lv["concurrency"])] = {
            "ttft_p50_ms": (lv["ttft_ms"] or {}).get("p50"),
            "tpot_p50_ms": (lv["tpot_ms"] or {}).get("p50"),
            "e2e_p99_ms": (lv["e2e_ms"] or {}).get("p99"),
            "output_tokens_per_s": lv["output_throughput"],
            "requests_per_s": lv["request_throughput"],
        }
    return {
        "model": report["model"],
        "backend": report["backend"],
        "device": report["device"],
        "input_len": report["input_len"],
        "output_len": report["output_len"],
        "peak_memory_bytes": report["peak_memory_bytes"],
        "levels": per_level,
    }
