"""The taint engine: values are followed, not shapes matched. Each case is a real weakness or
its safe twin that differs only in what the value can be when it reaches the sink."""

from __future__ import annotations

import pytest

from codetune.stages.scan.engine import scan_code_with_coverage

FLASK = "import os, subprocess\nfrom flask import Flask, request, redirect, session\n"
SERVLET = (
    "public class T extends HttpServlet {\n"
    "  public void doPost(HttpServletRequest request, HttpServletResponse response)"
    " throws Exception {\n"
    '    String param = request.getParameter("p");\n'
)
END = "  }\n}\n"

CASES = [
    # constant folding picks a branch
    ("python", FLASK + "def f():\n    p = request.args['x']\n    num = 86\n"
     "    bar = 'safe' if 7 * 18 + num > 200 else p\n    os.system('ls ' + bar)\n", set()),
    ("python", FLASK + "def f():\n    p = request.args['x']\n    num = 40\n"
     "    bar = 'safe' if 7 * 18 + num > 200 else p\n    os.system('ls ' + bar)\n", {"CWE-78"}),
    # a list whose tainted item was removed, and one where it is read
    ("python", FLASK + "def f():\n    p = request.args['x']\n    xs = ['a', p, 'b']\n"
     "    xs.pop(1)\n    os.system('ls ' + xs[1])\n", set()),
    ("python", FLASK + "def f():\n    p = request.args['x']\n    xs = ['a', p, 'b']\n"
     "    xs.pop(0)\n    os.system('ls ' + xs[0])\n", {"CWE-78"}),
    # a dict read under the key that holds a constant
    ("python", FLASK + "def f():\n    d = {'a': request.form['x'], 'b': 'x'}\n"
     "    os.system('ls ' + d['b'])\n", set()),
    # a same-file helper: evaluated with the caller's value
    ("python", FLASK + "def helper(v):\n    return 'echo ' + v\n\ndef f():\n"
     "    os.system(helper(request.args['x']))\n    os.system(helper('fixed'))\n", {"CWE-78"}),
    # an allow-list guard that returns early, and sanitisers
    ("python", FLASK + "ALLOWED = {'a', 'b'}\ndef f():\n    p = request.args['x']\n"
     "    if p not in ALLOWED:\n        return 'no'\n    os.system('ls ' + p)\n", set()),
    ("python", FLASK + "import shlex\ndef f():\n    os.system('ls ' + shlex.quote(request.args['x']))\n",
     set()),
    ("python", "import sqlite3\nfrom flask import request\ndef f(db):\n"
     "    db.execute('SELECT * FROM t WHERE id = ?', (request.args['id'],))\n", set()),
    ("python", "import sqlite3\nfrom flask import request\ndef f(db):\n"
     "    db.execute(f\"SELECT * FROM t WHERE id = {request.args['id']}\")\n", {"CWE-89"}),
    # a library function's parameter: passed on as it is, no finding; built into a path, one
    ("python", "def read(path):\n    with open(path) as fh:\n        return fh.read()\n", set()),
    ("python", "import os\ndef read(name):\n    return open(os.path.join('/srv', name))\n",
     {"CWE-22"}),
    # sh -c: only the script is shell text; "$1" arguments are not
    ("python", FLASK + "def f():\n    subprocess.run(['sh', '-c', 'grep -- \"$1\" log', 'x',"
     " request.args['q']])\n", set()),
    ("python", FLASK + "def f():\n    subprocess.run(['sh', '-c', 'grep ' + request.args['q']])\n",
     {"CWE-78"}),
    # open redirect, and a redirect that stays on the site
    ("python", FLASK + "@app.route('/n')\ndef n():\n    return redirect(request.args['next'])\n",
     {"CWE-601"}),
    ("python", FLASK + "from urllib.parse import quote\n@app.route('/n')\ndef n():\n"
     "    return redirect('/profile/' + quote(request.args['u']))\n", set()),
    # weak random where it becomes a secret, and where it does not
    ("python", "import random\ndef reset_token():\n    return str(random.getrandbits(64))\n",
     {"CWE-330"}),
    ("python", "import random\ndef shuffle_quiz(questions):\n    random.shuffle(questions)\n"
     "    return random.choice(questions)\n", set()),
    # session and cookie
    ("python", FLASK + "def f():\n    session['role'] = request.args['role']\n", {"CWE-501"}),
    ("python", "def f(resp, sid):\n    resp.set_cookie('sid', sid, secure=True, httponly=True)\n",
     set()),
    ("python", "def f(resp, sid):\n    resp.set_cookie('sid', sid, httponly=True)\n", {"CWE-614"}),
    # a method of an object of this file runs with the caller's values (an int key is safe)
    ("python", FLASK + "class Store:\n    def __init__(self, root):\n        self.root = root\n"
     "    def read(self, key):\n        return open('{}/{}'.format(self.root, key)).read()\n"
     "store = Store('/srv')\ndef f():\n    return store.read(int(request.args['k']))\n", set()),
    ("python", FLASK + "class Store:\n    def __init__(self, root):\n        self.root = root\n"
     "    def read(self, key):\n        return open('{}/{}'.format(self.root, key)).read()\n"
     "store = Store('/srv')\ndef f():\n    return store.read(request.args['k'])\n", {"CWE-22"}),
    # os.execl(path, arg0, ...): the command line starts after arg0; a copy's destination
    ("python", "import os, sys\ndef main():\n    os.execl('/bin/sh', 'sh', '-c', 'gzip ' + sys.argv[1])\n",
     {"CWE-78"}),
    ("python", FLASK + "import shutil\ndef f():\n"
     "    shutil.copyfile('/srv/db', '/srv/backups/' + request.json['to'])\n", {"CWE-22"}),
    # an LDAP bind DN built from the form
    ("python", "import ldap\nfrom flask import request\ndef f(conn):\n"
     "    conn.simple_bind_s('uid=' + request.form['u'] + ',dc=x', 'pw-from-form')\n", {"CWE-90"}),
    # Java: a constant-folded ternary, a switch on a constant, an ArrayList
    ("java", SERVLET + "    int num = 106;\n    String bar = (7 * 42) - num > 200 ? \"safe\" : param;\n"
     "    Runtime.getRuntime().exec(\"ls \" + bar);\n" + END, {"CWE-78"}),
    ("java", SERVLET + "    int num = 106;\n    String bar = (7 * 18) + num > 200 ? \"safe\" : param;\n"
     "    Runtime.getRuntime().exec(\"ls \" + bar);\n" + END, set()),
    ("java", SERVLET + "    String guess = \"ABC\";\n    String bar;\n"
     "    switch (guess.charAt(1)) { case 'A': bar = param; break; case 'B': bar = \"b\"; break;"
     " default: bar = param; }\n    java.sql.Statement st = conn.createStatement();\n"
     "    st.executeQuery(\"SELECT * FROM t WHERE a = '\" + bar + \"'\");\n" + END, set()),
    ("java", SERVLET + "    java.util.List<String> l = new java.util.ArrayList<String>();\n"
     "    l.add(\"safe\"); l.add(param); l.add(\"moresafe\");\n    l.remove(0);\n"
     "    response.getWriter().println(l.get(1));\n    response.getWriter().println(l.get(0));\n"
     + END, {"CWE-79"}),
    ("java", SERVLET + "    java.util.Map<String, String> m = new java.util.HashMap<>();\n"
     "    m.put(\"a\", param); m.put(\"b\", \"ok\");\n"
     "    request.getSession().setAttribute(\"k\", m.get(\"b\"));\n" + END, set()),
    # Java: aliases, fully qualified names, builders, inner classes
    ("java", SERVLET + "    Runtime r = Runtime.getRuntime();\n    String[] cmd = {\"sh\", \"-c\", param};\n"
     "    r.exec(cmd);\n" + END, {"CWE-78"}),
    ("java", SERVLET + "    java.security.MessageDigest md = java.security.MessageDigest"
     ".getInstance(\"MD5\");\n" + END, {"CWE-328"}),
    ("java", SERVLET + "    String alg = \"AES/GCM/NoPadding\";\n"
     "    javax.crypto.Cipher c = javax.crypto.Cipher.getInstance(alg);\n" + END, set()),
    ("java", SERVLET + "    StringBuilder sb = new StringBuilder();\n"
     "    sb.append(\"SELECT * FROM u WHERE n = '\").append(param).append(\"'\");\n"
     "    conn.createStatement().executeQuery(sb.toString());\n" + END, {"CWE-89"}),
    ("java", SERVLET + "    javax.servlet.http.Cookie c = new javax.servlet.http.Cookie(\"a\", param);\n"
     "    c.setSecure(true);\n    response.addCookie(c);\n" + END, set()),
    ("java", SERVLET + "    javax.servlet.http.Cookie c = new javax.servlet.http.Cookie(\"a\", param);\n"
     "    response.addCookie(c);\n" + END, {"CWE-614"}),
    ("java", SERVLET + "    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();\n"
     "    f.setFeature(\"http://apache.org/xml/features/disallow-doctype-decl\", true);\n"
     "    f.newDocumentBuilder().parse(request.getInputStream());\n" + END, set()),
    ("java", SERVLET + "    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();\n"
     "    f.newDocumentBuilder().parse(request.getInputStream());\n" + END, {"CWE-611"}),
    # a wrapper built on the request returns request data; a Properties filled by load() is
    # not known, so its default does not decide the algorithm
    ("java", SERVLET + "    Wrapper w = new Wrapper(request);\n    String v = w.getTheParameter(\"a\");\n"
     "    conn.createStatement().executeQuery(\"SELECT * FROM t WHERE a = '\" + v + \"'\");\n"
     + END, {"CWE-89"}),
    ("java", SERVLET + "    java.util.Properties p = new java.util.Properties();\n"
     "    java.security.MessageDigest.getInstance(p.getProperty(\"alg\", \"MD5\"));\n"
     + END, {"CWE-328"}),
    ("java", SERVLET + "    java.util.Properties q = new java.util.Properties();\n    q.load(in);\n"
     "    java.security.MessageDigest.getInstance(q.getProperty(\"alg\", \"MD5\"));\n"
     + END, set()),
    ("java", SERVLET + "    String bar = new Test().doSomething(param);\n"
     "    response.sendRedirect(bar);\n" + "  }\n  private class Test {\n"
     "    public String doSomething(String p) { return \"/home\"; }\n  }\n}\n", set()),
]  # fmt: skip


