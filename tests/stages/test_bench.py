"""`codetune bench`: fixed lengths, vLLM's metric definitions, and consistent figures.

Only relations between figures are asserted (never absolute times): TTFT <= end-to-end, p50 <=
p99, TPOT and ITL agree when every request has the same length, more concurrency serves more
requests per second.
"""

from __future__ import annotations

import json
import math

import pytest
import torch
from pydantic import ValidationError

from codetune.core.config import load_config
from codetune.core.errors import UserError
from codetune.core.runs import Run
from codetune.lib.generate import stop_token_ids
from codetune.lib.models import embedded_model_dir, load_model
from codetune.stages.bench.measure import (
    BenchConfig,
    LevelTimings,
    RequestTiming,
    bench_model,
    bench_models,
    build_prompts,
    run_bench,
    summarize_level,
)

SMALL = {"input_len": 24, "output_len": 6, "warmup": 1}


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    # The test machine's cores are shared: oversubscribed OpenMP threads make every step
    # many times slower, which only lengthens the run (no figure is compared to a constant).
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


@pytest.fixture(scope="module")
def model():
    return load_model(str(embedded_model_dir("tiny-qwen3")))


@pytest.fixture(scope="module")
def report(model, tiny_tokenizer):
    cfg = BenchConfig(concurrency=[1, 4], num_prompts=8, **SMALL)
    return bench_model(model, tiny_tokenizer, cfg)


def _level(report, concurrency):
    return next(lv for lv in report["levels"] if lv["concurrency"] == concurrency)


# ------------------------------------------------------------------------------- config / prompts


def test_config_rejects_empty_or_nonpositive_levels_and_sorts_them():
    with pytest.raises(ValidationError):
        BenchConfig(concurrency=[])
    with pytest.raises(ValidationError):
        BenchConfig(concurrency=[0, 2])
    with pytest.raises(ValidationError):
        BenchConfig(output_len=1)  # TPOT divides by output tokens - 1
    assert BenchConfig(concurrency=[8, 1, 8]).concurrency == [1, 8]


def test_prompts_are_distinct_and_exactly_input_len_tokens_with_the_model_tokenizer(
    tiny_tokenizer,
):
    prompts = build_prompts(tiny_tokenizer, 12, 40)
    assert len(prompts) == 12
    assert len({tuple(p) for p in prompts}) == 12
    for ids in prompts:
        text = tiny_tokenizer.decode(ids)
        assert tiny_tokenizer(text, add_special_tokens=False)["input_ids"] == ids
        assert len(ids) == 40


def test_prompt_longer_than_corpus_is_a_user_error(tiny_tokenizer):
    with pytest.raises(UserError, match="input_len"):
        build_prompts(tiny_tokenizer, 1, 50, corpus="def f():\n    return 1\n")


# ------------------------------------------------------------------------------- definitions


def test_figures_follow_vllm_definitions_on_known_timestamps():
    level = LevelTimings(
        concurrency=2,
        requests=[
            RequestTiming(start=0.0, token_times=[0.1, 0.2, 0.4], input_tokens=5, output_tokens=3),
            RequestTiming(start=0.0, token_times=[0.3, 0.5, 0.7], input_tokens=5, output_tokens=3),
            RequestTiming(start=0.5, token_times=[0.6], input_tokens=5, output_tokens=1),
        ],
        duration=1.0,
    )
    out = summarize_level(level)
    assert out["num_requests"] == 3
    assert out["total_output_tokens"] == 7
    assert out["request_throughput"] == pytest.approx(3.0)
    assert out["output_throughput"] == pytest.approx(7.0)
    # TTFT 100, 300, 100 ms
    assert out["ttft_ms"]["mean"] == pytest.approx(500 / 3)
    assert out["ttft_ms"]["p50"] == pytest.approx(100.0)
    # TPOT per request: (400 - 100) / 2 = 150, (700 - 300) / 2 = 200; a 1-token request has none
    assert out["tpot_ms"]["mean"] == pytest.approx(175.0)
    # ITL pooled: 100, 200 and 200, 200 (nothing from the 1-token request)
    assert out["itl_ms"]["mean"] == pytest.approx(175.0)
    assert out["itl_ms"]["p50"] == pytest.approx(200.0)
    assert out["itl_ms"]["p99"] == pytest.approx(200.0)
    # end-to-end 400, 700, 100 ms
    assert out["e2e_ms"]["p50"] == pytest.approx(400.0)
    assert out["e2e_ms"]["p99"] == pytest.approx(400 + 0.98 * 300)
    assert [r["tpot_ms"] for r in out["requests"]] == [
        pytest.approx(150.0),
        pytest.approx(200.0),
        None,
    ]


