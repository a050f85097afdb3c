"""Per-GPU memory of a training stage under each distributed strategy, from the model config.

(Reason: about 620 lines, one planner read top to bottom in the order of its steps below; the
per-strategy formulas share every intermediate figure.)

Reads top to bottom:

1. the model's config (the embedded spec, a local folder's config.json or the Hub's - never
   the weights) is instantiated on the *meta* device, so every parameter count is exact and
   costs no memory; codetune's own trainable-parameter policy (`apply_trainable_policy`: LoRA +
   the last N decoder layers) is applied to that meta model, so LoRA and unfrozen-layer counts
   are what training will really have;
2. activations are measured, not guessed: one decoder layer of the real architecture (full
   width; an MoE layer with only `num_experts_per_tok` experts, which every token then visits,
   so the per-token work equals the real model's) runs a forward pass on the CPU at two short
   lengths under the configured precision, and the tensors autograd saves for backward are
   summed. Two lengths separate what grows with tokens from what does not (the bf16 copies of
   weights that autocast saves). The LM head and loss are counted analytically: they dominate
   small models, since Qwen3's vocabulary is 151,936 tokens;
3. per GPU under single-GPU / DDP, ZeRO-2, ZeRO-3, ZeRO-3 with CPU offload, FSDP2 and a
   device_map layer split, with and without gradient checkpointing; the cheapest strategy that
   fits is recommended.

What the numbers assume (state it when quoting them): weights in the dtype codetune loads
(fp32, see `codetune.lib.models.load_base`) unless `weights_dtype` says otherwise; AdamW with two
states per trainable parameter in the parameter's dtype (fp32), plus an fp32 master copy under
DeepSpeed when parameters are 16-bit; every one of batch x max_length positions trained (the
worst case: SFT computes logits only where a label is trained); a CUDA context of 1 GiB per
GPU and 10% headroom for allocator fragmentation when judging "fits".
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

import torch

from codetune.core.errors import UserError

GiB = 2**30
DTYPE_BYTES = {"fp32": 4, "bf16": 2, "fp16": 2}
TORCH_DTYPES = {"fp32": torch.float32, "bf16": torch.bfloat16, "fp16": torch.float16}
# Driver context, cuBLAS/NCCL workspaces: measured on H100s it is 0.5-1 GiB; 1 GiB is charged.
CUDA_CONTEXT_BYTES = 1 * GiB
# A plan "fits" when it leaves this share of the card free for allocator fragmentation.
HEADROOM = 0.10
# Relative cost of a strategy (communication, lost parallelism); gradient checkpointing adds
# about a third of a step (one more forward). The cheapest fitting one is recommended; ties go
# to the earlier in STRATEGY_ORDER.
STRATEGY_ORDER = ("ddp", "zero2", "zero3", "fsdp2", "zero3_offload", "device_map")
STRATEGY_COST = {
    "ddp": 0.0,
    "zero2": 1.0,
    "zero3": 2.0,
    "fsdp2": 2.0,
    "zero3_offload": 5.0,
    "device_map": 6.0,
}
CHECKPOINTING_COST = 1.5
STRATEGY_LAUNCH = {
    "ddp": "configs/accelerate/ddp.yaml",
    "zero2": "configs/accelerate/zero2.yaml",
    "fsdp2": "configs/accelerate/fsdp2.yaml",
    "zero3": "configs/accelerate/zero3.yaml",
    "zero3_offload": "configs/accelerate/zero3_offload.yaml",
    "device_map": None,
}


def parse_memory(text: str) -> int:
    """'80GB', '80GiB', '79.6 G', '81920MiB' -> bytes (GB and G are read as GiB: cards are sold
    in binary gigabytes, an "80GB" H100 has 79.6 GiB usable)."""
    m = re.fullmatch(r"\s*([0-9]*\.?[0-9]+)\s*([KMGT]?)(i?B?)\s*", text, flags=re.IGNORECASE)
    if not m:
        raise UserError(f"--gpu-memory {text!r}: expected a size such as 80GB or 24GiB")
    value, unit = float(m.group(1)), m.group(2).upper()
    scale = {"": 1, "K": 2**10, "M": 2**20, "G": 2**30, "T": 2**40}[unit]
    if unit == "" and value < 4096:
        scale = GiB  # a bare '80' means 80 GiB
    return int(value * scale)


# --------------------------------------------------------------------------- model facts


@dataclass
class ParamFacts:
    """Exact parameter counts of the model as training will hold it."""

    architecture: str
    layer_class: str
    num_layers: int
    hidden_size: int
    vocab_size: int
    total: int  # base model parameters (tied weights once)
    experts: int  # of which MoE expert weights
    active_per_token: int  # parameters one token passes through (experts: top-k only)
    lora: int  # LoRA A/B parameters added by the policy
    unfrozen_layers: int  # trainable copies of the last N layers (+ final norm)
    trainable: int  # lora + unfrozen_layers (or everything under full fine-tuning)
    frozen: int  # parameters held without gradients (includes the originals of copied layers)
    trainable_bytes_per_param: int
    largest_layer: int  # parameters of the biggest decoder layer (ZeRO-3/FSDP gather unit)
    policy: str


def load_model_config(model_cfg: Any):
    """The transformers config of `model.name_or_path` without touching any weights."""
    from transformers import AutoConfig

    from codetune.lib.models import (
        EMBEDDED_PREFIX,
        EMBEDDED_SPECS,
        _embedded_config,
        resolve_model_path,
    )

    name = model_cfg.name_or_path
    if name.startswith(EMBEDDED_PREFIX):
        key = name[len(EMBEDDED_PREFIX) :]
        if key not in EMBEDDED_SPECS:
            raise UserError(f"model.name_or_path: unknown embedded model '{key}'")
        return _embedded_config(key)
    try:
        return AutoConfig.from_pretrained(
            resolve_model_path(name, revision=model_cfg.revision),
            revision=model_cfg.revision,
            trust_remote_code=model_cfg.trust_remote_code,
        )
    except (OSError, ValueError) as exc:
        raise UserError(f"model.name_or_path: cannot read the config of '{name}' ({exc})") from None


def meta_model(config: Any, dtype: torch.dtype):
    """The model on the meta device: real module tree and shapes, no storage."""
    from transformers import AutoModelForCausalLM

    with torch.device("meta"):
        return AutoModelForCausalLM.from_config(config, dtype=dtype)


def _is_expert_param(name: str) -> bool:
    return ".experts." in name or name.endswith((".experts.gate_up_proj", ".experts.down_proj"))


def parameter_facts(config: Any, adapter_cfg: Any, weights_dtype: str) -> ParamFacts:
    from codetune.lib.models import apply_trainable_policy, decoder_layer_prefixes

    model = meta_model(config, TORCH_DTYPES[weights_dtype])
    layers = decoder_layer_prefixes(model)
    layer_sizes = [
        sum(p.numel() for p in model.get_submodule(prefix).parameters()) for prefix in layers
    ]
    seen: set[int] = set()
    total = experts = 0
    for name, p in model.named_parameters(remove_duplicate=True):
        if id(p) in seen:
            continue
        seen.add(id(p))
        total += p.numel()
        if _is_expert_param(name):
            experts += p.numel()
    top_k = getattr(config, "num_experts_per_tok", 0) or 0
    n_exp = getattr(config, "num_experts", 0) or 0
    active = total - experts + (experts * top_k // n_exp if n_exp else 0)
    layer_class = type(model.get_submodule(layers[0])).__name__

    model, report = apply_trainable_policy(model, adapter_cfg)
    lora = unfrozen = frozen = 0
    trainable_bytes = 4
    seen.clear()
    for name, p in model.named_parameters():
        if id(p) in seen:
            continue
        seen.add(id(p))
        if not p.requires_grad:
            frozen += p.numel()
        elif "lora_" in name:
            lora += p.numel()
        else:
            unfrozen += p.numel()
        if p.requires_grad:
            trainable_bytes = p.element_size()
    return ParamFacts(
        architecture=type(
            model.get_base_model() if hasattr(model, "get_base_model") else model
        ).__name__,
        layer_class=layer_class,
        num_layers=len(layers),
        hidden_size=config.hidden_size,
        vocab_size=config.vocab_size,
        total=total,
        experts=experts,
        active_per_token=active,
        lora=lora,
        unfrozen_layers=unfrozen,
        trainable=lora + unfrozen,
        frozen=frozen,
        trainable_bytes_per_param=trainable_bytes,
        largest_layer=max(layer_sizes),
        policy=report.policy,
    )


# --------------------------------------------------------------------------- activations


@dataclass
class LayerActivation:
    """Bytes autograd saves in one decoder layer: fixed + per_token x tokens."""

    fixed: float
    per_token: float

    def at(self, tokens: int) -> float:
        return self.fixed + self.per_token * tokens


def _probe_config(config: Any, experts: int | None = None) -> Any:
    """A one-layer model of the same width and a tiny vocabulary (the layer does not see it);
    an MoE gets `experts` experts (default top-k). With constant weights the router sends
    every token to the same top-k experts, so per-token expert work equals the real model's
    whatever the number of experts."""
    cfg = copy.deepcopy(config)
    cfg.num_hidden_layers = 1
    cfg.vocab_size = 512
    for key in ("bos_token_id", "eos_token_id", "pad_token_id"):
        if hasattr(cfg, key):
            setattr(cfg, key, 0)
    if getattr(cfg, "num_experts", 0):
        cfg.num_experts = experts or cfg.num_experts_per_tok
    if hasattr(cfg, "mlp_only_layers"):
        cfg.mlp_only_layers = []
    cfg._attn_implementation = "sdpa"
    cfg.use_cache = False
    return cfg


def _saved_bytes(model, layer, tokens: int, act_dtype: str) -> int:
    """Bytes of the tensors autograd saves for backward inside `layer` in one forward pass."""
    params = {p.untyped_storage().data_ptr() for p in model.parameters()}
    seen: set[int] = set()
    total = 0
    inside = False

    def pack(t: torch.Tensor) -> torch.Tensor:
        nonlocal total
        ptr = t.untyped_storage().data_ptr()
        if not inside or ptr in params or ptr in seen:  # parameters are not activations
            return t
        seen.add(ptr)
        total += t.untyped_storage().nbytes()
        return t

    def enter(*_: Any) -> None:
        nonlocal inside
        inside = True

    def leave(*_: Any) -> None:
        nonlocal inside
        inside = False

    hooks = [layer.register_forward_pre_hook(enter), layer.register_forward_hook(leave)]
    ids = torch.zeros(1, tokens, dtype=torch.long)
    autocast = torch.autocast("cpu", dtype=TORCH_DTYPES[act_dtype], enabled=act_dtype != "fp32")
    try:
        with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t), autocast:
            model(input_ids=ids, use_cache=False, logits_to_keep=1)
    finally:
        for h in hooks:
            h.remove()
    return total


def probe_layer_activations(
    config: Any, adapter_cfg: Any, kind: str, act_dtype: str, weights_dtype: str
) -> LayerActivation:
    """Measure one decoder layer's saved activations under codetune's own trainable policy:
    `kind` 'lora' (a lower layer: frozen weights + LoRA) or 'full' (a trainable layer).

    An MoE layer is probed with top-k and with 2 x top-k experts: what grows with the number of
    experts (LoRA on fused expert tensors materialises W + BA for every expert, whether tokens
    visit it or not) is extrapolated linearly to the real count.
    """
    top_k = getattr(config, "num_experts_per_tok", 0) or 0
    n_experts = getattr(config, "num_experts", 0) or 0
    one = _probe_layer(config, adapter_cfg, kind, act_dtype, weights_dtype, top_k or None)
    if not (top_k and n_experts > top_k):
        return one
    two = _probe_layer(config, adapter_cfg, kind, act_dtype, weights_dtype, 2 * top_k)
    per_expert = max(two.fixed - one.fixed, 0.0) / top_k
    return LayerActivation(
        fixed=one.fixed + per_expert * (n_experts - top_k), per_token=one.per_token
    )


def _probe_layer(
    config: Any, adapter_cfg: Any, kind: str, act_dtype: str, weights_dtype: str, experts
) -> LayerActivation:
    from codetune.lib.models import apply_trainable_policy, decoder_layer_prefixes

    cfg = _probe_config(config, experts)
    with torch.device("meta"):
        from transformers import AutoModelForCausalLM

        model = AutoModelForCausalLM.from_config(cfg, dtype=TORCH_DTYPES[weights_dtype])
    if kind == "full":
        policy = adapter_cfg.model_copy(update={"finetuning_type": "full"})
    else:
        policy = adapter_cfg.model_copy(update={"trainable_layers": 0})
    model, _ = apply_trainable_policy(model, policy)
    # Real storage filled with a constant: saved-tensor sizes do not depend on values, and no
    # random initialisation is paid for (a 480B model's layer is still ~2 GB).
    model = model.to_empty(device="cpu")
    with torch.no_grad():
        for p in model.parameters():
            p.fill_(0.02)
        for buf in model.buffers():  # rotary frequencies: values do not matter for sizes
            buf.zero_()
    base = model.get_base_model() if hasattr(model, "get_base_model") else model
    # Layers above the first trainable one receive inputs that require grad.
    base.enable_input_require_grads()
    layer = base.get_submodule(decoder_layer_prefixes(base)[0])
    model.train()
    short, long = 16, 48
    a = _saved_bytes(model, layer, short, act_dtype)
    b = _saved_bytes(model, layer, long, act_dtype)
    per_token = (b - a) / (long - short)
    return LayerActivation(fixed=max(a - per_token * short, 0.0), per_token=per_token)


def head_bytes(vocab: int, hidden: int, tokens: int, act_dtype: str) -> float:
    """LM head + cross-entropy at their peak (start of backward) for `tokens` trained positions.

    Forward keeps the fp32 log-softmax (4 V bytes per position); at the start of backward the
    loss gradient and the logits gradient (fp32, 4 V each) exist beside it: 12 V. Under
    autocast the fp32 gradient is cast to the 16-bit logits' dtype (+2 V), and the 16-bit copy
    of the LM-head weight that autocast made is saved for backward (V x hidden x 2, once).
    Checked against peak RSS on the embedded models (tests/scale/test_plan.py).
    """
    if act_dtype == "fp32":
        return 12.0 * vocab * tokens
    return 14.0 * vocab * tokens + 2.0 * vocab * hidden


# --------------------------------------------------------------------------- strategies


@dataclass
class StrategyEstimate:
    strategy: str
    gradient_checkpointing: bool
    weights: float
    gradients: float
    optimizer: float
    activations: float
    other: float  # gathered layers, DDP buckets, CUDA context
    host: float = 0.0  # CPU RAM per node (offload)
    fits: bool = False
    note: str = ""

    @property
    def total(self) -> float:
        return self.weights + self.gradients + self.optimizer + self.activations + self.other


@dataclass
class MemoryPlan:
    model: str
    stage: str
    gpus: int
    gpu_memory: int
    precision: str
    weights_dtype: str
    micro_batch: int
    max_length: int
    tokens_per_micro_batch: int
    gradient_accumulation: int
    global_batch: int
    params: ParamFacts
    activations_no_ckpt: float
    activations_ckpt: float
    single_process: float  # one process, no sharding, config's checkpointing, no CUDA context
    strategies: list[StrategyEstimate] = field(default_factory=list)
    recommendation: str | None = None
    recommendation_reason: str = ""

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for row, est in zip(out["strategies"], self.strategies, strict=True):
            row["total"] = est.total
        return out


def _activations(
    facts: ParamFacts,
    probes: dict[str, LayerActivation],
    adapter_cfg: Any,
    tokens: int,
    vocab: int,
    act_dtype: str,
    weights_bytes: int,
    checkpointing: bool,
) -> float:
    """Peak activation bytes of one micro-batch (per process)."""
    n_layers = facts.num_layers
    n_last = min(adapter_cfg.trainable_layers, n_layers)
    kinds: list[str]
    if adapter_cfg.finetuning_type == "full":
        kinds = ["full"] * n_layers
    elif adapter_cfg.finetuning_type == "freeze":
        # Below the first trainable layer nothing requires grad: nothing is saved.
        kinds = ["none"] * (n_layers - n_last) + ["full"] * n_last
    else:
        kinds = ["lora"] * (n_layers - n_last) + ["full"] * n_last
    per_layer = [0.0 if k == "none" else probes[k].at(tokens) for k in kinds]
    head = head_bytes(vocab, facts.hidden_size, tokens, act_dtype)
    if not checkpointing:
        return sum(per_layer) + head
    # Checkpointing keeps each layer's input (residual stream, weights' dtype) and recomputes
    # one layer at a time in backward; the head is not checkpointed.
    inputs = sum(tokens * facts.hidden_size * weights_bytes for k in kinds if k != "none")
    return inputs + max(per_layer, default=0.0) + head


def _estimates(
    facts: ParamFacts,
    gpus: int,
    weights_bytes: int,
    act: dict[bool, float],
    precision: str,
) -> list[StrategyEstimate]:
    n = max(gpus, 1)
    tb = facts.trainable_bytes_per_param
    w = facts.frozen * weights_bytes + facts.trainable * tb
    g = facts.trainable * tb
    opt_torch = facts.trainable * 2 * tb
    # DeepSpeed keeps an fp32 master copy of 16-bit trainable parameters beside the states.
    opt_ds = facts.trainable * (8 + (4 if tb < 4 else 0))
    layer = facts.largest_layer * weights_bytes
    out: list[StrategyEstimate] = []
    for ckpt in (False, True):
        a = act[ckpt]
        ddp_note = "one process per GPU, full replica" if n > 1 else "single GPU"
        out.append(
            StrategyEstimate(
                "ddp",
                ckpt,
                w,
                g,
                opt_torch,
                a,
                (g if n > 1 else 0) + CUDA_CONTEXT_BYTES,
                note=ddp_note
                + ("; DDP gradient buckets = one more copy of the grads" if n > 1 else ""),
            )
        )
        out.append(
            StrategyEstimate(
                "zero2",
                ckpt,
                w,
                g / n,
                opt_ds / n,
                a,
                CUDA_CONTEXT_BYTES,
                note="optimizer states and gradients sharded",
            )
        )
        if ckpt:  # configs/accelerate/fsdp2.yaml expects the stage's gradient_checkpointing on
            out.append(
                StrategyEstimate(
                    "fsdp2",
                    True,
                    w / n,
                    g / n,
                    opt_torch / n,
                    a,
                    2 * layer + CUDA_CONTEXT_BYTES,
                    note="everything sharded; two layers unsharded at a time (prefetch)",
                )
            )
        out.append(
            StrategyEstimate(
                "zero3",
                ckpt,
                w / n,
                g / n,
                opt_ds / n,
                a,
                2 * layer + CUDA_CONTEXT_BYTES,
                note="everything sharded; current + prefetched layer gathered",
            )
        )
        out.append(
            StrategyEstimate(
                "zero3_offload",
                ckpt,
                0.0,
                0.0,
                0.0,
                a,
                2 * layer + CUDA_CONTEXT_BYTES,
                host=w + g + opt_ds,
                note="weights, grads, optimizer in CPU RAM (host column, per node)",
            )
        )
        # Layer-wise split (device_map): one process, layers spread over the GPUs; the busiest
        # GPU holds ceil(L/n) layers, and the last one also the trainable top layers' states.
        share = math.ceil(facts.num_layers / n) / facts.num_layers
        out.append(
            StrategyEstimate(
                "device_map",
                ckpt,
                w * share if n > 1 else w,
                g,
                opt_torch,
                a * share if n > 1 else a,
                CUDA_CONTEXT_BYTES,
                note="one process; GPUs run one after another (no data parallelism); the "
                "trainable top layers sit on the last GPU",
            )
        )
    return out


def plan_memory(
    cfg: Any,
    *,
    gpus: int,
    gpu_memory: int,
    stage: str = "sft",
    precision: str | None = None,
    weights_dtype: str = "fp32",
) -> MemoryPlan:
    """Plan the per-GPU memory of `stage` of a PipelineConfig on `gpus` cards of `gpu_memory`."""
    if stage not in ("sft", "dpo"):
        raise UserError(f"--stage {stage!r}: plan covers the training stages sft and dpo")
    if gpus < 1:
        raise UserError("--gpus: at least 1")
    loop = getattr(cfg, stage)
    # 'auto' on the GPUs being planned for means bf16 (every card codetune targets has it).
    prec = precision or (loop.precision if loop.precision != "auto" else "bf16")
    if prec not in DTYPE_BYTES:
        raise UserError(f"--precision {prec!r}: one of fp32, bf16, fp16")
    if weights_dtype not in DTYPE_BYTES:
        raise UserError(f"--weights-dtype {weights_dtype!r}: one of fp32, bf16, fp16")
    config = load_model_config(cfg.model)
    facts = parameter_facts(config, loop, weights_dtype)
    wbytes = DTYPE_BYTES[weights_dtype]

    needed = {"full"}
    if loop.finetuning_type == "lora" and loop.trainable_layers < facts.num_layers:
        needed.add("lora")
    probes = {k: probe_layer_activations(config, loop, k, prec, weights_dtype) for k in needed}
    # DPO runs chosen and rejected through the model in one batch: twice the rows.
    rows = loop.per_device_train_batch_size * (2 if stage == "dpo" else 1)
    tokens = rows * loop.max_length
    act = {
        ckpt: _activations(
            facts, probes, loop, tokens, facts.vocab_size, prec, wbytes, checkpointing=ckpt
        )
        for ckpt in (False, True)
    }
    strategies = _estimates(facts, gpus, wbytes, act, prec)
    usable = gpu_memory * (1 - HEADROOM)
    for est in strategies:
        est.fits = est.total <= usable
        if est.strategy == "device_map" and gpus == 1:
            est.note = "same as a single GPU with one card"
    world = gpus
    single = (
        facts.frozen * wbytes
        + facts.trainable * facts.trainable_bytes_per_param * 4  # weight, grad, 2 AdamW states
        + act[loop.gradient_checkpointing]
    )
    plan = MemoryPlan(
        model=cfg.model.name_or_path,
        stage=stage,
        gpus=gpus,
        gpu_memory=gpu_memory,
        precision=prec,
        weights_dtype=weights_dtype,
        micro_batch=loop.per_device_train_batch_size,
        max_length=loop.max_length,
        tokens_per_micro_batch=tokens,
        gradient_accumulation=loop.gradient_accumulation_steps,
        global_batch=loop.per_device_train_batch_size * loop.gradient_accumulation_steps * world,
        params=facts,
        activations_no_ckpt=act[False],
        activations_ckpt=act[True],
        single_process=single,
        strategies=strategies,
    )
    recommend(plan, loop.gradient_checkpointing)
    return plan


def recommend(plan: MemoryPlan, config_ckpt: bool) -> None:
    """The cheapest fitting strategy by STRATEGY_COST (+ CHECKPOINTING_COST when needed)."""
    ranked = sorted(
        plan.strategies,
        key=lambda e: (
            STRATEGY_COST[e.strategy] + (CHECKPOINTING_COST if e.gradient_checkpointing else 0),
            STRATEGY_ORDER.index(e.strategy),
        ),
    )
    if plan.gpus == 1:
        # One card: sharding has nothing to shard over; offload and checkpointing still help.
        ranked = [e for e in ranked if e.strategy in ("ddp", "zero3_offload")]
    for est in ranked:
        if est.fits:
            plan.recommendation = est.strategy
            ckpt = " with gradient checkpointing" if est.gradient_checkpointing else ""
            extra = ""
            if est.gradient_checkpointing and not config_ckpt:
                extra = f" (set {plan.stage}.gradient_checkpointing: true)"
            elif not est.gradient_checkpointing and config_ckpt:
                extra = f" (fits without checkpointing: {plan.stage}.gradient_checkpointing: false is faster)"
            plan.recommendation_reason = (
                f"{est.strategy}{ckpt}: {est.total / GiB:.1f} GiB of "
                f"{plan.gpu_memory / GiB:.1f} GiB per GPU{extra}"
            )
            if est.strategy == "ddp" and plan.gpus == 1:
                plan.recommendation = "single"
            return
    plan.recommendation = None
    plan.recommendation_reason = (
        "nothing fits: add GPUs, lower per_device_train_batch_size or max_length, or load the "
        "weights in bf16 (--weights-dtype bf16 shows the effect)"
    )
