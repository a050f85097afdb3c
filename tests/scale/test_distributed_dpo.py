"""Distributed DPO and resuming on another number of processes, on CPU processes (gloo).

- DPO as a user launches it: 2 processes x 1 pair (torchrun) follow the curve of 1 process x
  2 pairs (same accumulation, same global batch of 4 pairs), and rank 0 alone writes the run
  folder. The config's seed seeds the LoRA initialisation, so both start from the same adapter.
- A training checkpoint resumes on another number of processes only with the global batch
  kept (per device x accumulation x processes, recorded in `sft/batch.json`): unchanged, the
  resume is refused with a one-line error (exit 2) naming the accumulation to set; with it set,
  written by 1 process it resumes under 2 (`codetune sft CONFIG --resume`), written by 2 it
  resumes under 1 (`codetune run --only sft`): each finishes with the configured number of
  optimizer steps, its curve and its pass over the data continuing the interrupted ones.
  `--resume` with nothing to resume fails (exit 2), a finished unchanged stage included; an
  interrupted stage rerun without --resume and with another global batch on purpose starts
  afresh.
- DPO sharded (`accelerate launch` with zero3.yaml on DeepSpeed's CPU accelerator, and with
  fsdp2.yaml under CODETUNE_FSDP_ON_CPU=1), its reference on the fly or precomputed: each rank
  holds about half the parameters, and the curve, the single writer and the gathered adapter
  are those of 1 process.

Every run is a real codetune command in fresh processes; data, sft and pairs run once per
module. A few runs go through LAUNCHER, `python -m codetune` with test hooks that change
nothing else (see its docstring): a kill right after a checkpoint, a log of who writes.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from multiproc import BIN, ROOT, env, free_port, fresh_copy, launch, torchrun

LN2 = math.log(2)

CONFIG = {
    "name": "dist-dpo-tiny",
    "seed": 7,
    "stages": ["data", "sft", "pairs", "dpo"],
    "model": {"name_or_path": "embedded:tiny-qwen3"},
    # The standard library: stable across commits (this repository's own source is not).
    "data": {"sources": ["@stdlib"], "formats": ["completion"], "max_samples": 60},
    "sft": {
        "learning_rate": 2.0e-3,
        "per_device_train_batch_size": 1,
        "gradient_accumulation_steps": 2,
        "max_length": 128,
        "max_steps": 4,
        "save_steps": 2,
        "eval_steps": 2,
        "warmup_steps": 0,
        "logging_steps": 1,
        "max_eval_samples": 4,
        "max_train_samples": 24,
        # No best-checkpoint restore at the end: the adapter is the model of the last step.
        "early_stopping_patience": None,
        "lora_dropout": 0.0,
        "precision": "fp32",
    },
    # ~40 train pairs, of which ~20 fit in 192 tokens; 12 are used (3 steps x 4 pairs).
    "pairs": {"max_functions": 40},
    "dpo": {
        "learning_rate": 1.0e-3,
        "per_device_train_batch_size": 1,
        "per_device_eval_batch_size": 2,
        "gradient_accumulation_steps": 2,
        "max_length": 192,
        "max_steps": 3,
        "warmup_steps": 0,
        "eval_steps": 3,
        "save_steps": 3,
        "logging_steps": 1,
        # 4 val pairs: 2 per rank, so both layouts evaluate the same pairs.
        "max_eval_samples": 4,
        "early_stopping_patience": None,
        # No dropout: its random masks differ between 1 and 2 processes, curves must not.
        "lora_dropout": 0.0,
        # fp32: bf16 rounding would blur the 1-vs-2-process comparison.
        "precision": "fp32",
    },
}

LAUNCHER = '''"""`python launch.py ARGS` is `python -m codetune ARGS` with test hooks, from the environment:

CODETUNE_TEST_KILL_AFTER_CHECKPOINT=N  once checkpoint-N is complete on every rank, each rank
                              SIGKILLs itself (a machine lost right after a checkpoint)
