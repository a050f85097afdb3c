"""The SFT loss where it costs least: the LM head only at trained positions, in chunks.

Where the time goes (benchmarks/sft_throughput.py): with Qwen's 151,936-token vocabulary the LM
head is most of a small model's compute, and padding multiplies it. `TrainedPositionsSFTTrainer`
(TRL's SFTTrainer with one method overridden) applies the head only where a label is trained,
and `ChunkedLinearCrossEntropy` computes the cross-entropy chunk by chunk without materialising
the logits. Hand-written because neither TRL nor transformers offers a CPU path that skips
untrained positions (Liger's fused kernel is CUDA-only).
"""

from __future__ import annotations

import contextlib

import torch
import trl
from torch.distributed.tensor import DTensor

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
