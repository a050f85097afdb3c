"""Splits are by file and stable: a file's split depends on its repository name and path only,
so a growing corpus never moves a held-out file into training; small languages still get a
file in every wanted split."""

from __future__ import annotations

from pathlib import Path

from test_data_pipeline import SPLITS, STDLIB, _cfg, _rows, _stdlib_tree

from codetune.stages.data import run_data
from codetune.stages.data.split import assign_splits, split_key

FRACTIONS = [0.8, 0.1, 0.1]


def _files(label: str, language: str, n: int) -> dict[str, str]:
    return {f"{label}:src/{language}/file{i}.{language}": language for i in range(n)}


def test_adding_repositories_and_languages_moves_no_file() -> None:
    python = _files("app", "py", 200)
    more = {**python, **_files("other", "py", 300), **_files("svc", "go", 150)}
    before = assign_splits(list(python), FRACTIONS, seed=3, languages=python)
    after = assign_splits(list(more), FRACTIONS, seed=3, languages=more)
    assert {g: after[g] for g in python} == before
    shares = [sum(s == split for s in before.values()) / len(before) for split in SPLITS]
    assert 0.7 < shares[0] < 0.9 and all(0.03 < s < 0.2 for s in shares[1:])


def test_a_new_revision_keeps_every_file_in_its_split() -> None:
    old = [f"lib@v1.0:pkg/mod{i}.py" for i in range(60)]
    new = [g.replace("@v1.0", "@v2.0") for g in old]
    assert split_key(old[0]) == split_key(new[0]) == "lib:pkg/mod0.py"
    first, second = assign_splits(old, FRACTIONS, 1), assign_splits(new, FRACTIONS, 1)
    assert [first[g] for g in old] == [second[g] for g in new]


def test_a_small_language_gets_a_file_in_every_split_from_its_own_files() -> None:
    languages = {**_files("app", "py", 100), **_files("web", "js", 3)}
    out = assign_splits(list(languages), FRACTIONS, seed=0, languages=languages)
    js = [g for g in languages if languages[g] == "js"]
    assert {out[g] for g in js} == set(SPLITS)
    python_alone = {g: v for g, v in languages.items() if v == "py"}
    alone = assign_splits(list(python_alone), FRACTIONS, seed=0, languages=python_alone)
    assert {g: out[g] for g in python_alone} == alone  # the fix-up took no Python file


def test_end_to_end_a_second_repository_leaves_the_first_alone(tmp_path: Path) -> None:
    first = _stdlib_tree(tmp_path / "first")
    second = _stdlib_tree(tmp_path / "second", ["json/decoder.py", "json/encoder.py"])
    alone = run_data(_cfg(first), tmp_path / "a", seed=5)
    both = run_data(
        _cfg(first).model_copy(update={"sources": [str(first), str(second)]}),
        tmp_path / "b",
        seed=5,
    )
    assert alone["functions"]["kept"] < both["functions"]["kept"]

    def split_of_paths(out: Path) -> dict[str, str]:
        return {
            row["path"]: split for split, rows in _rows(out, "functions").items() for row in rows
        }

    a, b = split_of_paths(tmp_path / "a"), split_of_paths(tmp_path / "b")
    common = [path for path in a if path in b]
    assert len(common) == len(a) > 10
    assert {path: b[path] for path in common} == a


def test_max_test_share_caps_test_functions(tmp_path: Path) -> None:
    """CPython's own tests beside the modules they test: capped at 25% of what is kept."""
    src = _stdlib_tree(tmp_path / "src", ["textwrap.py", "shlex.py"])
    tests = src / "tests"
    tests.mkdir()
    for name in ("test_textwrap.py", "test_shlex.py"):
        (tests / name).write_text((STDLIB / "test" / name).read_text(encoding="utf-8"))
    uncapped = run_data(_cfg(src), tmp_path / "a", seed=2)["functions"]
    assert uncapped["test_code_share"] > 0.4
    capped = run_data(_cfg(src, max_test_share=0.25), tmp_path / "b", seed=2)["functions"]
    assert capped["test_code_share"] <= 0.25
    assert capped["kept"] - capped["test_code"] == uncapped["kept"] - uncapped["test_code"]
    assert capped["dropped"]["over_test_share"] == uncapped["kept"] - capped["kept"]
