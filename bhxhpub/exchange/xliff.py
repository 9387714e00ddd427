"""XLIFF 2.0 for CAT tools (lxml; core elements only, valid against the OASIS xliff_core_2.0.xsd).

One <group> per item and one <unit> per text; the unit's `name` is the row's key. Notes carry the readable
context, the figures, the limit, the source hash and, for an outdated text, the Vietnamese it was translated
from. Segment states: initial (missing; outdated with subState bhxh:outdated), translated (draft), final
(approved)."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from ..errors import Problems
from . import untrusted
from .files import Entry, Incoming, clean
from .rows import Export

NS = "urn:oasis:names:tc:xliff:document:2.0"
GLS = "urn:oasis:names:tc:xliff:glossary:2.0"  # the XLIFF 2.0 Glossary module
OUTDATED = "bhxh:outdated"
_STATES = {"missing": "initial", "outdated": "initial", "draft": "translated", "approved": "final"}


def _q(tag: str) -> str:
    return f"{{{NS}}}{tag}"


def nmtoken(text: str) -> str:
    """An id XML accepts (NMTOKEN): letters, digits, . - _ :"""
    return re.sub(r"[^\w.\-:]", "_", text)


def _notes(parent: etree._Element, notes: list[tuple[str, str]]) -> None:
    box = etree.SubElement(parent, _q("notes"))
    for category, text in notes:
        etree.SubElement(box, _q("note"), category=category).text = text


def _glossary(unit: etree._Element, terms) -> None:
    """<gls:glossary> of a unit (module elements come before its notes): each term, its rendering where the locale
    has one, its meaning."""
    box = etree.SubElement(unit, f"{{{GLS}}}glossary")
    for g in terms:
        entry = etree.SubElement(box, f"{{{GLS}}}glossEntry")
        etree.SubElement(entry, f"{{{GLS}}}term", source="content/glossary.yaml").text = g.term
        if g.rendering:
            etree.SubElement(entry, f"{{{GLS}}}translation", source=f"content/glossary.yaml ({g.status})").text = g.rendering
        etree.SubElement(entry, f"{{{GLS}}}definition").text = g.means


def write_xliff(export: Export) -> bytes:
    root = etree.Element(_q("xliff"), nsmap={None: NS, "gls": GLS}, version="2.0", srcLang="vi", trgLang=export.lang)
    f = etree.SubElement(root, _q("file"), id=nmtoken(f"bhxh-{export.locale}"), original=f"bhxh/{export.locale}")
    _notes(f, [("locale", export.locale), ("exported", export.exported.isoformat()), ("translator", ""),
               ("instructions", "Giữ nguyên các mã [[…]] và {…}. Mỗi đơn vị là một đoạn; ghi chú cho biết vị trí."),
               *(("glossary", g.line()) for g in export.glossary)])
    group = None
    last = None
    for row in export.rows:
        if (row.kind, row.item) != last:
            last = (row.kind, row.item)
            group = etree.SubElement(f, _q("group"), id=nmtoken(f"{row.kind}.{row.item}"), name=f"{row.kind}/{row.item}")
        unit = etree.SubElement(group, _q("unit"), id=nmtoken(row.key.replace("/", ":")), name=row.key)
        if row.terms:
            _glossary(unit, row.terms)
        notes = [("location", row.label), ("source-hash", row.hash), ("target-hash", row.base), ("max-length", str(row.max_len))]
        if row.limit:
            notes.append(("limit", row.limit))
        if row.figures:
            notes.append(("figures", row.figures))
        if row.old_source:
            notes.append(("old-source", row.old_source))
        _notes(unit, notes)
        seg = etree.SubElement(unit, _q("segment"), state=_STATES[row.state])
        if row.state == "outdated":
            seg.set("subState", OUTDATED)
        etree.SubElement(seg, _q("source")).text = row.source
        if row.target:
            etree.SubElement(seg, _q("target")).text = row.target
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def read_xliff(path: Path, label: str, problems: Problems) -> Incoming | None:
    try:  # a DOCTYPE refused in the bytes; the parser expands, fetches and reads nothing beside the file either
        data = path.read_bytes()
        if not untrusted.check_xml_bytes(data, label, problems):
            return None
        tree = etree.fromstring(data, untrusted.parser()).getroottree()
    except (OSError, etree.XMLSyntaxError) as exc:
        problems.add(label, getattr(exc, "lineno", 0) or 0, 0, f"Tệp XLIFF không đọc được: {exc}",
                     "Xuất lại tệp từ công cụ dịch (XLIFF 2.0) rồi nhập lại.")
        return None
    if not untrusted.check_xml(tree, label, problems):
        return None
    root = tree.getroot()
    if root.tag != _q("xliff") or root.get("version", "").split(".")[0] != "2":
        problems.add(label, root.sourceline or 0, 0, "Đây không phải tệp XLIFF 2.0.",
                     "Dùng tệp đã xuất bằng python build.py translations export --format xliff.")
        return None

    def notes_of(el) -> dict[str, str]:
        box = el.find(_q("notes"))
        return {} if box is None else {n.get("category", ""): "".join(n.itertext()) for n in box.findall(_q("note"))}

    file_el = root.find(_q("file"))
    meta = notes_of(file_el) if file_el is not None else {}
    entries = []
    for unit in root.iter(_q("unit")):
        notes = notes_of(unit)
        seg = unit.find(_q("segment"))
        src = seg.find(_q("source")) if seg is not None else None
        tgt = seg.find(_q("target")) if seg is not None else None
        review = seg is not None and seg.get("state", "initial") == "initial" and seg.get("subState") == OUTDATED
        entries.append(Entry(key=clean(unit.get("name")), source=clean("".join(src.itertext()) if src is not None else ""),
                             target=clean("".join(tgt.itertext()) if tgt is not None else ""),
                             hash=clean(notes.get("source-hash")), needs_review=review,
                             where=(label, (tgt if tgt is not None else unit).sourceline or 0, 0),
                             base=clean(notes.get("target-hash"))))
    return Incoming(locale=clean(meta.get("locale")), lang=clean(root.get("trgLang")), translator=clean(meta.get("translator")),
                    entries=tuple(entries), where=(label, (file_el if file_el is not None else root).sourceline or 0, 0))
