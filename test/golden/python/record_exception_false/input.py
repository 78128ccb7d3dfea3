"""Payment capture."""

from opentelemetry import trace

tracer = trace.get_tracer(__name__)


class CaptureFailed(Exception):
    pass


def capture_payment(gateway, payment_id: str, amount_cents: int) -> str:
    with tracer.start_as_current_span("payments.capture_payment", record_exception=False) as span:
        span.set_attribute("service.operation", "capture_payment")
        span.set_attribute("business.entity_id", payment_id)
        if amount_cents <= 0:
            raise ValueError("amount must be positive")
        confirmation = gateway.capture(payment_id, amount_cents)
        if not confirmation:
            raise CaptureFailed(payment_id)
        return confirmation


def refund_payment(gateway, payment_id: str) -> str:
    with tracer.start_as_current_span(
        "payments.refund_payment",
        record_exception=False,
        set_status_on_exception=False,
    ) as span:
        span.set_attribute("service.operation", "refund_payment")
        span.set_attribute("business.entity_id", payment_id)
        try:
            return gateway.refund(payment_id)
        except TimeoutError as exc:
            span.add_event("refund timed out", {"payment.id": payment_id})
            raise CaptureFailed(payment_id) from exc


def void_payment(gateway, payment_id: str) -> None:
    with tracer.start_as_current_span("payments.void_payment", record_exception=False) as span:
        span.set_attribute("service.operation", "void_payment")
        span.set_attribute("business.entity_id", payment_id)
        if not payment_id.startswith("pay_"):
            raise ValueError("not a payment id")
        try:
            gateway.void(payment_id)
        except TimeoutError as exc:
            span.record_exception(exc, attributes={"payment.retryable": True})
            raise
