from __future__ import annotations

import itertools

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from notifications.providers import ProviderError
from notifications.repository import InMemoryNotificationRepository
from notifications.service import NotificationService

# The global tracer provider can be set once per process, so one exporter serves the whole session.
_EXPORTER = InMemorySpanExporter()
_provider = TracerProvider()
_provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
trace.set_tracer_provider(_provider)


class FakeEmailProvider:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str]] = []
        self.fail_with: ProviderError | None = None

    def send(self, to: str, subject: str, body: str) -> str:
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append((to, subject, body))
        return f"em_{len(self.sent)}"


class FakeSmsProvider:
    """Numbers ending in 000 are rejected by the carrier, like a blocked number would be."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def send(self, to: str, text: str) -> str:
        if to.endswith("000"):
            raise ProviderError("carrier rejected the number", retryable=False)
        self.sent.append((to, text))
        return f"sm_{len(self.sent)}"


@pytest.fixture
def email() -> FakeEmailProvider:
    return FakeEmailProvider()


@pytest.fixture
def sms() -> FakeSmsProvider:
    return FakeSmsProvider()


@pytest.fixture
def repository() -> InMemoryNotificationRepository:
    return InMemoryNotificationRepository()


@pytest.fixture
def service(email, sms, repository) -> NotificationService:
    ids = itertools.count(1)
    return NotificationService(email, sms, repository, new_id=lambda: f"ntf_{next(ids)}")


@pytest.fixture
def spans() -> InMemorySpanExporter:
    _EXPORTER.clear()
    return _EXPORTER
