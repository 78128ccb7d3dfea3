"""Runs the golden inputs and outputs of the Python instrument planner against the real OpenTelemetry SDK.

One TracerProvider for the session (the global provider can be set only once), exporting to memory; each
test starts from an empty exporter. Golden modules are imported from test/golden/python/<case>/ as fresh
modules, with fake third-party modules (requests) put in place while they import.
"""

from __future__ import annotations

import importlib.util
import sys
import types
from pathlib import Path
from typing import Callable

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import StatusCode

GOLDEN = Path(__file__).resolve().parents[2] / "golden" / "python"

EXPORTER = InMemorySpanExporter()
_provider = TracerProvider()
_provider.add_span_processor(SimpleSpanProcessor(EXPORTER))
trace.set_tracer_provider(_provider)

test_tracer = trace.get_tracer("otelwright.runtime-tests")


class Spans:
    """The finished spans of one test."""

    def all(self) -> list[ReadableSpan]:
        return list(EXPORTER.get_finished_spans())

    def named(self, name: str) -> ReadableSpan:
        found = [s for s in self.all() if s.name == name]
        assert len(found) == 1, f"expected one span {name!r}, got {[s.name for s in self.all()]}"
        return found[0]

    def children(self, parent: ReadableSpan, name: str = "dependency") -> list[ReadableSpan]:
        return [s for s in self.all() if s.name == name and s.parent is not None and s.parent.span_id == parent.context.span_id]

    def names(self) -> list[str]:
        return [s.name for s in self.all()]


@pytest.fixture
def spans() -> Spans:
    EXPORTER.clear()
    yield Spans()
    EXPORTER.clear()


def load(case: str, variant: str, fakes: dict[str, types.ModuleType] | None = None) -> types.ModuleType:
    """Imports test/golden/python/<case>/<variant>.py (variant: input or expected) as a new module."""
    path = GOLDEN / case / f"{variant}.py"
    name = f"golden_{case}_{variant}"
    fakes = fakes or {}
    saved = {key: sys.modules.get(key) for key in fakes}
    sys.modules.update(fakes)
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        return module
    finally:
        for key, value in saved.items():
            if value is None:
                sys.modules.pop(key, None)
            else:
                sys.modules[key] = value


def fake_requests() -> types.ModuleType:
    """Just enough of `requests` for the goldens: tests replace post/delete per case."""
    module = types.ModuleType("requests")

    class RequestException(IOError):
        pass

    class Timeout(RequestException):
        pass

    class ConnectionError(RequestException):  # noqa: A001 - the name requests uses
        pass

    module.RequestException = RequestException
    module.Timeout = Timeout
    module.ConnectionError = ConnectionError
    module.post = lambda *args, **kwargs: None
    module.delete = lambda *args, **kwargs: None
    return module


def call_in_parent(call: Callable[[], object]) -> tuple[object, trace.Span]:
    """Calls inside a caller span, as an instrumented caller would; returns the result and the caller span."""
    with test_tracer.start_as_current_span("caller") as caller:
        return call(), caller


def in_child_span(result: object = None) -> Callable[..., object]:
    """A dependency that starts a span of its own: it must become a child of the function's span."""

    def dependency(*args: object, **kwargs: object) -> object:
        with test_tracer.start_as_current_span("dependency"):
            return result

    return dependency


def assert_child_of(child: ReadableSpan, parent: ReadableSpan) -> None:
    assert child.parent is not None
    assert child.parent.span_id == parent.context.span_id
    assert child.context.trace_id == parent.context.trace_id


def assert_failed_with(span: ReadableSpan, error: BaseException | str, times: int = 1) -> None:
    """Status Error whose message starts with the error's type name, the error recorded `times` times."""
    type_name = error if isinstance(error, str) else type(error).__name__
    assert span.status.status_code is StatusCode.ERROR
    assert (span.status.description or "").startswith(type_name)
    events = [e for e in span.events if e.name == "exception"]
    assert len(events) == times, f"exception recorded {len(events)} times"
    for event in events:
        assert event.attributes["exception.type"].endswith(type_name)


def assert_succeeded(span: ReadableSpan, outcome: bool = True) -> None:
    assert span.status.status_code is StatusCode.UNSET
    assert not [e for e in span.events if e.name == "exception"]
    if outcome:
        assert span.attributes.get("business.outcome") == "success"
