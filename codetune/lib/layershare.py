"""Lower decoder layers computed once for a chain of models that share them.

The eval scores the same held-out rows and preference pairs with the base model and every
model of its chain (base -> +sft -> +dpo). With `adapter.lora_layers` and the last layers
trained in full, the lower layers of those models are the base's own weights: on the same
input their hidden states are identical, so the first model's are kept and the later models
run only the layers above them (the quickstart: layers 0-14 of 30, half of each later model's
decoder).

Exactness does not rest on reading adapter configs: `bind` hashes the weights of the shared
layers of every model and replays only into a model whose hashes match the recorded ones, and
a replay is keyed by a hash of the batch's own tensors, so a batch that differs in any way is
computed in full. Replaying feeds the recorded hidden state as `inputs_embeds` and swaps the
lower layers for pass-throughs, so per-layer logic indexed by position in the loop (Qwen3's
`layer_types`) still sees every layer at its own index; `bind` also checks on a short probe
that this gives the full forward's output on the model at hand, and stays off where it does not
(a model that scales its input embeddings, say).
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import torch
from torch import nn

from codetune.core.io import read_json

log = logging.getLogger("codetune")

# Recorded hidden states are kept on the CPU up to this many bytes; later batches run in full.
DEFAULT_BUDGET_BYTES = 2 * 1024**3

_LAYER_INDEX = re.compile(r"(?:^|\.)layers\.(\d+)(?:\.|$)")


def unchanged_lower_layers(adapter_configs: Sequence[dict[str, Any]], n_layers: int) -> int:
    """How many lower decoder layers none of these PEFT adapters touches (0 when unsure).

    LoRA targets count from `layers_to_transform` (every layer when absent), `modules_to_save`
    and `target_parameters` from the layer index in their names; a module to save outside the
    decoder layers (embeddings, say) changes everything, and only the final norm, which sits
    above every layer, is exempt."""
    depth = n_layers
    for cfg in adapter_configs:
        targets = cfg.get("target_modules") or []
        if targets:
            layers = cfg.get("layers_to_transform")
            if layers is None:
                return 0
            layers = [layers] if isinstance(layers, int) else list(layers)
            depth = min(depth, *layers) if layers else depth
        for name in [*(cfg.get("modules_to_save") or []), *(cfg.get("target_parameters") or [])]:
            found = _LAYER_INDEX.search(name)
            if found:
                depth = min(depth, int(found.group(1)))
            elif not name.endswith("norm"):
                return 0
    return max(depth, 0)


def peft_adapter_config(model: Any) -> dict[str, Any] | None:
    """The parts of a PEFT model's active LoRA config that say which layers it reaches, as
    `unchanged_lower_layers` reads them; None for anything else."""
    configs = getattr(model, "peft_config", None)
    if not configs:
        return None
    cfg = configs.get(getattr(model, "active_adapter", "default")) or next(iter(configs.values()))
    targets = getattr(cfg, "target_modules", None)
    if isinstance(targets, str):  # a regex: which layers it matches is not read here
        return None
    return {
        "target_modules": sorted(targets or []),
        "layers_to_transform": getattr(cfg, "layers_to_transform", None),
        "modules_to_save": list(getattr(cfg, "modules_to_save", None) or []),
        "target_parameters": list(getattr(cfg, "target_parameters", None) or []),
    }


def adapter_configs(folders: Sequence[Path]) -> list[dict[str, Any]] | None:
    """The adapter_config.json of each folder; None when one is not a PEFT adapter (a fully
    fine-tuned model changes every layer)."""
    configs = []
    for folder in folders:
        path = Path(folder) / "adapter_config.json"
        if not path.is_file():
            return None
        configs.append(read_json(path))
    return configs


class _PassThrough(nn.Module):
    """A decoder layer that returns its input: the recorded state already includes it."""

    def forward(self, hidden_states: torch.Tensor, *args: Any, **kwargs: Any) -> torch.Tensor:
        return hidden_states


def _decoder_of(model: Any) -> Any:
    inner = model.get_base_model() if hasattr(model, "get_base_model") else model
    return getattr(inner, inner.base_model_prefix, None)


def _layer_digest(layer: nn.Module) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name, tensor in sorted(
        {**dict(layer.named_parameters()), **dict(layer.named_buffers())}.items()
    ):
        digest.update(name.encode())
        digest.update(_tensor_bytes(tensor))
    return digest.hexdigest()


def _tensor_bytes(tensor: torch.Tensor) -> bytes:
    """A tensor's raw bytes, whatever its dtype (bf16 has no numpy equivalent: read as bytes)."""
    return tensor.detach().contiguous().reshape(-1).cpu().view(torch.uint8).numpy().tobytes()


