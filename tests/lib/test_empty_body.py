"""An answer that adds no code is 'empty', not 'valid'; preference accuracy per token.

`answer_status` must not reward a model for stopping at once (a docstring is a body that
parses); `preference_accuracy`'s normalised figure must not punish the longer, better side.
"""

from __future__ import annotations

import ast
import inspect
import textwrap

import pytest
import torch

from codetune.lib.codemetrics import answer_status, empty_body
from codetune.lib.masking import DOC_EOS, tokenize_sample
from codetune.lib.models import embedded_model_dir, load_model, load_tokenizer
from codetune.lib.scoring import completion_logprobs, preference_accuracy

PY_START = 'def clamp(x, lo, hi):\n    """Limit x to [lo, hi]."""\n'

EMPTY_PYTHON = {
    "nothing": "",
    "whitespace": "   \n\n\t\n",
    "comment": "    # TODO: implement\n",
    "comments": "    # first clamp below\n    # then above\n",
    "docstring": '    """Also documented here."""\n',
    "pass": "    pass\n",
    "ellipsis": "    ...\n",
    "docstring + pass": '    """Documented again."""\n    pass\n',
    "comment + pass": "    # later\n    pass  # really\n",
}


@pytest.mark.parametrize("body", EMPTY_PYTHON.values(), ids=EMPTY_PYTHON.keys())
def test_python_bodies_that_add_no_code_are_empty(body):
    assert empty_body(body, "python")
    assert empty_body(body, "py")
    assert answer_status(PY_START, body, "python") == "empty"


def test_empty_wins_over_invalid():
    # Without a docstring the start has no body at all, so start + comment does not compile;
    # it is still an answer that wrote nothing.
    assert answer_status("def clamp(x, lo, hi):\n", "    # TODO\n", "python") == "empty"


def test_one_real_statement_is_an_answer():
    body = "    return max(lo, min(x, hi))\n"
    assert not empty_body(body, "python")
    assert answer_status(PY_START, body, "python") == "valid"
    program: dict = {}
    exec(compile(PY_START + body, "answer", "exec"), program)
    assert program["clamp"](5, 0, 3) == 3
    # One statement after a docstring and pass still counts.
    assert answer_status(PY_START, '    """x"""\n    pass\n    return lo\n', "python") == "valid"


@pytest.mark.parametrize(
    "body",
    [
        "    return max(lo, min(x, hi)\n",  # unbalanced parenthesis
        "    return x +* 2\n",
        "    if x < lo\n        return lo\n",  # missing colon
        "    x = lo\n  return x\n",  # inconsistent dedent
    ],
)
def test_junk_with_code_is_invalid(body):
    assert not empty_body(body, "python")
    assert answer_status(PY_START, body, "python") == "invalid"


@pytest.mark.parametrize(
    "body",
    [
        "# TODO at column 0\n    pass\n",
        '    """\nDocumented at column 0.\n    """\n',
    ],
)
def test_no_op_bodies_with_uneven_indentation_are_empty(body):
    assert answer_status(PY_START, body, "python") == "empty"


JAVA_START = "class MathUtil {\n    static int add(int a, int b) {\n"
GO_START = "package main\n\nfunc add(a, b int) int {\n"


@pytest.mark.parametrize(
    ("language", "start", "body"),
    [
        ("java", JAVA_START, "    }\n}\n"),
        ("java", JAVA_START, "        // TODO: implement\n    }\n}\n"),
        ("java", JAVA_START, "        /*\n         * Not yet.\n         */\n    }\n}\n"),
        ("java", JAVA_START, "\n\n"),
        ("go", GO_START, "\t// not yet\n}\n"),
        ("golang", GO_START, "}\n"),
    ],
)
def test_brace_and_comment_bodies_are_empty(language, start, body):
    assert empty_body(body, language)
    assert answer_status(start, body, language) == "empty"


@pytest.mark.parametrize(
    ("language", "start", "body", "status"),
    [
        ("java", JAVA_START, "        return a + b;\n    }\n}\n", "valid"),
        ("java", JAVA_START, "        return a + ;\n    }\n}\n", "invalid"),
        ("go", GO_START, "\treturn a + b\n}\n", "valid"),
        ("go", GO_START, "\treturn a +\n", "invalid"),
    ],
)
def test_java_and_go_bodies_with_code(language, start, body, status):
    assert not empty_body(body, language)
    assert answer_status(start, body, language) == status


