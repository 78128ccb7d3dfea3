"""Existing spans completed: attributes added, error recording switched back on or written, swallowed errors recorded."""

from __future__ import annotations

import smtplib
import sqlite3
from types import SimpleNamespace
from uuid import UUID

import pytest
from opentelemetry.trace import StatusCode

from conftest import assert_failed_with, assert_succeeded, fake_requests, in_child_span, load

VARIANTS = ["input", "expected"]


def invoices_db() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE TABLE invoices (id TEXT, archived INTEGER DEFAULT 0, void_reason TEXT)")
    db.execute("INSERT INTO invoices (id) VALUES ('inv-1')")
    return db


class TestExistingSpanAttributes:
    def test_attributes_land_on_the_existing_spans(self, spans):
        for variant in VARIANTS:
            module = load("existing_span_attributes", variant)
            store = module.InvoiceStore(invoices_db())
            assert store.archive_invoice("inv-1") == 1
            with pytest.raises(KeyError) as info:
                store.archive_invoice("inv-9")
            assert info.value.args == ("inv-9",)
            assert store.void_invoice("inv-1", "customer asked") is None
        archived = [s for s in spans.all() if s.name == "billing.archive_invoice"]
        assert [s.attributes.get("business.entity_id") for s in archived] == [None, None, "inv-1", "inv-9"]
        assert archived[2].attributes["service.operation"] == "archive_invoice"
        assert_failed_with(archived[3], "KeyError")
        voided = [s for s in spans.all() if s.name == "billing.void_invoice"]
        assert voided[1].attributes == {"service.operation": "void_invoice", "business.entity_id": "inv-1"}
        assert "customer asked" not in str(voided[1].attributes)


class Gateway:
    def __init__(self, capture=None, refund=None, void=None):
        self._capture, self._refund, self._void = capture, refund, void

    def capture(self, payment_id, amount):
        return self._act(self._capture)

    def refund(self, payment_id):
        return self._act(self._refund)

    def void(self, payment_id):
        return self._act(self._void)

    @staticmethod
    def _act(outcome):
        if isinstance(outcome, BaseException):
            raise outcome
        return outcome


class TestRecordExceptionFalse:
    def test_escaping_errors_are_now_recorded_once(self, spans):
        errors = {}
        for variant in VARIANTS:
            module = load("record_exception_false", variant)
            assert module.capture_payment(Gateway(capture="conf-1"), "pay_1", 100) == "conf-1"
            with pytest.raises(ValueError):
                module.capture_payment(Gateway(), "pay_1", 0)
            with pytest.raises(module.CaptureFailed):
                module.capture_payment(Gateway(capture=""), "pay_1", 100)
            timeout = TimeoutError("slow")
            with pytest.raises(module.CaptureFailed) as info:
                module.refund_payment(Gateway(refund=timeout), "pay_1")
            assert info.value.__cause__ is timeout
            errors[variant] = info.value
        capture = [s for s in spans.all() if s.name == "payments.capture_payment"]
        # input: status set by the context manager but nothing recorded; expected: each failure recorded once.
        assert [len(s.events) for s in capture] == [0, 0, 0, 0, 1, 1]
        assert capture[1].status.status_code is StatusCode.ERROR
        assert_succeeded(capture[3], outcome=False)
        assert_failed_with(capture[4], "ValueError")
        assert_failed_with(capture[5], "CaptureFailed")
        refund = [s for s in spans.all() if s.name == "payments.refund_payment"]
        assert refund[0].status.status_code is StatusCode.UNSET
        assert_failed_with(refund[1], "CaptureFailed")
        assert refund[1].events[0].name == "refund timed out"

    def test_recording_written_by_hand_next_to_manual_recording(self, spans):
        for variant in VARIANTS:
            module = load("record_exception_false", variant)
            with pytest.raises(ValueError, match="not a payment id"):
                module.void_payment(Gateway(), "card_1")
            timeout = TimeoutError("slow")
            with pytest.raises(TimeoutError) as info:
                module.void_payment(Gateway(void=timeout), "pay_1")
            assert info.value is timeout
        bad_input, timed_out_input, bad, timed_out = [s for s in spans.all() if s.name == "payments.void_payment"]
        assert len(bad_input.events) == 0 and len(timed_out_input.events) == 1
        assert_failed_with(bad, "ValueError")
        # The manual record_exception stays the only one: never recorded twice.
        assert_failed_with(timed_out, "TimeoutError")
        assert timed_out.events[0].attributes["payment.retryable"] is True


