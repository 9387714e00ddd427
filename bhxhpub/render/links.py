"""Links every output prints: phone numbers as tel: URIs."""
from __future__ import annotations

import re

import phonenumbers

REGION = "VN"  # numbers written without a country code are Vietnamese


def tel_uri(phone: str) -> str:
    """A valid RFC 3966 tel: URI for any phone number the schema accepts.

    Global form with the country code, visual separators as hyphens, e.g. "(024) 3628 5231" and
    "0243 628 5231" -> "tel:+84-24-3628-5231", "1900.9068" -> "tel:+84-1900-9068" (formatted by
    phonenumbers, Google's libphonenumber metadata). A number it cannot parse keeps its digits
    with the country code: "tel:+84…", never spaces or brackets.
    """
    try:
        number = phonenumbers.parse(phone, REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and number.national_number:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.RFC3966)
    digits = re.sub(r"[^0-9]", "", phone)
    if phone.strip().startswith("+"):
        return f"tel:+{digits}"
    return f"tel:+84{digits.removeprefix('0')}"
