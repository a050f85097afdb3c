"""Config of the data stage (`codetune data`)."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from codetune.core.schema import Section

Language = Literal["python", "java", "go", "javascript", "typescript"]
SampleFormat = Literal["completion", "chat", "fim", "tests", "migrate", "translate"]
Benchmark = Literal["humaneval"]
NamingStyle = Literal["snake_case", "camelCase", "PascalCase", "UPPER_CASE", "lower"]

# Folders that hold third-party code, caches or build output rather than a team's own code.
# A bare name matches a folder of that name anywhere; a name after '/' only the folder of that
# name at a source's root: `build`, `dist`, `out` or `target` deeper down are often real packages
# (Go's cmd/dist, the stdlib's venv). Virtualenvs are found by their pyvenv.cfg, whatever
# their name.
DEFAULT_EXCLUDE_DIRS = [
    "node_modules",
    "bower_components",
    "vendor",
    "third_party",
    ".git",
    ".hg",
    ".svn",
    "__pycache__",
    ".venv",
    ".tox",
    ".nox",
    ".eggs",
    "site-packages",
    "dist-packages",
    ".mypy_cache",
    ".pytest_cache",
    ".next",
    "/build",
    "/dist",
    "/target",
    "/out",
    "/coverage",
]

# File names of generated code (protobuf, gRPC, minified bundles, Go generators...).
DEFAULT_GENERATED_GLOBS = [
    "*_pb2.py",
    "*_pb2_grpc.py",
    "*_pb2.pyi",
    "*.pb.go",
    "*.pb.gw.go",
    "*_gen.go",
    "*_generated.go",
    "zz_generated*.go",
    "*.min.js",
    "*.bundle.js",
    "*.d.ts",
    "*.generated.ts",
    "*.generated.js",
]


class ParallelCode(Section):
    """One code base in two languages (`data.parallel`), e.g. a Java service and its Go port."""

    source: str = Field(description="Folder of the original code (what is translated).")
    target: str = Field(description="Folder of the same code in the target language.")
    source_language: Literal["java", "python", "javascript", "typescript", "go"] = Field(
        "java", description="Language of `source`."
    )
    target_language: Literal["go", "java", "python", "javascript", "typescript"] = Field(
        "go", description="Language of `target`."
    )


class DataConfig(Section):
    """Where code comes from and how it becomes train/val/test samples."""

    sources: list[str] = Field(
        default_factory=lambda: ["@stdlib"],
        description="Folders (or git checkouts) to read. '@stdlib' is the running Python's "
        "standard library source, located with sysconfig. 'PATH@REV' reads a git checkout at a "
        "revision (branch, tag or commit) without touching its working tree. In a git checkout "
        "only tracked files are read (see git_tracked_only).",
    )
    languages: list[Language] = Field(
        default_factory=lambda: list(get_args(Language)),
        description="Languages to extract functions from (default: every supported one, so a "
        "mixed tree gives every language it holds; stats.json reports each).",
    )
    include: list[str] = Field(
        default_factory=list,
        description="Glob patterns a file path (relative to its source) must match (empty: all). "
        "'**' spans folders, e.g. 'src/**/*.py'.",
    )
    exclude: list[str] = Field(
        default_factory=list, description="Glob patterns of files to skip (e.g. 'tests/**')."
    )
    exclude_dirs: list[str] = Field(
        default_factory=lambda: list(DEFAULT_EXCLUDE_DIRS),
        description="Folders skipped (vendored, caches, build output): a bare name anywhere in a "
        "tree, '/name' or a glob with '/' relative to the source root ('/build', 'docs/**/_gen'). "
        "Virtualenvs (a pyvenv.cfg inside) are always skipped.",
    )
    generated_globs: list[str] = Field(
        default_factory=lambda: list(DEFAULT_GENERATED_GLOBS),
        description="File-name patterns of generated code, skipped (counted as 'generated').",
    )
    git_tracked_only: bool = Field(
        True,
        description="In a git checkout, read only files git tracks (skips untracked build output).",
    )
    max_file_bytes: int = Field(1_000_000, gt=0, description="Skip files larger than this.")
    split: list[float] = Field(
        default_factory=lambda: [0.7, 0.2, 0.1],
        description="train/val/test fractions; split by file so no file feeds two splits.",
    )
    formats: list[SampleFormat] = Field(
        default_factory=lambda: ["completion"],
        description="Sample formats to emit: completion (prompt/completion), chat (Qwen3 "
        "messages), fim (fill-in-the-middle with Qwen's FIM tokens), tests (prompt: a Python "
        "function, completion: the repository's tests of it as a test file; needs link_tests), "
        "migrate (Python and Java: prompt: the function rewritten to deprecated APIs and an "
        "instruction, completion: the function as written; see lib/deprecations/), translate "
        "(from `parallel`).",
    )
    parallel: list[ParallelCode] = Field(
        default_factory=list,
        description="Code bases the team has in two languages (e.g. Java and its Go port): "
        "functions matched by name become `translate` samples (prompt: the source function "
        "as a comment block and the target's signature, completion: the target's body); "
        "needs translate in formats.",
    )
    prompt_lines: int = Field(
        5,
        ge=1,
        description="Without a docstring, the prompt is the signature plus this many "
        "first lines of the body.",
    )
    context_tokens: int = Field(
        256,
        ge=0,
        description="File context before each prompt, in at most this many code tokens: the "
        "path, imports, the enclosing class's header and fields and the signatures of the "
        "functions beside it, as comments (secrets in it redacted). On SmolLM2-135M it lowered "
        "held-out loss 6% after SFT (benchmarks/file_context.py); training and scoring drop "
        "it from a sample it would push past max_length, pairs leave it out. 0: the function "
        "alone.",
    )
    conventions: dict[Language, dict[str, NamingStyle]] = Field(
        default_factory=dict,
        description="Naming rules that replace the inferred ones in conventions.json, per "
        "language and kind of name, e.g. {java: {class: PascalCase, method: camelCase}}. "
        "Kinds: class, function, method, argument (Python), parameter, variable, type (Go).",
    )
    link_tests: bool = Field(
        True,
        description="Link each kept Python function to the repository's own tests that call "
        "it (codetune/lib/testlinks.py) and keep its module and those test files in data/"
        "repo_tests.jsonl: the eval blanks held-out bodies, lets each model write them and runs "
        "the team's tests on them in the sandbox (eval.repo_tests); pairs.repo_tests samples "
        "train-split bodies from the SFT model and pairs passing against failing ones.",
    )
    tests_prompt: Literal["function", "signature"] = Field(
        "function",
        description="What a `tests` sample shows of the function under test: the whole "
        "function, or its signature and docstring only (tests from the interface).",
    )
    max_tests_per_function: int = Field(
        20, ge=1, description="Linked tests kept per function (those named after it first)."
    )
    min_lines: int = Field(3, ge=1, description="Drop functions shorter than this (lines).")
    max_lines: int = Field(200, ge=1, description="Drop functions longer than this (lines).")
    min_tokens: int = Field(
        12, ge=1, description="Drop functions with fewer code tokens (words and symbols)."
    )
    max_tokens: int = Field(
        4096, ge=1, description="Drop functions with more code tokens (words and symbols)."
    )
    max_line_chars: int = Field(
        400, ge=40, description="A line longer than this marks a function as auto-generated."
    )
    max_literal_lines: int | None = Field(
        30,
        ge=1,
        description="Drop functions holding a run of more lines than this made only of literals "
        "and brackets (a parametrize table, a lookup table: 'literal_table'); the model learns "
        "data, not code, from them. None: keep them.",
    )
    min_alpha_fraction: float = Field(
        0.25,
        ge=0,
        le=1,
        description="Drop functions whose share of letters is below this (data tables, "
        "encoded blobs: 'mostly non-code').",
    )
    max_samples: int | None = Field(
        None, ge=1, description="Keep at most this many functions (after cleaning), for quick runs."
    )
    min_completion_lines: int = Field(
        1,
        ge=1,
        description="Drop functions whose completion (the code after the prompt) has fewer "
        "non-empty lines than this.",
    )
    tests: Literal["keep", "drop"] = Field(
        "keep",
        description="Functions in test code (test folders, test_*.py, *_test.go, *Test.java, "
        "*.test.ts...): keep them, marked `is_test` on every sample and counted in the data "
        "card, or drop them.",
    )
    max_test_share: float | None = Field(
        None,
        ge=0,
        lt=1,
        description="With tests: keep, the most test functions may be of the kept functions "
        "(a seeded sample of the rest is dropped, counted as over_test_share): in many "
        "repositories tests are half the functions. None: no cap.",
    )
    secrets: Literal["redact", "drop"] = Field(
        "redact",
        description="What to do with a function holding a secret: 'redact' replaces it with "
        "<KEY> / <PASSWORD>, 'drop' removes the function.",
    )
    redact_emails: bool = Field(True, description="Replace e-mail addresses with <EMAIL>.")
    secrets_entropy: bool = Field(
        False,
        description="Also run detect-secrets' high-entropy string plugins (many false positives "
        "on code: hashes, test vectors).",
    )
    format_python: bool = Field(
        False,
        description="Normalise Python functions with `ruff format` (the shipped ruff binary).",
    )
    formatters: dict[Language, list[str]] = Field(
        default_factory=dict,
        description="Formatter command per language, reading code on stdin and writing it on "
        "stdout, e.g. {go: [gofmt]}. Skipped (and counted) when the program is missing or fails.",
    )
    dedup: bool = Field(True, description="Remove exact and near duplicates.")
    near_dup_threshold: float = Field(
        0.7, gt=0, le=1, description="Jaccard similarity above which two functions are duplicates."
    )
    minhash_perms: int = Field(256, ge=16, description="MinHash permutations.")
    shingle_size: int = Field(5, ge=1, description="Tokens per MinHash shingle.")
    decontaminate: list[Benchmark] = Field(
        default_factory=lambda: ["humaneval"],
        description="Benchmarks whose problems must not leak into training data.",
    )
    decontam_ngram: int = Field(
        10, ge=4, description="Word n-gram length: sharing one with a benchmark drops a sample."
    )
    workers: int | None = Field(
        None, ge=1, description="Worker processes (default: every CPU core)."
    )
    shard_bytes: int = Field(
        2_000_000, ge=10_000, description="Source bytes per shard (the unit of parallel work)."
    )
    keep_shards: bool = Field(
        False, description="Keep the per-shard intermediate files under data/shards/."
    )

    @field_validator("split")
    @classmethod
    def _split_sums_to_one(cls, v: list[float]) -> list[float]:
        if len(v) != 3 or any(x < 0 for x in v) or abs(sum(v) - 1.0) > 1e-6:
            raise ValueError(
                "must be three non-negative fractions summing to 1, e.g. [0.7, 0.2, 0.1]"
            )
        return v

    @model_validator(mode="after")
    def _tests_format_needs_links(self) -> DataConfig:
        if "tests" in self.formats and not self.link_tests:
            raise ValueError("formats: 'tests' needs link_tests: true (its tests are the links)")
        if ("translate" in self.formats) != bool(self.parallel):
            raise ValueError(
                "formats: 'translate' and parallel go together (translate samples come from "
                "the parallel code bases)"
            )
        return self

    @field_validator("formats", "languages")
    @classmethod
    def _not_empty(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("must name at least one")
        return list(dict.fromkeys(v))
