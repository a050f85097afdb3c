"""The data stage: source trees -> cleaned, deduplicated, split function datasets.

(Reason: about 730 lines: the three executor steps and the command line that runs each share
one shard format; the extraction, cleaning, dedup and split it calls live in their own modules.)

Three steps, each usable on its own so an external executor can spread a corpus over machines:

1. `plan(cfg, out_dir, seed)` walks the sources (names and sizes only) and cuts the file list
   into shards of about `shard_bytes`; written to `shards/plan.json`.
2. `process_shard(cfg, plan, k)` reads, extracts, filters, cleans, formats and decontaminates
   the files of shard k and computes dedup keys; written to `shards/NNNNN.*`. Shards are
   independent: run them in a process pool (what `run_data` does), a Slurm array, Ray tasks or
   datatrove's executors.
3. `finalize(cfg, plan, out_dir, seed)` is the one global pass: exact + near dedup over all
   shards, the `max_samples` cap, the grouped split, the output files, stats.json and DATA.md.

`python -m codetune.stages.data.pipeline {plan,shard,finalize} CONFIG OUT_DIR ...` runs a step from
the command line (see docs/data.md).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import asdict
from multiprocessing import get_context
from pathlib import Path
from typing import Any, TextIO

import numpy as np

import codetune.stages.data.formats as formats
from codetune.core.config.data import DataConfig
from codetune.core.errors import UserError
from codetune.core.io import atomic_path, write_json, write_text
from codetune.lib.secrets import find_secrets, is_secret, looks_like_fixture, redact
from codetune.stages.data.card import render_card
from codetune.stages.data.conventions import write_conventions
from codetune.stages.data.decontam import BenchmarkIndex, benchmark_index
from codetune.stages.data.dedup import exact_key, minhash_signature, near_duplicate_clusters
from codetune.stages.data.extract import Function, describe, extract_file
from codetune.stages.data.migrate import write_migrations
from codetune.stages.data.parallel import write_parallel
from codetune.stages.data.quality import (
    format_python,
    format_with_command,
    is_unfinished,
    python_parses,
    text_reason,
)
from codetune.stages.data.repo_tests import python_test_paths, write_repo_tests
from codetune.stages.data.sources import (
    FileRef,
    Source,
    is_test_path,
    read_source_file,
    resolve_sources,
    walk_source,
)
from codetune.stages.data.split import SPLITS, assign_splits

# With max_samples set, shards are processed (in plan order) until this many times more
# candidates than needed exist: the margin absorbs the global dedup's losses.
OVERSAMPLE = 2


# ----------------------------------------------------------------------------------- plan


def plan(cfg: DataConfig, out_dir: Path, seed: int) -> dict[str, Any]:
    """Resolve and walk the sources; cut the files into shards. Cheap: no file is read."""
    sources = resolve_sources(cfg, out_dir / "checkouts")
    skipped: Counter[str] = Counter()
    files: list[FileRef] = []
    for i, source in enumerate(sources):
        files.extend(walk_source(i, source, cfg, skipped))
    # A seeded shuffle: shards mix the whole tree, so a capped run (max_samples) stopping after
    # a few shards still samples every part of it.
    files.sort(
        key=lambda f: hashlib.sha256(
            f"{seed}\0{sources[f.source].label}\0{f.path}".encode()
        ).digest()
    )
    shards: list[list[FileRef]] = []
    size = 0
    for ref in files:
        if not shards or size >= cfg.shard_bytes:
            shards.append([])
            size = 0
        shards[-1].append(ref)
        size += ref.size
    result = {
        "sources": [asdict(s) for s in sources],
        "walk_skipped": dict(sorted(skipped.items())),
        "files": len(files),
        "bytes": sum(f.size for f in files),
        "shards": [[asdict(f) for f in shard] for shard in shards],
    }
    write_json(out_dir / "shards" / "plan.json", result)
    return result


# ---------------------------------------------------------------------------------- shard


def _shard_prefix(out_dir: Path, k: int) -> Path:
    return out_dir / "shards" / f"{k:05d}"


def process_shard(cfg: DataConfig, plan_: dict[str, Any], k: int, out_dir: Path) -> dict[str, Any]:
    """Files of shard k -> candidate functions (rows, MinHash signatures) and counts.

    Order: read, extract, cheap text filters, secrets, formatting, then per function the
    standalone parse (syntax, unfinished body, prompt cut), decontamination and dedup keys.
    A function that breaks a step is counted as `processing_error`, never fatal.
    """
    sources = [Source(**s) for s in plan_["sources"]]
    counts: Counter[str] = Counter()
    examples: list[dict[str, Any]] = []
    candidates: list[tuple[Source, FileRef, Function]] = []
    for ref in (FileRef(**f) for f in plan_["shards"][k]):
        source = sources[ref.source]
        candidates += [(source, ref, fn) for fn in _read_and_extract(source, ref, cfg, counts)]

    kept = []
    for item in candidates:
        in_tests = is_test_path(item[1].path)
        if in_tests and cfg.tests == "drop":
            counts["drop:test_code"] += 1
            continue
        try:
            keep = _handle_secrets(item[2], cfg, counts, in_tests=in_tests)
        except Exception:
            counts["drop:processing_error"] += 1
            continue
        if keep:
            kept.append(item)
    _format([fn for _, _, fn in kept], cfg, counts)

    benchmarks = {name: benchmark_index(name, cfg.decontam_ngram) for name in cfg.decontaminate}
    rows: list[dict[str, Any]] = []
    signatures: list[np.ndarray] = []
    for source, ref, fn in kept:
        try:
            row = _finish(source, ref, fn, cfg, benchmarks, counts, examples)
            if row is not None and cfg.dedup:
                signatures.append(
                    minhash_signature(fn.code, cfg.minhash_perms, cfg.shingle_size, fn.language)
                )
        except Exception:
            counts["drop:processing_error"] += 1
            continue
        if row is not None:
            rows.append(row)
            counts[f"candidates:{fn.language}"] += 1

    prefix = _shard_prefix(out_dir, k)
    with atomic_path(f"{prefix}.rows.jsonl") as tmp, tmp.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    sig = np.stack(signatures) if signatures else np.zeros((0, cfg.minhash_perms), np.uint32)
    with atomic_path(f"{prefix}.minhash.npy") as tmp, tmp.open("wb") as fh:
        np.save(fh, sig)
    stats = {
        "shard": k,
        "rows": len(rows),
        "counts": dict(counts),
        "contamination_examples": examples,
    }
    write_json(f"{prefix}.stats.json", stats)  # written last: marks the shard done
    return stats


def _read_and_extract(
    source: Source, ref: FileRef, cfg: DataConfig, counts: Counter[str]
) -> list[Function]:
    """The functions of one file that pass the cheap text filters (the rest are counted)."""
    text, reason = read_source_file(os.path.join(source.root, ref.path), ref.language)
    if text is None:
        counts[f"skip:{reason}"] += 1
        return []
    counts["files_read"] += 1
    counts["bytes_read"] += len(text.encode("utf-8"))
    try:
        parsed = extract_file(text, ref.language, ref.path, surroundings=cfg.context_tokens > 0)
    except Exception:  # a grammar crash on one file must not stop the corpus
        counts["skip:extract_failed"] += 1
        return []
    counts[f"files:{ref.language}"] += 1
    counts["files_with_syntax_errors"] += parsed.has_error
    out = []
    for fn in parsed.functions:
        counts["extracted"] += 1
        counts[f"extracted:{fn.language}"] += 1
        reason = "syntax_error" if fn.has_error else text_reason(fn.code, cfg)
        if reason is not None:
            counts[f"drop:{reason}"] += 1
        else:
            out.append(fn)
    return out


def _handle_secrets(
    fn: Function, cfg: DataConfig, counts: Counter[str], *, in_tests: bool = False
) -> bool:
    """Redact secrets in place (or report the function for dropping); False: drop it.

    Hits in test code and fixture-like values (`password='python'`, AKIA...EXAMPLE) are counted
    apart as well, and redacted all the same: a real credential can hide among them."""
    findings = find_secrets(
        fn.code, fn.language, emails=cfg.redact_emails, entropy=cfg.secrets_entropy
    )
    if not findings:
        return True
    for f in findings:
        counts[f"secret:{f.kind}"] += 1
        if in_tests and is_secret(f):
            counts["secrets_in_tests"] += 1
        if is_secret(f) and looks_like_fixture(f, fn.code):
            counts["secrets_fixture_like"] += 1
    if any(is_secret(f) for f in findings):
        counts["functions_with_secrets"] += 1
        if cfg.secrets == "drop":
            counts["drop:secret"] += 1
            return False
    fn.code = redact(fn.code, findings)
    counts["functions_redacted"] += 1
    return True


def _finish(
    source: Source,
    ref: FileRef,
    fn: Function,
    cfg: DataConfig,
    benchmarks: dict[str, BenchmarkIndex],
    counts: Counter[str],
    examples: list[dict[str, Any]],
) -> dict[str, Any] | None:
    """The output row of a function (with its internal `_` keys), or None when dropped."""
    anatomy = describe(fn.code, fn.language, fn.kind, tsx=ref.path.endswith(".tsx"))
    if anatomy is None or anatomy.has_error:
        counts["drop:syntax_error"] += 1
        return None
    if fn.language == "python" and not python_parses(fn.code):
        counts["drop:syntax_error"] += 1
        return None
    if is_unfinished(anatomy.body, fn.language):
        counts["drop:unfinished"] += 1
        return None
    has_doc = anatomy.docstring is not None
    cut, cut_kind = formats.prompt_end(
        fn.code, anatomy.sig_end, anatomy.doc_end, has_doc, cfg.prompt_lines
    )
    if formats.completion_lines(fn.code, cut) < cfg.min_completion_lines:
        counts["drop:short_completion"] += 1
        return None
    for name, bench in benchmarks.items():
        how = bench.check(fn.code, fn.name, anatomy.signature, fn.language)
        if how is not None:
            counts["drop:contaminated"] += 1
            counts[f"contamination:{name}:{how}"] += 1
            if len(examples) < 20:
                examples.append(
                    {"benchmark": name, "match": how, "path": ref.path, "name": fn.name}
                )
            return None
    qualname = f"{fn.class_name}.{fn.name}" if fn.class_name else fn.name
    context = formats.file_context(
        ref.path, fn.language, fn.imports, fn.surroundings, fn.start_line, cfg.context_tokens
    )
    # Imports and fields can hold what the function itself does not (`API_KEY = "..."`).
    context = redact(context, find_secrets(context, fn.language, emails=cfg.redact_emails))
    return {
        "id": f"{source.label}:{ref.path}:{fn.start_line}:{qualname}",
        "language": fn.language,
        "path": ref.path,
        "start_line": fn.start_line,
        "end_line": fn.end_line,
        "class_name": fn.class_name,
        "name": fn.name,
        "signature": anatomy.signature,
        "docstring": anatomy.docstring,
        "code": fn.code,
        "imports": fn.imports,
        **({"context": context} if context else {}),
        "is_test": is_test_path(ref.path),
        "_": {
            "group": f"{source.label}:{ref.path}",
            "prompt_end": cut,
            "prompt_cut": cut_kind,
            # Where a FIM middle may start: after the docstring (Python) or signature line.
            "body_start": anatomy.doc_end if fn.language == "python" else anatomy.sig_end,
            "exact": exact_key(fn.code),
        },
    }


def _format(functions: list[Function], cfg: DataConfig, counts: Counter[str]) -> None:
    """Normalise style in place: ruff for Python (if on), a configured command for the rest."""
    if cfg.format_python:
        python = [fn for fn in functions if fn.language == "python"]
        for fn, new in zip(python, format_python([fn.code for fn in python]), strict=True):
            if new is None:
                counts["format:failed"] += 1
            elif new != fn.code:
                fn.code = new
                counts["format:changed"] += 1
    for language, command in cfg.formatters.items():
        if language == "python" and cfg.format_python:
            continue
        chosen = [fn for fn in functions if fn.language == language]
        if not chosen:
            continue
        if not command or _missing(command[0]):
            counts[f"format:missing:{language}"] += len(chosen)
            continue
        for fn in chosen:
            new = format_with_command(fn.code, command)
            if new is None:
                counts["format:failed"] += 1
            elif new != fn.code:
                fn.code = new
                counts["format:changed"] += 1


def _missing(program: str) -> bool:
    return shutil.which(program) is None


# ------------------------------------------------------------------------------- finalize


def finalize(
    cfg: DataConfig,
    plan_: dict[str, Any],
    shard_stats: list[dict[str, Any]],
    out_dir: Path,
    seed: int,
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The global pass over processed shards (in order): dedup, cap, split, write outputs."""
    shards = [s["shard"] for s in shard_stats]
    ids: list[str] = []
    groups: list[str] = []
    language_of: dict[str, str] = {}
    in_tests: list[bool] = []
    exact: list[str] = []
    sigs: list[np.ndarray] = []
    for k in shards:
        for row in _rows(out_dir, k):
            ids.append(row["id"])
            groups.append(row["_"]["group"])
            language_of[row["_"]["group"]] = row.get("language", "")
            in_tests.append(bool(row.get("is_test")))
            exact.append(row["_"]["exact"])
        if cfg.dedup:
            sigs.append(np.load(f"{_shard_prefix(out_dir, k)}.minhash.npy"))
    n = len(ids)
    keep = np.ones(n, dtype=bool)
    exact_dups = 0
    clusters: list[list[int]] = []
    if cfg.dedup and n:
        first: dict[str, int] = {}
        for i, key in enumerate(exact):
            if key in first:
                keep[i] = False
                exact_dups += 1
            else:
                first[key] = i
        result = near_duplicate_clusters(np.concatenate(sigs), cfg.near_dup_threshold, keep)
        near_dups = int(keep.sum() - result.keep.sum())
        keep = result.keep
        clusters = result.groups
    else:
        near_dups = 0
    over_test_share = _cap_tests(keep, in_tests, ids, cfg.max_test_share, seed)
    capped = 0
    if cfg.max_samples is not None and keep.sum() > cfg.max_samples:
        kept_idx = np.flatnonzero(keep).tolist()
        kept_idx.sort(key=lambda i: hashlib.sha256(f"{seed}\0{ids[i]}".encode()).digest())
        drop = kept_idx[cfg.max_samples :]
        keep[drop] = False
        capped = len(drop)
    kept_groups = [groups[i] for i in np.flatnonzero(keep).tolist()]
    split_of = assign_splits(kept_groups, cfg.split, seed, language_of)

    written = _write_outputs(cfg, out_dir, shards, keep, split_of, seed)

    counts: Counter[str] = Counter()
    for s in shard_stats:
        counts.update(s["counts"])
    stats = _stats(cfg, plan_, shard_stats, counts, seed)
    stats["dedup"] = {
        "exact_duplicates": exact_dups,
        "near_duplicates": near_dups,
        "clusters": len(clusters),
        "largest_clusters": [
            {"size": len(g), "kept": ids[g[0]], "removed": [ids[i] for i in g[1:4]]}
            for g in clusters[:10]
        ],
    }
    stats["functions"]["dropped"]["exact_duplicate"] = exact_dups
    stats["functions"]["dropped"]["near_duplicate"] = near_dups
    if capped:
        stats["functions"]["dropped"]["over_max_samples"] = capped
    if over_test_share:
        stats["functions"]["dropped"]["over_test_share"] = over_test_share
    stats["functions"]["kept"] = int(keep.sum())
    stats["splits"] = written["splits"]
    stats["samples"] = written["samples"]
    stats["functions"]["kept_by_language"] = written["languages"]
    # How each kept function's completion prompt ends: after its docstring, after its
    # signature (short functions: the whole body is asked for), or after its first lines.
    stats["functions"]["prompt_cut"] = written["prompt_cuts"]
    kept_tests = sum(split["test_functions"] for split in written["splits"].values())
    stats["functions"]["test_code"] = kept_tests
    stats["functions"]["test_code_share"] = round(kept_tests / max(int(keep.sum()), 1), 4)
    stats["conventions"] = write_conventions(cfg, out_dir, seed)
    if cfg.link_tests:
        stats["repo_tests"] = _link_tests(cfg, plan_, written["linkable_python"], out_dir)
        if "tests" in cfg.formats:
            stats["samples"]["tests"] = stats["repo_tests"].pop("tests_samples")
    if "migrate" in cfg.formats:
        stats["migrate"] = _migrations(plan_, written["migratable"], out_dir)
        stats["samples"]["migrate"] = stats["migrate"]["samples"]
    if cfg.parallel:
        stats["parallel"] = write_parallel(cfg, out_dir, seed)
        stats["samples"]["translate"] = stats["parallel"]["samples"]
    stats.update(extra or {})
    write_json(out_dir / "stats.json", stats)
    write_text(out_dir / "DATA.md", render_card(stats))
    # Intermediate files go once the outputs are complete: the run folder keeps only datasets.
    shutil.rmtree(out_dir / "checkouts", ignore_errors=True)
    if not cfg.keep_shards:
        _remove_shards(out_dir, len(plan_["shards"]))
    return stats


