"""Reports rendered from SQL."""

import sqlite3


def monthly_revenue(db: sqlite3.Connection, month: str) -> list[tuple[str, int]]:
    """Revenue per product for one month.

    The query is kept verbatim: its indentation is part of what the DBA reviews.
    """
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
    return rows
