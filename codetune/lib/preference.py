"""DPO recipe: preference pairs -> a DPO adapter on top of the SFT model, on TRL's DPOTrainer.

The SFT -> DPO hand-off: the SFT adapter is merged into the base weights, a fresh LoRA adapter
is trained on top, and the reference model is that merged SFT model with the adapter disabled
(TRL does this when it gets a PEFT model and no `ref_model`), so no second copy of the weights
is held. The manifest records this.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import logging
import shutil
import types
from pathlib import Path
from typing import Any

import torch
import trl
from datasets import Dataset, load_from_disk
from transformers import EarlyStoppingCallback, TrainerCallback

from codetune.core.config import PipelineConfig
from codetune.core.dist import barrier, is_main_process
from codetune.core.errors import UserError
from codetune.core.io import read_jsonl
from codetune.core.runs import Run
from codetune.lib.layershare import SharedLowerLayers, peft_adapter_config, unchanged_lower_layers
from codetune.lib.masking import document_eos
from codetune.lib.models import apply_trainable_policy
from codetune.lib.packing import SHAREABLE_ATTENTION, pack_pairs
from codetune.lib.scoring import plain_lm_head
from codetune.lib.training import (
    final_eval_metrics,
    finish_training,
    last_checkpoint,
    stage_callbacks,
    trainer_kwargs,
)

log = logging.getLogger("codetune")

PAIR_COLUMNS = ("prompt", "chosen", "rejected")

# Likelihood displacement check: evaluations in a row where val logps/chosen fell, and the least
# total fall (nats, summed over the completion, averaged over pairs) that counts. The val set is
# fixed and dropout is off at evaluation, so a strictly falling run is a trend, not noise.
DISPLACEMENT_WINDOW = 3
DISPLACEMENT_MIN_DROP = 1.0


def chosen_logps_falling(
    log_history: list[dict[str, Any]],
    window: int = DISPLACEMENT_WINDOW,
    min_drop: float = DISPLACEMENT_MIN_DROP,
) -> dict[str, Any] | None:
    """The run of evaluations ending at the latest one over which `eval_logps/chosen` fell
    strictly, if it spans at least `window` evaluations and fell by more than `min_drop`."""
    by_step: dict[int, float] = {}
    for row in log_history:  # a step evaluated twice (final re-evaluation) counts once
        if "eval_logps/chosen" in row:
            by_step[int(row.get("step", 0))] = float(row["eval_logps/chosen"])
    points = sorted(by_step.items())
    start = len(points) - 1
    while start > 0 and points[start][1] < points[start - 1][1]:
        start -= 1
    run = points[start:]
    if len(run) < window or run[0][1] - run[-1][1] <= min_drop:
        return None
    return {
        "steps": [step for step, _ in run],
        "logps_chosen": [round(v, 4) for _, v in run],
        "drop": round(run[0][1] - run[-1][1], 4),
    }


class ChosenLogpsWatch(TrainerCallback):
    """Warns once when the val log-probability of the chosen completions falls steadily.

    DPO only widens the chosen-rejected margin; it can do so by lowering both sides
    (likelihood displacement), which makes the model worse at the very code it should prefer.
    The usual remedies are an NLL term on chosen (`rpo_alpha`), a lower learning rate or a
    higher beta, or dropping near-identical pairs; the warning says so and result.json keeps it.
    """

    def __init__(
        self, stage: str, window: int = DISPLACEMENT_WINDOW, min_drop: float = DISPLACEMENT_MIN_DROP
    ):
        self.stage = stage
        self.window = window
        self.min_drop = min_drop
        self.report: dict[str, Any] | None = None

    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        found = chosen_logps_falling(state.log_history, self.window, self.min_drop)
        if found and self.report is None:
            self.report = found
            log.warning(
                "%s: val logps/chosen fell over %d evaluations in a row (%s, -%.2f nats): "
                "likelihood displacement; consider %s.rpo_alpha (e.g. 0.2), a lower learning "
                "rate or a higher beta",
                self.stage,
                len(found["steps"]),
                " -> ".join(f"{v:.2f}" for v in found["logps_chosen"]),
                found["drop"],
                self.stage,
            )


# TRL's DPO logs these from extra outputs of its fused LM head (entropy, mean logit, top-1 of
# every scored token); the lean head below does not compute them, so they are not logged.
EXTRA_METRICS = ("entropy", "logits/chosen", "logits/rejected", "mean_token_accuracy")


def lean_lm_head_applies(model) -> bool:
    """Whether `lean_fused_lm_head` can stand in for TRL's head on this model: a plain causal
    LM (no logit scaling or soft-capping, no MoE router loss), the models codetune trains."""
    text = model.config.get_text_config()
    if not plain_lm_head(model):
        return False
    return not getattr(text, "num_experts", None) and not getattr(text, "num_local_experts", None)


def lean_fused_lm_head(
    model, *, share_prefix: bool = False, frozen_lower_layers: int = 0
) -> SharedLowerLayers | None:
    """Make `model(..., labels=, fused_lm_head=True)` score only the labelled positions, and
    only their log-probs.

    TRL's DPOTrainer installs a fused LM head that, off CUDA, projects every position through
    the LM head (prompt and padding included) and also computes entropy, mean logit and top-1
    per token for its logs. On a small model with a 151k vocabulary the LM head is most of the
    work, so that is where the time goes. This head calls TRL's own chunked log-prob kernel on
    the completion positions alone (the only ones DPO's loss reads) and fills the fields TRL's
    loss code expects but only logs with zeros; `CodetuneDPOTrainer` leaves those metrics out.
    The non-fused path (generation, plain forwards) is the model's own, unchanged.

    With `share_prefix` (and an attention implementation that takes a 4-D mask) the decoder
    runs on the micro-batch packed by `prefix_sharing.pack_pairs`: each pair's common prefix
    once, no padding; each distinct (position, target) goes through the LM head once.

    With `frozen_lower_layers` > 0 (the layers below the lowest one the adapter reaches, e.g.
    with `lora_layers`), the second forward of a batch (TRL's reference pass, the adapter
    disabled) reuses the first pass's hidden state above those layers
    (`layershare.SharedLowerLayers.reuse`), which it would compute identically: with LoRA on
    the top 10 of 30 layers the reference runs 10 layers instead of 30. Returns the sharing
    object when it is on.
    """
    from trl.trainer.utils import FusedCausalLMOutput

    plain_forward = model.forward  # TRL's wrapper: without fused_lm_head it is the model's own
    share = SharedLowerLayers(frozen_lower_layers, max_states=1) if frozen_lower_layers else None
    if share is not None and share.reuse(model) == "off":
        share = None

    def run_decoder(decoder, **inputs):
        if share is not None:
            return share.decoder(model, **inputs)
        return decoder(**inputs).last_hidden_state

    def forward(self, *args, fused_lm_head=False, labels=None, **kwargs):
        if not fused_lm_head:
            return plain_forward(*args, labels=labels, **kwargs)
        kwargs.pop("num_items_in_batch", None)
        kwargs["use_cache"] = False
        decoder = getattr(self, self.base_model_prefix)
        head = self.get_output_embeddings()
        targets = labels[:, 1:].to(head.weight.device)
        mask = targets != -100
        attention = self.config._attn_implementation
        if share_prefix and not args and attention in SHAREABLE_ATTENTION:
            packed = pack_pairs(
                kwargs.pop("input_ids"),
                kwargs.pop("attention_mask"),
                additive_mask=attention == "eager",
            )
            hidden = run_decoder(
                decoder,
                input_ids=packed.input_ids,
                position_ids=packed.position_ids,
                attention_mask=packed.attention_mask,
                **kwargs,
            )[0]
            # Shared positions predicting the same token are scored once.
            source = packed.source[:, :-1].to(head.weight.device)[mask]
            keys, inverse = torch.unique(
                source * head.weight.shape[0] + targets[mask], return_inverse=True
            )
            unique_source, unique_targets = (
                keys // head.weight.shape[0],
                keys % head.weight.shape[0],
            )
            log_probs = chunked_logprobs(
                hidden[unique_source].to(head.weight.device), head, unique_targets
            )[inverse]
        else:
            full = (
                decoder(*args, **kwargs).last_hidden_state
                if args
                else run_decoder(decoder, **kwargs)
            )
            hidden = full[:, :-1].to(head.weight.device)
            log_probs = chunked_logprobs(hidden[mask], head, targets[mask])
        # masked_scatter keeps an all-masked micro-batch connected to the graph (zero grad).
        per_token = log_probs.new_zeros(mask.shape).masked_scatter(mask, log_probs)
        zeros = torch.zeros(mask.shape, dtype=per_token.dtype, device=per_token.device)
        return FusedCausalLMOutput(
            loss=-per_token.sum() / mask.sum().clamp(min=1),
            log_probs=per_token,
            entropy=zeros,
            mean_logits=zeros,
            is_top1=torch.zeros(mask.shape, dtype=torch.bool, device=per_token.device),
            label_mask=mask,
        )

    # TRL asks for the fused head through `model(..., fused_lm_head=True)`; overriding this
    # instance's forward is the narrowest hook: the module tree, state dict and saved adapter
    # stay exactly PEFT's.
    model.forward = types.MethodType(forward, model)
    return share


# TRL's chunked log-prob kernel (`trl.kernels`, not part of its documented API): arguments are
# passed by the names of its `forward`, checked once, so that a TRL release that reorders or
# renames them fails with this message instead of feeding values into the wrong slots.
_KERNEL_ARGUMENTS = {
    "temperature": 1.0,
    "chunk_size": 32768,
    "final_logit_softcapping": None,
    "logit_scale": 1.0,
    "outputs": (),  # log-probs only: no entropy / top-1 statistics
}


@functools.cache
def _kernel_parameters() -> tuple[tuple[str, Any], ...]:
    from trl.kernels import ChunkedLogProbFunction

    params = list(inspect.signature(ChunkedLogProbFunction.forward).parameters.values())[1:]
    names = {p.name for p in params}
    expected = {"hidden", "weight", "bias", "targets", *_KERNEL_ARGUMENTS}
    if not expected <= names:
        raise RuntimeError(
            "trl.kernels.ChunkedLogProbFunction.forward has no "
            f"{', '.join(sorted(expected - names))} in this TRL version; codetune needs the "
            "trl version pyproject.toml pins (>=1.16,<1.17)"
        )
    return tuple((p.name, p.default) for p in params)


def chunked_logprobs(hidden: torch.Tensor, head, targets: torch.Tensor) -> torch.Tensor:
    """log p(target) of each row of `hidden` under the LM head `head`, in chunks, with TRL's
    kernel (its own backward: no vocabulary-wide logits kept for the gradient)."""
    from trl.kernels import ChunkedLogProbFunction

    values = {
        "hidden": hidden,
        "weight": head.weight,
        "bias": head.bias,
        "targets": targets,
        **_KERNEL_ARGUMENTS,
    }
    args = [values.get(name, default) for name, default in _kernel_parameters()]
    return ChunkedLogProbFunction.apply(*args)[0]


class CodetuneDPOTrainer(trl.DPOTrainer):
    """TRL's DPOTrainer, optionally with the lean LM head (see `lean_fused_lm_head`)."""

    def __init__(self, *args, lean_lm_head: bool = True, share_prefix: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        base = self.model.get_base_model() if hasattr(self.model, "get_base_model") else self.model
        self.lean_lm_head = (
            lean_lm_head
            and not self.use_weighting  # WPO weights need an output the lean head leaves out
            and self.ref_model is None  # the reference must go through the same head
            and lean_lm_head_applies(base)
        )
        self.lower_layers_shared = None
        if self.lean_lm_head:
            adapter = peft_adapter_config(self.model)
            n_layers = base.config.get_text_config().num_hidden_layers
            frozen = unchanged_lower_layers([adapter], n_layers) if adapter else 0
            if self.is_deepspeed_enabled or self.is_fsdp_enabled:
                # Sharded layers gather their weights in their own forward hooks, in an order
                # ZeRO-3 and FSDP record and prefetch by: skipping layers would break it.
                frozen = 0
            self.lower_layers_shared = lean_fused_lm_head(
                base, share_prefix=share_prefix, frozen_lower_layers=frozen
            )
            if self.lower_layers_shared is not None:
                log.info(
                    "%s: the reference pass reuses layers 0-%d of the policy pass",
                    type(self).__name__,
                    frozen - 1,
                )

    def log(self, logs: dict[str, float], start_time: float | None = None) -> None:
        if self.lean_lm_head:
            mode = "train" if self.model.training else "eval"
            for name in EXTRA_METRICS:
                self._metrics[mode].pop(name, None)
        super().log(logs, start_time)


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


def weighted_by_kind(
    pairs: list[dict[str, Any]], weights: dict[str, float], field: str
) -> list[dict[str, Any]]:
    """`pairs` with each pair repeated by its kind's weight (1 when unnamed): int(w) copies,
    plus one more with chance frac(w), decided by a hash of the pair's id so that a rerun
    trains on the same order. A named kind with no pair is a one-line error (a typo would
    otherwise weigh nothing)."""
    present = {pair["kind"] for pair in pairs}
    missing = sorted(set(weights) - present)
    if missing:
        raise UserError(
            f"{field}: no training pair of kind {', '.join(missing)} "
            f"(kinds present: {', '.join(sorted(present))})"
        )
    weighted = []
    for pair in pairs:
        weight = weights.get(pair["kind"], 1.0)
        whole = int(weight)
        digest = hashlib.sha256(str(pair.get("id", pair["chosen"])).encode()).digest()
        extra = int.from_bytes(digest[:8], "big") / 2**64 < weight - whole
        weighted.extend([pair] * (whole + extra))
    if not weighted:
        raise UserError(f"{field}: the weights leave no training pair")
    return weighted


def training_pairs(
    run: Run, tokenizer, section: Any, stage: str
) -> tuple[Dataset, Dataset | None, dict[str, int]]:
    """(train, val or None, counts) of the pairs stage's pairs that fit `section.max_length`,
    as the datasets TRL's preference trainers take; one line naming the folder when no
    training pair fits. Shared by every stage that trains on pairs (dpo, mixed, rm)."""
    train, too_long_train = fit_pairs(
        load_pairs(run.pairs_dir, "train"), tokenizer, section.max_length, section.max_train_samples
    )
    val, too_long_val = fit_pairs(
        load_pairs(run.pairs_dir, "val"), tokenizer, section.max_length, section.max_eval_samples
    )
    if not train:
        raise UserError(
            f"{run.pairs_dir}: no training pair fits {stage}.max_length={section.max_length} tokens"
        )
    fitted = len(train)
    if section.kind_weights:
        train = weighted_by_kind(train, section.kind_weights, f"{stage}.kind_weights")
    train_ds = Dataset.from_list([{k: r[k] for k in PAIR_COLUMNS} for r in train])
    val_ds = Dataset.from_list([{k: r[k] for k in PAIR_COLUMNS} for r in val]) if val else None
    counts = {
        "train_pairs": fitted,
        "train_pairs_weighted": len(train),
        "val_pairs": len(val),
        "pairs_longer_than_max_length": too_long_train + too_long_val,
    }
    return train_ds, val_ds, counts


def on_disk(dataset: Dataset, folder: Path) -> Dataset:
    """`dataset` saved under `folder` by rank 0, then memory-mapped from there on every rank.

    With `precompute_ref_log_probs` TRL caches the reference log-probs beside the dataset's own
    files, at a path each rank derives from a fingerprint broadcast by rank 0. An in-memory
    dataset has no files: each rank then picks a random path in its own temporary folder, and
    the other ranks never find rank 0's cache (FileNotFoundError on rank 1 under torchrun or
    accelerate, ZeRO-3 included). Every rank must call this (barrier). TRL's Arrow cache files
    land in the same folder (`<stage>/datasets/`), from whichever rank computes them.
    """
    if is_main_process():
        shutil.rmtree(folder, ignore_errors=True)
        dataset.save_to_disk(str(folder))
    barrier()
    return load_from_disk(str(folder))


def load_sft_model(cfg: PipelineConfig, run: Run):
    """(merged SFT model, tokenizer, base path): the base with the SFT weights applied."""
    from codetune.lib.chain import load_stage_model

    return load_stage_model(cfg, run, "sft")[:3]


def train_preference_adapter(
    cfg: PipelineConfig,
    run: Run,
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
    torch.manual_seed(cfg.seed)  # the adapter's initialisation, the same on every rank
    model, report = apply_trainable_policy(model, dpo)
    log.info(report.line())

    train_ds, val_ds, pair_counts = training_pairs(run, tokenizer, dpo, stage)

    # Completion-format pairs end like a document, not like a chat turn.
    dpo_tokenizer = copy.deepcopy(tokenizer)
    dpo_tokenizer.eos_token = document_eos(tokenizer)

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
    if dpo.precompute_ref_log_probs:  # after DPOConfig: the process group exists (barrier)
        train_ds = on_disk(train_ds, out_dir / "datasets" / "train")
        if val_ds is not None:
            val_ds = on_disk(val_ds, out_dir / "datasets" / "val")
    watch = ChosenLogpsWatch(stage)
    callbacks: list[Any] = [*stage_callbacks(out_dir, stage), watch]
    if args.load_best_model_at_end:
        callbacks.append(EarlyStoppingCallback(dpo.early_stopping_patience))
    trainer = CodetuneDPOTrainer(
        model=model,
        ref_model=None,
        args=args,
        train_dataset=train_ds,
        eval_dataset=val_ds,
        processing_class=dpo_tokenizer,
        callbacks=callbacks,
        lean_lm_head=not dpo.log_token_metrics,
        share_prefix=dpo.share_prefix,
    )
    checkpoint = last_checkpoint(out_dir, trainer.args.max_steps) if resume else None
    result = trainer.train(resume_from_checkpoint=checkpoint)
    final_eval = final_eval_metrics(trainer) if val_ds is not None else {}

    return finish_training(
        trainer,
        tokenizer,
        run.adapter_dir(stage),
        out_dir,
        result=result,
        trainable=report.trainable,
        total=report.total,
        policy=report.policy,
        base_path=base_path,
        checkpoint=checkpoint,
        reference=reference,
        **pair_counts,
        chosen_logps_falling=watch.report is not None,
        chosen_logps_falling_detail=watch.report,
        **{k.replace("eval_", "val/"): v for k, v in final_eval.items() if "/" in k},
    )


# The preference stages' headline figures in summary.json (the validation split's).
PREFERENCE_SUMMARY_KEYS = (
    "optimizer_steps",
    "reference",
    "val/rewards/accuracies",
    "val/rewards/margins",
    "val/logps/chosen",
    "val/logps/rejected",
)


def preference_summary(metrics: dict[str, Any]) -> dict[str, Any]:
    return {k: metrics.get(k) for k in PREFERENCE_SUMMARY_KEYS}