CODETUNE_TEST_WRITES=FILE     appends "RANK PATH" for each file written through codetune.core.io
"""
import os
import signal
import sys

kill_after = os.environ.get("CODETUNE_TEST_KILL_AFTER_CHECKPOINT")
if kill_after:
    import transformers

    save_checkpoint = transformers.Trainer._save_checkpoint

    def save_then_die(self, model, trial):
        save_checkpoint(self, model, trial)
        if self.state.global_step == int(kill_after):
            import torch.distributed as dist

            if dist.is_available() and dist.is_initialized():
                dist.barrier()  # every rank's share of the checkpoint is on disk
            os.kill(os.getpid(), signal.SIGKILL)

    transformers.Trainer._save_checkpoint = save_then_die

writes = os.environ.get("CODETUNE_TEST_WRITES")
if writes:
    import codetune.core.io

    write_text = codetune.core.io.write_text  # write_json goes through it

    def logged_write_text(path, text):
        with open(writes, "a") as fh:
            fh.write(f"{os.environ.get('RANK', '0')} {os.path.abspath(path)}\\n")
        write_text(path, text)

    codetune.core.io.write_text = logged_write_text

from codetune.cli import main

sys.argv[0] = "codetune"
main()
'''


@dataclass(frozen=True)
class Prepared:
    cfg: Path
    launcher: Path
    data_only: Path  # a run folder whose data stage is done


def codetune(nproc: int) -> list[str]:
    """The product's command: `python -m codetune`, or the same under torchrun."""
    if nproc == 1:
        return [sys.executable, "-m", "codetune"]
    return [*torchrun(nproc), "-m", "codetune"]


def hooked(prepared: Prepared, nproc: int) -> list[str]:
    """The same command through LAUNCHER (hooks off unless their variables are set)."""
    if nproc == 1:
        return [sys.executable, str(prepared.launcher)]
    return [*torchrun(nproc), str(prepared.launcher)]


def read_json(path: Path):
    return json.loads(path.read_text())


def metrics(run_dir: Path, stage: str) -> list[dict]:
    path = run_dir / stage / "metrics.jsonl"
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def train_rows(run_dir: Path, stage: str) -> list[dict]:
    return [r for r in metrics(run_dir, stage) if "loss" in r]


def eval_rows(run_dir: Path, stage: str) -> list[dict]:
    return [r for r in metrics(run_dir, stage) if "eval_loss" in r]


def stage_status(run_dir: Path, stage: str) -> str:
    return read_json(run_dir / "manifest.json")["stages"][stage]["status"]


def adam_steps(checkpoint: Path) -> set[int]:
    """Optimizer steps recorded in a checkpoint's AdamW state (one count per parameter)."""
    import torch

    state = torch.load(checkpoint / "optimizer.pt", map_location="cpu", weights_only=True)
    return {int(s["step"]) for s in state["state"].values()}


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Prepared:
    root = tmp_path_factory.mktemp("dist-dpo")
    cfg = root / "config.yaml"
    cfg.write_text(yaml.safe_dump(CONFIG))
    launcher = root / "launch.py"
    launcher.write_text(LAUNCHER)
    data_only = root / "data-only"
    launch([*codetune(1), "data", str(cfg), "--set", f"output_dir={data_only}"])
    return Prepared(cfg, launcher, data_only)


@pytest.fixture(scope="module")
def dpo_ready(prepared: Prepared) -> Path:
    """A run folder with data, sft and pairs done (1 process), ready for the dpo stage."""
    base = fresh_copy(prepared.data_only, "dpo-ready")
    only = ["--only", "sft", "--only", "pairs"]
    launch([*codetune(1), "run", str(prepared.cfg), "--set", f"output_dir={base}", *only])
    result = read_json(base / "summary.json")["pairs"]
    assert result["train"] >= 12 and result["val"] >= 4, result
    return base


def assert_single_writer(run_dir: Path, stage: str, world: int, writes: Path | None = None):
    """What a run of `world` processes must leave: world size recorded, each step logged once
    (rank 0 only), one TensorBoard event file, no temporary leftovers, the stage done in the
    manifest, result.json and the adapter saved; with a writes log, rank 0 as the only writer."""
    out = run_dir / stage
    batch = read_json(out / "batch.json")
    assert batch["world_size"] == world
    assert batch["global_batch"] == batch["per_device"] * batch["accumulation"] * world
    assert len(batch["local_parameters"]) == world
    steps = [r["step"] for r in train_rows(run_dir, stage)]
    assert steps and len(steps) == len(set(steps)), steps
    events = list((out / "tensorboard").rglob("events.out.tfevents.*"))
    assert len(events) == 1, events
    leftovers = [p for p in out.rglob(".*") if p.suffix in (".tmp", ".saving", ".old")]
    assert not leftovers, leftovers
    assert stage_status(run_dir, stage) == "done"
    assert (out / "result.json").is_file()
    assert (out / "adapter" / "adapter_model.safetensors").is_file()
    if writes is not None:
        lines = writes.read_text().splitlines()
        assert any(line.endswith(f"/{stage}/result.json") for line in lines), lines
        others = [line for line in lines if not line.startswith("0 ")]
        assert not others, f"written by a rank other than 0: {others}"
    return batch


