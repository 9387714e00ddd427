"""The fixed measures of printed files: units, bleed and the paper kept for crop marks."""
from __future__ import annotations

from ..render.base import MARK_AREA_MM

PT_PER_MM = 72 / 25.4


PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS px


BLEED_MM = 3.0  # what print shops ask for


MARKS_MM = MARK_AREA_MM  # paper around the bleed for crop and fold marks (CSS bleed area)
