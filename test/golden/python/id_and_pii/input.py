"""Accounts."""

from typing import Optional
from uuid import UUID


class AccountRepository:
    def __init__(self, db):
        self.db = db

    def update_contact(self, account_id: UUID, email: str, phone_number: Optional[str] = None) -> None:
        if "@" not in email:
            raise ValueError("invalid email")
        self.db.execute(
            "UPDATE accounts SET email = ?, phone = ? WHERE id = ?",
            (email, phone_number, str(account_id)),
        )
        self.db.commit()

    def find_by_email(self, email: str, email_id: str):
        row = self.db.execute("SELECT id FROM accounts WHERE email = ?", (email,)).fetchone()
        if row is None:
            raise LookupError("no account for that address")
        return row[0]
