"""The Python interpreter of the taint engine, on tree-sitter's grammar (not the running
interpreter's `ast`, so code of any Python 3 version parses the same way).

Each function is walked statement by statement with an environment of abstract values
(values.py): literals fold (`7 * 18 + num > 200` is a constant when `num` is), branches whose
condition is constant are the only ones taken, lists and dicts keep their items, and the
paths of an `if` meet by `join`. Request accessors (Flask, Django, FastAPI, Starlette),
`sys.argv`, `input()` and the parameters of an entry point are user data; sanitisers and
guards (`if x not in ALLOWED: return`, python_guards.py) clean it for the sink families
they protect. Every call is reported to the rules as an event (events.py) with its values; a
call into a function of the same file is evaluated with the caller's values instead of its
own parameters. The plumbing shared with java.py (the bounded expression dispatch, function
frames, call summaries) is interpreter_base.py's.

Hand-written because no maintained library runs on tree-sitter's Python tree with constant
folding of branches; semgrep's engine was measured beside it (benchmarks/scan_quality.py).
"""

from __future__ import annotations

from collections.abc import Iterator

import tree_sitter

from codetune.stages.scan.taint.events import Event, Function, Return, Store
from codetune.stages.scan.taint.interpreter_base import Frame, Node, node_text, strip_parens
from codetune.stages.scan.taint.python_expressions import (
    EXPRESSIONS,
    ExpressionsMixin,
)
from codetune.stages.scan.taint.python_guards import GuardsMixin
from codetune.stages.scan.taint.python_models import (
    ABORTS,
    HANDLER_DECORATOR,
    REQUEST_NAMES,
    put,
    target_name,
    truth_of,
)
from codetune.stages.scan.taint.values import (
    OPAQUE,
    PARAM,
    WEAK_RANDOM,
    Env,
    Value,
    const,
    derived,
    element,
    join_all,
    join_envs,
    mapping,
    sequence,
    tainted,
)


