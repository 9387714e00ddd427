"""The shipped content quotes the plan's audience names verbatim (seed 001, Phụ lục 1), with a short
name only for navigation; the page of a group shows the full name."""
from __future__ import annotations

import pytest

from bhxhpub.pipeline.plan import load
from tests.support import ROOT

# Verbatim from the 2022 plan of Vietnam Social Security (seed 001), as printed in its annex table.
PLAN_NAMES = {
    "2": "Người sử dụng lao động, người lao động thuộc diện tham gia BHXH, BHYT bắt buộc theo quy định",
    "3.1": "Hộ gia đình nông dân (chú trọng hộ gia đình nông dân sản xuất, kinh doanh giỏi)",
    "3.3": "Người kinh doanh cá thể, tiểu thương, người buôn bán nhỏ tại các khu chợ, Trung tâm thương mại, siêu thị, "
           "người bán hàng online chưa tham gia BHXH, BHYT",
    "3.5": "Nhóm người thuộc hộ gia đình cận nghèo, hộ nông lâm ngư diêm nghiệp có mức sống trung bình (là nhóm tập "
           "trung vận động tham gia BHXH tự nguyện); hộ nông lâm ngư diêm nghiệp khác (còn lại); người thuộc hộ gia đình "
           "nghèo tiếp cận đa chiều",
    "3.6": "Nhóm người lao động dừng tham gia BHXH bắt buộc đang bảo lưu thời gian (chú trọng vận động không hưởng BHXH "
           "một lần)",
    "3.10": "Người dân vùng đồng bào có đạo, chú trọng các vị chức sắc, chức việc, học viên theo học tại học viện Phật "
            "giáo, Phật tử; Đồng bào dân tộc thiểu số và miền núi (trừ nhóm người dân tộc thiểu số đang sinh sống tại "
            "vùng có điều kiện kinh tế - xã hội khó khăn); chú trọng người dân tại các xã thuộc phạm vi điều chỉnh của "
            "Quyết định số 861/QĐ-TTg",
    "4.2": "Sinh viên các trường đại học, cao đẳng, trường nghề; chú trọng sinh viên cuối khóa là chủ thể sắp tham gia "
           "vào thị trường lao động",
}


@pytest.fixture(scope="module")
def content():
    return load(ROOT)


@pytest.mark.parametrize("code", sorted(PLAN_NAMES))
def test_audience_names_are_the_plans_words(content, code):
    group = next(a for a in content.audiences if a.code == code)
    assert group.name == PLAN_NAMES[code]
    assert len(group.label) <= 120  # navigation shows the short name


def test_a_groups_page_shows_its_full_name_and_lists_show_the_short_one(site_dir, content):
    group = next(a for a in content.audiences if a.code == "3.10")
    page = (site_dir / "doi-tuong" / group.id / "index.html").read_text(encoding="utf-8")
    assert "Quyết định số 861/QĐ-TTg" in page and "<h1" in page and group.short_name in page
    listing = (site_dir / "doi-tuong" / "index.html").read_text(encoding="utf-8")
    assert group.short_name in listing and "Quyết định số 861/QĐ-TTg" not in listing