def _link_tests(
    cfg: DataConfig, plan_: dict[str, Any], functions: list[dict[str, Any]], out_dir: Path
) -> dict[str, Any]:
    sources = [Source(**s) for s in plan_["sources"]]
    index = {s.label: i for i, s in enumerate(sources)}
    for row in functions:
        row["_source"] = index[row["_group"][: -len(row["path"]) - 1]]
    paths = python_test_paths(plan_["shards"])
    return write_repo_tests(cfg, sources, paths, functions, out_dir)


def _migrations(
    plan_: dict[str, Any], functions: list[dict[str, Any]], out_dir: Path
) -> dict[str, Any]:
    sources = [Source(**s) for s in plan_["sources"]]
    index = {s.label: i for i, s in enumerate(sources)}
    for row in functions:
        row["_source"] = index[row["_group"][: -len(row["path"]) - 1]]
    return write_migrations(sources, functions, out_dir)


def _cap_tests(
    keep: np.ndarray, in_tests: list[bool], ids: list[str], share: float | None, seed: int
) -> int:
    """Drop test functions (a sample seeded by id) from `keep` until they are at most `share`
    of the kept functions; returns how many were dropped."""
    if share is None:
        return 0
    kept = np.flatnonzero(keep).tolist()
    tests = [i for i in kept if in_tests[i]]
    others = len(kept) - len(tests)
    allowed = int(share * others / (1 - share))  # tests / (tests + others) <= share
    if len(tests) <= allowed:
        return 0
    tests.sort(key=lambda i: hashlib.sha256(f"{seed}\0test\0{ids[i]}".encode()).digest())
    drop = tests[allowed:]
    keep[drop] = False
    return len(drop)


