"""Typed errors: the library raises these, only the CLI turns them into messages and exit codes."""


class ReliabilityError(Exception):
    """Base class for every error this package raises on purpose."""


class InputError(ReliabilityError):
    """An article could not be read or is not text we can score."""


class ModelError(ReliabilityError):
    """A model file is missing, unreadable, or not trusted."""


class DataError(ReliabilityError):
    """Training or evaluation data is missing or malformed."""
