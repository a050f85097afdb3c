"""The data stage end to end on small real trees: outputs, invariants, splits, bad input."""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest

from codetune.core.errors import UserError
from codetune.core.io import read_jsonl
from codetune.stages.data import DataConfig, run_data
from codetune.stages.data.pipeline import main as pipeline_main

STDLIB = Path(sysconfig.get_paths()["stdlib"])
FIXTURES = Path(__file__).parents[1] / "fixtures" / "data"
MODULES = ["textwrap.py", "shlex.py", "fnmatch.py", "glob.py", "difflib.py", "csv.py", "cmd.py"]
MODULES += ["getopt.py", "gettext.py", "heapq.py", "pprint.py", "string.py", "tabnanny.py"]
SPLITS = ("train", "val", "test")


def _stdlib_tree(root: Path, modules: list[str] = MODULES) -> Path:
    for i, name in enumerate(modules):
        target = root / f"pkg{i % 3}" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(STDLIB / name, target)
    return root


def _cfg(source: Path | str, **kw: object) -> DataConfig:
    return DataConfig(sources=[str(source)], workers=1, **kw)


def _rows(out: Path, kind: str) -> dict[str, list[dict]]:
    return {s: read_jsonl(out / kind / f"{s}.jsonl") for s in SPLITS}


def test_outputs_follow_the_contract(tmp_path: Path) -> None:
    src = _stdlib_tree(tmp_path / "src")
    out = tmp_path / "out"
    cfg = _cfg(src, formats=["completion", "chat", "fim"])
    stats = run_data(cfg, out, seed=1)

    functions = _rows(out, "functions")
    all_rows = [r for rows in functions.values() for r in rows]
    assert len(all_rows) == stats["functions"]["kept"] > 100
    assert json.loads((out / "stats.json").read_text())["functions"]["kept"] == len(all_rows)
    cuts = stats["functions"]["prompt_cut"]
    assert set(cuts) <= {"docstring", "signature", "first_lines"} and sum(cuts.values()) == len(
        all_rows
    )
    keys = {"id", "language", "path", "start_line", "end_line", "class_name", "name", "signature"}
    keys |= {"docstring", "code", "imports", "is_test", "context"}
    by_id = {}
    for row in all_rows:
        assert set(row) == keys
        assert not row["code"][0].isspace() and row["code"].endswith("\n")
        ast.parse(row["code"])  # every Python function parses alone
        # File context (on by default): comments, headed by the path, within the budget.
        assert row["context"].startswith(f"# File: {row['path']}\n")
        ast.parse(row["context"] + row["code"])
        # The span points at the function in its file (relative to the source root).
        lines = (src / row["path"]).read_text(encoding="utf-8").splitlines()
        assert row["name"] in "\n".join(lines[row["start_line"] - 1 : row["end_line"]])
        by_id[row["id"]] = row
    assert len(by_id) == len(all_rows)  # ids are unique

    for split, rows in _rows(out, "completion").items():
        assert len(rows) == len(functions[split])
        for sample in rows:
            code, context = by_id[sample["id"]]["code"], by_id[sample["id"]]["context"]
            assert sample["prompt"] + sample["completion"] == context + code
            assert sample["context_chars"] == len(context)
            own_prompt = sample["prompt"][len(context) :]
            assert own_prompt.endswith("\n")
            # Real code to write, never only closing punctuation.
            assert any(c.isalnum() for c in sample["completion"]), sample["completion"]
            fn = by_id[sample["id"]]
            sig_end = code.index(fn["signature"]) + len(fn["signature"])
            sig_lines = code[:sig_end].count("\n") + 1
            body = code[sig_end:].splitlines()[1:]
            body_code_lines = sum(1 for line in body if any(c.isalnum() for c in line))
            if fn["docstring"] is None and body_code_lines > 2 * cfg.prompt_lines:
                # a long function: signature + its first prompt_lines lines
                assert own_prompt.count("\n") == sig_lines + cfg.prompt_lines
            elif fn["docstring"] is None:  # a short one: the signature, the whole body asked
                assert own_prompt.count("\n") == sig_lines
            else:  # signature + docstring
                assert ast.get_docstring(ast.parse(own_prompt + "    pass\n").body[0])

    for rows in _rows(out, "chat").values():
        for sample in rows:
            user, assistant = sample["messages"]
            fn = by_id[sample["id"]]
            assert user["role"] == "user" and assistant["role"] == "assistant"
            assert fn["signature"] in user["content"] and "Python" in user["content"]
            assert assistant["content"] == fn["code"]

    for rows in _rows(out, "fim").values():
        for sample in rows:
            prompt = sample["prompt"]
            assert prompt.startswith("<|fim_prefix|>") and prompt.endswith("<|fim_middle|>")
            prefix, suffix = prompt[len("<|fim_prefix|>") : -len("<|fim_middle|>")].split(
                "<|fim_suffix|>"
            )
            fn = by_id[sample["id"]]
            assert prefix + sample["completion"] + suffix == fn["context"] + fn["code"]
            assert sample["completion"].strip()
            assert {"id", "language", "path", "name"} <= set(sample)
    card = (out / "DATA.md").read_text()
    assert "too_short" in card and str(src) in card
    # Intermediate shards are gone: the folder holds the datasets, stats, card, naming
    # profile and the held-out functions' links to the repository's tests only.
    assert {p.name for p in out.iterdir()} == {
        "functions",
        "completion",
        "chat",
        "fim",
        "stats.json",
        "DATA.md",
        "conventions.json",
        "repo_tests.jsonl",
        "repo_files.jsonl",
    }


