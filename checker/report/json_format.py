"""The JSON report: :func:`report_to_dict` written out, stable for diffs and golden files."""

from __future__ import annotations

import json

from checker.escape import json_safe
from checker.report.serialize import report_to_dict
from checker.types import Report


def render_json(report: Report) -> str:
    """Indented JSON with non-ASCII text kept readable, ending in a newline."""
    return json_safe(json.dumps(report_to_dict(report), ensure_ascii=False, indent=2)) + "\n"
