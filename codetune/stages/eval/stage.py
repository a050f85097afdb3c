"""The eval stage: the base model against each tuned model the run has, prompt by prompt.

(Reason: about 700 lines, one stage read top to bottom: what it reads, the measures per model,
the comparisons; the scoring, generation, sandbox and statistics it calls live in codetune.lib.)

Models are evaluated in pipeline order on one copy of the weights: the base, then each stage
on the chain of the run's final model (`final_model`: by default the last trained stage)
merged onto the model before it (each adapter was trained on the model before it). The final
model is "the tuned model", the one bench, the gates and export judge and ship. For each model:

- held-out loss on the test split and held-out preference accuracy on the test pairs (overall
  and per defect kind);
- from greedy generations on test prompts: syntax-valid rate, BLEU of the generated body against
  the reference body, CodeBLEU of the whole function where the `codebleu` package works,
  cyclomatic complexity (mean, p90, share above 10), naming compliance, ruff findings per 100
  lines;
- on the first `eval.humaneval_problems` HumanEval problems: completions run in the sandbox
  (the only place generated code runs), pass@k;
- where set: the repository's own tests on each model's bodies (`repo_tests`), generated test
  files (`testgen`), Java -> Go translations of HumanEval-X judged by the Go tests
  (`translation`), deprecated-API migrations checked by the tools and the tests (`migration`).

Outputs in eval/: results.json (`models`: every figure per model; `metrics`: base vs tuned with
a paired 95% interval per metric, see `codetune.stages.eval.results`), per_prompt.jsonl (one row per
model and prompt, the input format of `codetune ab`) and generations.jsonl (every generation,
for the security scan).
"""

from __future__ import annotations

import itertools
import json
import logging
import random
from pathlib import Path
from typing import Any

from codetune.core.config import PipelineConfig
from codetune.core.config.eval import EvalConfig
from codetune.core.io import read_jsonl, write_json, write_jsonl
from codetune.core.runs import (
    DATA_CONVENTIONS,
    EVAL_GENERATIONS,
    EVAL_PER_PROMPT,
    EVAL_RESULTS,
    Run,
)
from codetune.core.runtime import resolve_precision
from codetune.lib.chain import apply_stage
from codetune.lib.codemetrics import (
    answer_status,
    bleu,
    codebleu,
    complexity_stats,
    function_complexities,
    naming_report,
    ruff_report,
)
from codetune.lib.conventions import compliance
from codetune.lib.generate import (
    PYTHON_FUNCTION_STOPS,
    SamplingConfig,
    answer_to_body,
    function_prompts,
    generate,
    inference_autocast,
    resolve_prompt_format,
)
from codetune.lib.layershare import SharedLowerLayers, adapter_configs, unchanged_lower_layers
from codetune.lib.masking import document_eos
from codetune.lib.models import load_base
from codetune.lib.pairfilters import cap_total
from codetune.lib.preference import fit_pairs
from codetune.lib.sandbox.humaneval import evaluate_samples, load_problems, task_order
from codetune.lib.sandbox.passk import pass_at_k
from codetune.lib.scoring import heldout_loss, preference_accuracy
from codetune.stages.eval.migration import deprecated_api_migration, migration_samples
from codetune.stages.eval.repo_tests import (
    Verified,
    for_repo_tests,
    repo_test_generations,
    verified_functions,
)
from codetune.stages.eval.repo_tests import summary as repo_summary
from codetune.stages.eval.results import (
    Measure,
    ModelEval,
    bleu_stats,
    build_metrics,
    compare_metric,
    subset,
    wilson_interval,
)
from codetune.stages.eval.testgen import generate_test_files
from codetune.stages.eval.testgen import summary as testgen_summary
from codetune.stages.eval.translation import (
    java_to_go,
    parallel_translation_samples,
    parallel_translations,
    translation_problems,
)

log = logging.getLogger("codetune")

COMPLEXITY_THRESHOLD = 10
# A kind's preference accuracy is headlined only from this many held-out pairs: below it the
# 95% interval is wider than about +-0.2 and the figure is shown, marked, but not claimed.
MIN_HEADLINE_PAIRS = 20
PREFERENCE_MEASURES = ("preference_accuracy", "preference_accuracy_norm")


