"""The whole pipeline under `torchrun --nproc_per_node 2` from an empty run folder, against
the same config in one process: the training stages run on both ranks, every other stage on
rank 0 alone while rank 1 waits, and the figures agree where the two layouts compute the same
thing (issue 17)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from multiproc import ROOT, launch, torchrun

CI_CONFIG = ROOT / "configs" / "ci-tiny.yaml"
TRAINED = ("sft", "dpo", "mixed")
# The 2-process run keeps every global batch of the 1-process one (per device x accumulation x
# processes), so both train on the same samples per step.
SAME_GLOBAL_BATCH = (
    "sft.gradient_accumulation_steps=1",
    "dpo.per_device_train_batch_size=1",
    "mixed.per_device_train_batch_size=1",
)


def codetune_run(prefix: list[str], out: Path, *overrides: str):
    cmd = [*prefix, "-m", "codetune", "run", str(CI_CONFIG), "--set", f"output_dir={out}"]
    for override in overrides:
        cmd += ["--set", override]
    return launch(cmd, timeout=1500)


def summary(run_dir: Path) -> dict:
    return json.loads((run_dir / "summary.json").read_text())


def manifest(run_dir: Path) -> dict:
    return json.loads((run_dir / "manifest.json").read_text())["stages"]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """(1-process run, 2-process run, the 2-process run's stdout), both from empty folders."""
    root = tmp_path_factory.mktemp("pipeline")
    one, two = root / "one", root / "two"
    codetune_run([sys.executable], one)
    proc = codetune_run(torchrun(2), two, *SAME_GLOBAL_BATCH)
    return one, two, proc.stdout


@pytest.mark.slow
def test_torchrun_runs_the_whole_pipeline_from_an_empty_folder(runs) -> None:
    one, two, stdout = runs
    stages = manifest(two)
    assert list(stages) == list(manifest(one))
    assert {name: rec["status"] for name, rec in stages.items()} == dict.fromkeys(stages, "done")
    # Rank 0 alone speaks: one stage-time table, one closing line.
    assert stdout.count("done: ") == 1 and stdout.count("stages") == 1, stdout[-3000:]
    for stage in TRAINED:
        batch = json.loads((two / stage / "batch.json").read_text())
        assert batch["world_size"] == 2, (stage, batch)
        reference = json.loads((one / stage / "batch.json").read_text())
        assert batch["global_batch"] == reference["global_batch"]
    assert (two / "report.html").is_file()


@pytest.mark.slow
def test_the_two_layouts_agree_where_they_compute_the_same(runs) -> None:
    one, two, _ = runs
    a, b = summary(one), summary(two)
    # Stages rank 0 runs alone on the same inputs: the same figures.
    assert a["data"] == b["data"] | {"wall_time_s": a["data"]["wall_time_s"]}
    pairs_a, pairs_b = (manifest(r)["pairs"]["metrics"] for r in (one, two))
    for key in ("train", "val", "test"):
        assert pairs_a[key] == pairs_b[key], key
    eval_a, eval_b = (json.loads((r / "eval" / "results.json").read_text()) for r in (one, two))
    assert eval_a["test_samples"] == eval_b["test_samples"]
    assert eval_a["test_pairs"] == eval_b["test_pairs"]
    base_a, base_b = eval_a["models"]["base"], eval_b["models"]["base"]
    assert base_b["heldout_loss"] == pytest.approx(base_a["heldout_loss"], rel=1e-6)
    # Trained on two ranks with the same global batches: the same model up to the order in
    # which gradients are summed.
    for stage in TRAINED:
        assert eval_b["models"][stage]["heldout_loss"] == pytest.approx(
            eval_a["models"][stage]["heldout_loss"], rel=0.01
        ), stage
