"""What the training recipes share: precision choice, trainer arguments, metric logging,
checkpoint discovery and atomic saving of the final adapter/model."""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import torch
from transformers import TrainerCallback

from codetune.errors import UserError
from codetune.io import append_jsonl, replace_dir

log = logging.getLogger("codetune")


def cpu_has_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return any(f in flags for f in ("avx512_bf16", "amx_bf16"))


def resolve_precision(precision: str) -> str:
    """'auto' -> the best supported of bf16 / fp16 / fp32; an explicit unsupported choice fails."""
    cuda = torch.cuda.is_available()
    bf16_ok = (cuda and torch.cuda.is_bf16_supported()) or (not cuda and cpu_has_bf16())
    if precision == "auto":
        if bf16_ok:
            return "bf16"
        return "fp16" if cuda else "fp32"
    if precision == "bf16" and not bf16_ok:
        raise UserError(
            "precision: bf16 is not supported on this hardware (needs a CUDA GPU with bf16 or a "
            "CPU with AVX512-BF16/AMX); use precision: auto or fp32"
        )
    if precision == "fp16" and not cuda:
        raise UserError("precision: fp16 needs a CUDA GPU; on CPU use bf16 (if supported) or fp32")
    return precision


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


def stage_callbacks(out_dir: Path, stage: str) -> list[TrainerCallback]:
    """metrics.jsonl and TensorBoard logs in the stage folder (not under checkpoints/)."""
    from torch.utils.tensorboard import SummaryWriter
    from transformers.integrations import TensorBoardCallback

    writer = SummaryWriter(log_dir=str(out_dir / "tensorboard"))
    return [MetricsLogger(out_dir / "metrics.jsonl", stage), TensorBoardCallback(writer)]


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def last_checkpoint(out_dir: Path) -> str | None:
    """The newest complete checkpoint folder of a stage, if any."""
    from transformers.trainer_utils import get_last_checkpoint

    folder = out_dir / "checkpoints"
    if not folder.is_dir():
        return None
    return get_last_checkpoint(str(folder))


def save_model_atomic(model, tokenizer, target: Path) -> None:
    """save_pretrained into a temp folder, then swap it into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        model.save_pretrained(tmp, safe_serialization=True)
        if tokenizer is not None:
            tokenizer.save_pretrained(tmp)
        replace_dir(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
