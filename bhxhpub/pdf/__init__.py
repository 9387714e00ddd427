"""The PDF output: print-ready leaflets rendered with WeasyPrint (see renderer.PdfRenderer).

    editions   the catalogue of editions per leaflet format, and the printed measures
    labels     the printed words, from the locale's interface strings (content/ui.yaml)
    resources  theme files only: URL fetcher, fonts, FontConfiguration, templates
    context    the template values of a leaflet
    glyphs     characters the fonts cannot print (before layout, and WeasyPrint's .notdef)
    layout     the fit search and the page/panel checks on WeasyPrint's boxes
    messages   errors for editors
    impose     the 2-up office edition
    writer     PDF bytes and files
    manifest   docs/pdf/manifest.json
    qr, segment  QR codes; Khmer line-break opportunities

Nothing is imported here: WeasyPrint is loaded only when a build renders PDFs.
"""
