# CWE-79 vuln: a widget class stores the request value and its render() method interpolates it into markup returned to the browser
from flask import Flask, request

app = Flask(__name__)


class AlertWidget:
    def __init__(self, message):
        self.message = message

    def render(self):
        return '<div class="alert alert-info">{0}</div>'.format(self.message)


@app.route("/notice")
def notice():
    widget = AlertWidget(request.args.get("msg", "Saved."))
    return "<main>" + widget.render() + "</main>"
