"""Text near the trim, from pypdfium2's character boxes."""
from __future__ import annotations

import unicodedata
from collections.abc import Iterator

from .base import PT_PER_MM, Finding, _mm, _num, _reason

# ------------------------------------------------------------------------------------------
# Text near the trim (pypdfium2 character boxes)


def _visible(ch: str) -> bool:
    return bool(ch) and not ch.isspace() and unicodedata.category(ch[0]) not in ("Cc", "Cf", "Zs", "Zl", "Zp", "Cn", "Co", "Cs")


def _char_runs(textpage, count: int) -> Iterator[tuple[int, str, tuple[float, float, float, float]]]:
    """(index, character, tight box in PDF user space) of every visible character."""
    import pypdfium2.raw as raw
    handle = textpage.raw
    for i in range(count):
        code = raw.FPDFText_GetUnicode(handle, i)
        ch = chr(code) if 0 < code < 0x110000 else ""
        if not _visible(ch):
            continue
        box = textpage.get_charbox(i)
        if box[2] - box[0] <= 0 and box[3] - box[1] <= 0:
            continue
        yield i, ch, box


def _invisible_text(textpage, index: int) -> bool:
    """True for text drawn in render mode 3 (invisible, e.g. an OCR layer)."""
    try:
        import pypdfium2.raw as raw
        obj = raw.FPDFText_GetTextObject(textpage.raw, index)
        return bool(obj) and raw.FPDFTextObj_GetTextRenderMode(obj) == 3
    except Exception:
        return False


def _check_text(data: bytes, boxes: list, safe_mm: float) -> list[Finding]:
    try:
        import pypdfium2 as pdfium
        document = pdfium.PdfDocument(bytes(data))
    except Exception as e:
        return [Finding("text-near-trim", None, f"không đọc được chữ trong tệp để đo khoảng cách tới đường xén ({_reason(e)}).")]
    out: list[Finding] = []
    try:
        for number, (media, trim, unit) in enumerate(boxes, 1):
            if trim is None:
                continue  # reported by trim-box
            try:
                out += _check_page_text(document, number, trim, safe_mm, unit)
            except Exception as e:
                out.append(Finding("text-near-trim", number, f"trang {number}: không đọc được chữ để đo khoảng cách ({_reason(e)})."))
    finally:
        try:
            document.close()
        except Exception:
            pass
    return out


def _check_page_text(document, number: int, trim, safe_mm: float, unit: float = 1.0) -> list[Finding]:
    page = document[number - 1]
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        safe = safe_mm * PT_PER_MM / unit  # a page drawn at 1:10 has /UserUnit 10
        slug = 3.0 * PT_PER_MM / unit  # beyond the trim and its 3 mm bleed
        tx0, ty0, tx1, ty1 = trim
        runs: list[dict] = []  # consecutive offending characters
        last = -2
        for i, ch, (x0, y0, x1, y1) in _char_runs(textpage, count):
            sides = {"trái": x0 - tx0, "dưới": y0 - ty0, "phải": tx1 - x1, "trên": ty1 - y1}
            side, distance = min(sides.items(), key=lambda kv: kv[1])
            if distance >= safe - 1e-6:
                continue
            if _invisible_text(textpage, i):
                continue
            outside = x1 < tx0 - slug or x0 > tx1 + slug or y1 < ty0 - slug or y0 > ty1 + slug
            if runs and last == i - 1 and runs[-1]["outside"] == outside and len(runs[-1]["text"]) < 200:
                run = runs[-1]
                run["text"] += ch
                if distance < run["distance"]:
                    run["distance"], run["side"] = distance, side
            else:
                runs.append({"text": ch, "distance": distance, "side": side, "outside": outside})
            last = i
    finally:
        textpage.close()
        page.close()
    if not runs:
        return []
    items = []
    for run in runs[:3]:
        text = run["text"] if len(run["text"]) <= 12 else run["text"][:12] + "…"
        if run["outside"]:
            items.append(f"chữ “{text}” nằm ngoài TrimBox và lề xén 3 mm (vùng ghi chú/slug), "
                         f"cách đường xén {_mm(-run['distance'] * unit)} mm về phía ngoài, cạnh {run['side']}")
        elif run["distance"] < 0:
            items.append(f"chữ “{text}” vượt qua đường xén {_mm(-run['distance'] * unit)} mm ở cạnh {run['side']}, "
                         f"cần nằm trong và cách ≥ {_num(safe_mm)} mm")
        else:
            items.append(f"chữ “{text}” cách đường xén {_mm(run['distance'] * unit)} mm ở cạnh {run['side']}, cần ≥ {_num(safe_mm)} mm")
    more = f"; và {len(runs) - 3} đoạn chữ khác" if len(runs) > 3 else ""
    return [Finding("text-near-trim", number, f"trang {number}: " + "; ".join(items) + more + ".")]
