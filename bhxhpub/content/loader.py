"""Read every content file, validate it against its schema, and build the Content model.

Pipeline: yamlread (bytes -> position-carrying nodes) -> schema (typed values,
per-field errors) -> this module (model objects, cross-references, release
rules). All problems in all files are collected; ContentError carries them.
"""
from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Callable

from . import facts as factmod
from ..errors import ContentError, Problems
from .model import (LEAFLET_FORMATS, QA, STATUSES, Audience, Contact, Content, Editorial, Fact, Leaflet, Link,
                    Locale, Message, Period, Section, Settings, Slogan, Where)
from .schema import F, Ctx, check_map
from .yamlread import read_yaml

EDITORIAL = {
    "status": F("choice", choices=STATUSES, help="Viết draft (dự thảo) hoặc approved (đã duyệt)."),
    "reviewed": F("date", help="Ngày rà soát gần nhất, dạng NĂM-THÁNG-NGÀY, ví dụ: 2026-05-01."),
}

CONTACT = {
    "name": F("text"), "phone": F("phone", required=False), "email": F("opt_text"), "address": F("opt_text"),
    "url": F("url", required=False), "hours": F("opt_text"), "note": F("opt_text"),
}

LOCALE = {
    "id": F("id"), "lang": F("text"), "name": F("text"), "native_name": F("text"),
    "script": F("choice", choices=("Latn", "Khmr", "Tavt")), "fonts": F("list", item="text"),
    "fallback": F("id", required=False, default="vi"), "build": F("bool", required=False, default=True),
}

SETTINGS = {
    "organisation": F("map", fields={"name": F("text"), "short_name": F("text"), "logo": F("path")}),
    "site": F("map", fields={"title": F("text"), "description": F("text"), "base_url": F("url")}),
    "campaign": F("map", fields={"year": F("int"), "theme": F("text"), "theme_source": F("text")}),
    "hotline": F("map", fields=CONTACT),
    "local_office": F("map", fields=CONTACT),
    "contacts": F("list", item=CONTACT, required=False),
    "social": F("list", item={"name": F("text"), "url": F("url")}, required=False),
    "default_locale": F("id"),
    "locales": F("list", item=LOCALE),
    "contribution_table": F("map", fields={
        "incomes": F("list", item="int", help="Các mức thu nhập minh họa, ví dụ: - 3000000"),
        "income_facts": F("list", item="id", required=False),
    }),
    "search_synonyms": F("list", item={"typed": F("text"), "means": F("text")}, required=False),
}

FACT = {
    "id": F("id"), "label": F("text"), "value": F("any"), "unit": F("choice", choices=factmod.UNITS),
    "source": F("text", help="Ghi rõ văn bản pháp luật: số hiệu, điều, khoản."),
    "valid_from": F("date", required=False), "valid_until": F("date", required=False),
    "note": F("opt_text"), **EDITORIAL,
}
MESSAGE = {"id": F("id"), "text": F("text"), "explanation": F("opt_text"), "main": F("bool", required=False, default=False),
           "source": F("text"), **EDITORIAL}
AUDIENCE = {"id": F("id"), "code": F("text"), "name": F("text"), "parent": F("id", required=False),
            "who": F("text"), "emphasise": F("list", item="text"), "source": F("text"), **EDITORIAL}
SLOGAN = {"id": F("id"), "text": F("text"), "audiences": F("list", item="id"), "source": F("text"), **EDITORIAL}
SECTION = {"question": F("text"), "answer": F("opt_text"), "bullets": F("list", item="text", required=False),
           "table": F("choice", choices=("contribution",), required=False)}
LEAFLET = {
    "id": F("id"), "kind": F("choice", choices=("to-roi", "to-gap")), "title": F("text"),
    "subtitle": F("opt_text"), "summary": F("text"), "audiences": F("list", item="id"),
    "formats": F("list", item="text", help="Chọn a5 (tờ rơi A5) và/hoặc trifold (tờ gấp ba A4)."),
    "sections": F("list", item=SECTION), "call_to_action": F("text"),
    "featured": F("bool", required=False, default=False), **EDITORIAL,
}
QA_SPEC = {"id": F("id"), "question": F("text"), "answer": F("text"), "audiences": F("list", item="id", required=False),
           "leaflet": F("id", required=False), **EDITORIAL}
