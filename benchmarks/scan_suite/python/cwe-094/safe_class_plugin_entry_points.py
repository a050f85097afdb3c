# CWE-94 safe: the plugin loader only imports modules registered as installed entry points; the request picks a name, never code
from importlib.metadata import entry_points

from flask import Flask, abort

app = Flask(__name__)


class PluginLoader:
    def __init__(self, group):
        self.available = {ep.name: ep for ep in entry_points(group=group)}
        self.plugins = {}

    def load(self, name):
        ep = self.available.get(name)
        if ep is None:
            raise KeyError(name)
        self.plugins[name] = ep.load()
        return self.plugins[name]


loader = PluginLoader("myapp.plugins")


@app.post("/plugins/<name>")
def enable_plugin(name):
    try:
        loader.load(name)
    except KeyError:
        abort(404)
    return {"plugins": sorted(loader.plugins)}
