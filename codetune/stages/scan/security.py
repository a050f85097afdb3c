"""Static security scan of code (generated or not): findings mapped to CWE ids.

The names the scan stage, `codetune scan` and the tests use, in one import. The code lives
beside this file, one module per part, each read top to bottom:

- engine.py: samples from files, folders and JSONL rows; `scan_code` dispatching to the rules;
- findings.py: `Finding`, severities, the per-CWE summary and the base/tuned comparison;
- python_rules.py (with python_bandit.py): Python, bandit plus our AST taint rules;
- treesitter.py: what the Java, Go and JavaScript/TypeScript rules share (scopes, taint);
- java.py, go.py, javascript.py: the rules per language;
- secrets.py: hard-coded secrets in any language (the data stage's detector);
- patterns.py: text patterns several of those share.
"""

from __future__ import annotations

from codetune.stages.scan.engine import (
    LANGUAGE_ALIASES,
    LANGUAGE_BY_SUFFIX,
    SKIPPED_DIRS,
    Sample,
    guess_language,
    iter_files,
    iter_samples,
    normalize_language,
    samples_of_file,
    scan_code,
    scan_code_with_coverage,
    scan_paths,
    scan_samples,
    scan_samples_with_coverage,
)
from codetune.stages.scan.findings import (
    CWE_NAMES,
    SEVERITY_RANK,
    Coverage,
    Finding,
    Severity,
    at_or_above,
    compare_models,
    summarize,
)
from codetune.stages.scan.python_bandit import BANDIT_RULES

__all__ = [
    "BANDIT_RULES",
    "CWE_NAMES",
    "LANGUAGE_ALIASES",
    "LANGUAGE_BY_SUFFIX",
    "SEVERITY_RANK",
    "SKIPPED_DIRS",
    "Coverage",
    "Finding",
    "Sample",
    "Severity",
    "at_or_above",
    "compare_models",
    "guess_language",
    "iter_files",
    "iter_samples",
    "normalize_language",
    "samples_of_file",
    "scan_code",
    "scan_code_with_coverage",
    "scan_paths",
    "scan_samples",
    "scan_samples_with_coverage",
    "summarize",
]
