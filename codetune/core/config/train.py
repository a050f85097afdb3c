"""Configs of the training stages: `sft`, `dpo` (and later `mixed`).

Defaults follow the reference recipe (lr 3e-5, batch 4 x accumulation 4, 8 epochs, max length
512, 200 warmup steps, early stopping after 3 evaluations without improvement, weight decay
0.01, LoRA dropout 0.1 on all linear layers plus the last 3 decoder layers fully trainable).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from codetune.core.schema import Section

Precision = Literal["auto", "bf16", "fp16", "fp32"]


class AdapterConfig(Section):
    """Which parameters train. Vocabulary follows LLaMA-Factory where it exists."""

    finetuning_type: Literal["lora", "freeze", "full"] = Field(
        "lora",
        description="lora: LoRA adapters (plus the last `trainable_layers` decoder layers fully "
        "trainable); freeze: only the last `trainable_layers` layers train, no LoRA; full: "
        "every parameter trains.",
    )
    trainable_layers: int = Field(
        3,
        ge=0,
        description="Number of last decoder layers whose own weights are fully trainable "
        "(LLaMA-Factory's freeze_trainable_layers). 0 with finetuning_type=lora is plain LoRA.",
    )
    lora_layers: int | None = Field(
        None,
        ge=1,
        description="LoRA on only the top N of the frozen decoder layers (PEFT's "
        "layers_to_transform); None: on every frozen layer. Backpropagation stops below the "
        "lowest layer that trains, so a step costs less the fewer layers adapt.",
    )
    lora_r: int = Field(16, ge=1, description="LoRA rank.")
    lora_alpha: int = Field(32, ge=1, description="LoRA alpha (2 x rank is the usual choice).")
    lora_dropout: float = Field(0.1, ge=0.0, lt=1.0, description="Dropout on the LoRA path.")
    lora_target_modules: list[str] | Literal["all-linear"] = Field(
        "all-linear",
        description="Modules that get LoRA adapters: 'all-linear' (every linear layer but the "
        "LM head) or a list of module names such as ['q_proj', 'v_proj'].",
    )
    lora_target_experts: bool = Field(
        True,
        description="MoE models (Qwen3-MoE): put LoRA on the fused 3-D expert weights of the "
        "frozen layers too (PEFT target_parameters); they are not Linear modules, so "
        "lora_target_modules never reaches them.",
    )
    train_router: bool = Field(
        True,
        description="MoE models: the router (gate) of every frozen layer trains in full (it is "
        "experts x hidden, small), so the router aux loss can balance the load; false freezes "
        "them. The last `trainable_layers` layers' routers always train with their layer.",
    )


class TrainLoopConfig(Section):
    """Options every training stage shares (they map onto transformers' TrainingArguments)."""

    learning_rate: float = Field(3e-5, gt=0, description="Peak learning rate.")
    per_device_train_batch_size: int = Field(4, ge=1, description="Micro-batch size per device.")
    per_device_eval_batch_size: int = Field(4, ge=1, description="Evaluation batch per device.")
    gradient_accumulation_steps: int = Field(
        4, ge=1, description="Micro-batches per optimizer step (effective batch = batch x this)."
    )
    num_train_epochs: float = Field(8, gt=0, description="Epochs over the training set.")
    max_steps: int = Field(-1, description="Stop after this many optimizer steps (-1: epochs).")
    max_length: int = Field(512, ge=16, description="Longest tokenised sample; longer truncated.")
    warmup_steps: int = Field(200, ge=0, description="Linear warm-up steps.")
    lr_scheduler_type: Literal["cosine", "linear", "constant_with_warmup"] = Field(
        "cosine", description="Learning-rate schedule after warm-up."
    )
    weight_decay: float = Field(0.01, ge=0, description="AdamW weight decay.")
    max_grad_norm: float = Field(1.0, gt=0, description="Gradient clipping norm.")
    precision: Precision = Field(
        "auto",
        description="auto: bf16 where the hardware has it (CUDA bf16, or a CPU with AVX512-BF16/"
        "AMX), fp16 with loss scaling on CUDA without bf16, fp32 otherwise.",
    )
    gradient_checkpointing: bool = Field(False, description="Trade compute for activation memory.")
    eval_steps: int = Field(50, ge=1, description="Evaluate on the validation set every N steps.")
    logging_steps: int = Field(10, ge=1, description="Log train metrics every N steps.")
    save_steps: int = Field(50, ge=1, description="Checkpoint every N optimizer steps.")
    save_total_limit: int = Field(2, ge=1, description="Keep at most this many checkpoints.")
    early_stopping_patience: int | None = Field(
        3,
        ge=1,
        description="Stop after this many evaluations without val-loss improvement and restore "
        "the best checkpoint (None: off).",
    )
    max_train_samples: int | None = Field(None, ge=1, description="Cap on training samples.")
    max_eval_samples: int | None = Field(None, ge=1, description="Cap on validation samples.")
    dataloader_num_workers: int = Field(0, ge=0, description="Data-loader worker processes.")


class SFTConfig(TrainLoopConfig, AdapterConfig):
    """Supervised fine-tuning on the data stage's samples (`codetune sft`)."""

    train_format: Literal["completion", "chat", "fim", "tests", "migrate", "translate"] = Field(
        "completion",
        description="Which of the data stage's sample formats to train on. Loss is on the "
        "completion / assistant turn / FIM middle only.",
    )
    extra_formats: list[Literal["completion", "chat", "fim", "tests", "migrate", "translate"]] = (
        Field(
            default_factory=list,
            description="More sample formats mixed into training and validation, each tokenised as "
            "its own format (e.g. migrate beside completion); max_train_samples and "
            "max_eval_samples cap each format. The eval's held-out loss stays on train_format.",
        )
    )
    packing: bool = Field(
        False,
        description="Pack samples into full-length rows without cross-sample attention "
        "(padding-free, position ids restart per sample).",
    )
    padding_free: bool = Field(
        True,
        description="Concatenate each micro-batch's samples into one row whose position ids "
        "restart per sample, instead of padding them to the longest: no compute on pad tokens "
        "and no cross-sample attention. Same samples per step as padding (unlike packing).",
    )
    pad_to_multiple_of: int | None = Field(
        64,
        ge=1,
        description="Pad each micro-batch's length up to a multiple of this (padding-free rows "
        "too; pad tokens are untrained and attend only to themselves). Bounds the number of "
        "distinct shapes: on CPU, oneDNN keeps kernels and packed weights per shape, which "
        "otherwise grows peak memory with every new length. None: no padding.",
    )


class PairLoopConfig(TrainLoopConfig):
    """The training loop of the stages that learn from preference pairs (DPO, RM, mixed)."""

    num_train_epochs: float = Field(1, gt=0, description="Epochs over the preference pairs.")
    per_device_train_batch_size: int = Field(2, ge=1, description="Pairs per micro-batch.")
    per_device_eval_batch_size: int = Field(2, ge=1, description="Pairs per evaluation batch.")
    gradient_accumulation_steps: int = Field(2, ge=1, description="Micro-batches per step.")
    warmup_steps: int = Field(10, ge=0, description="Linear warm-up steps.")
    kind_weights: dict[str, float] = Field(
        default_factory=dict,
        description="Sampling weight per pair kind (e.g. {swallowed_exception: 3}): each "
        "training pair of that kind appears that many times in the training order (a fraction "
        "as a deterministic chance of one more copy; 0 leaves the kind out), like "
        "LLaMA-Factory's interleave_probs per dataset. Kinds not named weigh 1.",
    )

    @field_validator("kind_weights")
    @classmethod
    def _non_negative_weights(cls, weights: dict[str, float]) -> dict[str, float]:
        negative = [kind for kind, weight in weights.items() if weight < 0]
        if negative:
            raise ValueError(f"weights must be >= 0 (negative: {', '.join(negative)})")
        return weights


class DPOConfig(PairLoopConfig, AdapterConfig):
    """Direct preference optimisation on top of the SFT model (`codetune dpo`).

    The SFT adapter is merged into the base, a fresh adapter trains on top of it, and the
    reference model is that merged model with the adapter disabled.
    """

    learning_rate: float = Field(5e-6, gt=0, description="Peak learning rate.")
    trainable_layers: int = Field(
        0, ge=0, description="Last decoder layers fully trainable (0: the DPO adapter only)."
    )
    beta: float = Field(0.1, gt=0, description="DPO temperature beta (Bradley-Terry).")
    loss_type: Literal["sigmoid", "ipo", "hinge", "robust", "apo_zero", "sigmoid_norm"] = Field(
        "sigmoid", description="Preference loss; sigmoid is DPO's Bradley-Terry loss."
    )
    rpo_alpha: float | None = Field(
        None,
        ge=0,
        description="Weight of an NLL term on the chosen completion (RPO), against likelihood "
        "displacement; None: off. 1.0 in the RPO paper, 0.2 in Llama 3's recipe.",
    )
    label_smoothing: float = Field(0.0, ge=0, lt=0.5, description="Robust-DPO label smoothing.")
    precompute_ref_log_probs: bool = Field(
        False, description="Compute reference log-probs once before training."
    )
    log_token_metrics: bool = Field(
        False,
        description="Also log TRL's per-token metrics (entropy, logits/chosen, logits/rejected, "
        "mean_token_accuracy). They need TRL's LM head, which scores every position (prompt "
        "and padding included) off CUDA; off, only completion tokens go through the LM head "
        "(same loss and rewards/logps metrics, markedly faster on CPU: "
        "benchmarks/dpo_throughput.py).",
    )
    share_prefix: bool = Field(
        True,
        description="With the lean LM head: run each pair's common prefix (prompt and the "
        "completion tokens before chosen and rejected differ) through the model once, in one "
        "padding-free row per micro-batch (same log-probs and gradients; needs sdpa or eager "
        "attention, else ignored).",
    )


class RMConfig(PairLoopConfig, AdapterConfig):
    """Bradley-Terry reward model on the preference pairs, starting from the SFT model."""

    learning_rate: float = Field(
        5e-5, gt=0, description="Peak learning rate (the score head starts random)."
    )
    trainable_layers: int = Field(
        0, ge=0, description="Last decoder layers fully trainable (0: the adapter and head only)."
    )
    center_rewards_coefficient: float | None = Field(
        None,
        ge=0,
        description="Weight of a penalty on (r(chosen) + r(rejected))^2 that keeps rewards "
        "centred on zero (0.01 in the paper that proposed it); None: off.",
    )


class MixedConfig(DPOConfig):
    """Preference loss plus an SFT (NLL on chosen) term, on top of the DPO model."""

    sft_ratio: float = Field(
        1.0,
        gt=0,
        description="Weight of the SFT term (NLL of the chosen completion) relative to the "
        "preference term: 1.0 trains on SFT and preference signal 1:1, 0.5 is 1:2.",
    )
    rpo_alpha: float | None = Field(
        None, description="Unused by the mixed stage: its SFT weight is `sft_ratio`."
    )