class Interpreter(ExpressionsMixin, GuardsMixin):
    """Runs the functions of one module and collects events."""

    expressions = EXPRESSIONS

    def __init__(self, tree: tree_sitter.Tree, code: bytes) -> None:
        super().__init__(tree, code)
        self.aliases: dict[str, str] = {}
        self.functions: dict[str, Node] = {}
        # What a class's __init__ leaves on self (self.rng = random.Random()), per class.
        self._init_state: dict[int, Env] = {}
        self.module_env: Env = {}

    # ------------------------------------------------------------------ driver

    def run(self) -> list[Event]:
        self._collect(self.root)
        self._function.append(Function("<module>"))
        self._returns.append([])
        env = self._block(self.root, {})
        self.module_env = {k: v for k, v in (env or {}).items()}
        for name, node in list(self.functions.items()):
            if name in self.called:
                continue  # evaluated at its call sites, with their values
            self._call_function(node, None, [], {}, entry=True)
        return self.events

    def _collect(self, node: Node) -> None:
        """Functions of the file by name (methods too), and which names it calls."""
        stack = [node]
        method_calls: list[tuple[str, str]] = []  # (object, method) of obj.method(...) calls
        made: list[tuple[str, str]] = []  # (name, callee) of name = callee(...) assignments
        while stack:
            n = stack.pop()
            right = n.child_by_field_name("right") if n.type == "assignment" else None
            if right is not None and right.type == "call":
                target = node_text(n.child_by_field_name("left"))
                made.append((target, node_text(right.child_by_field_name("function"))))
            if n.type == "function_definition":
                name = node_text(n.child_by_field_name("name"))
                self.functions.setdefault(name, n)
            elif n.type == "class_definition":
                self.classes.add(node_text(n.child_by_field_name("name")))
            elif n.type == "call":
                fn = n.child_by_field_name("function")
                if fn is not None and fn.type == "identifier":
                    self.called.add(node_text(fn))
                elif fn is not None and fn.type == "attribute":
                    obj = fn.child_by_field_name("object")
                    if obj is not None and node_text(obj) in {"self", "cls"}:
                        self.called.add(node_text(fn.child_by_field_name("attribute")))
                    elif obj is not None:
                        method_calls.append(
                            (node_text(obj), node_text(fn.child_by_field_name("attribute")))
                        )
            elif n.type in {"import_statement", "import_from_statement"}:
                self._import(n)
            stack.extend(n.children)
        # store = LocalStorage(...); store.read(key): read runs at that call, with its values
        objects = {name for name, callee in made if callee in self.classes}
        self.called |= {method for obj, method in method_calls if obj in objects}
        # A name called only from itself is still an entry point.
        self.called -= {name for name in self.called if name not in self.functions}

    def _import(self, node: Node) -> None:
        module = ""
        if node.type == "import_from_statement":
            module = node_text(node.child_by_field_name("module_name")).lstrip(".")
        for i, child in enumerate(node.children):
            if node.field_name_for_child(i) != "name":
                continue
            if child.type == "aliased_import":
                name = node_text(child.child_by_field_name("name"))
                local = node_text(child.child_by_field_name("alias"))
            else:
                name = node_text(child)
                local = name if module else name.split(".")[0]
                if not module:
                    self.aliases[local] = local
                    continue
            self.aliases[local] = f"{module}.{name}" if module else name

    # ------------------------------------------------------------------ functions

    def _call_function(
        self,
        node: Node,
        receiver: Value | None,
        args: list[Value],
        kwargs: dict[str, Value],
        entry: bool = False,
    ) -> Value:
        name = node_text(node.child_by_field_name("name"))
        key = (node.start_byte, (receiver or OPAQUE, *args, *sorted(kwargs.items())))
        if not entry:
            reused = self._reused(name, key, (*args, *kwargs.values()))
            if reused is not None:
                return reused
        decorators = _decorators(node)
        params = _parameters(node.child_by_field_name("parameters"))
        is_method = bool(params) and params[0][0] in {"self", "cls"}
        first_data = params[int(is_method)][0] if len(params) > int(is_method) else ""
        handler = bool(HANDLER_DECORATOR.search(decorators)) or first_data in REQUEST_NAMES
        env: Env = dict(self.module_env)
        if is_method and name != "__init__":
            state = self._state_after_init(node)
            if receiver is not None and receiver.labels:
                # an object built from user data: what __init__ stored from its arguments is
                # that data (the constructor's arguments were left opaque when run alone)
                state = {k: derived(receiver) if v == OPAQUE else v for k, v in state.items()}
            env.update(state)
        positional = list(args)
        if is_method and not entry:
            positional = [receiver or OPAQUE, *positional]
        for index, (pname, annotation, default, star) in enumerate(params):
            if entry:
                env[pname] = self._entry_parameter(pname, annotation, index, handler)
            elif star == "*":
                env[pname] = sequence(positional[index:])
            elif star == "**":
                env[pname] = mapping(kwargs.items())
            elif pname in kwargs:
                env[pname] = kwargs[pname]
            elif index < len(positional):
                env[pname] = positional[index]
            elif default is not None:
                env[pname] = self._expr(default, env)
            else:
                env[pname] = OPAQUE
        with Frame(self, Function(name, handler, decorators)) as returns:
            self._block(node.child_by_field_name("body"), env)
        result = join_all(returns) if returns else const(None)
        if not entry:
            self._summaries[key] = result
        return result

    def _state_after_init(self, method: Node) -> Env:
        """The `self.*` values that the class's `__init__` sets, for its other methods."""
        body = method.parent
        klass = body.parent if body is not None else None
        if klass is not None and klass.type == "decorated_definition":
            klass = klass.parent.parent if klass.parent is not None else None
        if klass is None or klass.type != "class_definition":
            return {}
        if klass.start_byte in self._init_state:
            return self._init_state[klass.start_byte]
        self._init_state[klass.start_byte] = {}
        block = klass.child_by_field_name("body")
        init = next(
            (
                c
                for c in (block.named_children if block is not None else [])
                if c.type == "function_definition"
                and node_text(c.child_by_field_name("name")) == "__init__"
            ),
            None,
        )
        if init is None:
            return {}
        # The constructor's arguments are the caller's configuration: only what __init__
        # builds itself (a random.Random(), a parser) is carried to the methods.
        env: Env = dict(self.module_env)
        for pname, _, _, _ in _parameters(init.child_by_field_name("parameters")):
            env[pname] = OPAQUE
        with Frame(self, Function("__init__"), called=False):
            end = self._block(init.child_by_field_name("body"), env) or env
        state = {k: v for k, v in end.items() if k.startswith("self.")}
        self._init_state[klass.start_byte] = state
        return state

    def _entry_parameter(self, name: str, annotation: str, index: int, handler: bool) -> Value:
        if name in {"self", "cls"} and index == 0:
            return OPAQUE
        if name in REQUEST_NAMES:
            return Value(kind="request")
        if annotation.split("[")[0].strip() in {"int", "float", "bool", "Decimal", "UUID"}:
            return OPAQUE
        if annotation in {"Request", "HttpRequest", "flask.Request", "starlette.Request"}:
            return Value(kind="request")
        # A web handler's parameters are filled from the URL, the query or the body.
        return tainted() if handler else Value(labels=frozenset({PARAM}))

    # ------------------------------------------------------------------ statements

    def _statement(self, node: Node, env: Env) -> Env | None:
        kind = node.type
        if kind == "expression_statement":
            for child in node.named_children:
                if child.type == "call" and self._aborts(child):
                    self._expr(child, env)
                    return None
                self._expr(child, env)
            return env
        if kind == "return_statement":
            value = node.named_children[0] if node.named_children else None
            result = self._expr(value, env) if value is not None else const(None)
            self._returns[-1].append(result)
            self.events.append(Return(node, result, self._function[-1]))
            return None
        if kind == "raise_statement":
            for child in node.named_children:
                self._expr(child, env)
            return None
        if kind == "if_statement":
            return self._if(node, env)
        if kind in {"for_statement", "while_statement"}:
            return self._loop(node, env)
        if kind == "try_statement":
            return self._try(node, env)
        if kind == "with_statement":
            for item in _descendants_of_type(node, "with_item", stop="block"):
                value = item.child_by_field_name("value")
                if value is not None and value.type == "as_pattern":
                    result = self._expr(value.named_children[0], env)
                    target = value.child_by_field_name("alias")
                    if target is not None and target.named_children:
                        self._assign(target.named_children[0], result, env)
                elif value is not None:
                    self._expr(value, env)
            return self._block(node.child_by_field_name("body"), env)
        if kind in {"function_definition", "class_definition"}:
            if kind == "class_definition":
                return self._block(node.child_by_field_name("body"), env)
            return env
        if kind == "decorated_definition":
            definition = node.child_by_field_name("definition")
            return self._statement(definition, env) if definition is not None else env
        if kind in {"import_statement", "import_from_statement"}:
            self._import(node)
            return env
        if kind == "assert_statement" and node.named_children:
            self._expr(node.named_children[0], env)
            return self._refine(node.named_children[0], True, env)
        if kind == "match_statement":
            subject = node.child_by_field_name("subject")
            if subject is not None:
                self._expr(subject, env)
            out: Env | None = None
            body = node.child_by_field_name("body")
            for case in body.named_children if body is not None else []:
                case_env = self._block(case.child_by_field_name("consequence"), dict(env))
                out = join_envs(out, case_env)
            return join_envs(out, env)
        if kind == "block":
            return self._block(node, env)
        if kind == "delete_statement":
            return env
        for child in node.named_children:
            if child.type not in {"block", "identifier"}:
                self._expr(child, env)
        return env

    def _aborts(self, call: Node) -> bool:
        name = self._qualified(call.child_by_field_name("function"), {})
        return name in ABORTS

    def _if(self, node: Node, env: Env) -> Env | None:
        condition = node.child_by_field_name("condition")
        value = self._expr(condition, env)
        truth = truth_of(value)
        alternatives = [c for c in node.children if c.type in {"elif_clause", "else_clause"}]
        then_env: Env | None = None
        if truth is not False:
            then_env = self._block(
                node.child_by_field_name("consequence"), self._refine(condition, True, env)
            )
        if truth is True:
            return then_env
        else_env: Env | None = self._refine(condition, False, env)
        for index, clause in enumerate(alternatives):
            if clause.type == "else_clause":
                else_env = self._block(clause.child_by_field_name("body"), else_env)
                break
            cond = clause.child_by_field_name("condition")
            cond_truth = truth_of(self._expr(cond, else_env or {}))
            branch: Env | None = None
            if cond_truth is not False and else_env is not None:
                branch = self._block(
                    clause.child_by_field_name("consequence"), self._refine(cond, True, else_env)
                )
            if cond_truth is True:
                else_env = branch
                break
            rest = self._refine(cond, False, else_env) if else_env is not None else None
            if index == len(alternatives) - 1 or alternatives[index + 1].type != "else_clause":
                else_env = join_envs(branch, rest)
                continue
            # the else of this elif: run it, then meet the elif's branch
            else_env = join_envs(
                branch, self._block(alternatives[index + 1].child_by_field_name("body"), rest)
            )
            break
        return join_envs(then_env, else_env)

    def _loop(self, node: Node, env: Env) -> Env | None:
        body = node.child_by_field_name("body")
        if node.type == "for_statement":
            iterable = self._expr(node.child_by_field_name("right"), env)
            target = node.child_by_field_name("left")
            if iterable.kind == "enumerate" and iterable.items:
                inner = iterable.items[0]
                each = join_all(inner.items) if inner.items else element(inner)
                item = sequence((OPAQUE, each), kind="tuple")
            else:
                item = (join_all(iterable.items) if iterable.items else element(iterable)).of_kind(
                    ""
                )
            if iterable.entries:
                item = join_all(const(k) for k, _ in iterable.entries)
            first = dict(env)
            self._assign(target, item, first)
            after = self._block(body, first)
            second = join_envs(env, after)
            if second is not None:
                second = dict(second)
                self._assign(target, item, second)
                after = self._block(body, second)
            out = join_envs(env, after)
        else:
            condition = node.child_by_field_name("condition")
            if truth_of(self._expr(condition, env)) is False:
                return env
            after = self._block(body, self._refine(condition, True, dict(env)))
            after = self._block(body, join_envs(env, after)) if after is not None else after
            out = join_envs(env, after)
        alternative = node.child_by_field_name("alternative")
        if alternative is not None and out is not None:
            out = self._block(alternative.child_by_field_name("body"), out)
        return out

    def _try(self, node: Node, env: Env) -> Env | None:
        body_env = self._block(node.child_by_field_name("body"), dict(env))
        out = body_env
        for clause in node.children:
            if clause.type == "except_clause":
                start = join_envs(dict(env), body_env) or dict(env)
                block = next((c for c in clause.named_children if c.type == "block"), None)
                out = join_envs(out, self._block(block, dict(start)))
            elif clause.type == "else_clause" and body_env is not None:
                out = join_envs(
                    self._block(clause.child_by_field_name("body"), body_env),
                    out if out is not body_env else None,
                )
            elif clause.type == "finally_clause":
                block = next((c for c in clause.named_children if c.type == "block"), None)
                if out is not None:
                    out = self._block(block, out)
        return out

    # ------------------------------------------------------------------ assignment

    def _assign(self, target: Node, value: Value, env: Env) -> None:
        target = strip_parens(target)
        if target.type == "identifier":
            env[node_text(target)] = value
            self._named_store(target, node_text(target), value)
        elif target.type in {"pattern_list", "tuple_pattern", "list_pattern", "expression_list"}:
            parts = target.named_children
            for index, part in enumerate(parts):
                if part.type == "list_splat_pattern":
                    self._assign(part.named_children[0], derived(value), env)
                    continue
                item = element(value, index) if value.items is not None else derived(value)
                self._assign(part, item, env)
        elif target.type == "subscript":
            container_node = target.child_by_field_name("value")
            key = self._expr(target.child_by_field_name("subscript"), env)
            container = self._expr(container_node, env)
            self._store(target, container, key, value)
            name = target_name(container_node)
            if name is not None and name in env:
                env[name] = put(env[name], key, value)
        elif target.type == "attribute":
            obj = target.child_by_field_name("object")
            attribute = node_text(target.child_by_field_name("attribute"))
            container = self._expr(obj, env)
            self._store(target, container, const(attribute), value)
            name = target_name(target)
            if name is not None:
                env[name] = value
                self._named_store(target, attribute, value)

    def _store(self, node: Node, target: Value, key: Value, value: Value) -> None:
        if target.kind or isinstance(key.const, str):
            self.events.append(Store(node, target, key, value, self._function[-1]))

    def _named_store(self, node: Node, name: str, value: Value) -> None:
        """A variable's name says what it holds: a secret (weak random, literal password) or
        a setting (SESSION_COOKIE_SECURE = False)."""
        if WEAK_RANDOM in value.labels or value.is_const:
            self.events.append(
                Store(node, Value(kind="variable"), const(name), value, self._function[-1])
            )