def _rows(out_dir: Path, k: int) -> Iterator[dict[str, Any]]:
    with open(f"{_shard_prefix(out_dir, k)}.rows.jsonl", encoding="utf-8") as fh:
        for line in fh:
            yield json.loads(line)


def _write_outputs(
    cfg: DataConfig,
    out_dir: Path,
    shards: list[int],
    keep: np.ndarray,
    split_of: dict[str, str],
    seed: int,
) -> dict[str, Any]:
    """Stream the shards once more, writing kept rows to every split and format file."""
    # `tests` samples come from the links to the repository's tests (repo_tests.py), later.
    # `migrate` samples need the tools and the sandbox over all of them at once (migrate.py).
    # `translate` samples come from data.parallel, not from the sources' rows (parallel.py).
    row_formats = [f for f in cfg.formats if f not in ("tests", "migrate", "translate")]
    kinds = ["functions", *row_formats]
    splits: dict[str, Counter[str]] = {s: Counter() for s in SPLITS}
    files_per_split: dict[str, set[str]] = {s: set() for s in SPLITS}
    samples: dict[str, Counter[str]] = {kind: Counter() for kind in row_formats}
    languages: Counter[str] = Counter()
    prompt_cuts: Counter[str] = Counter()
    tests: Counter[str] = Counter()
    linkable: list[dict[str, Any]] = []  # Python functions, for links to repository tests
    migratable: list[dict[str, Any]] = []  # Python and Java functions, for migrate samples
    with ExitStack() as stack:
        handles: dict[tuple[str, str], TextIO] = {}
        for kind in kinds:
            for split in SPLITS:
                tmp = stack.enter_context(atomic_path(out_dir / kind / f"{split}.jsonl"))
                handles[kind, split] = stack.enter_context(tmp.open("w", encoding="utf-8"))
        i = 0
        for k in shards:
            for row in _rows(out_dir, k):
                if not keep[i]:
                    i += 1
                    continue
                i += 1
                meta = row.pop("_")
                split = split_of[meta["group"]]
                splits[split]["functions"] += 1
                prompt_cuts[meta["prompt_cut"]] += 1
                tests[split] += bool(row.get("is_test"))
                files_per_split[split].add(meta["group"])
                languages[row["language"]] += 1
                _emit(handles, "functions", split, row)
                if row["language"] in ("python", "java") and "migrate" in cfg.formats:
                    migratable.append({**row, "_split": split, "_group": meta["group"]})
                if row["language"] == "python" and not row.get("is_test"):
                    linkable.append(
                        {
                            **row,
                            "_split": split,
                            "_group": meta["group"],
                            "_prompt_end": meta["prompt_end"],
                        }
                    )
                for kind in row_formats:
                    sample = _sample(kind, row, meta, seed)
                    if sample is not None:
                        _emit(handles, kind, split, sample)
                        samples[kind][split] += 1
    return {
        "splits": {
            s: {
                "functions": splits[s]["functions"],
                "files": len(files_per_split[s]),
                "test_functions": tests[s],
            }
            for s in SPLITS
        },
        "samples": {kind: {s: samples[kind][s] for s in SPLITS} for kind in row_formats},
        "languages": dict(sorted(languages.items())),
        "prompt_cuts": dict(sorted(prompt_cuts.items())),
        "linkable_python": linkable,
        "migratable": migratable,
    }