class TestSwallowedErrors:
    def modules(self):
        return {v: load("swallowed_except", v, {"requests": fake_requests()}) for v in VARIANTS}

    def test_swallowed_errors_set_status_and_are_recorded(self, spans, monkeypatch):
        results = {}
        for variant, module in self.modules().items():
            failure = module.requests.RequestException("down")
            def post(*args, **kwargs):
                raise failure
            module.requests.post = post
            results[variant] = [module.notify_customer("c-1", "hi")]
            module.requests.post = in_child_span()
            results[variant].append(module.notify_customer("c-1", "hi"))
            calls = iter([None, module.requests.Timeout("slow")])
            def flaky(*args, **kwargs):
                outcome = next(calls)
                if outcome is not None:
                    raise outcome
            module.requests.post = flaky
            results[variant].append(module.notify_all(["c-1", "c-2"], "hi"))

            class FailingSMTP:
                def __init__(self, *args, **kwargs):
                    pass

                def __enter__(self):
                    return self

                def __exit__(self, *exc):
                    return False

                def sendmail(self, *args):
                    raise smtplib.SMTPException("rejected")

            monkeypatch.setattr(module.smtplib, "SMTP", FailingSMTP)
            results[variant].append(module.send_digest("localhost", "digest"))
        assert results["input"] == results["expected"] == [False, True, 1, None]
        notify = [s for s in spans.all() if s.name == "notify.notify_customer"]
        assert notify[0].status.status_code is StatusCode.UNSET
        assert_failed_with(notify[2], "RequestException")
        assert notify[2].status.description == "RequestException"
        assert_succeeded(notify[3], outcome=False)
        (_, fanout) = [s for s in spans.all() if s.name == "notify.notify_all"]
        assert_failed_with(fanout, "Timeout")
        assert fanout.status.description == "Timeout"
        assert fanout.attributes["business.entity_id"] == ("c-1", "c-2")
        (_, digest) = [s for s in spans.all() if s.name == "notify.send_digest"]
        assert_failed_with(digest, "SMTPException")
        assert "rejected" not in digest.status.description


class FakeDb:
    def __init__(self, row=("acc-1",)):
        self.row = row
        self.statements = []

    def execute(self, sql, params):
        self.statements.append((sql, params))
        return SimpleNamespace(fetchone=lambda: self.row, rowcount=1)

    def commit(self):
        pass


class TestIdAndPii:
    def test_entity_id_is_set_and_pii_never_is(self, spans):
        account = UUID("12345678-1234-5678-1234-567812345678")
        for variant in VARIANTS:
            module = load("id_and_pii", variant)
            db = FakeDb()
            repository = module.AccountRepository(db)
            assert repository.update_contact(account, "ann@example.com", "+44 20 7946 0000") is None
            assert repository.find_by_email("ann@example.com", "e-1") == "acc-1"
            with pytest.raises(ValueError):
                repository.update_contact(account, "not-an-email")
        update = [s for s in spans.all() if s.name == "shop.update_contact"]
        assert update[0].attributes["business.entity_id"] == str(account)
        assert_succeeded(update[0])
        assert_failed_with(update[1], "ValueError")
        found = spans.named("shop.find_by_email")
        assert "business.entity_id" not in found.attributes
        for span in spans.all():
            values = " ".join(str(v) for v in span.attributes.values())
            assert "ann@example.com" not in values and "+44" not in values and "e-1" not in values


class TestReuseNames:
    def test_existing_tracer_alias_and_clashing_names(self, spans):
        for variant in VARIANTS:
            module = load("reuse_names", variant)
            db = FakeDb()
            assert module.mark_delivered(db, "d-1") is module.Status.DELIVERED

            class Broken:
                def execute(self, *args):
                    raise sqlite3.OperationalError("locked")

            assert module.retry_delivery(Broken(), "d-1") is False
            assert module.retry_delivery(db, "d-1") is True
        assert_succeeded(spans.named("shop.mark_delivered"))
        retries = [s for s in spans.all() if s.name == "deliveries.retry_delivery"]
        assert retries[0].status.status_code is StatusCode.UNSET
        assert_failed_with(retries[2], "OperationalError")
        assert_succeeded(retries[3], outcome=False)
