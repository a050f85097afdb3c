"""The data stage links held-out functions to the repository's own tests (data/repo_tests.jsonl)
and keeps the files those tests need, so the eval can run them after the sources are gone."""

from __future__ import annotations

import shutil
import sysconfig
from pathlib import Path

from codetune.core.io import read_jsonl
from codetune.stages.data import DataConfig, run_data

STDLIB = Path(sysconfig.get_paths()["stdlib"])


def test_heldout_functions_are_linked_to_the_tests_that_call_them(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "test").mkdir(parents=True)
    shutil.copy(STDLIB / "textwrap.py", src / "textwrap.py")
    shutil.copy(STDLIB / "test" / "test_textwrap.py", src / "test" / "test_textwrap.py")
    (src / "test" / "__init__.py").write_text("")
    out = tmp_path / "data"
    stats = run_data(
        DataConfig(sources=[str(src)], workers=1, split=[0.0, 0.0, 1.0], max_tests_per_function=5),
        out,
        seed=0,
    )
    linked = read_jsonl(out / "repo_tests.jsonl")
    rows = {r["name"]: r for r in linked if r["class_name"] is None}
    assert {"dedent", "indent", "shorten"} <= set(rows)
    dedent = rows["dedent"]
    assert dedent["module"] == "textwrap" and dedent["path"] == "textwrap.py"
    assert 0 < len(dedent["tests"]) <= 5
    assert all(t["test_id"].startswith("DedentTestCase.") for t in dedent["tests"])
    assert dedent["prompt"] + dedent["completion"] in (src / "textwrap.py").read_text()
    assert dedent["root"] == str(src.resolve())
    # Nested functions (indent's `predicate`) cannot be called by a test: never linked.
    assert "predicate" not in rows and "prefixed_lines" not in rows
    files = {f["path"] for f in read_jsonl(out / "repo_files.jsonl")}
    assert files == {"textwrap.py", "test/test_textwrap.py", "test/__init__.py"}
    assert stats["repo_tests"]["linked_to_tests"] == len(linked)
    assert any(r["class_name"] == "TextWrapper" and r["name"] == "wrap" for r in linked)
    assert stats["repo_tests"]["test_files_read"] == 1