def _sample(
    kind: str, row: dict[str, Any], meta: dict[str, Any], seed: int
) -> dict[str, Any] | None:
    if kind == "completion":
        return formats.completion_sample(row, meta["prompt_end"])
    if kind == "chat":
        return formats.chat_sample(row)
    return formats.fim_sample(row, meta["body_start"], seed)


def _emit(
    handles: dict[tuple[str, str], TextIO], kind: str, split: str, row: dict[str, Any]
) -> None:
    handles[kind, split].write(json.dumps(row, ensure_ascii=False) + "\n")


def _stats(
    cfg: DataConfig,
    plan_: dict[str, Any],
    shard_stats: list[dict[str, Any]],
    counts: Counter[str],
    seed: int,
) -> dict[str, Any]:
    def prefixed(prefix: str) -> dict[str, int]:
        return {
            k.removeprefix(prefix): v for k, v in sorted(counts.items()) if k.startswith(prefix)
        }

    file_skips = Counter(plan_["walk_skipped"])
    file_skips.update(prefixed("skip:"))
    extracted = prefixed("extracted:")
    return {
        "seed": seed,
        "sources": [
            {"spec": s["spec"], "label": s["label"], "root": s["root"]} for s in plan_["sources"]
        ],
        "languages": list(cfg.languages),
        "formats": list(cfg.formats),
        "files": {
            "planned": plan_["files"],
            "shards_planned": len(plan_["shards"]),
            "shards_processed": len(shard_stats),
            "read": counts.get("files_read", 0),
            "with_syntax_errors": counts.get("files_with_syntax_errors", 0),
            "bytes_read": counts.get("bytes_read", 0),
            "by_language": prefixed("files:"),
            "skipped": dict(sorted(file_skips.items())),
        },
        "functions": {
            "extracted": counts.get("extracted", 0),
            "extracted_by_language": extracted,
            "dropped": prefixed("drop:"),
        },
        "secrets": {
            "action": cfg.secrets,
            "functions_with_secrets": counts.get("functions_with_secrets", 0),
            "functions_redacted": counts.get("functions_redacted", 0),
            "in_test_code": counts.get("secrets_in_tests", 0),
            "fixture_like": counts.get("secrets_fixture_like", 0),
            "by_type": prefixed("secret:"),
        },
        "formatting": prefixed("format:"),
        "contamination": {
            "benchmarks": list(cfg.decontaminate),
            "hits": prefixed("contamination:"),
            "examples": [e for s in shard_stats for e in s["contamination_examples"]][:20],
        },
    }


