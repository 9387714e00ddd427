"""The outputs a build makes, besides the site itself: one line per output.

Each entry is a class implementing `bhxhpub.render.base.Output`, constructed once per build
with the RenderSettings. Pages of every output go into the site in this order.
"""
from __future__ import annotations

from ..pdf.broadcast import BroadcastPdfOutput
from ..pdf.largeformat import LargeFormatOutput
from ..pdf.renderer import PdfRenderer
from ..pdf.share import ShareImagesOutput
from ..site.broadcast_pages import BroadcastPagesOutput
from ..site.report_output import TranslationReportOutput
from ..site.short_output import ShortTextsOutput

OUTPUTS = (
    PdfRenderer,  # leaflet PDFs in every edition, and pdf/manifest.json (every PDF of the build)
    LargeFormatOutput,  # banners, pennants and posters (PDF/X-4) from slogans, messages and the contribution table
    BroadcastPdfOutput,  # loudspeaker reading scripts and weekly programmes (pdf/vi/phat-thanh-*, lich-phat-thanh-*)
    TranslationReportOutput,  # /bao-cao-dich/: what each locale still needs
    ShortTextsOutput,  # /tin-nhan/: SMS and Zalo texts with their counts, and tin-nhan.csv
    BroadcastPagesOutput,  # /phat-thanh/: loudspeaker scripts and the weekly programmes
    ShareImagesOutput,  # assets/share/*.png: 1200 × 630 images for link previews (Open Graph)
)
