"""Functions linked to the repository's own tests (`lib/testlinks.py`), and the `tests` format.

Writes data/repo_tests.jsonl (one row per linked Python function of every split: where it is,
its completion prompt and reference, the tests that refer to it; the eval judges models on the
test split's, the pairs stage may sample the train and val splits' against their tests) and data/repo_files.jsonl (the
text of every module, test file and package `__init__.py` those rows need, once each), so the
eval can run the tests later without the sources (a checkout is deleted after the data stage;
CPython's `Lib` may sit where the sandbox user cannot read). Test files are found by name
(`test_textwrap.py` for `textwrap.py`, anything under `test_json/` for `json/decoder.py`),
among every file of the source, not only the sampled ones. With `tests` in data.formats each
linked function also gives a test-generation sample (data/tests/<split>.jsonl): the function
as the prompt, its tests as a test file (imports, helpers, the linked tests) as the completion.
"""

from __future__ import annotations

import os
from collections import Counter, defaultdict
from pathlib import Path, PurePosixPath
from typing import Any

from codetune.core.config.data import DataConfig
from codetune.core.io import write_jsonl
from codetune.core.runs import DATA_REPO_FILES, DATA_REPO_TESTS
from codetune.lib.testlinks import (
    TestCase,
    TestFile,
    candidate_test_paths,
    link_function,
    module_suffixes,
    parse_test_file,
    test_file_source,
    tests_prompt,
)
from codetune.stages.data.sources import Source, is_test_path, read_source_file
from codetune.stages.data.split import SPLITS

# Test files parsed per function at most: a package whose every test file matches by folder
# name (`email`) would otherwise cost a parse of each for each of its modules.
MAX_CANDIDATE_FILES = 12


class SourceReader:
    """Source files read once each (the module, tests and `__init__.py` files)."""

    def __init__(self, sources: list[Source], out_dir: Path):
        self.sources = sources
        self.out_dir = out_dir
        self.texts: dict[tuple[int, str], str | None] = {}
        self.parsed: dict[tuple[int, str], TestFile | None] = {}

    def text(self, source: int, path: str) -> str | None:
        key = (source, path)
        if key not in self.texts:
            full = os.path.join(self.sources[source].root, *path.split("/"))
            text, reason = read_source_file(full, "python") if os.path.isfile(full) else (None, "")
            self.texts[key] = "" if reason == "empty" else text  # an empty __init__.py counts
        return self.texts[key]

    def test_file(self, source: int, path: str) -> TestFile | None:
        key = (source, path)
        if key not in self.parsed:
            text = self.text(source, path)
            self.parsed[key] = parse_test_file(path, text) if text is not None else None
        return self.parsed[key]

    def root_for_sandbox(self, source: int) -> str | None:
        """The source folder, unless it is a checkout the data stage deletes."""
        root = Path(self.sources[source].root).resolve()
        return None if root.is_relative_to(self.out_dir.resolve()) else str(root)


def package_inits(source: int, path: str, reader: SourceReader) -> list[str]:
    """The `__init__.py` files of the packages above a file, where the source has them."""
    parts = PurePosixPath(path).parts[:-1]
    inits = ["/".join([*parts[:i], "__init__.py"]) for i in range(1, len(parts) + 1)]
    return [p for p in inits if p != path and reader.text(source, p) is not None]


def conftests(source: int, path: str, reader: SourceReader) -> list[str]:
    """The `conftest.py` files from the source's root down to a test file's folder: the
    pytest fixtures (autouse ones too) and hooks its tests run with."""
    parts = PurePosixPath(path).parts[:-1]
    found = ["/".join([*parts[:i], "conftest.py"]) for i in range(len(parts) + 1)]
    return [p for p in found if p != path and reader.text(source, p) is not None]


def _is_nested(module_text: str, row: dict[str, Any]) -> bool:
    """A function defined inside another one: tests cannot call it by itself."""
    if row.get("class_name"):
        return False
    line = module_text.splitlines()[row["start_line"] - 1]
    return line[:1] in {" ", "\t"}


