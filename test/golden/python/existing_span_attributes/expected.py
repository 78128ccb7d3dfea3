"""Invoices."""

from opentelemetry import trace

tracer = trace.get_tracer(__name__)


class InvoiceStore:
    def __init__(self, db):
        self.db = db

    def archive_invoice(self, invoice_id: str) -> int:
        with tracer.start_as_current_span("billing.archive_invoice") as span:
            span.set_attribute("service.operation", "archive_invoice")
            span.set_attribute("business.entity_id", invoice_id)
            rows = self.db.execute("UPDATE invoices SET archived = 1 WHERE id = ?", (invoice_id,)).rowcount
            if rows == 0:
                raise KeyError(invoice_id)
            return rows

    @tracer.start_as_current_span("billing.void_invoice")
    def void_invoice(self, invoice_id: str, reason: str) -> None:
        """Void an invoice; the reason is kept for auditors."""
        span = trace.get_current_span()
        span.set_attribute("service.operation", "void_invoice")
        span.set_attribute("business.entity_id", invoice_id)
        self.db.execute("UPDATE invoices SET void_reason = ? WHERE id = ?", (reason, invoice_id))
        self.db.commit()
