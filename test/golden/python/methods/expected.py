"""Order service."""

from dataclasses import dataclass, field

from opentelemetry import trace

tracer = trace.get_tracer(__name__)


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

    @tracer.start_as_current_span("shop.place_order")
    def place_order(self, order_id: str, items: list[str]) -> Order:
        """Store a new order; rejects empty ones."""
        span = trace.get_current_span()
        span.set_attribute("service.operation", "place_order")
        span.set_attribute("business.entity_id", order_id)
        if not items:
            raise ValueError("an order needs at least one item")
        order = Order(order_id, list(items))
        self._repository.save(order)
        span.set_attribute("business.outcome", "success")
        return order

    @tracer.start_as_current_span("shop.cancel_order")
    def cancel_order(self, order_id: str) -> bool:
        span = trace.get_current_span()
        span.set_attribute("service.operation", "cancel_order")
        span.set_attribute("business.entity_id", order_id)
        order = self._repository.get(order_id)
        if order is None:
            raise OrderNotFound(order_id)
        if order.status == "cancelled":
            span.set_attribute("business.outcome", "success")
            return False
        self._payments.refund(order_id)
        order.status = "cancelled"
        self._repository.save(order)
        span.set_attribute("business.outcome", "success")
        return True
