"""Shared-prefix packing of DPO micro-batches: each pair's common prefix is computed once.

TRL's DPO forward runs the batch [chosen_1..chosen_B, rejected_1..rejected_B], so the prompt,
and every completion token before chosen and rejected first differ, goes through the model
twice. Codetune's pairs mostly differ late (an injected defect, a renamed identifier), so on the
quickstart's pairs that shared part is about a third of all tokens. Here the micro-batch becomes
one padding-free row holding, per pair, [shared prefix | chosen suffix | rejected suffix]: the
rejected suffix's position ids continue from the end of the prefix and an explicit attention
mask keeps it from seeing the chosen suffix (a two-branch tree). Every token then sees exactly
the context it has in the unpacked batch, so the hidden states, log-probs and gradients are the
same (up to float rounding); the log-probs of shared positions are scattered back to both rows,
and autograd sums both rows' gradients as before.

Needs an attention implementation that takes an arbitrary 4-D mask (sdpa, eager); the mask is
quadratic in the packed length, fine at DPO micro-batch sizes.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

SHAREABLE_ATTENTION = ("sdpa", "eager")


@dataclass
class PackedPairs:
    input_ids: torch.Tensor  # [1, T]
    position_ids: torch.Tensor  # [1, T]
    attention_mask: torch.Tensor  # [1, 1, T, T]: bool (True = attend) or additive float
    source: torch.Tensor  # [2B, L]: packed index of each original token, -1 at padding


def common_prefix_length(a: torch.Tensor, b: torch.Tensor) -> int:
    n = min(len(a), len(b))
    differs = (a[:n] != b[:n]).nonzero()
    return int(differs[0]) if len(differs) else n


def pack_pairs(
    input_ids: torch.Tensor, attention_mask: torch.Tensor, *, additive_mask: bool = False
) -> PackedPairs:
    """Pack a DPO micro-batch (rows [chosen..., rejected...], padding either side) into one row
    with each pair's common token prefix stored once."""
    rows, length = input_ids.shape
    if rows % 2:
        raise ValueError(f"a DPO batch has chosen and rejected rows, got {rows} rows")
    pairs = rows // 2
    valid = attention_mask.bool()
    source = torch.full((rows, length), -1, dtype=torch.long, device=input_ids.device)
    ids, positions, group, branch = [], [], [], []
    offset = 0
    for i in range(pairs):
        chosen_at = valid[i].nonzero().squeeze(1)
        rejected_at = valid[i + pairs].nonzero().squeeze(1)
        chosen, rejected = input_ids[i, chosen_at], input_ids[i + pairs, rejected_at]
        shared = common_prefix_length(chosen, rejected)
        parts = (chosen[:shared], chosen[shared:], rejected[shared:])
        for kind, part in enumerate(parts):
            ids.append(part)
            start = 0 if kind == 0 else shared
            positions.append(torch.arange(start, start + len(part), device=input_ids.device))
            group.append(torch.full((len(part),), i, device=input_ids.device))
            branch.append(torch.full((len(part),), kind, device=input_ids.device))
        prefix = torch.arange(offset, offset + shared, device=input_ids.device)
        chosen_tail = torch.arange(len(chosen) - shared, device=input_ids.device)
        chosen_tail += offset + shared
        rejected_tail = torch.arange(len(rejected) - shared, device=input_ids.device)
        rejected_tail += offset + len(chosen)
        source[i, chosen_at] = torch.cat([prefix, chosen_tail])
        source[i + pairs, rejected_at] = torch.cat([prefix, rejected_tail])
        offset += len(chosen) + len(rejected) - shared
    position = torch.cat(positions)
    group_id, branch_id = torch.cat(group), torch.cat(branch)
    # Query q sees key k: same pair, not later in position, and k is on the shared prefix or on
    # q's own branch.
    attend = (
        (group_id[:, None] == group_id[None, :])
        & (position[None, :] <= position[:, None])
        & ((branch_id[None, :] == 0) | (branch_id[None, :] == branch_id[:, None]))
    )
    mask = attend[None, None]
    if additive_mask:
        mask = torch.zeros(mask.shape, device=mask.device).masked_fill(
            ~mask, torch.finfo(torch.float32).min
        )
    return PackedPairs(
        input_ids=torch.cat(ids)[None],
        position_ids=position[None],
        attention_mask=mask,
        source=source,
    )
