"""Translation prompts and answers (codetune/lib/translation.py), and a translation judged by
the Go harness end to end: what a model's answer becomes is what the Go tests run."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetune.core.config.sandbox import SandboxLimits
from codetune.lib.sandbox import launcher
from codetune.lib.sandbox.humaneval_x import entry_point, load_problems, run_go_tests
from codetune.lib.translation import go_answer_to_function, translation_prompts

DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "humaneval-x"
JAVA = "class Solution {\n    public int add(int x, int y) {\n        return x + y;\n    }\n}\n"
START = "\n// Add two numbers x and y\nfunc Add(x int, y int) int {\n"


def test_base_prompt_comments_out_the_source_and_continues_the_target(tiny_tokenizer):
    prompts, stops, fmt = translation_prompts([JAVA], [START], tiny_tokenizer, "base")
    assert fmt == "base" and stops == ["\n}"]
    (prompt,) = prompts
    assert "//     public int add(int x, int y) {" in prompt
    assert prompt.endswith(START)  # the model writes the body next
    # The stop cut the closing brace: the function is closed again.
    assert go_answer_to_function("    return x + y", START, "Add", fmt) == START + (
        "    return x + y\n}\n"
    )


def test_chat_prompt_asks_in_a_user_turn_and_opens_a_go_block(tiny_tokenizer):
    prompts, stops, fmt = translation_prompts([JAVA], [START], tiny_tokenizer, "chat")
    assert fmt == "chat" and stops == ["\n```"]
    (prompt,) = prompts
    assert "Translate the following Java code to Go." in prompt
    assert "```java\n" + JAVA + "```" in prompt and "```go\n" + START + "```" in prompt
    assert prompt.endswith("```go\n")


def test_chat_answers_lose_package_and_imports_and_keep_helpers():
    answer = (
        'package main\n\nimport (\n    "fmt"\n)\nimport "strings"\n\n'
        "func helper(x int) int {\n    return x\n}\n\n"
        "func Add(x int, y int) int {\n    return helper(x) + y\n}\n"
    )
    code = go_answer_to_function(answer, START, "Add", "chat")
    assert "package" not in code and "import" not in code
    assert code.startswith("func helper") and "func Add(x int, y int) int {" in code
    # An answer that only wrote the body is taken as the body after the start.
    assert go_answer_to_function("    return x + y\n}\n", START, "Add", "chat") == (
        START + "    return x + y\n}\n"
    )


@pytest.mark.skipif(launcher.toolchain("go")[0] is None, reason="no Go toolchain")
@pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} not present")
def test_answers_as_a_model_writes_them_are_judged_by_the_go_tests():
    problems = load_problems(DATA, "go")
    problem = problems["Go/53"]
    start, name = problem["prompt"], entry_point(problem)
    assert name == "Add"
    right_chat = "package main\n\nfunc Add(x int, y int) int {\n    return x + y\n}\n"
    wrong_base = "    return x * y"
    programs = [
        ("Go/53", go_answer_to_function(right_chat, start, name, "chat")),
        ("Go/53", go_answer_to_function(wrong_base, start, name, "base")),
        ("Go/53", go_answer_to_function("    return x + y", start, name, "base")),
    ]
    verdicts = run_go_tests(programs, problems, SandboxLimits(timeout_s=60), workers=2)
    assert [v.passed for v in verdicts] == [True, False, True], verdicts
