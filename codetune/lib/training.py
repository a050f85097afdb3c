"""What the training recipes share: precision choice, trainer arguments, metric logging,
checkpoint discovery and atomic saving of the final adapter/model.

Distributed runs (torchrun / accelerate launch, DDP, DeepSpeed ZeRO, FSDP2): every rank runs
this code; files are written by the main process only (`codetune.core.dist`), and saving is a
collective - every rank calls `save_model_atomic`, which gathers sharded parameters.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import time
from pathlib import Path
from typing import Any

import torch
from transformers import TrainerCallback

from codetune.core.dist import barrier, is_main_process
from codetune.core.io import append_jsonl, replace_dir, write_json
from codetune.core.runs import METRICS_LOG
from codetune.core.runtime import cpu_has_bf16, resolve_precision  # noqa: F401 (re-exported)

log = logging.getLogger("codetune")


def trainer_kwargs(loop: Any, out_dir: Path, seed: int, has_eval: bool) -> dict[str, Any]:
    """Keyword arguments of transformers' TrainingArguments shared by SFT and DPO."""
    precision = resolve_precision(loop.precision)
    early = loop.early_stopping_patience is not None and has_eval
    kwargs: dict[str, Any] = {
        "output_dir": str(out_dir / "checkpoints"),
        "learning_rate": loop.learning_rate,
        "per_device_train_batch_size": loop.per_device_train_batch_size,
        "per_device_eval_batch_size": loop.per_device_eval_batch_size,
        "gradient_accumulation_steps": loop.gradient_accumulation_steps,
        "num_train_epochs": loop.num_train_epochs,
        "max_steps": loop.max_steps,
        "warmup_steps": loop.warmup_steps,
        "lr_scheduler_type": loop.lr_scheduler_type,
        "weight_decay": loop.weight_decay,
        "max_grad_norm": loop.max_grad_norm,
        "bf16": precision == "bf16",
        "fp16": precision == "fp16",
        "gradient_checkpointing": loop.gradient_checkpointing,
        "logging_steps": loop.logging_steps,
        # TensorBoard is added as a callback writing to <stage>/tensorboard (see callbacks()).
        "report_to": "none",
        "eval_strategy": "steps" if has_eval else "no",
        "eval_steps": loop.eval_steps,
        "save_strategy": "steps",
        # The best checkpoint can only be restored if a checkpoint exists at every evaluation.
        "save_steps": loop.eval_steps if early else loop.save_steps,
        "save_total_limit": loop.save_total_limit,
        "load_best_model_at_end": early,
        "metric_for_best_model": "eval_loss" if early else None,
        "greater_is_better": False if early else None,
        "seed": seed,
        "data_seed": seed,
        "dataloader_num_workers": loop.dataloader_num_workers,
        "disable_tqdm": False,
        "save_only_model": False,
        "use_cpu": not torch.cuda.is_available(),
    }
    return kwargs


class MetricsLogger(TrainerCallback):
    """Appends every log/eval record to `metrics.jsonl`, with tokens/s and peak memory."""

    def __init__(self, path: Path, stage: str):
        self.path = path
        self.stage = stage
        self._t0 = time.perf_counter()
        self._tokens0 = 0

    def on_train_begin(self, args, state, control, **kwargs):
        # batch.json beside metrics.jsonl: what one optimizer step means in this launch
        # (metrics rows stay per-step records).
        # Collective (every rank runs callbacks): each rank's share of the parameters, which
        # shows whether ZeRO-3 / FSDP2 really sharded the model.
        local = gather_from_ranks(local_parameter_count(kwargs.get("model")))
        if state.is_world_process_zero:
            b = effective_batch(args)
            write_json(self.path.with_name("batch.json"), {**b, "local_parameters": local})
            log.info(
                "%s: batch %d per device x %d accumulation x %d processes = %d per optimizer step",
                self.stage,
                b["per_device"],
                b["accumulation"],
                b["world_size"],
                b["global_batch"],
            )

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not state.is_world_process_zero or not logs:
            return
        row: dict[str, Any] = {"stage": self.stage, "step": state.global_step, "epoch": state.epoch}
        row.update({k: v for k, v in logs.items() if isinstance(v, int | float | str)})
        tokens = getattr(state, "num_input_tokens_seen", 0) or 0
        elapsed = time.perf_counter() - self._t0
        if tokens and elapsed > 0:
            row["tokens_per_second"] = (tokens - self._tokens0) / elapsed
        row["peak_rss_mb"] = peak_rss_mb()
        if torch.cuda.is_available():
            row["peak_cuda_mb"] = torch.cuda.max_memory_allocated() / 2**20
        append_jsonl(self.path, row)