def test_go_pointer_assignment_is_code():
    start = "package main\n\nfunc set(p *int) {\n"
    body = "\t*p = 42\n}\n"
    assert answer_status(start, body, "go") == "valid"


# --------------------------------------------------------------------------- accuracy_norm


@pytest.fixture(scope="module")
def smol():
    folder = str(embedded_model_dir("smollm2-135m"))
    return load_model(folder), load_tokenizer(folder)


def _plain_logprob(model, sample) -> tuple[float, int]:
    ids = torch.tensor([sample["input_ids"]])
    with torch.no_grad():
        logp = model(input_ids=ids).logits[0, :-1].log_softmax(-1)
    tok_logp = logp.gather(-1, ids[0, 1:, None])[:, 0]
    mask = torch.tensor(sample["completion_mask"][1:], dtype=torch.bool)
    return float(tok_logp[mask].sum()), int(mask.sum())


def _random_tokens(tokenizer, n: int, seed: int) -> str:
    gen = torch.Generator().manual_seed(seed)
    ids = torch.randint(1000, len(tokenizer), (n,), generator=gen).tolist()
    return tokenizer.decode(ids)


def test_accuracy_norm_prefers_the_longer_likelier_side(smol):
    model, tok = smol
    # The prompt is a real stdlib function's signature and docstring, the chosen side its body.
    source = inspect.getsource(textwrap.indent)
    doc_end = ast.parse(source).body[0].body[0].end_lineno
    lines = source.splitlines(keepends=True)
    prompt, body = "".join(lines[:doc_end]), "".join(lines[doc_end:])
    assert prompt.endswith('"""\n') and len(tok(body)["input_ids"]) > 40
    pairs = [
        # Real code, long, against a few random tokens: the raw sum favours the short junk.
        {"prompt": prompt, "chosen": body, "rejected": _random_tokens(tok, 3, 0), "kind": "long"},
        # A short real line against longer junk: both readings prefer the real code.
        {
            "prompt": "def add(a, b):\n",
            "chosen": "    return a + b\n",
            "rejected": _random_tokens(tok, 12, 1),
            "kind": "short",
        },
    ]
    res = preference_accuracy(model, tok, pairs, max_length=1024, batch_size=4)

    # By hand: sums and token counts (completion tokens plus the `<|endoftext|>` EOS) from a
    # plain forward pass, and the wins they imply.
    hand = []
    for p in pairs:
        scores = []
        for side in ("chosen", "rejected"):
            sample = tokenize_sample(p["prompt"], p[side], tok, eos=DOC_EOS, max_length=1024)
            assert sample["input_ids"][-1] == 0  # SmolLM2's <|endoftext|>, one token
            logp, n = _plain_logprob(model, sample)
            assert n == len(tok(p[side], add_special_tokens=False)["input_ids"]) + 1
            scored = completion_logprobs(model, [sample], pad_id=tok.pad_token_id)[0]
            assert scored[1] == n and scored[0] == pytest.approx(logp, rel=1e-4, abs=1e-3)
            scores.append((logp, n))
        hand.append(scores)
    (c0, nc0), (r0, nr0) = hand[0]
    # Premises of the pair, from the definition (here about -105 vs -62 summed, -1.7 vs -15
    # per token): the long real body loses on the sum and wins per token.
    assert c0 < r0, hand[0]
    assert c0 / nc0 > r0 / nr0, hand[0]
    (c1, nc1), (r1, nr1) = hand[1]
    assert c1 > r1 and c1 / nc1 > r1 / nr1

    assert res["pairs"] == 2 and res["skipped_truncated"] == 0
    assert res["per_pair"] == [(0, 0.0), (1, 1.0)]
    assert res["per_pair_norm"] == [(0, 1.0), (1, 1.0)]
    assert res["accuracy"] == 0.5
    assert res["accuracy_norm"] == 1.0
    assert res["mean_logp_margin"] == pytest.approx(((c0 - r0) + (c1 - r1)) / 2, rel=1e-3)
    assert res["by_kind"]["long"] == {"accuracy": 0.0, "accuracy_norm": 1.0, "pairs": 1}
    assert res["by_kind"]["short"] == {"accuracy": 1.0, "accuracy_norm": 1.0, "pairs": 1}
