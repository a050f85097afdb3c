"""Prompt formats for function generation: base (the raw start) and chat (evalplus's way).

Real tokenizers (SmolLM2-135M-Instruct from the embedded build, and a base-like copy of it),
real HumanEval problems, answers judged in the sandbox.
"""

from __future__ import annotations

import copy
import re

import pytest

from codetune.core.errors import UserError
from codetune.lib.codemetrics import answer_status
from codetune.lib.generate import (
    CHAT_STOPS,
    PYTHON_FUNCTION_STOPS,
    SamplingConfig,
    answer_to_body,
    function_prompts,
    generate,
    is_instruct_tokenizer,
    resolve_prompt_format,
)
from codetune.lib.models import embedded_model_dir, load_model, load_tokenizer
from codetune.lib.sandbox.humaneval import evaluate_samples, load_problems


@pytest.fixture(scope="module")
def smol_dir():
    return str(embedded_model_dir("smollm2-135m"))


@pytest.fixture(scope="module")
def smol_tok(smol_dir):
    return load_tokenizer(smol_dir)


@pytest.fixture(scope="module")
def base_like_tok(smol_dir):
    """The same tokenizer with a document EOS that its chat template never writes, as a base
    checkpoint ships it (Qwen2.5-Coder base: `<|endoftext|>`)."""
    tok = load_tokenizer(smol_dir)
    tok.eos_token = "<|endoftext|>"
    return tok


@pytest.fixture(scope="module")
def problems():
    return load_problems()


@pytest.fixture(scope="module")
def he0(problems):
    return problems["HumanEval/0"]


# --------------------------------------------------------------------------- format resolution


def test_instruct_tokenizer_resolves_auto_to_chat(smol_tok):
    assert is_instruct_tokenizer(smol_tok)
    assert resolve_prompt_format("auto", smol_tok) == "chat"
    assert resolve_prompt_format("base", smol_tok) == "base"  # an explicit choice stands


def test_base_like_tokenizer_resolves_auto_to_base(base_like_tok):
    assert base_like_tok.chat_template  # it still has a chat template ...
    assert "<|endoftext|>" not in base_like_tok.chat_template  # ... that never ends with EOS
    assert not is_instruct_tokenizer(base_like_tok)
    assert resolve_prompt_format("auto", base_like_tok) == "base"
    assert resolve_prompt_format("chat", base_like_tok) == "chat"


def test_chat_without_a_template_is_a_user_error(smol_tok):
    tok = copy.deepcopy(smol_tok)
    tok.chat_template = None
    assert not is_instruct_tokenizer(tok)
    assert resolve_prompt_format("auto", tok) == "base"
    with pytest.raises(UserError, match=r"model\.prompt_format: 'chat'.*no chat template"):
        resolve_prompt_format("chat", tok)


# --------------------------------------------------------------------------- prompts


def test_chat_prompts_put_the_start_in_the_users_code_block(smol_tok, problems):
    starts = [problems[f"HumanEval/{i}"]["prompt"] for i in range(3)]
    prompts, stops, fmt = function_prompts(starts, smol_tok, "auto")
    assert fmt == "chat"
    assert stops == CHAT_STOPS and "\n```" in stops
    assert len(prompts) == len(starts)
    for start, prompt in zip(starts, prompts, strict=True):
        assert prompt.startswith("<|im_start|>system\n")  # SmolLM2's default system turn
        user = prompt.split("<|im_start|>user\n", 1)[1].split("<|im_end|>", 1)[0]
        assert user == f"Complete the following Python function:\n```python\n{start}```"
        # The assistant's reply is prefilled with an opening code block, nothing more.
        assert prompt.endswith("<|im_end|>\n<|im_start|>assistant\n```python\n")
        assert prompt.count(start) == 1
        # Tokenised as at generation time, the chat markers are single special tokens.
        ids = smol_tok(prompt, add_special_tokens=False)["input_ids"]
        assert ids.count(smol_tok.convert_tokens_to_ids("<|im_start|>")) == 3
        assert ids.count(smol_tok.eos_token_id) == 2


def test_base_prompts_are_the_starts_unchanged(base_like_tok, smol_tok, problems):
    starts = [problems[f"HumanEval/{i}"]["prompt"] for i in range(3)]
    for tok, fmt_in in ((base_like_tok, "auto"), (smol_tok, "base")):
        prompts, stops, fmt = function_prompts(starts, tok, fmt_in)
        assert fmt == "base"
        assert prompts == starts
        assert stops == PYTHON_FUNCTION_STOPS


# --------------------------------------------------------------------------- answer -> body


def _whole_function(problem: dict) -> str:
    """The canonical solution as a chat model writes it: the whole function, docstring and
    imports included."""
    return problem["prompt"] + problem["canonical_solution"]