def _test_rows(run: Run, fmt: str, limit: int | None) -> list[dict[str, Any]]:
    path = run.data_dir / fmt / "test.jsonl"
    rows = read_jsonl(path) if path.is_file() else []
    return rows[:limit] if limit else rows


def _test_pairs(run: Run, tokenizer, max_length: int, limit: int | None) -> list[dict[str, Any]]:
    """Test pairs that fit `max_length`; above `limit`, taken round-robin across kinds (file
    order kept) so the per-kind accuracies of rare kinds rest on every pair they have."""
    path = run.pairs_dir / "test.jsonl"
    rows = read_jsonl(path) if path.is_file() else []
    return cap_total(fit_pairs(rows, tokenizer, max_length, None)[0], limit, random.Random(0))


def _ids(rows: list[dict[str, Any]], prefix: str) -> list[str]:
    """A unique string id per row (its own id where it has one) to pair models' prompts by."""
    seen: set[str] = set()
    out = []
    for i, row in enumerate(rows):
        rid = str(row["id"]) if row.get("id") is not None else f"{prefix}:{i}"
        if rid in seen:  # pairing by id would silently drop one of them
            rid = f"{rid}#{i}"
        seen.add(rid)
        out.append(rid)
    return out


# ---------------------------------------------------------------------------------------------
# Likelihood metrics
# ---------------------------------------------------------------------------------------------


def _heldout(
    model, tokenizer, rows: list[dict], cfg: PipelineConfig, share: SharedLowerLayers | None = None
) -> tuple[dict[str, Any], Measure]:
    """Held-out loss (`scoring.heldout_loss`), with each sample's NLL and token count kept so
    the base-vs-tuned interval can resample samples."""
    fmt = cfg.sft.train_format
    res = heldout_loss(
        model,
        tokenizer,
        rows,
        fmt,
        max_length=cfg.sft.max_length,
        batch_size=cfg.eval.batch_size,
        share=share,
    )
    ids = _ids(rows, "test")
    measure = Measure("ratio", higher_is_better=False)
    measure.items = {ids[i]: (nll, n) for i, nll, n in res["per_row"]}
    return {"heldout_loss": res["loss"], "heldout_perplexity": res["perplexity"]}, measure


def _preference(
    model, tokenizer, pairs: list[dict], cfg: PipelineConfig, share: SharedLowerLayers | None = None
) -> tuple[dict[str, Any], dict[str, Measure]]:
    """Held-out preference accuracy (`scoring.preference_accuracy`), raw and length-normalised,
    overall and per kind with n and a 95% interval, with each pair's outcome kept so the
    base-vs-tuned intervals can resample pairs."""
    res = preference_accuracy(
        model,
        tokenizer,
        pairs,
        max_length=cfg.eval.pair_max_length,
        batch_size=cfg.eval.batch_size,
        eos=document_eos(tokenizer),
        share=share,
    )
    ids = _ids(pairs, "pair")
    measures = {}
    for name, key in zip(PREFERENCE_MEASURES, ("per_pair", "per_pair_norm"), strict=True):
        measure = Measure("mean", higher_is_better=True)
        measure.items = {ids[i]: win for i, win in res[key]}
        measures[name] = measure
    by_kind = {}
    for kind, row in res["by_kind"].items():
        n = row["pairs"]
        by_kind[kind] = {
            **row,
            "ci95": wilson_interval(row["accuracy"] * n, n),
            "ci95_norm": wilson_interval(row["accuracy_norm"] * n, n),
            "headline": n >= MIN_HEADLINE_PAIRS,
        }
    summary = {
        "preference_accuracy": res["accuracy"],
        "preference_accuracy_norm": res["accuracy_norm"],
        "preference_mean_logp_margin": res["mean_logp_margin"],
        "preference_pairs": res["pairs"],
        "preference_skipped_truncated": res["skipped_truncated"],
        "preference_by_kind": by_kind,
    }
    return summary, measures


