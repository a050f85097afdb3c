"""The deploy checks as pipeline stages: scan, bench and ab on what the eval stage produced.

- scan: the code each model generated for the eval prompts (eval/generations.jsonl), base vs
  the tuned model, per CWE -> deploy/security.json;
- bench: latency and throughput of the base and the tuned model (the run's final model,
  `codetune.runs.final_stage`) at the configured lengths and concurrency levels ->
  deploy/bench.json (tuned), deploy/bench_base.json, and the ratios;
- ab: the per-prompt results of the eval stage (eval/per_prompt.jsonl), tuned against base,
  McNemar for pass/fail and paired bootstrap for numbers, per source -> deploy/ab.json.

Each writes a headline section into summary.json for the quality gates.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from pathlib import Path
from typing import Any

from codetune.errors import UserError
from codetune.io import read_json, read_jsonl, write_json

log = logging.getLogger("codetune")

NON_METRIC_FIELDS = {"model", "source", "id", "task_id", "prompt_id", "language", "status"}


def tuned_label(run: Any) -> str:
    """The model label the eval stage called tuned (the run's final model)."""
    results = run.stage_dir("eval") / "results.json"
    if not results.is_file():
        raise UserError(f"{results}: not found; run the eval stage first (codetune eval CONFIG)")
    return str(read_json(results).get("tuned", "base"))


def run_scan_stage(cfg: Any, run: Any) -> dict[str, Any]:
    """Scan base and tuned generations; write deploy/security.json."""
    from codetune.deploy import security

    generations = run.stage_dir("eval") / "generations.jsonl"
    if not generations.is_file():
        raise UserError(f"{generations}: not found; run the eval stage first")
    tuned = tuned_label(run)
    samples = [s for s in security.iter_samples([generations]) if s.group in ("base", tuned)]
    # The same label for the tuned model whichever stage produced it, so gates read one path.
    group_of = {
        s.origin: ("tuned" if s.group == tuned and tuned != "base" else s.group) for s in samples
    }
    findings = security.scan_samples(samples, cfg.scan.exclude_rules)
    by_model: dict[str, list[Any]] = defaultdict(list)
    for f in findings:
        by_model[group_of[f.file]].append(f)
    n_by_model: dict[str, int] = defaultdict(int)
    for s in samples:
        n_by_model[group_of[s.origin]] += 1
    report = security.compare_models(dict(by_model), dict(n_by_model))
    models = report["models"]
    high = {m: models.get(m, {}).get("by_severity", {}).get("high", 0) for m in ("base", "tuned")}
    summary: dict[str, Any] = {
        "tuned_model": tuned,
        "samples": dict(n_by_model),
        "findings": {m: models[m]["n_findings"] for m in models},
        "findings_per_100_samples": {m: models[m]["findings_per_100_samples"] for m in models},
        "high_findings": high,
        "new_high_findings": max(0, high["tuned"] - high["base"]),
        "new_findings": max(
            0,
            models.get("tuned", {}).get("n_findings", 0)
            - models.get("base", {}).get("n_findings", 0),
        ),
        "by_cwe": {
            m: {cwe: row["findings"] for cwe, row in models[m]["by_cwe"].items()} for m in models
        },
    }
    if cfg.scan.fail_on:
        summary["tuned_at_or_above_fail_on"] = len(
            security.at_or_above(by_model.get("tuned", []), cfg.scan.fail_on)
        )
    out = {
        **report,
        "summary": summary,
        "findings": [{**f.to_dict(), "model": group_of[f.file]} for f in findings],
    }
    write_json(run.stage_dir("deploy") / "security.json", out)
    run.update_summary("scan", summary)
    return summary


def run_bench_stage(cfg: Any, run: Any) -> dict[str, Any]:
    """Benchmark the base and the tuned model; write deploy/bench.json and bench_base.json."""
    import gc

    from codetune.deploy.bench import (
        bench_model,
        headline,
        load_run_model,
        pick_device,
        pick_dtype,
    )

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
    reports: dict[str, dict[str, Any]] = {}
    for which in ("base", "tuned") if final != "base" else ("base",):
        model, tokenizer, base_path, merged = load_run_model(cfg, run, which, dtype)
        model.to(device)
        log.info("bench: %s (%s)", which, " + ".join(["base", *merged]))
        report = bench_model(model, tokenizer, bench_cfg)
        reports[which] = {
            "model": which,
            "stage": merged[-1] if merged else "base",
            "base": base_path,
            "merged_adapters": merged,
            **report,
        }
        del model
        gc.collect()
    deploy = run.stage_dir("deploy")
    write_json(deploy / "bench_base.json", reports["base"])
    main = reports.get("tuned", reports["base"])
    write_json(deploy / "bench.json", main)
    summary = headline(main)
    summary["base_levels"] = headline(reports["base"])["levels"]
    summary |= bench_ratios(reports["base"], main)
    run.update_summary("bench", summary)
    return summary


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


def on_both_sides(metric: str, rows_a: list[dict], rows_b: list[dict]) -> bool:
    """Whether some prompt has a value of `metric` for both models."""
    have_a = {r.get("id") for r in rows_a if r.get(metric) is not None}
    return any(r.get("id") in have_a and r.get(metric) is not None for r in rows_b)


def run_ab_stage(cfg: Any, run: Any) -> dict[str, Any]:
    """Tuned vs base on the eval stage's per-prompt results; write deploy/ab.json."""
    from codetune.deploy import ab as ab_stats

    path: Path = run.stage_dir("eval") / "per_prompt.jsonl"
    if not path.is_file():
        raise UserError(f"{path}: not found; run the eval stage first (codetune eval CONFIG)")
    tuned = tuned_label(run)
    if tuned == "base":
        raise UserError(f"{path}: the run has no tuned model to compare with the base")
    rows = read_jsonl(path)
    by_source: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        by_source[str(row.get("source", "test"))][str(row.get("model"))].append(row)
    ab = cfg.ab
    results: dict[str, Any] = {}
    for source, models in sorted(by_source.items()):
        rows_a, rows_b = models.get("base", []), models.get(tuned, [])
        if not rows_a or not rows_b:
            continue
        binary, continuous = ab_stats.infer_metrics(
            [{k: v for k, v in r.items() if k not in NON_METRIC_FIELDS - {"id"}} for r in rows_a]
        )
        binary = [m for m in binary if m not in NON_METRIC_FIELDS]
        continuous = [m for m in continuous if m not in NON_METRIC_FIELDS]
        binary += [m for m in ab.binary_metrics if m not in binary and all(m in r for r in rows_a)]
        continuous += [
            m for m in ab.continuous_metrics if m not in continuous and all(m in r for r in rows_a)
        ]
        # A metric the tuned model never has (complexity when none of its code parsed) cannot
        # be compared on this source; the others still can.
        binary = [m for m in binary if on_both_sides(m, rows_a, rows_b)]
        continuous = [m for m in continuous if on_both_sides(m, rows_a, rows_b)]
        if not (binary or continuous):
            continue
        results[source] = ab_stats.compare(
            rows_a,
            rows_b,
            binary,
            continuous,
            ab.alpha,
            n_boot=ab.n_bootstrap,
            seed=ab.seed,
            power=ab.power,
            lower_is_better=ab.lower_is_better,
            key="id",
        )
    if not results:
        raise UserError(f"{path}: no metric present for both base and {tuned} on the same prompts")
    out = {"a": "base", "b": tuned, "by_source": results}
    write_json(run.stage_dir("deploy") / "ab.json", out)
    summary = {
        "tuned_model": tuned,
        "verdicts": {
            f"{source}.{name}": m["verdict"]
            for source, res in results.items()
            for name, m in res["metrics"].items()
        },
        "worse": sum(
            m["verdict"] == ab_stats.WORSE
            for res in results.values()
            for m in res["metrics"].values()
        ),
    }
    run.update_summary("ab", summary)
    return summary
