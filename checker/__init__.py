"""Selaras cross-checking: NLI model, pairing, drift detectors, findings and reports."""

from __future__ import annotations

from claims import __version__

__all__ = ["__version__"]
