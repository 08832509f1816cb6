"""Every chart the ``{chart}`` directive can draw, by name (one module per subject)."""

from __future__ import annotations

from . import ai_index, domestic, rakuten, timeline
from .data import Chart

CHARTS: dict[str, Chart] = {
    **ai_index.CHARTS,
    **rakuten.CHARTS,
    **timeline.CHARTS,
    **domestic.CHARTS,
}
