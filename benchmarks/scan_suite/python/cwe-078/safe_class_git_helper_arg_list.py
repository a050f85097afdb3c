# CWE-78 safe: the git helper passes the branch as one argv element with no shell and refuses names starting with "-"
import subprocess


class GitWorkspace:
    def __init__(self, path):
        self.path = path

    def checkout(self, branch):
        if branch.startswith("-"):
            raise ValueError("branch names may not start with '-'")
        subprocess.run(["git", "-C", self.path, "checkout", branch], check=True)

    def current_branch(self):
        out = subprocess.run(
            ["git", "-C", self.path, "rev-parse", "--abbrev-ref", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