PERIOD = {"id": F("id"), "name": F("text"), "start_month": F("int"), "start_day": F("int"),
          "end_month": F("int"), "end_day": F("int"), "theme": F("text"), "source": F("text"), **EDITORIAL}

FORMATS = LEAFLET_FORMATS


def _ed(v: dict) -> Editorial:
    return Editorial(v["status"], v["reviewed"])


def _where(rel: str, v: dict) -> Where:
    line, col = v.get("__where__", (0, 0))
    return Where(rel, line, col, dict(v.get("__lines__", {})))


def _contact(v: dict) -> Contact:
    return Contact(v["name"], v["phone"], v["email"], v["address"], v["url"] or "", v["hours"], v["note"])


class _Reader:
    def __init__(self, root: Path):
        self.root = root
        self.problems = Problems()

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def file(self, path: Path, spec: dict, what: str) -> tuple[dict | None, Ctx]:
        rel = self.rel(path)
        ctx = Ctx(rel, self.problems)
        if not path.exists():
            self.problems.add(rel, 0, 0, "Thiếu tệp nội dung bắt buộc.", f"Tạo tệp {rel} theo mẫu trong hướng dẫn biên tập.")
            return None, ctx
        node = read_yaml(path, rel, self.problems)
        if node is None:
            return None, ctx
        return check_map(node, spec, ctx, what), ctx

    def items(self, path: Path, key: str, item: dict, what: str) -> list[tuple[dict, Where]]:
        data, ctx = self.file(path, {key: F("list", item=item)}, what)
        if not data:
            return []
        return [(v, _where(ctx.rel, v)) for v in data[key]]


def _dupes(problems: Problems, pairs: list[tuple[str, Where]], what: str) -> None:
    seen: dict[str, Where] = {}
    for ident, w in pairs:
        if ident in seen:
            first = seen[ident]
            problems.add(w.file, w.line, w.column, f"Mã {what} “{ident}” bị trùng (đã dùng ở {first.file}:{first.line}).",
                         "Đổi mã này thành một mã chưa dùng.")
        else:
            seen[ident] = w