def final_eval_metrics(trainer) -> dict[str, float]:
    """Validation metrics of the model the trainer ends with, without evaluating twice.

    With the best checkpoint restored, the best evaluation describes it; otherwise an evaluation
    logged at the last step does; only when neither exists is the model evaluated again.
    """
    state = trainer.state
    evals = [h for h in state.log_history if "eval_loss" in h]
    if trainer.args.load_best_model_at_end and state.best_global_step:
        best = [h for h in evals if h.get("step") == state.best_global_step]
        if best:
            return best[-1]
    if evals and evals[-1].get("step") == state.global_step:
        return evals[-1]
    return trainer.evaluate()


def effective_batch(args: Any) -> dict[str, int]:
    """Samples per optimizer step, per rank and globally, from TrainingArguments.

    `args.world_size` is the number of data-parallel processes (DDP, ZeRO and FSDP ranks all
    see different samples), so global = per_device x accumulation x world_size.
    """
    per_device = int(args.per_device_train_batch_size)
    accumulation = int(args.gradient_accumulation_steps)
    world = int(getattr(args, "world_size", 1) or 1)
    return {
        "per_device": per_device,
        "accumulation": accumulation,
        "world_size": world,
        "per_rank_batch": per_device * accumulation,
        "global_batch": per_device * accumulation * world,
    }


def local_parameter_count(model: Any) -> int:
    """Parameter elements this rank holds: a ZeRO-3 partition (`ds_tensor`), an FSDP2 shard
    (DTensor's local tensor) or, unsharded, the whole parameter."""
    if model is None:
        return 0
    from torch.distributed.tensor import DTensor

    total = 0
    for p in model.parameters():
        if hasattr(p, "ds_tensor"):
            total += p.ds_tensor.numel()
        elif isinstance(p, DTensor):
            total += p.to_local().numel()
        else:
            total += p.numel()
    return total


def gather_from_ranks(value: Any) -> list[Any]:
    """[value of rank 0, value of rank 1, ...]; [value] without a process group."""
    import torch.distributed as dist

    if not (dist.is_available() and dist.is_initialized()):
        return [value]
    out: list[Any] = [None] * dist.get_world_size()
    dist.all_gather_object(out, value)
    return out


def mlflow_enabled(tracking_uri: str | None) -> bool:
    return bool(tracking_uri) or os.environ.get("CODETUNE_MLFLOW", "") not in ("", "0", "false")


def evaluate_before_training(trainer) -> float | None:
    """Validation loss of the model before training, without breaking a distributed run.

    `trainer.evaluate()` before `trainer.train()` is not safe as it stands: accelerate's
    `prepare_model(evaluation_mode=True)` marks the model as prepared, so the `train()` that
    follows never wraps it in DistributedDataParallel - every rank then trains on its own
    shard with no gradient all-reduce (seen here with 2 gloo processes: the ranks' LoRA weights
    differed after the first step). Undoing that mark after the evaluation lets `train()` wrap
    the model. Under DeepSpeed an evaluation before training builds an inference engine that
    training cannot reuse, so none is run there (None). Under FSDP2 accelerate prepares a model
    only together with its optimizer (a ValueError in `Accelerator.prepare`), and the optimizer
    exists only once `train()` runs: none either (None).
    """
    if trainer.is_deepspeed_enabled:
        log.info("DeepSpeed: no evaluation before training (val_loss_before is not measured)")
        return None
    if getattr(trainer.accelerator, "is_fsdp2", False):
        log.info("FSDP2: no evaluation before training (val_loss_before is not measured)")
        return None
    loss = trainer.evaluate().get("eval_loss")
    if not trainer.is_fsdp_enabled:
        model = trainer.model
        acc = trainer.accelerator
        if hasattr(model, "_original_forward"):  # autocast wrapper added for evaluation
            model.forward = model._original_forward
            del model._original_forward
        if getattr(model, "_is_accelerate_prepared", False):
            model._is_accelerate_prepared = False
        acc._models = [m for m in acc._models if m is not model]
        trainer.model_wrapped = model
    return loss


def stage_callbacks(
    out_dir: Path, stage: str, *, mlflow_tracking_uri: str | None = None
) -> list[TrainerCallback]:
    """metrics.jsonl and TensorBoard logs in the stage folder (not under checkpoints/), and
    MLflow tracking when asked for.

    Only the main process gets the TensorBoard writer: a writer on every rank would leave one
    event file per rank in <stage>/tensorboard. MLflow is on with `mlflow_tracking_uri` or the
    environment variable CODETUNE_MLFLOW=1; the store defaults to `file:<run>/mlruns` (an
    MLFLOW_TRACKING_URI already in the environment wins), the experiment to the run's name.
    """
    callbacks: list[TrainerCallback] = [MetricsLogger(out_dir / METRICS_LOG, stage)]
    if is_main_process():
        from torch.utils.tensorboard import SummaryWriter
        from transformers.integrations import TensorBoardCallback

        writer = SummaryWriter(log_dir=str(out_dir / "tensorboard"))
        callbacks.append(TensorBoardCallback(writer))
    if mlflow_enabled(mlflow_tracking_uri):
        callback = mlflow_callback(out_dir, mlflow_tracking_uri)
        if callback is not None:
            callbacks.append(callback)
    return callbacks


