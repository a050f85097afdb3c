"""Generation: batched sampling with a KV cache, presence penalty, stop sequences, streaming.

transformers has no presence penalty, so `PresencePenaltyProcessor` adds one with vLLM/OpenAI
semantics: a constant is subtracted from the logit of every token that already occurs in the
generated text (once, however often it occurred), unlike the multiplicative
repetition_penalty, which also penalises prompt tokens.
"""

from __future__ import annotations

import ast
import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import torch
from pydantic import Field
from tqdm.auto import tqdm
from transformers import LogitsProcessor, LogitsProcessorList

from codetune.core.schema import Section

# A generated Python function ends where the next top-level statement would start.
PYTHON_FUNCTION_STOPS = ["\ndef ", "\nclass ", "\nif __name__", "\n@", "\n#", "\nprint("]
# In the chat format the function is written inside a Markdown code block: its end closes it.
CODE_BLOCK_END = "\n```"

PromptFormat = Literal["auto", "base", "chat"]
CHAT_INSTRUCTION = "Complete the following {language} function:\n```{fence}\n{code}```"
# In the chat format the answer is a Markdown code block of its own: it ends when the block
# closes, or where the model starts exercising its function at top level.
CHAT_STOPS = [CODE_BLOCK_END, "\nif __name__", "\nprint(", "\nassert "]


def is_instruct_tokenizer(tokenizer) -> bool:
    """Whether the tokenizer is an instruct (chat) checkpoint's.

    Instruct checkpoints end a sequence where an assistant turn ends: their EOS token is the
    end-of-turn token of their chat template (`<|im_end|>` in ChatML, `<|eot_id|>` in Llama 3).
    Base checkpoints often ship a chat template too, but keep a document EOS that the template
    never writes (Qwen2.5-Coder base: `<|endoftext|>`).
    """
    template = getattr(tokenizer, "chat_template", None)
    eos = getattr(tokenizer, "eos_token", None)
    return isinstance(template, str) and isinstance(eos, str) and bool(eos) and eos in template


def resolve_prompt_format(fmt: PromptFormat, tokenizer) -> Literal["base", "chat"]:
    if fmt == "auto":
        return "chat" if is_instruct_tokenizer(tokenizer) else "base"
    if fmt == "chat" and not getattr(tokenizer, "chat_template", None):
        from codetune.core.errors import UserError

        raise UserError("model.prompt_format: 'chat', but the tokenizer has no chat template")
    return fmt


def function_prompts(
    starts: Sequence[str], tokenizer, fmt: PromptFormat, *, language: str = "python"
) -> tuple[list[str], list[str], Literal["base", "chat"]]:
    """Prompts that make the model write each function from its start (signature + docstring).

    Returns (prompts, stop sequences, the resolved format). 'base': the start itself, which a
    base model continues with the body, as in pretraining. 'chat' (evalplus's way for chat
    models): the user asks for the function, the assistant's reply is prefilled with an opening
    code block and the model writes the whole function in it. Prefilling the start itself
    does not work for an instruct model: SmolLM2-Instruct closes the block straight after the
    docstring (16 of 16 HumanEval answers empty), and given the raw start it writes a new
    top-level line that the stop sequences cut to an empty body. `answer_to_body` turns a
    chat answer back into a body, so `start + body` is the program either way.
    """
    resolved = resolve_prompt_format(fmt, tokenizer)
    if resolved == "base":
        return list(starts), list(PYTHON_FUNCTION_STOPS), resolved
    name = {"python": "Python"}.get(language, language)
    prompts = [
        chat_prefilled(
            tokenizer,
            CHAT_INSTRUCTION.format(language=name, fence=language, code=start),
            f"```{language}\n",
        )
        for start in starts
    ]
    return prompts, list(CHAT_STOPS), resolved


def chat_prefilled(tokenizer, request: str, reply_start: str) -> str:
    """A one-turn chat prompt: the user's `request`, then the assistant's reply begun with
    `reply_start` (an opening code block), for the model to go on from."""
    head = tokenizer.apply_chat_template(
        [{"role": "user", "content": request}],
        tokenize=False,
        add_generation_prompt=True,
        enable_thinking=False,
    )
    return head + reply_start


