"""Stage order, content hashing, skip-if-unchanged and resume, over the stage registry
(`codetune.stages.base`): what a stage declares is all this module knows of it.

Each stage records in the manifest a hash of its config (the sections it reads) and of its
inputs (the output hashes of the stages it reads from). `codetune run` skips a stage whose
record is `done` with the same hashes, reruns it otherwise, and resumes a training stage that
was interrupted with the same hashes from its last checkpoint.

One process at a time works in a run folder: `run_pipeline` and `run_stage` hold its lock
(`codetune.core.runlock`), which also turns stages left `running` by a dead process into
`interrupted`. Under a multi-process launch (torchrun, accelerate launch) every rank runs the
training stages; the others (data, pairs, eval, ...) run on rank 0 alone while the other ranks
wait, then every rank reads the same manifest.
"""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path
from typing import Any

from codetune.core.config import STAGES, PipelineConfig, dump_config
from codetune.core.dist import (
    init_pipeline_group,
    is_distributed,
    is_main_process,
    rank_zero_alone,
    wait_for_rank_zero,
    world_size,
)
from codetune.core.errors import GateFailed, UserError
from codetune.core.io import hash_obj, hash_tree, read_json, write_text
from codetune.core.runlock import run_lock
from codetune.core.runs import METRICS_LOG, Run, final_stage
from codetune.core.runtime import configure_threads, phase_of
from codetune.stages.base import REGISTRY, Stage, StageContext

log = logging.getLogger("codetune")


def _hashed_config(cfg: PipelineConfig) -> dict[str, Any]:
    """The config as hashed: `final_model` as resolved, so that 'auto' changes its meaning
    (and reruns what judges the final model) when the trained stages change; the prompt
    format apart from the model section, since only sampling stages (pairs, eval) read it and
    a change must not retrain anything."""
    dumped = cfg.model_dump(mode="json")
    model = dict(dumped["model"])
    prompt_format = model.pop("prompt_format")
    return {
        **dumped,
        "model": model,
        "prompt_format": prompt_format,
        "final_model": final_stage(cfg),
    }


def config_hash(cfg: PipelineConfig, spec: Stage) -> str:
    dumped = _hashed_config(cfg)
    return hash_obj({"seed": cfg.seed, **{s: dumped[s] for s in spec.sections}})


# How a global batch is split (per device x accumulation x processes) does not change what a
# checkpoint means, so a resume may change these two to keep the global batch on another
# number of processes.
BATCH_LAYOUT = ("per_device_train_batch_size", "gradient_accumulation_steps")


def resume_hash(cfg: PipelineConfig, spec: Stage) -> str:
    """config_hash without the batch layout: equal means a checkpoint may resume."""
    dumped = _hashed_config(cfg)
    sections = {
        s: {k: v for k, v in dumped[s].items() if k not in BATCH_LAYOUT}
        if isinstance(dumped[s], dict)
        else dumped[s]
        for s in spec.sections
    }
    return hash_obj({"seed": cfg.seed, **sections})


def check_resume_batch(run: Run, cfg: PipelineConfig, name: str) -> None:
    """Refuse a resume whose global batch differs from the interrupted run's.

    The Trainer skips the batches of the steps already done as counted in the new launch; with
    another global batch it would skip samples never trained, or train some twice."""
    recorded = run.stage_dir(name) / "batch.json"
    if not recorded.is_file():
        return
    before = json.loads(recorded.read_text())
    section = getattr(cfg, name)
    per_device = section.per_device_train_batch_size
    now = per_device * section.gradient_accumulation_steps * world_size()
    if now == before.get("global_batch"):
        return
    wanted = before["global_batch"] / (per_device * world_size())
    hint = (
        f"set {name}.gradient_accumulation_steps={int(wanted)}"
        if wanted == int(wanted) and wanted >= 1
        else f"choose {name}.per_device_train_batch_size x gradient_accumulation_steps x "
        f"processes = {before['global_batch']}"
    )
    raise UserError(
        f"{recorded}: cannot resume '{name}' with a global batch of {now} (per device "
        f"{per_device} x accumulation {section.gradient_accumulation_steps} x {world_size()} "
        f"processes); the interrupted run used {before['global_batch']}: {hint}"
    )


def input_hash(run: Run, spec: Stage, cfg: PipelineConfig) -> str:
    parts: dict[str, Any] = {}
    required, optional = spec.upstream(cfg)
    for up in (*required, *optional):
        record = run.stage_record(up)
        if up in required or record.get("status") == "done":
            parts[up] = record.get("output_hash")
    if spec.name == "data":
        parts["sources"] = source_fingerprint(cfg)
    return hash_obj(parts)


