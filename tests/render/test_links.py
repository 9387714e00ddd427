"""tel: links: one filter for every phone number the schema accepts."""
from __future__ import annotations

import re

import pytest

from bhxhpub.render.links import tel_uri

# RFC 3966 global number: "tel:+" digits with optional visual separators "-", ".", "(", ")"; no spaces
RFC3966_GLOBAL = re.compile(r"^tel:\+[0-9][0-9().\-]*[0-9]$")


@pytest.mark.parametrize("phone,uri", [
    ("(024) 3628 5231", "tel:+84-24-3628-5231"),
    ("0243 628 5231", "tel:+84-24-3628-5231"),
    ("024.36285231", "tel:+84-24-3628-5231"),
    ("+84 24 3628 5231", "tel:+84-24-3628-5231"),
    ("1900.9068", "tel:+84-1900-9068"),
    ("0912 345 678", "tel:+84-912-345-678"),
])
def test_phone_numbers_become_valid_global_tel_uris(phone, uri):
    assert tel_uri(phone) == uri
    assert RFC3966_GLOBAL.match(tel_uri(phone))


@pytest.mark.parametrize("phone", ["12-34", "(0) 1234", "+1 (555) 0100 99"])
def test_numbers_the_library_cannot_place_still_give_a_valid_uri(phone):
    assert RFC3966_GLOBAL.match(tel_uri(phone)), tel_uri(phone)
