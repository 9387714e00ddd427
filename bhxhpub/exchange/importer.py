"""A translator's file back into the locale's *.<locale>.yaml: check every row, then write (or nothing).

    read       XLSX, PO or XLIFF -> Incoming (locale, rows with where they are)
    check      locale, every row's key, figures, placeholders, length; each item's rows whole and unchanged
    plan       per item: the translation values, the source hash *in the file*, the Vietnamese of the file
               (source_text), the texts left empty (untranslated: they keep the Vietnamese), status draft
    verify     the planned files loaded with the real loader in a scratch copy of the content
    write      ruamel.yaml, keeping the comments and order of existing files

An item whose rows say what its translation already says is not written again (importing twice changes nothing).
"""
from __future__ import annotations

import difflib
import io
import re
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..errors import ContentError, Problems
from ..model.settings import Locale
from ..model.translations import FIELDS, ITEM_FILES, KIND_LABELS, Unit, source_hash, translation_path, units
from ..model.types import Content
from .export import edition_content
from .files import SUFFIXES, Entry, Incoming, clean, text_hash
from .notices import check_warnings
from .po import read_po
from .rows import aligned, flatten, max_len, path_problem, unflatten
from .untrusted import check_file, check_row, check_zip
from .xliff import read_xliff
from .xlsx import read_xlsx

READERS = {"xlsx": read_xlsx, "po": read_po, "xliff": read_xliff}
_HASH_RE = re.compile(r"^[0-9a-f]{12}$")


@dataclass
class ImportResult:
    locale: str = ""
    written: list[str] = field(default_factory=list)  # files written, relative to the project
    items: int = 0  # items written
    unchanged: int = 0  # items whose rows say what their translation already says
    untouched: int = 0  # items with no translated row in the file


def since_export(rows: list[tuple[str, Entry]], have: dict[str, str]) -> tuple[list[tuple[str, Entry]], list[tuple[Entry, str]]]:
    """A unit's rows as they should be read when its translation in the project changed after the file
    was exported (another translator's import, an edit in git): a row the translator left as exported
    keeps the newer translation; a row changed on both sides is a conflict, (entry, the project's text).
    Rows of files exported before target hashes were written are taken as they are."""
    out, conflicts = [], []
    for p, e in rows:
        now = clean(have.get(p, ""))
        if not e.base or not e.target or text_hash(now) == e.base or e.target == now:
            out.append((p, e))
        elif text_hash(e.target) == e.base:  # as exported: the newer translation stays
            out.append((p, replace(e, target=now)))
        else:
            conflicts.append((e, now))
            out.append((p, e))
    return out, conflicts


def read_file(path: Path, problems: Problems) -> Optional[Incoming]:
    fmt = SUFFIXES.get(path.suffix.lower())
    if path.suffix.lower() in (".xlsm", ".xltm", ".xlsb", ".xls"):
        problems.add(path.name, 0, 0, f"Tệp Excel dạng “{path.suffix}” (có thể chứa macro hoặc định dạng cũ): không nhập.",
                     "Lưu lại tệp dạng Excel Workbook (.xlsx) rồi nhập lại.")
        return None
    if fmt is None:
        problems.add(path.name, 0, 0, f"Không biết đọc tệp “{path.suffix}”.",
                     "Nhập tệp .xlsx, .po hoặc .xlf/.xliff đã xuất bằng python build.py translations export.")
        return None
    if not check_file(path, path.name, problems) or fmt == "xlsx" and not check_zip(path, path.name, problems):
        return None  # refused from its size and its ZIP directory, before any parser reads it
    return READERS[fmt](path, path.name, problems)


