"""Order service."""

from dataclasses import dataclass, field


class OrderNotFound(LookupError):
    pass


@dataclass
class Order:
    order_id: str
    items: list[str] = field(default_factory=list)
    status: str = "open"


class OrderService:
    def __init__(self, repository, payments):
        self._repository = repository
        self._payments = payments

    def place_order(self, order_id: str, items: list[str]) -> Order:
        """Store a new order; rejects empty ones."""
        if not items:
            raise ValueError("an order needs at least one item")
        order = Order(order_id, list(items))
        self._repository.save(order)
        return order

    def cancel_order(self, order_id: str) -> bool:
        order = self._repository.get(order_id)
        if order is None:
            raise OrderNotFound(order_id)
        if order.status == "cancelled":
            return False
        self._payments.refund(order_id)
        order.status = "cancelled"
        self._repository.save(order)
        return True
