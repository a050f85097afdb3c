"""The expressions of the Python taint interpreter, as a mixin that `Interpreter` (python.py)
inherits: `_expr` (interpreter_base.py) evaluates a tree-sitter node to an abstract value
(values.py) through the table `EXPRESSIONS`, one method per kind of expression (names,
attributes, strings, operators, containers, comprehensions, calls). A call is reported as an
event, then run when the function is this file's, else modelled by python_models.py.
"""

from __future__ import annotations

import ast
import itertools
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from codetune.stages.scan.taint.events import Call
from codetune.stages.scan.taint.interpreter_base import (
    InterpreterBase,
    Node,
    call_arguments,
    node_text,
)
from codetune.stages.scan.taint.python_models import (
    REQUEST_DATA,
    REQUEST_NAMES,
    compare,
    fold,
    model_call,
    mutate,
    target_name,
    truth_of,
)
from codetune.stages.scan.taint.values import (
    OPAQUE,
    PARAM,
    UNKNOWN,
    USER,
    Env,
    Value,
    built,
    const,
    derived,
    element,
    is_number,
    join,
    join_all,
    mapping,
    sequence,
    tainted,
)


class ExpressionsMixin(InterpreterBase):
    """How `Interpreter` evaluates an expression; the state it reads and the statement methods
    it calls back are the interpreter's (python.py; `_refine` is python_guards.py's)."""

    aliases: dict[str, str]
    functions: dict[str, Node]

    if TYPE_CHECKING:

        def _call_function(
            self,
            node: Node,
            receiver: Value | None,
            args: list[Value],
            kwargs: dict[str, Value],
            entry: bool = False,
        ) -> Value: ...

        def _assign(self, target: Node, value: Value, env: Env) -> None: ...

    # ------------------------------------------------------------------ expressions

    def _identifier(self, node: Node, env: Env) -> Value:
        name = node_text(node)
        if name in env:
            return env[name]
        if name in self.aliases:
            qualified = self.aliases[name]
            if qualified in {"flask.request", "request", "bottle.request", "quart.request"}:
                return Value(kind="request")
            if qualified in {"flask.session", "session"}:
                return Value(kind="session")
            if qualified == "sys.argv":
                return tainted("list")
            return Value(kind=f"module:{qualified}")
        if name in {"True", "False", "None"}:
            return const({"True": True, "False": False, "None": None}[name])
        return OPAQUE

    def _attribute(self, node: Node, env: Env) -> Value:
        qualified = self._qualified(node, env)
        obj = self._expr(node.child_by_field_name("object"), env)
        attribute = node_text(node.child_by_field_name("attribute"))
        if qualified in {"sys.argv", "sys.stdin"}:
            return tainted("list")
        if qualified in {"flask.request", "request"}:
            return Value(kind="request")
        if qualified in {"flask.session", "session"}:
            return Value(kind="session")
        if attribute in REQUEST_NAMES and node_text(node.child_by_field_name("object")) == "self":
            return Value(kind="request")  # class-based views: self.request
        if obj.kind == "response" and attribute == "headers":
            return Value(kind="response.headers")
        if obj.kind == "request":
            if attribute in REQUEST_DATA:
                return tainted(f"request.{attribute}")
            if attribute == "session":
                return Value(kind="session")
            return OPAQUE
        name = target_name(node)
        if name is not None and name in env:
            return env[name]
        if obj.kind.startswith("module:"):
            return Value(kind=f"module:{obj.kind[7:]}.{attribute}")
        if obj.labels:
            return derived(obj)
        return Value(kind=f"{obj.kind}.{attribute}" if obj.kind else "")

    def _qualified(self, node: Node | None, env: Env) -> str:
        """`sp.run` -> `subprocess.run` when `sp` is an import (not a local variable)."""
        if node is None:
            return ""
        if node.type == "identifier":
            name = node_text(node)
            if name in env:
                return name
            return self.aliases.get(name, name)
        if node.type == "attribute":
            obj = node.child_by_field_name("object")
            head = self._qualified(obj, env) if obj is not None else ""
            return f"{head}.{node_text(node.child_by_field_name('attribute'))}"
        return ""

    def _string(self, node: Node, env: Env) -> Value:
        interpolations = [c for c in node.children if c.type == "interpolation"]
        if not interpolations:
            return const(_literal(node))
        parts: list[Value] = []
        for child in node.children:
            if child.type == "string_content":
                parts.append(const(node_text(child)))
            elif child.type == "interpolation":
                parts.append(self._expr(child.child_by_field_name("expression"), env))
        return _concat(parts)

    def _concatenated(self, node: Node, env: Env) -> Value:
        return _concat([self._expr(c, env) for c in node.named_children])

    def _binary(self, node: Node, env: Env) -> Value:
        left = self._expr(node.child_by_field_name("left"), env)
        right = self._expr(node.child_by_field_name("right"), env)
        operator = node_text(node.child_by_field_name("operator"))
        if operator == "+" and (left.items is not None and right.items is not None):
            return sequence((*left.items, *right.items))
        if operator == "%" and isinstance(left.const, str):
            parts = right.items if right.items is not None else (right,)
            folded = UNKNOWN
            if all(p.is_const for p in parts):
                try:
                    folded = left.const % tuple(p.const for p in parts)
                except (TypeError, ValueError, KeyError, OverflowError):
                    folded = UNKNOWN
            specs = re.findall(r"%[-#0 +]*(?:\d+|\*)?(?:\.\d+)?([a-zA-Z%])", left.const)
            if specs and all(spec in "diouxXeEfFgGc%" for spec in specs):
                # only numbers are formatted in: no text gets through (a weak random stays)
                value = derived(left, *parts, const_value=folded)
                return replace(value, labels=value.labels - {USER, PARAM})
            return built(left, *parts, const_value=folded)
        if operator in {"+", "/"} and not (is_number(left) or is_number(right)):
            kind = left.kind if left.kind in {"pathlib.Path", "Path"} else ""
            return built(left, right, const_value=fold(operator, left, right), kind=kind)
        return derived(left, right, const_value=fold(operator, left, right))

    def _compare(self, node: Node, env: Env) -> Value:
        operands = [self._expr(c, env) for c in node.named_children]
        operators = [
            node_text(c) for c in node.children if not c.is_named and node_text(c) not in {"(", ")"}
        ]
        # `not in` and `is not` are two tokens
        merged: list[str] = []
        for op in operators:
            if merged and (
                (merged[-1] == "not" and op == "in") or (merged[-1] == "is" and op == "not")
            ):
                merged[-1] = f"{merged[-1]} {op}" if merged[-1] == "is" else "not in"
            else:
                merged.append(op)
        result: Any = True
        for op, (left, right) in zip(merged, itertools.pairwise(operands), strict=False):
            folded = compare(op, left, right)
            if folded is UNKNOWN:
                return OPAQUE
            result = result and folded
        return const(bool(result))

    def _boolean(self, node: Node, env: Env) -> Value:
        left = self._expr(node.child_by_field_name("left"), env)
        right = self._expr(node.child_by_field_name("right"), env)
        operator = node_text(node.child_by_field_name("operator"))
        left_truth = truth_of(left)
        if left_truth is not None:
            if operator == "and":
                return right if left_truth else left
            return left if left_truth else right
        return join(left, right)

    def _not(self, node: Node, env: Env) -> Value:
        truth = truth_of(self._expr(node.child_by_field_name("argument"), env))
        return OPAQUE if truth is None else const(not truth)

    def _unary(self, node: Node, env: Env) -> Value:
        value = self._expr(node.child_by_field_name("argument"), env)
        operator = node_text(node.child_by_field_name("operator"))
        if isinstance(value.const, int | float) and operator in {"-", "+", "~"}:
            return const({"-": -value.const, "+": value.const}.get(operator, ~int(value.const)))
        return derived(value)

    def _conditional(self, node: Node, env: Env) -> Value:
        parts = node.named_children
        if len(parts) != 3:
            return derived(*(self._expr(p, env) for p in parts))
        truth = truth_of(self._expr(parts[1], env))
        if truth is True:
            return self._expr(parts[0], self._refine(parts[1], True, env))
        if truth is False:
            return self._expr(parts[2], self._refine(parts[1], False, env))
        return join(
            self._expr(parts[0], self._refine(parts[1], True, env)),
            self._expr(parts[2], self._refine(parts[1], False, env)),
        )

    def _subscript(self, node: Node, env: Env) -> Value:
        container = self._expr(node.child_by_field_name("value"), env)
        index = node.child_by_field_name("subscript")
        if index is not None and index.type == "slice":
            bounds = [self._expr(c, env).const for c in index.named_children]
            if (
                container.items is not None
                and len(bounds) <= 2
                and all(isinstance(b, int) for b in bounds)
                and ":" in node_text(index)
            ):
                start, stop = (
                    ([*bounds, None, None])[:2]
                    if node_text(index).strip().startswith(tuple("-0123456789"))
                    else (None, bounds[0] if bounds else None)
                )
                return sequence(container.items[start:stop], kind=container.kind)
            if isinstance(container.const, str) and all(isinstance(b, int) for b in bounds):
                return derived(container)
            return derived(container, const_value=UNKNOWN)
        key = self._expr(index, env)
        if container.kind == "request":
            return tainted()
        return element(container, key.const)

    def _sequence(self, node: Node, env: Env) -> Value:
        items = []
        for child in node.named_children:
            if child.type in {"list_splat", "dictionary_splat"}:
                inner = self._expr(child.named_children[0], env)
                items.extend(inner.items if inner.items is not None else [derived(inner)])
            else:
                items.append(self._expr(child, env))
        return sequence(items, kind="tuple" if node.type == "tuple" else "list")

    def _dictionary(self, node: Node, env: Env) -> Value:
        entries: list[tuple[Any, Value]] = []
        for pair in node.named_children:
            if pair.type != "pair":
                inner = self._expr(pair.named_children[0] if pair.named_children else pair, env)
                entries.extend(inner.entries or [(UNKNOWN, derived(inner))])
                continue
            key = self._expr(pair.child_by_field_name("key"), env)
            entries.append((key.const, self._expr(pair.child_by_field_name("value"), env)))
        return mapping(entries)

    def _comprehension(self, node: Node, env: Env) -> Value:
        inner = dict(env)
        sources: list[Value] = []
        for clause in node.named_children:
            if clause.type == "for_in_clause":
                iterable = self._expr(clause.child_by_field_name("right"), inner)
                sources.append(iterable)
                item = join_all(iterable.items) if iterable.items else element(iterable)
                left = clause.child_by_field_name("left")
                if left is not None:
                    self._assign(left, item, inner)
        body = node.child_by_field_name("body")
        value = self._expr(body, inner) if body is not None else derived(*sources)
        return Value(labels=value.labels, clean=value.clean, kind="list")

    def _named(self, node: Node, env: Env) -> Value:
        value = self._expr(node.child_by_field_name("value"), env)
        name = node.child_by_field_name("name")
        if name is not None:
            env[node_text(name)] = value
        return value

    def _assignment_expr(self, node: Node, env: Env) -> Value:
        right = node.child_by_field_name("right")
        value = self._expr(right, env) if right is not None else OPAQUE
        left = node.child_by_field_name("left")
        if node.type == "augmented_assignment" and left is not None:
            current = self._expr(left, env)
            operator = node_text(node.child_by_field_name("operator")).rstrip("=")
            value = derived(current, value, const_value=fold(operator, current, value))
        if left is not None:
            self._assign(left, value, env)
        return value

    # ------------------------------------------------------------------ calls

    def _call(self, node: Node, env: Env) -> Value:
        function = node.child_by_field_name("function")
        arg_nodes = call_arguments(node)
        args: list[Value] = []
        kwargs: dict[str, Value] = {}
        for argument in arg_nodes:
            if argument.type == "keyword_argument":
                kwargs[node_text(argument.child_by_field_name("name"))] = self._expr(
                    argument.child_by_field_name("value"), env
                )
            elif argument.type == "list_splat":
                inner = self._expr(argument.named_children[0], env)
                args.extend(inner.items if inner.items is not None else [derived(inner)])
            elif argument.type == "dictionary_splat":
                inner = self._expr(argument.named_children[0], env)
                kwargs["**"] = inner
            else:
                args.append(self._expr(argument, env))
        receiver: Value | None = None
        method = ""
        receiver_node: Node | None = None
        if function is not None and function.type == "attribute":
            receiver_node = function.child_by_field_name("object")
            receiver = self._expr(receiver_node, env)
            method = node_text(function.child_by_field_name("attribute"))
            qualified = self._qualified(function, env)
            if receiver.kind.startswith("module:"):
                qualified = f"{receiver.kind[7:]}.{method}"
            elif receiver.kind and not receiver.kind.startswith("module:"):
                qualified = f"{receiver.kind}.{method}"
            elif target_name(receiver_node) in env:
                qualified = method
        else:
            qualified = self._qualified(function, env)
            bound = env.get(node_text(function)) if function is not None else None
            if bound is not None and bound.kind.startswith("module:"):
                qualified = bound.kind[7:]  # evaluate = builtins.eval; evaluate(x)
            elif bound is not None and bound.kind == "xpath.evaluator":
                qualified = "xpath.evaluator.__call__"  # evaluate = etree.XPathEvaluator(doc)
            method = qualified.rpartition(".")[2]
        event = Call(node, qualified, method, receiver, args, kwargs, self._function[-1])
        self.events.append(event)

        # A function of this file, called by name or as self.method(...)
        local = None
        if (
            function is not None
            and function.type == "identifier"
            and node_text(function) not in env
        ):
            local = self.functions.get(node_text(function))
        elif receiver_node is not None and node_text(receiver_node) in {"self", "cls"}:
            local = self.functions.get(method)
        elif receiver is not None and receiver.kind.startswith("local:"):
            local = self.functions.get(method)
            if local is not None:
                return self._call_function(local, receiver, args, kwargs)
        if (
            function is not None
            and function.type == "identifier"
            and node_text(function) in self.classes
            and node_text(function) not in env
        ):
            # An object of a class of this file carries what it was built from.
            return replace(derived(*args, *kwargs.values()), kind=f"local:{node_text(function)}")
        if local is not None:
            return self._call_function(local, None, args, kwargs)
        result = model_call(event)
        mutate(receiver_node, method, args, kwargs, env)
        if result is not None:
            return result
        return derived(*(() if receiver is None else (receiver,)), *args, *kwargs.values())


