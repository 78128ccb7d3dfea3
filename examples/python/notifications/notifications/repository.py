"""Notification storage. Production uses DynamoDB; this in-memory version backs tests and local runs."""

from __future__ import annotations

import dataclasses
import threading
from typing import Protocol

from .models import Notification, NotificationNotFoundError, Status


class NotificationRepository(Protocol):
    def save(self, notification: Notification) -> None: ...

    def get(self, notification_id: str) -> Notification: ...

    def list_failed(self, limit: int) -> list[Notification]: ...


class InMemoryNotificationRepository:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._items: dict[str, Notification] = {}

    def save(self, notification: Notification) -> None:
        with self._lock:
            self._items[notification.id] = dataclasses.replace(notification)

    def get(self, notification_id: str) -> Notification:
        with self._lock:
            try:
                return dataclasses.replace(self._items[notification_id])
            except KeyError:
                raise NotificationNotFoundError(f"notification {notification_id} not found") from None

    def list_failed(self, limit: int) -> list[Notification]:
        with self._lock:
            failed = [n for n in self._items.values() if n.status is Status.FAILED]
        failed.sort(key=lambda n: n.created_at)
        return [dataclasses.replace(n) for n in failed[:limit]]
