"""Pure presentation helpers: no I/O, no failures, nothing worth a span."""

from __future__ import annotations

from .models import Notification


def truncate(text: str, limit: int) -> str:
    """Cut text to at most limit characters, marking the cut with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def mask_recipient(recipient: str) -> str:
    """What logs may show: j***@example.com, +49*******678."""
    if "@" in recipient:
        local, _, domain = recipient.partition("@")
        return f"{local[:1]}***@{domain}"
    return recipient[:3] + "*" * max(len(recipient) - 6, 0) + recipient[-3:]


def public_view(notification: Notification) -> dict[str, object]:
    """The API representation: enums as their values, the timestamp as ISO 8601."""
    return {
        "id": notification.id,
        "user_id": notification.user_id,
        "channel": notification.channel.value,
        "recipient": notification.recipient,
        "template": notification.template,
        "status": notification.status.value,
        "provider_message_id": notification.provider_message_id,
        "error": notification.error,
        "attempts": notification.attempts,
        "created_at": notification.created_at.isoformat(),
    }
