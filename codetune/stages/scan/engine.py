"""The security scan's engine: which code to scan, which rules run on it, one list of findings.

Nothing scanned here is ever executed. `iter_samples` turns files, folders and JSONL rows of
generations into `Sample`s; `scan_code` strips a chat answer's markdown, sends the code to its
language's rules (Python and Java: the taint engine in taint/, with bandit for Python; Go,
JavaScript, TypeScript: the tree-sitter rules in go.py, javascript.py) and to the secrets
detector (secrets.py),
and keeps one finding per line and CWE. Every finding names a CWE so base and tuned models can
be compared per weakness (findings.py). bandit's `# nosec` is ignored: a model must not hide a
finding by writing it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from codetune.core.errors import UserError
from codetune.core.io import iter_jsonl
from codetune.lib.codeparse import parser_for
from codetune.stages.scan import go, java, javascript
from codetune.stages.scan.findings import SEVERITY_RANK, Coverage, Finding
from codetune.stages.scan.python_rules import scan_python
from codetune.stages.scan.secrets import secret_findings
from codetune.stages.scan.taint import scan_java_taint
from codetune.stages.scan.treesitter import Rule, scan_tree_sitter

LANGUAGE_BY_SUFFIX: dict[str, str] = {
    ".py": "python",
    ".java": "java",
    ".go": "go",
    ".js": "javascript",
    ".jsx": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".ts": "typescript",
    ".tsx": "tsx",
}
LANGUAGE_ALIASES: dict[str, str] = {
    "py": "python",
    "python3": "python",
    "js": "javascript",
    "node": "javascript",
    "jsx": "javascript",
    "ts": "typescript",
    "golang": "go",
}
SKIPPED_DIRS = {".git", "node_modules", "__pycache__", ".venv", "venv", ".tox", "build", "dist"}

# Rules per tree-sitter language; TypeScript and TSX are JavaScript to these rules.
TREE_SITTER_RULES: dict[str, list[Rule]] = {
    "java": java.RULES,
    "go": go.RULES,
    "javascript": javascript.RULES,
    "typescript": javascript.RULES,
    "tsx": javascript.RULES,
}


@dataclass(frozen=True)
class Sample:
    """One unit of code to scan; `group` is the model name of a JSONL row ('base', 'tuned')."""

    origin: str
    code: str
    language: str
    group: str = "all"
    # Findings before this line belong to the prompt the model was given, not to the model.
    first_line: int = 1
    line_offset: int = 0


# --------------------------------------------------------------------------------------------
# Public entry points
# --------------------------------------------------------------------------------------------


def scan_code(code: str, language: str, origin: str = "<generated>") -> list[Finding]:
    """Scan one piece of code; `language` is python/java/go/javascript/typescript (or alias)."""
    return scan_code_with_coverage(code, language, origin)[0]


def scan_code_with_coverage(
    code: str, language: str, origin: str = "<generated>"
) -> tuple[list[Finding], Coverage]:
    """`scan_code`, and how much of the code the language's rules saw (secrets are found in
    the text whatever its syntax)."""
    lang = normalize_language(language)
    code = _strip_markdown_fences(code)
    if lang == "python":
        findings, coverage = scan_python(code, origin)
    elif lang == "java":
        findings, coverage = scan_java_taint(code, origin)
        findings += scan_tree_sitter(code, lang, origin, TREE_SITTER_RULES[lang])[0]
    elif lang in TREE_SITTER_RULES:
        findings, coverage = scan_tree_sitter(code, lang, origin, TREE_SITTER_RULES[lang])
    else:
        raise UserError(
            f"{origin}: language '{language}' is not scanned "
            f"(supported: python, java, go, javascript, typescript)"
        )
    findings += secret_findings(code, lang, origin)
    return _dedupe(findings), coverage


def scan_samples(samples: Iterable[Sample], exclude_rules: Iterable[str] = ()) -> list[Finding]:
    """Scan samples; findings on prompt lines are dropped, lines count from the completion."""
    return scan_samples_with_coverage(samples, exclude_rules)[0]


def scan_samples_with_coverage(
    samples: Iterable[Sample], exclude_rules: Iterable[str] = ()
) -> tuple[list[Finding], list[Coverage]]:
    """`scan_samples`, and the coverage of every sample not scanned in full (error lines
    counted like findings' lines)."""
    excluded = set(exclude_rules)
    findings: list[Finding] = []
    incomplete: list[Coverage] = []
    for sample in samples:
        found, coverage = scan_code_with_coverage(sample.code, sample.language, sample.origin)
        for f in found:
            if f.line < sample.first_line or f.rule in excluded:
                continue
            findings.append(_replace_line(f, f.line - sample.line_offset))
        if coverage.status != "full":
            line = coverage.error_line
            shifted = max(1, line - sample.line_offset) if line is not None else None
            incomplete.append(Coverage(coverage.origin, coverage.status, shifted))
    return findings, incomplete


def scan_paths(paths: Iterable[Path | str], exclude_rules: Iterable[str] = ()) -> list[Finding]:
    """Scan files, folders (recursively, by suffix) and JSONL files of generations."""
    return scan_samples(iter_samples(paths), exclude_rules)


def iter_samples(paths: Iterable[Path | str]) -> Iterator[Sample]:
    """Source files become one sample each; each JSONL row with `completion`/`code` becomes one."""
    for path, explicit in iter_files(paths):
        yield from samples_of_file(path, explicit)


def iter_files(paths: Iterable[Path | str]) -> Iterator[tuple[Path, bool]]:
    """(file, named explicitly) for each file the scan reads: the files given, and those of a
    folder with a known suffix or .jsonl. An unknown suffix is an error only when named."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise UserError(f"{path}: no such file or folder")
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel_parts = child.relative_to(path).parts
                if any(part in SKIPPED_DIRS or part.startswith(".") for part in rel_parts[:-1]):
                    continue
                if child.is_file() and (
                    child.suffix in LANGUAGE_BY_SUFFIX or child.suffix == ".jsonl"
                ):
                    yield child, False
        else:
            yield path, True


def normalize_language(language: str) -> str:
    lang = language.strip().lower()
    return LANGUAGE_ALIASES.get(lang, lang)


def guess_language(code: str) -> str:
    """Language of an unlabelled snippet, from strong markers; Python when nothing matches.

    Line starts take `[^\\S\\n]*` (blanks of that line), not `\\s*`, which crosses lines: from
    every line start of a run of empty lines it rescanned the run (32 KB of them: 3 s)."""
    if re.search(r"^[^\S\n]*package\s+\w+\s*$", code, re.M) or (
        re.search(r"\bfunc\s+\(?\w", code) and (":=" in code or "fmt." in code)
    ):
        return "go"
    if re.search(r"\b(public|private|protected)\s+(static\s+)?[\w<>\[\]]+\s+\w+\s*\(", code) or (
        re.search(r"^[^\S\n]*import\s+java[x]?\.", code, re.M)
    ):
        return "java"
    if re.search(
        r"\b(function\s*+\w*+\s*+\(|const\s+\w+\s*=|let\s+\w+\s*=|=>|require\(|console\.)", code
    ) and not re.search(r"^[^\S\n]*def\s+\w+\s*\(", code, re.M):
        return "javascript"
    return "python"


# --------------------------------------------------------------------------------------------


# --------------------------------------------------------------------------------------------


def samples_of_file(path: Path, explicit: bool = False) -> Iterator[Sample]:
    """The samples of one file: the whole file, or one per JSONL row."""
    if path.suffix == ".jsonl":
        yield from _samples_of_jsonl(path)
        return
    language = LANGUAGE_BY_SUFFIX.get(path.suffix)
    if language is None:
        if explicit:
            raise UserError(
                f"{path}: unknown file type (scan takes {', '.join(sorted(LANGUAGE_BY_SUFFIX))} "
                "files, folders, or .jsonl rows with a 'completion' or 'code' field)"
            )
        return
    try:
        code = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UserError(f"{path}: cannot read ({exc.strerror})") from None
    yield Sample(origin=str(path), code=code, language=language)


def _samples_of_jsonl(path: Path) -> Iterator[Sample]:
    for lineno, row in iter_jsonl(path):
        code = row.get("completion", row.get("code"))
        if code is None:
            raise UserError(f"{path}:{lineno}: row has no 'completion' or 'code' field")
        if not isinstance(code, str):
            raise UserError(f"{path}:{lineno}: 'completion'/'code' must be a string")
        yield _sample_of_row(row, code, origin=f"{path}#{lineno}")


def _sample_of_row(row: dict[str, Any], completion: str, origin: str) -> Sample:
    group = str(row.get("model") or row.get("group") or "all")
    label = row.get("language") or row.get("lang")
    prompt = row.get("prompt") if isinstance(row.get("prompt"), str) else ""
    language = normalize_language(label) if label else guess_language(prompt + completion)
    combined = prompt + completion
    # A completion continues its prompt (signature, parameters): scan them together when the
    # whole is valid code, and report lines counted from the completion.
    if prompt and _parses(combined, language):
        offset = prompt.count("\n")
        return Sample(origin, combined, language, group, first_line=offset + 1, line_offset=offset)
    return Sample(origin, completion, language, group)


def _parses(code: str, language: str) -> bool:
    if language == "python":
        try:
            ast.parse(code)
        except (SyntaxError, ValueError):
            return False
        return True
    if language in TREE_SITTER_RULES:
        return not parser_for(language).parse(code.encode()).root_node.has_error
    return False


def _strip_markdown_fences(code: str) -> str:
    """Keep only fenced code of a chat answer, blanking prose so line numbers stay true."""
    if "```" not in code:
        return code
    lines = code.split("\n")
    out: list[str] = []
    inside = False
    for line in lines:
        if line.lstrip().startswith("```"):
            inside = not inside
            out.append("")
        else:
            out.append(line if inside else "")
    return "\n".join(out)


def _replace_line(f: Finding, line: int) -> Finding:
    return f if line == f.line else Finding(f.file, line, f.cwe, f.rule, f.severity, f.message)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per (file, line, CWE): the most severe rule wins."""
    best: dict[tuple[str, int, str], Finding] = {}
    for f in findings:
        key = (f.file, f.line, f.cwe)
        if key not in best or SEVERITY_RANK[f.severity] > SEVERITY_RANK[best[key].severity]:
            best[key] = f
    return sorted(best.values(), key=lambda f: (f.file, f.line, f.cwe))
