"""Errors that are the user's to fix, told in one sentence."""


class UserError(Exception):
    """A mistake in the user's input or files: shown as one sentence, never as a traceback.

    The command line prints it to stderr and exits with code 2.
    """


class CatalogError(UserError):
    """A layer catalog file or target set is malformed; the message names the file and key."""


class ProjectError(UserError):
    """A file cannot be used as a project; the message names the file and says why."""
