"""Shipping quotes from the carrier API."""

import asyncio

from opentelemetry import trace

tracer = trace.get_tracer(__name__)

CARRIER_URL = "https://carrier.example/quotes"


class QuoteUnavailable(Exception):
    pass


@tracer.start_as_current_span("shop.fetch_quote")
async def fetch_quote(client, parcel_id: str, weight_grams: int) -> float:
    """Ask the carrier for a price; retries once on a timeout."""
    span = trace.get_current_span()
    span.set_attribute("service.operation", "fetch_quote")
    span.set_attribute("business.entity_id", parcel_id)
    for attempt in range(2):
        try:
            response = await client.post(CARRIER_URL, json={"parcel": parcel_id, "grams": weight_grams})
        except asyncio.TimeoutError:
            if attempt == 1:
                raise
            await asyncio.sleep(0.01)
            continue
        if response.status_code == 404:
            raise QuoteUnavailable(parcel_id)
        result: float = response.json()["price"]
        span.set_attribute("business.outcome", "success")
        return result
    raise QuoteUnavailable(parcel_id)
