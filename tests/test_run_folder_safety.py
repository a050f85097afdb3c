"""The run folder is one process's at a time and never a user's folder (issue 17): a lock
naming its holder, stages left `running` by a dead process shown as `interrupted`, refusals
instead of overwriting the user's files, and Ctrl-C as one line with exit code 130 at any
moment. Each test drives the real CLI in a subprocess on a tiny source folder."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from codetune.core.config import dump_config, load_config
from codetune.core.errors import UserError
from codetune.core.runlock import LOCK_FILE, run_lock

ROOT = Path(__file__).resolve().parents[1]
CONFIG = ROOT / "configs" / "ci-tiny.yaml"
REPORT_RUN = ROOT / "tests" / "fixtures" / "report_run"

SOURCE = '''def add(a, b):
    """Add two numbers."""
    total = a + b
    return total


def greet(name):
    """Say hello."""
    message = "hello " + name
    return message.upper()
'''


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CODETUNE_DEBUG", "RANK")}
    # The worktree's package, for the subprocess too; a wide console so tables do not wrap.
    env.update(PYTHONPATH=str(ROOT), OMP_NUM_THREADS="1", COLUMNS="200")
    return env


def _codetune(*args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "codetune", *args],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def _data(out: Path, src: Path, command: str = "data") -> list[str]:
    """`codetune data` (or `run --only data`) of the CI config on `src` into `out`."""
    args = [command, str(CONFIG), "--set", f"output_dir={out}"]
    args += ["--set", f"data.sources=['{src}']", "--set", "data.workers=1"]
    return [*args, "--only", "data"] if command == "run" else args


def _one_error_line(proc: subprocess.CompletedProcess[str], code: int, *words: str) -> str:
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert proc.returncode == code, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr and "internal failure" not in proc.stderr
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def src(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    (folder / "m.py").write_text(SOURCE)
    return folder


# ------------------------------------------------------------------------------------ lock


def test_a_second_process_on_the_folder_is_refused_naming_the_holder(tmp_path, src):
    out = tmp_path / "run"
    with run_lock(out):
        busy = _codetune(*_data(out, src))
        busy_run = _codetune(*_data(out, src, "run"))
    _one_error_line(busy, 2, str(out), f"process {os.getpid()}", "in use")
    _one_error_line(busy_run, 2, f"process {os.getpid()}")
    assert not (out / "manifest.json").exists()  # the refused processes wrote nothing

    # Released with its holder: the next process gets the folder.
    done = _codetune(*_data(out, src))
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads((out / "manifest.json").read_text())["stages"]["data"]["status"] == "done"


def test_ranks_of_one_launch_do_not_lock_each_other_out(tmp_path, monkeypatch):
    out = tmp_path / "run"
    out.mkdir()
    # Rank 0 of a launch, as another process would hold it (flock conflicts across descriptors).
    fd = os.open(out / LOCK_FILE, os.O_RDWR | os.O_CREAT)
    os.write(fd, b"4242\n")
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    try:
        with pytest.raises(UserError, match="in use by process 4242"), run_lock(out):
            pass
        monkeypatch.setenv("RANK", "1")  # a peer of that rank 0 (torchrun sets RANK)
        with run_lock(out):
            pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------- stale running


def test_a_stage_left_running_by_a_dead_process_is_interrupted(tmp_path, src):
    out = tmp_path / "run"
    assert _codetune(*_data(out, src)).returncode == 0
    manifest_path = out / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["stages"]["sft"] = {"status": "running", "started": "2026-01-01T00:00:00+00:00"}

    def status_of_sft() -> str:
        shown = _codetune("status", str(out))
        assert shown.returncode == 0, shown.stderr
        row = next(line for line in shown.stdout.splitlines() if " sft " in line)
        return row.split("│")[2].strip()

    with run_lock(out):  # a live process holds the folder: its stage may really be running
        manifest_path.write_text(json.dumps(manifest))
        assert status_of_sft() == "running"
    # What a SIGKILL mid-stage leaves: the record says running, and no process holds the lock.
    assert json.loads(manifest_path.read_text())["stages"]["sft"]["status"] == "running"
    assert status_of_sft() == "interrupted"

    # The next start records it (data itself is unchanged and skipped).
    again = _codetune(*_data(out, src))
    assert again.returncode == 0, again.stderr[-3000:]
    record = json.loads(manifest_path.read_text())["stages"]["sft"]
    assert record["status"] == "interrupted" and "killed" in record["error"]
    assert status_of_sft() == "interrupted"


# ------------------------------------------------------------------------ refused overwrites


def test_output_dir_that_is_a_users_folder_or_a_file_is_refused(tmp_path, src):
    mine = tmp_path / "mine"
    mine.mkdir()
    files = {
        "config.yaml": "my: own config\n",
        "manifest.json": '{"version": 3}\n',
        "summary.json": '["not a codetune summary"]\n',
        "notes.txt": "keep me\n",
    }
    for name, text in files.items():
        (mine / name).write_text(text)
    for command in ("data", "run"):
        refused = _codetune(*_data(mine, src, command))
        _one_error_line(refused, 2, str(mine), "not a codetune run folder")
    assert {p.name: p.read_text() for p in mine.iterdir()} == files  # untouched, no lock file

    a_file = tmp_path / "a-file"
    a_file.write_text("x\n")
    _one_error_line(_codetune(*_data(a_file, src)), 2, str(a_file), "is a file")
    assert a_file.read_text() == "x\n"


def _run_with_adapter(root: Path) -> Path:
    """A run folder whose final model is an SFT adapter (its files stand in for the weights:
    an adapter-only export copies the folder)."""
    cfg = load_config(None, [f"output_dir={root}", "stages=[data, sft]"])
    root.mkdir()
    (root / "config.yaml").write_text(dump_config(cfg))
    adapter = root / "sft" / "adapter"
    adapter.mkdir(parents=True)
    (adapter / "adapter_config.json").write_text('{"peft_type": "LORA"}\n')
    (adapter / "adapter_model.safetensors").write_bytes(b"weights")
    return root


def test_export_refuses_a_non_empty_out_folder_unless_overwrite(tmp_path):
    run = _run_with_adapter(tmp_path / "run")
    mydir = tmp_path / "mydir"
    mydir.mkdir()
    (mydir / "precious.txt").write_text("mine\n")
    export = ["export", str(run), "--adapter-only", "--out", str(mydir)]

    _one_error_line(_codetune(*export), 2, str(mydir), "not empty", "--overwrite")
    assert [p.name for p in mydir.iterdir()] == ["precious.txt"]

    a_file = tmp_path / "a-file"
    a_file.write_text("x\n")
    _one_error_line(_codetune(*export[:-1], str(a_file)), 2, "is a file")

    fresh = _codetune(*export[:-1], str(tmp_path / "new"))
    assert fresh.returncode == 0, fresh.stderr
    assert (tmp_path / "new" / "adapter_config.json").is_file()

    replaced = _codetune(*export, "--overwrite")
    assert replaced.returncode == 0, replaced.stderr
    assert sorted(p.name for p in mydir.iterdir()) == [
        "adapter_config.json",
        "adapter_model.safetensors",
    ]


def test_report_refuses_to_replace_a_file_that_is_not_a_report(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html>my own page</html>\n")
    report = ["report", str(REPORT_RUN), "--out", str(page)]

    _one_error_line(_codetune(*report), 2, str(page), "not a codetune report", "--overwrite")
    assert page.read_text() == "<html>my own page</html>\n"

    assert _codetune(*report, "--overwrite").returncode == 0
    assert "codetune report" in page.read_text()
    again = _codetune(*report)  # a report codetune wrote is replaced without asking
    assert again.returncode == 0, again.stderr


# ---------------------------------------------------------------------------------- Ctrl-C


def _interrupt(cmd: list[str], wait_for) -> subprocess.CompletedProcess[str]:
    """Start `cmd`, send SIGINT once `wait_for(proc)` says so, return what it printed."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "codetune", *cmd],
        cwd=ROOT,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for(proc)
        assert proc.poll() is None, "the command ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def _while_importing(proc: subprocess.Popen[str]) -> None:
    """Until the CLI is being imported: its config layer has loaded pydantic's extension (the
    imports go on for a while after; they take seconds)."""
    maps = Path(f"/proc/{proc.pid}/maps")
    if not maps.parent.exists():
        time.sleep(0.5)
        return
    deadline = time.monotonic() + 60
    while "pydantic_core" not in maps.read_text():
        assert proc.poll() is None and time.monotonic() < deadline
        time.sleep(0.01)


def _after_first_log_line(proc: subprocess.Popen[str]) -> None:
    assert proc.stderr is not None
    assert "stage data" in proc.stderr.readline()


@pytest.mark.parametrize("moment", [_while_importing, _after_first_log_line])
def test_ctrl_c_at_any_moment_is_one_line_and_130(tmp_path, moment):
    # The standard library as the source: fingerprinting and reading it outlast the signal.
    interrupted = _interrupt(_data(tmp_path / "run", Path("@stdlib"), "run"), moment)
    assert interrupted.returncode == 130, interrupted.stderr[-3000:]
    assert "Traceback" not in interrupted.stderr
    lines = [line for line in interrupted.stderr.splitlines() if line.strip()]
    # One line says so; anything before it is the run's own log ("... INFO stage data").
    assert lines[-1] == "error: interrupted"
    assert all(" INFO " in line for line in lines[:-1]), interrupted.stderr
