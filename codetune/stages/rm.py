"""Reward model recipe (`codetune rm`): a Bradley-Terry scorer of code on TRL's RewardTrainer.

The reward model starts from the SFT model: the SFT adapter is merged into the base, the
decoder is moved under a sequence-classification head (one output, the reward, read at the
last non-pad token) and a fresh LoRA adapter plus the new head train on the same preference
pairs as DPO, with the Bradley-Terry loss -log sigmoid(r(chosen) - r(rejected)). DPO's reward
is implicit (a log-ratio against the reference); this one is explicit, so it can rank any
candidates, e.g. k samples of the tuned model (`score_candidates`).

Writes <run>/rm/adapter (PEFT folder: LoRA weights + the score head, loadable on the merged
SFT model with `load_reward_model`), metrics.jsonl, tensorboard/ and result.json with the val
accuracy (share of val pairs whose chosen completion gets the higher reward).
"""

from __future__ import annotations

import copy
import logging
from typing import Any

import torch
import trl
from transformers import AutoModelForSequenceClassification, EarlyStoppingCallback

from codetune.core.config import PipelineConfig
from codetune.core.config.train import RMConfig
from codetune.core.errors import UserError
from codetune.core.runs import Run
from codetune.lib.masking import document_eos
from codetune.lib.training import (
    final_eval_metrics,
    finish_training,
    last_checkpoint,
    stage_callbacks,
    trainer_kwargs,
)
from codetune.stages.base import StageContext

log = logging.getLogger("codetune")


def sequence_classifier_from(causal_lm) -> torch.nn.Module:
    """A one-output sequence classifier sharing `causal_lm`'s decoder weights.

    The decoder's state dict moves over unchanged; the LM head is dropped and the score head is
    initialised by transformers (seeded by the caller), as `from_pretrained(num_labels=1)` of
    a causal checkpoint would, without writing the merged SFT model to disk first.
    """
    config = copy.deepcopy(causal_lm.config)
    config.num_labels = 1
    model = AutoModelForSequenceClassification.from_config(config, dtype=causal_lm.dtype)
    prefix = causal_lm.base_model_prefix
    missing, unexpected = getattr(model, prefix).load_state_dict(
        getattr(causal_lm, prefix).state_dict(), strict=True
    )
    if missing or unexpected:  # strict=True raises first; kept as a guard for odd subclasses
        raise RuntimeError(f"decoder weights do not match: {missing} {unexpected}")
    return model


def apply_reward_adapter(model, rm: RMConfig):
    """LoRA on the decoder (as configured) with the score head (and the last
    `trainable_layers` layers) fully trainable and saved with the adapter."""
    from peft import LoraConfig, get_peft_model

    from codetune.lib.models import decoder_layer_prefixes, linear_module_names

    layers = decoder_layer_prefixes(model)
    n_last = min(rm.trainable_layers, len(layers))
    last = layers[len(layers) - n_last :] if n_last else []
    lower = list(range(len(layers) - n_last))
    target = rm.lora_target_modules
    if target == "all-linear":
        target = linear_module_names(model, layers)
    extra: dict[str, Any] = {"layers_to_transform": lower} if n_last and lower else {}
    peft_cfg = LoraConfig(
        r=rm.lora_r,
        lora_alpha=rm.lora_alpha,
        lora_dropout=rm.lora_dropout,
        target_modules=target if lower else [],
        modules_to_save=["score", *last],
        task_type="SEQ_CLS",
        **extra,
    )
    peft_model = get_peft_model(model, peft_cfg)
    trainable = sum(p.numel() for p in peft_model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in peft_model.parameters())
    policy = f"LoRA r={rm.lora_r} alpha={rm.lora_alpha} + score head"
    if n_last:
        policy += f" + last {n_last} decoder layers fully trainable"
    return peft_model, trainable, total, policy


def reward_tokenizer(tokenizer):
    """The tokenizer as the reward model sees pairs: completion pairs end like a document."""
    tok = copy.deepcopy(tokenizer)
    tok.eos_token = document_eos(tokenizer)
    return tok


