"""The translation report as an output: an unlisted page and report.json in the default locale."""
from __future__ import annotations

from pathlib import Path

from ..content.translations import KIND_LABELS
from ..locales.report import STATE_LABELS, build_report, report_json
from ..render.base import Download, Downloads, LocaleView, Page, RenderSettings
from .pages import template_env

REPORT_DIR = "bao-cao-dich"


class TranslationReportOutput:
    """What each locale still needs, for coordinators: /bao-cao-dich/ (out of the navigation and search)."""

    name = "translation-report"

    def __init__(self, settings: RenderSettings, limit: int = 20):
        self.env = template_env(settings.root)
        self.limit = limit  # to-dos listed per locale on the page; report.json has them all

    def render(self, view: LocaleView, docs: Path) -> list[Download]:
        if view.is_default:
            (docs / REPORT_DIR).mkdir(parents=True, exist_ok=True)
            (docs / REPORT_DIR / "report.json").write_text(report_json(build_report(view.content)), encoding="utf-8")
        return []

    def pages(self, view: LocaleView, downloads: Downloads) -> list[Page]:
        if not view.is_default:
            return []
        text = self.env.get_template("report.md.j2").render(reports=build_report(view.content), limit=self.limit,
                                                             state_labels=STATE_LABELS, kind_labels=KIND_LABELS)
        return [Page(f"{REPORT_DIR}/index.md", "Báo cáo bản dịch", text, "report", "")]

    def finish(self, downloads: list[Download], docs: Path) -> None:
        pass
