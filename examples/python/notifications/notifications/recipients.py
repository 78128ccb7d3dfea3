"""Recipient validation and normalisation, so the same person is never stored under two spellings."""

from __future__ import annotations

import re

from .models import InvalidRecipientError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE_DIGITS = re.compile(r"\d")


def normalise_email(address: str) -> str:
    address = address.strip().lower()
    if not _EMAIL.match(address):
        raise InvalidRecipientError(f"not an email address: {address!r}")
    return address


def normalise_phone(number: str) -> str:
    """E.164 form (+4915112345678). Numbers without a country code are rejected, not guessed."""
    digits = "".join(_PHONE_DIGITS.findall(number))
    if not number.strip().startswith("+") or not 8 <= len(digits) <= 15:
        raise InvalidRecipientError("phone numbers need a +country code and 8 to 15 digits")
    return "+" + digits
