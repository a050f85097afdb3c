"""The `translate` format from a code base the team has in two languages (data.parallel):
functions matched by name across the Java and the Go tree become translation samples."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from codetune.core.io import read_jsonl
from codetune.stages.data import DataConfig, run_data

JAVA = """\
package shop;

import java.util.List;

public class Cart {
    /** The total in cents. */
    public long computeTotal(List<Long> prices) {
        long total = 0;
        for (long p : prices) {
            total += p;
        }
        return total;
    }

    static int max(int a, int b) { return a > b ? a : b; }
    static long max(long a, long b) { return a > b ? a : b; }

    String onlyInJava() { return "java"; }
}
"""
GO = """\
package shop

// ComputeTotal returns the total in cents.
func ComputeTotal(prices []int64) int64 {
\tvar total int64
\tfor _, p := range prices {
\t\ttotal += p
\t}
\treturn total
}

func Max(a, b int) int {
\tif a > b {
\t\treturn a
\t}
\treturn b
}
"""
GO_TEST = "package shop\n\nfunc TestComputeTotal(t *testing.T) {\n\tComputeTotal(nil)\n}\n"


def _tree(root: Path, files: dict[str, str]) -> str:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return str(root)


def test_functions_matched_by_name_become_translation_samples(tmp_path: Path) -> None:
    java = _tree(tmp_path / "java", {"shop/Cart.java": JAVA})
    go = _tree(tmp_path / "go", {"shop/cart.go": GO, "shop/cart_test.go": GO_TEST})
    src = _tree(tmp_path / "src", {"util.py": "def f(x):\n    y = x + 1\n    return y * 2\n"})
    cfg = DataConfig(
        sources=[src],
        workers=1,
        split=[0.0, 0.0, 1.0],
        formats=["completion", "translate"],
        parallel=[{"source": java, "target": go}],
    )
    stats = run_data(cfg, tmp_path / "data", seed=0)
    samples = read_jsonl(tmp_path / "data" / "translate" / "test.jsonl")
    assert [s["name"] for s in samples] == ["ComputeTotal"]
    sample = samples[0]
    assert sample["prompt"].startswith("// Java original:\n// /** The total in cents. */\n")
    assert sample["prompt"].endswith(
        "// The same in Go:\n// ComputeTotal returns the total in cents.\n"
        "func ComputeTotal(prices []int64) int64 {\n"
    )
    assert sample["completion"].startswith("\tvar total int64\n")
    assert sample["completion"].endswith("\treturn total\n}\n")
    # `max` is overloaded in Java: ambiguous, left out; onlyInJava and the Go test match nothing.
    parallel = stats["parallel"]
    assert parallel["matched"] == 1 and parallel["ambiguous_names"] == 1
    assert parallel["target_functions"] == 2  # the _test.go file is test code
    assert stats["samples"]["translate"] == {"train": 0, "val": 0, "test": 1}


def test_translate_and_parallel_go_together_and_missing_folders_are_named(tmp_path: Path) -> None:
    from pydantic import ValidationError

    from codetune.core.errors import UserError

    with pytest.raises(ValidationError, match="'translate' and parallel go together"):
        DataConfig(formats=["completion", "translate"])
    cfg = DataConfig(
        sources=[_tree(tmp_path / "src", {"a.py": "def f(x):\n    return x\n"})],
        workers=1,
        formats=["completion", "translate"],
        parallel=[{"source": str(tmp_path / "nowhere"), "target": str(tmp_path)}],
    )
    with pytest.raises(UserError, match=r"data\.parallel\[0\]\.source: .*nowhere' is not a folder"):
        run_data(cfg, tmp_path / "data", seed=0)


HUMANEVAL_X = Path(__file__).resolve().parents[3] / "shared" / "data" / "humaneval-x"


@pytest.mark.skipif(not HUMANEVAL_X.is_dir(), reason="no HumanEval-X")
def test_humaneval_x_solutions_as_parallel_code_pair_up(tmp_path: Path) -> None:
    def problems(language: str) -> list[dict]:
        path = next(HUMANEVAL_X.rglob(f"humaneval_{language}.jsonl.gz"))
        with gzip.open(path, "rt") as fh:
            return [json.loads(line) for line in fh][100:120]

    java_files = {
        f"p{i}/Solution.java": p["prompt"] + p["canonical_solution"]
        for i, p in enumerate(problems("java"))
    }
    go_files = {
        f"p{i}/solution.go": p["prompt"] + p["canonical_solution"]
        for i, p in enumerate(problems("go"))
    }
    java = _tree(tmp_path / "java", java_files)
    go = _tree(tmp_path / "go", go_files)
    # The benchmark's own code as a data source would be decontaminated away: another source.
    src = _tree(tmp_path / "src", {"util.py": "def f(x):\n    y = x + 1\n    return y * 2\n"})
    cfg = DataConfig(
        sources=[src],
        workers=1,
        split=[0.5, 0.0, 0.5],
        formats=["completion", "translate"],
        parallel=[{"source": java, "target": go}],
    )
    stats = run_data(cfg, tmp_path / "data", seed=0)
    # Each problem's one Java method meets its Go function (helpers aside).
    assert stats["parallel"]["matched"] >= 18
    rows = read_jsonl(tmp_path / "data" / "translate" / "train.jsonl")
    rows += read_jsonl(tmp_path / "data" / "translate" / "test.jsonl")
    assert all(r["completion"].rstrip().endswith("}") for r in rows)