def _batch_key(inputs: dict[str, Any]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(inputs):
        value = inputs[name]
        if isinstance(value, torch.Tensor):
            digest.update(f"{name}:{tuple(value.shape)}:{value.dtype}".encode())
            digest.update(_tensor_bytes(value))
        else:
            digest.update(f"{name}={value!r}".encode())
    return digest.hexdigest()


class SharedLowerLayers:
    """Hidden states after the first `depth` decoder layers, recorded from the first model
    bound and replayed into later models whose first `depth` layers are the same weights.

    Use: `bind(model)` before scoring with a model, then call `decoder(model, **inputs)` where
    the decoder would be called. The first model bound records; a later one replays when its
    lower layers hash the same, and otherwise runs in full.

    `reuse(model)` is for one model run twice on each batch (DPO: the policy, then the
    reference with the adapter disabled, whose lower layers are the same frozen weights): the
    first pass on a batch records, the second replays, and only the last `max_states` batches
    are kept, on the model's device."""

    def __init__(
        self,
        depth: int,
        budget_bytes: int = DEFAULT_BUDGET_BYTES,
        max_states: int | None = None,
    ):
        self.depth = depth
        self.budget_bytes = budget_bytes
        self.max_states = max_states
        self.digests: list[str] | None = None
        self.states: dict[str, torch.Tensor] = {}
        self.stored_bytes = 0
        self.mode = "off"
        self.replayed = 0

    def bind(self, model: Any) -> str:
        """Set this model's mode ('record', 'replay' or 'off') and return it."""
        decoder = _decoder_of(model)
        layers = getattr(decoder, "layers", None)
        if self.depth <= 0 or layers is None or self.depth >= len(layers):
            self.mode = "off"
            return self.mode
        digests = [_layer_digest(layers[i]) for i in range(self.depth)]
        if self.digests is None:
            self.mode = "record" if self._replay_is_exact(decoder) else "off"
            self.digests = digests if self.mode == "record" else None
        elif digests == self.digests:
            self.mode = "replay"
        else:
            log.info("lower layers differ from the first model's: scored in full")
            self.mode = "off"
        return self.mode

    def reuse(self, model: Any) -> str:
        """Record-or-replay on one model (see the class); returns the mode ('reuse' or 'off')."""
        decoder = _decoder_of(model)
        layers = getattr(decoder, "layers", None)
        usable = layers is not None and 0 < self.depth < len(layers)
        self.mode = "reuse" if usable and self._replay_is_exact(decoder) else "off"
        return self.mode

    def decoder(self, model: Any, **inputs: Any) -> torch.Tensor:
        """The decoder's last hidden state for `inputs`, from the recorded lower layers where
        this model and batch allow it."""
        decoder = _decoder_of(model)
        if self.mode == "off":
            return decoder(**inputs).last_hidden_state
        key = _batch_key(inputs)
        if self.mode in ("replay", "reuse") and key in self.states:
            self.replayed += 1
            return self._upper(decoder, self.states[key], inputs)
        if self.mode in ("record", "reuse") and key not in self.states:
            with self._capture(decoder) as captured:
                hidden = decoder(**inputs).last_hidden_state
            # Recorded for later models: kept on the CPU; reused within a step: kept in place.
            state = captured[0].detach()
            state = state.clone() if self.mode == "reuse" else state.to("cpu", copy=True)
            size = state.numel() * state.element_size()
            if self.max_states is not None and len(self.states) >= self.max_states:
                oldest = next(iter(self.states))
                removed = self.states.pop(oldest)
                self.stored_bytes -= removed.numel() * removed.element_size()
            if self.stored_bytes + size <= self.budget_bytes:
                self.states[key] = state
                self.stored_bytes += size
            return hidden
        return decoder(**inputs).last_hidden_state

    def _upper(self, decoder: Any, state: torch.Tensor, inputs: dict[str, Any]) -> torch.Tensor:
        upper_inputs = {k: v for k, v in inputs.items() if k not in ("input_ids", "inputs_embeds")}
        device = next(decoder.parameters()).device
        with self._lower_skipped(decoder):
            return decoder(inputs_embeds=state.to(device), **upper_inputs).last_hidden_state

    @contextmanager
    def _capture(self, decoder: Any) -> Iterator[list[torch.Tensor]]:
        captured: list[torch.Tensor] = []

        def keep(_module: nn.Module, _args: Any, output: Any) -> None:
            captured.append(output[0] if isinstance(output, tuple) else output)

        handle = decoder.layers[self.depth - 1].register_forward_hook(keep)
        try:
            yield captured
        finally:
            handle.remove()

    @contextmanager
    def _lower_skipped(self, decoder: Any) -> Iterator[None]:
        lower = [decoder.layers[i] for i in range(self.depth)]
        try:
            for i in range(self.depth):
                decoder.layers[i] = _PassThrough()
            yield
        finally:
            for i, layer in enumerate(lower):
                decoder.layers[i] = layer

    @torch.no_grad()
    def _replay_is_exact(self, decoder: Any) -> bool:
        """Whether recording and replaying reproduce the full forward on this model (a short
        probe): a model that transforms `inputs_embeds` (scaling, say) would not."""
        vocab = decoder.get_input_embeddings().weight.shape[0]
        device = next(decoder.parameters()).device
        ids = torch.arange(7, device=device).unsqueeze(0) % vocab
        inputs = {"input_ids": ids, "use_cache": False}
        training = decoder.training
        decoder.eval()  # dropout would make any two forwards differ
        try:
            with self._capture(decoder) as captured:
                full = decoder(**inputs).last_hidden_state
            replayed = self._upper(decoder, captured[0], inputs)
        except Exception as exc:  # an architecture whose layers do not fit the pass-through
            log.info("lower-layer sharing off: %s", exc)
            return False
        finally:
            decoder.train(training)
        return bool(torch.equal(full, replayed))
