"""Configs of the deploy checks: `scan` (security of generated code) and `ab` (paired A/B)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from codetune.core.schema import Section

SeverityName = Literal["low", "medium", "high"]


class ScanConfig(Section):
    """Static security scan of the code each model generated for the eval prompts."""

    fail_on: SeverityName | None = Field(
        None,
        description="Fail (a quality gate: exit 3) when a finding at or above this severity "
        "exists. None: report only.",
    )
    exclude_rules: list[str] = Field(
        default_factory=list,
        description="Rule ids to ignore, e.g. ['bandit-B108', 'py-path-traversal'].",
    )


class ABConfig(Section):
    """Paired comparison of two models on the same prompts."""

    alpha: float = Field(
        0.05, gt=0, lt=1, description="Significance level of each per-metric verdict."
    )
    power: float = Field(
        0.8, gt=0, lt=1, description="Power used to report the prompts needed for the effect."
    )
    n_bootstrap: int = Field(
        10_000, ge=100, description="Bootstrap resamples for continuous metrics' intervals."
    )
    seed: int = Field(0, description="Seed of the bootstrap resampling.")
    binary_metrics: list[str] = Field(
        default_factory=lambda: ["passed"],
        description="Per-prompt pass/fail fields compared with McNemar's exact test.",
    )
    continuous_metrics: list[str] = Field(
        default_factory=list,
        description="Per-prompt numeric fields compared with a paired bootstrap interval.",
    )
    lower_is_better: list[str] = Field(
        default_factory=list,
        description="Metrics where a smaller value wins, besides those whose name already says "
        "so: a name containing latency, ttft, tpot, itl, e2e, time, duration, ms, loss, "
        "perplexity, memory, bytes, error, fail, timeout, empty, complexity or findings (as a "
        "word, e.g. latency_ms, error_rate; not tokens_per_s) is lower-is-better by default "
        "(codetune.stages.ab.LOWER_IS_BETTER_WORDS). Each metric in ab.json says which way it "
        "was judged (better_when).",
    )
    higher_is_better: list[str] = Field(
        default_factory=list,
        description="Metrics where a larger value wins although their name reads as "
        "lower-is-better (e.g. time_saved); overrides the name. A metric may not be in both "
        "lists.",
    )

    @model_validator(mode="after")
    def _one_direction_each(self) -> ABConfig:
        both = sorted(set(self.lower_is_better) & set(self.higher_is_better))
        if both:
            raise ValueError(
                f"{', '.join(both)} in both lower_is_better and higher_is_better: give each once"
            )
        return self


class BenchConfig(Section):
    """Latency and throughput of generation at fixed input/output lengths (`codetune bench`)."""

    input_len: int = Field(256, ge=1, description="Prompt tokens per request (exact).")
    output_len: int = Field(
        128,
        ge=2,
        description="Output tokens per request (exact: EOS is suppressed). At least 2, so that "
        "TPOT and ITL are defined.",
    )
    concurrency: list[int] = Field(
        default_factory=lambda: [1, 4],
        description="Concurrency levels (batch sizes on the transformers backend).",
    )
    num_prompts: int = Field(
        16,
        ge=1,
        description="Measured requests per level (transformers: rounded up to whole batches).",
    )
    warmup: int = Field(
        1, ge=0, description="Unmeasured warm-up batches run before each level's measurement."
    )
    backend: Literal["transformers", "vllm"] = Field(
        "transformers",
        description="transformers generate (CPU or GPU), or vLLM's engine when it is installed.",
    )
    model: Literal["base", "sft", "dpo", "mixed", "tuned"] = Field(
        "tuned",
        description="Which model `codetune bench` measures: the base, base + SFT adapter, + DPO, "
        "+ mixed (merged), or tuned: the run's final model (the top-level `final_model`, the "
        "one eval judges and export ships). The bench stage of `codetune run` measures the base "
        "and the tuned model.",
    )
    device: Literal["auto", "cpu", "cuda"] = Field(
        "auto", description="Where the transformers backend runs (auto: CUDA when available)."
    )
    dtype: Literal["auto", "float32", "bfloat16", "float16"] = Field(
        "auto", description="Weights dtype (auto: bfloat16 on CUDA, float32 on CPU)."
    )
    interleave: bool = Field(
        True,
        description="The bench stage holds the base and the tuned model at once and alternates "
        "their batches (base, tuned, then tuned, base...), so a machine that slows down or "
        "speeds up part way through moves both alike; measured one after the other, the "
        "TTFT ratio of the same two 135M models moved between 0.92 and 1.27 on a shared 2-core "
        "VM. Needs memory for both models' weights; false: one model at a time.",
    )

    @field_validator("concurrency")
    @classmethod
    def _positive_levels(cls, levels: list[int]) -> list[int]:
        if not levels or any(c < 1 for c in levels):
            raise ValueError("give one or more concurrency levels, each at least 1")
        return sorted(set(levels))


# ------------------------------------------------------------------------------- prompts
