"""The outputs a build makes, besides the site itself: one line per output.

Each entry is a class implementing `bhxhpub.render.base.Output`, constructed once per build
with the RenderSettings. Pages of every output go into the site in this order.
"""
from __future__ import annotations

from ..channels.broadcasts.pages import BroadcastPagesOutput
from ..channels.broadcasts.pdf import BroadcastPdfOutput
from ..channels.largeformat.output import LargeFormatOutput
from ..channels.leaflets.communes import CommuneLeafletsOutput
from ..channels.leaflets.output import PdfRenderer
from ..channels.share.images import ShareImagesOutput
from ..channels.short_texts.pages import ShortTextsOutput
from ..channels.web.report import TranslationReportOutput

OUTPUTS = (
    PdfRenderer,  # leaflet PDFs in every edition, and pdf/manifest.json (every PDF of the build)
    CommuneLeafletsOutput,  # a local edition's leaflets for each commune: shared pages laid out once, panels stamped
    LargeFormatOutput,  # banners, pennants and posters (PDF/X-4) from slogans, messages and the contribution table
    BroadcastPdfOutput,  # loudspeaker reading scripts and weekly programmes (pdf/vi/phat-thanh-*, lich-phat-thanh-*)
    TranslationReportOutput,  # /bao-cao-dich/: what each locale still needs
    ShortTextsOutput,  # /tin-nhan/: SMS and Zalo texts with their counts, and tin-nhan.csv
    BroadcastPagesOutput,  # /phat-thanh/: loudspeaker scripts and the weekly programmes
    ShareImagesOutput,  # assets/share/*.png: 1200 × 630 images for link previews (Open Graph)
)