def metrics_by_kind(
    pairs: list[dict], base: dict[str, Measure], tuned: dict[str, Measure], seed: int
) -> dict[str, dict[str, Any]]:
    """Base vs tuned preference accuracy (raw and normalised) per defect kind, each with its
    paired interval: the overall figure can rise while one kind falls."""
    ids = _ids(pairs, "pair")
    kinds: dict[str, list[str]] = {}
    for rid, pair in zip(ids, pairs, strict=True):
        kinds.setdefault(pair.get("kind", "unknown"), []).append(rid)
    out: dict[str, dict[str, Any]] = {}
    for kind, kind_ids in sorted(kinds.items()):
        rows = {}
        for name in PREFERENCE_MEASURES:
            if name in base and name in tuned:
                rows[name] = compare_metric(
                    subset(base[name], kind_ids), subset(tuned[name], kind_ids), seed=seed
                )
        out[kind] = rows
    return out


# ---------------------------------------------------------------------------------------------
# Generation metrics (never executing the code)
# ---------------------------------------------------------------------------------------------


def _code_measures(
    ids: list[str], codes: list[str], into: dict[str, Measure]
) -> dict[str, list[int] | None]:
    """Add complexity, naming and ruff measures of whole functions, per prompt, to `into`;
    return each prompt's function complexities (None: does not parse)."""
    m = into
    m["complexity_mean"] = Measure("ratio", higher_is_better=False, empty=0.0)
    m["complexity_p90"] = Measure("p90", higher_is_better=False, empty=0.0)
    m[f"complexity_share_above_{COMPLEXITY_THRESHOLD}"] = Measure(
        "ratio", higher_is_better=False, empty=0.0
    )
    m["naming_compliance"] = Measure("ratio", higher_is_better=True, empty=1.0)
    m["ruff_per_100_lines"] = Measure("ratio", higher_is_better=False, empty=0.0)
    complexities: dict[str, list[int] | None] = {}
    for rid, code in zip(ids, codes, strict=True):
        found = function_complexities(code, "python")
        complexities[rid] = found
        values = found or []
        m["complexity_mean"].items[rid] = (sum(values), len(values))
        m["complexity_p90"].items[rid] = values
        m[f"complexity_share_above_{COMPLEXITY_THRESHOLD}"].items[rid] = (
            sum(v > COMPLEXITY_THRESHOLD for v in values),
            len(values),
        )
        names = naming_report([code], "python")
        m["naming_compliance"].items[rid] = (names["compliant"], names["checked"])
        # One ruff run per sample: ruff_report only returns totals, and per-sample counts are
        # what the interval resamples.
        lint = ruff_report([code])
        m["ruff_per_100_lines"].items[rid] = (100 * lint["findings"], lint["lines"])
    return complexities


def _codebleu_of_pairs(pairs: list[tuple[str, str]]) -> float | None:
    """Corpus CodeBLEU of (generated, reference) Python functions."""
    return codebleu([h for h, _ in pairs], [r for _, r in pairs], "python")[0]


def _mean_or_none(values: list[int] | None) -> float | None:
    return sum(values) / len(values) if values else None


