"""Accounts."""

from typing import Optional
from uuid import UUID

from opentelemetry import trace

tracer = trace.get_tracer(__name__)


class AccountRepository:
    def __init__(self, db):
        self.db = db

    @tracer.start_as_current_span("shop.update_contact")
    def update_contact(self, account_id: UUID, email: str, phone_number: Optional[str] = None) -> None:
        span = trace.get_current_span()
        span.set_attribute("service.operation", "update_contact")
        span.set_attribute("business.entity_id", str(account_id))
        if "@" not in email:
            raise ValueError("invalid email")
        self.db.execute(
            "UPDATE accounts SET email = ?, phone = ? WHERE id = ?",
            (email, phone_number, str(account_id)),
        )
        self.db.commit()
        span.set_attribute("business.outcome", "success")

    @tracer.start_as_current_span("shop.find_by_email")
    def find_by_email(self, email: str, email_id: str):
        span = trace.get_current_span()
        span.set_attribute("service.operation", "find_by_email")
        row = self.db.execute("SELECT id FROM accounts WHERE email = ?", (email,)).fetchone()
        if row is None:
            raise LookupError("no account for that address")
        result = row[0]
        span.set_attribute("business.outcome", "success")
        return result
