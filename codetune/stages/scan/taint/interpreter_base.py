"""What the Python and Java taint interpreters (python.py, java.py) share. `InterpreterBase`
is the state and plumbing both inherit: the bounded `_expr` dispatch through a language's
table of expressions (and the two entries both tables hold), `_peek`, the summaries that stop
a call from being run twice or recursing, and the walk over a block's statements. `Frame` is
pushed around a function's body. The helpers on tree-sitter nodes here read the same in both
grammars. What each language means by a statement, an expression or a guard stays in its own
modules.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from types import TracebackType
from typing import Any, ClassVar

import tree_sitter

from codetune.stages.scan.taint.events import Event, Function
from codetune.stages.scan.taint.values import OPAQUE, Env, Value, derived

Node = tree_sitter.Node

# Calls into the file's own functions followed at once: deeper calls are not run, their
# result is made from their arguments.
MAX_CALL_DEPTH = 4

# A call evaluated with the same values returns the same value: (function's start byte, values).
SummaryKey = tuple[int, tuple[Any, ...]]


class InterpreterBase:
    """The state and plumbing of a taint interpreter; a language's `Interpreter` sets
    `expressions` and defines `_statement` and `_refine`."""

    # Expressions evaluated per file: a bound for hostile inputs.
    max_steps: ClassVar[int] = 60_000
    # Node type -> how to evaluate it; a type not in the table is derived from its children.
    expressions: ClassVar[Mapping[str, Callable[[Any, Node, Env], Value]]]
    # Java: the body of an `if` or a loop may be one statement without braces.
    bare_statement_bodies: ClassVar[bool] = False

    def __init__(self, tree: tree_sitter.Tree, code: bytes) -> None:
        self.root = tree.root_node
        self.code = code
        self.events: list[Event] = []
        self.classes: set[str] = set()
        self.called: set[str] = set()
        self.steps = 0
        self.budget_line: int | None = None  # where the step budget ran out, if it did
        # Per function being run, innermost last: its name (calls only), what it returned,
        # and the function the events are reported in.
        self._stack: list[str] = []
        self._returns: list[list[Value]] = []
        self._function: list[Function] = []
        self._summaries: dict[SummaryKey, Value] = {}

    def _statement(self, node: Node, env: Env) -> Env | None:
        """The environment after one statement; None when no path goes on past it."""
        raise NotImplementedError

    def _refine(self, condition: Node | None, truth: bool, env: Env) -> Env:
        """The environment on the branch where `condition` is `truth` (the language's guards)."""
        raise NotImplementedError

    def _expr(self, node: Node | None, env: Env) -> Value:
        if node is None:
            return OPAQUE
        self.steps += 1
        if self.steps > self.max_steps:
            # Out of budget (a huge or hostile file): the rest is not followed, and the scan
            # says so from this line on.
            if self.budget_line is None:
                self.budget_line = node.start_point[0] + 1
            return OPAQUE
        handler = self.expressions.get(node.type)
        if handler is not None:
            return handler(self, node, env)
        return derived(*(self._expr(child, env) for child in node.named_children))

    # Entries of both languages' tables of expressions.

    def _inner(self, node: Node, env: Env) -> Value:
        """Parentheses (and Python's `await`): the value of the one expression inside."""
        return self._expr(node.named_children[0], env) if node.named_children else OPAQUE

    def _opaque(self, node: Node, env: Env) -> Value:
        """A lambda, a method reference...: nothing the rules follow."""
        return OPAQUE

    def _peek(self, node: Node, env: Env) -> Value:
        """A value for a guard, without reporting its calls a second time."""
        saved = len(self.events)
        value = self._expr(node, env)
        del self.events[saved:]
        return value

    def _block(self, node: Node | None, env: Env | None) -> Env | None:
        """The environment after a block's statements; None once a path returns or raises."""
        if node is None:
            return env
        if self.bare_statement_bodies and node.type != "block":
            return self._statement(node, env) if env is not None else None
        for child in node.named_children:
            if env is None:
                return None
            env = self._statement(child, env)
        return env

    def _reused(self, name: str, key: SummaryKey, args: Iterable[Value]) -> Value | None:
        """The value of a call of this file's function `name` that is not run: the summary
        of an earlier call with the same values, or, for a call that recurses or nests past
        MAX_CALL_DEPTH, a value derived from its arguments. None: run it."""
        if key in self._summaries:
            return self._summaries[key]
        if name in self._stack or len(self._stack) >= MAX_CALL_DEPTH:
            return derived(*args)
        return None


class Frame:
    """`with Frame(interpreter, function) as returns:` around a function's body: pushes its
    frame (`returns` collects what it returns) and pops it on exit, an exception included.
    `called=False` leaves the name off the call stack (a class's __init__ run for the state
    it sets is not a call). A class, not a generator context manager, so that entering it
    takes no deeper stack than the `_block` call after it: code nested past Python's stack
    stops at the same point."""

    def __init__(
        self, interpreter: InterpreterBase, function: Function, called: bool = True
    ) -> None:
        self.interpreter = interpreter
        self.function = function
        self.called = called

    def __enter__(self) -> list[Value]:
        interpreter = self.interpreter
        if self.called:
            interpreter._stack.append(self.function.name)
        interpreter._returns.append([])
        interpreter._function.append(self.function)
        return interpreter._returns[-1]

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        interpreter = self.interpreter
        if self.called:
            interpreter._stack.pop()
        interpreter._returns.pop()
        interpreter._function.pop()


# ---------------------------------------------------------------------- node helpers

# Comment nodes among a call's arguments: Python's, Java's two kinds.
_COMMENTS = frozenset({"comment", "line_comment", "block_comment"})


def node_text(node: Node | None) -> str:
    return node.text.decode("utf-8", "replace") if node is not None and node.text else ""


def strip_parens(node: Node) -> Node:
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    return node


def call_arguments(call: Node) -> list[Node]:
    """The argument nodes of a call (Python) or method call / object creation (Java)."""
    arguments = call.child_by_field_name("arguments")
    if arguments is None:
        return []
    if arguments.type == "generator_expression":
        return [arguments]  # Python's f(x for x in xs): the generator is the one argument
    return [c for c in arguments.named_children if c.type not in _COMMENTS]
