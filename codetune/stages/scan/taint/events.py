"""What an interpreter tells the rules: each call, store and handler return it evaluated.

The interpreters (python.py, java.py) walk a function's statements with abstract values and
report every call with the values of its receiver and arguments at that point; the rules
(python_rules.py, java_rules.py) decide which of them are weaknesses. Calls into functions
of the same file are evaluated with the caller's values, so one call site can be a finding
and another, fed a constant, not.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import tree_sitter

from codetune.stages.scan.taint.values import Value


@dataclass(frozen=True)
class Function:
    """The function an event happened in: its name, and whether it answers web requests
    (its return value is the HTTP response)."""

    name: str
    handler: bool = False
    decorators: str = ""


@dataclass
class Call:
    node: tree_sitter.Node
    name: str  # qualified where known: "subprocess.run", "java.lang.Runtime.exec"; else the method
    method: str
    receiver: Value | None
    args: list[Value]
    kwargs: dict[str, Value] = field(default_factory=dict)
    function: Function = Function("<module>")

    def arg(self, index: int, keyword: str | None = None) -> Value | None:
        if keyword is not None and keyword in self.kwargs:
            return self.kwargs[keyword]
        return self.args[index] if index < len(self.args) else None

    @property
    def line(self) -> int:
        return self.node.start_point[0] + 1


@dataclass
class Store:
    """`target[key] = value` or `target.key = value` where the target's kind is known."""

    node: tree_sitter.Node
    target: Value
    key: Value
    value: Value
    function: Function = Function("<module>")

    @property
    def line(self) -> int:
        return self.node.start_point[0] + 1


@dataclass
class Return:
    node: tree_sitter.Node
    value: Value
    function: Function

    @property
    def line(self) -> int:
        return self.node.start_point[0] + 1


Event = Call | Store | Return
