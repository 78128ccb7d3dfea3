"""Message templates and their rendering."""

from __future__ import annotations

import string

from .formatting import truncate
from .models import UnknownTemplateError

TEMPLATES: dict[str, tuple[str, str]] = {
    "order_confirmation": ("Your order $order_id is confirmed", "Hi $name, we received order $order_id."),
    "password_reset": ("Reset your password", "Hi $name, use this link within 30 minutes: $link"),
    "shipping_update": ("Order $order_id has shipped", "Hi $name, track your parcel: $tracking_url"),
}

SMS_SEGMENT = 160


def render(template: str, context: dict[str, str]) -> tuple[str, str]:
    """Return (subject, body) for a template; missing placeholders are left visible, not dropped."""
    try:
        subject, body = TEMPLATES[template]
    except KeyError:
        raise UnknownTemplateError(f"unknown template {template!r}") from None
    return (
        string.Template(subject).safe_substitute(context),
        string.Template(body).safe_substitute(context),
    )


def sms_text(template: str, context: dict[str, str]) -> str:
    """The SMS version of a template: the body alone, cut to one segment."""
    _, body = render(template, context)
    return truncate(body, SMS_SEGMENT)