def source_fingerprint(cfg: PipelineConfig) -> str:
    """Cheap fingerprint of the source trees: path, size and mtime of every file.

    A source that is not a local folder (a git URL at a revision, say) is identified by its
    spec string, which names the revision.
    """
    import sysconfig

    items: list[Any] = []
    for spec in cfg.data.sources:
        root = Path(sysconfig.get_paths()["stdlib"]) if spec == "@stdlib" else Path(spec)
        if not root.exists():
            items.append(spec)
            continue
        for f in sorted(root.rglob("*")) if root.is_dir() else [root]:
            try:
                st = f.stat()
            except OSError:
                continue
            items.append((str(f), st.st_size, int(st.st_mtime)))
    return hash_obj(items)


def output_hash(run: Run, spec: Stage) -> str:
    return hash_obj([hash_tree(run.root / o) for o in spec.writes if (run.root / o).exists()])


def start_fresh(out_dir: Path) -> None:
    """A training stage that does not resume starts from nothing: checkpoints and logs left by
    another config or input must never be resumed from or mixed into the new curves. The
    previous adapter stays until the new one replaces it."""
    import shutil

    (out_dir / METRICS_LOG).unlink(missing_ok=True)
    for sub in ("checkpoints", "tensorboard"):
        shutil.rmtree(out_dir / sub, ignore_errors=True)


def prepare_run(cfg: PipelineConfig) -> Run:
    run = Run(cfg.run_dir)
    run.root.mkdir(parents=True, exist_ok=True)
    if is_main_process():  # under torchrun / accelerate launch only rank 0 writes the run folder
        write_text(run.root / "config.yaml", dump_config(cfg))
    # Beside config.yaml: the model this config judges and ships, for the gates and the report.
    summary = read_json(run.summary_path) if run.summary_path.is_file() else {}
    if summary.get("final_model") != final_stage(cfg):
        run.update_summary("final_model", final_stage(cfg))
    return run


# A stage that started and did not finish: killed (found later), stopped by Ctrl-C, or failed.
UNFINISHED = ("running", "interrupted", "failed")


def run_stage(
    cfg: PipelineConfig, name: str, *, force: bool = False, resume: bool = False
) -> dict[str, Any]:
    """Run one stage with manifest bookkeeping; skip it when nothing changed.

    An interrupted training stage (manifest status running/interrupted/failed) with unchanged
    hashes resumes from its last checkpoint by itself. `resume=True` (the CLI's --resume)
    insists on it: resuming a stage whose config or inputs changed is refused rather than
    silently started afresh.
    """
    with run_lock(cfg.run_dir):
        return _run_stage(cfg, name, force=force, resume=resume)


def _run_stage(cfg: PipelineConfig, name: str, *, force: bool, resume: bool) -> dict[str, Any]:
    run = Run(cfg.run_dir)
    spec = REGISTRY[name]
    required, _ = spec.upstream(cfg)
    for up in required:
        run.require_done(up, name)
    c_hash, i_hash = config_hash(cfg, spec), input_hash(run, spec, cfg)
    record = run.stage_record(name)
    same = record.get("config_hash") == c_hash and record.get("input_hash") == i_hash
    if resume and record.get("status") not in UNFINISHED:
        raise UserError(
            f"{run.manifest_path}: nothing to resume in '{name}': it "
            + ("finished" if record.get("status") == "done" else "never started")
            + " (rerun without --resume to train it afresh)"
        )
    if same and record.get("status") == "done" and not force:
        log.info("%s: unchanged, skipped", name)
        return {"skipped": True, **record.get("metrics", {})}
    interrupted = record.get("status") in UNFINISHED
    r_hash = resume_hash(cfg, spec) if spec.resumable else None
    resumable = (
        spec.resumable
        and interrupted
        and record.get("input_hash") == i_hash
        and (same or (r_hash is not None and record.get("resume_hash") == r_hash))
    )
    if resume and interrupted and not resumable:
        raise UserError(
            f"{run.manifest_path}: cannot resume '{name}': its config or inputs changed since the "
            "interrupted run (rerun without --resume to start it afresh)"
        )
    if resumable and (same or resume):
        check_resume_batch(run, cfg, name)
    elif resumable:
        # A new batch layout without --resume: a resume if it keeps the global batch, else
        # a fresh start, as any other config change.
        try:
            check_resume_batch(run, cfg, name)
        except UserError as exc:
            log.info("%s: starting afresh (%s)", name, str(exc).split(": ", 1)[-1])
            resumable = False
    resume = resumable
    prepare_run(cfg)  # config.yaml is rewritten only once the stage will really run
    if spec.resumable and not resume and is_main_process():
        # Rank 0 alone: a late rank must not delete logs rank 0 has started writing.
        start_fresh(run.stage_dir(name))
    run.mark_started(name, c_hash, i_hash)
    if r_hash is not None:
        run.update_stage(name, resume_hash=r_hash)
    configure_threads(cfg.threads, phase_of(name))
    t0 = time.perf_counter()
    try:
        metrics = spec.run(StageContext(cfg, run, resume=resume))
    except KeyboardInterrupt:
        run.mark_interrupted(name, "interrupted (Ctrl-C)")
        raise
    except BaseException as exc:
        run.mark_failed(name, f"{type(exc).__name__}: {exc}")
        raise
    metrics = {**metrics, "wall_time_s": round(time.perf_counter() - t0, 2)}
    run.mark_done(name, metrics, output_hash=output_hash(run, spec))
    figures = spec.summary(metrics)
    if figures is not None:
        run.update_summary(name, figures)
    return metrics


