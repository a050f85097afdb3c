# CWE-22 safe: the cookie value must be one of a fixed set of avatar files; anything else returns early before the helper builds a path
from flask import Flask, request

app = Flask(__name__)
PROFILE_DIR = "/srv/app/avatars"
AVATARS = {"default.png", "cat.png", "dog.png", "robot.png"}


def avatar_path(user_file):
    return PROFILE_DIR + "/" + user_file


@app.route("/me/avatar")
def my_avatar():
    chosen = request.cookies.get("avatar", "default.png")
    if chosen not in AVATARS:
        return "unknown avatar", 404
    with open(avatar_path(chosen), "rb") as img:
        return img.read(), 200, {"Content-Type": "image/png"}