def load(root: Path, release: bool = False) -> Content:
    """Load and validate all content under root; raise ContentError listing every problem."""
    r = _Reader(root)
    p = r.problems

    settings_v, sctx = r.file(root / "content/settings.yaml", SETTINGS, "cài đặt")
    facts_raw = r.items(root / "content/facts.yaml", "facts", FACT, "số liệu")
    msgs_raw = r.items(root / "content/messages.yaml", "messages", MESSAGE, "thông điệp")
    aud_raw = r.items(root / "content/audiences.yaml", "audiences", AUDIENCE, "nhóm đối tượng")
    per_raw = r.items(root / "content/periods.yaml", "periods", PERIOD, "đợt cao điểm")
    qa_raw = r.items(root / "content/qa.yaml", "questions", QA_SPEC, "hỏi đáp")
    known = {"settings.yaml", "facts.yaml", "messages.yaml", "audiences.yaml", "periods.yaml", "qa.yaml", "ui.yaml"}
    ui = _ui_strings(r, root / "content/ui.yaml")
    for extra in sorted((root / "content").glob("*.y*ml")):
        if extra.name not in known and extra.name.count(".") < 2:  # name.<locale>.yaml are translations
            p.add(r.rel(extra), 0, 0, "Tệp này không thuộc loại nội dung nào nên sẽ không được dùng.",
                  "Đưa nội dung vào một trong các tệp: " + ", ".join(sorted(known)) + "; khẩu hiệu để trong slogans/, tờ rơi trong leaflets/.")
    slog_raw: list[tuple[dict, Where]] = []
    slogan_files = sorted(f for f in (root / "slogans").glob("*.yaml") if "." not in f.stem)  # x.<locale>.yaml: translations
    if not slogan_files:
        p.add("slogans/", 0, 0, "Chưa có tệp khẩu hiệu nào.", "Tạo tệp slogans/khau-hieu.yaml theo mẫu.")
    for f in slogan_files:
        slog_raw += r.items(f, "slogans", SLOGAN, "khẩu hiệu")
    leaf_raw: list[tuple[dict, Where]] = []
    for f in sorted((root / "leaflets").glob("*.y*ml")):
        if f.suffix == ".yml":
            p.add(r.rel(f), 0, 0, "Tệp tờ rơi phải có đuôi .yaml.", f"Đổi tên thành {f.stem}.yaml.")
            continue
        if "." in f.stem:  # translations (leaflets/<id>.<locale>.yaml) are read by translations.py
            continue
        v, ctx = r.file(f, LEAFLET, "tờ rơi")
        if v:
            if v["id"] != f.stem:
                line, col = v["__lines__"]["id"]
                p.add(ctx.rel, line, col, f"Mã tờ rơi “{v['id']}” khác tên tệp “{f.name}”.",
                      f"Đặt id: {f.stem} hoặc đổi tên tệp thành {v['id']}.yaml (mã là đường dẫn trên trang web).")
            leaf_raw.append((v, _where(ctx.rel, v)))

    facts = {v["id"]: Fact(v["id"], v["label"], _fact_value(v, w, p), v["unit"], v["source"], v["valid_from"],
                           v["valid_until"], v["note"], _ed(v), w) for v, w in facts_raw}
    messages = tuple(Message(v["id"], v["text"], v["explanation"], v["main"], v["source"], _ed(v), w) for v, w in msgs_raw)
    audiences = tuple(Audience(v["id"], v["code"], v["name"], v["parent"], v["who"], tuple(v["emphasise"]), v["source"],
                               _ed(v), w) for v, w in aud_raw)
    slogans = tuple(Slogan(v["id"], v["text"], tuple(v["audiences"]), v["source"], _ed(v), w) for v, w in slog_raw)
    leaflets = tuple(Leaflet(v["id"], v["kind"], v["title"], v["subtitle"], v["summary"], tuple(v["audiences"]),
                             tuple(v["formats"]),
                             tuple(Section(s["question"], s["answer"], tuple(s["bullets"]), s["table"], _where(w.file, s))
                                   for s in v["sections"]),
                             v["call_to_action"], v["featured"], _ed(v), w) for v, w in leaf_raw)
    qa = tuple(QA(v["id"], v["question"], v["answer"], tuple(v["audiences"]), v["leaflet"], _ed(v), w) for v, w in qa_raw)
    periods = tuple(Period(v["id"], v["name"], (v["start_month"], v["start_day"]), (v["end_month"], v["end_day"]),
                           v["theme"], v["source"], _ed(v), w) for v, w in per_raw)

    settings = _settings(settings_v, sctx, p) if settings_v else None
    if settings is not None:
        _check_logo(root, settings.logo, sctx.rel, settings_v["organisation"]["__lines__"]["logo"], p)

    _dupes(p, [(f.id, f.where) for f in facts.values()], "số liệu")
    _dupes(p, [(v["id"], w) for v, w in facts_raw], "số liệu")
    for kind, items in (("thông điệp", messages), ("nhóm đối tượng", audiences), ("khẩu hiệu", slogans),
                        ("tờ rơi", leaflets), ("hỏi đáp", qa), ("đợt cao điểm", periods)):
        _dupes(p, [(i.id, i.where) for i in items], kind)

    _check_refs(p, facts, messages, audiences, slogans, leaflets, qa, periods, settings)
    if release:
        _check_release(p, facts, leaflets, qa)
        main = [m for m in messages if m.main]
        if main and main[0].editorial.is_draft:
            p.add(*main[0].where.at("status"), "Bản công bố cần thông điệp chính đã duyệt, nhưng thông điệp chính đang là dự thảo.",
                  "Đặt status: approved cho thông điệp chính sau khi lãnh đạo duyệt.")
    translations: tuple = ()
    if p.ok and settings is not None:
        from .translations import read_all
        content = Content(settings, facts, messages, audiences, slogans, leaflets, qa, periods, ui)
        translations = read_all(root, content, ui, {l.id for l in settings.locales}, p)
    if not p.ok or settings is None:
        if p.ok:
            p.add("content/settings.yaml", 0, 0, "Không đọc được cài đặt.", "Sửa các lỗi khác trước.")
        raise ContentError(p)
    return Content(settings, facts, messages, audiences, slogans, leaflets, qa, periods, ui, translations)


