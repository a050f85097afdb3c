"""The bench stage: latency and throughput of the base and the tuned model (the run's final
model) at the configured lengths and concurrency levels -> deploy/bench.json (tuned),
deploy/bench_base.json, and the tuned / base ratios the gates read. The two models are
measured batch by batch in turn (`bench.interleave`), so the ratios compare like with like."""

from __future__ import annotations

import gc
import logging
from typing import Any

from codetune.core.errors import UserError
from codetune.core.io import write_json
from codetune.core.runs import DEPLOY_BENCH, DEPLOY_BENCH_BASE
from codetune.stages.base import StageContext
from codetune.stages.bench.measure import (
    bench_model,
    bench_models,
    headline,
    load_run_model,
    pick_device,
    pick_dtype,
)

log = logging.getLogger("codetune")


def run(ctx: StageContext) -> dict[str, Any]:
    """Benchmark the base and the tuned model; write deploy/bench.json and bench_base.json."""
    cfg, run = ctx.cfg, ctx.run

    bench_cfg = cfg.bench
    if bench_cfg.backend != "transformers":
        raise UserError(
            "bench.backend: the pipeline's bench stage uses transformers; run "
            "`codetune bench CONFIG --backend vllm` for vLLM"
        )
    device = pick_device(bench_cfg)
    dtype = pick_dtype(bench_cfg, device)
    # The tuned model is the run's final model; a run that trains none benchmarks the base.
    final = run.final_model(cfg)
    if final == "base":
        log.info("bench: the final model is the base; benchmarked the base only")
    which_models = ("base", "tuned") if final != "base" else ("base",)
    reports: dict[str, dict[str, Any]] = {}
    if bench_cfg.interleave:
        loaded = {which: load_run_model(cfg, run, which, dtype) for which in which_models}
        for which, (model, _, _, merged) in loaded.items():
            model.to(device)
            log.info("bench: %s (%s)", which, " + ".join(["base", *merged]))
        tokenizer = loaded["base"][1]
        measured = bench_models({w: m[0] for w, m in loaded.items()}, tokenizer, bench_cfg)
        for which, (_, _, base_path, merged) in loaded.items():
            reports[which] = _stage_report(which, base_path, merged, measured[which])
        del loaded
    else:
        for which in which_models:
            model, tokenizer, base_path, merged = load_run_model(cfg, run, which, dtype)
            model.to(device)
            log.info("bench: %s (%s)", which, " + ".join(["base", *merged]))
            report = bench_model(model, tokenizer, bench_cfg)
            reports[which] = _stage_report(which, base_path, merged, report)
            del model
            gc.collect()
    write_json(run.root / DEPLOY_BENCH_BASE, reports["base"])
    main = reports.get("tuned", reports["base"])
    write_json(run.root / DEPLOY_BENCH, main)
    summary = headline(main)
    summary["base_levels"] = headline(reports["base"])["levels"]
    summary |= bench_ratios(reports["base"], main)
    return summary


def _stage_report(
    which: str, base_path: str, merged: list[str], report: dict[str, Any]
) -> dict[str, Any]:
    return {
        "model": which,
        "stage": merged[-1] if merged else "base",
        "base": base_path,
        "merged_adapters": merged,
        **report,
    }


def bench_ratios(base: dict[str, Any], tuned: dict[str, Any]) -> dict[str, float | None]:
    """Tuned / base at the lowest concurrency level: TTFT p50, TPOT p50, output tokens/s."""

    def first(report: dict[str, Any]) -> dict[str, Any]:
        return min(report["levels"], key=lambda lv: lv["concurrency"])

    b, t = first(base), first(tuned)

    def ratio(x: float | None, y: float | None) -> float | None:
        return round(y / x, 4) if x and y is not None else None

    return {
        "ttft_p50_ratio": ratio((b["ttft_ms"] or {}).get("p50"), (t["ttft_ms"] or {}).get("p50")),
        "tpot_p50_ratio": ratio((b["tpot_ms"] or {}).get("p50"), (t["tpot_ms"] or {}).get("p50")),
        "output_tokens_per_s_ratio": ratio(b["output_throughput"], t["output_throughput"]),
    }


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in metrics.items() if k != "wall_time_s"}
