"""SFT recipe: the data stage's samples -> a LoRA (+ last-N-layers) adapter, on TRL's SFTTrainer.

Reads top to bottom: load the base model, apply the trainable-parameter policy, tokenise with
exact loss masks, train with evaluation and early stopping, save the adapter atomically.

Where the time goes (measured by benchmarks/sft_throughput.py): with Qwen's 151,936-token
vocabulary the LM head is most of a small model's compute, and padding multiplies it. So
micro-batches are padding-free (one row, position ids restarting per sample), the LM head runs
only at trained positions, and the cross-entropy is computed in chunks without materialising
the logits (`codetune.lib.losses`); bf16 autocast where the CPU/GPU has it (`precision: auto`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import torch
import trl
from datasets import Dataset
from transformers import EarlyStoppingCallback, TrainerCallback

from codetune.core.config import PipelineConfig
from codetune.core.errors import UserError
from codetune.core.io import read_jsonl
from codetune.core.runs import Run
from codetune.lib.losses import TrainedPositionsSFTTrainer
from codetune.lib.masking import tokenize_rows
from codetune.lib.models import apply_trainable_policy, load_base
from codetune.lib.training import (
    evaluate_before_training,
    final_eval_metrics,
    finish_training,
    last_checkpoint,
    stage_callbacks,
    trainer_kwargs,
)
from codetune.stages.base import StageContext

log = logging.getLogger("codetune")


def load_split(data_dir: Path, fmt: str, split: str, limit: int | None) -> list[dict[str, Any]]:
    path = data_dir / fmt / f"{split}.jsonl"
    if not path.is_file():
        raise UserError(
            f"{path}: not found; run the data stage first, with '{fmt}' in data.formats"
        )
    rows = read_jsonl(path)
    return rows[:limit] if limit else rows


def sft_training_args(sft: Any, out_dir: Path, seed: int, *, has_eval: bool) -> trl.SFTConfig:
    """TRL's SFTConfig for an `SFTConfig` section: the shared loop options plus batching."""
    return trl.SFTConfig(
        **trainer_kwargs(sft, out_dir, seed, has_eval=has_eval),
        # Samples are already truncated by tokenize_rows; TRL needs max_length only to size
        # packed rows (and refuses it for padding-free batches without packing).
        max_length=sft.max_length if sft.packing else None,
        completion_only_loss=True,
        packing=sft.packing,
        padding_free=sft.packing or sft.padding_free,
        pad_to_multiple_of=sft.pad_to_multiple_of,
        include_num_input_tokens_seen=True,
    )


def run_sft(
    cfg: PipelineConfig,
    run: Run,
    *,
    resume: bool = False,
    extra_callbacks: list[TrainerCallback] | None = None,
) -> dict[str, Any]:
    """Train the SFT adapter of `cfg` (a PipelineConfig) into `run` (a Run); return metrics.

    `extra_callbacks` lets a caller observe the real training loop (the throughput benchmark
    times it this way instead of re-implementing it).
    """
    sft = cfg.sft
    out_dir = run.stage_dir("sft")
    out_dir.mkdir(parents=True, exist_ok=True)

    model, tokenizer, base_path = load_base(cfg.model)
    # LoRA's initialisation: the same start on every rank and at every launch (the Trainer
    # seeds only later, after the adapter exists).
    torch.manual_seed(cfg.seed)
    model, report = apply_trainable_policy(model, sft)
    log.info(report.line())

    train, val, dropped_train, dropped_val = [], [], 0, 0
    by_format: dict[str, int] = {}
    for fmt in dict.fromkeys([sft.train_format, *sft.extra_formats]):
        train_rows = load_split(run.data_dir, fmt, "train", sft.max_train_samples)
        val_rows = load_split(run.data_dir, fmt, "val", sft.max_eval_samples)
        samples, dropped = tokenize_rows(train_rows, fmt, tokenizer, max_length=sft.max_length)
        by_format[fmt] = len(samples)
        train, dropped_train = train + samples, dropped_train + dropped
        samples, dropped = tokenize_rows(val_rows, fmt, tokenizer, max_length=sft.max_length)
        val, dropped_val = val + samples, dropped_val + dropped
    if not train:
        raise UserError(f"{run.data_dir}: no SFT training samples left after tokenisation")

    args = sft_training_args(sft, out_dir, cfg.seed, has_eval=bool(val))
    callbacks: list[Any] = [*stage_callbacks(out_dir, "sft"), *(extra_callbacks or [])]
    if args.load_best_model_at_end:
        callbacks.append(EarlyStoppingCallback(sft.early_stopping_patience))
    trainer = TrainedPositionsSFTTrainer(
        model=model,
        args=args,
        train_dataset=Dataset.from_list(train),
        eval_dataset=Dataset.from_list(val) if val else None,
        processing_class=tokenizer,
        callbacks=callbacks,
    )

    val_loss_before = evaluate_before_training(trainer) if val else None
    checkpoint = last_checkpoint(out_dir, trainer.args.max_steps) if resume else None
    result = trainer.train(resume_from_checkpoint=checkpoint)
    val_loss_after = final_eval_metrics(trainer)["eval_loss"] if val else None

    return finish_training(
        trainer,
        tokenizer,
        run.adapter_dir("sft"),
        out_dir,
        result=result,
        trainable=report.trainable,
        total=report.total,
        policy=report.policy,
        base_path=base_path,
        checkpoint=checkpoint,
        train_samples=len(train),
        train_samples_by_format=by_format,
        val_samples=len(val),
        dropped_no_trained_tokens=dropped_train + dropped_val,
        val_loss_before=val_loss_before,
        val_loss_after=val_loss_after,
        tokens_seen=trainer.state.num_input_tokens_seen,
        best_checkpoint=trainer.state.best_model_checkpoint,
    )


def run(ctx: StageContext) -> dict[str, Any]:
    return run_sft(ctx.cfg, ctx.run, resume=ctx.resume)


SUMMARY_KEYS = (
    "val_loss_before",
    "val_loss_after",
    "optimizer_steps",
    "trainable_params",
    "total_params",
    "policy",
)


def summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics.get(k) for k in SUMMARY_KEYS}
