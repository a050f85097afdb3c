"""Cost of measuring: `codetune bench`'s timed, streamed generation vs plain `model.generate`.

Both run the same batches of the same fixed-length prompts (greedy, EOS suppressed, same
output length), interleaved so that drift of a shared machine hits both alike. The bench
wraps `generate` with a streamer that timestamps each decoding step; this prints both wall
times and their ratio (close to 1.00 means the figures describe plain generation).

    python benchmarks/generation_latency.py [--model embedded:tiny-qwen3] [--batch 4]
        [--input-len 128] [--output-len 64] [--repeats 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import torch

from codetune.lib.models import load_model, load_tokenizer, resolve_model_path
from codetune.stages.bench.measure import (
    build_prompts,
    device_description,
    fixed_length_kwargs,
    generate_batch_timed,
)


@torch.no_grad()
def plain_generate(model, tokenizer, batch: list[list[int]], output_len: int) -> float:
    device = next(model.parameters()).device
    input_ids = torch.tensor(batch, dtype=torch.long, device=device)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start = time.perf_counter()
    out = model.generate(
        input_ids=input_ids,
        attention_mask=torch.ones_like(input_ids),
        **fixed_length_kwargs(tokenizer, output_len),
    )
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    assert out.shape[1] - input_ids.shape[1] == output_len
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="embedded:tiny-qwen3")
    parser.add_argument("--batch", type=int, default=4)
    parser.add_argument("--input-len", type=int, default=128)
    parser.add_argument("--output-len", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    path = resolve_model_path(args.model)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    dtype = torch.bfloat16 if device.type == "cuda" else torch.float32
    model = load_model(path, dtype=dtype).to(device).eval()
    tokenizer = load_tokenizer(path)
    prompts = build_prompts(tokenizer, args.batch * (args.repeats + 1), args.input_len)
    batches = [prompts[i * args.batch : (i + 1) * args.batch] for i in range(args.repeats + 1)]

    plain_generate(model, tokenizer, batches[0], args.output_len)  # warm-up, not timed
    plain, timed = [], []
    for batch in batches[1:]:
        plain.append(plain_generate(model, tokenizer, batch, args.output_len))
        timed.append(generate_batch_timed(model, tokenizer, batch, args.output_len)[1])

    p, t = statistics.median(plain), statistics.median(timed)
    print(f"device: {device_description(device)}")
    print(f"model: {args.model}, batch {args.batch}, {args.input_len} in / {args.output_len} out")
    print(f"plain model.generate   median {p * 1000:9.1f} ms per batch")
    print(f"codetune bench (timed) median {t * 1000:9.1f} ms per batch")
    print(f"ratio timed / plain: {t / p:.3f}")


if __name__ == "__main__":
    main()
