"""One final model: eval, bench, gates, export and generate judge and ship the same one.

`final_model` (default 'auto': the last trained stage in `stages`) is resolved once
(`codetune.core.runs.final_stage`); the adapters that make a stage's model are listed once
(`Run.model_chain`). The runs here hold tiny LoRA adapters on the embedded tiny Qwen3.
"""

from __future__ import annotations

import json
import shutil
import sysconfig
from pathlib import Path

import pytest
import torch
from typer.testing import CliRunner

from codetune.cli import app
from codetune.commands.export import export_run
from codetune.core.config import dump_config, load_config
from codetune.core.errors import UserError
from codetune.core.runs import Run, final_stage
from codetune.lib.models import embedded_model_dir, load_model
from codetune.pipeline import prepare_run
from codetune.stages.base import REGISTRY, StageContext
from codetune.stages.bench.measure import BenchConfig, run_bench

ALL = ["data", "sft", "pairs", "dpo", "mixed", "eval", "scan", "bench", "ab", "report"]
NO_MIXED = [s for s in ALL if s != "mixed"]
TINY_BENCH = {"input_len": 8, "output_len": 2, "num_prompts": 1, "concurrency": [1], "warmup": 0}


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    before = torch.get_num_threads()
    torch.set_num_threads(1)  # the test machine's cores are shared
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def adapters(tmp_path_factory) -> Path:
    """A run folder with an sft, a dpo and a mixed adapter (LoRA r=2 on q_proj), no config."""
    from peft import LoraConfig, get_peft_model

    root = tmp_path_factory.mktemp("adapters")
    model = load_model(str(embedded_model_dir("tiny-qwen3")))
    lora = get_peft_model(model, LoraConfig(r=2, target_modules=["q_proj"]))
    for stage in ("sft", "dpo", "mixed"):
        lora.save_pretrained(Run(root).adapter_dir(stage))
    return root


def _run(tmp_path: Path, adapters: Path, stages: tuple[str, ...], *overrides: str) -> Path:
    """A copy of `adapters` holding only the adapters of `stages`, with its config.yaml."""
    root = tmp_path / "run"
    root.mkdir()
    for stage in stages:
        shutil.copytree(Run(adapters).adapter_dir(stage), Run(root).adapter_dir(stage))
    cfg = load_config(None, [f"output_dir={root}", *overrides])
    (root / "config.yaml").write_text(dump_config(cfg))
    return root


# ------------------------------------------------------------------------------- resolution


def test_auto_is_the_last_trained_stage_in_stages_and_a_choice_is_honoured():
    def final(*overrides: str) -> str:
        return final_stage(load_config(None, list(overrides)))

    assert final() == "mixed"  # the default stages train sft, dpo and mixed
    assert final(f"stages={NO_MIXED}") == "dpo"
    assert final("stages=[data, sft, pairs, mixed, eval]") == "mixed"
    assert final("stages=[data, sft, eval]") == "sft"
    assert final("stages=[data, eval]") == "base"
    assert final("final_model=sft") == "sft"
    assert final("final_model=base") == "base"
    assert final(f"stages={NO_MIXED}", "final_model=dpo") == "dpo"
    with pytest.raises(UserError, match="field 'final_model'"):
        final("final_model=rm")


def test_the_adapter_chain_of_each_stage(tmp_path, adapters):
    run = Run(_run(tmp_path, adapters, ("sft", "mixed")))
    assert run.model_chain("base") == []
    assert run.model_chain("sft") == ["sft"]
    assert run.model_chain("mixed") == ["sft", "mixed"]  # mixed trained right after SFT
    with pytest.raises(UserError, match="no dpo adapter; run the dpo stage first"):
        run.model_chain("dpo")
    no_sft = Run(tmp_path / "no-sft")
    shutil.copytree(Run(adapters).adapter_dir("dpo"), no_sft.adapter_dir("dpo"))
    with pytest.raises(UserError, match=r"no sft adapter \(the dpo model is trained on it\)"):
        no_sft.model_chain("dpo")


def test_a_missing_final_adapter_is_a_one_line_error(tmp_path, adapters):
    root = _run(tmp_path, adapters, ("sft", "dpo"))  # default stages: the final model is mixed
    cfg = load_config(root / "config.yaml")
    with pytest.raises(UserError) as err:
        Run(root).final_model(cfg)
    message = str(err.value)
    assert message == (
        f"final model 'mixed' has no adapter in {root / 'mixed' / 'adapter'}: run that stage "
        "(codetune mixed CONFIG) or set final_model"
    )
    assert "\n" not in message
    for command in (["export", str(root)], ["generate", str(root), "--prompt", "x"]):
        result = CliRunner().invoke(app, command)
        assert isinstance(result.exception, UserError), result.output
        assert str(result.exception) == message
    with pytest.raises(UserError, match="final model 'mixed'"):
        run_bench(cfg, Run(root), BenchConfig(model="tuned", **TINY_BENCH))