def run_pipeline(
    cfg: PipelineConfig,
    *,
    only: list[str] | None = None,
    from_stage: str | None = None,
    timings: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Run the configured stages in pipeline order, then check the quality gates.

    `only` restricts the stages; `from_stage` reruns that stage and every later one even when
    unchanged (earlier ones still skip when unchanged). Raises GateFailed naming the failing
    gates after all stages ran. `timings`, when given, receives one {stage, status, seconds}
    per stage as it ends (status: ran, skipped unchanged or failed), also when one fails.
    """
    for name in [*(only or []), *([from_stage] if from_stage else [])]:
        if name not in STAGES:
            raise UserError(f"--only/--from {name!r}: unknown stage (one of {', '.join(STAGES)})")
        if name not in cfg.stages:
            raise UserError(f"--only/--from {name!r}: not among the config's stages {cfg.stages}")
    # Held across the stages and the gates, so that no other process slips in between them.
    with run_lock(cfg.run_dir):
        return _run_stages(cfg, only, from_stage, timings)


def _run_stages(
    cfg: PipelineConfig,
    only: list[str] | None,
    from_stage: str | None,
    timings: list[dict[str, Any]] | None,
) -> dict[str, Any]:
    stages = [s for s in STAGES if s in cfg.stages and (not only or s in only)]
    forced = set(STAGES[STAGES.index(from_stage) :]) if from_stage else set()
    results = {}
    gated = cfg.gates or cfg.scan.fail_on
    failure: GateFailed | None = None
    init_pipeline_group()
    wait_for_rank_zero()  # rank 0 holds the lock and has marked stale stages interrupted
    for name in stages:
        if name == "report" and gated:
            # Verdicts first, so the report shows them; a failure is raised after the report.
            failure = _check_gates(cfg, stages, only)
            gated = False
        log.info("stage %s", name)
        t0 = time.perf_counter()
        status = "failed"
        try:
            if REGISTRY[name].distributed or not is_distributed():
                results[name] = run_stage(cfg, name, force=name in forced)
            else:
                results[name] = _run_on_rank_zero(cfg, name, force=name in forced)
            status = "skipped unchanged" if results[name].get("skipped") else "ran"
        finally:
            if timings is not None:
                seconds = round(time.perf_counter() - t0, 2)
                timings.append({"stage": name, "status": status, "seconds": seconds})
    if gated:
        failure = _check_gates(cfg, stages, only)
    if failure is not None:
        raise failure
    return results


def _run_on_rank_zero(cfg: PipelineConfig, name: str, *, force: bool) -> dict[str, Any]:
    """A non-distributed stage of a multi-process run: rank 0 runs it as a world of one, the
    other ranks wait, then read what it recorded, so every rank goes on with the same
    manifest."""
    metrics = None
    if is_main_process():
        with rank_zero_alone():
            metrics = run_stage(cfg, name, force=force)
    wait_for_rank_zero()
    if metrics is not None:
        return metrics
    return dict(Run(cfg.run_dir).stage_record(name).get("metrics", {}))


def _check_gates(
    cfg: PipelineConfig, stages: list[str], only: list[str] | None
) -> GateFailed | None:
    # With --only, the gates on figures of the stages that ran (a gate names its stage first:
    # eval.metrics..., scan...); a full run checks them all.
    try:
        enforce_gates(cfg, stages=set(stages) if only else None)
    except GateFailed as exc:
        return exc
    return None


def enforce_gates(cfg: PipelineConfig, stages: set[str] | None = None) -> list[dict[str, Any]]:
    """Check the config's gates (those on figures of `stages`, if given) against summary.json;
    record the verdicts; raise GateFailed naming the failed ones."""
    from codetune.core.gates import GateConfig, check_gates

    run = Run(cfg.run_dir)
    gates = list(cfg.gates)
    if cfg.scan.fail_on and "scan" in cfg.stages:
        gates.append(
            GateConfig(
                name=f"no {cfg.scan.fail_on}-or-worse finding in the tuned model's code",
                metric="scan.tuned_at_or_above_fail_on",
                max=0,
            )
        )
    if stages is not None:
        gates = [g for g in gates if g.metric.split(".")[0] in stages]
        if not gates:
            return []
    summary = read_json(run.summary_path) if run.summary_path.is_file() else {}
    verdicts = check_gates(gates, summary)
    run.update_summary("gates", {"passed": all(v["passed"] for v in verdicts), "gates": verdicts})
    failed = [v for v in verdicts if not v["passed"]]
    for v in verdicts:
        log.info("gate %s: %s (%s)", v["name"], "passed" if v["passed"] else "FAILED", v["reason"])
    if failed:
        raise GateFailed(
            "quality gate(s) failed: " + "; ".join(f"'{v['name']}' ({v['reason']})" for v in failed)
        )
    return verdicts
