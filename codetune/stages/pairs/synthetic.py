"""Synthetic preference pairs: chosen = the clean function, rejected = one injected defect.

`build_pairs(rows, cfg, seed)` takes completion rows of the data stage (`prompt`, `completion`,
`id`, `language`...; `prompt + completion` is the whole function) and returns the pairs and
their statistics. Both sides share the row's prompt: defects are injected after it, so
`chosen` is the original completion (or the completion with a clean carrier statement, for
kinds that insert one) and `rejected` the mutated code minus the prompt. A Python kind that
finds no site after the row's prompt may take the prompt cut at the body's start instead
(`body_prompt_fallback`), so guards among a long function's first lines count too.

Per function: optionally rewrite it first with a behaviour-preserving rewrite (augmentation,
applied to both sides because the defect is injected into the rewritten code), then try the
kinds (fewest pairs so far first, when balancing) until `pairs_per_function` applied. Then drop
identical pairs, report near-identical ones, and apply the per-kind and total caps.
Everything is seeded per function; balancing counts within chunks of `CHUNK_FUNCTIONS`
functions, which worker processes build side by side (libcst is pure Python: 500 functions
took 17 s on one core), so the pairs are the same whatever the number of workers.
"""

from __future__ import annotations

import ast
import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

from codetune.core.config.pairs import PairsConfig
from codetune.core.errors import UserError
from codetune.lib.masking import without_context
from codetune.lib.pairfilters import (
    cap_per_kind,
    cap_total,
    is_identical,
    mark_near_identical,
    token_edit_distance,
)
from codetune.stages.pairs import conventions
from codetune.stages.pairs.defects import INJECTORS, KIND_GROUPS, supported_kinds
from codetune.stages.pairs.rewrites import EQUIVALENT_REWRITES, rewrite_equivalent


def _check_names(cfg: PairsConfig) -> list[str]:
    kinds = cfg.kinds or list(INJECTORS)
    known = [*INJECTORS, conventions.KIND]
    unknown = sorted(set(kinds) - set(known))
    if unknown:
        raise UserError(
            f"pairs.kinds: unknown kind(s) {', '.join(unknown)}; known: {', '.join(known)}"
        )
    unknown = sorted(set(cfg.augment_rewrites or []) - set(EQUIVALENT_REWRITES))
    if unknown:
        raise UserError(
            f"pairs.augment_rewrites: unknown rewrite(s) {', '.join(unknown)}; "
            f"known: {', '.join(EQUIVALENT_REWRITES)}"
        )
    return kinds


# Functions per unit of work: balancing counts kinds within a chunk, so this constant (not the
# number of workers) decides which pairs a seed gives.
CHUNK_FUNCTIONS = 64


@dataclass
class _ChunkResult:
    pairs: list[dict[str, Any]] = field(default_factory=list)
    counters: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    details: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    identical: int = 0
    skipped_rows: int = 0
    rows_with_pairs: int = 0


def body_start(code: str) -> int | None:
    """Offset of the line where a Python function's body starts, after its docstring (None when
    `code` is not one parseable function or its body is the docstring alone)."""
    try:
        tree = ast.parse(code)
    except (SyntaxError, ValueError):
        return None
    if len(tree.body) != 1 or not isinstance(tree.body[0], ast.FunctionDef | ast.AsyncFunctionDef):
        return None
    body = tree.body[0].body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]  # the docstring stays in the prompt
    if not body or body[0].lineno <= tree.body[0].lineno:
        return None  # `def f(): return 1`: no line of its own to cut at
    lines = code.splitlines(keepends=True)
    return sum(len(line) for line in lines[: body[0].lineno - 1])


def _inject(
    kind: str,
    code: str,
    prompt: str,
    language: str,
    rng: random.Random,
    profile: dict[str, Any] | None,
):
    if kind == conventions.KIND:
        return conventions.convention_violation(code, rng, prompt, language, profile or {})
    return INJECTORS[kind](code, rng, prompt, language)