def _halve_indentation(code: str) -> str:
    return re.sub(r"^( +)", lambda m: " " * (len(m.group(1)) // 2), code, flags=re.MULTILINE)


def _with_helpers(problem: dict) -> str:
    """HumanEval/0 answered with an import, a decorated helper and a module constant."""
    canonical = problem["canonical_solution"]
    assert "abs(elem - elem2)" in canonical
    body = canonical.replace("abs(elem - elem2)", "_gap(elem, elem2) * SCALE")
    signature_and_docstring = problem["prompt"].split("from typing import List\n", 1)[1]
    return (
        "import functools\n"
        "from typing import List\n\n\n"
        "@functools.lru_cache(maxsize=None)\n"
        "def _gap(a: float, b: float) -> float:\n"
        '    """Distance between two numbers."""\n'
        "    return abs(a - b)\n\n\n" + signature_and_docstring + body + "\n\nSCALE = 1.0\n"
    )


def _passes(problem: dict, bodies: list[str]) -> list[str]:
    samples = [{"task_id": problem["task_id"], "completion": b} for b in bodies]
    result = evaluate_samples(samples, {problem["task_id"]: problem}, [1])
    return [row["status"] for row in result["samples"]]


def test_chat_answers_become_bodies_that_pass_humaneval(he0):
    entry = he0["entry_point"]
    answers = {
        "whole function": _whole_function(he0),
        "2-space indent": _halve_indentation(_whole_function(he0)),
        "helpers": _with_helpers(he0),
    }
    assert answers["2-space indent"].count("\n  for idx") == 1
    bodies = {k: answer_to_body(a, entry, "chat") for k, a in answers.items()}
    for kind, body in bodies.items():
        program = he0["prompt"] + body
        compile(program, kind, "exec")
        assert program.count(f"def {entry}(") == 1, kind  # the body, not a second definition
        assert '""" Check if' not in body, kind  # the start's docstring stands in for its own
    # The body, re-indented to 4 spaces, then the answer's own import after it.
    canonical = he0["canonical_solution"].strip("\n")
    assert bodies["whole function"] == canonical + "\n\n\nfrom typing import List\n"
    # Shifted to the start's 4 spaces as a block (nested levels keep their 2-space steps).
    assert bodies["2-space indent"].startswith(
        "    for idx, elem in enumerate(numbers):\n      for idx2, elem2 in"
    )
    helpers = bodies["helpers"]
    assert helpers.startswith("    for idx, elem in enumerate(numbers):\n")
    for kept in ("import functools\n", "@functools.lru_cache(maxsize=None)\ndef _gap(", "SCALE"):
        assert kept in helpers

    # A wrong answer fails in the same harness, so passing means something.
    wrong = answer_to_body(
        _whole_function(he0).replace("return True", "return False"), entry, "chat"
    )
    statuses = _passes(he0, [*bodies.values(), wrong])
    assert statuses == ["passed", "passed", "passed", "failed"]


def test_answers_not_defining_the_function_are_kept_whole(he0):
    entry = he0["entry_point"]
    other = "def close_pairs(numbers, threshold):\n    return []\n"
    broken = f"def {entry}(numbers, threshold:\n    return True\n"
    prose = "Here is the function you asked for."
    for answer in (other, broken, prose):
        assert answer_to_body(answer, entry, "chat") == "\n" + answer
    # Base answers are bodies already.
    assert answer_to_body(he0["canonical_solution"], entry, "base") == he0["canonical_solution"]
    # Kept whole, a complete function still runs: it redefines the docstring-only start.
    assert _passes(he0, [answer_to_body("\n" + _whole_function(he0), "nope", "chat")]) == ["passed"]


def test_docstring_only_answer_is_an_empty_body(he0):
    # The model closed the block straight after the docstring.
    answer = he0["prompt"].split("from typing import List\n", 1)[1]
    body = answer_to_body(answer, he0["entry_point"], "chat")
    assert body == ""
    assert answer_status(he0["prompt"], body, "python") == "empty"


def test_docstring_only_answer_with_its_import_is_still_empty(he0):
    # The same answer repeating the start's own import: the function still has no code.
    body = answer_to_body(he0["prompt"], he0["entry_point"], "chat")
    assert answer_status(he0["prompt"], body, "python") == "empty"


def test_one_line_function_answer():
    start = 'def add(a, b):\n    """Add two numbers."""\n'
    body = answer_to_body("def add(a, b): return a + b\n", "add", "chat")
    namespace: dict = {}
    exec(compile(start + body, "answer", "exec"), namespace)
    assert namespace["add"](2, 3) == 5


def test_answer_with_a_multiline_string_at_column_zero():
    start = 'def banner(name):\n    """A banner."""\n'
    answer = (
        "def banner(name):\n"
        '    """A banner."""\n'
        '    text = """\n'
        "Hello\n"
        '"""\n'
        "    return text + name\n"
    )
    namespace: dict = {}
    exec(compile(start + answer_to_body(answer, "banner", "chat"), "answer", "exec"), namespace)
    assert namespace["banner"]("x") == "\nHello\nx"


# --------------------------------------------------------------------------- real model


def test_greedy_chat_generation_on_humaneval_gives_real_answers(smol_dir, smol_tok, problems):
    model = load_model(smol_dir)
    first = [problems[f"HumanEval/{i}"] for i in range(8)]
    prompts, stops, fmt = function_prompts([p["prompt"] for p in first], smol_tok, "auto")
    assert fmt == "chat"
    cfg = SamplingConfig(max_new_tokens=128, stop=stops, batch_size=8)
    gens = generate(model, smol_tok, prompts, cfg)
    assert len(gens) == 8
    for g in gens:
        assert "```" not in g.text  # the closing fence is a stop sequence, never returned
    bodies = [
        answer_to_body(g.text, p["entry_point"], fmt) for g, p in zip(gens, first, strict=True)
    ]
    statuses = [answer_status(p["prompt"], b, "python") for p, b in zip(first, bodies, strict=True)]
    assert statuses.count("empty") < 8, gens
    assert "valid" in statuses, statuses
    result = evaluate_samples(
        [{"task_id": p["task_id"], "completion": b} for p, b in zip(first, bodies, strict=True)],
        {p["task_id"]: p for p in first},
        [1],
    )
    assert result["n_samples"] == 8
    assert sum(result["status_counts"].values()) == 8
    assert result["status_counts"]["crashed"] == 0
