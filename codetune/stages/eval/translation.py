"""Java -> Go translation as a metric.

- On HumanEval-X: each generation model translates the Java canonical solution of the first
  `eval.translation_problems` problems into Go, starting from the Go problem's doc comment and
  signature, and the Go problem's own tests judge it with `go test` in the sandbox
  (`lib/sandbox/humaneval_x.py`). Per problem, base vs tuned with paired intervals: passes
  (translation pass@1, greedy) and builds (the Go compiler accepts it).
- On the team's own code (`eval.parallel_translations`, held-out `translate` samples from
  data.parallel), which has no Go tests for the purpose: differential testing
  (`lib/sandbox/differential.py`), the translation against the Java original on generated
  inputs, on the inputs where the team's own Go agrees with the Java. Only samples where it
  agrees on enough of them count (the known-good translation passes).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from codetune.core.config import PipelineConfig
from codetune.core.io import read_jsonl
from codetune.core.runs import Run
from codetune.lib.generate import SamplingConfig, generate
from codetune.lib.sandbox.differential import differential_tests
from codetune.lib.sandbox.humaneval_x import entry_point, java_go_pairs, run_go_tests
from codetune.lib.translation import go_answer_to_function, translation_prompts
from codetune.stages.eval.results import Measure, ModelEval


def trained_translation_tasks(run: Run | None) -> set[str]:
    """Go task ids the pairs stage sampled translations of (`pairs.translation`): the tuned
    models were trained on their Go solutions, so they are left out of the eval."""
    path = run.pairs_dir / "stats.json" if run is not None else None
    if path is None or not path.is_file():
        return set()
    return set(json.loads(path.read_text()).get("translation", {}).get("tasks", []))


def translation_problems(
    cfg: PipelineConfig, run: Run | None = None
) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(Java problem, Go problem) of the first `eval.translation_problems` HumanEval-X tasks
    that no translation pair came from."""
    ev = cfg.eval
    if not ev.translation_problems or not ev.humaneval_x_dir:
        return []
    trained = trained_translation_tasks(run)
    pairs = [
        (java, go)
        for java, go in java_go_pairs(Path(ev.humaneval_x_dir))
        if go["task_id"] not in trained
    ]
    return pairs[: ev.translation_problems]


def _translations(
    model, tokenizer, cfg: PipelineConfig, items: list[tuple[str, str, str]], desc: str
) -> tuple[list[str], list[Any], list[str], str]:
    """(prompts, generations, whole Go functions, prompt format) for (Java source, Go start,
    Go function name) items, greedy."""
    sources, starts, _ = zip(*items, strict=True) if items else ((), (), ())
    prompts, stops, fmt = translation_prompts(sources, starts, tokenizer, cfg.model.prompt_format)
    sampling = SamplingConfig(
        max_new_tokens=cfg.eval.translation_max_new_tokens,
        stop=stops,
        batch_size=cfg.eval.generation_batch_size,
        seed=cfg.seed,
    )
    gens = generate(model, tokenizer, prompts, sampling, desc=desc)
    codes = [
        go_answer_to_function(gen.text, start, name, fmt)
        for gen, (_, start, name) in zip(gens, items, strict=True)
    ]
    return prompts, gens, codes, fmt


