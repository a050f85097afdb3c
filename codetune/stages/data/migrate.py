"""The `migrate` format: deprecated-API migration samples from the team's own code.

Each kept Python or Java function that uses a current API in the catalogue
(`lib/deprecations/`) is rewritten to the deprecated form (the reverse migration). A sample is
kept only when
- the rewrite's alias probe agrees in the sandbox: on the sandbox's interpreter or JDK the
  deprecated form behaves as the current one (the differential check; a rewrite that changes
  behaviour, or whose deprecated form that interpreter no longer has, makes no sample);
- the tools (ruff and pylint; javac's deprecation lint) find a deprecated use in the rewritten
  function and none in the original, so the completion is a clean target and the prompt has
  something to migrate;
- (Java) javac reports no more errors on the rewritten method than on the original: a method
  compiled alone has errors of its own (its class and repository are missing), and the
  rewrite must add none.
Sample: prompt = the instruction and the deprecated function, completion = the current one.

Python test methods (unittest) carry what running them needs: their module's text, the team's
modules it imports and its packages' `__init__.py` files, the module name and the test id. A
migration of a test method is then checked by running that very test with the migrated method
spliced in (the eval on the test split, on-policy pairs on train and val).

Writes data/migrate/<split>.jsonl; returns the counts for stats.json.
"""

from __future__ import annotations

import ast
import json
from collections import Counter
from pathlib import Path
from typing import Any

from codetune.core.io import write_jsonl
from codetune.lib.deprecations import (
    CATALOGUES,
    LANGUAGES,
    find_deprecated,
    holding_rules,
    migration_prompt,
    reverse_migrate,
)
from codetune.lib.deprecations.base import Finding
from codetune.lib.deprecations.java import javac_reports
from codetune.lib.sandbox.launcher import run_many
from codetune.lib.testlinks import module_name
from codetune.stages.data.repo_tests import SourceReader, package_inits
from codetune.stages.data.sources import Source
from codetune.stages.data.split import SPLITS


def _test_method(row: dict[str, Any]) -> bool:
    return bool(row.get("is_test") and row.get("class_name") and row["name"].startswith("test"))


def write_migrations(
    sources: list[Source], functions: list[dict[str, Any]], out_dir: Path
) -> dict[str, Any]:
    """Migration samples from Python and Java rows (with `_source` and `_split`); the
    counts."""
    present = sorted({row["language"] for row in functions} & set(LANGUAGES))
    holding = {language: holding_rules(language) for language in present}
    candidates = []
    for row in functions:
        migrated = reverse_migrate(row["code"], row["language"], holding[row["language"]])
        if migrated is not None:
            candidates.append((row, *migrated))
    old_findings, current_findings, more_errors = _checked(candidates)
    reader = SourceReader(sources, out_dir)
    samples: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    runnable: list[tuple[dict[str, Any], dict[str, Any]]] = []  # unittest methods
    counts: Counter[str] = Counter()
    for (row, old, applied), old_found, current_found, worse in zip(
        candidates, old_findings, current_findings, more_errors, strict=True
    ):
        if current_found is None or old_found is None:
            counts["dropped:unparsable"] += 1
            continue
        if worse:
            counts["dropped:rewrite_adds_compile_errors"] += 1
            continue
        if current_found:
            counts["dropped:original_uses_deprecated_api"] += 1
            continue
        if not old_found:
            counts["dropped:not_found_by_tools"] += 1
            continue
        sample = {
            "id": f"{row['id']}::migrate",
            "language": row["language"],
            "path": row["path"],
            "name": row["name"],
            "class_name": row.get("class_name"),
            "is_test": bool(row.get("is_test")),
            "prompt": migration_prompt(old, row["language"]),
            "completion": row["code"],
            "deprecated": old,
            "rules": applied,
            "findings": [f"{f.code}: {f.message}" for f in old_found],
            "imports": row.get("imports") or [],
        }
        if row["language"] == "python" and _test_method(row):
            runnable.append((sample, row))
        samples[row["_split"]].append(sample)
        counts.update(f"rule:{name}" for name in applied)
    if runnable:
        _add_tests([sample for sample, _ in runnable], [row for _, row in runnable], reader)
    for split, rows in samples.items():
        write_jsonl(out_dir / "migrate" / f"{split}.jsonl", rows)
    return {
        "rules_holding": {lang: [rule.name for rule in rules] for lang, rules in holding.items()},
        # no probe (behaviour differs by design) or the probe disagreed
        "rules_not_holding": {
            lang: [rule.name for rule in CATALOGUES[lang] if rule not in rules]
            for lang, rules in holding.items()
        },
        "functions_rewritten": len(candidates),
        "samples": {s: len(v) for s, v in samples.items()},
        "by_rule": {k.split(":", 1)[1]: v for k, v in sorted(counts.items()) if k[:5] == "rule:"},
        "dropped": {
            k.split(":", 1)[1]: v for k, v in sorted(counts.items()) if k[:8] == "dropped:"
        },
        # unittest methods with what running their own test needs (the eval's behaviour
        # check on the test split; on-policy migration pairs on train and val)
        "test_methods_runnable": {
            split: sum("test" in sample for sample in rows) for split, rows in samples.items()
        },
    }