# ------------------------------------------------------------------------------- one model


@pytest.mark.parametrize(
    ("overrides", "final", "chain"),
    [
        # Every adapter is present: the last one present (mixed) is not the run's final model.
        ((f"stages={NO_MIXED}",), "dpo", ["sft", "dpo"]),
        (("final_model=sft",), "sft", ["sft"]),
    ],
)
def test_export_generate_and_bench_default_to_the_final_model(
    tmp_path, adapters, overrides, final, chain
):
    root = _run(tmp_path, adapters, ("sft", "dpo", "mixed"), *overrides)
    cfg = load_config(root / "config.yaml")
    run = Run(root)
    assert run.final_model(cfg) == final

    # export: the run folder's own config.yaml says which model
    result = CliRunner().invoke(app, ["export", str(root), "--adapter-only"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "export").iterdir()] == [f"{final}-adapter"]
    assert export_run(root, merge=False).name == f"{final}-adapter"
    assert export_run(root, stage="mixed", merge=False).name == "mixed-adapter"  # a choice holds

    # generate, given the run folder
    prompt = ["--prompt", "def f(x):", "--max-new-tokens", "2"]
    result = CliRunner().invoke(app, ["generate", str(root), *prompt])
    assert result.exit_code == 0, result.output
    assert f"model: {' + '.join(['base', *chain])} " in result.stderr
    result = CliRunner().invoke(app, ["generate", str(root), *prompt, "--model", "base"])
    assert result.exit_code == 0, result.output
    assert "model: base " in result.stderr

    # bench: `model: tuned` (the default), in `codetune bench` and in the pipeline's stage
    report = run_bench(cfg, run, BenchConfig(**TINY_BENCH))
    assert report["model"] == "tuned" and report["stage"] == final
    assert report["merged_adapters"] == chain
    assert run_bench(cfg, run, BenchConfig(model="mixed", **TINY_BENCH))["merged_adapters"] == [
        "sft",
        "dpo",
        "mixed",
    ]
    staged = cfg.model_copy(update={"bench": BenchConfig(**TINY_BENCH)})
    REGISTRY["bench"].run(StageContext(staged, run))
    bench_json = json.loads((run.stage_dir("deploy") / "bench.json").read_text())
    assert bench_json["merged_adapters"] == chain and bench_json["stage"] == final

    # summary.json names it, for the gates and the report
    prepare_run(cfg)
    assert json.loads(run.summary_path.read_text())["final_model"] == final


def test_a_run_that_trains_nothing_benchmarks_the_base_only(tmp_path):
    cfg = load_config(
        None, [f"output_dir={tmp_path / 'run'}", "stages=[data, bench]", f"bench={TINY_BENCH}"]
    )
    summary = REGISTRY["bench"].run(StageContext(cfg, Run(cfg.run_dir)))
    assert summary["model"] == "base" and summary["ttft_p50_ratio"] == 1.0


# ------------------------------------------------------------------------------- stage times


def test_run_prints_each_stages_wall_time(tmp_path):
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    src = tmp_path / "src"
    for i, name in enumerate(["textwrap.py", "shlex.py", "fnmatch.py", "glob.py", "heapq.py"]):
        (src / f"pkg{i % 3}").mkdir(parents=True, exist_ok=True)
        shutil.copy(stdlib / name, src / f"pkg{i % 3}" / name)
    config = tmp_path / "run.yaml"
    config.write_text(
        f"output_dir: {tmp_path / 'run'}\nstages: [data, sft]\nfinal_model: base\n"
        f"data: {{sources: ['{src}'], formats: [completion], workers: 1}}\n"
    )

    def rows(output: str) -> dict[str, list[str]]:
        table = output[output.index("stages") :]
        cells = [[c.strip() for c in line.split("│")[1:-1]] for line in table.splitlines()]
        return {c[0]: c[1:] for c in cells if len(c) == 3 and c[0]}

    first = CliRunner().invoke(app, ["run", str(config), "--only", "data"])
    assert first.exit_code == 0, first.output
    table = rows(first.stdout)
    assert table["data"][0] == "ran" and float(table["data"][1]) >= 0
    assert table["total"][1] == table["data"][1]
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["final_model"] == "base"

    again = CliRunner().invoke(app, ["run", str(config), "--only", "data"])
    assert again.exit_code == 0, again.output
    assert rows(again.stdout)["data"][0] == "skipped unchanged"

    # sft needs a done data stage in a fresh folder: it fails, and its row says so
    other = ["--set", f"output_dir={tmp_path / 'other'}", "--only", "sft"]
    failed = CliRunner().invoke(app, ["run", str(config), *other])
    assert isinstance(failed.exception, UserError)
    assert rows(failed.stdout)["sft"][0] == "failed"