def _build_chunk(
    rows: list[dict[str, Any]],
    first_index: int,
    cfg: PairsConfig,
    kinds: list[str],
    seed: int,
    profile: dict[str, Any] | None = None,
) -> _ChunkResult:
    """The pairs of consecutive rows (`first_index`: the first row's index in the split, for
    rows without an id), balanced within the chunk; `profile`: the team's naming profile, for
    convention pairs."""
    out = _ChunkResult()
    counts, tried, applied = Counter(), out.counters["tried"], out.counters["applied"]
    augmented = out.counters["augmented"]
    for index, row in enumerate(rows, start=first_index):
        # Pairs judge the function itself: file context (data.context_tokens) is left out, so
        # DPO's length budget goes to the code that differs.
        row = without_context(row)
        prompt, completion = row.get("prompt", ""), row.get("completion", "")
        if not isinstance(prompt, str) or not isinstance(completion, str) or not completion.strip():
            out.skipped_rows += 1
            continue
        language = row.get("language", "python")
        row_id = str(row.get("id", index))
        row_rng = random.Random(f"{seed}:{row_id}")
        code = prompt + completion

        augmentation = None
        if language == "python" and row_rng.random() < cfg.augment_prob:
            rewritten = rewrite_equivalent(code, row_rng, prompt, cfg.augment_rewrites)
            if rewritten is not None:
                augmentation, code = rewritten

        available = [
            k
            for k in kinds
            if k in supported_kinds(language)
            or (k == conventions.KIND and profile and language in conventions.LANGUAGES)
        ]
        row_rng.shuffle(available)
        if cfg.balance:
            available.sort(key=lambda k: counts[k])  # stable: ties keep the shuffled order
        earlier_cut = None
        if cfg.body_prompt_fallback and language == "python":
            cut = body_start(code)
            earlier_cut = cut if cut is not None and cut < len(prompt) else None
        made = 0
        for kind in available:
            tried[kind] += 1
            kind_prompt = prompt
            mutation = _inject(kind, code, prompt, language, row_rng, profile)
            if mutation is None and earlier_cut is not None:
                kind_prompt = code[:earlier_cut]
                mutation = _inject(kind, code, kind_prompt, language, row_rng, profile)
                if mutation is not None:
                    out.counters["body_prompt_fallback"][kind] += 1
            if mutation is None:
                continue
            applied[kind] += 1
            chosen_code = mutation.clean or code
            pair = {
                "id": f"{row_id}::{kind}",
                "prompt": kind_prompt,
                "chosen": chosen_code[len(kind_prompt) :],
                "rejected": mutation.code[len(kind_prompt) :],
                "kind": kind,
                "group": KIND_GROUPS.get(kind, "style"),
                "source": "synthetic",
                "language": language,
                "function_id": row_id,
                "detail": mutation.detail,
                "augmentation": augmentation,
            }
            if is_identical(pair):
                out.identical += 1
                continue
            pair["token_distance"] = token_edit_distance(pair["chosen"], pair["rejected"])
            out.pairs.append(pair)
            counts[kind] += 1
            out.details[kind][mutation.detail] += 1
            made += 1
            if made >= cfg.pairs_per_function:
                break
        if made:
            out.rows_with_pairs += 1
            if augmentation:
                augmented[augmentation] += 1
    return out


def _chunk_results(
    rows: list[dict[str, Any]],
    cfg: PairsConfig,
    kinds: list[str],
    seed: int,
    executor: Executor | None,
    profile: dict[str, Any] | None = None,
) -> Iterator[_ChunkResult]:
    """Every chunk's result, in row order; in `executor`'s processes when one is given and
    there is more than one chunk."""
    starts = range(0, len(rows), CHUNK_FUNCTIONS)
    chunks = [rows[i : i + CHUNK_FUNCTIONS] for i in starts]
    if executor is None or len(chunks) < 2:
        for chunk, first in zip(chunks, starts, strict=True):
            yield _build_chunk(chunk, first, cfg, kinds, seed, profile)
        return
    n = len(chunks)
    yield from executor.map(
        _build_chunk, chunks, starts, [cfg] * n, [kinds] * n, [seed] * n, [profile] * n
    )