def _test_generations(
    model, tokenizer, cfg: PipelineConfig, rows: list[dict], label: str
) -> ModelEval:
    ev = cfg.eval
    out = ModelEval()
    python_rows = [r for r in rows if r.get("language", "python") == "python"]
    gen_rows = python_rows[: ev.num_generations]
    if not gen_rows or cfg.sft.train_format != "completion":
        return out
    sampling = SamplingConfig(
        max_new_tokens=ev.max_new_tokens,
        stop=PYTHON_FUNCTION_STOPS,
        batch_size=ev.generation_batch_size,
        seed=cfg.seed,
    )
    gens = generate(model, tokenizer, [r["prompt"] for r in gen_rows], sampling, desc=label)
    ids = _ids(gen_rows, "test")
    bodies = [g.text for g in gens]
    refs = [r["completion"] for r in gen_rows]
    # Whole functions for everything that parses; BLEU on the bodies alone, since the shared
    # prompt (signature + docstring) would inflate both models' scores alike.
    codes = [r["prompt"] + g.text for r, g in zip(gen_rows, gens, strict=True)]
    ref_codes = [r["prompt"] + r["completion"] for r in gen_rows]

    import sacrebleu

    # An empty (or docstring-only) body parses, but it is no answer: it counts as empty, and
    # the syntax-valid rate counts non-empty answers that parse.
    syntax = Measure("mean", higher_is_better=True, binary=True)
    empty = Measure("mean", higher_is_better=False, binary=True)
    bleu_m = Measure("bleu", higher_is_better=True)
    sentence_bleu: dict[str, float] = {}
    statuses: dict[str, str] = {}
    for rid, row, body, ref in zip(ids, gen_rows, bodies, refs, strict=True):
        statuses[rid] = answer_status(row["prompt"], body, "python")
        syntax.items[rid] = int(statuses[rid] == "valid")
        empty.items[rid] = int(statuses[rid] == "empty")
        bleu_m.items[rid] = bleu_stats(body, ref)
        sentence_bleu[rid] = float(sacrebleu.sentence_bleu(body, [ref]).score)
    cb_value, cb_note = codebleu(codes, ref_codes, "python")
    if cb_value is None:
        cb = Measure("none", higher_is_better=True, value=cb_value, note=cb_note)
    else:
        cb = Measure("corpus", higher_is_better=True, corpus=_codebleu_of_pairs)
        cb.items = dict(zip(ids, zip(codes, ref_codes, strict=True), strict=True))
    measures = {"syntax_valid_rate": syntax, "empty_rate": empty, "bleu": bleu_m, "codebleu": cb}
    complexities = _code_measures(ids, codes, measures)
    profile_path = Path(cfg.run_dir) / DATA_CONVENTIONS
    if profile_path.is_file():
        # The team's own naming profile (the data stage's), not PEP 8's fixed rules.
        profile = json.loads(profile_path.read_text(encoding="utf-8"))
        conventions = Measure("ratio", higher_is_better=True, empty=1.0)
        for rid, code in zip(ids, codes, strict=True):
            conventions.items[rid] = compliance(code, "python", profile) or (0, 0)
        measures["conventions_compliance"] = conventions
    out.measures = measures

    stats = complexity_stats(codes, "python", COMPLEXITY_THRESHOLD)
    out.metrics = {
        "syntax_valid_rate": syntax.aggregate(),
        "empty_rate": empty.aggregate(),
        "bleu": bleu(bodies, refs),
        "codebleu": cb_value,
        **({"codebleu_note": cb_note} if cb_note else {}),
        "complexity": {
            "mean": stats["mean"],
            "p90": stats["p90"],
            f"share_above_{COMPLEXITY_THRESHOLD}": stats[f"share_above_{COMPLEXITY_THRESHOLD}"],
            "functions": stats["functions"],
            "unparsable": stats["unparsable"],
        },
        "naming_compliance": measures["naming_compliance"].aggregate(),
        **(
            {"conventions_compliance": measures["conventions_compliance"].aggregate()}
            if "conventions_compliance" in measures
            else {}
        ),
        "ruff_per_100_lines": measures["ruff_per_100_lines"].aggregate(),
        "generations": len(gen_rows),
    }
    for rid, row, g in zip(ids, gen_rows, gens, strict=True):
        out.generations.append(
            {
                "model": label,
                "source": "test",
                "language": "python",  # the security scan need not guess
                "id": rid,
                "prompt": row["prompt"],
                "completion": g.text,
                "reference": row["completion"],
                "syntax_valid": bool(syntax.items[rid]),
                "answer": statuses[rid],
                "finished": g.finished,
                "new_tokens": g.new_tokens,
            }
        )
        out.per_prompt.append(
            _per_prompt_row(
                rid,
                label,
                "test",
                syntax_valid=bool(syntax.items[rid]),
                empty=bool(empty.items[rid]),
                bleu=sentence_bleu[rid],
                complexity=_mean_or_none(complexities[rid]),
            )
        )
    return out


def _per_prompt_row(rid: str, label: str, source: str, **values: Any) -> dict[str, Any]:
    """One row of per_prompt.jsonl: the pairing key `id`, the side `model`, the `source`
    ("test" or "humaneval") and that source's metrics. A metric that does not apply to a source
    is left out rather than set to None: `codetune.stages.ab` reads one source at a time and
    takes a field present in every row as a metric to compare."""
    return {"id": rid, "model": label, "source": source, **values}


# ---------------------------------------------------------------------------------------------
# HumanEval (the sandbox runs the code)
# ---------------------------------------------------------------------------------------------