def assert_close_curve(got: list[float], ref: list[float], rtol: float, what: str) -> None:
    """Point by point within rtol of the curve's largest magnitude (values pass through 0)."""
    assert len(got) == len(ref) > 0, (what, got, ref)
    tol = rtol * max(abs(v) for v in ref)
    bad = [i for i, (g, r) in enumerate(zip(got, ref, strict=True)) if abs(g - r) > tol]
    assert not bad, f"{what}: {got} vs {ref} (tolerance {tol:.3g})"


def assert_same_dpo_curve(
    reference: Path, other: Path, rtol: float = 0.02, step1_abs: float = 1e-6
) -> None:
    """`other`'s DPO curve follows `reference`'s. `step1_abs`: how close `other`'s first loss
    is to ln 2; precomputed reference log-probs come from TRL's own LM head, the policy's from
    the lean one, whose sums differ by float noise (measured on 1 process: 1.5e-6)."""
    ref, got = train_rows(reference, "dpo"), train_rows(other, "dpo")
    assert [r["step"] for r in ref] == [r["step"] for r in got] == [1, 2, 3]
    # The same pairs in every step in both layouts (a rank seeing other pairs shows here).
    assert [r["num_tokens"] for r in got] == [r["num_tokens"] for r in ref]
    # Step 1: the new adapter's lora_B is zero, so policy == reference and the loss is ln 2
    # in any layout: it proves nothing.
    assert ref[0]["loss"] == pytest.approx(LN2, abs=1e-6)
    assert got[0]["loss"] == pytest.approx(LN2, abs=step1_abs)
    # Its gradient does: same weights, same pairs, all-reduced -> the same norm up to float
    # noise (measured: 1e-6 relative); a rank that never all-reduces is tens of % off, and
    # another LoRA start (unseeded) 1 %.
    norms = [r["grad_norm"] for r in ref]
    assert [r["grad_norm"] for r in got] == pytest.approx(norms, rel=1e-3)
    # Later losses stay within 1 % of ln 2 whatever the run does, so a relative tolerance on
    # the loss itself would be toothless: compare its departure from ln 2 and the reward
    # margins, the quantities DPO moves (measured: within 0.1 %).
    assert_close_curve(
        [r["loss"] - LN2 for r in got[1:]], [r["loss"] - LN2 for r in ref[1:]], rtol, "loss - ln 2"
    )
    assert_close_curve(
        [r["rewards/margins"] for r in got[1:]],
        [r["rewards/margins"] for r in ref[1:]],
        rtol,
        "rewards/margins",
    )
    for key in ("logps/chosen", "logps/rejected"):
        assert [r[key] for r in got] == pytest.approx([r[key] for r in ref], rel=1e-4), key
    # The evaluation after the last step: same 4 pairs (2 per rank, gathered).
    ref_eval, got_eval = eval_rows(reference, "dpo")[-1], eval_rows(other, "dpo")[-1]
    assert got_eval["eval_loss"] - LN2 == pytest.approx(ref_eval["eval_loss"] - LN2, rel=rtol)
    for key in ("eval_rewards/margins", "eval_logps/chosen", "eval_logps/rejected"):
        assert got_eval[key] == pytest.approx(ref_eval[key], rel=rtol), key