def _checked(
    candidates: list[tuple[dict[str, Any], str, list[str]]],
) -> tuple[list[list[Finding] | None], list[list[Finding] | None], list[bool]]:
    """(the tools' findings in each rewritten function, in each original, whether the rewrite
    made javac report more errors than the original: a Java method compiled alone has errors
    of its own, its class and repository missing, and the rewrite must add none)."""
    n = len(candidates)
    old: list[list[Finding] | None] = [None] * n
    current: list[list[Finding] | None] = [None] * n
    worse = [False] * n
    python = [i for i, (row, _, _) in enumerate(candidates) if row["language"] == "python"]
    java = [i for i, (row, _, _) in enumerate(candidates) if row["language"] == "java"]
    for index, finder in ((python, _python_findings), (java, _java_findings)):
        if not index:
            continue
        imports = [candidates[i][0].get("imports") or [] for i in index]
        codes = [candidates[i][1] for i in index] + [candidates[i][0]["code"] for i in index]
        for k, (o, c, w) in enumerate(finder(codes, imports + imports)):
            old[index[k]], current[index[k]], worse[index[k]] = o, c, w
    return old, current, worse


def _python_findings(codes: list[str], imports: list[list[str]]):
    found = find_deprecated(codes, imports)
    half = len(codes) // 2
    return [(found[i], found[half + i], False) for i in range(half)]


def _java_findings(codes: list[str], imports: list[list[str]]):
    reports = javac_reports(codes, imports)
    half = len(codes) // 2
    out = []
    for old, current in zip(reports[:half], reports[half:], strict=True):
        worse = old is not None and current is not None and old.errors > current.errors
        out.append((old and old.findings, current and current.findings, worse))
    return out


# The files a test module needs beside itself, at most: its package's helpers (CPython's
# `test.tracedmodules`) that the sandbox's interpreter does not have.
MAX_SUPPORT_FILES = 24
_FIND_SPECS = """
import importlib.util, json
found = {}
for name in json.loads(NAMES):
    try:
        found[name] = importlib.util.find_spec(name) is not None
    except Exception:
        found[name] = False
print(json.dumps(found))
"""


def _add_tests(samples: list[dict[str, Any]], rows: list[dict[str, Any]], reader) -> int:
    """Give each held-out test method what running it needs (`test`): its module, the
    source's own modules it imports that the sandbox's interpreter lacks (one level: a sandbox
    that cannot read the source folder finds them nowhere else) and the packages' `__init__.py`
    files above them, as text. Returns how many got one."""
    wanted = {}
    for sample, row in zip(samples, rows, strict=True):
        text = reader.text(row["_source"], row["path"])
        if text is not None:
            wanted[sample["id"]] = (text, _imported_modules(text, row["_source"], reader))
    names = sorted({name for _, found in wanted.values() for name, _ in found})
    have = _interpreter_has(names)
    count = 0
    for sample, row in zip(samples, rows, strict=True):
        if sample["id"] not in wanted:
            continue
        text, found = wanted[sample["id"]]
        source = row["_source"]
        needed = [path for name, path in found if not have.get(name)][:MAX_SUPPORT_FILES]
        files: dict[str, str] = {row["path"]: text}
        for path in [row["path"], *needed]:
            for p in [path, *package_inits(source, path, reader)]:
                content = reader.text(source, p)
                if content is not None:
                    files.setdefault(p, content)
        sample["test"] = {
            "module": module_name(row["path"]),
            "test_id": f"{row['class_name']}.{row['name']}",
            "start_line": row["start_line"],
            "end_line": row["end_line"],
            "files": files,
            "root": reader.root_for_sandbox(source),
        }
        count += 1
    return count


def _interpreter_has(names: list[str]) -> dict[str, bool]:
    """Which dotted module names the sandbox's interpreter can import (found, not run)."""
    if not names:
        return {}
    program = f"NAMES = {json.dumps(json.dumps(names))}\n{_FIND_SPECS}"
    result = run_many([program])[0]
    try:
        return json.loads(result.stdout_tail.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return {}  # as if it had none: every file the tests import is sent


def _imported_modules(text: str, source: int, reader: SourceReader) -> list[tuple[str, str]]:
    """(dotted name, file) of the source's modules `text` imports (`from test.tracedmodules
    import testmod` -> test/tracedmodules/__init__.py and test/tracedmodules/testmod.py)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.append(node.module)
            names += [f"{node.module}.{alias.name}" for alias in node.names]
    found = []
    for name in dict.fromkeys(names):
        base = name.replace(".", "/")
        for path in (f"{base}.py", f"{base}/__init__.py"):
            if reader.text(source, path) is not None:
                found.append((name, path))
                break
    return found
