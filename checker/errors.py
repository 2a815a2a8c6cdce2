"""The checker package's exception hierarchy."""

from __future__ import annotations


class CheckerError(Exception):
    """Base class for every error raised by :mod:`checker`."""


class ModelError(CheckerError):
    """An NLI model that is missing, corrupt or not an NLI model."""


class ConfigError(CheckerError):
    """A configuration key or value that is unknown or invalid; the message names key and file."""


class DraftError(CheckerError):
    """The draft given for a pre-publication check could not be read."""
