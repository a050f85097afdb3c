"""The expressions of the Java taint interpreter, as a mixin that `Interpreter` (java.py)
inherits: `_expr` (interpreter_base.py) evaluates a tree-sitter node to an abstract value
(values.py) through the table `EXPRESSIONS`, one method per kind of expression (names, field
accesses, literals, operators, ternaries, arrays, casts, assignments, object creations, method
calls). A call is reported as an event, then run when the method is this file's, else modelled
by java_models.py.
"""

from __future__ import annotations

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
    strip_parens,
)
from codetune.stages.scan.taint.java_models import (
    java_str,
    model_call,
    parameters_of,
    simple_type,
    truth_of,
)
from codetune.stages.scan.taint.java_tables import FLUENT_KINDS, REQUEST_TYPES, RETURN_KINDS
from codetune.stages.scan.taint.values import (
    OPAQUE,
    UNKNOWN,
    WEAK_RANDOM,
    Env,
    Value,
    built,
    const,
    derived,
    element,
    is_number,
    join,
    mapping,
    sequence,
)


class ExpressionsMixin(InterpreterBase):
    """How `Interpreter` evaluates an expression; the state it reads and the statement methods
    it calls back are the interpreter's (java.py)."""

    methods: dict[str, list[Node]]
    superclass: dict[str, str]
    class_body: dict[str, str]
    last_parameters: dict[int, Value]
    fields: Env

    if TYPE_CHECKING:

        def _invoke(
            self, node: Node, receiver: Value | None, args: list[Value], entry: bool = False
        ) -> Value: ...

        def _named_store(self, node: Node, name: str, value: Value) -> None: ...

    # ------------------------------------------------------------------ expressions

    def _identifier(self, node: Node, env: Env) -> Value:
        name = node_text(node)
        if name in env:
            return env[name]
        return Value(kind=f"class:{name}") if name[:1].isupper() else OPAQUE

    def _field_access(self, node: Node, env: Env) -> Value:
        obj_node = node.child_by_field_name("object")
        field = node_text(node.child_by_field_name("field"))
        if obj_node is not None and obj_node.type == "this":
            return env.get(f"this.{field}", self.fields.get(field, OPAQUE))
        if (
            field[:1].isupper()
            and re.fullmatch(r"[a-z_][\w.]*", node_text(obj_node))
            and not (
                obj_node is not None
                and obj_node.type == "identifier"
                and node_text(obj_node) in env
            )
        ):
            return Value(kind=f"class:{field}")  # java.security.MessageDigest
        obj = self._expr(obj_node, env)
        if obj.kind.startswith("class:") or (
            obj_node is not None and node_text(obj_node)[:1].isupper()
        ):
            # a static constant (XMLConstants.ACCESS_EXTERNAL_DTD): its name stands for it
            return const(f"{node_text(obj_node)}.{field}", kind="static")
        if field == "length" and obj.items is not None:
            return const(len(obj.items))
        return derived(obj)

    def _string(self, node: Node, env: Env) -> Value:
        return const(_java_string(node))

    def _binary(self, node: Node, env: Env) -> Value:
        operator = node_text(node.child_by_field_name("operator"))
        left = self._expr(node.child_by_field_name("left"), env)
        if operator in {"&&", "||"}:
            truth = truth_of(left)
            if truth is not None and (truth is False if operator == "&&" else truth is True):
                return const(truth)
            right = self._expr(node.child_by_field_name("right"), env)
            right_truth = truth_of(right)
            if truth is not None and right_truth is not None:
                return const(truth and right_truth if operator == "&&" else truth or right_truth)
            return OPAQUE
        right = self._expr(node.child_by_field_name("right"), env)
        if operator == "+" and (
            isinstance(left.const, str) or isinstance(right.const, str) or left.kind == "String"
        ):
            folded = UNKNOWN
            if left.is_const and right.is_const:
                folded = java_str(left.const) + java_str(right.const)
            return built(left, right, const_value=folded)
        if operator == "+" and not (is_number(left) and is_number(right)):
            return built(left, right)
        return derived(left, right, const_value=_fold(operator, left.const, right.const))

    def _unary(self, node: Node, env: Env) -> Value:
        operator = node_text(node.child_by_field_name("operator"))
        value = self._expr(node.child_by_field_name("operand"), env)
        if operator == "!":
            truth = truth_of(value)
            return OPAQUE if truth is None else const(not truth)
        if operator == "-" and is_number(value):
            return const(-value.const)
        return derived(value)

    def _ternary(self, node: Node, env: Env) -> Value:
        condition = node.child_by_field_name("condition")
        truth = truth_of(self._expr(condition, env))
        if truth is True:
            return self._expr(
                node.child_by_field_name("consequence"), self._refine(condition, True, env)
            )
        if truth is False:
            return self._expr(
                node.child_by_field_name("alternative"), self._refine(condition, False, env)
            )
        return join(
            self._expr(node.child_by_field_name("consequence"), self._refine(condition, True, env)),
            self._expr(
                node.child_by_field_name("alternative"), self._refine(condition, False, env)
            ),
        )

    def _array(self, node: Node, env: Env) -> Value:
        initializer = (
            node.child_by_field_name("value") if node.type == "array_creation_expression" else node
        )
        if initializer is None:
            return sequence(())
        return sequence((self._expr(c, env) for c in initializer.named_children), kind="array")

    def _array_access(self, node: Node, env: Env) -> Value:
        array = self._expr(node.child_by_field_name("array"), env)
        index = self._expr(node.child_by_field_name("index"), env)
        return element(array, index.const)

    def _cast(self, node: Node, env: Env) -> Value:
        value = self._expr(node.child_by_field_name("value"), env)
        target = simple_type(node_text(node.child_by_field_name("type")))
        if (
            target in {"int", "long", "short", "byte", "double", "float", "boolean"}
            and not value.is_const
        ):
            # a number cannot carry an injection, but a weak random number stays weak
            return Value(labels=value.labels & {WEAK_RANDOM})
        return value

    def _assignment(self, node: Node, env: Env) -> Value:
        left = node.child_by_field_name("left")
        operator = node_text(node.child_by_field_name("operator"))
        value = self._expr(node.child_by_field_name("right"), env)
        if operator == "+=":
            current = self._expr(left, env)
            folded = UNKNOWN
            if current.is_const and value.is_const:
                folded = (
                    (java_str(current.const) + java_str(value.const))
                    if isinstance(current.const, str)
                    else _fold("+", current.const, value.const)
                )
            value = built(current, value, const_value=folded)
        elif operator != "=":
            value = derived(self._expr(left, env), value)
        target = strip_parens(left) if left is not None else None
        if target is None:
            return value
        if target.type == "identifier":
            name = node_text(target)
            if name in env and env[name].kind and not value.kind:
                value = value.of_kind(env[name].kind)
            env[name] = value
            self._named_store(node, name, value)
        elif target.type == "field_access":
            obj = target.child_by_field_name("object")
            field = node_text(target.child_by_field_name("field"))
            if obj is not None and obj.type == "this":
                env[f"this.{field}"] = value
            self._named_store(node, field, value)
        elif target.type == "array_access":
            array = target.child_by_field_name("array")
            index = self._expr(target.child_by_field_name("index"), env)
            if array is not None and array.type == "identifier" and node_text(array) in env:
                current = env[node_text(array)]
                if (
                    current.items is not None
                    and isinstance(index.const, int)
                    and 0 <= index.const < len(current.items)
                ):
                    items = list(current.items)
                    items[index.const] = value
                    env[node_text(array)] = sequence(items, kind=current.kind)
                else:
                    env[node_text(array)] = replace(derived(current, value), kind=current.kind)
        return value

    # ------------------------------------------------------------------ calls

    def _creation(self, node: Node, env: Env) -> Value:
        type_name = simple_type(node_text(node.child_by_field_name("type")))
        full_type = re.sub(r"<.*", "", node_text(node.child_by_field_name("type")))
        args = [self._expr(a, env) for a in call_arguments(node)]
        event = Call(node, full_type, type_name, None, args, {}, self._function[-1])
        event.name = full_type
        self.events.append(event)
        if type_name in {
            "ArrayList",
            "LinkedList",
            "Vector",
            "ArrayDeque",
            "HashSet",
            "LinkedHashSet",
            "TreeSet",
            "Stack",
        }:
            if args and args[0].items is not None:
                return sequence(args[0].items, kind=type_name)
            return (
                sequence((), kind=type_name)
                if not args or is_number(args[0])
                else replace(derived(*args), kind=type_name)
            )
        if type_name in {
            "HashMap",
            "LinkedHashMap",
            "TreeMap",
            "Hashtable",
            "ConcurrentHashMap",
            "Properties",
        }:
            return mapping((), kind=type_name)
        if type_name in {"StringBuilder", "StringBuffer", "String"}:
            if not args:
                return const("", kind=type_name if type_name != "String" else "")
            first = args[0]
            if is_number(first) and type_name != "String":
                return const("", kind=type_name)
            if isinstance(first.const, str):
                return const(first.const, kind=type_name if type_name != "String" else "")
            return replace(derived(*args), kind=type_name if type_name != "String" else "")
        if type_name == "Cookie":
            return replace(derived(*args), kind="Cookie").with_attr("secure", False)
        if type_name in {"Random", "SplittableRandom"} and full_type in {
            "Random",
            "java.util.Random",
            "SplittableRandom",
            "java.util.SplittableRandom",
        }:
            return Value(kind="Random")
        if type_name == "SecureRandom":
            return Value(kind="SecureRandom")
        if type_name == "File" and len(args) > 1:
            return built(*args, kind="File")  # new File(base, name)
        if type_name == "Yaml":
            safe = any(a.kind in {"SafeConstructor", "SafeLoader"} for a in args)
            return replace(derived(*args), kind="Yaml").with_attr("safe", safe)
        if type_name in self.classes and self.superclass.get(type_name) == "ObjectInputStream":
            # A subclass that overrides resolveClass and throws for unknown classes filters.
            body = self.class_body.get(type_name, "")
            checks = "resolveClass" in body and re.search(r"\bthrow\s+new\b", body) is not None
            return replace(derived(*args), kind="ObjectInputStream").with_attr("filter", checks)
        if type_name in self.classes:
            return Value(kind=f"local:{type_name}")
        if any(REQUEST_TYPES.search(a.kind) for a in args if a.kind):
            # new SeparateClassRequest(request): a wrapper whose getters read the request
            return Value(kind="RequestWrapper")
        return replace(derived(*args), kind=type_name)

    def _method(self, node: Node, env: Env) -> Value:
        obj_node = node.child_by_field_name("object")
        method = node_text(node.child_by_field_name("name"))
        receiver = self._expr(obj_node, env) if obj_node is not None else None
        args = [self._expr(a, env) for a in call_arguments(node)]
        if receiver is not None and receiver.kind.startswith("class:"):
            qualified = f"{receiver.kind[6:]}.{method}"
        elif (
            obj_node is not None
            and obj_node.type in {"field_access", "scoped_identifier"}
            and node_text(obj_node)[:1].islower()
            and "." in node_text(obj_node)
            and (receiver is None or not receiver.kind or receiver.kind == "static")
        ):
            qualified = f"{node_text(obj_node)}.{method}"  # java.util.Base64.getDecoder()
        elif receiver is not None and receiver.kind:
            qualified = f"{receiver.kind}.{method}"
        else:
            qualified = method
        if receiver is not None and receiver.kind == "static" and isinstance(receiver.const, str):
            qualified = f"{receiver.const}.{method}"
        event = Call(node, qualified, method, receiver, args, {}, self._function[-1])
        self.events.append(event)
        local = None
        if (
            obj_node is None
            or obj_node.type == "this"
            or (receiver is not None and receiver.kind.startswith("local:"))
            or (
                receiver is not None
                and receiver.kind.startswith("class:")
                and receiver.kind[6:] in self.classes
            )
        ):
            candidates = self.methods.get(method, [])
            local = next(
                (
                    m
                    for m in candidates
                    if len(parameters_of(m.child_by_field_name("parameters"))) == len(args)
                ),
                None,
            )
        if local is not None:
            result = self._invoke(local, receiver, args)
            for index, argument in enumerate(call_arguments(node)):
                after = self.last_parameters.get(index)
                name = node_text(argument) if argument.type == "identifier" else ""
                if (
                    after is not None
                    and name in env
                    and after.attrs
                    and env[name].kind == after.kind
                ):
                    env[name] = replace(env[name], attrs=after.attrs)
            return result
        result = model_call(event, env, obj_node)
        if result is not None:
            return result
        parts = (
            [receiver] if receiver is not None and not receiver.kind.startswith("class:") else []
        ) + args
        kind = RETURN_KINDS.get(method, "")
        if (
            receiver is not None
            and receiver.kind in FLUENT_KINDS
            and method in FLUENT_KINDS[receiver.kind]
        ):
            kind = receiver.kind  # writer.append(a).append(b): the same writer
        return derived(*parts, kind=kind)


