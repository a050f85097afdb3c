"""SFT recipe: the data stage's samples -> a LoRA (+ last-N-layers) adapter, on TRL's SFTTrainer.

Reads top to bottom: load the base model, apply the trainable-parameter policy, tokenise with
exact loss masks, train with evaluation and early stopping, save the adapter atomically.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import torch
import trl
from datasets import Dataset
from transformers import EarlyStoppingCallback

from codetune.errors import UserError
from codetune.io import read_jsonl, write_json
from codetune.models import apply_trainable_policy, load_base
from codetune.train.common import (
    final_eval_metrics,
    last_checkpoint,
    peak_rss_mb,
    save_model_atomic,
    stage_callbacks,
    trainer_kwargs,
)
from codetune.train.masking import tokenize_rows

log = logging.getLogger("codetune")


class TrainedPositionsSFTTrainer(trl.SFTTrainer):
    """SFTTrainer whose loss computes LM-head logits only where a label is trained.

    With Qwen's 151,936-token vocabulary the LM head dominates a small model's compute, and
    TRL's default path also computes per-token entropy and top-1 for its metrics. Here the
    decoder runs on the whole sequence, but the LM head and the cross-entropy only on the
    positions whose next token is trained (completion / assistant / FIM middle). The loss is the
    same token-mean cross-entropy (tested for parity with a plain forward pass).
    """

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs["labels"]
        next_labels = labels[:, 1:]
        trained = next_labels != -100
        # Positions (shared across the batch) whose logits are needed.
        keep = trained.any(dim=0).nonzero(as_tuple=True)[0]
        model_inputs = {k: v for k, v in inputs.items() if k != "labels"}
        outputs = model(**model_inputs, logits_to_keep=keep, use_cache=False)
        logits = outputs.logits.float()
        targets = next_labels[:, keep]
        loss_sum = torch.nn.functional.cross_entropy(
            logits.reshape(-1, logits.size(-1)),
            targets.reshape(-1),
            ignore_index=-100,
            reduction="sum",
        )
        n_tokens = trained.sum() if num_items_in_batch is None else num_items_in_batch
        loss = loss_sum / torch.as_tensor(n_tokens, device=loss_sum.device).clamp(min=1)
        if self.args.average_tokens_across_devices and num_items_in_batch is not None:
            loss = loss * self.accelerator.num_processes
        if self.aux_loss_enabled and getattr(outputs, "aux_loss", None) is not None:
            steps = (
                self.current_gradient_accumulation_steps if num_items_in_batch is not None else 1
            )
            loss = loss + self.router_aux_loss_coef * outputs.aux_loss / steps
        mode = "train" if model.training else "eval"
        with torch.no_grad():
            valid = targets != -100
            correct = ((logits.argmax(-1) == targets) & valid).sum()
            self._metrics[mode]["mean_token_accuracy"].append(
                (correct / valid.sum().clamp(min=1)).item()
            )
        return (loss, outputs) if return_outputs else loss


def load_split(data_dir: Path, fmt: str, split: str, limit: int | None) -> list[dict[str, Any]]:
    path = data_dir / fmt / f"{split}.jsonl"
    if not path.is_file():
        raise UserError(
            f"{path}: not found; run the data stage first, with '{fmt}' in data.formats"
        )
    rows = read_jsonl(path)
    return rows[:limit] if limit else rows


def run_sft(cfg: Any, run: Any, *, resume: bool = False) -> dict[str, Any]:
    """Train the SFT adapter of `cfg` (a PipelineConfig) into `run` (a Run); return metrics."""
    sft = cfg.sft
    out_dir = run.stage_dir("sft")
    out_dir.mkdir(parents=True, exist_ok=True)

    model, tokenizer, base_path = load_base(cfg.model)
    model, report = apply_trainable_policy(model, sft)
    log.info(report.line())

    train_rows = load_split(run.data_dir, sft.train_format, "train", sft.max_train_samples)
    val_rows = load_split(run.data_dir, sft.train_format, "val", sft.max_eval_samples)
    train, dropped_train = tokenize_rows(
        train_rows, sft.train_format, tokenizer, max_length=sft.max_length
    )
    val, dropped_val = tokenize_rows(
        val_rows, sft.train_format, tokenizer, max_length=sft.max_length
    )
    if not train:
        raise UserError(f"{run.data_dir}: no SFT training samples left after tokenisation")

    args = trl.SFTConfig(
        **trainer_kwargs(sft, out_dir, cfg.seed, has_eval=bool(val)),
        max_length=sft.max_length,
        completion_only_loss=True,
        packing=sft.packing,
        padding_free=sft.packing,
        include_num_input_tokens_seen=True,
    )
    callbacks: list[Any] = stage_callbacks(out_dir, "sft")
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

    val_loss_before = trainer.evaluate()["eval_loss"] if val else None
    checkpoint = last_checkpoint(out_dir) if resume else None
    result = trainer.train(resume_from_checkpoint=checkpoint)
    val_loss_after = final_eval_metrics(trainer)["eval_loss"] if val else None

    save_model_atomic(trainer.model, tokenizer, run.adapter_dir("sft"))
    metrics = {
        "trainable_params": report.trainable,
        "total_params": report.total,
        "policy": report.policy,
        "train_samples": len(train),
        "val_samples": len(val),
        "dropped_no_trained_tokens": dropped_train + dropped_val,
        "optimizer_steps": result.global_step,
        "train_loss": result.training_loss,
        "val_loss_before": val_loss_before,
        "val_loss_after": val_loss_after,
        "train_runtime_s": result.metrics.get("train_runtime"),
        "tokens_seen": trainer.state.num_input_tokens_seen,
        "peak_rss_mb": peak_rss_mb(),
        "base_model": base_path,
        "resumed_from": checkpoint,
        "best_checkpoint": trainer.state.best_model_checkpoint,
    }
    write_json(out_dir / "result.json", metrics)
    return metrics
