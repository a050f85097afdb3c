# CWE-22 vuln: cookie value passed through a same-file helper that only concatenates it onto the base folder, then opened
from flask import Flask, request

app = Flask(__name__)
PROFILE_DIR = "/srv/app/avatars"


def avatar_path(user_file):
    return PROFILE_DIR + "/" + user_file


@app.route("/me/avatar")
def my_avatar():
    chosen = request.cookies.get("avatar", "default.png")
    with open(avatar_path(chosen), "rb") as img:
        return img.read(), 200, {"Content-Type": "image/png"}