# ---------------------------------------------------------------------- helpers


def _parameters(node: Node | None) -> list[tuple[str, str, Node | None, str]]:
    """(name, annotation, default node, '*' / '**' / '') per parameter."""
    out: list[tuple[str, str, Node | None, str]] = []
    for child in node.named_children if node is not None else []:
        if child.type == "identifier":
            out.append((node_text(child), "", None, ""))
        elif child.type in {"typed_parameter"}:
            name = next((c for c in child.named_children if c.type == "identifier"), None)
            splat = next(
                (c for c in child.named_children if c.type.endswith("splat_pattern")), None
            )
            star = (
                "**"
                if splat is not None and splat.type.startswith("dict")
                else ("*" if splat is not None else "")
            )
            if splat is not None:
                name = splat.named_children[0] if splat.named_children else name
            out.append((node_text(name), node_text(child.child_by_field_name("type")), None, star))
        elif child.type in {"default_parameter", "typed_default_parameter"}:
            out.append(
                (
                    node_text(child.child_by_field_name("name")),
                    node_text(child.child_by_field_name("type")),
                    child.child_by_field_name("value"),
                    "",
                )
            )
        elif child.type == "list_splat_pattern" and child.named_children:
            out.append((node_text(child.named_children[0]), "", None, "*"))
        elif child.type == "dictionary_splat_pattern" and child.named_children:
            out.append((node_text(child.named_children[0]), "", None, "**"))
    return out


def _is_method(function: Node) -> bool:
    params = _parameters(function.child_by_field_name("parameters"))
    return bool(params) and params[0][0] in {"self", "cls"}


def _decorators(function: Node) -> str:
    parent = function.parent
    if parent is None or parent.type != "decorated_definition":
        return ""
    return "\n".join(node_text(c) for c in parent.children if c.type == "decorator")


def _descendants_of_type(node: Node, kind: str, stop: str) -> Iterator[Node]:
    for child in node.children:
        if child.type == kind:
            yield child
        elif child.type != stop:
            yield from _descendants_of_type(child, kind, stop)
