"""The stages, in pipeline order, each behind one small interface.

A stage is a module with `run(ctx: StageContext) -> dict` (its metrics, recorded in the
manifest) and, optionally, `summary(metrics) -> dict | None` (its section of summary.json, the
figures gates read). Its declaration here says which config sections it reads, which stages'
outputs it needs (and which it reads when they exist), what it writes and whether a training
run may resume it; the pipeline derives hashes, skips and resumes from these alone. Modules are
named, not imported: importing training code costs seconds that `codetune --help` must not pay.

A new stage is one module under `codetune/stages/`, its config section, and one line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from codetune.core.config import STAGES, TRAINED_STAGES, PipelineConfig
from codetune.core.runs import DEPLOY_AB, DEPLOY_BENCH, DEPLOY_SECURITY, REPORT_FILE, Run


@dataclass(frozen=True)
class StageContext:
    """What a stage's `run` gets: the whole config (it reads its own sections), the run folder,
    and whether to resume from the last checkpoint (training stages)."""

    cfg: PipelineConfig
    run: Run
    resume: bool = False


@dataclass(frozen=True)
class Stage:
    name: str
    module: str  # the module with run(ctx) and, optionally, summary(metrics)
    sections: tuple[str, ...]  # config sections (or top-level fields) it reads: its hash
    needs: tuple[str, ...]  # stages whose outputs it reads and that must be done first
    writes: tuple[str, ...]  # paths (relative to the run folder) it produces: its output hash
    resumable: bool = False  # a training stage, resumed from its last checkpoint
    # Under a multi-process launch every rank runs it (training); any other stage runs on
    # rank 0 alone while the other ranks wait.
    distributed: bool = False
    # Stages whose outputs it reads when they exist (the eval stage scores whichever tuned
    # models the run has); their output hashes count towards its input hash all the same.
    optional: tuple[str, ...] = ()
    # Stages it needs under some configs only (pairs samples the SFT model for on-policy pairs).
    needs_when: Callable[[PipelineConfig], tuple[str, ...]] | None = None

    def upstream(self, cfg: PipelineConfig) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(required, optional) upstream stages under `cfg`."""
        extra = self.needs_when(cfg) if self.needs_when else ()
        return (*self.needs, *extra), self.optional

    def run(self, ctx: StageContext) -> dict[str, Any]:
        return importlib.import_module(self.module).run(ctx)

    def summary(self, metrics: dict[str, Any]) -> dict[str, Any] | None:
        """The stage's section of summary.json (None: it adds none)."""
        summarise = getattr(importlib.import_module(self.module), "summary", None)
        return summarise(metrics) if summarise else None


def _onpolicy_needs_sft(cfg: PipelineConfig) -> tuple[str, ...]:
    """On-policy pairs (HumanEval's or the repository tests') sample the SFT model."""
    sampled = any(
        getattr(cfg.pairs, name, None) is not None
        for name in ("onpolicy", "repo_tests", "translation", "migration_onpolicy")
    )
    return ("sft",) if sampled else ()


_ALL: tuple[Stage, ...] = (
    Stage("data", "codetune.stages.data.stage", ("data",), (), ("data",)),
    Stage(
        "sft",
        "codetune.stages.sft",
        ("model", "sft"),
        ("data",),
        ("sft/adapter",),
        True,
        distributed=True,
    ),
    Stage(
        "pairs",
        "codetune.stages.pairs.stage",
        ("pairs", "prompt_format"),
        ("data",),
        ("pairs",),
        needs_when=_onpolicy_needs_sft,
    ),
    Stage(
        "dpo",
        "codetune.stages.dpo",
        ("model", "dpo"),
        ("sft", "pairs"),
        ("dpo/adapter",),
        True,
        distributed=True,
    ),
    Stage(
        "rm",
        "codetune.stages.rm",
        ("model", "rm"),
        ("sft", "pairs"),
        ("rm/adapter",),
        True,
        distributed=True,
    ),
    Stage(
        "mixed",
        "codetune.stages.mixed",
        ("model", "mixed"),
        ("sft", "pairs"),
        ("mixed/adapter",),
        True,
        distributed=True,
        optional=("dpo",),
    ),
    Stage(
        "eval",
        "codetune.stages.eval",
        ("model", "prompt_format", "eval", "sft", "dpo", "pairs", "final_model"),
        ("data",),
        ("eval",),
        optional=("pairs", *TRAINED_STAGES),
    ),
    Stage("scan", "codetune.stages.scan.stage", ("scan",), ("eval",), (DEPLOY_SECURITY,)),
    Stage(
        "bench",
        "codetune.stages.bench.stage",
        ("model", "bench", "final_model"),
        (),
        (DEPLOY_BENCH,),
        optional=TRAINED_STAGES,
    ),
    Stage("ab", "codetune.stages.ab", ("ab",), ("eval",), (DEPLOY_AB,)),
    Stage(
        "report",
        "codetune.stages.report.stage",
        ("gates",),  # the ship banner shows the verdicts: new gates, new page
        (),
        (REPORT_FILE,),
        optional=("data", "pairs", *TRAINED_STAGES, "eval", "scan", "bench", "ab"),
    ),
)
REGISTRY: dict[str, Stage] = {s.name: s for s in _ALL}
# The names (and their order) are the config's, which validates `stages:` against them.
assert tuple(REGISTRY) == STAGES, "codetune.stages and codetune.core.config.STAGES disagree"
