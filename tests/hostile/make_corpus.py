"""Writes the hostile-input corpus in this folder (run once; the files are kept in git).

    .venv/bin/python tests/hostile/make_corpus.py

Every corpus file stands in for content/messages.yaml (or the file named in
tests/test_validation.py) and holds exactly one defect, at a known line. Text
files are written here as well as the binary ones (UTF-16, Windows-1258, TCVN3,
VNI bytes), so the whole corpus comes from one place.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent

# A valid content/messages.yaml: two messages, one main. Line numbers below refer to this layout.
BASE = """\
# Bộ thử nội dung xấu: {what}
messages:
  - id: bhxh-cho-moi-nguoi
    main: true
    text: {text}
    source: Công văn 1192/BHXH-TT ngày 07/05/2021, mục 2
    status: approved
    reviewed: 2026-05-01

  - id: dau-tu-cho-tuong-lai
    text: Tham gia bảo hiểm xã hội là đầu tư cho tương lai.
    source: Công văn 1192/BHXH-TT ngày 07/05/2021, mục 2
    status: approved
    reviewed: 2026-05-01
"""
TEXT = "Bảo hiểm xã hội cho tất cả mọi người, người lao động được bảo vệ"


def base(what: str, text: str = TEXT) -> str:
    return BASE.format(what=what, text=text)


def swap(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# --- legacy Vietnamese encodings (only the letters the sample text needs, and a few more) ---------
# TCVN3 (ABC): one byte a letter; shown here as the Windows-1252 character of that byte, which is
# what text typed in a .VnTime font becomes when pasted into a Unicode file.
TCVN3 = {
    "à": "µ", "á": "¸", "ả": "¶", "ã": "·", "ạ": "¹", "ă": "¨", "â": "©", "ấ": "Ê", "ầ": "Ç", "ậ": "Ë",
    "đ": "®", "è": "Ì", "é": "Ð", "ê": "ª", "ế": "Õ", "ề": "Ò", "ể": "Ó", "ễ": "Ô", "ệ": "Ö",
    "ì": "×", "í": "Ý", "ỉ": "Ø", "ị": "Þ", "ò": "ß", "ó": "ã", "ỏ": "á", "õ": "â", "ọ": "ä",
    "ô": "«", "ố": "è", "ồ": "å", "ổ": "æ", "ộ": "é", "ơ": "¬", "ớ": "í", "ờ": "ê", "ở": "ë", "ợ": "î",
    "ù": "ï", "ú": "ó", "ủ": "ñ", "ũ": "ò", "ụ": "ô", "ư": "\u00ad", "ứ": "ø", "ừ": "õ", "ử": "ö", "ự": "ù",
    "ý": "ý", "ỳ": "ú", "ỷ": "û", "ỵ": "þ", "Đ": "§",
    "ằ": "»", "ắ": "¾", "ẳ": "¼", "ẵ": "½", "ặ": "Æ", "ẩ": "È", "ẫ": "É", "ẻ": "Î", "ẽ": "Ï", "ẹ": "Ñ",
    "ĩ": "Ü", "ỗ": "ç", "ỡ": "ì", "ữ": "÷", "ỹ": "ü",
}
# VNI: base letter + one mark byte (Windows-1252 characters again).
VNI = {
    "á": "aù", "à": "aø", "ả": "aû", "ã": "aõ", "ạ": "aï", "â": "aâ", "ấ": "aá", "ầ": "aà", "ẩ": "aå",
    "ẫ": "aã", "ậ": "aä", "ă": "aê", "ắ": "aé", "ằ": "aè", "é": "eù", "è": "eø", "ẻ": "eû", "ẽ": "eõ",
    "ẹ": "eï", "ê": "eâ", "ế": "eá", "ề": "eà", "ể": "eå", "ễ": "eã", "ệ": "eä", "í": "í", "ì": "ì",
    "ỉ": "æ", "ĩ": "ó", "ị": "ò", "ó": "où", "ò": "oø", "ỏ": "oû", "õ": "oõ", "ọ": "oï", "ô": "oâ",
    "ố": "oá", "ồ": "oà", "ổ": "oå", "ỗ": "oã", "ộ": "oä", "ơ": "ô", "ớ": "ôù", "ờ": "ôø", "ở": "ôû",
    "ợ": "ôï", "ú": "uù", "ù": "uø", "ủ": "uû", "ũ": "uõ", "ụ": "uï", "ư": "ö", "ứ": "öù", "ừ": "öø",
    "ử": "öû", "ự": "öï", "ý": "yù", "ỳ": "yø", "ỷ": "yû", "ỵ": "î", "đ": "ñ", "Đ": "Ñ",
}
_TONES = {"\u0300": b"\xcc", "\u0301": b"\xec", "\u0303": b"\xde", "\u0309": b"\xd2", "\u0323": b"\xf2"}


def tcvn3(text: str) -> str:
    return "".join(TCVN3.get(c, c) for c in text)


def vni(text: str) -> str:
    return "".join(VNI.get(c, c) for c in text)


def cp1258(text: str) -> bytes:
    """Windows-1258 as Windows writes it: base letters (â ê ô ă ơ ư đ exist) + combining tone bytes."""
    out = b""
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in _TONES)
        letter = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        out += letter.encode("cp1258") + b"".join(_TONES[t] for t in tones)
    return out


def corpus() -> dict[str, bytes]:
    ok = base("hợp lệ")
    files: dict[str, str | bytes] = {
        # --- YAML structure ---
        "syntax-colon.yaml": base("dấu hai chấm trong văn bản không có ngoặc kép (dòng 5)",
                                  "Lưu ý: bảo hiểm xã hội cho tất cả mọi người"),
        "syntax-unclosed-quote.yaml": swap(base("thiếu dấu ngoặc kép đóng (mở ở dòng 5)"),
                                           "    text: Bảo", '    text: "Bảo'),
        "tab-indent.yaml": swap(base("thụt lề bằng Tab ở dòng 6"), "\n    source: Công", "\n\tsource: Công"),
        "duplicate-key.yaml": swap(base("trường text lặp lại ở dòng 6"), "    source: Công",
                                   "    text: Một câu khác\n    source: Công"),
        "wrong-type-bool.yaml": swap(base("main phải là true/false (dòng 4)"), "main: true", 'main: "có"'),
        "wrong-type-list.yaml": swap(base("text là danh sách (dòng 5)"), "    text: Bảo hiểm xã hội cho tất cả mọi người, người lao động được bảo vệ",
                                     "    text: [Bảo hiểm xã hội, cho tất cả mọi người]"),
        "unknown-key.yaml": swap(base("gõ sai tên trường source ở dòng 6"), "    source: Công văn 1192/BHXH-TT ngày 07/05/2021, mục 2\n    status: approved\n    reviewed: 2026-05-01\n\n",
                                 "    soure: Công văn 1192/BHXH-TT ngày 07/05/2021, mục 2\n    status: approved\n    reviewed: 2026-05-01\n\n"),
        "missing-key.yaml": swap(base("thiếu trường source trong mục ở dòng 3"), "    source: Công văn 1192/BHXH-TT ngày 07/05/2021, mục 2\n    status: approved\n    reviewed: 2026-05-01\n\n",
                                 "    status: approved\n    reviewed: 2026-05-01\n\n"),
        "empty.yaml": "",
        "comments-only.yaml": "# Chỉ có chú thích, chưa có nội dung.\n# messages:\n",
        "list-at-top.yaml": "# Danh sách ở gốc tệp, thiếu dòng messages:\n- id: bhxh-cho-moi-nguoi\n  text: Bảo hiểm xã hội\n",
        "multi-document.yaml": ok + "---\nmessages: []\n",
        "billion-laughs.yaml": (
            "# Bom tham chiếu: 9 tầng x 9 lần\nmessages:\n  - id: lol\n    text: &a0 lol\n"
            + "".join(f"    x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
            + "    main: true\n"),
        "python-tag.yaml": swap(base("thẻ !!python/object ở dòng 5"), "    text: Bảo hiểm xã hội cho tất cả mọi người, người lao động được bảo vệ",
                                "    text: !!python/object/apply:os.system [\"echo pwned > /tmp/pwned\"]"),
        "local-tag.yaml": swap(base("thẻ tự đặt !ref ở dòng 5"), "    text: Bảo", "    text: !ref Bảo"),
        # --- encodings ---
        "utf8-bom.yaml": b"\xef\xbb\xbf" + base("UTF-8 có BOM: hợp lệ").encode(),
        "nfd.yaml": unicodedata.normalize("NFD", base("chữ tổ hợp NFD (dấu tách rời): hợp lệ, được chuẩn hóa NFC")).encode(),
        "utf16.yaml": base("UTF-16 (Unicode của Notepad)").encode("utf-16"),
        "windows-1258.yaml": cp1258(base("Windows-1258 (ANSI)")),
        "tcvn3-pasted.yaml": base("văn bản TCVN3 dán vào tệp UTF-8 (dòng 5)", tcvn3(TEXT)),
        "vni-pasted.yaml": base("văn bản VNI dán vào tệp UTF-8 (dòng 5)", vni(TEXT)),
        "control-char.yaml": swap(base("ký tự điều khiển BEL ở dòng 5, cột 15"), "Bảo hiểm", "Bảo h\x07iểm"),
        "escaped-control-char.yaml": swap(base("ký tự điều khiển viết dạng \\x1b trong ngoặc kép (dòng 5)"),
                                          "    text: Bảo hiểm xã hội cho tất cả mọi người, người lao động được bảo vệ",
                                          '    text: "Bảo hiểm\\x1b[31m xã hội"'),
        "bidi-override.yaml": swap(base("ký tự đảo chiều U+202E ở dòng 5"), "Bảo hiểm", "Bảo \u202ehiểm"),
        "zero-width-id.yaml": swap(base("ký tự ẩn U+200B trong mã ở dòng 3"), "id: bhxh-cho-moi-nguoi", "id: bhxh-cho\u200b-moi-nguoi"),
    }
    # a whole file saved by an old editor with the TCVN3 (ABC) code page: every letter one byte
    files["tcvn3-bytes.yaml"] = tcvn3(base("tệp lưu bằng bảng mã TCVN3")).encode("cp1252")
    return {k: v.encode() if isinstance(v, str) else v for k, v in files.items()}


if __name__ == "__main__":
    for name, data in corpus().items():
        (HERE / name).write_bytes(data)
        print(name, len(data))