@pytest.mark.slow
def test_dpo_two_processes_match_one_process(prepared: Prepared, dpo_ready: Path) -> None:
    """As launched by a user (`python -m codetune dpo`, and the same under torchrun through
    LAUNCHER, which only logs who writes): 2 gloo processes x 1 pair reproduce 1 process x
    2 pairs from the same seeded LoRA start, and rank 0 alone writes."""
    cfg = str(prepared.cfg)
    one = fresh_copy(dpo_ready, "dpo-one")
    batch_2 = ["--set", "dpo.per_device_train_batch_size=2"]
    launch([*codetune(1), "dpo", cfg, "--set", f"output_dir={one}", *batch_2])
    two = fresh_copy(dpo_ready, "dpo-two")
    writes = two.parent / "dpo-two.writes"
    launch(
        [*hooked(prepared, 2), "dpo", cfg, "--set", f"output_dir={two}"],
        CODETUNE_TEST_WRITES=str(writes),
    )
    assert assert_single_writer(one, "dpo", world=1)["global_batch"] == 4
    assert assert_single_writer(two, "dpo", world=2, writes=writes)["global_batch"] == 4
    r1, r2 = read_json(one / "dpo" / "result.json"), read_json(two / "dpo" / "result.json")
    assert r1["optimizer_steps"] == r2["optimizer_steps"] == 3
    assert r1["train_pairs"] == r2["train_pairs"] >= 3 * 4  # no step runs past the epoch
    assert r1["val_pairs"] == r2["val_pairs"] == 4
    assert "SFT model" in r2["reference"]
    summary = read_json(two / "summary.json")["dpo"]
    assert summary["optimizer_steps"] == 3
    assert summary["val/rewards/margins"] == pytest.approx(r2["val/rewards/margins"])
    assert_same_dpo_curve(one, two)


# -- resuming on another number of processes ------------------------------------------------


def interrupt_after_checkpoint(prepared: Prepared, name: str, nproc: int) -> Path:
    """A copy of the data-only run whose sft stage (4 steps, a checkpoint every 2, accumulation
    2) was killed on `nproc` processes right after checkpoint-2: manifest says running, no
    result, no adapter, steps 1-2 logged."""
    out = fresh_copy(prepared.data_only, name)
    killed = launch(
        [*hooked(prepared, nproc), "sft", str(prepared.cfg), "--set", f"output_dir={out}"],
        check=False,
        CODETUNE_TEST_KILL_AFTER_CHECKPOINT="2",
    )
    assert killed.returncode != 0, killed.stderr[-3000:]
    sft = out / "sft"
    assert stage_status(out, "sft") == "running"
    assert sorted(p.name for p in (sft / "checkpoints").glob("checkpoint-*")) == ["checkpoint-2"]
    assert not (sft / "result.json").exists() and not (sft / "adapter").exists()
    assert [r["step"] for r in train_rows(out, "sft")] == [1, 2]
    batch = read_json(sft / "batch.json")
    assert batch["world_size"] == nproc and batch["global_batch"] == 2 * nproc
    checkpoint = sft / "checkpoints" / "checkpoint-2"
    assert adam_steps(checkpoint) == {2}
    # RNG states are per rank: a resume on another world size finds none for its layout,
    # which transformers logs and goes on from (dropout is off, sampling is seeded by epoch).
    rng = {p.name for p in checkpoint.glob("rng_state*.pth")}
    assert rng == ({"rng_state.pth"} if nproc == 1 else {"rng_state_0.pth", "rng_state_1.pth"})
    return out


def assert_refused(out: subprocess.CompletedProcess, run_dir: Path, now: int, hint: str) -> None:
    """A resume with another global batch: refused before anything runs, with one error line
    (per rank) naming batch.json and the accumulation to set, exit status 2 (under torchrun,
    which exits 1, the status of the failed ranks); the interrupted stage is left as it was,
    recorded as interrupted by the refused process (holding the run folder's lock proves the
    killed one is gone)."""
    assert out.returncode != 0
    errors = [line for line in out.stderr.splitlines() if line.startswith("error:")]
    assert errors, out.stderr[-3000:]
    for line in errors:
        assert str(run_dir / "sft" / "batch.json") in line, line
        assert f"cannot resume 'sft' with a global batch of {now}" in line, line
        assert line.endswith(f": {hint}"), line
    assert "UserError" not in out.stderr, out.stderr[-3000:]  # no traceback of it
    if "torchrun" in out.args[0]:
        assert "exitcode  : 2" in out.stderr, out.stderr[-3000:]
    else:
        assert out.returncode == 2
    assert stage_status(run_dir, "sft") == "interrupted"
    assert (run_dir / "sft" / "checkpoints" / "checkpoint-2" / "optimizer.pt").is_file()
    assert not (run_dir / "sft" / "result.json").exists()


