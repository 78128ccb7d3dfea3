"""Streaming exports."""

import csv
import io


def export_rows(db, table: str):
    """Yield CSV lines for every row of a table."""
    cursor = db.execute(f"SELECT * FROM {table}")
    for row in cursor:
        buffer = io.StringIO()
        csv.writer(buffer).writerow(row)
        yield buffer.getvalue()


async def stream_events(client, topic: str):
    async for message in client.subscribe(topic):
        if message is None:
            raise RuntimeError("subscription closed")
        yield message


def count_rows(db, table: str) -> int:
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
