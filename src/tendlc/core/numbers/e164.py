"""Validation of phone numbers: E.164 form, North American Numbering Plan, checked with ``phonenumbers``."""

from __future__ import annotations

import phonenumbers

from tendlc.core.errors import FieldProblem

MAX_LENGTH = 32


def nanp_e164(value: object, field: str) -> tuple[str | None, FieldProblem | None]:
    """``value`` as an E.164 NANP number (``+1`` and ten digits that ``phonenumbers`` knows to be valid),
    or the problem, naming ``field`` and quoting the offending input."""
    if not isinstance(value, str):
        return None, FieldProblem(field, "must be a string holding an E.164 number such as +12025550142")
    shown = value if len(value) <= MAX_LENGTH else value[:MAX_LENGTH] + "…"
    if not value.startswith("+1") or len(value) != 12 or not value[1:].isascii() or not value[1:].isdigit():
        return None, FieldProblem(field, f"{shown!r} is not a NANP number in E.164 form (+1 and 10 digits)")
    try:
        parsed = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        return None, FieldProblem(field, f"{shown!r} is not a phone number")
    if parsed.country_code != 1 or not phonenumbers.is_valid_number(parsed):
        return None, FieldProblem(field, f"{shown!r} is not a valid NANP number")
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164), None


def area_code_usable(npa: str) -> bool:
    """Whether ``phonenumbers`` knows NANP area code ``npa`` (tried on a fictional 555-01XX number)."""
    return any(nanp_e164(f"+1{npa}555{line:04d}", "npa")[0] is not None for line in (100, 2000, 5000))
