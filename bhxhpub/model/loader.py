"""Read every content file, validate it against its declared type, and build the Content model.

    read(root) -> (Content of whatever loaded, Problems)
        read       every file checked against spec_of(its type)      (reader.py, schema.py)
        build      model objects with keywords                        (fields.construct)
        check      duplicates, settings, logo                         (reader.py, settings_checks.py)
        translate  *.<locale>.yaml beside their sources              (translations.py)

All problems in all files are collected. The rules across items (references, figures, release)
are the next stage (bhxhpub.rules), run by the pipeline on the same Content.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Optional

from ..errors import ContentError, Problems
from .fields import construct, spec_of, where_of
from .reader import ContentReader, duplicates
from .settings import Settings
from .settings_checks import check_logo, check_settings
from .slug import ID_RE, slugify
from .translations import read_all
from .types import QA, Audience, Broadcast, Content, Fact, GlossaryTerm, Leaflet, Message, OutdatedTerm, Period, Slogan, Where

# content/<name>.yaml: (list key, type, what it is called in messages)
CONTENT_FILES = {
    "facts.yaml": ("facts", Fact, "số liệu"),
    "messages.yaml": ("messages", Message, "thông điệp"),
    "audiences.yaml": ("audiences", Audience, "nhóm đối tượng"),
    "periods.yaml": ("periods", Period, "đợt cao điểm"),
    "qa.yaml": ("questions", QA, "hỏi đáp"),
}
KNOWN_FILES = {"settings.yaml", *CONTENT_FILES, "ui.yaml", "outdated-terms.yaml", "glossary.yaml"}
TERMS_FILE = "outdated-terms.yaml"
GLOSSARY_FILE = "glossary.yaml"


def read(root: Path) -> tuple[Optional[Content], Problems]:
    """Every content file read and checked against its declared type: the Content of whatever did
    load (None when the settings could not be read) and every problem of reading. The rules that
    look across items (references, figures, release) run on that content afterwards (bhxhpub.rules),
    so an editor gets every problem in one round."""
    reader = ContentReader(root)
    p = reader.problems
    settings_values, settings_check = reader.file(root / "content/settings.yaml", spec_of(Settings), "cài đặt")
    raw = {name: reader.items(root / "content" / name, key, spec_of(cls), what)
           for name, (key, cls, what) in CONTENT_FILES.items()}
    ui = reader.ui_strings(root / "content/ui.yaml")
    terms = ()
    if (root / "content" / TERMS_FILE).is_file():
        terms = tuple(construct(OutdatedTerm, v, w) for v, w in
                      reader.items(root / "content" / TERMS_FILE, "terms", spec_of(OutdatedTerm), "từ lỗi thời"))
    glossary = ()
    if (root / "content" / GLOSSARY_FILE).is_file():
        glossary = tuple(construct(GlossaryTerm, v, w) for v, w in
                         reader.items(root / "content" / GLOSSARY_FILE, "terms", spec_of(GlossaryTerm), "thuật ngữ"))
    _unknown_content_files(reader, root)
    slogans = tuple(construct(Slogan, v, w) for v, w in _slogan_items(reader, root))
    leaflets = tuple(construct(Leaflet, v, w) for v, w in _leaflet_items(reader, root))
    broadcasts = tuple(construct(Broadcast, v, w) for v, w in _broadcast_items(reader, root))

    facts = {v["id"]: _fact(v, w, p) for v, w in raw["facts.yaml"]}
    messages = tuple(construct(Message, v, w) for v, w in raw["messages.yaml"])
    audiences = tuple(construct(Audience, v, w) for v, w in raw["audiences.yaml"])
    qa = tuple(construct(QA, v, w) for v, w in raw["qa.yaml"])
    periods = tuple(construct(Period, v, w) for v, w in raw["periods.yaml"])
    settings = _settings(root, settings_values, settings_check.rel, p)

    duplicates(p, [(v["id"], w) for v, w in raw["facts.yaml"]], "số liệu")  # before the dict kept only the last
    for what, items in (("thông điệp", messages), ("nhóm đối tượng", audiences), ("khẩu hiệu", slogans),
                        ("tờ rơi", leaflets), ("hỏi đáp", qa), ("đợt cao điểm", periods), ("bài phát thanh", broadcasts),
                        ("thuật ngữ", glossary)):
        duplicates(p, [(i.id, i.where) for i in items], what)
    if settings is None:
        if p.ok:
            p.add("content/settings.yaml", 0, 0, "Không đọc được cài đặt.", "Sửa các lỗi khác trước.")
        return None, p
    content = Content(settings=settings, facts=facts, messages=messages, audiences=audiences, slogans=slogans,
                      leaflets=leaflets, qa=qa, periods=periods, ui=ui, broadcasts=broadcasts)
    translations = read_all(root, content, ui, {l.id for l in settings.locales}, p)
    return Content(settings=settings, facts=facts, messages=messages, audiences=audiences, slogans=slogans,
                   leaflets=leaflets, qa=qa, periods=periods, ui=ui, translations=translations, outdated_terms=terms,
                   broadcasts=broadcasts, glossary=glossary), p


def load(root: Path) -> Content:
    """`read`, raising ContentError when any file has a problem of reading (for tools that need
    only well-formed content: the translator exchange, the schemas). The whole validation, rules
    and channels included, is `bhxhpub.pipeline.validate.load`."""
    content, problems = read(root)
    if content is None or not problems.ok:
        raise ContentError(problems)
    return content


def _unknown_content_files(reader: ContentReader, root: Path) -> None:
    for extra in reader.yaml_files(root / "content"):
        if extra.name not in KNOWN_FILES and extra.name.count(".") < 2:  # name.<locale>.yaml are translations
            reader.problems.add(reader.rel(extra), 0, 0, "Tệp này không thuộc loại nội dung nào nên sẽ không được dùng.",
                                "Đưa nội dung vào một trong các tệp: " + ", ".join(sorted(KNOWN_FILES))
                                + "; khẩu hiệu để trong slogans/, tờ rơi trong leaflets/.")


def _slogan_items(reader: ContentReader, root: Path) -> list[tuple[dict, Where]]:
    files = [f for f in reader.yaml_files(root / "slogans") if "." not in f.stem]  # x.<locale>.yaml: translations
    if not files:
        reader.problems.add("slogans/", 0, 0, "Chưa có tệp khẩu hiệu nào.", "Tạo tệp slogans/khau-hieu.yaml theo mẫu.")
    return [item for f in files for item in reader.items(f, "slogans", spec_of(Slogan), "khẩu hiệu")]


def _leaflet_items(reader: ContentReader, root: Path) -> list[tuple[dict, Where]]:
    """One leaflet a file, named by its id (leaflets/<id>.yaml); translations are read later."""
    out = []
    for f in reader.yaml_files(root / "leaflets"):
        if "." in f.stem:  # translations (leaflets/<id>.<locale>.yaml) are read by translations.py
            continue
        v, check = reader.file(f, spec_of(Leaflet), "tờ rơi")
        if v:
            if v["id"] != f.stem:
                line, col = v["__lines__"]["id"]
                reader.problems.add(check.rel, line, col, f"Mã tờ rơi “{v['id']}” khác tên tệp “{f.name}”.",
                                    _id_hint(f.stem, v["id"]))
            out.append((v, where_of(check.rel, v)))
    return out


def _broadcast_items(reader: ContentReader, root: Path) -> list[tuple[dict, Where]]:
    """One loudspeaker script a file: broadcasts/<id>.yaml (the folder is optional)."""
    out = []
    if not (root / "broadcasts").is_dir():
        return out
    for f in reader.yaml_files(root / "broadcasts"):
        if "." in f.stem:
            continue
        v, check = reader.file(f, spec_of(Broadcast), "bài phát thanh")
        if v:
            if v["id"] != f.stem:
                line, col = v["__lines__"]["id"]
                reader.problems.add(check.rel, line, col, f"Mã bài “{v['id']}” khác tên tệp “{f.name}”.", _id_hint(f.stem, v["id"]))
            out.append((v, where_of(check.rel, v)))
    return out


def _id_hint(stem: str, ident: str) -> str:
    """What to write when a leaflet's id and file name differ: never a name the rules refuse."""
    if ID_RE.match(stem):
        return f"Đặt id: {stem} hoặc đổi tên tệp thành {ident}.yaml (mã là đường dẫn trên trang web)."
    return (f"Tên tệp “{stem}” không dùng được làm mã (chỉ chữ thường không dấu, số và gạch nối): đổi tên tệp thành "
            f"{ident}.yaml (mã là đường dẫn trên trang web); nếu muốn mã mới, viết là: {slugify(stem) or ident}.")


