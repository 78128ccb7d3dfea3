"""Notification fan-out."""

import logging
import smtplib

import requests
from opentelemetry import trace
from opentelemetry.trace import Status, StatusCode

logger = logging.getLogger(__name__)
tracer = trace.get_tracer(__name__)

WEBHOOK_URL = "https://hooks.example/notify"


def notify_customer(customer_id: str, message: str) -> bool:
    with tracer.start_as_current_span("notify.notify_customer") as span:
        span.set_attribute("service.operation", "notify_customer")
        span.set_attribute("business.entity_id", customer_id)
        try:
            requests.post(WEBHOOK_URL, json={"customer": customer_id, "text": message}, timeout=2)
        except requests.RequestException as exc:
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, "RequestException"))
            logger.warning("could not notify %s", customer_id)
            return False
        return True


@tracer.start_as_current_span("notify.notify_all")
def notify_all(customer_ids: list[str], message: str) -> int:
    span = trace.get_current_span()
    span.set_attribute("business.entity_id", customer_ids)
    span.set_attribute("service.operation", "notify_all")
    sent = 0
    for customer_id in customer_ids:
        try:
            requests.post(WEBHOOK_URL, json={"customer": customer_id, "text": message}, timeout=2)
            sent += 1
        except (requests.Timeout, requests.ConnectionError) as exc:
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, type(exc).__name__))
            continue
    return sent


def send_digest(smtp_host: str, digest: str) -> None:
    with tracer.start_as_current_span("notify.send_digest") as span:
        span.set_attribute("service.operation", "send_digest")
        try:
            with smtplib.SMTP(smtp_host, timeout=5) as client:
                client.sendmail("digest@example.com", ["ops@example.com"], digest)
        except smtplib.SMTPException as exc:
            span.record_exception(exc)
            span.set_status(Status(StatusCode.ERROR, "SMTPException"))
            logger.error("digest not sent: %s", exc)