def _ui_strings(r: "_Reader", path: Path) -> dict[str, str]:
    """content/ui.yaml: `strings:` mapping of interface keys to Vietnamese text."""
    from .yamlread import read_yaml as _read
    rel = r.rel(path)
    if not path.exists():
        r.problems.add(rel, 0, 0, "Thiếu tệp chữ giao diện.", "Khôi phục tệp content/ui.yaml từ lịch sử git.")
        return {}
    node = _read(path, rel, r.problems)
    if node is None:
        return {}
    strings = node.value.get("strings") if node.kind == "map" else None
    if strings is None or strings[1].kind != "map":
        r.problems.add(rel, node.line, node.column, "Tệp chữ giao diện cần trường “strings” gồm các dòng mã: chữ.", "")
        return {}
    out = {}
    for key, (knode, vnode) in strings[1].value.items():
        if vnode.kind != "scalar" or vnode.is_null or not str(vnode.value).strip():
            r.problems.add(rel, vnode.line, vnode.column, f"Chữ giao diện “{key}” phải là một đoạn văn bản.", "Điền chữ sau dấu hai chấm.")
            continue
        out[key] = str(vnode.value).strip()
    return out


def _fact_value(v: dict, w: Where, p: Problems) -> Any:
    raw = v["value"]
    if v["unit"] == "list":
        if not isinstance(raw, tuple):
            p.add(w.file, w.line, w.column, f"Số liệu “{v['id']}” có đơn vị list nên giá trị phải là danh sách.", "Viết mỗi ý một dòng bắt đầu bằng “- ”.")
        return raw
    if v["unit"] == "text":
        return raw if isinstance(raw, str) else "; ".join(raw)
    try:
        num = float(str(raw).replace("_", ""))
        if not math.isfinite(num):  # "inf", ".nan", 1e400: not a figure, and unprintable
            raise ValueError(raw)
    except ValueError:
        line, col = v["__lines__"]["value"]
        p.add(w.file, line, col, f"Giá trị “{raw}” của số liệu “{v['id']}” phải là một số (đơn vị {v['unit']}).",
              "Viết số không có dấu ngăn cách hàng nghìn, ví dụ: 1500000; tỷ lệ phần trăm viết 22.")
        return 0
    return int(num) if num.is_integer() else num


_LANG_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_FONT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,60}$")
_SVG_ACTIVE = re.compile(r"<script|<foreignObject|<!ENTITY|<!DOCTYPE|\son[a-z]+\s*=|(?:xlink:)?href\s*=\s*[\"'](?!#|data:image/)",
                         re.I)


def _check_logo(root: Path, logo: str, rel: str, at: tuple, p: Problems) -> None:
    """organisation.logo: an existing image inside the project (also after symlinks), without scripts
    or references to other files (the site serves it as is, WeasyPrint would fetch them)."""
    path = (root / logo).resolve()
    if not path.is_relative_to(root.resolve()):
        p.add(rel, *at, f"Biểu tượng “{logo}” trỏ ra ngoài thư mục dự án.", "Đặt tệp biểu tượng trong theme/assets/.")
    elif not path.is_file():
        p.add(rel, *at, f"Không tìm thấy tệp biểu tượng “{logo}”.", "Kiểm tra tên tệp, ví dụ: theme/assets/logo.svg.")
    elif path.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg"):
        p.add(rel, *at, f"Biểu tượng “{logo}” phải là ảnh .svg, .png hoặc .jpg.", "Chọn tệp ảnh biểu tượng.")
    elif path.suffix.lower() == ".svg" and _SVG_ACTIVE.search(path.read_text(encoding="utf-8", errors="replace")):
        p.add(rel, *at, f"Tệp biểu tượng “{logo}” có mã lệnh, khai báo DOCTYPE/ENTITY hoặc liên kết tới tệp khác.",
              "Xuất lại biểu tượng thành SVG đơn giản (chỉ hình vẽ), hoặc dùng ảnh PNG.")


