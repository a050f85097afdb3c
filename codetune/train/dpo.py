"""DPO recipe: preference pairs -> a DPO adapter on top of the SFT model, on TRL's DPOTrainer.

The SFT -> DPO hand-off: the SFT adapter is merged into the base weights, a fresh LoRA adapter
is trained on top, and the reference model is that merged SFT model with the adapter disabled
(TRL does this when it gets a PEFT model and no `ref_model`), so no second copy of the weights
is held. The manifest records this.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import Any

import trl
from datasets import Dataset
from transformers import EarlyStoppingCallback

from codetune.errors import UserError
from codetune.io import read_jsonl, write_json
from codetune.models import apply_trainable_policy, load_adapter_merged, load_base
from codetune.train.common import (
    final_eval_metrics,
    last_checkpoint,
    peak_rss_mb,
    save_model_atomic,
    stage_callbacks,
    trainer_kwargs,
)
from codetune.train.masking import DOC_EOS

log = logging.getLogger("codetune")

PAIR_COLUMNS = ("prompt", "chosen", "rejected")


def load_pairs(pairs_dir: Path, split: str, limit: int | None = None) -> list[dict[str, Any]]:
    path = pairs_dir / f"{split}.jsonl"
    if not path.is_file():
        raise UserError(f"{path}: not found; run the pairs stage first (codetune pairs CONFIG)")
    rows = read_jsonl(path)
    for i, row in enumerate(rows, 1):
        missing = [c for c in PAIR_COLUMNS if not isinstance(row.get(c), str)]
        if missing:
            raise UserError(f"{path}:{i}: missing or non-text field(s) {', '.join(missing)}")
    return rows[:limit] if limit else rows


def fit_pairs(
    pairs: list[dict[str, Any]], tokenizer, max_length: int, limit: int | None
) -> tuple[list[dict[str, Any]], int]:
    """Pairs whose prompt + longer side fits `max_length` tokens (at most `limit`), and how
    many did not fit.

    A truncated pair can lose the very tokens where chosen and rejected differ (a defect near
    the end of a function), leaving identical sides that teach nothing, so such pairs are
    dropped rather than truncated.
    """
    kept, too_long = [], 0
    for pair in pairs:
        n_prompt = len(tokenizer(pair["prompt"], add_special_tokens=False)["input_ids"])
        n_side = max(
            len(tokenizer(pair[s], add_special_tokens=False)["input_ids"])
            for s in ("chosen", "rejected")
        )
        if n_prompt + n_side + 1 > max_length:  # + EOS
            too_long += 1
            continue
        kept.append(pair)
        if limit and len(kept) >= limit:
            break
    return kept, too_long


def load_sft_model(cfg: Any, run: Any):
    """(merged SFT model, tokenizer, base path): the base with the SFT adapter merged in."""
    model, tokenizer, base_path = load_base(cfg.model)
    adapter = run.adapter_dir("sft")
    if not adapter.is_dir():
        raise UserError(f"{adapter}: no SFT adapter; run the sft stage first (codetune sft CONFIG)")
    if (adapter / "adapter_config.json").is_file():
        model = load_adapter_merged(model, adapter)
    else:  # freeze / full fine-tuning saved a whole model
        from codetune.models import load_model

        model = load_model(str(adapter))
    return model, tokenizer, base_path


def run_dpo(cfg: Any, run: Any, *, resume: bool = False) -> dict[str, Any]:
    """Train the DPO adapter of `cfg` into `run`; return metrics."""
    model, tokenizer, base_path = load_sft_model(cfg, run)
    return train_preference_adapter(
        cfg,
        run,
        stage="dpo",
        section=cfg.dpo,
        model=model,
        tokenizer=tokenizer,
        base_path=base_path,
        reference="SFT model (base + SFT adapter merged) with the DPO adapter disabled",
        resume=resume,
    )


def train_preference_adapter(
    cfg: Any,
    run: Any,
    *,
    stage: str,
    section: Any,
    model,
    tokenizer,
    base_path: str,
    reference: str,
    resume: bool = False,
) -> dict[str, Any]:
    """Train a fresh LoRA adapter on the run's pairs with `section`'s DPO settings on top of
    `model` (whatever earlier adapters were merged into it); the reference is `model` with the
    new adapter disabled. Writes <stage>/adapter and <stage>/result.json."""
    dpo = section
    out_dir = run.stage_dir(stage)
    out_dir.mkdir(parents=True, exist_ok=True)
    if dpo.finetuning_type != "lora":
        raise UserError(
            f"{stage}.finetuning_type: only 'lora' is supported (the reference is the starting "
            f"model with the {stage} adapter disabled)"
        )
    model, report = apply_trainable_policy(model, dpo)
    log.info(report.line())

    train, too_long_train = fit_pairs(
        load_pairs(run.pairs_dir, "train"), tokenizer, dpo.max_length, dpo.max_train_samples
    )
    val, too_long_val = fit_pairs(
        load_pairs(run.pairs_dir, "val"), tokenizer, dpo.max_length, dpo.max_eval_samples
    )
    if not train:
        raise UserError(
            f"{run.pairs_dir}: no training pair fits {stage}.max_length={dpo.max_length} tokens"
        )
    keep = [*PAIR_COLUMNS]
    train_ds = Dataset.from_list([{k: r[k] for k in keep} for r in train])
    val_ds = Dataset.from_list([{k: r[k] for k in keep} for r in val]) if val else None

    # Completion-format pairs end like a document, not like a chat turn.
    dpo_tokenizer = copy.deepcopy(tokenizer)
    dpo_tokenizer.eos_token = DOC_EOS

    loss_type = [dpo.loss_type]
    loss_weights = None
    if dpo.rpo_alpha:
        loss_type.append("sft")
        loss_weights = [1.0, dpo.rpo_alpha]
    args = trl.DPOConfig(
        **trainer_kwargs(dpo, out_dir, cfg.seed, has_eval=val_ds is not None),
        max_length=dpo.max_length,
        beta=dpo.beta,
        loss_type=loss_type,
        loss_weights=loss_weights,
        label_smoothing=dpo.label_smoothing,
        precompute_ref_log_probs=dpo.precompute_ref_log_probs,
    )
    callbacks: list[Any] = stage_callbacks(out_dir, stage)
    if args.load_best_model_at_end:
        callbacks.append(EarlyStoppingCallback(dpo.early_stopping_patience))
    trainer = trl.DPOTrainer(
        model=model,
        ref_model=None,
        args=args,
        train_dataset=train_ds,
        eval_dataset=val_ds,
        processing_class=dpo_tokenizer,
        callbacks=callbacks,
    )
    checkpoint = last_checkpoint(out_dir) if resume else None
    result = trainer.train(resume_from_checkpoint=checkpoint)
    final_eval = final_eval_metrics(trainer) if val_ds is not None else {}

    save_model_atomic(trainer.model, tokenizer, run.adapter_dir(stage))
    metrics = {
        "trainable_params": report.trainable,
        "total_params": report.total,
        "policy": report.policy,
        "reference": reference,
        "train_pairs": len(train),
        "pairs_longer_than_max_length": too_long_train + too_long_val,
        "val_pairs": len(val),
        "optimizer_steps": result.global_step,
        "train_loss": result.training_loss,
        "train_runtime_s": result.metrics.get("train_runtime"),
        "peak_rss_mb": peak_rss_mb(),
        "base_model": base_path,
        "resumed_from": checkpoint,
        **{k.replace("eval_", "val/"): v for k, v in final_eval.items() if "/" in k},
    }
    write_json(out_dir / "result.json", metrics)
    return metrics