def answer_to_body(
    text: str, entry_point: str, fmt: Literal["base", "chat"], start: str | None = None
) -> str:
    """The function body (plus any helpers) of an answer, to append to the function's start.

    Base answers are bodies already. A chat answer is a whole program: the body of its
    `entry_point` (docstring dropped, re-indented to 4 spaces, since the start already has
    the docstring), followed by the imports, functions, classes and plain assignments it
    defines at top level, which Python runs before the tests call the function (top-level
    calls such as a demo `f(-1)` are dropped: they would run, and could fail, before the
    tests). When the answer's signature differs from the `start`'s (renamed parameters), its
    whole function follows instead, so its own `def` wins. An answer without code in the
    function is empty (""); one that does not parse, or does not define `entry_point`, is kept
    whole after a newline: it is judged as written.
    """
    if fmt == "base":
        return text
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "\n" + text
    # ast counts lines at "\n" only; str.splitlines would also split at \f, \x1c, ...
    lines = text.split("\n")
    lines = [line + "\n" for line in lines[:-1]] + [lines[-1]]
    target = _function_named(tree, entry_point)
    if target is None:
        return "\n" + text
    statements = list(target.body)
    if statements and _is_docstring(statements[0]):
        statements = statements[1:]  # the start's own docstring stands in for it
    if not statements:
        return ""  # no code in the function: whatever else the answer defines, it is empty
    if start is not None and not _same_signature(start, entry_point, target):
        return "\n" + text
    body = _reindented_body(tree, lines, statements[0], target.end_lineno or len(lines))
    others = [n for n in tree.body if n is not target and _definition(n)]
    rest = "".join("".join(lines[_first_line(n) - 1 : n.end_lineno]) for n in others)
    if rest:
        body = body.rstrip("\n") + "\n\n\n" + rest
    return body


def _function_named(tree, name: str):
    return next(
        (
            n
            for n in tree.body
            if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == name
        ),
        None,
    )


def _is_docstring(node) -> bool:
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
    )


def _same_signature(start: str, entry_point: str, answer_fn) -> bool:
    """Whether the answer's function takes the same parameters as the start's (a start that
    does not parse on its own gives it the benefit of the doubt)."""
    try:
        start_fn = _function_named(ast.parse(start + "\n    pass\n"), entry_point)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return True
    if start_fn is None:
        return True
    return ast.dump(start_fn.args) == ast.dump(answer_fn.args)


def _definition(node) -> bool:
    """Top-level statements that only define: imports, defs, classes, assignments without
    calls."""
    if isinstance(node, ast.Import | ast.ImportFrom | ast.ClassDef):
        return True
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return True
    if isinstance(node, ast.Assign | ast.AnnAssign):
        return not any(isinstance(n, ast.Call) for n in ast.walk(node))
    return False


def _reindented_body(tree, lines: list[str], first, end_line: int) -> str:
    """Source lines of a function body from statement `first` to `end_line`, moved to a
    4-space indent. Lines inside a multi-line string (f-strings included) keep their text
    (moving them would change the string, or break the indentation when they sit at column
    0), and a statement written on the `def` line itself (`def f(): return 1`) starts its own
    line."""
    inside_strings: set[int] = set()  # 1-based lines that continue a multi-line string
    for node in ast.walk(tree):
        is_string = isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str | bytes)
        )
        if is_string and node.end_lineno and node.end_lineno > node.lineno:
            inside_strings.update(range(node.lineno + 1, node.end_lineno + 1))
    start = first.lineno
    head = lines[start - 1]
    # col_offset counts UTF-8 bytes, not characters.
    indent = len(head.encode()[: first.col_offset].decode(errors="ignore"))
    if head[:indent].strip():  # the statement follows `def ...:` on the same line
        head = " " * indent + head[indent:]
    out = []
    for number in range(start, end_line + 1):
        line = head if number == start else lines[number - 1]
        if number in inside_strings or not line.strip():
            out.append(line)
            continue
        width = len(line) - len(line.lstrip(" \t"))
        out.append("    " + line[min(width, indent) :])
    return "".join(out)


def _first_line(node) -> int:
    decorators = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


