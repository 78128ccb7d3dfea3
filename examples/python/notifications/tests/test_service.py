from __future__ import annotations

import asyncio

import pytest
from opentelemetry.trace import StatusCode

from notifications.formatting import mask_recipient
from notifications.models import (
    Channel,
    DeliveryError,
    InvalidRecipientError,
    NotificationNotFoundError,
    Status,
    UnknownTemplateError,
)
from notifications.providers import ProviderError
from notifications.recipients import normalise_phone
from notifications.service import MAX_ATTEMPTS, SmsRequest
from notifications.templates import sms_text

ORDER = {"name": "Ada", "order_id": "o-17"}


def test_send_email_renders_and_stores(service, email, repository):
    notification = service.send_email("u1", " Ada@Example.COM ", "order_confirmation", ORDER)

    assert email.sent == [("ada@example.com", "Your order o-17 is confirmed", "Hi Ada, we received order o-17.")]
    assert notification.status is Status.SENT
    assert notification.provider_message_id == "em_1"
    assert repository.get(notification.id).status is Status.SENT


@pytest.mark.parametrize(
    ("address", "template", "error"),
    [
        ("not-an-email", "order_confirmation", InvalidRecipientError),
        ("ada@example", "order_confirmation", InvalidRecipientError),
        ("ada@example.com", "birthday_card", UnknownTemplateError),
    ],
)
def test_send_email_rejects_bad_input(service, email, address, template, error):
    with pytest.raises(error):
        service.send_email("u1", address, template, ORDER)
    assert email.sent == []


def test_failed_email_is_stored_and_raised(service, email, repository):
    email.fail_with = ProviderError("503 from provider", retryable=True)

    with pytest.raises(DeliveryError):
        service.send_email("u1", "ada@example.com", "order_confirmation", ORDER)

    [failed] = repository.list_failed(limit=10)
    assert failed.status is Status.FAILED
    assert failed.attempts == 1
    assert "503" in failed.error


def test_failed_email_is_visible_in_the_trace(service, email, spans):
    email.fail_with = ProviderError("503 from provider", retryable=True)

    with pytest.raises(DeliveryError):
        service.send_email("u1", "ada@example.com", "order_confirmation", ORDER)

    failed = [s for s in spans.get_finished_spans() if s.status.status_code is StatusCode.ERROR]
    assert failed, "a failed delivery must leave an error span"
    assert any(event.name == "exception" for span in failed for event in span.events)


def test_retry_failed_emails_resends_retryable_failures(service, email, repository):
    email.fail_with = ProviderError("503 from provider", retryable=True)
    with pytest.raises(DeliveryError):
        service.send_email("u1", "ada@example.com", "password_reset", {"name": "Ada", "link": "https://x.test/r"})
    email.fail_with = None

    assert service.retry_failed_emails() == 1
    assert repository.list_failed(limit=10) == []
    assert len(email.sent) == 1


def test_retry_skips_permanent_failures(service, email, repository):
    email.fail_with = ProviderError("400 invalid mailbox", retryable=False)
    with pytest.raises(DeliveryError):
        service.send_email("u1", "ada@example.com", "order_confirmation", ORDER)
    email.fail_with = None

    assert service.retry_failed_emails() == 0
    [failed] = repository.list_failed(limit=10)
    assert failed.attempts == MAX_ATTEMPTS


def test_send_sms(service, sms):
    notification = asyncio.run(service.send_sms("u2", "+49 151 1234 5678", "shipping_update", ORDER))

    assert notification.channel is Channel.SMS
    assert notification.recipient == "+4915112345678"
    assert sms.sent[0][0] == "+4915112345678"


def test_send_sms_failure_raises_delivery_error(service, repository):
    with pytest.raises(DeliveryError):
        asyncio.run(service.send_sms("u2", "+49 151 1234 5000", "shipping_update", ORDER))
    assert repository.list_failed(limit=10)[0].channel is Channel.SMS


def test_bulk_sms_keeps_going_after_failures(service, sms):
    requests = [
        SmsRequest("u1", "+4915100000001", "shipping_update", ORDER),
        SmsRequest("u2", "+4915100000000", "shipping_update", ORDER),  # rejected by the carrier
        SmsRequest("u3", "0151 123", "shipping_update", ORDER),  # no country code
        SmsRequest("u4", "+4915100000004", "shipping_update", ORDER),
    ]

    results = asyncio.run(service.send_bulk_sms(requests))

    assert [type(r).__name__ for r in results] == [
        "Notification",
        "DeliveryError",
        "InvalidRecipientError",
        "Notification",
    ]
    assert len(sms.sent) == 2


def test_get_unknown_notification(service):
    with pytest.raises(NotificationNotFoundError):
        service.get("ntf_missing")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("+44 20 7946 0958", "+442079460958"), ("+1 (415) 555-0100", "+14155550100")],
)
def test_normalise_phone(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["020 7946 0958", "+12", "+1234567890123456"])
def test_normalise_phone_rejects(raw):
    with pytest.raises(InvalidRecipientError):
        normalise_phone(raw)


def test_helpers_are_pure_formatting():
    assert mask_recipient("ada@example.com") == "a***@example.com"
    assert mask_recipient("+4915112345678") == "+49********678"
    assert len(sms_text("password_reset", {"name": "A" * 200, "link": "x"})) == 160
