"""Translator exchange: a locale's texts to XLSX, PO or XLIFF 2.0 files and back into *.<locale>.yaml.

    rows      units of the content -> one row per text (kind/item/path, context, state, hash)
    xlsx      workbook for a person (openpyxl), readable by Weblate (source/target/context)
    po        gettext PO (polib): msgctxt = key, fuzzy + #| msgid for outdated texts
    xliff     XLIFF 2.0 (lxml): one unit per text, notes for context, figures and hash
    importer  read any of them, check every row, then write the locale's YAML (ruamel.yaml)
"""
