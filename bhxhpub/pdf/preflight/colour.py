"""Colour spaces and shadings as the preflight reads them: how many components, and whether RGB."""
from __future__ import annotations

from .base import _get, _name, _obj


class ColourSpaces:
    """Colour-space reading for the content scanner (a mixin: it keeps no state of its own)."""

    def _shading_rgb(self, shading, resources) -> str | None:
        """What is RGB about a shading: its colour space, or colour functions giving 3 values
        (RGB) in a colour space of another size (WeasyPrint 70 writes CSS rgb() gradients so, with
        the CMYK ICC profile as colour space)."""
        cs = _get(shading, "/ColorSpace")
        kind = self._rgb_kind(cs, resources)
        if kind:
            return f"dùng {kind}"
        n = self._components(cs, resources)
        out = _function_outputs(_get(shading, "/Function"))
        if n and out == 3 and n != 3:
            return f"có màu 3 thành phần (RGB) trong không gian màu {n} thành phần"
        return None

    def _components(self, cs, resources, depth: int = 0) -> int | None:
        """The number of colour components of a colour space, when known."""
        cs = _obj(cs)
        if cs is None or depth > 8:
            return None
        if not isinstance(cs, list):
            name = str(cs)
            fixed = {"/DeviceGray": 1, "/G": 1, "/DeviceRGB": 3, "/RGB": 3, "/DeviceCMYK": 4, "/CMYK": 4}
            if name in fixed:
                return fixed[name]
            named = _get(_get(resources, "/ColorSpace"), name)
            return self._components(named, resources, depth + 1) if named is not None else None
        if not cs:
            return None
        family = _name(cs[0])
        try:
            if family == "/ICCBased":
                return int(_get(cs[1], "/N"))
            if family in ("/CalGray", "/Indexed", "/I", "/Separation"):
                return 1
            if family in ("/CalRGB", "/Lab"):
                return 3
            if family == "/DeviceN":
                return len(_obj(cs[1]))
        except Exception:
            return None
        return None

    def _rgb_kind(self, cs, resources, depth: int = 0) -> str | None:
        """The RGB family of a colour space ("DeviceRGB", "CalRGB", "ICCBased 3 kênh (RGB)",
        "Indexed trên nền …"), or None when it is not RGB."""
        from pypdf.generic import ArrayObject, NameObject
        cs = _obj(cs)
        if cs is None or depth > 8:
            return None
        if isinstance(cs, NameObject) or isinstance(cs, str) and cs.startswith("/"):
            name = str(cs)
            if name in ("/DeviceRGB", "/RGB"):
                return "DeviceRGB"
            if name in ("/DeviceCMYK", "/DeviceGray", "/CMYK", "/G", "/Pattern"):
                return None
            named = _get(_get(resources, "/ColorSpace"), name)
            return self._rgb_kind(named, resources, depth + 1) if named is not None else None
        if isinstance(cs, ArrayObject) or isinstance(cs, list):
            if not cs:
                return None
            family = _name(cs[0])
            if family == "/CalRGB":
                return "CalRGB"
            if family == "/ICCBased" and len(cs) > 1:
                stream = _obj(cs[1])
                n = _get(stream, "/N")
                try:
                    if int(n) == 3:
                        return "ICCBased 3 kênh (RGB)"
                except Exception:
                    pass
                if n is None:
                    alternate = self._rgb_kind(_get(stream, "/Alternate"), resources, depth + 1)
                    return f"ICCBased (thay thế {alternate})" if alternate else None
                return None
            if family in ("/Indexed", "/I") and len(cs) > 1:
                base = self._rgb_kind(cs[1], resources, depth + 1)
                return f"Indexed trên nền {base}" if base else None
            if family == "/Pattern" and len(cs) > 1:
                return self._rgb_kind(cs[1], resources, depth + 1)
            if len(cs) == 1:
                return self._rgb_kind(cs[0], resources, depth + 1)



def _function_outputs(function, depth: int = 0) -> int | None:
    """How many values a PDF function (or array of 1-output functions) gives, when known."""
    function = _obj(function)
    if function is None or depth > 8:
        return None
    if isinstance(function, list):
        return len(function) or None
    kind = _get(function, "/FunctionType")
    try:
        if kind == 2:
            c0 = _get(function, "/C0")
            return len(c0) if c0 is not None else 1
        if kind == 3:
            functions = _get(function, "/Functions")
            return _function_outputs(functions[0], depth + 1) if functions else None
        if kind in (0, 4):
            return len(_get(function, "/Range")) // 2
    except Exception:
        return None
    return None


