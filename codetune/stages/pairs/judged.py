"""Pairs from judged samples, shared by every on-policy source (HumanEval, the repository's
tests, Java -> Go translations, migrations): the model's samples of one task, each judged in
the sandbox, become (chosen, rejected) pairs. `sample_each` draws those samples for the
builders that prompt the model themselves.

A failing sample is rejected against a passing one (the rejected spread over the passing ones),
or, where none passed, against a verified reference (the canonical solution that passed its
own tests, the team's original body). With neither, no pair is made: it would prefer one
unverified text over another. An empty (or docstring-only) failing sample only teaches "do not
stop at once" and is left out, as is a repeat of a text already seen.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from codetune.core.config.pairs import SampledPairsConfig
from codetune.lib.generate import SamplingConfig, generate, inference_autocast
from codetune.lib.pairfilters import token_edit_distance


@dataclass(frozen=True)
class JudgedPair:
    chosen: str
    rejected: str
    status: str  # why the rejected side failed: failed, timeout, build_failed, ...
    from_reference: bool  # the chosen side is the reference, not a passing sample


def judged_pairs(
    samples: Iterable[tuple[str | None, str]],
    reference: str | None,
    is_empty: Callable[[str], bool],
) -> tuple[list[JudgedPair], Counter[str]]:
    """Pairs from (text, status) samples of one task (text None: the answer had no function);
    `reference`: a verified correct text, or None. Returns the pairs and counts of what was
    left out."""
    counts: Counter[str] = Counter()
    passing: list[str] = []
    failing: dict[str, str] = {}  # text -> status; a dict keeps first-seen order
    for text, status in samples:
        if text is None:
            counts["no_function_dropped"] += 1
        elif status == "passed":
            if text not in passing:
                passing.append(text)
        elif is_empty(text):
            counts["empty_rejected_dropped"] += 1
        elif text in failing or text in passing:
            counts["duplicate_rejected_dropped"] += 1
        else:
            failing[text] = status
    if not failing:
        return [], counts
    pool = passing or ([reference] if reference is not None else [])
    if not pool:
        counts["tasks_without_chosen"] += 1
        return [], counts
    pairs = [
        JudgedPair(pool[i % len(pool)], rejected, status, not passing)
        for i, (rejected, status) in enumerate(failing.items())
    ]
    return pairs, counts


def judged_rows(
    found: list[JudgedPair],
    *,
    id_prefix: str,
    prompt: str,
    kind: str,
    source: str,
    **fields: Any,
) -> list[dict[str, Any]]:
    """The pairs-file rows of one task's judged pairs: kind `<kind>:<why rejected>`, source
    `<source>` or `<source>-reference` (the chosen side is the verified reference), `fields`
    (language, split, the task's id...) on every row."""
    return [
        {
            "id": f"{id_prefix}::{j}",
            "prompt": prompt,
            "chosen": pair.chosen,
            "rejected": pair.rejected,
            "kind": f"{kind}:{pair.status}",
            "source": f"{source}-reference" if pair.from_reference else source,
            **fields,
            "statuses": {"chosen": "passed", "rejected": pair.status},
            "token_distance": token_edit_distance(pair.chosen, pair.rejected),
        }
        for j, pair in enumerate(found)
    ]


def judged_stats(
    samples: list[dict[str, Any]],
    splits: dict[str, list[dict[str, Any]]],
    dropped: Counter[str],
) -> dict[str, Any]:
    """What every judged source reports: samples by status and pass rate, pairs by split and
    source, and what was left out."""
    statuses = Counter(s["status"] for s in samples)
    rows = [p for split in splits.values() for p in split]
    return {
        "samples": len(samples),
        "sample_statuses": dict(sorted(statuses.items())),
        "sample_pass_rate": statuses["passed"] / len(samples) if samples else 0.0,
        "pairs": len(rows),
        "pairs_by_split": {s: len(v) for s, v in splits.items()},
        "by_source": dict(sorted(Counter(p["source"] for p in rows).items())),
        "dropped": dict(sorted(dropped.items())),
    }


def sample_each(
    model,
    tokenizer,
    prompts: Sequence[str],
    cfg: SampledPairsConfig,
    *,
    stops: list[str],
    seed: int,
    desc: str,
) -> tuple[list[int], list[Any]]:
    """`cfg.k` samples of every prompt from `model`, in one batched generation: (the prompt
    index of each sample, the generation outputs), samples of one prompt next to each other."""
    order = [i for i in range(len(prompts)) for _ in range(cfg.k)]
    sampling = SamplingConfig(
        max_new_tokens=cfg.max_new_tokens,
        temperature=cfg.temperature,
        top_p=cfg.top_p,
        stop=stops,
        batch_size=cfg.batch_size,
        seed=seed,
    )
    with inference_autocast(model):
        outputs = generate(model, tokenizer, [prompts[i] for i in order], sampling, desc=desc)
    return order, outputs