EXPRESSIONS: dict[str, Callable[[ExpressionsMixin, Node, Env], Value]] = {
    "identifier": ExpressionsMixin._identifier,
    "field_access": ExpressionsMixin._field_access,
    "string_literal": ExpressionsMixin._string,
    "text_block": ExpressionsMixin._string,
    "character_literal": lambda self, node, env: const(_java_string(node)),
    "decimal_integer_literal": lambda self, node, env: const(_int(node)),
    "hex_integer_literal": lambda self, node, env: const(_int(node)),
    "octal_integer_literal": lambda self, node, env: const(_int(node)),
    "binary_integer_literal": lambda self, node, env: const(_int(node)),
    "decimal_floating_point_literal": lambda self, node, env: const(_float(node)),
    "true": lambda self, node, env: const(True),
    "false": lambda self, node, env: const(False),
    "null_literal": lambda self, node, env: const(None),
    "this": lambda self, node, env: Value(kind="this"),
    "binary_expression": ExpressionsMixin._binary,
    "unary_expression": ExpressionsMixin._unary,
    "ternary_expression": ExpressionsMixin._ternary,
    "parenthesized_expression": ExpressionsMixin._inner,
    "array_initializer": ExpressionsMixin._array,
    "array_creation_expression": ExpressionsMixin._array,
    "array_access": ExpressionsMixin._array_access,
    "cast_expression": ExpressionsMixin._cast,
    "assignment_expression": ExpressionsMixin._assignment,
    "object_creation_expression": ExpressionsMixin._creation,
    "method_invocation": ExpressionsMixin._method,
    "lambda_expression": ExpressionsMixin._opaque,
    "method_reference": ExpressionsMixin._opaque,
    "class_literal": ExpressionsMixin._opaque,
    "update_expression": ExpressionsMixin._opaque,
    "instanceof_expression": ExpressionsMixin._opaque,
}


