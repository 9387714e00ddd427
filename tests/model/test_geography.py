"""The official list of administrative units (geography/): what editions are checked against."""
from __future__ import annotations

import csv
import itertools

from bhxhpub.model import geography
from bhxhpub.model.slug import fold
from tests.support import ROOT

GEO = geography.load(ROOT)


def test_the_list_has_the_34_provinces_and_3321_units_since_july_2025():
    assert len(GEO.provinces) == 34 and len(GEO.units) == 3321
    sizes = {p.short_name: len(p.units) for p in GEO.provinces}
    assert sizes["Thái Nguyên"] == 92 and sizes["Cần Thơ"] == 103 and sizes["Hồ Chí Minh"] == 168 and sizes["Lai Châu"] == 38
    assert min(sizes.values()) == 38 and max(sizes.values()) == 168
    assert GEO.units[2143].name == "Xã Văn Lang" and GEO.units[2143].province == 19


def test_a_province_is_found_with_or_without_marks_or_by_its_code():
    for text in ("Thái Nguyên", "thai nguyen", "Tỉnh Thái Nguyên", "THAI-NGUYEN", "19"):
        assert GEO.find_province(text).code == 19, text
    assert GEO.find_province("TP Hồ Chí Minh").code == GEO.find_province("ho chi minh").code == 79
    assert GEO.find_province("Bắc Kạn") is None  # merged into Thái Nguyên in 2025
    assert "Tỉnh Thái Nguyên" in GEO.nearest_provinces("Thai Ngyen")


def test_ids_are_unique_by_construction_in_every_province():
    """Names that fold to the same letters (8 pairs in the country) get the code after their slug."""
    clashes = []
    for p in GEO.provinces:
        ids = geography.commune_ids(p.units)
        assert len(set(ids.values())) == len(p.units), p.name
        for a, b in itertools.combinations(p.units, 2):
            if fold(a.name) == fold(b.name):
                clashes.append((a.name, b.name))
                assert ids[a.code].endswith(str(a.code)) and ids[b.code].endswith(str(b.code))
    assert len(clashes) == 8
    assert {frozenset(c) for c in clashes} >= {frozenset(("Xã Văn Lang", "Xã Văn Lăng")), frozenset(("Xã Cẩm Giang", "Xã Cẩm Giàng"))}


def test_a_name_without_marks_suggests_every_official_name_it_could_be():
    assert {u.name for u in GEO.nearest_units("Xa Van Lang", 19)} == {"Xã Văn Lang", "Xã Văn Lăng"}
    assert all(u.province == 19 for u in GEO.nearest_units("Xa Phong Quan", 19))
    assert not any(u.name == "Xã Không Có" for u in GEO.nearest_units("Xã Không Có", 19))


def test_a_unit_knows_the_communes_merged_into_it():
    assert {"Xã Lương Thượng", "Xã Kim Hỷ"} <= set(GEO.units[2143].former)


def test_the_csv_is_what_the_module_reads():
    with open(ROOT / "geography" / "units.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {int(r["code"]) for r in rows} == set(GEO.units)
    assert all(r["type"] in geography.TYPES and r["name"].startswith(geography.TYPES[r["type"]]) for r in rows)