def assert_resumed(
    run_dir: Path, before: list[dict], world: int, accumulation: int, global_batch: int
) -> None:
    """The resumed sft stage: 4 optimizer steps in all with the global batch of the interrupted
    run, its records kept, steps 3-4 continuing its learning-rate schedule, token count and
    optimizer state."""
    sft = run_dir / "sft"
    result = read_json(sft / "result.json")
    assert result["optimizer_steps"] == 4
    assert Path(result["resumed_from"]).name == "checkpoint-2"
    manifest = read_json(run_dir / "manifest.json")["stages"]["sft"]
    assert manifest["status"] == "done" and manifest["metrics"]["optimizer_steps"] == 4
    assert read_json(run_dir / "summary.json")["sft"]["optimizer_steps"] == 4
    batch = read_json(sft / "batch.json")
    assert (batch["world_size"], batch["accumulation"]) == (world, accumulation)
    assert batch["global_batch"] == global_batch  # the interrupted run's, on the other layout
    rows = metrics(run_dir, "sft")
    assert rows[: len(before)] == before  # appended to, not restarted
    train = [r for r in rows if "loss" in r]
    assert [r["step"] for r in train] == [1, 2, 3, 4]  # each step logged once (rank 0)
    assert all(math.isfinite(r["loss"]) for r in train)
    # Cosine schedule over 4 steps without warm-up, logged after each step: steps 3-4 carry on
    # from the restored scheduler (a fresh one would log the peak rate again).
    lr0, n = CONFIG["sft"]["learning_rate"], CONFIG["sft"]["max_steps"]
    expected = [lr0 * 0.5 * (1 + math.cos(math.pi * k / n)) for k in range(n)]
    assert [r["learning_rate"] for r in train] == pytest.approx(expected, rel=1e-6)
    tokens = [r["num_input_tokens_seen"] for r in train]
    assert tokens == sorted(set(tokens)), tokens  # the count resumes, it does not restart
    checkpoint = sft / "checkpoints" / "checkpoint-4"
    state = read_json(checkpoint / "trainer_state.json")
    assert state["global_step"] == 4
    history = [h["loss"] for h in state["log_history"] if "loss" in h]
    assert history == pytest.approx([r["loss"] for r in train], rel=1e-6)
    assert adam_steps(checkpoint) == {4}  # AdamW's state carried over, then 2 more steps
    assert (sft / "adapter" / "adapter_model.safetensors").is_file()
    # One event file per launch (the refused one wrote none), none per rank.
    assert len(list((sft / "tensorboard").rglob("events.out.tfevents.*"))) == 2
    assert result["val_loss_after"] is not None and math.isfinite(result["val_loss_after"])


@dataclass(frozen=True)
class Resumed:
    run_dir: Path
    before: list[dict]  # metrics.jsonl rows of the interrupted run
    writes: Path | None  # writes log of the resumed run, if kept


@pytest.fixture(scope="module")
def interrupted_on_one(prepared: Prepared) -> Path:
    """Killed on 1 process (accumulation 2, global batch 2) after checkpoint-2; copy it."""
    return interrupt_after_checkpoint(prepared, "interrupted-on-one", nproc=1)


@pytest.fixture(scope="module")
def resumed_on_two(interrupted_on_one: Path, prepared: Prepared) -> Resumed:
    """The run killed on 1 process: `codetune sft --resume` on 2 processes is refused as is
    (global batch 4 instead of 2), and resumes with accumulation 1."""
    out = fresh_copy(interrupted_on_one, "resume-1-to-2")
    before = metrics(out, "sft")
    cfg = [str(prepared.cfg), "--set", f"output_dir={out}", "--resume"]
    # CODETUNE_DEBUG off: the user's one-line error, not a traceback.
    refused = launch([*codetune(2), "sft", *cfg], check=False, CODETUNE_DEBUG="")
    assert_refused(refused, out, now=4, hint="set sft.gradient_accumulation_steps=1")
    writes = out.parent / "resume-1-to-2.writes"
    halved = ["--set", "sft.gradient_accumulation_steps=1"]
    launch([*hooked(prepared, 2), "sft", *cfg, *halved], CODETUNE_TEST_WRITES=str(writes))
    return Resumed(out, before, writes)