def trained_humaneval_tasks(cfg: PipelineConfig, run: Run) -> set[str]:
    """HumanEval tasks whose on-policy pairs (`pairs.onpolicy` on the package's HumanEval) fed
    training or validation: the tuned models have seen their canonical solutions, so their
    pass@k would be contaminated. Tasks of the test split stay eligible."""
    onpolicy = getattr(cfg.pairs, "onpolicy", None)
    if onpolicy is None or onpolicy.problems is not None:
        return set()
    stats_path = run.pairs_dir / "stats.json"
    if not stats_path.is_file():
        return set()
    by_split = json.loads(stats_path.read_text()).get("onpolicy", {}).get("tasks_by_split", {})
    return {tid for split in ("train", "val") for tid in by_split.get(split, [])}


def _humaneval_problems(ev: EvalConfig, excluded: set[str]) -> dict[str, dict]:
    """The first `ev.humaneval_problems` HumanEval problems not in `excluded`."""
    if not ev.humaneval_problems:
        return {}
    problems = [(tid, p) for tid, p in load_problems().items() if tid not in excluded]
    return dict(problems[: ev.humaneval_problems])


def _humaneval(
    model, tokenizer, cfg: PipelineConfig, problems: dict[str, dict], label: str
) -> ModelEval:
    ev = cfg.eval
    out = ModelEval()
    if not problems:
        return out
    n = ev.humaneval_samples
    greedy = n == 1
    task_ids = [tid for tid in problems for _ in range(n)]
    prompts, stops, prompt_format = function_prompts(
        [problems[t]["prompt"] for t in task_ids], tokenizer, cfg.model.prompt_format
    )
    sampling = SamplingConfig(
        max_new_tokens=ev.humaneval_max_new_tokens or ev.max_new_tokens,
        temperature=0.0 if greedy else ev.humaneval_temperature,
        top_p=ev.humaneval_top_p,
        stop=stops,
        batch_size=ev.generation_batch_size,
        seed=cfg.seed,
    )
    gens = generate(model, tokenizer, prompts, sampling, desc=f"{label} humaneval")
    samples = [
        {
            "task_id": t,
            "completion": answer_to_body(
                g.text, problems[t]["entry_point"], prompt_format, problems[t]["prompt"]
            ),
        }
        for t, g in zip(task_ids, gens, strict=True)
    ]
    result = evaluate_samples(
        samples, problems, ev.humaneval_k, limits=ev.sandbox, workers=ev.sandbox_workers
    )

    by_task: dict[str, list[dict[str, Any]]] = {}
    for sample, row, g in zip(samples, result["samples"], gens, strict=True):
        start = problems[sample["task_id"]]["prompt"]
        code = start + sample["completion"]
        status = answer_status(start, sample["completion"], "python")
        entry = {
            "model": label,
            "source": "humaneval",
            "language": "python",
            "id": sample["task_id"],
            "completion_id": row["completion_id"],
            "prompt": problems[sample["task_id"]]["prompt"],
            "completion": sample["completion"],
            **({"answer_text": g.text} if prompt_format == "chat" else {}),
            "status": row["status"],
            "passed": row["passed"],
            "detail": row["detail"],
            "syntax_valid": status == "valid",
            "answer": status,
            "finished": g.finished,
            "new_tokens": g.new_tokens,
            "complexities": function_complexities(code, "python"),
        }
        out.generations.append(entry)
        by_task.setdefault(sample["task_id"], []).append(entry)

    for k in ev.humaneval_k:
        measure = Measure("mean", higher_is_better=True, binary=greedy)
        for tid, entries in by_task.items():
            correct = sum(e["passed"] for e in entries)
            measure.items[tid] = pass_at_k(len(entries), correct, k)
            if greedy:
                measure.items[tid] = int(measure.items[tid])
        out.measures[f"humaneval_pass@{k}"] = measure
    # Per task: the share of its answers that are non-empty and parse / that are empty.
    for name, test in (
        ("humaneval_syntax_valid_rate", lambda e: e["syntax_valid"]),
        ("humaneval_empty_rate", lambda e: e["answer"] == "empty"),
    ):
        measure = Measure("mean", higher_is_better=name.endswith("valid_rate"), binary=greedy)
        for tid, entries in by_task.items():
            share = sum(bool(test(e)) for e in entries) / len(entries)
            measure.items[tid] = int(share) if greedy else share
        out.measures[name] = measure
    for tid, entries in by_task.items():
        correct = sum(e["passed"] for e in entries)
        funcs = [c for e in entries for c in (e["complexities"] or [])]
        valid = [e["syntax_valid"] for e in entries]
        empties = [e["answer"] == "empty" for e in entries]
        out.per_prompt.append(
            _per_prompt_row(
                tid,
                label,
                "humaneval",
                # A bool under greedy decoding (McNemar applies); the pass rate c/n otherwise.
                passed=bool(correct) if greedy else correct / len(entries),
                statuses=[e["status"] for e in entries],
                syntax_valid=valid[0] if greedy else sum(valid) / len(valid),
                empty=empties[0] if greedy else sum(empties) / len(empties),
                complexity=_mean_or_none(funcs),
            )
        )
    for entry in out.generations:
        del entry["complexities"]  # per_prompt.jsonl carries them; keep generations lean
    out.metrics = {
        "humaneval": {
            **result["pass_at_k"],
            "n_tasks": result["n_tasks"],
            "n_samples": result["n_samples"],
            "status_counts": result["status_counts"],
            "syntax_valid_rate": sum(e["syntax_valid"] for e in out.generations)
            / len(out.generations),
            "empty_rate": sum(e["answer"] == "empty" for e in out.generations)
            / len(out.generations),
            "prompt_format": prompt_format,
            "sandbox": result["sandbox"]["mode"],
        }
    }
    return out


