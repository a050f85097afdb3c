"""Python sinks: which calls, stores and handler returns of the interpreter are weaknesses.

Injection rules (CWE-22, 78, 79, 89, 90, 94, 501, 502, 601, 643) fire when user data that no
sanitiser of the sink's family cleaned reaches the sink; they are here, with `findings_of`,
which runs them and then the API-misuse rules of python_misuse.py (CWE-327, 328, 330, 611,
614, 798) on each event.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from codetune.stages.scan.findings import Finding
from codetune.stages.scan.patterns import words
from codetune.stages.scan.taint.catalogue import finding
from codetune.stages.scan.taint.events import Call, Event, Return, Store
from codetune.stages.scan.taint.python_misuse import (
    misuse_in_call,
    misuse_in_return,
    misuse_in_store,
)
from codetune.stages.scan.taint.values import Value, fixed_destination

COMMAND_STRING_SINKS = words(
    "os.system os.popen os.popen2 os.popen3 commands.getoutput commands.getstatusoutput "
    "subprocess.getoutput subprocess.getstatusoutput asyncio.create_subprocess_shell "
    "popen2.popen2 platform.popen"
)
SUBPROCESS = words(
    "subprocess.run subprocess.call subprocess.check_call subprocess.check_output "
    "subprocess.Popen asyncio.create_subprocess_exec"
)
SHELLS = {"sh", "bash", "zsh", "dash", "ksh", "cmd", "cmd.exe", "powershell", "pwsh", "/bin/sh"}
SQL_METHODS = words(
    "execute executemany executescript mogrify raw extra exec_driver_sql copy_expert"
)
SQL_FUNCTIONS = words(
    "sqlalchemy.text sqlalchemy.sql.text text pandas.read_sql pandas.read_sql_query "
    "django.db.models.expressions.RawSQL RawSQL"
)
PATH_FUNCTIONS = words(
    "open io.open codecs.open os.open os.remove os.unlink os.rmdir os.removedirs "
    "os.makedirs os.mkdir os.listdir os.scandir os.rename os.replace os.chmod os.stat "
    "os.path.exists os.path.isfile os.path.isdir os.path.getsize os.walk "
    "shutil.copy shutil.copyfile shutil.copy2 shutil.copytree shutil.move shutil.rmtree "
    "flask.send_file send_file fastapi.responses.FileResponse FileResponse "
    "django.http.FileResponse aiofiles.open starlette.responses.FileResponse "
    "pathlib.Path.open"
)
PATH_METHODS = words(
    "open read_text read_bytes write_text write_bytes unlink rmdir mkdir iterdir touch "
    "exists is_file is_dir stat rename glob"
)
XSS_RESPONSES = words(
    "flask.make_response make_response flask.Response Response flask.wrappers.Response "
    "django.http.HttpResponse HttpResponse fastapi.responses.HTMLResponse HTMLResponse "
    "starlette.responses.HTMLResponse markupsafe.Markup flask.Markup Markup "
    "django.utils.safestring.mark_safe mark_safe werkzeug.wrappers.Response"
)
XSS_RESPONSE_NAMES = words(
    "Response HttpResponse HTMLResponse make_response Markup mark_safe StreamingHttpResponse"
)
CODE_SINKS = words(
    "eval exec compile builtins.eval builtins.exec flask.render_template_string "
    "render_template_string jinja2.Template Template"
)
DESERIALIZERS = words(
    "pickle.loads pickle.load cPickle.loads cPickle.load dill.loads dill.load "
    "marshal.loads marshal.load shelve.open jsonpickle.decode jsonpickle.loads "
    "pandas.read_pickle yaml.unsafe_load yaml.full_load yaml.load yaml.load_all "
    "_pickle.loads joblib.load"
)
SAFE_YAML_LOADERS = re.compile(r"(Safe|Base|CSafe)Loader$")
REDIRECTS = words(
    "flask.redirect redirect django.shortcuts.redirect django.http.HttpResponseRedirect "
    "HttpResponseRedirect HttpResponsePermanentRedirect "
    "django.http.HttpResponsePermanentRedirect fastapi.responses.RedirectResponse "
    "RedirectResponse starlette.responses.RedirectResponse"
)
LDAP_SEARCH = words("search_s search_st search_ext search_ext_s search search_all")
XPATH_METHODS = words("xpath find findall findtext iterfind evaluate select")
XPATH_FUNCTIONS = words(
    "lxml.etree.XPath etree.XPath lxml.etree.ETXPath elementpath.select xpath.evaluator.__call__"
)
# ldap binds: a DN built from user data is DN injection (",", "+", "=" unescaped)
LDAP_BINDS = words("simple_bind_s simple_bind bind_s bind sasl_interactive_bind_s")


def findings_of(events: list[Event], origin: str, code: str) -> list[Finding]:
    out: list[Finding] = []
    ldap_module = "ldap" in code
    for event in events:
        if isinstance(event, Call):
            out.extend(_call_findings(event, origin, ldap_module))
        elif isinstance(event, Store):
            out.extend(_store_findings(event, origin))
        elif isinstance(event, Return):
            out.extend(_return_findings(event, origin))
    return out


def _call_findings(call: Call, origin: str, ldap_module: bool) -> Iterator[Finding]:
    name, method = call.name, call.method
    first = call.arg(0)
    # ---- CWE-78
    if name in COMMAND_STRING_SINKS and first is not None and first.unsafe_for("cmd", True):
        yield finding(
            call,
            origin,
            "py-command-injection",
            message="user data reaches the shell through {name}()",
            name=name,
        )
    elif name in SUBPROCESS or name.startswith(("os.exec", "os.spawn")):
        yield from _subprocess(call, origin)
    elif method == "exec_command" and first is not None and first.unsafe_for("cmd"):
        yield finding(
            call,
            origin,
            "py-command-injection",
            message="user data reaches a remote shell through exec_command()",
        )
    # ---- CWE-89
    sql = call.arg(0, "sql") if name in SQL_FUNCTIONS else None
    if method in SQL_METHODS and call.receiver is not None and not name.startswith("module:"):
        sql = call.arg(0, "sql") or call.arg(0, "operation")
    if sql is not None and sql.unsafe_for("sql"):
        yield finding(call, origin, "py-sql-injection", method=method)
    # ---- CWE-22
    if (name in PATH_FUNCTIONS or name.endswith(".send_file")) and first is not None:
        target = call.arg(0, "file") or first
        # shutil.copy(src, dst), os.rename(src, dst): the destination is a path too
        destination = call.arg(1, "dst") if name.startswith(("shutil.", "os.re")) else None
        if target.unsafe_for("path") or (
            destination is not None and destination.unsafe_for("path")
        ):
            yield finding(call, origin, "py-path-traversal")
    elif (
        method in PATH_METHODS
        and call.receiver is not None
        and call.receiver.unsafe_for("path")
        and call.receiver.kind in {"pathlib.Path", "Path", "path", ""}
        and not name.startswith("module:")
        and _receiver_is_path(call)
    ):
        yield finding(call, origin, "py-path-traversal")
    if (
        method in {"extractall", "extract"}
        and call.receiver is not None
        and (call.receiver.kind == "tarfile")
        and "filter" not in call.kwargs
        and "members" not in call.kwargs
    ):
        yield finding(call, origin, "py-tar-extract")
    # ---- CWE-79
    body = call.arg(0, "content") or call.kwargs.get("response") or call.kwargs.get("body")
    if (
        (name in XSS_RESPONSES or name.rpartition(".")[2] in XSS_RESPONSE_NAMES)
        and body is not None
        and _html_unsafe(body)
    ):
        mimetype = (
            call.arg(99, "mimetype") or call.arg(99, "content_type") or call.arg(99, "media_type")
        )
        if not (
            mimetype is not None
            and isinstance(mimetype.const, str)
            and "html" not in mimetype.const
        ):
            yield finding(call, origin, "py-xss", method=method)
    if (
        name.endswith("render_template_string")
        and first is not None
        and isinstance(first.const, str)
        and re.search(r"\|\s*safe\b|autoescape\s+(false|off)", first.const)
    ) and any(v.unsafe_for("html") for v in call.kwargs.values()):
        yield finding(
            call, origin, "py-xss", message="the template marks user data |safe: it is not escaped"
        )
    # ---- CWE-94
    if name in CODE_SINKS or method == "from_string":
        code = first
        if code is not None and code.unsafe_for("code", True):
            yield finding(call, origin, "py-code-injection", method=method)
    # ---- CWE-502
    if name in DESERIALIZERS and first is not None and first.unsafe_for("deserialize", True):
        loader = call.arg(1, "Loader")
        safe_yaml = loader is not None and SAFE_YAML_LOADERS.search(loader.kind or "")
        if not (name in {"yaml.load", "yaml.load_all"} and safe_yaml):
            yield finding(call, origin, "py-unsafe-deserialization", name=name)
    # ---- CWE-601
    target = call.arg(0, "url") or call.kwargs.get("to") or call.kwargs.get("location")
    redirects = (name in REDIRECTS or method == "redirect") and target is not None
    if redirects and target.unsafe_for("redirect") and not fixed_destination(target.prefix):
        yield finding(call, origin, "py-open-redirect")
    # ---- CWE-90
    if method in LDAP_SEARCH and ldap_module and call.receiver is not None:
        parts = [call.arg(i) for i in range(3)] + [
            call.kwargs.get(k) for k in ("search_filter", "filterstr", "search_base", "base")
        ]
        if any(p is not None and p.unsafe_for("ldap") for p in parts):
            yield finding(call, origin, "py-ldap-injection")
    elif (
        method in LDAP_BINDS
        and ldap_module
        and call.receiver is not None
        and first is not None
        and first.unsafe_for("ldap")
    ):
        yield finding(call, origin, "py-ldap-injection")  # a bind DN built from user data
    # ---- CWE-643
    if (method in XPATH_METHODS and call.receiver is not None and not name.startswith("re.")) or (
        name in XPATH_FUNCTIONS
    ):
        expression = call.arg(1) if name == "elementpath.select" else first
        if (
            (expression is not None and expression.unsafe_for("xpath") and method != "select")
            or (
                name == "elementpath.select"
                and expression is not None
                and expression.unsafe_for("xpath")
            )
        ) and (
            method
            not in {
                "find",
                "findall",
                "findtext",
                "iterfind",
                "evaluate",
            }
            or _xml_receiver(call)
        ):
            yield finding(call, origin, "py-xpath-injection")
    # ---- CWE-501
    if (
        call.receiver is not None
        and call.receiver.kind == "session"
        and method in {"update", "setdefault", "__setitem__"}
    ) and any(v.unsafe_for("session") for v in (*call.args, *call.kwargs.values())):
        yield finding(call, origin, "py-trust-boundary")
    # ---- API misuse (CWE-327, 328, 330, 611, 614, 798): python_misuse.py
    yield from misuse_in_call(call, origin)


def _subprocess(call: Call, origin: str) -> Iterator[Finding]:
    args = call.arg(0, "args")
    if args is None:
        return
    shell = call.kwargs.get("shell")
    shell_on = shell is not None and (shell.const is True or not shell.is_const)
    if call.name.startswith(("os.exec", "os.spawn")):
        # os.execl(path, arg0, arg1...) / os.spawnl(mode, path, arg0, ...): the program is the
        # path and the command line what follows arg0
        given = call.args[1:] if call.name.startswith("os.spawn") else call.args
        flat = [i for a in given for i in (a.items if a.items is not None else (a,))]
        argv = flat[:1] + flat[2:]
    elif call.name == "asyncio.create_subprocess_exec":
        argv = list(call.args)
    elif args.items is not None:
        argv = list(args.items)
    else:
        argv = [args]
    if not argv:
        return
    program = argv[0]
    shell_c = (
        len(argv) >= 3
        and isinstance(program.const, str)
        and program.const.rsplit("/", 1)[-1] in SHELLS
        and argv[1].const in {"-c", "/c", "-Command", "/k"}
    )
    unsafe = (
        (shell_on and any(a.unsafe_for("cmd", True) for a in argv))
        # sh -c SCRIPT NAME ARG...: only the script is shell text; the rest are $0, $1, ...
        or (shell_c and argv[2].unsafe_for("cmd", True))
        or program.unsafe_for("cmd")
        or (args.items is None and args.unsafe_for("cmd"))
    )
    if unsafe:
        yield finding(call, origin, "py-command-injection")


def _receiver_is_path(call: Call) -> bool:
    """`p.open()` on a path built from user data, not `file.read()` or `dict.get`."""
    text = call.node.text.decode("utf-8", "replace") if call.node.text else ""
    return (
        call.method not in {"open", "stat", "rename", "glob"}
        or "Path" in text
        or (call.receiver is not None and call.receiver.kind in {"pathlib.Path", "Path", "path"})
        or call.method == "open"
    )


def _xml_receiver(call: Call) -> bool:
    kind = call.receiver.kind if call.receiver is not None else ""
    return "etree" in kind or "lxml" in kind or "xml" in kind or kind == ""


def _html_unsafe(value: Value) -> bool:
    if value.items is not None:
        return bool(value.items) and _html_unsafe(value.items[0])
    return value.unsafe_for("html")


def _store_findings(store: Store, origin: str) -> Iterator[Finding]:
    if store.target.kind == "session" and (
        store.value.unsafe_for("session") or store.key.unsafe_for("session")
    ):
        yield finding(store, origin, "py-trust-boundary")
    yield from misuse_in_store(store, origin)
    key = store.key.const if isinstance(store.key.const, str) else ""
    if (
        store.target.kind.endswith("headers")
        and key.lower() == "location"
        and store.value.unsafe_for("redirect")
        and not fixed_destination(store.value.prefix)
    ):
        yield finding(
            store, origin, "py-open-redirect", message="Location header taken from the request"
        )


def _return_findings(event: Return, origin: str) -> Iterator[Finding]:
    value = event.value
    if event.function.handler and value.kind not in {"dict", "list", "request"}:
        body = value.items[0] if value.kind == "tuple" and value.items else value
        if (
            body.kind not in {"dict", "list"}
            and body.unsafe_for("html")
            and not body.kind.startswith(("flask.jsonify", "jsonify", "module:"))
        ):
            yield finding(
                event,
                origin,
                "py-xss",
                message="a web handler returns user data as its HTML body, unescaped",
            )
    yield from misuse_in_return(event, origin)
    if (
        event.function.name == "get_redirect_url"
        and value.unsafe_for("redirect")
        and not (fixed_destination(value.prefix))
    ):
        yield finding(
            event,
            origin,
            "py-open-redirect",
            message="RedirectView.get_redirect_url returns a URL taken from the request",
        )
