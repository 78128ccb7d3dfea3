"""Inventory reservations."""

import logging

import requests
from opentelemetry import trace

tracer = trace.get_tracer(__name__)

logger = logging.getLogger(__name__)

STOCK_URL = "http://stock.internal/reservations"


class OutOfStock(Exception):
    """Not enough units left to reserve."""


@tracer.start_as_current_span("shop.reserve_stock")
def reserve_stock(sku: str, quantity: int) -> str:
    """Reserve units of a SKU and return the reservation id."""
    span = trace.get_current_span()
    span.set_attribute("service.operation", "reserve_stock")
    span.set_attribute("business.entity_id", sku)
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    response = requests.post(STOCK_URL, json={"sku": sku, "quantity": quantity}, timeout=5)
    if response.status_code == 409:
        raise OutOfStock(sku)
    response.raise_for_status()
    logger.info("reserved %d of %s", quantity, sku)
    result: str = response.json()["reservation_id"]
    span.set_attribute("business.outcome", "success")
    return result


@tracer.start_as_current_span("shop.release_stock")
def release_stock(reservation_id: str) -> None:
    span = trace.get_current_span()
    span.set_attribute("service.operation", "release_stock")
    span.set_attribute("business.entity_id", reservation_id)
    response = requests.delete(f"{STOCK_URL}/{reservation_id}", timeout=5)
    response.raise_for_status()
    span.set_attribute("business.outcome", "success")
