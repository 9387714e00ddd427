"""The translation report as an output: an unlisted page and report.json in the default locale."""
from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ...exchange.rows import export_rows
from ...locales.report import STATE_LABELS, build_report, report_json
from ...model.facts import format_fact
from ...model.translations import KIND_LABELS
from ...pdf.copyfit import FULL, PANELS, Copyfit
from ...render.base import Download, Downloads, LocaleView, Page, RenderSettings
from ...render.cache import input_key
from ...render.pages import template_env
from ...rules.timeline import next_change

REPORT_DIR = "bao-cao-dich"


def workbook_name(locale: str) -> str:
    """The ready export of a locale on the report page (`translations export --only todo`, XLSX)."""
    return f"dich-{locale}.xlsx"


def facts_by_expiry(content, today: date) -> list[dict]:
    """Every fact with the day its value in force ends and what follows, soonest first (facts with
    no end last): what to check before the next print run."""
    rows = []
    for fid, f in content.facts.items():
        change = next_change(content.facts, fid, today, horizon=20 * 365)
        following = ""
        if change is not None:
            day, period = change
            following = (f"từ {day:%d/%m/%Y}: {format_fact(replace(f, value=period.value))}" if period is not None
                         else f"chưa có (hết hiệu lực sau {day - timedelta(days=1):%d/%m/%Y})")
        value = f"danh sách {len(f.value)} ý" if f.unit == "list" else format_fact(f)
        rows.append({"fact": f, "value": value, "until": f.valid_until, "next": following})
    return sorted(rows, key=lambda r: (r["until"] or date.max, r["fact"].id))


def copyfit_rows(downloads: Downloads) -> list[dict]:
    """How full each leaflet is, per locale and layout (the office edition's /copyfit, pdf/copyfit.py):
    body size, the fill of each panel, and whether there is room left (a bigger size can still shrink)."""
    rows = []
    files = [("", d) for ds in downloads.own.values() for d in ds] + [o for os in downloads.other.values() for o in os]
    for language, d in sorted(files, key=lambda f: (f[1].item, f[1].locale, f[1].edition)):
        fill = Copyfit.parse(d.copyfit)
        if fill is None:
            continue
        name, share = fill.fullest
        rows.append({"item": d.item, "locale": d.locale, "language": language, "edition": d.edition,
                     "body": f"{fill.body_pt:g}".replace(".", ","),
                     "panels": ", ".join(f"{PANELS.get(n, n)} {s * 100:.0f} %" for n, s in fill.panels),
                     "state": ("không còn chỗ (trên 90 % ở cỡ chữ nhỏ nhất)" if fill.tight
                               else f"còn chỗ: chữ thu nhỏ được tới {fill.smallest_pt:g} pt" if fill.body_pt > fill.smallest_pt
                               else "còn chỗ")})
    return rows


class TranslationReportOutput:
    """What each locale still needs, for coordinators: /bao-cao-dich/ (out of the navigation and search)."""

    name = "translation-report"
    reuse_in_preview = True  # the quick pass copies the last workbooks; its page is still made afresh
    long_task = True  # every locale's rows in one task (0.15 s for a province): started before the short ones
    reused_paths = (REPORT_DIR,)

    def __init__(self, settings: RenderSettings, limit: int = 20):
        self.env = template_env(settings.root)
        self.limit = limit  # to-dos listed per locale on the page; report.json has them all
        self.exported = datetime.fromtimestamp(settings.epoch, UTC).date()  # the date in the workbooks
        self.today = settings.today  # the effective date of the facts
        self.cache = settings.cache("report")  # workbooks by their rows (0.1 s each to write)

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        if view.is_default:
            (docs / REPORT_DIR).mkdir(parents=True, exist_ok=True)
            (docs / REPORT_DIR / "report.json").write_text(report_json(build_report(view.content)), encoding="utf-8")
            for loc in view.content.settings.locales:  # a workbook to send each locale's translator
                if loc.id != view.default_locale:
                    export = export_rows(view.content, loc, self.exported, only="todo")
                    key = input_key("xlsx", export) if self.cache is not None else None
                    data = self.cache.get(key) if key else None
                    if data is None:
                        from ...exchange.xlsx import write_xlsx  # openpyxl: only when a workbook changed
                        data = write_xlsx(export)
                        if key:
                            self.cache.put(key, data)
                    (docs / REPORT_DIR / workbook_name(loc.id)).write_bytes(data)
        return []

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        if not view.is_default:
            return []
        text = self.env.get_template("report.md.j2").render(reports=build_report(view.content), limit=self.limit, workbook=workbook_name,
                                                             state_labels=STATE_LABELS, kind_labels=KIND_LABELS,
                                                             facts=facts_by_expiry(view.content, self.today), today=self.today,
                                                             copyfit=copyfit_rows(downloads), full=round(FULL * 100),
                                                             default_language=view.locale.native_name)
        return [Page(f"{REPORT_DIR}/index.md", "Báo cáo bản dịch", text, "report", "")]

    def finish(self, downloads: list[Download], docs: Path) -> None:
        pass
