"""What translators should do next, per locale: counts and a to-do list, leaflets first.

Pure: Content -> Report. Written as JSON (site/bao-cao-dich/report.json), as a page
staff can open (site/bao-cao-dich/, not in the public navigation) and printed by
`python build.py report`.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from ..model import facts as factmod
from ..model.translations import KIND_LABELS, STATES, translation_path, units
from ..model.types import Content
from .localize import states
from .spoken import voice_of

_ORDER = {"leaflet": 0, "broadcast": 1, "message": 2, "slogan": 3, "short": 4, "qa": 5, "audience": 6, "period": 7, "fact": 8,
          "edition": 9, "setting": 10, "ui": 11}
_STATE_ORDER = {"outdated": 0, "missing": 1, "draft": 2, "approved": 3}
STATE_LABELS = {"approved": "đã duyệt", "draft": "bản nháp", "outdated": "cần xem lại (bản gốc đã đổi)",
                "missing": "chưa dịch"}


@dataclass
class Todo:
    kind: str
    id: str
    state: str
    title: str
    source_file: str
    translation_file: str
    source_hash: str  # write this in the translation's source_hash once translated from the current text
    translated_hash: str  # what the existing translation says it translated ("" when missing)
    source: dict


@dataclass
class LocaleReport:
    locale: str
    name: str
    counts: dict[str, int]
    by_kind: dict[str, dict[str, int]]
    todo: list[Todo] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what a translation shows in Vietnamese still (figures read aloud)


def build_report(content: Content) -> list[LocaleReport]:
    s = content.settings
    unit_list = units(content, content.ui)
    out = []
    for loc in s.locales:
        if loc.id == s.default_locale:
            continue
        st = states(unit_list, content.translations, loc.id)
        counts = {k: 0 for k in STATES}
        by_kind: dict[str, dict[str, int]] = {}
        todo = []
        for x in st:
            counts[x.state] += 1
            by_kind.setdefault(x.unit.kind, {k: 0 for k in STATES})[x.state] += 1
            if x.state != "approved":
                todo.append(Todo(x.unit.kind, x.unit.id, x.state, x.unit.title, x.unit.file,
                                 translation_path(x.unit, loc.id), x.unit.hash,
                                 x.translation.source_hash if x.translation else "", x.unit.source))
        todo.sort(key=lambda t: (_ORDER[t.kind], _STATE_ORDER[t.state], t.id))
        out.append(LocaleReport(loc.id, loc.name, counts, by_kind, todo, spoken_notes(content, loc, st)))
    return out


def spoken_notes(content: Content, loc, st) -> list[str]:
    """Translated scripts whose figures are read in Vietnamese words (the locale has no number words of its
    own), and whose duration is estimated at the Vietnamese rate."""
    if voice_of(content.settings, loc).own:
        return []
    translated = {x.unit.id for x in st if x.unit.kind == "broadcast" and x.translation is not None}
    out = []
    for b in content.broadcasts:
        if b.id in translated and any(factmod.tokens(p) for p in b.paragraphs):
            out.append(f"Bài phát thanh “{b.id}”: số liệu đọc bằng chữ tiếng Việt ({loc.name} chưa có cách đọc số: "
                       "number_words trong content/settings.yaml)"
                       + ("" if loc.words_per_minute else "; thời lượng ước tính theo tốc độ đọc tiếng Việt") + ".")
    return out


def report_json(reports: list[LocaleReport]) -> str:
    return json.dumps([asdict(r) for r in reports], ensure_ascii=False, indent=1, sort_keys=True)


def report_text(reports: list[LocaleReport], limit: int = 8) -> str:
    lines = ["Báo cáo bản dịch (đã duyệt / nháp / cần xem lại / chưa dịch):"]
    for r in reports:
        c = r.counts
        lines.append(f"- {r.name} ({r.locale}): {c['approved']} đã duyệt, {c['draft']} nháp, "
                     f"{c['outdated']} cần xem lại, {c['missing']} chưa dịch")
        for t in r.todo[:limit]:
            lines.append(f"    • [{STATE_LABELS[t.state]}] {KIND_LABELS[t.kind]} “{t.title[:60]}” → {t.translation_file} "
                         f"(source_hash: {t.source_hash})")
        if len(r.todo) > limit:
            lines.append(f"    … và {len(r.todo) - limit} mục khác (xem trang /bao-cao-dich/ hoặc tệp JSON).")
        lines += [f"    ! {note}" for note in r.notes]
    return "\n".join(lines)
