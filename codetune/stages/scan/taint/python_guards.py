"""The guards of the Python taint interpreter, as a mixin that `Interpreter` (python.py)
inherits: `_refine` gives the environment on the branch where a condition holds (or fails),
with the values it checked cleaned for the sink families the check protects: an allow-list
(`x in ALLOWED`), a digit or regex test, a path-prefix test, a validator call
(`is_safe_url(x)`), or an equality that fixes a value to a constant. `_peek`, which evaluates
a checked value without reporting its calls again, is interpreter_base.py's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from codetune.stages.scan.taint.interpreter_base import (
    InterpreterBase,
    Node,
    call_arguments,
    node_text,
    strip_parens,
)
from codetune.stages.scan.taint.python_models import VALIDATOR_NAME, target_name
from codetune.stages.scan.taint.values import FAMILIES, OPAQUE, Env, Value, fixed_destination


class GuardsMixin(InterpreterBase):
    """How `Interpreter` narrows an environment by a condition; the expression methods it
    calls back are the interpreter's (python_expressions.py)."""

    if TYPE_CHECKING:

        def _qualified(self, node: Node | None, env: Env) -> str: ...

    def _refine(self, condition: Node | None, truth: bool, env: Env) -> Env:
        """The environment on the branch where `condition` is `truth`: values checked by an
        allow-list, a digit/regex test or a path-prefix test are clean there."""
        if condition is None:
            return env
        env = dict(env)
        node = strip_parens(condition)
        if node.type == "not_operator":
            return self._refine(node.child_by_field_name("argument"), not truth, env)
        if node.type == "boolean_operator":
            operator = node_text(node.child_by_field_name("operator"))
            if (operator == "and" and truth) or (operator == "or" and not truth):
                env = self._refine(node.child_by_field_name("left"), truth, env)
                return self._refine(node.child_by_field_name("right"), truth, env)
            return env
        if node.type == "comparison_operator" and len(node.named_children) == 2:
            left, right = node.named_children
            operator = " ".join(
                node_text(c) for c in node.children if not c.is_named and node_text(c) not in "()"
            )
            if operator in {"in", "not in"}:
                positive = (operator == "in") == truth
                right_value = self._peek(right, env)
                left_value = self._peek(left, env)
                if left_value.is_const and left_value.const in {"..", "../", "/", "\\", "..\\"}:
                    if not positive:  # '..' not in x: a path without parent steps
                        self._clean(right, FAMILIES & {"path"}, env)
                elif positive and not right_value.user:
                    self._clean(left, FAMILIES, env)  # x in ALLOWED
                    lookup = strip_parens(right)
                    # x in TABLE.get(k) / TABLE[k]: k was a key of the table too
                    if lookup.type == "call" and call_arguments(lookup):
                        self._clean(call_arguments(lookup)[0], FAMILIES, env)
                    elif lookup.type == "subscript":
                        key = lookup.child_by_field_name("subscript")
                        if key is not None:
                            self._clean(key, FAMILIES, env)
            if operator in {"==", "!="} and (operator == "==") == truth:
                for side in (left, right):
                    side = strip_parens(side)
                    if side.type == "call" and node_text(
                        side.child_by_field_name("function")
                    ).endswith(("commonpath", "commonprefix")):
                        for argument in call_arguments(side):
                            for part in argument.named_children or [argument]:
                                self._clean(part, {"path"}, env)
            if (operator in {"==", "is"} and truth) or (operator in {"!=", "is not"} and not truth):
                value = self._peek(right, env)
                if value.is_const:
                    self._set(left, value, env)
            return env
        if node.type == "call" and truth:
            function = node.child_by_field_name("function")
            arguments = call_arguments(node)
            method = node_text(function.child_by_field_name("attribute")) if function else ""
            name = self._qualified(function, env)
            if function is not None and function.type == "attribute":
                target = function.child_by_field_name("object")
                if method in {"startswith", "is_relative_to"} and target is not None:
                    prefix = self._peek(arguments[0], env) if arguments else OPAQUE
                    self._clean(target, {"path"}, env)
                    if fixed_destination(prefix.const if isinstance(prefix.const, str) else ""):
                        self._clean(target, {"redirect", "url"}, env)
                elif method in {"isdigit", "isalnum", "isnumeric", "isdecimal", "isidentifier"}:
                    self._clean(target, FAMILIES, env)
                elif method in {"fullmatch", "match"} and arguments:
                    self._clean(
                        arguments[-1] if len(arguments) > 1 else arguments[0], FAMILIES, env
                    )
            if VALIDATOR_NAME.search(name.rpartition(".")[2]) and arguments:
                for argument in arguments[:1]:
                    self._clean(argument, FAMILIES, env)  # if is_safe_url(x): / is_allowed(x)
            if name in {"re.fullmatch", "re.match"} and len(arguments) >= 2:
                self._clean(arguments[1], FAMILIES, env)
            if name.endswith(("url_has_allowed_host_and_scheme", "is_safe_url")) and arguments:
                self._clean(arguments[0], {"redirect", "url"}, env)
        return env

    def _clean(self, node: Node, families: frozenset[str] | set[str], env: Env) -> None:
        node = strip_parens(node)
        name = target_name(node)
        if name is not None and name in env:
            env[name] = env[name].cleaned(families)
        elif node.type == "call":
            # `os.path.realpath(p).startswith(base)`: the checked value is the call's argument
            for argument in call_arguments(node)[:1]:
                self._clean(argument, families, env)

    def _set(self, node: Node, value: Value, env: Env) -> None:
        name = target_name(strip_parens(node))
        if name is not None:
            env[name] = value
