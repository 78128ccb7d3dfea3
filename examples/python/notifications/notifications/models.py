"""Domain types shared by the service, the repository and the HTTP layer."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime, timezone


class Channel(str, enum.Enum):
    EMAIL = "email"
    SMS = "sms"


class Status(str, enum.Enum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


@dataclass
class Notification:
    id: str
    user_id: str
    channel: Channel
    recipient: str
    template: str
    status: Status = Status.QUEUED
    provider_message_id: str | None = None
    error: str | None = None
    attempts: int = 0
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


class NotificationError(Exception):
    """Base class for errors the HTTP layer turns into 4xx/5xx responses."""

    status_code = 500


class BadRequestError(NotificationError):
    status_code = 400


class InvalidRecipientError(NotificationError):
    status_code = 422


class UnknownTemplateError(NotificationError):
    status_code = 422


class NotificationNotFoundError(NotificationError):
    status_code = 404


class DeliveryError(NotificationError):
    """The provider refused or failed to deliver; the notification is stored as failed."""

    status_code = 502
