"""The eval stage: the base model against each tuned model the run has, on held-out data.

Models are evaluated in pipeline order on one copy of the weights: the base, then the base with
the SFT adapter merged in, then that with the DPO adapter merged in. For each: held-out loss on
the test split, held-out preference accuracy on the test pairs (overall and per defect kind),
and the syntax-valid rate of greedy generations from test prompts.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from codetune.evaluate.metrics import syntax_valid
from codetune.evaluate.scoring import heldout_loss, preference_accuracy
from codetune.generate import PYTHON_FUNCTION_STOPS, SamplingConfig, generate
from codetune.io import read_jsonl, write_json, write_jsonl
from codetune.models import load_adapter_merged, load_base
from codetune.train.dpo import fit_pairs
from codetune.train.masking import DOC_EOS

log = logging.getLogger("codetune")


def _test_rows(run: Any, fmt: str, limit: int | None) -> list[dict[str, Any]]:
    path = run.data_dir / fmt / "test.jsonl"
    rows = read_jsonl(path) if path.is_file() else []
    return rows[:limit] if limit else rows


def _test_pairs(run: Any, tokenizer, max_length: int, limit: int | None) -> list[dict[str, Any]]:
    path = run.pairs_dir / "test.jsonl"
    rows = read_jsonl(path) if path.is_file() else []
    return fit_pairs(rows, tokenizer, max_length, limit)[0]


def evaluate_model(
    model, tokenizer, cfg: Any, rows: list[dict], pairs: list[dict], label: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    ev = cfg.eval
    fmt = cfg.sft.train_format
    metrics: dict[str, Any] = {}
    if rows:
        metrics["heldout_loss"] = heldout_loss(
            model, tokenizer, rows, fmt, max_length=cfg.sft.max_length, batch_size=ev.batch_size
        )["loss"]
    if pairs:
        pref = preference_accuracy(
            model,
            tokenizer,
            pairs,
            max_length=ev.pair_max_length,
            batch_size=ev.batch_size,
            eos=DOC_EOS,
        )
        metrics["preference_accuracy"] = pref["accuracy"]
        metrics["preference_by_kind"] = pref["by_kind"]
    generations: list[dict[str, Any]] = []
    gen_rows = [r for r in rows if r.get("language", "python") == "python"][: ev.num_generations]
    if gen_rows and fmt == "completion":
        sampling = SamplingConfig(
            max_new_tokens=ev.max_new_tokens, stop=PYTHON_FUNCTION_STOPS, batch_size=ev.batch_size
        )
        outs = generate(model, tokenizer, [r["prompt"] for r in gen_rows], sampling, desc=label)
        ok = 0
        for row, g in zip(gen_rows, outs, strict=True):
            valid = syntax_valid(row["prompt"] + g.text, "python")
            ok += valid
            generations.append(
                {
                    "model": label,
                    "id": row.get("id"),
                    "prompt": row["prompt"],
                    "completion": g.text,
                    "reference": row["completion"],
                    "syntax_valid": valid,
                    "finished": g.finished,
                    "new_tokens": g.new_tokens,
                }
            )
        metrics["syntax_valid_rate"] = ok / len(gen_rows)
    return metrics, generations


def run_eval(cfg: Any, run: Any) -> dict[str, Any]:
    """Evaluate base and tuned models; write eval/results.json and eval/generations.jsonl."""
    ev = cfg.eval
    out_dir: Path = run.stage_dir("eval")
    rows = _test_rows(run, cfg.sft.train_format, ev.max_loss_samples)
    model, tokenizer, _ = load_base(cfg.model)
    pairs = _test_pairs(run, tokenizer, ev.pair_max_length, ev.max_pref_pairs)
    results: dict[str, Any] = {}
    all_generations: list[dict[str, Any]] = []
    stages = [("base", None), ("sft", run.adapter_dir("sft")), ("dpo", run.adapter_dir("dpo"))]
    for label, adapter in stages:
        if adapter is not None:
            if not (adapter / "adapter_config.json").is_file():
                continue
            model = load_adapter_merged(model, adapter)
        log.info("evaluating %s", label)
        metrics, gens = evaluate_model(model, tokenizer, cfg, rows, pairs, label)
        results[label] = metrics
        all_generations += gens

    tuned = [k for k in ("dpo", "sft") if k in results]
    final = tuned[0] if tuned else "base"
    deltas = {
        k: results[final][k] - results["base"][k]
        for k in ("heldout_loss", "preference_accuracy", "syntax_valid_rate")
        if isinstance(results["base"].get(k), float) and isinstance(results[final].get(k), float)
    }
    report = {
        "models": results,
        "tuned": final,
        "delta_tuned_minus_base": deltas,
        "test_samples": len(rows),
        "test_pairs": len(pairs),
    }
    write_json(out_dir / "results.json", report)
    write_jsonl(out_dir / "generations.jsonl", all_generations)
    return report