def _settings(v: dict, ctx: Ctx, p: Problems) -> Settings | None:
    org, site, camp = v["organisation"], v["site"], v["campaign"]
    locales = tuple(Locale(l["id"], l["lang"], l["name"], l["native_name"], l["script"], tuple(l["fonts"]),
                           l["fallback"], l["build"]) for l in v["locales"])
    ids = [l.id for l in locales]
    for loc, raw in zip(locales, v["locales"]):
        # lang ends up in file names and in the theme's templates: a language tag and nothing else
        if not _LANG_RE.match(loc.lang):
            p.add(ctx.rel, *raw["__lines__"]["lang"], f"Mã ngôn ngữ “{loc.lang[:40]}” không hợp lệ.",
                  "Dùng mã ngôn ngữ chuẩn (BCP 47), ví dụ: vi, en, km, hnj, blt.")
        for font in loc.fonts:  # written into stylesheets
            if not _FONT_RE.match(font):
                p.add(ctx.rel, *raw["__lines__"]["fonts"], f"Tên phông “{font[:40]}” không hợp lệ.",
                      "Tên phông chỉ gồm chữ cái không dấu, chữ số, dấu cách và gạch nối, ví dụ: Noto Sans Khmer.")
    line, col = v["__lines__"]["default_locale"]
    if v["default_locale"] not in ids:
        p.add(ctx.rel, line, col, f"Ngôn ngữ mặc định “{v['default_locale']}” không có trong danh sách locales.",
              "Dùng một mã có trong locales, thường là vi.")
    elif not next(l for l in locales if l.id == v["default_locale"]).build:
        p.add(ctx.rel, line, col, f"Ngôn ngữ mặc định “{v['default_locale']}” đang đặt build: false.",
              "Ngôn ngữ mặc định luôn được dựng ở gốc trang web: xóa dòng build: false của ngôn ngữ này.")
    _dupes(p, [(l.id, Where(ctx.rel, *v["__lines__"]["locales"])) for l in locales], "ngôn ngữ")
    base = v["site"]["base_url"]
    if not base.startswith(("https://", "http://")):
        p.add(ctx.rel, *site["__lines__"]["base_url"], "Địa chỉ trang web (base_url) phải bắt đầu bằng https://.", "")
    ct = v["contribution_table"]
    return Settings(
        org_name=org["name"], org_short=org["short_name"], logo=org["logo"], site_title=site["title"],
        site_description=site["description"], base_url=base.rstrip("/") + "/", year=camp["year"], theme=camp["theme"],
        theme_source=camp["theme_source"], hotline=_contact(v["hotline"]), local_office=_contact(v["local_office"]),
        contacts=tuple(_contact(c) for c in v["contacts"]), social=tuple(Link(s["name"], s["url"]) for s in v["social"]),
        default_locale=v["default_locale"], locales=locales, contribution_incomes=tuple(ct["incomes"]),
        contribution_income_facts=tuple(ct["income_facts"]),
        synonyms=tuple((s["typed"], s["means"]) for s in v["search_synonyms"]),
    )


def _check_text(p: Problems, w: Where, text: str, facts: dict, what: str) -> None:
    if factmod.unbalanced(text):
        p.add(w.file, w.line, w.column, f"{what}: dấu [[ ]] không khớp trong “{text[:50]}”.",
              "Số liệu viết dạng [[ma-so-lieu]], có đủ hai dấu [[ và ]].")
    for fid in factmod.tokens(text):
        if fid not in facts:
            import difflib
            close = difflib.get_close_matches(fid, list(facts), n=1)
            p.add(w.file, w.line, w.column, f"{what} dùng số liệu [[{fid}]] không có trong content/facts.yaml.",
                  f"Có phải ý bạn là [[{close[0]}]]?" if close else "Thêm số liệu này vào content/facts.yaml hoặc sửa mã.")
        elif facts[fid].unit == "list":
            p.add(w.file, w.line, w.column, f"{what}: số liệu [[{fid}]] là một danh sách, không chèn được vào câu.",
                  "Chỉ chèn số liệu dạng số hoặc văn bản ngắn.")


def _at(w: Where, name: str) -> Where:
    file, line, col = w.at(name)
    return Where(file, line, col)