@contextlib.contextmanager
def inference_autocast(model, precision: str = "auto") -> Iterator[None]:
    """bf16 autocast for scoring and generation when `precision` asks for it (auto: where the
    hardware has bf16: on a CPU with AVX512-BF16 scoring runs 2.2x faster than fp32); a no-op
    context otherwise. Code that needs fp32 inside (the LM head of scoring) turns it off.

    Autocast caches its bf16 copy of a weight only while the weight requires grad; frozen
    weights (every merged model: merge_and_unload leaves them frozen) are cast again on every
    matmul, and greedy decoding of SmolLM2-135M ran 2.1x slower (8 x 48 tokens: 5.0 s against
    2.4 s). Inside the context every float parameter requires grad, so each is cast once; the
    callers run under no_grad, so no graph is built, and the flags are restored on exit."""
    from codetune.core.runtime import resolve_precision

    if resolve_precision(precision) != "bf16":
        yield
        return
    frozen = [p for p in model.parameters() if p.is_floating_point() and not p.requires_grad]
    for param in frozen:
        param.requires_grad_(True)
    try:
        with torch.autocast(next(model.parameters()).device.type, dtype=torch.bfloat16):
            yield
    finally:
        for param in frozen:
            param.requires_grad_(False)


class SamplingConfig(Section):
    """Sampling options (vLLM / OpenAI semantics where the names match)."""

    max_new_tokens: int = Field(1024, ge=1, description="Most tokens generated per prompt.")
    temperature: float = Field(0.0, ge=0, description="0 means greedy (deterministic).")
    top_p: float = Field(0.9, gt=0, le=1, description="Nucleus sampling mass.")
    top_k: int = Field(0, ge=0, description="Keep the k most likely tokens (0: off).")
    repetition_penalty: float = Field(1.0, gt=0, description="Multiplicative (HF) penalty.")
    presence_penalty: float = Field(
        0.0, ge=-2, le=2, description="Subtracted from logits of tokens already generated."
    )
    stop: list[str] = Field(default_factory=list, description="Stop sequences (not returned).")
    batch_size: int = Field(8, ge=1, description="Prompts per generate call.")
    stream_chunk_tokens: int = Field(64, ge=1, description="Tokens per streamed chunk.")
    seed: int = Field(0, description="Sampling seed.")


class PresencePenaltyProcessor(LogitsProcessor):
    """logits[t] -= penalty for every token t present in the generated part of the sequence."""

    def __init__(self, penalty: float, prompt_length: int):
        self.penalty = penalty
        self.prompt_length = prompt_length

    def __call__(self, input_ids: torch.LongTensor, scores: torch.FloatTensor) -> torch.FloatTensor:
        generated = input_ids[:, self.prompt_length :]
        if generated.numel() == 0 or self.penalty == 0:
            return scores
        present = torch.zeros_like(scores, dtype=torch.bool)
        present.scatter_(1, generated, True)
        return scores - self.penalty * present.to(scores.dtype)


def stop_token_ids(tokenizer) -> list[int]:
    ids = {tokenizer.convert_tokens_to_ids(t) for t in ("<|endoftext|>", "<|im_end|>")}
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    return sorted(i for i in ids if isinstance(i, int) and i >= 0)


def cut_at_stop(text: str, stops: Sequence[str]) -> str:
    cut = len(text)
    for s in stops:
        i = text.find(s)
        if i != -1:
            cut = min(cut, i)
    return text[:cut]


@dataclass
class Generation:
    prompt: str
    text: str
    new_tokens: int
    finished: bool = field(default=False)  # stopped by EOS/stop sequence, not the budget


def _generate_kwargs(cfg: SamplingConfig, tokenizer, prompt_length: int) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "max_new_tokens": cfg.max_new_tokens,
        "eos_token_id": stop_token_ids(tokenizer),
        "pad_token_id": tokenizer.pad_token_id,
        "use_cache": True,
    }
    if cfg.temperature > 0:
        kwargs.update(do_sample=True, temperature=cfg.temperature, top_p=cfg.top_p)
        if cfg.top_k:
            kwargs["top_k"] = cfg.top_k
    else:
        kwargs.update(do_sample=False, temperature=None, top_p=None, top_k=None)
    if cfg.repetition_penalty != 1.0:
        kwargs["repetition_penalty"] = cfg.repetition_penalty
    if cfg.presence_penalty:
        kwargs["logits_processor"] = LogitsProcessorList(
            [PresencePenaltyProcessor(cfg.presence_penalty, prompt_length)]
        )
    if cfg.stop:
        kwargs["stop_strings"] = cfg.stop
        kwargs["tokenizer"] = tokenizer
    return kwargs


def _left_pad(tokenizer, prompts: Sequence[str]) -> dict[str, torch.Tensor]:
    side = tokenizer.padding_side
    tokenizer.padding_side = "left"
    try:
        return tokenizer(list(prompts), return_tensors="pt", padding=True, add_special_tokens=False)
    finally:
        tokenizer.padding_side = side


