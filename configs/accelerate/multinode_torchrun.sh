#!/usr/bin/env bash
# Multi-node with torchrun alone (DDP; or DeepSpeed/FSDP through ACCELERATE_* variables, see
# docs/scale.md): run on every node with the same RDZV_ENDPOINT (node 0's address) and RUN_ID.
#   NNODES=2 NPROC=8 RDZV_ENDPOINT=10.0.0.1:29500 bash configs/accelerate/multinode_torchrun.sh CONFIG
set -euo pipefail
CONFIG=${1:?usage: multinode_torchrun.sh CONFIG [extra codetune args]}
shift
exec torchrun \
  --nnodes "${NNODES:-2}" \
  --nproc_per_node "${NPROC:-8}" \
  --rdzv_backend c10d \
  --rdzv_endpoint "${RDZV_ENDPOINT:?set RDZV_ENDPOINT=host:port of node 0}" \
  --rdzv_id "${RUN_ID:-codetune}" \
  -m codetune sft "$CONFIG" "$@"
