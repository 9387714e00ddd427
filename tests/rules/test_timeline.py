"""Facts as timelines and computed facts: which value applies on a day, what changes soon,
and the mistakes an editor can make writing them."""
from __future__ import annotations

from datetime import date

import pytest

from bhxhpub.model import facts as factmod
from bhxhpub.pipeline.plan import load
from bhxhpub.rules import timeline
from tests.model.test_validation import edit, line_of, problems_of, the_problem
from tests.support import ROOT, copy_project

FACTS = "content/facts.yaml"


@pytest.fixture(scope="module")
def shipped():
    return load(ROOT)


@pytest.fixture
def proj(tmp_path):
    return copy_project(tmp_path / "proj")


def test_the_value_in_force_is_the_one_whose_dates_hold_the_day(shipped):
    facts, gaps = timeline.resolve(shipped.facts, date(2026, 12, 31))
    assert facts["chuan-ngheo-nong-thon"].value == 1500000 and not gaps
    facts, _ = timeline.resolve(shipped.facts, date(2027, 1, 1))
    assert facts["chuan-ngheo-nong-thon"].value == 2200000
    assert facts["chuan-ngheo-nong-thon"].valid_from == date(2027, 1, 1)
    assert "2026–2030" in facts["chuan-ngheo-nong-thon"].source


def test_computed_amounts_follow_their_operands_on_each_day(shipped):
    before, _ = timeline.resolve(shipped.facts, date(2026, 6, 1))
    after, _ = timeline.resolve(shipped.facts, date(2027, 6, 1))
    assert before["muc-dong-thap-nhat"].value == 330000 and after["muc-dong-thap-nhat"].value == 484000
    assert before["tien-ho-tro-ho-ngheo"].value == 165000 and after["tien-ho-tro-ho-ngheo"].value == 242000
    assert before["muc-thu-nhap-toi-da"].value == 46800000  # 20 × the reference level, no longer typed into a label
    assert "2.340.000" not in before["muc-thu-nhap-toi-da"].label


def test_a_change_within_90_days_is_announced_in_every_expanded_text(shipped):
    facts, _ = timeline.resolve(shipped.facts, date(2026, 11, 1))  # 61 days before
    assert factmod.expand("[[muc-dong-thap-nhat]]", facts) == "330.000 đồng/tháng (từ 01/01/2027: 484.000 đồng/tháng)"
    facts, _ = timeline.resolve(shipped.facts, date(2026, 9, 1))  # 122 days before
    assert factmod.expand("[[muc-dong-thap-nhat]]", facts) == "330.000 đồng/tháng"


def test_a_day_no_value_covers_is_a_gap_and_the_nearest_value_is_kept_for_a_preview(shipped):
    facts, gaps = timeline.resolve(shipped.facts, date(2021, 6, 1))
    assert {"chuan-ngheo-nong-thon", "muc-dong-thap-nhat", "ty-le-dong-bhxh-tu-nguyen"} <= gaps
    assert facts["chuan-ngheo-nong-thon"].value == 1500000


def test_a_computed_fact_from_a_draft_fact_is_draft(shipped):
    assert timeline.is_draft(shipped.facts, "muc-dong-thap-nhat")  # the poverty line is not confirmed
    assert not timeline.is_draft(shipped.facts, "ty-le-dong-bhxh-tu-nguyen")


def test_two_values_that_overlap_are_refused(proj):
    line = edit(proj, FACTS, "        valid_from: 2027-01-01", "        valid_from: 2026-06-01")
    the_problem(problems_of(proj), FACTS, line, "hai giá trị cùng áp dụng một lúc", "01/01/2022–31/12/2026")


def test_a_fact_written_two_ways_is_refused(proj):
    edit(proj, FACTS, "    computed: chuan-ngheo-nong-thon × ty-le-dong-bhxh-tu-nguyen\n",
         "    computed: chuan-ngheo-nong-thon × ty-le-dong-bhxh-tu-nguyen\n    value: 330000\n    source: Gõ tay\n")
    line = line_of(proj, FACTS, "    computed: chuan-ngheo-nong-thon × ty-le-dong-bhxh-tu-nguyen\n")  # the second form
    the_problem(problems_of(proj), FACTS, line, "“muc-dong-thap-nhat” cần đúng một trong ba cách ghi", "value, computed")


def test_a_computed_fact_naming_an_unknown_fact_gets_a_suggestion(proj):
    line = edit(proj, FACTS, "    computed: chuan-ngheo-nong-thon × ty-le-dong-bhxh-tu-nguyen\n",
                "    computed: chuan-ngheo-nong-thon × ty-le-dong-bhxh-tu-nguyenn\n")
    the_problem(problems_of(proj), FACTS, line, "“ty-le-dong-bhxh-tu-nguyenn”", "ty-le-dong-bhxh-tu-nguyen")


def test_a_computed_fact_that_comes_back_to_itself_is_refused(proj):
    line = edit(proj, FACTS, "    computed: so-lan-muc-tham-chieu-toi-da × muc-tham-chieu\n",
                "    computed: so-lan-muc-tham-chieu-toi-da × muc-thu-nhap-toi-da\n")
    the_problem(problems_of(proj), FACTS, line, "“muc-thu-nhap-toi-da” được tính từ chính nó")