def test_linking_can_be_turned_off(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(STDLIB / "textwrap.py", src / "textwrap.py")
    out = tmp_path / "data"
    stats = run_data(DataConfig(sources=[str(src)], workers=1, link_tests=False), out, seed=0)
    assert "repo_tests" not in stats and not (out / "repo_tests.jsonl").exists()


def test_tests_format_pairs_a_function_with_its_tests_as_a_test_file(
    tmp_path: Path, tiny_tokenizer
) -> None:
    import ast

    import pytest
    from pydantic import ValidationError

    from codetune.lib.masking import tokenize_rows

    src = tmp_path / "src"
    (src / "test").mkdir(parents=True)
    shutil.copy(STDLIB / "textwrap.py", src / "textwrap.py")
    shutil.copy(STDLIB / "test" / "test_textwrap.py", src / "test" / "test_textwrap.py")
    out = tmp_path / "data"
    cfg = dict(sources=[str(src)], workers=1, split=[0.0, 0.0, 1.0], max_tests_per_function=3)
    stats = run_data(DataConfig(**cfg, formats=["completion", "tests"]), out, seed=0)
    rows = read_jsonl(out / "tests" / "test.jsonl")
    samples = {r["id"].removesuffix("::tests").rsplit(":", 1)[1]: r for r in rows}
    assert stats["samples"]["tests"]["test"] == len(rows) == stats["repo_tests"]["linked_to_tests"]
    shorten = samples["shorten"]
    assert shorten["prompt"].startswith("# Unit tests for `shorten` in textwrap.py")
    assert "def shorten(text, width, **kwargs):" in shorten["prompt"]
    assert shorten["prompt"].endswith("# Tests:\n")
    test_file = shorten["completion"]
    ast.parse(test_file)  # a test file, as the team wrote it
    assert (
        "from textwrap import" in test_file and "class ShortenTestCase(BaseTestCase):" in test_file
    )
    assert "class BaseTestCase(unittest.TestCase):" in test_file  # the helpers it inherits
    assert "def check_shorten(" in test_file  # its own helper
    assert test_file.count("    def test_") == len(shorten["tests"]) == 3
    # Only the tests are trained on: the function in the prompt is masked.
    (tokenized,), dropped = tokenize_rows([shorten], "tests", tiny_tokenizer, max_length=4096)
    prompt_tokens = len(tiny_tokenizer(shorten["prompt"])["input_ids"])
    assert dropped == 0 and not any(tokenized["completion_mask"][:prompt_tokens])
    assert all(tokenized["completion_mask"][prompt_tokens:-1])
    # Tests from the interface: the signature and docstring, not the body.
    run_data(
        DataConfig(**cfg, formats=["tests"], tests_prompt="signature"), tmp_path / "sig", seed=0
    )
    signature_only = {
        r["id"].removesuffix("::tests").rsplit(":", 1)[1]: r
        for r in read_jsonl(tmp_path / "sig" / "tests" / "test.jsonl")
    }
    assert '"""' in signature_only["dedent"]["prompt"]
    assert "_whitespace_only_re" in samples["dedent"]["prompt"]
    assert "_whitespace_only_re" not in signature_only["dedent"]["prompt"]
    with pytest.raises(ValidationError, match="link_tests"):
        DataConfig(**cfg, formats=["tests"], link_tests=False)


def test_pytest_tests_are_linked_and_bring_their_conftest_files(tmp_path: Path) -> None:
    """A repository tested the pytest way: parametrized tests, conftest fixtures and a plain
    `Test*` class link like unittest tests, and the conftest.py files on the way from the root
    to the test file travel with them (their fixtures), other folders' do not."""
    src = tmp_path / "src"
    (src / "tests").mkdir(parents=True)
    (src / "other").mkdir()
    shutil.copy(STDLIB / "textwrap.py", src / "textwrap.py")
    (src / "tests" / "__init__.py").write_text("")
    (src / "conftest.py").write_text("import pytest\n")
    (src / "tests" / "conftest.py").write_text(
        "import pytest\n\n\n@pytest.fixture\ndef indented():\n    return '  x\\n'\n"
    )
    (src / "other" / "conftest.py").write_text("raise RuntimeError('not this one')\n")
    (src / "tests" / "test_textwrap.py").write_text(
        "import textwrap\n\nimport pytest\n\n\n"
        "@pytest.mark.parametrize('text', ['  a\\n  b\\n'])\n"
        "def test_dedent_table(text):\n    assert textwrap.dedent(text) == 'a\\nb\\n'\n\n\n"
        "def test_dedent_fixture(indented):\n    assert textwrap.dedent(indented) == 'x\\n'\n\n\n"
        "class TestDedent:\n"
        "    def test_plain(self):\n        assert textwrap.dedent('  y\\n') == 'y\\n'\n"
    )
    out = tmp_path / "data"
    run_data(
        DataConfig(sources=[str(src)], workers=1, split=[0.0, 0.0, 1.0], max_tests_per_function=5),
        out,
        seed=0,
    )
    rows = {r["name"]: r for r in read_jsonl(out / "repo_tests.jsonl") if not r["class_name"]}
    dedent = rows["dedent"]
    tests = {t["test_id"]: t for t in dedent["tests"]}
    assert set(tests) == {"test_dedent_table", "test_dedent_fixture", "TestDedent.test_plain"}
    assert tuple(tests["test_dedent_fixture"]["fixtures"]) == ("indented",)
    assert {"conftest.py", "tests/conftest.py"} <= set(dedent["support_files"])
    assert "other/conftest.py" not in dedent["support_files"]
    files = {f["path"] for f in read_jsonl(out / "repo_files.jsonl")}
    assert {"conftest.py", "tests/conftest.py"} <= files and "other/conftest.py" not in files
