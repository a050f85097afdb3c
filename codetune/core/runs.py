"""The run folder: its layout, its manifest, and loading the model a stage left behind.

    runs/<name>/
      config.yaml     resolved config
      manifest.json   stage -> {status, config_hash, input_hash, started, finished, metrics}
      .codetune.lock  held by the one process working in the folder (codetune.core.runlock)
      summary.json    headline figures
      data/ sft/ pairs/ dpo/ eval/ deploy/ ...

The files one stage writes and another reads have their names in the layout constants below
(`EVAL_RESULTS`, `DEPLOY_BENCH`, ...), for writers and readers alike.

The run folder is the only state: every stage reads its inputs from it and writes its outputs
to it, atomically, and marks itself done in the manifest last.

One final model: `final_stage(cfg)` names the model the run judges and ships (the config's
`final_model`), `Run.final_model(cfg)` checks the run has it, and `Run.model_chain(stage)` /
`codetune.lib.chain.load_stage_model` say which saved adapters, in which order, make a stage's model. The eval,
scan, bench and ab stages, the gates, `codetune export` and `codetune generate` all go through
them, so they judge and ship the same model.

Under a distributed launch (torchrun, accelerate launch) every rank runs the same stage code,
but only the main process (global rank 0) writes the manifest and summary: the others read
them and compute the same records, which they then drop (`codetune.core.dist`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from codetune.core.config import TRAINED_STAGES, PipelineConfig, load_config
from codetune.core.dist import is_main_process
from codetune.core.errors import UserError
from codetune.core.io import read_json, write_json

MODELS = ("base", *TRAINED_STAGES)  # every model a run can judge or ship

# The run-folder layout: each file one stage writes and another reads (the report, the gates,
# the commands), relative to the run folder. Writers and readers both name a file by these, so
# a file that moves moves for all of them.
CONFIG_FILE = "config.yaml"  # the resolved config
MANIFEST_FILE = "manifest.json"  # stage -> status, hashes, times, metrics
SUMMARY_FILE = "summary.json"  # headline figures, by section
REPORT_FILE = "report.html"  # the report stage's page
DATA_STATS = "data/stats.json"  # what the data stage read, kept and dropped
DATA_CONVENTIONS = "data/conventions.json"  # the team's naming profile, inferred by data
DATA_REPO_TESTS = "data/repo_tests.jsonl"  # held-out functions + the repository tests on them
DATA_REPO_FILES = "data/repo_files.jsonl"  # the modules and test files those runs need
PAIRS_STATS = "pairs/stats.json"  # preference pairs per split and defect kind
EVAL_RESULTS = "eval/results.json"  # every figure per model, base vs tuned with intervals
EVAL_PER_PROMPT = "eval/per_prompt.jsonl"  # one row per model and prompt (the ab stage's input)
EVAL_GENERATIONS = "eval/generations.jsonl"  # every generation (the scan stage's input)
DEPLOY_SECURITY = "deploy/security.json"  # the scan stage: findings per CWE and model
DEPLOY_BENCH = "deploy/bench.json"  # the bench stage: the tuned (final) model
DEPLOY_BENCH_BASE = "deploy/bench_base.json"  # the bench stage: the base model
DEPLOY_AB = "deploy/ab.json"  # the ab stage: tuned vs base, per source
METRICS_LOG = "metrics.jsonl"  # every training stage's log, in its own folder


def metrics_log(stage: str) -> str:
    """A training stage's log in the run folder, e.g. 'sft/metrics.jsonl'."""
    return f"{stage}/{METRICS_LOG}"


def final_stage(cfg: PipelineConfig) -> str:
    """The model the run judges and ships, from its config alone: 'base', 'sft', 'dpo' or
    'mixed'.

    `cfg.final_model` when it names a model; for 'auto' (the default), the last trained stage
    (pipeline order sft, dpo, mixed) in `cfg.stages`, or 'base' when the run trains none. It
    does not look at the run folder: `Run.final_model(cfg)` does, and `load_stage_model`
    loads it. The eval stage compares the base with this model (its `tuned`)::

        from codetune.core.runs import final_stage
        tuned = final_stage(cfg)  # e.g. "dpo" for stages [data, sft, pairs, dpo, eval]
    """
    if cfg.final_model != "auto":
        return cfg.final_model
    trained = [s for s in TRAINED_STAGES if s in cfg.stages]
    return trained[-1] if trained else "base"


def load_run_config(run_dir: str | Path, overrides: list[str] | None = None) -> PipelineConfig:
    """The config a run was made with (its config.yaml), for commands given only the folder."""
    path = Path(run_dir) / CONFIG_FILE
    if not path.is_file():
        raise UserError(f"{path}: not found (is {run_dir} a run folder?)")
    return load_config(path, overrides)