# ------------------------------------------------------------------------------- measured run


def test_every_request_has_the_fixed_input_and_output_lengths(report):
    for lv in report["levels"]:
        c = lv["concurrency"]
        assert lv["num_requests"] == math.ceil(8 / c) * c
        assert lv["failed_requests"] == 0
        assert all(r["input_tokens"] == SMALL["input_len"] for r in lv["requests"])
        assert all(r["output_tokens"] == SMALL["output_len"] for r in lv["requests"])
        assert lv["total_output_tokens"] == lv["num_requests"] * SMALL["output_len"]
        assert lv["total_input_tokens"] == lv["num_requests"] * SMALL["input_len"]


def test_latencies_are_positive_and_consistent(report):
    for lv in report["levels"]:
        for r in lv["requests"]:
            assert 0 < r["ttft_ms"] <= r["e2e_ms"]
            assert r["tpot_ms"] > 0
            # e2e = TTFT + (n - 1) * TPOT by definition
            n = r["output_tokens"]
            assert r["ttft_ms"] + (n - 1) * r["tpot_ms"] == pytest.approx(r["e2e_ms"])
        for name in ("ttft_ms", "tpot_ms", "itl_ms", "e2e_ms"):
            dist = lv[name]
            assert 0 < dist["p50"] <= dist["p99"], name
            assert dist["mean"] > 0
        assert lv["ttft_ms"]["mean"] <= lv["e2e_ms"]["mean"]
        assert lv["ttft_ms"]["p99"] <= lv["e2e_ms"]["p99"]
        # Equal output lengths: the pooled ITL mean is the mean TPOT.
        assert lv["itl_ms"]["mean"] == pytest.approx(lv["tpot_ms"]["mean"])
        assert lv["output_throughput"] == pytest.approx(
            lv["request_throughput"] * SMALL["output_len"]
        )
        # A request cannot finish faster than the level's wall time allows.
        assert lv["e2e_ms"]["mean"] / 1000 <= lv["duration_s"]
        assert sum(lv["round_durations_s"]) == pytest.approx(lv["duration_s"])


