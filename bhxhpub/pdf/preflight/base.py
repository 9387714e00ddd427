"""What the preflight checks share: a finding, the units, and small helpers over pypdf objects."""
from __future__ import annotations

import math
from dataclasses import dataclass

PT_PER_MM = 72 / 25.4
_PDFXID_NS = "http://www.npes.org/pdfx/ns/id/"
_MAX_DEPTH = 12  # nesting of forms / patterns
_MAX_ITEMS = 5  # items named in one detail
_BOX_TOL_PT = 0.01


@dataclass(frozen=True)
class Finding:
    """One broken print-shop rule: `rule` is a key of RULES, `page` 1-based (None for the
    whole document), `detail` a Vietnamese sentence saying what is wrong and where."""

    rule: str
    page: int | None
    detail: str


# ------------------------------------------------------------------------------------------
# Small helpers


def _num(x: float, digits: int = 1) -> str:
    """A number the Vietnamese way: decimal comma (1,2), no trailing zeros."""
    text = f"{x:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text == "-0":
        text = "0"
    return text.replace(".", ",")


def _mm(pt: float) -> str:
    return _num(pt / PT_PER_MM, 1)


def _obj(x):
    """Resolve an indirect object (None stays None)."""
    if x is None or not hasattr(x, "get_object"):
        return x
    try:
        return x.get_object()
    except Exception:
        return None


def _get(d, key: str):
    """d[key], resolved, or None when d is not a dictionary or has no such key."""
    d = _obj(d)
    try:
        return _obj(d.get(key)) if hasattr(d, "get") else None
    except Exception:
        return None


def _rect(value) -> tuple[float, float, float, float] | None:
    """A normalised rectangle (x0, y0, x1, y1) from a PDF array, or None."""
    value = _obj(value)
    try:
        a, b, c, d = (float(_obj(v)) for v in value)
    except Exception:
        return None
    if not all(math.isfinite(v) for v in (a, b, c, d)):
        return None
    return min(a, c), min(b, d), max(a, c), max(b, d)


def _fmt_rect(r: tuple[float, float, float, float]) -> str:
    return "[" + " ".join(_num(v, 2) for v in r) + "]"


def _inside(inner, outer, tol: float = _BOX_TOL_PT) -> bool:
    return (inner[0] >= outer[0] - tol and inner[1] >= outer[1] - tol
            and inner[2] <= outer[2] + tol and inner[3] <= outer[3] + tol)


def _name(x) -> str:
    x = _obj(x)
    return str(x) if x is not None else "?"


def _join(items: list[str]) -> str:
    shown = "; ".join(items[:_MAX_ITEMS])
    if len(items) > _MAX_ITEMS:
        shown += f"; và {len(items) - _MAX_ITEMS} chỗ khác"
    return shown


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _mul(m: Matrix, n: Matrix) -> Matrix:
    """m × n (m applied first, as in PDF `cm`: CTM' = m × CTM)."""
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _matrix(value) -> Matrix | None:
    value = _obj(value)
    try:
        m = tuple(float(_obj(v)) for v in value)
    except Exception:
        return None
    return m if len(m) == 6 and all(math.isfinite(v) for v in m) else None  # type: ignore[return-value]


def _reason(e: BaseException) -> str:
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    text = text[:120]
    return f"{type(e).__name__}: {text}" if text else type(e).__name__


def _guard(findings: list[Finding], rule: str, page: int | None, check) -> None:
    """Run one check; a damaged structure becomes a finding of that rule instead of an exception."""
    try:
        findings += check() or []
    except Exception as e:
        where = f"trang {page}: " if page else ""
        findings.append(Finding(rule, page, f"{where}không kiểm tra được vì cấu trúc PDF hỏng ({_reason(e)})."))
