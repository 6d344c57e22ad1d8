"""Domain errors raised by selectors and services; the web layer turns them into HTTP answers.

Selectors say what went wrong ("nothing you may see has this id"), not how to answer it, so the same
functions serve views, management commands and tasks. readiness.middleware maps them to responses.
"""


class NotFound(LookupError):
    """No object with that id or token is visible to the requester (another firm's, expired, unknown)."""
