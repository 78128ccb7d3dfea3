"""Business logic: validate the recipient, render the template, deliver, record the outcome."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from opentelemetry import trace

from .models import Channel, DeliveryError, Notification, NotificationError, Status
from .providers import EmailProvider, ProviderError, SmsProvider
from .recipients import normalise_email, normalise_phone
from .repository import NotificationRepository
from .templates import render, sms_text

tracer = trace.get_tracer(__name__)

# Providers throttle above this many concurrent requests per API key.
MAX_CONCURRENT_SMS = 20
MAX_ATTEMPTS = 3


@dataclass(frozen=True)
class SmsRequest:
    user_id: str
    phone: str
    template: str
    context: dict[str, str]


class NotificationService:
    def __init__(
        self,
        email: EmailProvider,
        sms: SmsProvider,
        repository: NotificationRepository,
        new_id: Callable[[], str] = lambda: f"ntf_{uuid.uuid4().hex[:16]}",
    ) -> None:
        self._email = email
        self._sms = sms
        self._repository = repository
        self._new_id = new_id

    def send_email(self, user_id: str, email: str, template: str, context: dict[str, str]) -> Notification:
        """Render and send an email. Raises DeliveryError (after storing the failure) if the provider fails."""
        with tracer.start_as_current_span(f"notifications.send_email.{template}") as span:
            span.set_attribute("user.email", email)
            span.set_attribute("notification.template", template)
            recipient = normalise_email(email)
            subject, body = render(template, context)
            notification = Notification(
                id=self._new_id(), user_id=user_id, channel=Channel.EMAIL, recipient=recipient, template=template
            )
            self._deliver_email(notification, subject, body)
            return notification

    async def send_sms(self, user_id: str, phone: str, template: str, context: dict[str, str]) -> Notification:
        """Send an SMS. Raises DeliveryError (after storing the failure) if the provider fails."""
        recipient = normalise_phone(phone)
        text = sms_text(template, context)
        notification = Notification(
            id=self._new_id(), user_id=user_id, channel=Channel.SMS, recipient=recipient, template=template
        )
        notification.attempts += 1
        try:
            notification.provider_message_id = await self._sms.send(recipient, text)
        except ProviderError as exc:
            self._record_failure(notification, exc)
            raise DeliveryError(f"sms {notification.id} failed: {exc}") from exc
        notification.status = Status.SENT
        self._repository.save(notification)
        return notification

    async def send_bulk_sms(self, requests: Iterable[SmsRequest]) -> list[Notification | NotificationError]:
        """Send many SMS concurrently. One bad number does not stop the batch: each slot of the result is
        the notification or the error it failed with, in request order."""
        limit = asyncio.Semaphore(MAX_CONCURRENT_SMS)

        async def send_one(request: SmsRequest) -> Notification | NotificationError:
            async with limit:
                try:
                    return await self.send_sms(request.user_id, request.phone, request.template, request.context)
                except NotificationError as exc:
                    return exc

        return list(await asyncio.gather(*(send_one(r) for r in requests)))

    def get(self, notification_id: str) -> Notification:
        return self._repository.get(notification_id)

    def retry_failed_emails(self, limit: int = 100) -> int:
        """Resend failed emails that are still worth retrying; returns how many went out this time."""
        sent = 0
        for notification in self._repository.list_failed(limit):
            if notification.channel is not Channel.EMAIL or notification.attempts >= MAX_ATTEMPTS:
                continue
            subject, body = render(notification.template, {})
            try:
                self._deliver_email(notification, subject, body)
            except DeliveryError:
                continue
            sent += 1
        return sent

    def _deliver_email(self, notification: Notification, subject: str, body: str) -> None:
        notification.attempts += 1
        try:
            notification.provider_message_id = self._email.send(notification.recipient, subject, body)
        except ProviderError as exc:
            self._record_failure(notification, exc)
            raise DeliveryError(f"email {notification.id} failed: {exc}") from exc
        notification.status = Status.SENT
        notification.error = None
        self._repository.save(notification)

    def _record_failure(self, notification: Notification, exc: ProviderError) -> None:
        notification.status = Status.FAILED
        notification.error = str(exc)
        if not exc.retryable:
            notification.attempts = MAX_ATTEMPTS
        self._repository.save(notification)