def test_concurrency_batches_requests_into_fewer_rounds(report):
    # What makes higher concurrency serve more requests per second is that requests share a
    # batched forward pass; that is asserted here, not a wall-clock rate (a shared machine's
    # load can flip any timing comparison).
    for lv in report["levels"]:
        rounds = -(-lv["num_requests"] // lv["concurrency"])  # ceil
        assert len(lv["round_durations_s"]) == rounds
    assert len(_level(report, 4)["round_durations_s"]) < len(_level(report, 1)["round_durations_s"])


def test_peak_memory_holds_the_weights_and_device_is_named(report, model):
    weights = sum(p.numel() * p.element_size() for p in model.parameters())
    for lv in report["levels"]:
        assert lv["peak_memory_bytes"] >= weights
    assert report["peak_memory_bytes"] == max(lv["peak_memory_bytes"] for lv in report["levels"])
    assert report["device_type"] == "cpu"
    assert "torch thread" in report["device"]
    assert report["dtype"] == "float32"


def test_output_length_is_fixed_even_when_the_model_wants_to_stop(model, tiny_tokenizer):
    stops = stop_token_ids(tiny_tokenizer)

    def prefer_stopping(_module, _inputs, output):
        output.logits[..., stops] += 1e4
        return output

    handle = model.register_forward_hook(prefer_stopping)
    try:
        prompt = torch.tensor([build_prompts(tiny_tokenizer, 1, 16)[0]])
        plain = model.generate(
            input_ids=prompt,
            attention_mask=torch.ones_like(prompt),
            max_new_tokens=5,
            eos_token_id=stops,
            pad_token_id=tiny_tokenizer.pad_token_id,
            do_sample=False,
        )
        assert plain.shape[1] - prompt.shape[1] < 5, "the hook must make the model stop early"
        cfg = BenchConfig(input_len=16, output_len=5, concurrency=[2], num_prompts=2, warmup=0)
        out = bench_model(model, tiny_tokenizer, cfg)
    finally:
        handle.remove()
    assert [r["output_tokens"] for r in out["levels"][0]["requests"]] == [5, 5]


# ------------------------------------------------------------------------------- run folder / CLI

TINY = {"input_len": 8, "output_len": 2, "num_prompts": 1, "concurrency": [1], "warmup": 0}


def test_two_models_are_measured_batch_by_batch_in_turn(model, tiny_tokenizer, monkeypatch):
    """The bench stage's interleaving: every model warms up, then rounds alternate in ABBA
    order, and each model's report holds only its own requests."""
    import codetune.stages.bench.measure as measure

    calls: list[str] = []
    real = measure.generate_batch_timed

    def recording(which_model, tokenizer, prompts, output_len):
        calls.append("a" if which_model is model else "b")
        return real(which_model, tokenizer, prompts, output_len)

    monkeypatch.setattr(measure, "generate_batch_timed", recording)
    other = load_model(str(embedded_model_dir("tiny-qwen3")))
    cfg = BenchConfig(concurrency=[1], num_prompts=3, **SMALL)
    reports = bench_models({"a": model, "b": other}, tiny_tokenizer, cfg)
    assert "".join(calls) == "ab" + "ab" + "ba" + "ab"  # warm-up, then rounds 0, 1, 2
    for report in reports.values():
        assert report["interleaved"] is True
        assert _level(report, 1)["num_requests"] == 3


def _run_config(tmp_path):
    return load_config(None, [f"output_dir={tmp_path / 'run'}"])


def test_run_bench_writes_bench_json_and_summary(tmp_path):
    cfg = _run_config(tmp_path)
    run = Run(cfg.run_dir)
    report = run_bench(cfg, run, BenchConfig(model="base", **TINY))
    written = json.loads((run.stage_dir("deploy") / "bench.json").read_text())
    assert written["levels"][0]["num_requests"] == report["levels"][0]["num_requests"] == 1
    assert written["model"] == "base" and written["merged_adapters"] == []
    summary = json.loads(run.summary_path.read_text())["bench"]
    assert summary["levels"]["1"]["output_tokens_per_s"] > 0


def test_run_bench_merges_the_adapters_up_to_the_chosen_stage(tmp_path):
    from peft import LoraConfig, get_peft_model

    cfg = _run_config(tmp_path)
    run = Run(cfg.run_dir)
    fresh = load_model(str(embedded_model_dir("tiny-qwen3")))
    lora = get_peft_model(fresh, LoraConfig(r=2, target_modules=["q_proj"]))
    lora.save_pretrained(run.adapter_dir("sft"))
    report = run_bench(cfg, run, BenchConfig(model="sft", **TINY))
    assert report["merged_adapters"] == ["sft"]
    with pytest.raises(UserError, match="dpo"):
        run_bench(cfg, run, BenchConfig(model="dpo", **TINY))


def test_vllm_backend_without_vllm_says_so(tmp_path):
    try:
        import vllm  # noqa: F401

        pytest.skip("vLLM is installed here")
    except ImportError:
        pass
    cfg = _run_config(tmp_path)
    with pytest.raises(UserError, match="vLLM is not installed"):
        run_bench(cfg, Run(cfg.run_dir), BenchConfig(backend="vllm", model="base", **TINY))


def test_bench_command_writes_the_file_and_prints_the_table(tmp_path):
    import typer
    from typer.testing import CliRunner

    from codetune.commands.bench import bench

    app = typer.Typer()
    app.command("bench")(bench)
    app.command("unused")(lambda: None)  # two commands: typer keeps `bench` as a subcommand
    config = tmp_path / "run.yaml"
    config.write_text(f"output_dir: {tmp_path / 'run'}\n")
    args = ["bench", str(config), "--model", "base", "-c", "1", "-c", "2"]
    args += ["--input-len", "8", "--output-len", "2", "--num-prompts", "2", "--warmup", "0"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "TTFT ms" in result.output
    written = json.loads((tmp_path / "run" / "deploy" / "bench.json").read_text())
    assert [lv["concurrency"] for lv in written["levels"]] == [1, 2]

    bad = CliRunner().invoke(app, [*args[:2], "--backend", "tgi"])
    assert isinstance(bad.exception, UserError)
    assert "bench.backend" in str(bad.exception)
