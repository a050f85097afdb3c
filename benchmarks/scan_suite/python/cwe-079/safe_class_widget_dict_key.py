# CWE-79 safe: the widget message comes from a dict of fixed notices; the request only picks a key, and unknown keys fall back to a literal
from flask import Flask, request

app = Flask(__name__)

NOTICES = {
    "saved": "Your changes were saved.",
    "deleted": "The item was deleted.",
}


class AlertWidget:
    def __init__(self, message):
        self.message = message

    def render(self):
        return '<div class="alert alert-info">{0}</div>'.format(self.message)


@app.route("/notice")
def notice():
    key = request.args.get("msg", "saved")
    widget = AlertWidget(NOTICES.get(key, "Done."))
    return "<main>" + widget.render() + "</main>"