def _check_locale(inc: Incoming, content: Content, wanted: Optional[str], problems: Problems) -> Optional[Locale]:
    s = content.settings
    declared = {l.id: l for l in s.locales}
    loc = declared.get(inc.locale)
    if not inc.locale:
        problems.add(*inc.where, "Tệp không ghi mã ngôn ngữ.", "Dùng tệp đã xuất bằng python build.py translations export.")
    elif loc is None or loc.id == s.default_locale:
        close = difflib.get_close_matches(inc.locale, [l for l in declared if l != s.default_locale], n=1)
        problems.add(*inc.where, f"Tệp dành cho ngôn ngữ “{inc.locale}”, không phải một ngôn ngữ dịch của trang "
                                 "(content/settings.yaml, locales).",
                     f"Có phải ý bạn là “{close[0]}”?" if close else "Xuất lại tệp cho đúng ngôn ngữ.")
        loc = None
    elif wanted and wanted != loc.id:
        want = declared.get(wanted)
        problems.add(*inc.where, f"Tệp này dành cho {loc.name} ({loc.id}), không phải "
                                 f"{want.name if want else wanted} ({wanted}).",
                     f"Kiểm tra lại tệp nhận từ người dịch, hoặc bỏ --locale {wanted}.")
        loc = None
    elif inc.lang and inc.lang.lower() != loc.lang.lower():
        problems.add(*inc.where, f"Tệp ghi mã ngôn ngữ “{loc.id}” nhưng thẻ ngôn ngữ “{inc.lang}” (cần “{loc.lang}”): "
                                 "tệp của một ngôn ngữ khác?",
                     "Xuất lại tệp cho đúng ngôn ngữ.")
        loc = None
    return loc