EXPRESSIONS: dict[str, Callable[[ExpressionsMixin, Node, Env], Value]] = {
    "identifier": ExpressionsMixin._identifier,
    "attribute": ExpressionsMixin._attribute,
    "string": ExpressionsMixin._string,
    "concatenated_string": ExpressionsMixin._concatenated,
    "integer": lambda self, node, env: const(_literal(node)),
    "float": lambda self, node, env: const(_literal(node)),
    "true": lambda self, node, env: const(True),
    "false": lambda self, node, env: const(False),
    "none": lambda self, node, env: const(None),
    "binary_operator": ExpressionsMixin._binary,
    "comparison_operator": ExpressionsMixin._compare,
    "boolean_operator": ExpressionsMixin._boolean,
    "not_operator": ExpressionsMixin._not,
    "unary_operator": ExpressionsMixin._unary,
    "conditional_expression": ExpressionsMixin._conditional,
    "subscript": ExpressionsMixin._subscript,
    "list": ExpressionsMixin._sequence,
    "tuple": ExpressionsMixin._sequence,
    "set": ExpressionsMixin._sequence,
    "expression_list": ExpressionsMixin._sequence,
    "dictionary": ExpressionsMixin._dictionary,
    "list_comprehension": ExpressionsMixin._comprehension,
    "generator_expression": ExpressionsMixin._comprehension,
    "set_comprehension": ExpressionsMixin._comprehension,
    "dictionary_comprehension": ExpressionsMixin._comprehension,
    "named_expression": ExpressionsMixin._named,
    "assignment": ExpressionsMixin._assignment_expr,
    "augmented_assignment": ExpressionsMixin._assignment_expr,
    "call": ExpressionsMixin._call,
    "lambda": ExpressionsMixin._opaque,
    "parenthesized_expression": ExpressionsMixin._inner,
    "await": ExpressionsMixin._inner,
}


def _literal(node: Node) -> Any:
    text = node_text(node)
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        content = "".join(node_text(c) for c in node.children if c.type == "string_content")
        return content if node.type == "string" else UNKNOWN


def _concat(parts: list[Value]) -> Value:
    if all(isinstance(p.const, str) for p in parts):
        return const("".join(p.const for p in parts))
    return built(*parts)