# -------------------------------------------------------------------------------- run_data


def run_data(cfg: DataConfig, out_dir: Path, seed: int) -> dict[str, Any]:
    """Run the whole data stage into `out_dir`; return the stats (also in out_dir/stats.json)."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plan_ = plan(cfg, out_dir, seed)
    if plan_["files"] == 0:
        skipped = ", ".join(f"{k}: {v}" for k, v in plan_["walk_skipped"].items()) or "none"
        raise UserError(
            f"data.sources: no {'/'.join(cfg.languages)} files to read in "
            f"{', '.join(cfg.sources)} (skipped: {skipped}); check data.languages / include / exclude"
        )
    shard_stats = _process_all(cfg, plan_, out_dir)
    elapsed_shards = time.perf_counter() - started
    stats = finalize(cfg, plan_, shard_stats, out_dir, seed)
    elapsed = time.perf_counter() - started
    stats["timing"] = {
        "seconds": round(elapsed, 2),
        "shard_seconds": round(elapsed_shards, 2),
        "mb_per_s": round(stats["files"]["bytes_read"] / 1e6 / max(elapsed, 1e-9), 3),
        "functions_per_s": round(stats["functions"]["extracted"] / max(elapsed, 1e-9), 1),
        "workers": _workers(cfg, len(plan_["shards"])),
    }
    write_json(out_dir / "stats.json", stats)
    if stats["functions"]["kept"] == 0:
        raise UserError(
            "data: no function survived extraction and cleaning "
            f"(see {out_dir / 'DATA.md'} for the drop reasons)"
        )
    return stats


def _workers(cfg: DataConfig, n_shards: int) -> int:
    return max(1, min(cfg.workers or os.cpu_count() or 1, n_shards))


def _enough(cfg: DataConfig, candidates: int) -> bool:
    return cfg.max_samples is not None and candidates >= OVERSAMPLE * cfg.max_samples


def _process_all(cfg: DataConfig, plan_: dict[str, Any], out_dir: Path) -> list[dict[str, Any]]:
    """Process shards in plan order, in parallel; with max_samples stop once enough exist.

    Results are consumed strictly in order and the stopping test only looks at the shards
    consumed so far, so the set of shards used does not depend on timing.
    """
    n = len(plan_["shards"])
    workers = _workers(cfg, n)
    results: list[dict[str, Any]] = []
    with _progress(n) as advance:

        def take(stats: dict[str, Any]) -> bool:
            """Record one shard's result; True when no further shard is needed."""
            results.append(stats)
            candidates = sum(r["rows"] for r in results)
            advance(candidates)
            return _enough(cfg, candidates)

        if workers > 1:
            try:
                _process_in_pool(cfg, plan_, out_dir, workers, take)
            except BrokenProcessPool:
                # Typically a script without `if __name__ == "__main__":` (spawned workers
                # re-run it). Finish in this process rather than fail.
                print(
                    "warning: data workers could not start; continuing in one process "
                    "(guard your script's entry point with `if __name__ == '__main__':`)",
                    file=sys.stderr,
                )
        for k in range(len(results), n):
            if _enough(cfg, sum(r["rows"] for r in results)):
                break
            take(process_shard(cfg, plan_, k, out_dir))
    return results