def plan_import(root: Path, path: Path, translator: Optional[str], wanted: Optional[str], today: date,
                problems: Problems, edition: Optional[str] = None) -> tuple[ImportResult, dict[str, str]]:
    """Everything checked; the new text of every translation file to write (empty when any problem)."""
    result = ImportResult()
    content = edition_content(root, edition)  # ContentError: the project itself has problems; an edition: its texts too
    inc = read_file(path, problems)
    if inc is None:
        return result, {}
    loc = _check_locale(inc, content, wanted, problems)
    result.locale = loc.id if loc else inc.locale
    if loc is not None:  # warnings (problems.notices): carriers' segments, the glossary's terms
        check_warnings(inc.entries, content, loc, problems)
    by_key = {(u.kind, u.id): u for u in units(content, content.ui)}
    seen: dict[str, Entry] = {}
    groups: dict[tuple[str, str], list[tuple[str, Entry]]] = {}
    bad: set[tuple[str, str]] = set()  # items with a row in error (recorded): checked whole, never written
    for e in inc.entries:
        parts = e.key.split("/", 2)
        if len(parts) != 3 or parts[0] not in FIELDS or (parts[0], parts[1]) not in by_key:
            pool = [f"{k}/{i}" for k, i in by_key]
            close = difflib.get_close_matches("/".join(parts[:2]), pool, n=1)
            problems.add(*e.where, f"Không biết dòng “{e.key or '(trống)'}” thuộc mục nào (context không có trong nội dung).",
                         (f"Có phải là “{close[0]}/…”? " if close else "") +
                         "Không sửa cột context; nếu mục đã bị xoá khỏi bản tiếng Việt, bỏ dòng này.")
            continue
        kind, item, rowpath = parts
        why = path_problem(kind, rowpath)
        if why == "not-translatable":
            problems.add(*e.where, f"Trường “{rowpath.split('.')[-1] if '.' in rowpath else rowpath}” của "
                                   f"{KIND_LABELS[kind].lower()} “{item}” không phải để dịch.",
                         "Bỏ dòng này: chỉ dịch các đoạn văn đã xuất ra tệp.")
            continue
        if why:
            problems.add(*e.where, f"Không biết dòng “{e.key}”: {KIND_LABELS[kind].lower()} “{item}” không có đoạn “{rowpath}”.",
                         "Không sửa cột context; xuất lại tệp nếu cần.")
            continue
        if e.key in seen:
            problems.add(*e.where, f"Dòng “{e.key}” xuất hiện hai lần (lần đầu ở dòng {seen[e.key].where[1]}).",
                         "Giữ một dòng, xoá dòng lặp.")
            continue
        seen[e.key] = e
        if not _HASH_RE.match(e.hash):
            problems.add(*e.where, f"Mã source_hash “{e.hash}” của dòng “{e.key}” không hợp lệ.",
                         "Không sửa cột source_hash; xuất lại tệp nếu cần.")
            continue
        if e.target:
            limit = max_len(kind, rowpath)
            if len(e.target) > limit:
                problems.add(*e.where, f"Bản dịch dài {len(e.target)} ký tự, vượt giới hạn {limit} ký tự của đoạn này.",
                             f"Rút gọn (tối đa {limit} ký tự): tờ rơi in và màn hình điện thoại không chứa được đoạn dài hơn.")
                bad.add((kind, item))
            elif not check_row(e, kind, problems):
                bad.add((kind, item))
        groups.setdefault((kind, item), []).append((rowpath, e))

    existing = {(t.kind, t.id): t for t in content.translations if loc and t.locale == loc.id}
    planned: list[tuple[Unit, dict, str, dict, list[str]]] = []
    for key, rows in groups.items():
        unit = by_key[key]
        first = rows[0][1]
        hashes = {e.hash for _, e in rows}
        if len(hashes) > 1:
            problems.add(*first.where, f"Các dòng của {KIND_LABELS[unit.kind].lower()} “{unit.id}” ghi source_hash khác nhau.",
                         "Không sửa cột source_hash; xuất lại tệp nếu cần.")
            continue
        file_hash = hashes.pop()
        snapshot = unflatten({p: e.source for p, e in rows}, unit.kind)
        if source_hash(snapshot) != file_hash:
            problems.add(*first.where, f"Tiếng Việt của {KIND_LABELS[unit.kind].lower()} “{unit.id}” trong tệp không khớp "
                                       "mã source_hash: cột tiếng Việt đã bị sửa, hoặc thiếu dòng.",
                         "Không sửa cột tiếng Việt, không xoá dòng; xuất lại tệp và dịch trên tệp mới.")
            continue
        if key in bad:
            continue
        if not any(e.target for _, e in rows):
            result.untouched += 1
            continue
        t = existing.get(key)
        if t is not None and not aligned(t, t.source_text if t.source_text is not None else unit.source, content):
            problems.add(*first.where, f"Bản dịch hiện có của {KIND_LABELS[unit.kind].lower()} “{unit.id}” ({t.where.file}) "
                                       "sắp xếp các mục khác bản tiếng Việt, nên không nhập theo từng dòng được.",
                         "Sửa trực tiếp tệp YAML đó, hoặc xoá nó rồi nhập lại tệp này.")
            continue
        have = {p: x for p, x in flatten(t.fields, unit.kind).items() if p not in t.untranslated} if t else {}
        rows, conflicts = since_export(rows, have)
        for e, now in conflicts:
            problems.add(*e.where, f"Bản dịch dòng “{e.key}” đã được sửa trong dự án sau khi xuất tệp này (bây giờ là "
                                   f"“{now[:60]}{'…' if len(now) > 60 else ''}”); nhập dòng này sẽ ghi đè bản dịch đó.",
                         "Xuất lại tệp mới (python build.py translations export), chép bản dịch của bạn sang tệp mới rồi "
                         "nhập tệp mới; hoặc xoá bản dịch ở dòng này để giữ bản đang có trong dự án.")
        if conflicts:
            continue
        changed = any(e.target and e.target != have.get(p, "") for p, e in rows)
        stale = [e for p, e in rows if e.needs_review and e.target in ("", have.get(p, ""))]
        if stale and changed:
            for e in stale:
                problems.add(*e.where, "Dòng “cần xem lại” (tiếng Việt đã đổi) nhưng bản dịch chưa được sửa.",
                             "Sửa bản dịch theo tiếng Việt mới; nếu bản dịch vẫn đúng, xoá chữ “cần xem lại” ở cột "
                             "Trạng thái (Excel) hoặc bỏ dấu fuzzy (PO), hoặc đánh dấu đã dịch (XLIFF).")
            continue
        if stale:
            result.untouched += 1  # outdated and not looked at: stays outdated
            continue
        # an empty row keeps a translation made since the export, if made from the same Vietnamese
        made_from = flatten(t.source_text, unit.kind) if t is not None and t.source_text is not None else \
            flatten(unit.source, unit.kind) if t is not None and t.source_hash == unit.hash else {}
        texts, empty = {}, []
        for p, e in rows:
            if e.target:
                texts[p] = e.target
            elif p in have and made_from.get(p) == e.source:
                texts[p] = have[p]
            else:
                texts[p] = e.source
                empty.append(p)
        if t is not None and t.source_hash == file_hash and flatten(t.fields, unit.kind) == texts \
                and list(t.untranslated) == empty and (t.source_text is None or source_hash(t.source_text) == file_hash):
            result.unchanged += 1
            continue
        planned.append((unit, unflatten(texts, unit.kind), file_hash, snapshot, empty))
    if not problems.ok or loc is None:
        return result, {}
    name = translator or inc.translator
    files: dict[str, list] = {}
    for unit, values, h, snapshot, empty in planned:
        files.setdefault(translation_path(unit, loc.id), []).append((unit, values, h, snapshot, empty))
    texts = {rel: _yaml_text(root / rel, loc.id, entries, name, today, content) for rel, entries in files.items()}
    result.items = len(planned)
    result.written = sorted(texts)
    _verify(root, content, texts, problems)
    return result, (texts if problems.ok else {})


