"""Quality filters and style normalisation of single functions.

Each filter returns a drop reason (a stable name counted in stats.json and the data card) or
None. They are cheap text checks, run before the costlier steps (secrets, formatting, dedup).
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

from codetune.core.config.data import DataConfig

TOKEN = re.compile(r"\w+|[^\w\s]")

_PY_COMMENT = re.compile(r"#[^\n]*")
_C_COMMENT = re.compile(r"//[^\n]*|/\*.*?\*/", re.S)
_PY_UNFINISHED_STATEMENT = re.compile(
    r"pass|\.\.\.|raise\s+NotImplementedError\b(?:\(.*\))?|return\s+NotImplemented|"
    r"raise\s+NotImplemented\b"
)
_NOT_IMPLEMENTED_MESSAGE = r"(?i:[^)]*(?:not\s+(?:yet\s+)?implemented|unimplemented|todo|fixme))"
_C_UNFINISHED_STATEMENT = re.compile(
    r"throw\s+new\s+(?:UnsupportedOperationException|NotImplementedException|"
    r"NotImplementedError)\s*\(.*\)|"
    rf"throw\s+new\s+\w*Error\s*\({_NOT_IMPLEMENTED_MESSAGE}.*\)|"
    rf"panic\s*\({_NOT_IMPLEMENTED_MESSAGE}.*\)|"
    r"return|"
)


# A line that holds only literals (strings, numbers, booleans, null), brackets, commas and
# colons: a row of a data table in any of the supported languages.
_LITERAL = (
    r"""(?:[rRbBuUfF]{0,2}"(?:[^"\\\n]|\\.)*"|[rRbBuUfF]{0,2}'(?:[^'\\\n]|\\.)*'|`[^`\n]*`"""
    r"|[-+]?(?:0[xX][\da-fA-F_]+|0[bBoO][\d_]+|[\d_]+(?:\.[\d_]*)?(?:[eE][-+]?\d+)?)[lLfFjJuU]*"
    r"|True|False|None|true|false|null|nil|undefined)"
)
# Each literal is an atomic group: without it a failing line of n digits ("0123...9a") is
# retried as every split of those digits into numbers, 2**n ways (31 characters took 265 s).
_LITERAL_ROW = re.compile(rf"\s*(?:(?>{_LITERAL})\s*|[\[\](){{}},:]\s*)+")


def longest_literal_run(code: str) -> int:
    """The most consecutive lines made only of literals and brackets. Blank lines, comments and
    lines of brackets alone (a nested table's `{` and `},`) neither count nor break the run."""
    best = run = 0
    for line in code.splitlines():
        text = line.strip()
        if not text or text.startswith(("#", "//")):
            continue
        if not _LITERAL_ROW.fullmatch(text):
            run = 0
        elif any(c.isalnum() or c in "\"'`" for c in text):
            run += 1
            best = max(best, run)
    return best


def count_tokens(code: str) -> int:
    return len(TOKEN.findall(code))


def text_reason(code: str, cfg: DataConfig) -> str | None:
    """Filters on the raw text: size, machine-written look (minified lines), mostly non-code.
    Generated files are recognised by their header when read (`sources.has_generated_header`),
    not by words inside a function."""
    lines = code.count("\n")
    if lines < cfg.min_lines:
        return "too_short"
    if lines > cfg.max_lines:
        return "too_long"
    if max(map(len, code.splitlines()), default=0) > cfg.max_line_chars:
        return "auto_generated"
    tokens = TOKEN.findall(code)
    if len(tokens) < cfg.min_tokens:
        return "too_few_tokens"
    if len(tokens) > cfg.max_tokens:
        return "too_many_tokens"
    # Letters, counted on the word tokens already at hand (digits and '_' are not letters).
    letters = sum(len(t) - t.count("_") for t in tokens if t[0].isalpha() or t[0] == "_")
    if letters < cfg.min_alpha_fraction * (len(code) - code.count(" ")):
        return "mostly_non_code"
    if sum(1 for t in tokens if t[0].isdigit()) > 0.5 * len(tokens):
        return "mostly_non_code"  # a data table dressed as a function
    if cfg.max_literal_lines is not None and longest_literal_run(code) > cfg.max_literal_lines:
        return "literal_table"
    return None


def is_unfinished(body: str, language: str) -> bool:
    """True for bodies that are a stub: pass, ..., TODO comments only, raise NotImplementedError."""
    if language == "python":
        text = _PY_COMMENT.sub("", body)
        statements = [s.strip() for s in re.split(r"[\n;]", text) if s.strip()]
        return all(_PY_UNFINISHED_STATEMENT.fullmatch(s) for s in statements)
    text = _C_COMMENT.sub("", body).strip()
    if text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    statements = [s.strip() for s in re.split(r";|\n", text) if s.strip()]
    return all(_C_UNFINISHED_STATEMENT.fullmatch(s) for s in statements)


def python_parses(code: str) -> bool:
    """The contract: a Python function's code parses on its own."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escape sequences in old code: still valid
        try:
            ast.parse(code)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            return False
    return True


def _ruff_binary() -> str | None:
    try:
        from ruff.__main__ import find_ruff_bin

        return str(find_ruff_bin())
    except (ImportError, FileNotFoundError):
        return shutil.which("ruff")


def format_python(codes: list[str]) -> list[str | None]:
    """`ruff format` each code (one batch, one process); None where ruff could not format it."""
    if not codes:
        return []
    ruff = _ruff_binary()
    if ruff is None:
        return [None] * len(codes)
    with tempfile.TemporaryDirectory(prefix="codetune-fmt-") as tmp:
        paths = [Path(tmp) / f"f{i}.py" for i in range(len(codes))]
        for path, code in zip(paths, codes, strict=True):
            path.write_text(code, encoding="utf-8")
        # --isolated: the user's own ruff settings must not leak in from the temp folder's parents
        subprocess.run(
            [ruff, "format", "--isolated", "--quiet", "--no-cache", tmp],
            capture_output=True,
            check=False,
            timeout=600,
            env={**os.environ, "RUFF_NO_CACHE": "1"},
        )
        out: list[str | None] = []
        for path in paths:
            try:
                out.append(path.read_text(encoding="utf-8"))
            except OSError:
                out.append(None)
        return out


def format_with_command(code: str, command: list[str]) -> str | None:
    """Pipe code through a configured formatter; None when it fails or is missing."""
    try:
        proc = subprocess.run(
            command, input=code.encode("utf-8"), capture_output=True, check=False, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if proc.returncode != 0 or not proc.stdout.strip():
        return None
    text = proc.stdout.decode("utf-8", "replace")
    return text if text.endswith("\n") else text + "\n"