def mlflow_callback(out_dir: Path, tracking_uri: str | None) -> TrainerCallback | None:
    """transformers' MLflowCallback pointed at the run's store; None (with a warning) when the
    mlflow package is not installed."""
    import importlib.util

    if importlib.util.find_spec("mlflow") is None:
        log.warning(
            "MLflow tracking was asked for but mlflow is not installed (pip install mlflow)"
        )
        return None
    from transformers.integrations import MLflowCallback

    run_root = out_dir.resolve().parent
    uri = tracking_uri or os.environ.get("MLFLOW_TRACKING_URI") or f"file:{run_root / 'mlruns'}"
    # MLflowCallback reads its settings from the environment when training starts.
    os.environ["MLFLOW_TRACKING_URI"] = uri
    os.environ.setdefault("MLFLOW_EXPERIMENT_NAME", run_root.name)
    return MLflowCallback()


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def last_checkpoint(out_dir: Path, max_steps: int = -1) -> str | None:
    """The newest complete checkpoint folder of a stage to resume from, if any.

    Trainer writes a checkpoint's files one by one (weights, optimizer, scheduler, RNG) and
    trainer_state.json last, with no temporary folder; a run killed in between leaves a
    `checkpoint-N` without it, or with it cut short, which transformers' get_last_checkpoint
    would still pick and the resume then fail on. Such a folder is passed over. So is one at
    `max_steps` (a run killed after its last save): resumed from there, Trainer runs one step
    past max_steps (a rerun reported 5 optimizer steps of 4); retraining the last step from
    the checkpoint before gives the uninterrupted run's weights."""
    folder = out_dir / "checkpoints"
    if not folder.is_dir():
        return None
    numbered = []
    for path in folder.iterdir():
        match = re.fullmatch(r"checkpoint-(\d+)", path.name)
        if match and path.is_dir() and not 0 < max_steps <= int(match.group(1)):
            numbered.append((int(match.group(1)), path))
    for _, path in sorted(numbered, reverse=True):
        try:
            json.loads((path / "trainer_state.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        return str(path)
    return None


def save_model_atomic(model, tokenizer, target: Path) -> None:
    """save_pretrained into a temp folder, then swap it into place.

    Call it on every rank: under DeepSpeed ZeRO-3 or FSDP2 the trainable parameters are
    sharded and gathering them is a collective. Only the main process writes; the others wait
    at a barrier until the folder is in place, so no rank reads a half-swapped folder.
    """
    state_dict = gathered_trainable_state_dict(model)
    if is_main_process():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.saving")
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            model.save_pretrained(tmp, safe_serialization=True, state_dict=state_dict)
            if tokenizer is not None:
                tokenizer.save_pretrained(tmp)
            replace_dir(tmp, target)
        finally:
            if tmp.exists():
                shutil.rmtree(tmp, ignore_errors=True)
    barrier()


def gathered_trainable_state_dict(model) -> dict[str, torch.Tensor] | None:
    """Full copies of the trainable parameters when they are sharded across ranks, else None
    (save_pretrained then reads the model itself).

    DeepSpeed ZeRO-3 partitions every parameter (its tensors carry `ds_id` and are empty
    outside a GatheredParameters block); FSDP2 turns them into DTensors. Only the trainable
    ones are gathered - the adapter (LoRA + unfrozen layers) is all a PEFT folder holds, and
    gathering a frozen 30B base onto one rank would not fit. Every rank must call this.
    """
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    if any(hasattr(p, "ds_id") for _, p in trainable):
        import deepspeed

        with deepspeed.zero.GatheredParameters([p for _, p in trainable], modifier_rank=None):
            return {n: p.detach().cpu().clone() for n, p in trainable}
    from torch.distributed.tensor import DTensor

    if any(isinstance(p, DTensor) for _, p in trainable):
        return {
            n: (p.full_tensor() if isinstance(p, DTensor) else p).detach().cpu().clone()
            for n, p in trainable
        }
    return None


def finish_training(
    trainer: Any,
    tokenizer: Any,
    adapter_dir: Path,
    out_dir: Path,
    *,
    result: Any,
    trainable: int,
    total: int,
    policy: str,
    base_path: str,
    checkpoint: str | None,
    **figures: Any,
) -> dict[str, Any]:
    """The ending every training stage shares: save the trained weights atomically, gather
    the run's figures (the stage's own `figures` first), and write result.json from rank 0
    (every rank gets here)."""
    save_model_atomic(trainer.model, tokenizer, adapter_dir)
    metrics = {
        "trainable_params": trainable,
        "total_params": total,
        "policy": policy,
        **figures,
        "optimizer_steps": result.global_step,
        "train_loss": result.training_loss,
        "train_runtime_s": result.metrics.get("train_runtime"),
        "peak_rss_mb": peak_rss_mb(),
        "base_model": base_path,
        "resumed_from": checkpoint,
    }
    if is_main_process():
        write_json(out_dir / "result.json", metrics)
    return metrics