# --- writing -------------------------------------------------------------------------------------------------

def _yaml() -> YAML:
    y = YAML()
    y.indent(mapping=2, sequence=4, offset=2)
    y.width, y.preserve_quotes, y.allow_unicode = 100, True, True
    y.representer.ignore_aliases = lambda data: True  # one date object in several items: written out, never &anchored
    return y


def _fields_map(kind: str, values: dict, unit: Unit, content: Content) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for name in FIELDS[kind]:
        v = values[name]
        if kind == "leaflet" and name == "sections":
            source = content.leaflet(unit.id).sections
            seq = CommentedSeq()
            for i, sec in enumerate(v):
                m = CommentedMap()
                m["question"] = sec["question"]
                if sec["answer"]:
                    m["answer"] = sec["answer"]
                if sec["bullets"]:
                    m["bullets"] = CommentedSeq(sec["bullets"])
                if i < len(source) and source[i].table:
                    m["table"] = source[i].table
                seq.append(m)
            out.append((name, seq))
        elif isinstance(v, list):
            out.append((name, CommentedSeq(v)))
        else:
            out.append((name, v))
    return out


def _plain(value: Any) -> Any:
    """A snapshot as ruamel objects (fresh ones: no YAML anchors or aliases)."""
    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            if v not in ("", [], ()):
                m[k] = _plain(v)
        return m
    if isinstance(value, (list, tuple)):
        return CommentedSeq(_plain(v) for v in value)
    return value


def _set(m: CommentedMap, key: str, value: Any, after: Optional[str] = None) -> None:
    if key in m:
        m[key] = value
    elif after is not None and after in m:
        m.insert(list(m.keys()).index(after) + 1, key, value)
    else:
        m[key] = value