@pytest.mark.slow
def test_sft_checkpoint_of_one_process_resumes_on_two(resumed_on_two: Resumed) -> None:
    assert_resumed(
        resumed_on_two.run_dir, resumed_on_two.before, world=2, accumulation=1, global_batch=2
    )


@pytest.mark.slow
def test_sft_resumed_on_two_processes_only_rank_zero_writes(resumed_on_two: Resumed) -> None:
    assert resumed_on_two.writes is not None
    lines = resumed_on_two.writes.read_text().splitlines()
    assert any(line.endswith("/sft/result.json") for line in lines), lines
    others = [line for line in lines if not line.startswith("0 ")]
    assert not others, f"written by a rank other than 0: {others}"


@pytest.fixture(scope="module")
def resumed_on_one(prepared: Prepared) -> Resumed:
    """Killed on 2 processes (accumulation 2) after checkpoint-2; `codetune run` on 1 process,
    which resumes an interrupted stage by itself, is refused as is (global batch 2 instead of
    4) and resumes with accumulation 4."""
    out = interrupt_after_checkpoint(prepared, "resume-2-to-1", nproc=2)
    before = metrics(out, "sft")
    run = [*codetune(1), "run", str(prepared.cfg), "--set", f"output_dir={out}", "--only", "sft"]
    refused = launch(run, check=False, CODETUNE_DEBUG="")
    assert_refused(refused, out, now=2, hint="set sft.gradient_accumulation_steps=4")
    launch([*run, "--set", "sft.gradient_accumulation_steps=4"])
    return Resumed(out, before, None)


@pytest.mark.slow
def test_sft_checkpoint_of_two_processes_resumes_on_one(resumed_on_one: Resumed) -> None:
    assert_resumed(
        resumed_on_one.run_dir, resumed_on_one.before, world=1, accumulation=4, global_batch=4
    )


@pytest.mark.slow
def test_resume_on_another_world_size_continues_the_epoch(
    resumed_on_two: Resumed, resumed_on_one: Resumed
) -> None:
    """Where the sampler stands after each step (epoch x train samples) equals the samples
    trained so far, across the resume too; and both runs draw the samples in one order."""
    for resumed, batch in ((resumed_on_two, 2), (resumed_on_one, 4)):
        n = read_json(resumed.run_dir / "sft" / "result.json")["train_samples"]
        position = [r["epoch"] * n for r in train_rows(resumed.run_dir, "sft")]
        # Within one sample: the last batch of an epoch is short (23 samples here).
        assert position == pytest.approx([batch * k for k in (1, 2, 3, 4)], abs=1.0), n
    # Samples 0-7: steps 1-4 of 1 -> 2 (2 per step, 4-7 after the resume), steps 1-2 of
    # 2 -> 1 (4 per step, before it). Skipping or repeating samples changes the token count.
    two = [r["num_input_tokens_seen"] for r in train_rows(resumed_on_two.run_dir, "sft")]
    one = [r["num_input_tokens_seen"] for r in train_rows(resumed_on_one.run_dir, "sft")]
    assert [two[1], two[3]] == one[:2], (two, one)


@pytest.mark.slow
def test_resume_with_nothing_to_resume_is_refused(
    prepared: Prepared, resumed_on_one: Resumed
) -> None:
    """`--resume` on a stage never started, or finished (and its config changed since: see
    below for an unchanged one), fails with exit 2 and changes nothing."""
    cfg = str(prepared.cfg)
    for run_dir, how in (
        (prepared.data_only, "never started"),
        (resumed_on_one.run_dir, "finished"),  # with accumulation 4, not the config's 2
    ):
        manifest = (run_dir / "manifest.json").read_text()
        out = launch(
            [*codetune(1), "sft", cfg, "--set", f"output_dir={run_dir}", "--resume"],
            check=False,
            CODETUNE_DEBUG="",
        )
        assert out.returncode == 2, (how, out.stdout[-2000:], out.stderr[-3000:])
        assert f"nothing to resume in 'sft': it {how}" in out.stderr, out.stderr[-3000:]
        assert (run_dir / "manifest.json").read_text() == manifest