def test_split_is_grouped_by_file_and_deterministic(tmp_path: Path) -> None:
    src = _stdlib_tree(tmp_path / "src")
    first = run_data(_cfg(src), tmp_path / "a", seed=7)
    again = run_data(_cfg(src), tmp_path / "b", seed=7)
    run_data(_cfg(src), tmp_path / "c", seed=8)
    paths = {s: {r["path"] for r in rows} for s, rows in _rows(tmp_path / "a", "functions").items()}
    # No file feeds two splits.
    assert not paths["train"] & paths["val"]
    assert not paths["train"] & paths["test"]
    assert not paths["val"] & paths["test"]
    assert all(paths[s] for s in SPLITS)
    for s in SPLITS:
        a = (tmp_path / "a" / "completion" / f"{s}.jsonl").read_bytes()
        assert a == (tmp_path / "b" / "completion" / f"{s}.jsonl").read_bytes()
    assert first["splits"] == again["splits"]
    other_paths = {
        s: {r["path"] for r in rows} for s, rows in _rows(tmp_path / "c", "functions").items()
    }
    assert other_paths != paths
    train = first["splits"]["train"]["functions"] / first["functions"]["kept"]
    assert 0.5 < train < 0.85


def test_bad_files_yield_a_summary_not_a_crash(tmp_path: Path) -> None:
    src = tmp_path / "src"
    (src / "good").mkdir(parents=True)
    shutil.copy(STDLIB / "textwrap.py", src / "good" / "textwrap.py")
    (src / "binary.py").write_bytes(b"\x7fELF\x00\x01\x02" + os.urandom(2000))
    (src / "latin1.py").write_bytes(
        "def caf\xe9():\n    return 'd\xe9j\xe0 vu'\n".encode("latin-1")
    )
    with open(src / "huge.py", "wb") as fh:  # 50 MB, sparse: costs no disk
        fh.truncate(50 * 1024 * 1024)
    (src / "empty.py").write_text("")
    (src / "blank.py").write_text("\n\n   \n")
    (src / "broken.py").write_text(
        "def ok(a):\n    x = a + 1\n    y = x * 2\n    return y\n\n"
        "def broken(a):\n    x = = a\n    y = x * 2\n    return y\n\ndef half(:\n    return ((\n"
    )
    (src / "loop").mkdir()
    os.symlink(src / "loop", src / "loop" / "again")  # a directory symlink loop
    os.symlink(src / "self.py", src / "self.py")  # a file symlink loop
    os.symlink("/etc/hostname", src / "outside.py")
    os.symlink(src / "good" / "textwrap.py", src / "inside.py")
    (src / "node_modules").mkdir()
    shutil.copy(STDLIB / "shlex.py", src / "node_modules" / "shlex.py")
    (src / "api_pb2.py").write_text("def f():\n    return 1\n")
    (src / "gen.py").write_text(
        "# Code generated by protoc-gen-go. DO NOT EDIT.\n" + "def g():\n    return 2\n" * 3
    )
    (src / "README.md").write_text("# readme\n")

    stats = run_data(_cfg(src), tmp_path / "out", seed=0)
    skipped = stats["files"]["skipped"]
    for reason in ("binary", "undecodable", "too_large", "empty", "symlink_dir", "broken_symlink"):
        assert skipped.get(reason, 0) >= 1, reason
    assert skipped["symlink_outside_tree"] == 1
    assert skipped["symlink"] == 1
    assert skipped["excluded_dir"] == 1
    assert skipped["generated"] == 2
    assert skipped["not_source_code"] == 1
    assert skipped["empty"] == 2
    assert stats["functions"]["dropped"]["syntax_error"] >= 1
    assert stats["files"]["with_syntax_errors"] == 1
    rows = [r for rows in _rows(tmp_path / "out", "functions").values() for r in rows]
    assert {r["path"] for r in rows} == {"good/textwrap.py", "broken.py"}
    # Of the file with syntax errors only its sound function is kept.
    assert {r["name"] for r in rows if r["path"] == "broken.py"} == {"ok"}
    card = (tmp_path / "out" / "DATA.md").read_text()
    assert "binary" in card and "too_large" in card and "syntax_error" in card


