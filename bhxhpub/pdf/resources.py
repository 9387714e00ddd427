"""What WeasyPrint reads, confined to <root>/theme: templates, CSS and fonts.

`ThemeResources` is made once per PdfRenderer (so once per build) and holds everything that is
worth keeping between leaflets: the FontConfiguration, the font faces of theme/fonts, the Jinja
environment of theme/pdf and the parsed @font-face stylesheet per font stack. Nothing is kept
at module level.

The URL fetcher refuses anything but files inside theme/ (network, data: URIs, other files), so
a PDF never depends on the machine that builds it.
"""
from __future__ import annotations

import re
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from ..errors import BuildError
from ..model.settings import Locale
from ..render.fonts import BASE_FAMILY, FontFace, read_faces
from .native import import_weasyprint

import_weasyprint()  # the first import of WeasyPrint in a build: its libraries found quickly (native.py)
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

FALLBACK_FAMILY = BASE_FAMILY  # Latin, digits and punctuation next to any script

_MIME_TYPES = MappingProxyType({".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff",
               ".woff2": "font/woff2", ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg",
               ".jpeg": "image/jpeg"})


def mime_type(path: Path) -> str:
    """The Content-Type WeasyPrint is given for a theme file."""
    return _MIME_TYPES.get(path.suffix.lower(), "application/octet-stream")