def build_pairs(
    rows: list[dict[str, Any]],
    cfg: PairsConfig,
    seed: int,
    executor: Executor | None = None,
    desc: str | None = None,
    profile: dict[str, Any] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Synthetic pairs from completion rows, and stats (see module docstring).

    Each pair: `id`, `prompt`, `chosen`, `rejected`, `kind`, `group`, `source` ("synthetic"),
    `language`, plus `function_id`, `detail` (what the injector changed), `augmentation` (the
    rewrite applied to both sides, or None) and `token_distance`. `executor`: worker
    processes for the chunks (same pairs as without); `desc`: a progress bar's label;
    `profile`: the team's naming profile (`conventions.json`), for convention pairs.
    """
    from tqdm.auto import tqdm

    kinds = _check_names(cfg)
    tried: Counter[str] = Counter()
    applied: Counter[str] = Counter()
    augmented: Counter[str] = Counter()
    fallback: Counter[str] = Counter()
    details: dict[str, Counter[str]] = defaultdict(Counter)
    identical = skipped_rows = rows_with_pairs = 0
    pairs: list[dict[str, Any]] = []
    chunks = _chunk_results(rows, cfg, kinds, seed, executor, profile)
    total = -(-len(rows) // CHUNK_FUNCTIONS)
    for part in tqdm(chunks, total=total, desc=desc, leave=False, disable=desc is None):
        pairs += part.pairs
        tried.update(part.counters["tried"])
        applied.update(part.counters["applied"])
        augmented.update(part.counters["augmented"])
        fallback.update(part.counters["body_prompt_fallback"])
        for kind, counter in part.details.items():
            details[kind].update(counter)
        identical += part.identical
        skipped_rows += part.skipped_rows
        rows_with_pairs += part.rows_with_pairs

    before_filters = len(pairs)
    pairs, near_report = mark_near_identical(pairs, cfg.min_token_distance, cfg.drop_near_identical)
    cap_rng = random.Random(seed)
    after_near = len(pairs)
    pairs = cap_per_kind(pairs, cfg.max_pairs_per_kind, cap_rng)
    after_kind_cap = len(pairs)
    pairs = cap_total(pairs, cfg.max_pairs, cap_rng)

    stats: dict[str, Any] = {
        "functions": len(rows),
        "functions_skipped": skipped_rows,
        "functions_with_pairs": rows_with_pairs,
        **pair_counts(pairs, kinds),
        "pairs_before_filters": before_filters,
        "kind_attempts": {k: tried.get(k, 0) for k in kinds},
        "kind_applied": {k: applied.get(k, 0) for k in kinds},
        "body_prompt_fallback": dict(sorted(fallback.items())),
        "identical_dropped": identical,
        **near_report,
        "capped_per_kind": after_near - after_kind_cap,
        "capped_total": after_kind_cap - len(pairs),
        "augmented": dict(sorted(augmented.items())),
        "details": {k: dict(v.most_common()) for k, v in sorted(details.items())},
    }
    return pairs, stats


def pair_counts(pairs: list[dict[str, Any]], kinds: list[str]) -> dict[str, Any]:
    """The counts of stats.json that follow from the pairs themselves: total, per kind (every
    one of `kinds`, 0 included), per group and per language."""
    by_kind = Counter(p["kind"] for p in pairs)
    return {
        "pairs": len(pairs),
        "by_kind": {k: by_kind.get(k, 0) for k in kinds},
        "by_group": dict(sorted(Counter(p["group"] for p in pairs).items())),
        "languages": dict(Counter(p["language"] for p in pairs)),
    }