def test_multi_language_tree(tmp_path: Path) -> None:
    cfg = DataConfig(
        sources=[str(FIXTURES)],
        languages=["go", "java", "javascript", "typescript"],
        workers=1,
        min_lines=3,
        prompt_lines=2,
        decontaminate=[],
    )
    stats = run_data(cfg, tmp_path / "out", seed=0)
    rows = [r for rs in _rows(tmp_path / "out", "functions").values() for r in rs]
    languages = {r["language"] for r in rows}
    assert languages == {"go", "java", "javascript", "typescript"}
    names = {r["name"] for r in rows}
    # Stubs are dropped as unfinished, in every language.
    assert not names & {"parseTTL", "cancel", "once"}
    assert stats["functions"]["dropped"]["unfinished"] >= 3
    get = next(r for r in rows if r["name"] == "Get")
    assert get["class_name"] == "LRU" and get["docstring"].startswith("Get returns")
    comps = {r["id"]: r for rs in _rows(tmp_path / "out", "completion").values() for r in rs}
    sample = comps[get["id"]]
    # A documented Go function: the prompt is the doc comment and the signature line.
    assert sample["prompt"].endswith("func (c *LRU) Get(key string) ([]byte, error) {\n")


def test_stdlib_source_with_a_cap(tmp_path: Path) -> None:
    stats = run_data(DataConfig(sources=["@stdlib"], max_samples=150, workers=1), tmp_path, seed=3)
    assert stats["functions"]["kept"] == 150
    assert stats["files"]["shards_processed"] < stats["files"]["shards_planned"]
    rows = [r for rs in _rows(tmp_path, "functions").values() for r in rs]
    assert len(rows) == 150
    assert not any("site-packages" in r["path"] for r in rows)
    assert len({r["path"] for r in rows}) > 20  # sampled across the tree, not one module


def test_missing_source_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="not a folder"):
        run_data(_cfg(tmp_path / "nope"), tmp_path / "out", seed=0)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text("hello")
    with pytest.raises(UserError, match="no python/java/go/javascript/typescript files"):
        run_data(_cfg(tmp_path / "docs"), tmp_path / "out", seed=0)


