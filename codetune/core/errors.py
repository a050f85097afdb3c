"""Errors that reach the user as one line on stderr.

`UserError` is bad input (config, paths, data): exit code 2. Anything else escaping a command is
an internal failure: exit code 1.
"""


class UserError(Exception):
    """Bad input from the user; the message names the file and/or field and says what to do."""

    exit_code = 2


class GateFailed(Exception):
    """A quality gate of the pipeline failed; the message names the gate."""

    exit_code = 3
