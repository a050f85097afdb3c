# CWE-79 safe: the comment is rendered with a plain {{ comment }} in render_template_string, which Flask autoescapes
from flask import Flask, render_template_string, request

app = Flask(__name__)

PAGE = """
<article>
  <h3>Preview</h3>
  <div class="comment">{{ comment }}</div>
</article>
"""


@app.post("/comments/preview")
def preview():
    return render_template_string(PAGE, comment=request.form["comment"])
