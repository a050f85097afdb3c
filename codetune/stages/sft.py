"""SFT recipe: the data stage's samples -> a LoRA (+ last-N-layers) adapter, on TRL's SFTTrainer.

Reads top to bottom: load the base model, apply the trainable-parameter policy, tokenise with
exact loss masks, train with evaluation and early stopping, save the adapter atomically.

Where the time goes (measured by benchmarks/sft_throughput.py): with Qwen's 151,936-token
vocabulary the LM head is most of a small model's compute, and padding multiplies it. So
micro-batches are padding-free (one row, position ids restarting per sample), the LM head runs
only at trained positions, and the cross-entropy is computed in chunks without materialising
the logits; bf16 autocast where the CPU/GPU has it (`precision: auto`).
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

import torch
import trl
from datasets import Dataset
from torch.distributed.tensor import DTensor
from transformers import EarlyStoppingCallback, TrainerCallback

from codetune.core.dist import is_main_process
from codetune.core.errors import UserError
from codetune.core.io import read_jsonl, write_json
from codetune.lib.masking import tokenize_rows
from codetune.lib.models import apply_trainable_policy, load_base
from codetune.lib.training import (
    evaluate_before_training,
    final_eval_metrics,
    last_checkpoint,
    peak_rss_mb,
    save_model_atomic,
    stage_callbacks,
    trainer_kwargs,
)
from codetune.stages.base import StageContext

log = logging.getLogger("codetune")


# Tokens per chunk of the LM head: one chunk's fp32 logits over Qwen's 151,936-token vocabulary
# take 128 x 151,936 x 4 B = 78 MB, so peak memory no longer grows with the batch.
CE_CHUNK_TOKENS = 128


class ChunkedLinearCrossEntropy(torch.autograd.Function):
    """Summed cross-entropy of `hidden @ weight.T` without ever holding the full logits.

    The forward walks the tokens in chunks: logits, log-sum-exp, loss, and at once the gradient
    with respect to `hidden` (and to `weight` if it trains), so the backward only scales them.
    Each token costs two vocabulary-sized matmuls (logits, input gradient) instead of the four
    passes of the usual path (logits, softmax, logits gradient materialised, input gradient).
    Also returns the number of top-1 hits (for `mean_token_accuracy`), which is not
    differentiable.
    """

    @staticmethod
    def forward(ctx, hidden, weight, targets, compute_dtype, chunk):  # type: ignore[override]
        needs_h = ctx.needs_input_grad[0]
        needs_w = ctx.needs_input_grad[1]
        with torch.autocast(hidden.device.type, enabled=False):
            w = weight.to(compute_dtype)
            loss = torch.zeros((), dtype=torch.float32, device=hidden.device)
            correct = torch.zeros((), dtype=torch.long, device=hidden.device)
            grad_h = torch.empty_like(hidden) if needs_h else None
            grad_w = torch.zeros_like(weight, dtype=torch.float32) if needs_w else None
            for start in range(0, hidden.size(0), chunk):
                h = hidden[start : start + chunk].to(compute_dtype)
                t = targets[start : start + chunk]
                logits = (h @ w.T).float()
                lse = torch.logsumexp(logits, dim=-1)
                picked = logits.gather(1, t[:, None]).squeeze(1)
                loss += (lse - picked).sum()
                correct += (logits.argmax(-1) == t).sum()
                if needs_h or needs_w:
                    # d loss / d logits = softmax - one_hot, computed in place over the logits.
                    probs = logits.sub_(lse[:, None]).exp_()
                    probs[torch.arange(t.numel(), device=t.device), t] -= 1
                    g = probs.to(compute_dtype)
                    if needs_h:
                        grad_h[start : start + chunk] = (g @ w).to(hidden.dtype)
                    if needs_w:
                        grad_w += (g.T @ h).float()
        ctx.weight_dtype = weight.dtype
        ctx.save_for_backward(grad_h, grad_w)
        ctx.mark_non_differentiable(correct)
        return loss, correct

    @staticmethod
    def backward(ctx, grad_loss, _grad_correct):  # type: ignore[override]
        grad_h, grad_w = ctx.saved_tensors
        gh = grad_h * grad_loss.to(grad_h.dtype) if grad_h is not None else None
        gw = None
        if grad_w is not None:
            gw = (grad_w * grad_loss).to(ctx.weight_dtype)
        return gh, gw, None, None, None


def linear_cross_entropy(
    hidden: torch.Tensor,
    weight: torch.Tensor,
    targets: torch.Tensor,
    chunk: int | None = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """(summed cross-entropy, top-1 hits) of the LM head `weight` over `hidden` [N, d].

    Under autocast the matmuls run in the autocast dtype; log-sum-exp and loss in fp32.
    """
    device = hidden.device.type
    if torch.is_autocast_enabled(device):
        compute_dtype = torch.get_autocast_dtype(device)
    else:
        compute_dtype = hidden.dtype
    return ChunkedLinearCrossEntropy.apply(
        hidden, weight, targets, compute_dtype, chunk or CE_CHUNK_TOKENS
    )


class TrainedPositionsSFTTrainer(trl.SFTTrainer):
    """SFTTrainer whose loss touches the LM head only where a label is trained, in chunks.

    With Qwen's 151,936-token vocabulary the LM head dominates a small model's compute, and
    TRL's default path also computes per-token entropy and top-1 for its metrics. Here the
    decoder runs on the whole sequence, but the LM head and the cross-entropy only on the
    positions whose next token is trained (completion / assistant / FIM middle), chunk by chunk
    without materialising the logits (`ChunkedLinearCrossEntropy`). The loss is the same
    token-mean cross-entropy (tested for parity with a plain forward pass). Packed rows
    (padding-free) never predict across a sample boundary: a position whose next token starts
    a new sample (position id 0) is not trained.
    """

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs["labels"]
        next_labels = labels[:, 1:]
        trained = next_labels != -100
        if "position_ids" in inputs:
            trained &= inputs["position_ids"][:, 1:] != 0
        model_inputs = {k: v for k, v in inputs.items() if k != "labels"}
        if self.aux_loss_enabled:
            model_inputs["output_router_logits"] = True
        # Under DDP `model` is the DistributedDataParallel wrapper.
        head = self.accelerator.unwrap_model(model).get_output_embeddings()
        plain_head = type(head) is torch.nn.Linear and head.bias is None
        # No logits from the model itself: an all-False mask keeps none of them.
        none = torch.zeros_like(labels, dtype=torch.bool)
        outputs = model(
            **model_inputs,
            logits_to_keep=none,
            output_hidden_states=True,
            use_cache=False,
        )
        hidden = outputs.hidden_states[-1][:, :-1][trained]
        targets = next_labels[trained]
        if plain_head:
            weight = head.weight
            # Sharded heads: a ZeRO-3 partition is empty outside its module's forward, an FSDP2
            # shard is a DTensor; the chunked loss needs the whole (frozen) matrix.
            gather = contextlib.nullcontext()
            if hasattr(weight, "ds_id"):
                import deepspeed

                gather = deepspeed.zero.GatheredParameters([weight])
            with gather:
                if isinstance(weight, DTensor):
                    weight = weight.full_tensor()
                loss_sum, correct = linear_cross_entropy(hidden, weight, targets)
        else:  # an adapted or biased head: its own forward, still only at trained positions
            logits = head(hidden).float()
            loss_sum = torch.nn.functional.cross_entropy(logits, targets, reduction="sum")
            correct = (logits.argmax(-1) == targets).sum()
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
        if self.aux_loss_enabled and getattr(outputs, "aux_loss", None) is not None:
            self._metrics[mode]["aux_loss"].append(outputs.aux_loss.detach().item())
        self._metrics[mode]["mean_token_accuracy"].append(
            (correct / targets.numel()).item() if targets.numel() else 0.0
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
    cfg: Any,
    run: Any,
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
    if is_main_process():  # every rank gets here; rank 0 writes
        write_json(out_dir / "result.json", metrics)
    return metrics


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