@torch.no_grad()
def generate(
    model, tokenizer, prompts: Sequence[str], cfg: SamplingConfig, *, desc: str = "generating"
) -> list[Generation]:
    """Complete each prompt; the returned text excludes the prompt and any stop sequence."""
    model.eval()
    device = next(model.parameters()).device
    stops = set(stop_token_ids(tokenizer))
    out: list[Generation] = []
    torch.manual_seed(cfg.seed)
    for start in tqdm(range(0, len(prompts), cfg.batch_size), desc=desc, leave=False):
        batch = list(prompts[start : start + cfg.batch_size])
        enc = _left_pad(tokenizer, batch).to(device)
        width = enc["input_ids"].shape[1]
        seqs = model.generate(**enc, **_generate_kwargs(cfg, tokenizer, width))
        for prompt, seq in zip(batch, seqs[:, width:], strict=True):
            ids = seq.tolist()
            ended = next((i for i, t in enumerate(ids) if t in stops), None)
            if ended is not None:
                ids = ids[:ended]
            text = tokenizer.decode(ids, skip_special_tokens=True)
            cut = cut_at_stop(text, cfg.stop)
            finished = ended is not None or len(cut) < len(text)
            out.append(Generation(prompt, cut, len(ids), finished))
    return out


class _TokenQueue:
    """A transformers streamer that hands generated token ids to another thread."""

    def __init__(self):
        import queue

        self.queue: queue.Queue[list[int] | None] = queue.Queue()
        self._skipped_prompt = False

    def put(self, value: torch.Tensor) -> None:
        if not self._skipped_prompt:  # the first call carries the prompt
            self._skipped_prompt = True
            return
        self.queue.put(value.reshape(-1).tolist())

    def end(self) -> None:
        self.queue.put(None)


def stream(model, tokenizer, prompt: str, cfg: SamplingConfig) -> Iterator[str]:
    """Yield the completion of one prompt in chunks of `cfg.stream_chunk_tokens` tokens.

    The concatenated chunks equal `generate()`'s text for the same prompt and settings.
    """
    from threading import Thread

    device = next(model.parameters()).device
    enc = tokenizer([prompt], return_tensors="pt", add_special_tokens=False).to(device)
    streamer = _TokenQueue()
    kwargs = _generate_kwargs(cfg, tokenizer, enc["input_ids"].shape[1])
    stops = set(stop_token_ids(tokenizer))
    torch.manual_seed(cfg.seed)
    thread = Thread(target=model.generate, kwargs={**enc, **kwargs, "streamer": streamer})
    thread.start()
    ids: list[int] = []
    emitted = ""
    pending = 0
    done = False
    while not done:
        item = streamer.queue.get()
        if item is None:
            done = True
        else:
            for t in item:
                if t in stops:
                    done = True
                    break
                ids.append(t)
                pending += 1
        if pending >= cfg.stream_chunk_tokens or done:
            text = cut_at_stop(tokenizer.decode(ids, skip_special_tokens=True), cfg.stop)
            if text.endswith("\ufffd") and not done:
                continue  # a multi-byte character is split across tokens: wait for the rest
            if len(text) < len(emitted):  # a stop sequence appeared: nothing more to say
                break
            if text[len(emitted) :]:
                yield text[len(emitted) :]
            emitted, pending = text, 0
            if cfg.stop and len(text) < len(tokenizer.decode(ids, skip_special_tokens=True)):
                break
    thread.join()


def function_bodies(
    model,
    tokenizer,
    starts: Sequence[str],
    entry_points: Sequence[str],
    fmt: PromptFormat,
    *,
    desc: str,
    **sampling: Any,
) -> tuple[list[str], list[Generation]]:
    """Each function's body written by the model from its start, prompted as for HumanEval
    (`function_prompts`; a chat turn for an instruct model) and turned back into a body
    (`answer_to_body`), so `start + body` is the program. `sampling`: SamplingConfig fields
    other than `stop` (max_new_tokens, temperature, top_p, batch_size, seed)."""
    prompts, stops, resolved = function_prompts(starts, tokenizer, fmt)
    outputs = generate(model, tokenizer, prompts, SamplingConfig(stop=stops, **sampling), desc=desc)
    bodies = [
        answer_to_body(out.text, entry, resolved, start)
        for out, entry, start in zip(outputs, entry_points, starts, strict=True)
    ]
    return bodies, outputs
