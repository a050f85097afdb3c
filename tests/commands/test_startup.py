"""Start-up: the CLI answers without the heavy libraries, a command that needs no model never
imports torch, and a Hub id that cannot be reached fails at once with the way out.

Start-up time itself is a benchmark figure (`benchmarks/startup.py`), not asserted here: what a
test can hold is which libraries a command loads, which is what the time follows from.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import yaml

ROOT = Path(__file__).parents[2]
# Seconds-long imports that no start-up path needs: scipy (through ab), torch and
# torch.distributed (through the rank helpers), transformers, the tree-sitter grammars.
HEAVY = ("torch", "torch.distributed", "scipy", "transformers", "tree_sitter", "datasets")


def python(code: str, env: dict[str, str] | None = None, cwd: Path | None = None):
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        env=full_env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def loaded_after(statement: str, **kwargs) -> list[str]:
    proc = python(
        f"""
        import json, sys
        {statement}
        print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))
        """,
        **kwargs,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_cli_and_help_load_no_heavy_library() -> None:
    assert loaded_after("import codetune.cli") == []
    proc = subprocess.run(
        [sys.executable, "-m", "codetune", "--help"],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and "scan" in proc.stdout and "ab" in proc.stdout


def test_the_data_stage_never_imports_torch(tmp_path: Path) -> None:
    """The data stage is text processing: the thread set-up every stage gets must not load
    torch (2-4 s) for it."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "geometry.py").write_text(
        "def area(width, height):\n"
        '    """Area of a width x height rectangle, refusing negative sides."""\n'
        "    if width < 0 or height < 0:\n"
        '        raise ValueError("negative side")\n'
        "    return width * height\n"
    )
    config = tmp_path / "run.yaml"
    config.write_text(
        yaml.safe_dump(
            {
                "name": "startup",
                "output_dir": str(tmp_path / "run"),
                "model": {"name_or_path": "embedded:tiny-qwen3"},
                "data": {"sources": [str(src)], "languages": ["python"]},
            }
        )
    )
    statement = (
        "import sys; from codetune.cli import main; "
        f"sys.argv = ['codetune', 'data', {str(config)!r}]\n"
        "        try:\n            main()\n        except SystemExit as exc:\n"
        "            assert not exc.code, exc.code"
    )
    assert "torch" not in loaded_after(statement, cwd=tmp_path)
    assert (
        json.loads((tmp_path / "run" / "manifest.json").read_text())["stages"]["data"]["status"]
        == "done"
    )


def _plan(tmp_path: Path, model: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    config = tmp_path / "run.yaml"
    config.write_text(yaml.safe_dump({"name": "hub", "model": {"name_or_path": model}}))
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    full_env.pop("HF_HUB_OFFLINE", None)
    return subprocess.run(
        [sys.executable, "-m", "codetune", "plan", str(config)],
        env=full_env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_an_unreachable_hub_id_fails_at_once_or_uses_the_cached_snapshot(tmp_path: Path) -> None:
    """Port 9 (discard) refuses at once here: no retries, one line naming the field and the way
    out; a model already in the Hugging Face cache is used from there."""
    cache = tmp_path / "hf-cache"
    env = {"HF_ENDPOINT": "http://127.0.0.1:9", "HF_HUB_CACHE": str(cache)}
    proc = _plan(tmp_path, "someorg/not-cached-coder", env)
    assert proc.returncode == 2, proc.stderr
    line = proc.stderr.strip()
    assert line.count("\n") == 0 and line.startswith("error: model.name_or_path:"), line
    assert "someorg/not-cached-coder" in line and "not in the local Hugging Face cache" in line
    assert "127.0.0.1:9" in line and "HF_HUB_OFFLINE" in line and "local folder" in line

    # The layout huggingface_hub writes: refs/main names the snapshot holding the files.
    repo = cache / "models--someorg--cached-coder"
    snapshot = repo / "snapshots" / "0123456789abcdef0123456789abcdef01234567"
    snapshot.mkdir(parents=True)
    (repo / "refs").mkdir()
    (repo / "refs" / "main").write_text(snapshot.name)
    from codetune.lib.models import _embedded_config

    _embedded_config("tiny-qwen3").save_pretrained(snapshot)
    proc = _plan(tmp_path, "someorg/cached-coder", env)
    assert proc.returncode == 0, proc.stderr
    assert "Qwen3ForCausalLM (4 x Qwen3DecoderLayer)" in proc.stdout, proc.stdout
