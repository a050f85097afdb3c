"""Deprecated-API migration as a metric, on the held-out `migrate` samples (data/migrate/
test.jsonl, `lib/deprecations.py`): each generation model is shown a function written against
deprecated APIs and writes it again. Per sample, base vs tuned with paired intervals:

- `migration_clean_rate`: the answer defines the function and the tools (ruff, pylint) find no
  deprecated use left in it;
- `migration_tests_pass`: where the sample is a unittest test method whose module the data
  stage kept, that test passes with the answer spliced into its module, in the sandbox. Only
  samples whose original method passes there count (the known-good migration).

Doing nothing (the prompt's own function) scores 0 on the first; the original scores 1 on both.
"""

from __future__ import annotations

from typing import Any

from codetune.core.config import PipelineConfig
from codetune.core.io import read_jsonl
from codetune.core.runs import Run
from codetune.lib.deprecations import find_deprecated, migrated_function, migration_prompts
from codetune.lib.generate import SamplingConfig, generate
from codetune.lib.sandbox.repotests import run_test_methods
from codetune.stages.eval.results import Measure, ModelEval

CANDIDATES_PER_SAMPLE = 4


def migration_samples(cfg: PipelineConfig, run: Run, tokenizer) -> list[dict[str, Any]]:
    """`eval.migration_samples` held-out migrate samples whose function fits the token budget
    (a longer one could not be written whole), each with `testable`: whether its test (a test
    method's own) passes with the original code in the sandbox. Of the first few times as many
    candidates, the testable ones come first: a test method whose test needs what the sandbox
    lacks (certificates, Windows) checks nothing."""
    path = run.data_dir / "migrate" / "test.jsonl"
    wanted = cfg.eval.migration_samples
    if not wanted or not path.is_file():
        return []
    budget = cfg.eval.migration_max_new_tokens
    candidates = [
        s
        for s in read_jsonl(path)
        if len(tokenizer(s["completion"], add_special_tokens=False)["input_ids"]) < budget
    ][: CANDIDATES_PER_SAMPLE * wanted]
    with_test = [s for s in candidates if s.get("test")]
    passed = run_test_methods(
        with_test, [s["completion"] for s in with_test], cfg.eval.sandbox, cfg.eval.sandbox_workers
    )
    for sample in candidates:
        sample["testable"] = False
    for sample, ok in zip(with_test, passed, strict=True):
        sample["testable"] = ok
    testable = [s for s in candidates if s["testable"]]
    return (testable + [s for s in candidates if not s["testable"]])[:wanted]


def deprecated_api_migration(
    model, tokenizer, cfg: PipelineConfig, samples: list[dict[str, Any]], label: str
) -> ModelEval:
    """One model's migrations of the held-out samples, checked by the tools and the tests."""
    out = ModelEval()
    if not samples:
        return out
    ev = cfg.eval
    prompts: list[str] = [""] * len(samples)
    codes: list[str | None] = [None] * len(samples)
    gens: list[Any] = [None] * len(samples)
    by_language: dict[str, list[int]] = {}
    for i, sample in enumerate(samples):
        by_language.setdefault(sample.get("language", "python"), []).append(i)
    for language, index in by_language.items():
        asked, stops, fmt = migration_prompts(
            [samples[i]["deprecated"] for i in index],
            tokenizer,
            ev.migration_prompt_format,
            language,
        )
        sampling = SamplingConfig(
            max_new_tokens=ev.migration_max_new_tokens,
            stop=stops,
            batch_size=ev.generation_batch_size,
            seed=cfg.seed,
        )
        answers = generate(model, tokenizer, asked, sampling, desc=f"{label} migrate {language}")
        for i, prompt, gen in zip(index, asked, answers, strict=True):
            prompts[i], gens[i] = prompt, gen
            codes[i] = migrated_function(gen.text, samples[i]["name"], language, fmt)
    found = find_deprecated(
        [c or "" for c in codes],
        [s.get("imports", []) for s in samples],
        [s.get("language", "python") for s in samples],
    )
    testable = [i for i, s in enumerate(samples) if s.get("testable") and codes[i] is not None]
    passed = run_test_methods(
        [samples[i] for i in testable],
        [codes[i] or "" for i in testable],
        ev.sandbox,
        ev.sandbox_workers,
    )
    test_passed = dict(zip(testable, passed, strict=True))
    clean = Measure("mean", higher_is_better=True, binary=True)
    behaves = Measure("mean", higher_is_better=True, binary=True)
    for i, (sample, code, gen, prompt) in enumerate(
        zip(samples, codes, gens, prompts, strict=True)
    ):
        left = found[i] if code is not None else None
        clean.items[sample["id"]] = int(left is not None and not left)
        if sample.get("testable"):
            behaves.items[sample["id"]] = int(test_passed.get(i, False))
        out.generations.append(
            {
                "model": label,
                "source": "migration",
                "language": sample.get("language", "python"),
                "id": sample["id"],
                "prompt": prompt,
                "completion": code if code is not None else gen.text,
                "defines_function": code is not None,
                "deprecated_left": [f"{f.code}: {f.message}" for f in left or []],
                "tests_passed": test_passed.get(i),
                "finished": gen.finished,
                "new_tokens": gen.new_tokens,
            }
        )
        out.per_prompt.append(
            {
                "id": sample["id"],
                "model": label,
                "source": "migration",
                "clean": bool(clean.items[sample["id"]]),
                "tests_passed": test_passed.get(i),
            }
        )
    out.measures["migration_clean_rate"] = clean
    if behaves.items:
        out.measures["migration_tests_pass"] = behaves
    out.metrics["migration"] = {
        "clean_rate": clean.aggregate(),
        "tests_pass": behaves.aggregate() if behaves.items else None,
        "samples": len(samples),
        "testable": len(behaves.items),
        "defines_function": sum(c is not None for c in codes),
        "rules": sorted({r for s in samples for r in s.get("rules", [])}),
        "prompt_format": fmt,
    }
    return out