# ---------------------------------------------------------------------------------------------
# The stage
# ---------------------------------------------------------------------------------------------


def evaluate_model(
    model,
    tokenizer,
    cfg: PipelineConfig,
    rows: list[dict],
    pairs: list[dict],
    label: str,
    problems: dict[str, dict] | None = None,
    *,
    generations: bool = True,
    share: SharedLowerLayers | None = None,
    repo_functions: Verified | None = None,
    translation: list[tuple[dict, dict]] | None = None,
    migrations: list[dict] | None = None,
    parallel: list[dict] | None = None,
) -> ModelEval:
    """Every metric of one model; generated code only runs inside the sandbox (HumanEval).

    `generations` False leaves out the generation metrics (test generations, HumanEval).
    `share`: the chain's shared lower layers (`layershare`), bound to this model here."""
    result = ModelEval()
    with inference_autocast(model, cfg.eval.precision):
        if share is not None:
            log.info("lower layers 0-%d: %s", share.depth - 1, share.bind(model))
        if rows:
            summary, measure = _heldout(model, tokenizer, rows, cfg, share)
            result.metrics.update(summary)
            result.measures["heldout_loss"] = measure
        if pairs:
            summary, measures = _preference(model, tokenizer, pairs, cfg, share)
            result.metrics.update(summary)
            result.measures.update(measures)
        if not generations:
            return result
        for part in (
            _test_generations(model, tokenizer, cfg, rows, label),
            _humaneval(model, tokenizer, cfg, problems or {}, label),
            repo_test_generations(model, tokenizer, cfg, repo_functions or [], label),
            generate_test_files(model, tokenizer, cfg, repo_functions or [], label),
            java_to_go(model, tokenizer, cfg, translation or [], label),
            deprecated_api_migration(model, tokenizer, cfg, migrations or [], label),
            parallel_translations(model, tokenizer, cfg, parallel or [], label),
        ):
            result.metrics.update(part.metrics)
            result.measures.update(part.measures)
            result.generations += part.generations
            result.per_prompt += part.per_prompt
    return result


STEP_MEASURES = ("heldout_loss", *PREFERENCE_MEASURES)


def step_comparisons(
    evals: dict[str, ModelEval], pairs: list[dict], seed: int
) -> dict[str, dict[str, Any]]:
    """{model: {"vs": previous model, "metrics": rows, "by_kind": rows}} for every tuned model
    against the one it was trained from (sft vs base, dpo vs sft, ...): base vs final hides
    whether DPO itself moved a kind."""
    labels = list(evals)
    out: dict[str, dict[str, Any]] = {}
    for before, after in itertools.pairwise(labels):
        a, b = evals[before].measures, evals[after].measures
        out[after] = {
            "vs": before,
            "metrics": {
                name: compare_metric(a[name], b[name], seed=seed)
                for name in STEP_MEASURES
                if name in a and name in b
            },
            "by_kind": metrics_by_kind(pairs, a, b, seed) if pairs else {},
        }
    return out