def _check_refs(p, facts, messages, audiences, slogans, leaflets, qa, periods, settings) -> None:
    import difflib
    aud_ids = {a.id for a in audiences}
    leaf_ids = {l.id for l in leaflets}

    def ref(w: Where, target: str, pool: set, what: str, where_to: str, fieldname: str) -> None:
        if target not in pool:
            close = difflib.get_close_matches(target.lower(), sorted(pool), n=1)
            hint = f"Có phải ý bạn là “{close[0]}”?" if close else f"Dùng một mã có trong {where_to}."
            p.add(*w.at(fieldname), f"{what} “{target}” không tồn tại.", hint)

    if messages and sum(1 for m in messages if m.main) != 1:
        w = messages[0].where
        p.add(w.file, w.line, w.column, "Cần đúng một thông điệp chính (main: true).", "Đặt main: true cho đúng một thông điệp.")
    for a in audiences:
        if a.id == "index":  # doi-tuong/index.md is the list of all audiences
            p.add(*a.where.at("id"), "Mã “index” đã dành cho trang danh sách nhóm đối tượng.", "Đặt mã khác cho nhóm này.")
        if a.parent:
            ref(a.where, a.parent, aud_ids, "Nhóm cha", "content/audiences.yaml", "parent")
            if a.parent == a.id:
                p.add(a.where.file, a.where.line, a.where.column, f"Nhóm “{a.id}” không thể là nhóm cha của chính nó.", "Xóa dòng parent.")
    # parent chains must not loop
    parents = {a.id: a.parent for a in audiences}
    for a in audiences:
        seen, cur = set(), a.id
        while cur in parents and parents[cur]:
            if cur in seen:
                if cur == a.id and a.parent != a.id:  # only the groups on the loop, not every group below it
                    p.add(*a.where.at("parent"), f"Nhóm “{a.id}” nằm trong một vòng lặp nhóm cha.",
                          "Kiểm tra lại các dòng parent: một nhóm không thể là tổ tiên của chính nó.")
                break
            seen.add(cur)
            cur = parents[cur]
    for s in slogans:
        for aid in s.audiences:
            ref(s.where, aid, aud_ids, "Nhóm đối tượng", "content/audiences.yaml", "audiences")
    for l in leaflets:
        for aid in l.audiences:
            ref(l.where, aid, aud_ids, "Nhóm đối tượng", "content/audiences.yaml", "audiences")
        for fmt in l.formats:
            if fmt not in FORMATS:
                p.add(l.where.file, l.where.line, l.where.column, f"Khổ in “{fmt}” không được hỗ trợ.", "Dùng a5 hoặc trifold.")
        for name in ("title", "subtitle", "summary", "call_to_action"):
            _check_text(p, _at(l.where, name), getattr(l, name), facts, f"Tờ rơi “{l.id}”")
        for s in l.sections:
            sw = s.where or l.where
            for name in ("question", "answer"):
                _check_text(p, _at(sw, name), getattr(s, name), facts, f"Tờ rơi “{l.id}”")
            for b in s.bullets:
                _check_text(p, _at(sw, "bullets"), b, facts, f"Tờ rơi “{l.id}”")
            if s.table == "contribution":
                for fid in factmod.TABLE_FACTS:
                    if fid not in facts:
                        p.add(l.where.file, l.where.line, l.where.column, f"Bảng mức đóng cần số liệu “{fid}” trong content/facts.yaml.", "Thêm số liệu này.")
    for q in qa:
        for aid in q.audiences:
            ref(q.where, aid, aud_ids, "Nhóm đối tượng", "content/audiences.yaml", "audiences")
        if q.leaflet:
            ref(q.where, q.leaflet, leaf_ids, "Tờ rơi", "leaflets/", "leaflet")
        for name in ("question", "answer"):
            _check_text(p, _at(q.where, name), getattr(q, name), facts, f"Câu hỏi “{q.id}”")
    for m in messages:
        for name in ("text", "explanation"):
            _check_text(p, _at(m.where, name), getattr(m, name), facts, f"Thông điệp “{m.id}”")
    for per in periods:
        for (mo, d), label in ((per.start, "bắt đầu"), (per.end, "kết thúc")):
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                p.add(per.where.file, per.where.line, per.where.column, f"Ngày {label} {d}/{mo} của đợt “{per.id}” không hợp lệ.",
                      "Tháng từ 1 đến 12, ngày từ 1 đến 31.")
    if settings:
        for fid in settings.contribution_income_facts:
            ref(Where("content/settings.yaml", 0), fid, set(facts), "Số liệu", "content/facts.yaml", "income_facts")


def _check_release(p: Problems, facts: dict, leaflets, qa) -> None:
    """An approved text may not publish a figure nobody has confirmed."""
    for item, texts in [(l, [l.title, l.subtitle, l.summary, l.call_to_action,
                             *[t for s in l.sections for t in (s.question, s.answer, *s.bullets)]]) for l in leaflets] + \
                       [(q, [q.question, q.answer]) for q in qa]:
        if item.editorial.is_draft:
            continue
        for fid in {f for t in texts for f in factmod.tokens(t)}:
            if fid in facts and facts[fid].editorial.is_draft:
                w = item.where
                p.add(w.file, w.line, w.column,
                      f"“{item.id}” đã duyệt nhưng dùng số liệu “{fid}” chưa được xác nhận (status: draft).",
                      "Xác nhận số liệu trong content/facts.yaml (status: approved) hoặc để nội dung ở trạng thái draft.")