def write_repo_tests(
    cfg: DataConfig,
    sources: list[Source],
    test_paths: dict[int, list[str]],
    functions: list[dict[str, Any]],
    out_dir: Path,
) -> dict[str, Any]:
    """Link Python functions (rows with `_source`, `_split` and `_prompt_end`) to tests; write
    both files; return the counts for stats.json."""
    reader = SourceReader(sources, out_dir)
    counts: Counter[str] = Counter()
    rows: list[dict[str, Any]] = []
    needed: dict[tuple[int, str], None] = {}
    tests_samples: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
    for row in functions:
        source = row["_source"]
        module_text = reader.text(source, row["path"])
        if module_text is None or _is_nested(module_text, row):
            continue
        counts[f"functions:{row['_split']}"] += 1
        files = candidate_test_paths(row["path"], test_paths.get(source, []))
        parsed = [reader.test_file(source, p) for p in files[:MAX_CANDIDATE_FILES]]
        tests = link_function(
            row["path"], row["name"], row.get("class_name"), [p for p in parsed if p]
        )[: cfg.max_tests_per_function]
        if not tests:
            continue
        counts[f"linked:{row['_split']}"] += 1
        imported = {
            m for p in parsed if p and p.path in {t.path for t in tests} for m in p.imported_modules
        }
        names = module_suffixes(row["path"])
        module = next((m for m in names if m in imported), names[-1])
        support = sorted(
            {init for t in tests for init in package_inits(source, t.path, reader)}
            | {conf for t in tests for conf in conftests(source, t.path, reader)}
            | set(package_inits(source, row["path"], reader))
        )
        for path in [row["path"], *support, *(t.path for t in tests)]:
            needed[source, path] = None
        cut = row["_prompt_end"]
        if "tests" in cfg.formats:
            by_path = {p.path: p for p in parsed if p}
            tests_samples[row["_split"]].append(
                _tests_sample(row, module, tests, by_path, cfg.tests_prompt)
            )
        rows.append(
            {
                "id": row["id"],
                "split": row["_split"],
                "path": row["path"],
                "module": module,
                "name": row["name"],
                "class_name": row.get("class_name"),
                "start_line": row["start_line"],
                "end_line": row["end_line"],
                "prompt": row["code"][:cut],
                "completion": row["code"][cut:],
                "context": row.get("context", ""),
                "tests": [t.__dict__ for t in tests],
                "support_files": support,
                "root": reader.root_for_sandbox(source),
                "source": source,
            }
        )
    files = [{"source": s, "path": p, "text": reader.text(s, p)} for s, p in needed]
    if "tests" in cfg.formats:
        for split, samples in tests_samples.items():
            write_jsonl(out_dir / "tests" / f"{split}.jsonl", samples)
    write_jsonl(out_dir / Path(DATA_REPO_TESTS).name, rows)
    write_jsonl(out_dir / Path(DATA_REPO_FILES).name, files)
    return {
        "heldout_python_functions": counts["functions:test"],
        "linked_to_tests": counts["linked:test"],
        "tests_linked": sum(len(r["tests"]) for r in rows if r["split"] == "test"),
        "linked_by_split": {s: counts[f"linked:{s}"] for s in ("train", "val", "test")},
        "test_files_read": sum(1 for v in reader.parsed.values() if v is not None),
        "unparsable_test_files": sum(1 for v in reader.parsed.values() if v is None),
        **(
            {"tests_samples": {s: len(v) for s, v in tests_samples.items()}}
            if "tests" in cfg.formats
            else {}
        ),
    }


def _tests_sample(
    row: dict[str, Any],
    module: str,
    tests: list[TestCase],
    test_files: dict[str, TestFile],
    shown: str,
) -> dict[str, Any]:
    """A `tests` sample: the function (whole, or up to its completion cut: signature and
    docstring) as the prompt, the repository's tests of it as a test file as the completion."""
    by_file: dict[str, list[TestCase]] = {}
    for case in tests:
        by_file.setdefault(case.path, []).append(case)
    parts = []
    for path, cases in by_file.items():
        source = test_file_source(test_files[path], cases)
        parts.append(source if len(by_file) == 1 else f"# {path}\n{source}")
    qualname = f"{row['class_name']}.{row['name']}" if row.get("class_name") else row["name"]
    code = row["code"] if shown == "function" else row["code"][: row["_prompt_end"]]
    return {
        "prompt": tests_prompt(qualname, row["path"], module, code),
        "completion": "\n\n".join(parts),
        "id": f"{row['id']}::tests",
        "language": "python",
        "path": row["path"],
        "name": row["name"],
        "is_test": False,
        "tests": [f"{c.module}:{c.test_id}" for c in tests],
        "mocks": sorted({m for c in tests for m in c.mocks}),
    }


def python_test_paths(shards: list[list[dict[str, Any]]]) -> dict[int, list[str]]:
    """Every Python test file of every source, from the plan (sampled or not)."""
    out: dict[int, list[str]] = defaultdict(list)
    for shard in shards:
        for ref in shard:
            if ref["language"] == "python" and is_test_path(ref["path"]):
                out[ref["source"]].append(ref["path"])
    return out