def _git(repo: Path, *args: str) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com"}
    env |= {"GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_git_checkout_tracked_files_and_revisions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(STDLIB / "textwrap.py", repo / "textwrap.py")
    _git(repo, "add", "textwrap.py")
    _git(repo, "commit", "-q", "-m", "one")
    first = _git(repo, "rev-parse", "HEAD")
    shutil.copy(STDLIB / "shlex.py", repo / "shlex.py")
    _git(repo, "add", "shlex.py")
    _git(repo, "commit", "-q", "-m", "two")
    shutil.copy(STDLIB / "fnmatch.py", repo / "untracked.py")

    stats = run_data(_cfg(repo), tmp_path / "head", seed=0)
    paths = {r["path"] for rs in _rows(tmp_path / "head", "functions").values() for r in rs}
    assert paths == {"textwrap.py", "shlex.py"}
    assert stats["files"]["skipped"]["untracked"] == 1

    run_data(_cfg(f"{repo}@{first}"), tmp_path / "old", seed=0)
    paths = {r["path"] for rs in _rows(tmp_path / "old", "functions").values() for r in rs}
    assert paths == {"textwrap.py"}
    assert not (tmp_path / "old" / "checkouts").exists()  # the export is removed afterwards
    assert _git(repo, "status", "--porcelain") == "?? untracked.py"  # checkout untouched
    with pytest.raises(UserError, match="cannot read revision"):
        run_data(_cfg(f"{repo}@no-such-rev"), tmp_path / "bad", seed=0)


def test_executor_steps_give_the_same_result_as_run_data(tmp_path: Path) -> None:
    src = _stdlib_tree(tmp_path / "src", MODULES[:6])
    config = tmp_path / "data.yaml"
    config.write_text(f"data:\n  sources: ['{src}']\n  workers: 1\n  shard_bytes: 50000\n")
    out = tmp_path / "steps"
    assert pipeline_main(["plan", str(config), str(out), "--seed", "5"]) == 0
    plan = json.loads((out / "shards" / "plan.json").read_text())
    assert len(plan["shards"]) > 1
    assert pipeline_main(["finalize", str(config), str(out), "--seed", "5"]) == 2  # not yet
    for k in range(len(plan["shards"])):
        assert (
            pipeline_main(["shard", str(config), str(out), "--shard", str(k), "--seed", "5"]) == 0
        )
    assert pipeline_main(["finalize", str(config), str(out), "--seed", "5"]) == 0
    cfg = DataConfig(sources=[str(src)], workers=1, shard_bytes=50000)
    run_data(cfg, tmp_path / "direct", seed=5)
    for s in SPLITS:
        assert (out / "completion" / f"{s}.jsonl").read_bytes() == (
            tmp_path / "direct" / "completion" / f"{s}.jsonl"
        ).read_bytes()


@pytest.mark.slow
def test_whole_stdlib_through_every_step(tmp_path: Path) -> None:
    cfg = DataConfig(sources=["@stdlib"], formats=["completion", "chat", "fim"])
    stats = run_data(cfg, tmp_path, seed=0)
    assert stats["functions"]["kept"] > 10_000
    assert stats["files"]["shards_processed"] == stats["files"]["shards_planned"]
    assert stats["dedup"]["near_duplicates"] > 0 and stats["dedup"]["exact_duplicates"] > 0
    for kind in ("functions", "completion", "chat", "fim"):
        n = sum(len(read_jsonl(tmp_path / kind / f"{s}.jsonl")) for s in SPLITS)
        assert n == stats["functions"]["kept"]


def test_globs_languages_and_missing_formatters(tmp_path: Path) -> None:
    src = _stdlib_tree(tmp_path / "src")
    shutil.copytree(FIXTURES / "go", src / "pkg0" / "go")
    cfg = DataConfig(
        sources=[str(src)],
        languages=["python", "go"],
        include=["pkg0/**"],
        exclude=["**/textwrap.py"],
        formatters={"go": ["codetune-no-such-formatter"]},
        workers=1,
        prompt_lines=2,
    )
    stats = run_data(cfg, tmp_path / "out", seed=0)
    paths = {r["path"] for rs in _rows(tmp_path / "out", "functions").values() for r in rs}
    assert paths and all(p.startswith("pkg0/") for p in paths)
    assert "pkg0/textwrap.py" not in paths
    assert any(p.endswith(".go") for p in paths)
    assert stats["files"]["skipped"]["not_included"] > 0
    assert stats["files"]["skipped"]["excluded"] == 1
    assert stats["formatting"]["missing:go"] > 0  # counted, and the code kept as written


def test_the_stage_says_what_it_kept_and_skipped(tmp_path: Path) -> None:
    """The stage's closing line and its summary.json figures: files read and skipped by
    reason, functions kept of those extracted, split sizes, all equal to stats.json."""
    from codetune.stages.data.stage import outcome_line, summary

    src = _stdlib_tree(tmp_path / "src")
    (src / "latin1.py").write_bytes("NAME = 'caf\xe9'\n".encode("latin-1"))  # no PEP 263 cookie
    (src / "blob.py").write_bytes(b"\x00\x01binary")
    stats = run_data(_cfg(src), tmp_path / "out", seed=0)
    line = outcome_line(stats)
    functions, splits = stats["functions"], stats["splits"]
    assert f"read {stats['files']['read']:,} files" in line
    assert "skipped 2 (1 binary, 1 undecodable)" in line
    assert f"kept {functions['kept']:,} of {functions['extracted']:,} functions" in line
    assert functions["kept"] > 0 and functions["extracted"] > functions["kept"]
    assert "dropped " in line  # stdlib has short and duplicate functions
    assert f"train {splits['train']['functions']:,} / val" in line
    figures = summary({**stats, "wall_time_s": 1.0})
    assert figures["files_skipped"] == 2 and figures["functions_kept"] == functions["kept"]
    assert sum(figures[f"{s}_functions"] for s in ("train", "val", "test")) == functions["kept"]


def test_prompt_cuts_adapt_to_the_function_and_never_leave_only_a_brace() -> None:
    """A 7-line Java method used to become "whole body -> `}`": a short function now gives its
    signature and asks for the whole body, a long one gives its first lines, and a completion
    of closing punctuation only does not count as code."""
    from codetune.stages.data.formats import code_lines, prompt_end

    short = (
        "public int size() {\n"
        "    int n = 0;\n"
        "    for (Node x = head; x != null; x = x.next) {\n"
        "        n++;\n"
        "    }\n"
        "    return n;\n"
        "}\n"
    )
    sig_end = short.index("{") + 1
    cut, how = prompt_end(short, sig_end, 0, False, prompt_lines=5)
    assert how == "signature" and short[:cut] == "public int size() {\n"
    long = "def walk(tree):\n" + "".join(f"    step_{i}(tree)\n" for i in range(12))
    cut, how = prompt_end(long, long.index(":") + 1, 0, False, prompt_lines=5)
    assert how == "first_lines" and long[:cut].count("\n") == 6
    assert code_lines("    }\n}\n") == 0 and code_lines("    });\n    return x;\n}\n") == 1


def test_generated_files_by_header_and_folders_by_anchored_globs(tmp_path: Path) -> None:
    """Only a generator's header marks a file generated; bare `build`/`dist` folders deeper
    down are real packages (the stdlib has `venv`, Go has `cmd/dist`); a virtualenv is found by
    its pyvenv.cfg whatever its name."""
    src = tmp_path / "src"
    src.mkdir()
    body = "".join(f"    total = total + {i}\n" for i in range(4))
    function = f"def add_all(total):\n{body}    return total\n"
    (src / "cli.py").write_text(
        "# Builds the help text; not the autogenerated help command of the framework.\n" + function
    )
    (src / "gen.py").write_text("# @generated by tools/make_tables.py\n" + function)
    for folder in ("build", "pkg/build", "pkg/dist", "env/lib"):
        (src / folder).mkdir(parents=True)
        (src / folder / "mod.py").write_text(function.replace("add_all", f"add_{len(folder)}"))
    (src / "env" / "pyvenv.cfg").write_text("home = /usr/bin\n")

    stats = run_data(_cfg(src, languages=["python"], dedup=False), tmp_path / "out", seed=0)
    skipped = stats["files"]["skipped"]
    assert skipped["generated"] == 1  # gen.py; cli.py's prose mention is not a header
    assert skipped["excluded_dir"] == 1  # the top-level build/ only
    assert skipped["virtualenv"] == 1
    paths = {r["path"] for rows in _rows(tmp_path / "out", "functions").values() for r in rows}
    assert paths == {"cli.py", "pkg/build/mod.py", "pkg/dist/mod.py"}


def test_languages_default_to_every_supported_one(tmp_path: Path) -> None:
    assert set(DataConfig().languages) == {"python", "java", "go", "javascript", "typescript"}


def test_test_code_is_marked_counted_and_can_be_dropped(tmp_path: Path) -> None:
    from codetune.stages.data.sources import is_test_path

    for path in (
        "tests/test_api.py",
        "pkg/api_test.go",
        "src/test/java/FooTest.java",
        "web/__tests__/app.js",
        "web/app.spec.ts",
        "conftest.py",
    ):
        assert is_test_path(path), path
    for path in ("pkg/api.go", "src/main/java/Foo.java", "testament.py", "web/app.ts"):
        assert not is_test_path(path), path

    src = _stdlib_tree(tmp_path / "src", MODULES[:4])
    (src / "tests").mkdir()
    shutil.copy(STDLIB / "heapq.py", src / "tests" / "test_heap.py")
    (src / "tests" / "test_login.py").write_text(
        "def test_login(client):\n"
        '    """A fixture password, redacted all the same."""\n'
        '    password = "hunter2-correct-horse"\n'
        "    response = client.login(user='ann', password=password)\n"
        "    assert response.ok\n"
    )
    stats = run_data(_cfg(src, languages=["python"]), tmp_path / "out", seed=0)
    rows = [r for rows in _rows(tmp_path / "out", "completion").values() for r in rows]
    marked = {r["path"] for r in rows if r["is_test"]}
    assert marked and all(p.startswith("tests/") for p in marked)
    assert stats["functions"]["test_code"] == sum(r["is_test"] for r in rows)
    assert stats["secrets"]["in_test_code"] >= 1
    assert "Test code:" in (tmp_path / "out" / "DATA.md").read_text()

    dropped = run_data(
        _cfg(src, languages=["python"], tests="drop"), tmp_path / "out-no-tests", seed=0
    )
    assert dropped["functions"]["test_code"] == 0
    assert dropped["functions"]["dropped"]["test_code"] >= stats["functions"]["test_code"]