@pytest.mark.slow
def test_resume_of_a_finished_unchanged_stage_is_refused(
    prepared: Prepared, resumed_on_one: Resumed
) -> None:
    run_dir = resumed_on_one.run_dir
    unchanged = ["--set", "sft.gradient_accumulation_steps=4", "--resume"]  # as it finished
    out = launch(
        [*codetune(1), "sft", str(prepared.cfg), "--set", f"output_dir={run_dir}", *unchanged],
        check=False,
        CODETUNE_DEBUG="",
    )
    assert out.returncode == 2, out.stdout[-2000:]
    assert "nothing to resume in 'sft': it finished" in out.stderr, out.stderr[-3000:]


@pytest.mark.slow
def test_interrupted_stage_with_a_new_global_batch_reruns_afresh(
    prepared: Prepared, interrupted_on_one: Path
) -> None:
    """Not a resume: the accumulation changed on purpose on the same number of processes."""
    out = fresh_copy(interrupted_on_one, "batch-changed")
    changed = ["--set", "sft.gradient_accumulation_steps=4"]
    done = launch(
        [*codetune(1), "sft", str(prepared.cfg), "--set", f"output_dir={out}", *changed],
        check=False,
        CODETUNE_DEBUG="",
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = read_json(out / "sft" / "result.json")
    assert result["resumed_from"] is None and result["optimizer_steps"] == 4
    assert read_json(out / "sft" / "batch.json")["global_batch"] == 4


# -- DPO under DeepSpeed ZeRO-3 and FSDP2 ---------------------------------------------------

needs_deepspeed = pytest.mark.skipif(
    importlib.util.find_spec("deepspeed") is None,
    reason="deepspeed not installed (pip install -e '.[scale]' with DS_BUILD_OPS=0)",
)

DPO_REFERENCE = "SFT model (base + SFT adapter merged) with the DPO adapter disabled"


def accelerate(prepared: Prepared, config_file: str) -> list[str]:
    """`accelerate launch --config_file configs/accelerate/CONFIG_FILE` on 2 CPU processes
    (gloo; DeepSpeed's CPU accelerator with DS_ACCELERATOR=cpu, FSDP2 with
    CODETUNE_FSDP_ON_CPU=1), running LAUNCHER: the user's `-m codetune` with the writes log."""
    return [
        str(BIN / "accelerate"),
        "launch",
        "--config_file",
        str(ROOT / "configs" / "accelerate" / config_file),
        "--num_processes",
        "2",
        "--main_process_port",
        str(free_port()),
        str(prepared.launcher),
    ]


@pytest.fixture(scope="module")
def dpo_one_process(prepared: Prepared, dpo_ready: Path) -> Path:
    """The reference: 1 process x 2 pairs x accumulation 2 (global batch 4), reference
    log-probs on the fly."""
    one = fresh_copy(dpo_ready, "dpo-one-reference")
    batch_2 = ["--set", "dpo.per_device_train_batch_size=2"]
    launch([*codetune(1), "dpo", str(prepared.cfg), "--set", f"output_dir={one}", *batch_2])
    return one


def sharded_dpo_run(
    prepared: Prepared,
    dpo_ready: Path,
    config_file: str,
    precompute: bool,
    sets: tuple[str, ...] = (),
    **extra: str,
) -> tuple[Path, Path]:
    """The dpo stage of a copy of `dpo_ready` under `accelerate(config_file)`, reference
    log-probs on the fly or precomputed: (run folder, writes log)."""
    name = f"dpo-{config_file.removesuffix('.yaml')}-"
    name += "precomputed" if precompute else "on-the-fly"
    out = fresh_copy(dpo_ready, name)
    writes = out.parent / f"{name}.writes"
    writes.unlink(missing_ok=True)
    all_sets = [
        f"output_dir={out}",
        f"dpo.precompute_ref_log_probs={str(precompute).lower()}",
        *sets,
    ]
    cmd = [*accelerate(prepared, config_file), "dpo", str(prepared.cfg)]
    for item in all_sets:
        cmd += ["--set", item]
    launch(cmd, CODETUNE_TEST_WRITES=str(writes), **extra)
    return out, writes


def assert_sharded_dpo_run(
    prepared: Prepared,
    reference: Path,
    out: Path,
    writes: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> list[int]:
    """2 sharded ranks x 1 pair follow `reference` (1 process x 2 pairs), rank 0 alone writes,
    and the gathered adapter loads. Returns the ranks' local parameter counts."""
    from peft import PeftModel
    from safetensors.torch import load_file

    from codetune.core.config import load_config
    from codetune.core.runs import Run
    from codetune.lib.preference import load_sft_model

    batch = assert_single_writer(out, "dpo", world=2, writes=writes)
    assert batch["global_batch"] == 4
    full = read_json(reference / "dpo" / "batch.json")["local_parameters"][0]
    local = batch["local_parameters"]
    assert max(local) < 0.6 * full, (local, full)  # really partitioned
    ref, got = (read_json(p / "dpo" / "result.json") for p in (reference, out))
    assert got["optimizer_steps"] == 3 and got["val_pairs"] == 4
    assert got["train_pairs"] == ref["train_pairs"] >= 3 * 4
    assert got["reference"] == ref["reference"] == DPO_REFERENCE
    assert_same_dpo_curve(reference, out, step1_abs=1e-5)

    # The adapter gathered from the partitions: whole tensors, close to 1 process's (measured
    # under ZeRO-3: 4e-4 relative), and it loads onto the SFT model.
    saved = load_file(out / "dpo" / "adapter" / "adapter_model.safetensors")
    expected = load_file(reference / "dpo" / "adapter" / "adapter_model.safetensors")
    assert saved.keys() == expected.keys()
    for key, tensor in expected.items():
        assert saved[key].shape == tensor.shape, key
        assert (saved[key] - tensor).norm() <= 1e-2 * tensor.norm(), key
    monkeypatch.setenv("CODETUNE_CACHE", env()["CODETUNE_CACHE"])  # the runs' embedded model
    cfg = load_config(prepared.cfg, [f"output_dir={out}"])
    policy = PeftModel.from_pretrained(load_sft_model(cfg, Run(out))[0], out / "dpo" / "adapter")
    loaded = {n: p for n, p in policy.named_parameters() if ".default." in n}
    assert len(loaded) == len(saved)
    for n, p in loaded.items():
        assert p.detach().equal(saved[n.replace(".default.", ".")]), n
    return local


PRECOMPUTE = pytest.mark.parametrize(
    "precompute", [False, True], ids=["ref-on-the-fly", "ref-precomputed"]
)


@pytest.mark.slow
@needs_deepspeed
@PRECOMPUTE
def test_dpo_zero3_two_processes_match_one_process(
    prepared: Prepared,
    dpo_ready: Path,
    dpo_one_process: Path,
    precompute: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The DPO reference (the SFT model with the DPO adapter disabled), on the fly or
    precomputed, under ZeRO-3 (every parameter partitioned, the LM head too): 2 processes x
    1 pair follow 1 process x 2 pairs, rank 0 alone writes, and the gathered adapter loads."""
    out, writes = sharded_dpo_run(
        prepared, dpo_ready, "zero3.yaml", precompute, DS_ACCELERATOR="cpu"
    )
    assert_sharded_dpo_run(prepared, dpo_one_process, out, writes, monkeypatch)


@pytest.mark.slow
@PRECOMPUTE
def test_dpo_fsdp2_two_processes_match_one_process(
    prepared: Prepared,
    dpo_ready: Path,
    dpo_one_process: Path,
    precompute: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same under accelerate's real FSDP2 path on 2 gloo processes (CODETUNE_FSDP_ON_CPU=1,
    tests/support/fsdp_cpu.py): fully_shard per decoder layer plus the root (embeddings, LM
    head), so the lean LM head and the shared-prefix packing run on parameters FSDP2 gathers
    in the root's pre-forward hook. The stage's gradient checkpointing is on, as fsdp2.yaml
    asks (accelerate's own is off there)."""
    out, writes = sharded_dpo_run(
        prepared,
        dpo_ready,
        "fsdp2.yaml",
        precompute,
        ("dpo.gradient_checkpointing=true",),
        CODETUNE_FSDP_ON_CPU="1",
    )
    local = assert_sharded_dpo_run(prepared, dpo_one_process, out, writes, monkeypatch)
    # FSDP2 shards every parameter in dim 0 without padding: each element counted once.
    full = read_json(dpo_one_process / "dpo" / "batch.json")["local_parameters"][0]
    assert sum(local) == full, (local, full)