# ---------------------------------------------------------------------- helpers


_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "0": "\0",
    "'": "'",
    '"': '"',
    "\\": "\\",
    "s": " ",
}


def _java_string(node: Node) -> str:
    text = node_text(node)
    if node.type == "text_block":
        body = text[3:-3]
        return body.lstrip("\n")
    body = text[1:-1]
    return re.sub(
        r"\\(u[0-9a-fA-F]{4}|.)",
        lambda m: (
            chr(int(m.group(1)[1:], 16))
            if m.group(1).startswith("u") and len(m.group(1)) == 5
            else _ESCAPES.get(m.group(1), m.group(1))
        ),
        body,
    )


def _int(node: Node) -> Any:
    text = node_text(node).replace("_", "").rstrip("lL")
    try:
        if text.lower().startswith("0x"):
            return int(text, 16)
        if text.lower().startswith("0b"):
            return int(text, 2)
        if len(text) > 1 and text.startswith("0"):
            return int(text, 8)
        return int(text)
    except ValueError:
        return UNKNOWN


def _float(node: Node) -> Any:
    try:
        return float(node_text(node).rstrip("fFdD"))
    except ValueError:
        return UNKNOWN


def _fold(operator: str, a: Any, b: Any) -> Any:
    if a is UNKNOWN or b is UNKNOWN:
        return UNKNOWN
    if (
        isinstance(a, str)
        and len(a) == 1
        and isinstance(b, int | float)
        and operator in {"+", "-", "*"}
    ):
        a = ord(a)  # char arithmetic
    if (
        isinstance(b, str)
        and len(b) == 1
        and isinstance(a, int | float)
        and operator in {"+", "-", "*"}
    ):
        b = ord(b)
    try:
        if operator in {"+", "-", "*", "/", "%"}:
            if not (isinstance(a, int | float) and isinstance(b, int | float)):
                return UNKNOWN
            if operator == "/":
                return a // b if isinstance(a, int) and isinstance(b, int) else a / b
            if operator == "%":
                return a % b
            return {"+": a + b, "-": a - b, "*": a * b}[operator]
        return {
            "==": lambda: a == b,
            "!=": lambda: a != b,
            "<": lambda: a < b,
            ">": lambda: a > b,
            "<=": lambda: a <= b,
            ">=": lambda: a >= b,
            "&": lambda: a & b,
            "|": lambda: a | b,
            "^": lambda: a ^ b,
        }.get(operator, lambda: UNKNOWN)()
    except (TypeError, ZeroDivisionError, ValueError):
        return UNKNOWN