def resolve_theme_url(theme: Path, url: str) -> Path:
    """The file inside `theme` that `url` names; BuildError for anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        raise BuildError(f"Bản PDF chỉ được dùng tệp trong thư mục theme/, không tải được “{url[:120]}”. "
                         "Cách sửa: chép tệp (ảnh, phông chữ) vào theme/ và dẫn tới tệp đó.")
    path = Path(url2pathname(unquote(parts.path))).resolve()
    if not path.is_relative_to(theme):
        raise BuildError(f"Bản PDF không được đọc tệp ngoài thư mục theme/: “{path}”. "
                         "Cách sửa: chép tệp vào theme/ và dẫn tới tệp đó.")
    if not path.is_file():
        raise BuildError(f"Không tìm thấy tệp “{path.relative_to(theme.parent).as_posix()}” cho bản PDF.")
    return path


class ThemeURLFetcher(URLFetcher):
    """Lets WeasyPrint read files inside <root>/theme and nothing else.

    Refuses network URLs, data: URIs, file:// paths outside theme/ (after resolving symlinks
    and ".."), and missing files, by raising BuildError; with fail_on_errors WeasyPrint then
    stops the rendering instead of silently printing a leaflet without its stylesheet or fonts.
    """

    def __init__(self, root: Path):
        super().__init__(fail_on_errors=True, allowed_protocols=("file",))
        self.theme = (Path(root) / "theme").resolve()

    def fetch(self, url, headers=None):
        """The bytes of a theme file (BuildError for anything else)."""
        path = resolve_theme_url(self.theme, url)
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": mime_type(path)})


def font_alias(family: str) -> str:
    """The name the PDF stylesheet uses for a theme font. A private name, so that fontconfig can
    never substitute an installed font of the same family for one of ours."""
    return "bhxh " + re.sub(r"[^A-Za-z0-9 _-]", "", family).strip()


def nowidow(text: str, max_chars: int = 18):
    """Keep the last two words of a heading on one line (no single short word left alone on
    the last line). Uses a nowrap span, not a no-break space, so copied text stays plain."""
    from markupsafe import Markup, escape
    words = (text or "").split(" ")
    if len(words) < 3 or len(" ".join(words[-2:])) > max_chars:
        return escape(text)
    return Markup("%s <span class=\"nw\">%s</span>") % (" ".join(words[:-2]), " ".join(words[-2:]))


class ThemeResources:
    """The theme of one project, read once: fonts, templates, one FontConfiguration."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.theme = (self.root / "theme").resolve()
        self.url_fetcher = ThemeURLFetcher(self.root)
        self._font_config = None
        self._faces: tuple[FontFace, ...] | None = None
        self._env = None
        self._font_css: dict[tuple[str, ...], object] = {}
        self._sheets: dict[str, object] = {}

    @property
    def font_config(self):
        """The FontConfiguration every document of this renderer is laid out with."""
        if self._font_config is None:
            from weasyprint.text.fonts import FontConfiguration
            self._font_config = FontConfiguration()
        return self._font_config

    @property
    def faces(self) -> tuple[FontFace, ...]:
        """The font files of theme/fonts."""
        if self._faces is None:
            self._faces = read_faces((self.theme / "fonts").resolve())
        return self._faces

    @property
    def templates(self):
        """The Jinja environment of theme/pdf (autoescaped, strict about undefined values)."""
        if self._env is None:
            import jinja2
            env = jinja2.Environment(
                loader=jinja2.FileSystemLoader(str((self.theme / "pdf").resolve())), autoescape=True,
                undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
            env.filters["nowidow"] = nowidow
            self._env = env
        return self._env

    @property
    def share_templates(self):
        """The Jinja environment of theme/share (share images), autoescaped like the PDF templates."""
        import jinja2
        return jinja2.Environment(loader=jinja2.FileSystemLoader(str((self.theme / "share").resolve())), autoescape=True,
                                  undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)

    @property
    def template_base_url(self) -> str:
        """Relative URLs in the templates are resolved against theme/pdf/."""
        return (self.theme / "pdf").resolve().as_uri() + "/"

    def families(self, locale: Locale) -> tuple[str, ...]:
        """Font families for a locale's script: its own fonts, then Noto Sans for Latin, digits
        and punctuation (Khmer or Tai Viet texts mix them). BuildError if one is missing."""
        known = {f.family for f in self.faces}
        families = [f for f in locale.fonts if f in known]
        missing = [f for f in locale.fonts if f not in known]
        if missing or not families:
            raise BuildError(
                f"Không có phông chữ {', '.join(missing) or '(chưa khai báo)'} cho ngôn ngữ “{locale.id}” trong theme/fonts/. "
                f"Cách sửa: trong content/settings.yaml (locales → fonts) chỉ dùng các phông có sẵn: "
                f"{', '.join(sorted(known)) or '(thư mục theme/fonts/ trống)'}.")
        if FALLBACK_FAMILY not in families:
            families.append(FALLBACK_FAMILY)
        for family in families:  # every family needs its regular face; bold may be synthesised
            if not any(f.family == family and not f.italic and f.weight < 600 for f in self.faces):
                expected = family.replace(" ", "") + "-Regular.ttf"
                raise BuildError(
                    f"Thiếu tệp phông chữ theme/fonts/{expected} ({family}, kiểu thường) để in bản PDF. "
                    "Cách sửa: chép lại tệp phông này vào theme/fonts/ (xem theme/fonts/README.md).")
        return tuple(families)

    def font_face_rules(self, families: tuple[str, ...]) -> str:
        """The @font-face rules of the families' faces (theme files, under their private names)."""
        return "\n".join(
            "@font-face { font-family: '%s'; src: url('%s'); font-weight: %d; font-style: %s; }"
            % (font_alias(family), face.path.as_uri(), face.weight, face.style)
            for family in families for face in self.faces if face.family == family)

    def stylesheets(self, families: tuple[str, ...], sheet: str) -> list:
        """What a document of the theme is laid out with besides its own <style>: the theme's
        stylesheet (theme/pdf/<sheet> or theme/share/<sheet>) and the families' @font-face rules,
        each parsed once per build rather than once per document (a third of a banner's layout).
        WeasyPrint gives them the user origin: the template's own <style> block (page sizes, the
        fitted body size) wins over them, as it did when the sheet was linked before it."""
        if sheet not in self._sheets:
            from weasyprint import CSS
            folder = "share" if sheet == "card.css" else "pdf"
            path = resolve_theme_url(self.theme, (self.theme / folder / sheet).resolve().as_uri())
            self._sheets[sheet] = CSS(string=path.read_text(encoding="utf-8"), base_url=path.as_uri(),
                                      url_fetcher=self.url_fetcher, font_config=self.font_config)
        return [self._sheets[sheet], self.font_css(families)]

    def font_css(self, families: tuple[str, ...]):
        """@font-face rules for the families, as a WeasyPrint CSS object parsed once."""
        if families not in self._font_css:
            from weasyprint import CSS
            self._font_css[families] = CSS(string=self.font_face_rules(families), base_url=self.theme.as_uri() + "/",
                                           url_fetcher=self.url_fetcher, font_config=self.font_config)
        return self._font_css[families]
