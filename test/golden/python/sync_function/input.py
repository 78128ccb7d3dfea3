"""Inventory reservations."""

import logging

import requests

logger = logging.getLogger(__name__)

STOCK_URL = "http://stock.internal/reservations"


class OutOfStock(Exception):
    """Not enough units left to reserve."""


def reserve_stock(sku: str, quantity: int) -> str:
    """Reserve units of a SKU and return the reservation id."""
    if quantity <= 0:
        raise ValueError("quantity must be positive")
    response = requests.post(STOCK_URL, json={"sku": sku, "quantity": quantity}, timeout=5)
    if response.status_code == 409:
        raise OutOfStock(sku)
    response.raise_for_status()
    logger.info("reserved %d of %s", quantity, sku)
    return response.json()["reservation_id"]


def release_stock(reservation_id: str) -> None:
    response = requests.delete(f"{STOCK_URL}/{reservation_id}", timeout=5)
    response.raise_for_status()
