# CWE-94 vuln: plugin loader class exec()s source it receives from callers (request.data in the view) into a fresh module
import types

from flask import Flask, request

app = Flask(__name__)


class PluginLoader:
    def __init__(self):
        self.plugins = {}

    def load(self, name, source):
        module = types.ModuleType(name)
        exec(source, module.__dict__)
        self.plugins[name] = module
        return module


loader = PluginLoader()


@app.post("/plugins/<name>")
def upload_plugin(name):
    loader.load(name, request.data.decode("utf-8"))
    return {"plugins": sorted(loader.plugins)}
