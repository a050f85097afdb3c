# CWE-78 vuln: library class method formats its branch parameter into a git command run with shell=True; callers pass request data
import subprocess


class GitWorkspace:
    def __init__(self, path):
        self.path = path

    def checkout(self, branch):
        subprocess.run(f"git -C {self.path} checkout {branch}", shell=True, check=True)

    def current_branch(self):
        out = subprocess.run(
            ["git", "-C", self.path, "rev-parse", "--abbrev-ref", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        return out.stdout.strip()