def _fill(m: CommentedMap, unit: Unit, values: dict, h: str, snapshot: dict, empty: list[str], translator: str,
          today: date, content: Content) -> None:
    _set(m, "source_hash", h)
    _set(m, "status", "draft")
    _set(m, "translated", today)
    if translator:
        _set(m, "translator", translator)
    for name, v in _fields_map(unit.kind, values, unit, content):
        if v == "" and name not in ("title", "text", "question", "summary", "call_to_action", "label", "name"):
            m.pop(name, None)
        else:
            _set(m, name, v)
    if empty:
        _set(m, "untranslated", CommentedSeq(empty))
    else:
        m.pop("untranslated", None)
    _set(m, "source_text", _plain(snapshot))


def _yaml_text(path: Path, locale: str, entries: list, translator: str, today: date, content: Content) -> str:
    y = _yaml()
    doc = y.load(path.read_text(encoding="utf-8")) if path.exists() else None
    first = entries[0][0]
    if first.kind in ITEM_FILES.values():  # leaflets/<id>.<locale>.yaml, broadcasts/<id>.<locale>.yaml
        unit, values, h, snapshot, empty = entries[0]
        if doc is None:
            doc = CommentedMap()
            doc["locale"] = locale
            doc["translator"] = translator
            doc.yaml_set_start_comment(f"Bản dịch ({locale}) của {unit.file}, ghi bởi python build.py translations import.\n"
                                       "Mỗi lần nhập lại tệp của người dịch, các trường dưới đây được ghi lại.")
        _fill(doc, unit, values, h, snapshot, empty, translator, today, content)
    else:
        if doc is None:
            doc = CommentedMap()
            doc["locale"] = locale
            doc["translator"] = translator
            doc["items"] = CommentedMap()
            doc.yaml_set_start_comment(f"Bản dịch ({locale}) của {first.file}, ghi bởi python build.py translations import.")
        items = doc.setdefault("items", CommentedMap())
        for unit, values, h, snapshot, empty in entries:
            m = items.get(unit.id)
            if m is None:
                m = CommentedMap()
                items[unit.id] = m
            _fill(m, unit, values, h, snapshot, empty, translator, today, content)
    buf = io.StringIO()
    y.dump(doc, buf)
    # ruamel leaves a space where it folds a long plain text; YAML ignores it (and texts are compared
    # whitespace-insensitively), editors' tools flag it
    return "".join(line.rstrip() + "\n" for line in buf.getvalue().splitlines())


def _verify(root: Path, content: Content, texts: dict[str, str], problems: Problems) -> None:
    """Load the content with the planned files in a scratch copy: what the importer writes, the build reads."""
    with tempfile.TemporaryDirectory(prefix="bhxh-import-") as tmp:
        scratch = Path(tmp)
        edition = content.edition.id if content.edition else None  # an edition: its folder and the list of communes
        for part in (x for x in ("content", "slogans", "leaflets", "broadcasts", "geography", f"editions/{edition}") if edition
                     or x in ("content", "slogans", "leaflets", "broadcasts") if (root / x).is_dir()):
            shutil.copytree(root / part, scratch / part)
        logo = root / content.settings.logo
        (scratch / content.settings.logo).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(logo, scratch / content.settings.logo)
        for rel, text in texts.items():
            (scratch / rel).write_text(text, encoding="utf-8")
        try:
            edition_content(scratch, edition)
        except ContentError as exc:
            for p in exc.problems.items:
                problems.add(p.file, p.line, p.column, "Sau khi nhập, tệp bản dịch sẽ lỗi: " + p.message, p.hint)


def write_planned(root: Path, texts: dict[str, str]) -> None:
    """Each file replaced whole (written beside it, then renamed)."""
    for rel, text in texts.items():
        target = root / rel
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(target)


def import_file(root: Path, path: Path, translator: Optional[str] = None, locale: Optional[str] = None,
                today: Optional[date] = None, edition: Optional[str] = None) -> tuple[ImportResult, Problems]:
    """Check a translator's file and, when nothing is wrong, write the locale's YAML files."""
    problems = Problems()
    result, texts = plan_import(root, path, translator, locale, today or date.today(), problems, edition)
    if problems.ok:
        write_planned(root, texts)
    return result, problems

