"""Selaras text pipeline: ingest articles, clean page furniture, split sentences, extract claims.

This package knows text only; it never imports torch or :mod:`checker`.
"""

from __future__ import annotations

__all__ = ["__version__"]
__version__ = "0.1.0"