def _settings(root: Path, values: Optional[dict], rel: str, p: Problems) -> Optional[Settings]:
    if not values:
        return None
    settings = construct(Settings, values)
    check_settings(settings, values, rel, p)
    check_logo(root, settings.logo, rel, values["organisation"]["__lines__"]["logo"], p)
    return settings


FACT_FORMS = ("value", "values", "computed")


def _fact(v: dict, w: Where, p: Problems) -> Fact:
    """A fact in one of its three forms (one value, a timeline, computed), values converted to its unit."""
    forms = [k for k in FACT_FORMS if v.get(k) not in (None, "", ())]
    if len(forms) != 1:
        where = v["__lines__"].get(forms[1], (w.line, w.column)) if len(forms) > 1 else (w.line, w.column)
        p.add(w.file, *where, f"Số liệu “{v['id']}” cần đúng một trong ba cách ghi: value (một giá trị), values (các giá trị "
              f"theo thời gian) hoặc computed (tính từ số liệu khác){'; đang có ' + ', '.join(forms) if forms else ''}.",
              "Một giá trị: viết value, source, valid_from. Giá trị đổi theo ngày: viết values, mỗi mục có value, source, "
              "valid_from, valid_until. Xem mục Số liệu trong hướng dẫn biên tập.")
    if forms == ["value"] and not v.get("source"):
        p.add(w.file, w.line, w.column, f"Số liệu “{v['id']}” thiếu trường bắt buộc “source”.",
              "Ghi rõ văn bản pháp luật: số hiệu, điều, khoản.")
    values = tuple({**pv, "value": _fact_value({**pv, "id": v["id"], "unit": v["unit"]}, where_of(w.file, pv), p)}
                   for pv in v.get("values") or ())
    value = _fact_value(v, w, p) if "value" in forms else None
    return construct(Fact, {**v, "value": value, "values": values}, w)


def _fact_value(v: dict, w: Where, p: Problems) -> Any:
    """A fact's value as its unit wants it: a number, a text or a list (a problem when it is not)."""
    raw = v["value"]
    if v["unit"] == "list":
        if not isinstance(raw, tuple):
            p.add(w.file, w.line, w.column, f"Số liệu “{v['id']}” có đơn vị list nên giá trị phải là danh sách.",
                  "Viết mỗi ý một dòng bắt đầu bằng “- ”.")
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