def _shared_lower_layers(model, run: Run, chain: list[str]) -> SharedLowerLayers | None:
    """The lower layers no adapter of the chain touches, computed once for every model."""
    configs = adapter_configs([run.adapter_dir(stage) for stage in chain])
    n_layers = model.config.get_text_config().num_hidden_layers
    depth = unchanged_lower_layers(configs, n_layers) if configs else 0
    return SharedLowerLayers(depth) if depth else None


def run_eval(cfg: PipelineConfig, run: Run) -> dict[str, Any]:
    """Evaluate base and tuned models; write eval/results.json, per_prompt.jsonl and
    generations.jsonl. Returns results.json's content."""
    ev = cfg.eval
    rows = _test_rows(run, cfg.sft.train_format, ev.max_loss_samples)
    trained = trained_humaneval_tasks(cfg, run)
    problems = _humaneval_problems(ev, trained)
    model, tokenizer, _ = load_base(cfg.model)
    pairs = _test_pairs(run, tokenizer, ev.pair_max_length, ev.max_pref_pairs)
    # The final model (`final_model`, the same one bench, gates and export judge and ship) and
    # every model on its chain, each step merged onto the one before.
    final = run.final_model(cfg)
    evals: dict[str, ModelEval] = {}
    with_generations = {"base", final} if ev.generation_models == "base_and_final" else None
    chain = run.model_chain(final)
    share = _shared_lower_layers(model, run, chain) if ev.share_lower_layers and chain else None
    repo_functions = verified_functions(cfg, run, tokenizer)
    translation = translation_problems(cfg, run)
    migrations = migration_samples(cfg, run, tokenizer)
    parallel = parallel_translation_samples(cfg, run)
    for label in ("base", *chain):
        if label != "base":
            model = apply_stage(model, run, label)
        log.info("evaluating %s", label)
        evals[label] = evaluate_model(
            model,
            tokenizer,
            cfg,
            rows,
            pairs,
            label,
            problems,
            generations=with_generations is None or label in with_generations,
            share=share,
            repo_functions=repo_functions,
            translation=translation,
            migrations=migrations,
            parallel=parallel,
        )

    models = {label: e.metrics for label, e in evals.items()}
    base, tuned = models["base"], models[final]
    deltas = {
        k: tuned[k] - base[k]
        for k in base
        if isinstance(base[k], float) and isinstance(tuned.get(k), float)
    }
    report = {
        "models": models,
        "tuned": final,
        "delta_tuned_minus_base": deltas,
        "test_samples": len(rows),
        "test_pairs": len(pairs),
        "humaneval_problems": len(problems),
        "repo_tests": repo_summary(for_repo_tests(repo_functions, tokenizer, ev)),
        "test_generation": testgen_summary(repo_functions, ev.test_generation),
        "translation_problems": [g["task_id"] for _, g in translation],
        "parallel_translations": len(parallel),
        "migration_samples": {
            "samples": len(migrations),
            "testable": sum(bool(s["testable"]) for s in migrations),
        },
        # Trained on through on-policy pairs, so left out of pass@k.
        "humaneval_excluded_trained": sorted(trained, key=task_order),
        # base vs the final tuned model, per metric; {} when the run has no tuned model yet.
        "metrics": build_metrics(evals["base"].measures, evals[final].measures, seed=cfg.seed)
        if final != "base"
        else {},
        # Per defect kind, base vs tuned; kinds under min_headline_pairs are not headlined.
        "metrics_by_kind": metrics_by_kind(
            pairs, evals["base"].measures, evals[final].measures, cfg.seed
        )
        if final != "base" and pairs
        else {},
        # Each trained model against the one it was trained from (dpo vs sft: what DPO did),
        # on the likelihood metrics, overall and per kind.
        "steps": step_comparisons(evals, pairs, cfg.seed),
        "min_headline_pairs": MIN_HEADLINE_PAIRS,
        "precision": "bf16" if resolve_precision(ev.precision) == "bf16" else "fp32",
        "generation_models": sorted(with_generations or evals, key=list(evals).index),
        "prompt_format": resolve_prompt_format(cfg.model.prompt_format, tokenizer),
    }
    write_json(run.root / EVAL_RESULTS, report)
    write_jsonl(run.root / EVAL_PER_PROMPT, [r for e in evals.values() for r in e.per_prompt])
    write_jsonl(run.root / EVAL_GENERATIONS, [g for e in evals.values() for g in e.generations])
    return report
