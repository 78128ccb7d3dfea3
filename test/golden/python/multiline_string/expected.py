"""Reports rendered from SQL."""

import sqlite3

from opentelemetry import trace

tracer = trace.get_tracer(__name__)


@tracer.start_as_current_span("shop.monthly_revenue")
def monthly_revenue(db: sqlite3.Connection, month: str) -> list[tuple[str, int]]:
    """Revenue per product for one month.

    The query is kept verbatim: its indentation is part of what the DBA reviews.
    """
    span = trace.get_current_span()
    span.set_attribute("service.operation", "monthly_revenue")
    query = """
        SELECT product, SUM(amount_cents)
        FROM sales
        WHERE strftime('%Y-%m', sold_at) = ?
        GROUP BY product
    """
    rows = db.execute(query, (month,)).fetchall()
    if not rows:
        raise LookupError(f"no sales in {month}")
    banner = f"""Revenue for {month}:
{len(rows)} products"""
    print(banner)
    span.set_attribute("business.outcome", "success")
    return rows