@pytest.mark.parametrize(("language", "code", "expected"), CASES)
def test_taint_follows_values_to_the_sink(language: str, code: str, expected: set[str]) -> None:
    findings, coverage = scan_code_with_coverage(code, language, "case")
    assert coverage.status == "full", coverage
    assert {f.cwe for f in findings} == expected, [(f.line, f.cwe, f.rule) for f in findings]


def test_newer_python_syntax_is_scanned_whole_and_bandits_gap_is_said() -> None:
    # PEP 695 generics and PEP 701 f-strings: Python 3.12 syntax, parsed by tree-sitter.
    code = (
        'import os\ndef f[T](x: T) -> T:\n    print(f"{x["a"]}")\n'
        "    os.system(input())\n    return x\n"
    )
    findings, coverage = scan_code_with_coverage(code, "python", "new.py")
    assert [(f.line, f.cwe) for f in findings] == [(4, "CWE-78")]
    import sys

    if sys.version_info < (3, 12):
        assert coverage.status == "partial" and coverage.missed_by == "bandit"
        assert "bandit" in coverage.describe()


@pytest.mark.parametrize("language", ["python", "java"])
def test_code_nested_past_the_stack_is_reported_partial_not_clean(language: str) -> None:
    deep = "(" * 3000 + "1" + ")" * 3000
    code = (
        f"x = {deep}\n" if language == "python" else f"class A {{ void f() {{ int x = {deep}; }} }}"
    )
    _, coverage = scan_code_with_coverage(code, language, "deep")
    assert coverage.status == "partial"
    assert "nesting" in coverage.describe()


def test_a_file_past_the_step_budget_is_reported_partial_from_that_line() -> None:
    body = "".join(f"    v{i} = a{i % 7} + b{i % 5} * c{i % 3} - d{i % 2}\n" for i in range(20_000))
    code = "import os\ndef f(a0, b0, c0, d0):\n" + body + "    os.system(input())\n"
    _, coverage = scan_code_with_coverage(code, "python", "huge.py")
    assert coverage.status == "partial"
    assert coverage.error_line is not None and 3 < coverage.error_line < 20_003
    assert "step budget" in coverage.describe()
