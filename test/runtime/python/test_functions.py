"""Sync and async functions, a multi-line string body, and generators left alone."""

from __future__ import annotations

import asyncio
import sqlite3
from types import SimpleNamespace

import pytest

from conftest import assert_child_of, assert_failed_with, assert_succeeded, call_in_parent, fake_requests, in_child_span, load

VARIANTS = ["input", "expected"]


def response(status: int, payload: dict | None = None) -> SimpleNamespace:
    def raise_for_status() -> None:
        if status >= 400:
            raise IOError(f"HTTP {status}")

    return SimpleNamespace(status_code=status, json=lambda: payload, raise_for_status=raise_for_status)


class TestSyncFunction:
    def modules(self):
        return {v: load("sync_function", v, {"requests": fake_requests()}) for v in VARIANTS}

    def test_success_is_traced_under_the_caller_with_children(self, spans):
        results = {}
        for variant, module in self.modules().items():
            def post(*args, **kwargs):
                return in_child_span(response(201, {"reservation_id": "r-1"}))()

            module.requests.post = post
            results[variant] = module.reserve_stock("sku-9", 2)
        assert results["input"] == results["expected"] == "r-1"
        span = spans.named("shop.reserve_stock")
        assert span.attributes["service.operation"] == "reserve_stock"
        assert span.attributes["business.entity_id"] == "sku-9"
        assert_succeeded(span)
        (child,) = spans.children(span)
        assert_child_of(child, span)

        module = self.modules()["expected"]
        module.requests.post = lambda *a, **k: response(201, {"reservation_id": "r-2"})
        _, caller = call_in_parent(lambda: module.reserve_stock("sku-9", 1))
        traced = [s for s in spans.all() if s.name == "shop.reserve_stock"][-1]
        assert traced.parent is not None and traced.parent.span_id == caller.get_span_context().span_id

    def test_failures_keep_the_same_error_and_set_status(self, spans):
        for variant, module in self.modules().items():
            with pytest.raises(ValueError, match="quantity must be positive"):
                module.reserve_stock("sku-9", 0)
            declined = response(409)
            module.requests.post = lambda *a, **k: declined
            with pytest.raises(module.OutOfStock) as info:
                module.reserve_stock("sku-9", 3)
            assert info.value.args == ("sku-9",)
            boom = IOError("HTTP 500")
            def failing(*a, **k):
                raise boom
            module.requests.post = failing
            with pytest.raises(IOError) as raised:
                module.reserve_stock("sku-9", 3)
            assert raised.value is boom
        traced = [s for s in spans.all() if s.name == "shop.reserve_stock"]
        assert len(traced) == 3
        assert_failed_with(traced[0], ValueError("x"))
        assert_failed_with(traced[2], boom)
        assert "business.outcome" not in traced[2].attributes

    def test_function_without_return_value_gets_outcome_on_fall_through(self, spans):
        for module in self.modules().values():
            module.requests.delete = lambda *a, **k: response(204)
            assert module.release_stock("r-1") is None
        span = spans.named("shop.release_stock")
        assert span.attributes["business.entity_id"] == "r-1"
        assert_succeeded(span)


class FakeClient:
    def __init__(self, *outcomes):
        self.outcomes = list(outcomes)

    async def post(self, url, json):
        await asyncio.sleep(0)
        outcome = self.outcomes.pop(0)
        if isinstance(outcome, BaseException):
            raise outcome
        with in_child_span_context():
            return outcome


def in_child_span_context():
    from conftest import test_tracer

    return test_tracer.start_as_current_span("dependency")


class TestAsyncFunction:
    def test_span_lasts_for_the_whole_coroutine_and_parents_awaited_work(self, spans):
        results = {}
        for variant in VARIANTS:
            module = load("async_function", variant)
            client = FakeClient(asyncio.TimeoutError(), response(200, {"price": 4.5}))
            results[variant] = asyncio.run(module.fetch_quote(client, "p-1", 900))
        assert results["input"] == results["expected"] == 4.5
        span = spans.named("shop.fetch_quote")
        assert_succeeded(span)
        assert span.attributes["business.entity_id"] == "p-1"
        (child,) = spans.children(span)
        assert_child_of(child, span)
        # The decorator must end the span after the coroutine finished (after the retry's sleep), not when it was created.
        assert span.end_time - span.start_time >= 10_000_000
        assert span.end_time >= child.end_time

    def test_async_failures(self, spans):
        for variant in VARIANTS:
            module = load("async_function", variant)
            timeout = asyncio.TimeoutError()
            with pytest.raises(asyncio.TimeoutError) as info:
                asyncio.run(module.fetch_quote(FakeClient(asyncio.TimeoutError(), timeout), "p-2", 1))
            assert info.value is timeout
            with pytest.raises(module.QuoteUnavailable):
                asyncio.run(module.fetch_quote(FakeClient(response(404)), "p-3", 1))
        first, second = [s for s in spans.all() if s.name == "shop.fetch_quote"]
        assert_failed_with(first, asyncio.TimeoutError())
        assert_failed_with(second, module.QuoteUnavailable("p-3"))


class TestMultilineString:
    def test_query_text_is_unchanged_and_rows_are_the_same(self, spans):
        results = {}
        for variant in VARIANTS:
            module = load("multiline_string", variant)
            db = sqlite3.connect(":memory:")
            db.execute("CREATE TABLE sales (product TEXT, amount_cents INTEGER, sold_at TEXT)")
            db.execute("INSERT INTO sales VALUES ('tea', 300, '2026-11-02'), ('tea', 200, '2026-11-05')")
            results[variant] = module.monthly_revenue(db, "2026-11")
            with pytest.raises(LookupError, match="no sales in 2026-12"):
                module.monthly_revenue(db, "2026-12")
        assert results["input"] == results["expected"] == [("tea", 500)]
        ok, failed = [s for s in spans.all() if s.name == "shop.monthly_revenue"]
        assert_succeeded(ok)
        assert_failed_with(failed, LookupError())
        assert load("multiline_string", "expected").monthly_revenue.__doc__ == load("multiline_string", "input").monthly_revenue.__doc__


class TestGenerators:
    def test_generators_are_untouched_and_the_function_beside_them_is_traced(self, spans):
        source = (load("generator_skipped", "expected").__file__)
        text = open(source, encoding="utf-8").read()
        assert "def export_rows" in text and "@tracer.start_as_current_span(\"shop.export_rows\")" not in text
        module = load("generator_skipped", "expected")
        db = sqlite3.connect(":memory:")
        db.execute("CREATE TABLE t (a INTEGER)")
        db.execute("INSERT INTO t VALUES (1), (2)")
        assert list(module.export_rows(db, "t")) == ["1\r\n", "2\r\n"]
        assert module.count_rows(db, "t") == 2
        assert spans.names() == ["shop.count_rows"]
        assert_succeeded(spans.named("shop.count_rows"))