def java_to_go(
    model, tokenizer, cfg: PipelineConfig, problems: list[tuple[dict, dict]], label: str
) -> ModelEval:
    """One model's Go translations, judged by the Go tests."""
    out = ModelEval()
    if not problems:
        return out
    ev = cfg.eval
    prompts, gens, codes, fmt = _translations(
        model,
        tokenizer,
        cfg,
        [(j["prompt"] + j["canonical_solution"], g["prompt"], entry_point(g)) for j, g in problems],
        f"{label} java->go",
    )
    go_problems = {g["task_id"]: g for _, g in problems}
    verdicts = run_go_tests(
        [(g["task_id"], code) for code, (_, g) in zip(codes, problems, strict=True)],
        go_problems,
        ev.sandbox,
        workers=ev.sandbox_workers,
    )
    passed = Measure("mean", higher_is_better=True, binary=True)
    built = Measure("mean", higher_is_better=True, binary=True)
    for verdict, code, gen, prompt in zip(verdicts, codes, gens, prompts, strict=True):
        rid = verdict.task_id
        passed.items[rid] = int(verdict.passed)
        built.items[rid] = int(verdict.status != "build_failed")
        out.generations.append(
            {
                "model": label,
                "source": "translation",
                "language": "go",
                "id": rid,
                "prompt": prompt,
                "completion": code,
                "answer_text": gen.text,
                "status": verdict.status,
                "passed": verdict.passed,
                "detail": verdict.detail,
                "finished": gen.finished,
                "new_tokens": gen.new_tokens,
            }
        )
        out.per_prompt.append(
            {
                "id": rid,
                "model": label,
                "source": "translation",
                "passed": verdict.passed,
                "built": verdict.status != "build_failed",
            }
        )
    out.measures = {"translation_pass@1": passed, "translation_build_rate": built}
    out.metrics["translation"] = {
        "pass@1": passed.aggregate(),
        "build_rate": built.aggregate(),
        "problems": len(problems),
        "direction": "java->go",
        "prompt_format": fmt,
        "statuses": {s: sum(v.status == s for v in verdicts) for s in {v.status for v in verdicts}},
    }
    return out


def parallel_translation_samples(cfg: PipelineConfig, run: Run) -> list[dict[str, Any]]:
    """The first `eval.parallel_translations` held-out translate samples whose reference (the
    team's own Go) agrees with the Java under differential testing."""
    path = run.data_dir / "translate" / "test.jsonl"
    if not cfg.eval.parallel_translations or not path.is_file():
        return []
    samples = [s for s in read_jsonl(path) if s.get("source_language") == "java"]
    samples = [s for s in samples if s.get("language") == "go"][: cfg.eval.parallel_translations]
    verdicts = differential_tests(
        [_diff_item(s, s["target_start"] + s["completion"]) for s in samples],
        cfg.eval.sandbox,
        seed=cfg.seed,
        workers=cfg.eval.sandbox_workers,
    )
    return [s for s, v in zip(samples, verdicts, strict=True) if v.agreed]


def _diff_item(sample: dict[str, Any], go_code: str) -> tuple[str, str, str, str]:
    java = "".join(f"{line}\n" for line in sample.get("imports", [])) + sample["source_code"]
    return java, sample["source_name"], go_code, sample["name"]


def parallel_translations(
    model, tokenizer, cfg: PipelineConfig, samples: list[dict[str, Any]], label: str
) -> ModelEval:
    """One model's Go translations of the team's Java, judged by differential testing."""
    out = ModelEval()
    if not samples:
        return out
    ev = cfg.eval
    prompts, gens, codes, _ = _translations(
        model,
        tokenizer,
        cfg,
        [(s["source_code"], s["target_start"], s["name"]) for s in samples],
        f"{label} team java->go",
    )
    verdicts = differential_tests(
        [_diff_item(s, code) for s, code in zip(samples, codes, strict=True)],
        ev.sandbox,
        references=[s["target_start"] + s["completion"] for s in samples],
        seed=cfg.seed,
        workers=ev.sandbox_workers,
    )
    agreed = Measure("mean", higher_is_better=True, binary=True)
    for sample, verdict, code, gen, prompt in zip(
        samples, verdicts, codes, gens, prompts, strict=True
    ):
        agreed.items[sample["id"]] = int(verdict.agreed)
        out.generations.append(
            {
                "model": label,
                "source": "translation",
                "language": "go",
                "id": sample["id"],
                "prompt": prompt,
                "completion": code,
                "status": verdict.status,
                "passed": verdict.agreed,
                "inputs_compared": verdict.inputs,
                "mismatches": verdict.mismatches,
                "detail": verdict.detail,
                "finished": gen.finished,
                "new_tokens": gen.new_tokens,
            }
        )
    out.measures = {"parallel_translation_agreement": agreed}
    out.metrics["parallel_translation"] = {
        "agreement": agreed.aggregate(),
        "samples": len(samples),
        "direction": "java->go",
        "judged_by": "differential testing against the Java, where the team's Go agrees",
        "statuses": {s: sum(v.status == s for v in verdicts) for s in {v.status for v in verdicts}},
    }
    return out