def run_rm(
    cfg: PipelineConfig, run: Run, rm_cfg: RMConfig, *, resume: bool = False
) -> dict[str, Any]:
    """Train the reward model of `cfg` into <run>/rm; return metrics (val accuracy included)."""
    from codetune.lib.preference import load_sft_model, training_pairs

    if rm_cfg.finetuning_type != "lora":
        raise UserError("rm.finetuning_type: only 'lora' is supported (adapter + score head)")
    out_dir = run.stage_dir("rm")
    out_dir.mkdir(parents=True, exist_ok=True)

    causal, tokenizer, base_path = load_sft_model(cfg, run)
    torch.manual_seed(cfg.seed)  # the score head's initialisation
    model = sequence_classifier_from(causal)
    del causal
    model, trainable, total, policy = apply_reward_adapter(model, rm_cfg)
    log.info("rm: %s (%d of %d parameters trainable)", policy, trainable, total)

    train_ds, val_ds, pair_counts = training_pairs(run, tokenizer, rm_cfg, "rm")

    args = trl.RewardConfig(
        **trainer_kwargs(rm_cfg, out_dir, cfg.seed, has_eval=val_ds is not None),
        max_length=rm_cfg.max_length,
        center_rewards_coefficient=rm_cfg.center_rewards_coefficient,
    )
    callbacks: list[Any] = stage_callbacks(out_dir, "rm")
    if args.load_best_model_at_end:
        callbacks.append(EarlyStoppingCallback(rm_cfg.early_stopping_patience))
    trainer = trl.RewardTrainer(
        model=model,
        args=args,
        train_dataset=train_ds,
        eval_dataset=val_ds,
        processing_class=reward_tokenizer(tokenizer),
        callbacks=callbacks,
    )
    checkpoint = last_checkpoint(out_dir, trainer.args.max_steps) if resume else None
    result = trainer.train(resume_from_checkpoint=checkpoint)
    final_eval = final_eval_metrics(trainer) if val_ds is not None else {}

    return finish_training(
        trainer,
        tokenizer,
        run.adapter_dir("rm"),
        out_dir,
        result=result,
        trainable=trainable,
        total=total,
        policy=policy,
        base_path=base_path,
        checkpoint=checkpoint,
        starts_from="SFT model (base + SFT adapter merged) under a 1-output score head",
        loss="Bradley-Terry: -log sigmoid(r(chosen) - r(rejected))",
        **pair_counts,
        val_accuracy=final_eval.get("eval_accuracy"),
        val_margin=final_eval.get("eval_margin"),
        val_loss=final_eval.get("eval_loss"),
    )


def load_reward_model(cfg: PipelineConfig, run: Run):
    """(reward model, tokenizer): the merged SFT model under the trained score head + adapter."""
    from peft import PeftModel

    from codetune.lib.preference import load_sft_model

    adapter = run.adapter_dir("rm")
    if not (adapter / "adapter_config.json").is_file():
        raise UserError(f"{adapter}: no reward model; run the rm stage first (codetune rm CONFIG)")
    causal, tokenizer, _ = load_sft_model(cfg, run)
    model = PeftModel.from_pretrained(sequence_classifier_from(causal), str(adapter))
    model.config.pad_token_id = tokenizer.pad_token_id
    model.eval()
    return model, tokenizer


@torch.no_grad()
def score_candidates(
    model, tokenizer, prompt: str, candidates: list[str], *, batch_size: int = 8
) -> list[float]:
    """The reward of each completion of `prompt`, tokenised exactly as in training
    (prompt + completion + document EOS, right-padded, read at the last non-pad token)."""
    model.eval()
    device = next(model.parameters()).device
    pad_id = tokenizer.pad_token_id
    # The sequence-classification head finds the last real token through config.pad_token_id.
    model.config.pad_token_id = pad_id
    scores: list[float] = []
    for start in range(0, len(candidates), batch_size):
        batch = candidates[start : start + batch_size]
        ids = [
            tokenizer(prompt + c + document_eos(tokenizer), add_special_tokens=False)["input_ids"]
            for c in batch
        ]
        width = max(len(x) for x in ids)
        input_ids = torch.full((len(ids), width), pad_id, dtype=torch.long)
        attention = torch.zeros((len(ids), width), dtype=torch.long)
        for row, x in enumerate(ids):
            input_ids[row, : len(x)] = torch.tensor(x)
            attention[row, : len(x)] = 1
        logits = model(
            input_ids=input_ids.to(device), attention_mask=attention.to(device), use_cache=False
        ).logits
        scores.extend(float(v) for v in logits[:, 0].float())
    return scores


def run(ctx: StageContext) -> dict[str, Any]:
    return run_rm(ctx.cfg, ctx.run, ctx.cfg.rm, resume=ctx.resume)
