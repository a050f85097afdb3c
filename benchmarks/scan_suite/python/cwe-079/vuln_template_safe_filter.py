# CWE-79 vuln: template passes the form comment through Jinja's |safe filter, which turns autoescaping off for it
from flask import Flask, render_template_string, request

app = Flask(__name__)

PAGE = """
<article>
  <h3>Preview</h3>
  <div class="comment">{{ comment|safe }}</div>
</article>
"""


@app.post("/comments/preview")
def preview():
    return render_template_string(PAGE, comment=request.form["comment"])