def _process_in_pool(
    cfg: DataConfig,
    plan_: dict[str, Any],
    out_dir: Path,
    workers: int,
    take: Callable[[dict[str, Any]], bool],
) -> None:
    n = len(plan_["shards"])
    done = rows = 0
    # spawn, not fork: the caller may hold threads (torch, a progress bar) that fork would copy
    # in a locked state.
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        pending: dict[int, Future[dict[str, Any]]] = {}
        next_k = 0
        for k in range(n):
            # Keep every worker busy, but with max_samples do not start shards that the rows
            # per shard so far say will not be needed: a started shard must be waited for.
            while next_k < n and len(pending) < workers:
                expected = rows + len(pending) * rows / max(done, 1)
                if done and k in pending and _enough(cfg, int(expected)):
                    break
                pending[next_k] = pool.submit(process_shard, cfg, plan_, next_k, out_dir)
                next_k += 1
            stats = pending.pop(k).result()
            done += 1
            rows += stats["rows"]
            if take(stats):
                for future in pending.values():
                    future.cancel()
                return


@contextmanager
def _progress(total: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar over shards; silent if another live display is already running."""
    from rich.errors import LiveError
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = Progress(
        TextColumn("data"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("shards · {task.fields[functions]} functions"),
        TimeElapsedColumn(),
        transient=True,
    )
    task = progress.add_task("data", total=total, functions=0)
    try:
        progress.start()
        started = True
    except LiveError:  # the caller shows its own progress
        started = False

    def advance(functions: int) -> None:
        progress.update(task, advance=1, functions=functions)

    try:
        yield advance
    finally:
        if started:
            progress.stop()


def _remove_shards(out_dir: Path, n: int) -> None:
    folder = out_dir / "shards"
    for k in range(n):
        for suffix in (".rows.jsonl", ".minhash.npy", ".stats.json"):
            Path(f"{_shard_prefix(out_dir, k)}{suffix}").unlink(missing_ok=True)
    (folder / "plan.json").unlink(missing_ok=True)
    with suppress(OSError):
        folder.rmdir()


# ------------------------------------------------------------------------------ executors


def _load_config(path: str) -> DataConfig:
    import yaml

    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    section = raw.get("data", raw) if isinstance(raw, dict) else raw
    try:
        return DataConfig.model_validate(section)
    except Exception as exc:
        raise UserError(f"{path}: invalid data config: {exc}") from None


def main(argv: list[str] | None = None) -> int:
    """Run one step for an external executor: plan, one shard, or the final pass."""
    parser = argparse.ArgumentParser(prog="python -m codetune.stages.data.pipeline")
    parser.add_argument("step", choices=["plan", "shard", "finalize"])
    parser.add_argument("config", help="YAML with a `data:` section (or the section itself)")
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--shard", type=int, help="shard index (step 'shard')")
    args = parser.parse_args(argv)
    cfg = _load_config(args.config)
    out_dir = Path(args.out_dir)
    plan_path = out_dir / "shards" / "plan.json"
    try:
        if args.step == "plan":
            p = plan(cfg, out_dir, args.seed)
            print(len(p["shards"]))
            return 0
        plan_ = json.loads(plan_path.read_text(encoding="utf-8"))
        if args.step == "shard":
            if args.shard is None or not 0 <= args.shard < len(plan_["shards"]):
                raise UserError(f"--shard must be in 0..{len(plan_['shards']) - 1}")
            process_shard(cfg, plan_, args.shard, out_dir)
            return 0
        stats = []
        for k in range(len(plan_["shards"])):
            path = Path(f"{_shard_prefix(out_dir, k)}.stats.json")
            if not path.is_file():
                raise UserError(f"{path}: shard {k} has not finished; run it before finalize")
            stats.append(json.loads(path.read_text(encoding="utf-8")))
        finalize(cfg, plan_, stats, out_dir, args.seed)
        return 0
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