class Run:
    """Paths of one run folder plus its manifest."""

    def __init__(self, root: str | Path):
        self.root = Path(root)

    # layout ---------------------------------------------------------------------------------
    def stage_dir(self, stage: str) -> Path:
        return self.root / stage

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def pairs_dir(self) -> Path:
        return self.root / "pairs"

    def adapter_dir(self, stage: str) -> Path:
        return self.root / stage / "adapter"

    # models ---------------------------------------------------------------------------------
    def tuned_label(self) -> str:
        """The model the eval stage called tuned (the run's final model), from its results."""
        results = self.root / EVAL_RESULTS
        if not results.is_file():
            raise UserError(
                f"{results}: not found; run the eval stage first (codetune eval CONFIG)"
            )
        return str(read_json(results).get("tuned", "base"))

    def has_weights(self, stage: str) -> bool:
        """Whether `stage` saved weights: a PEFT adapter, or a whole model."""
        return _has_weights(self.adapter_dir(stage))

    def model_chain(self, stage: str) -> list[str]:
        """The trained stages whose saved weights, applied on the base in this order, make the
        model of `stage` ([] for 'base'); `load_stage_model` applies them.

        Each stage trained on the base with every earlier stage's adapter merged in: SFT under
        everything, then DPO under mixed when the run has a DPO adapter (a run may train mixed
        right after SFT, as the mixed stage itself decides). A one-line UserError names the
        folder when `stage`'s own weights or the SFT weights under it are missing.
        """
        if stage not in MODELS:
            raise UserError(f"model {stage!r}: expected one of {', '.join(MODELS)}")
        if stage == "base":
            return []
        chain = []
        for name in TRAINED_STAGES[: TRAINED_STAGES.index(stage) + 1]:
            folder = self.adapter_dir(name)
            if _has_weights(folder):
                chain.append(name)
            elif folder.exists():
                raise UserError(f"{folder}: neither a PEFT adapter nor a model folder")
            elif name in ("sft", stage):
                needed = "" if name == stage else f" (the {stage} model is trained on it)"
                raise UserError(
                    f"{folder}: no {name} adapter{needed}; run the {name} stage first "
                    f"(codetune {name} CONFIG)"
                )
        return chain

    def final_model(self, cfg: PipelineConfig) -> str:
        """`final_stage(cfg)`, checked against the folder: raises a one-line UserError when the
        run has no weights for it yet."""
        stage = final_stage(cfg)
        if stage != "base" and not _has_weights(self.adapter_dir(stage)):
            raise UserError(
                f"final model '{stage}' has no adapter in {self.adapter_dir(stage)}: run that "
                f"stage (codetune {stage} CONFIG) or set final_model"
            )
        self.model_chain(stage)  # and the stages under it
        return stage

    @property
    def manifest_path(self) -> Path:
        return self.root / MANIFEST_FILE

    @property
    def summary_path(self) -> Path:
        return self.root / SUMMARY_FILE

    # manifest -------------------------------------------------------------------------------
    def manifest(self) -> dict[str, Any]:
        if not self.manifest_path.is_file():
            return {"stages": {}}
        return read_json(self.manifest_path)

    def stage_record(self, stage: str) -> dict[str, Any]:
        return self.manifest().get("stages", {}).get(stage, {})

    def update_stage(self, stage: str, **fields: Any) -> dict[str, Any]:
        """Merge `fields` into the stage's record; written by the main process only (N ranks
        rewriting one manifest would race, and they would all write the same thing)."""
        manifest = self.manifest()
        record = manifest.setdefault("stages", {}).setdefault(stage, {})
        record.update(fields)
        if is_main_process():
            write_json(self.manifest_path, manifest)
        return record

    def mark_started(self, stage: str, config_hash: str, input_hash: str) -> None:
        self.update_stage(
            stage,
            status="running",
            config_hash=config_hash,
            input_hash=input_hash,
            started=now(),
            finished=None,
            error=None,  # a previous attempt's failure no longer describes this stage
        )

    def mark_done(self, stage: str, metrics: dict[str, Any], **extra: Any) -> None:
        self.update_stage(stage, status="done", finished=now(), metrics=metrics, **extra)

    def mark_failed(self, stage: str, error: str) -> None:
        self.update_stage(stage, status="failed", finished=now(), error=error)

    def mark_interrupted(self, stage: str, reason: str, *, now_ended: bool = True) -> None:
        """Stopped from outside (Ctrl-C, or a killed process found later): not the stage's
        own fault, and resumable like a failure. A process found dead later left no end time
        (`now_ended=False`)."""
        ended = {"finished": now()} if now_ended else {}
        self.update_stage(stage, status="interrupted", error=reason, **ended)

    def require_done(self, stage: str, needed_by: str) -> None:
        if self.stage_record(stage).get("status") != "done":
            raise UserError(
                f"{self.manifest_path}: stage '{needed_by}' needs '{stage}' to be done first "
                f"(run: codetune {stage} CONFIG)"
            )

    def update_summary(self, section: str, figures: Any) -> None:
        if not is_main_process():
            return
        summary = read_json(self.summary_path) if self.summary_path.is_file() else {}
        summary[section] = figures
        write_json(self.summary_path, summary)


def _has_weights(folder: Path) -> bool:
    """A PEFT adapter, or a whole model (freeze / full fine-tuning saves one)."""
    return (folder / "adapter_config.json").is_file() or (folder / "config.json").is_file()


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
