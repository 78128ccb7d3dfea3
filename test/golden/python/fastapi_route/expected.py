from fastapi import FastAPI, HTTPException
from opentelemetry import trace

tracer = trace.get_tracer(__name__)

app = FastAPI()

ORDERS: dict[str, dict] = {}


class Repository:
    def load(self, order_id: str) -> dict | None:
        return ORDERS.get(order_id)


repository = Repository()


@app.get("/orders/{order_id}")
@tracer.start_as_current_span("shop.get_order")
async def get_order(order_id: str, verbose: bool = False) -> dict:
    span = trace.get_current_span()
    span.set_attribute("service.operation", "get_order")
    span.set_attribute("business.entity_id", order_id)
    order = repository.load(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    result: dict = order if verbose else {"id": order["id"]}
    span.set_attribute("business.outcome", "success")
    return result


@app.post("/orders/{order_id}/cancel", status_code=202)
@tracer.start_as_current_span("shop.cancel_order")
def cancel_order(order_id: str) -> dict:
    span = trace.get_current_span()
    span.set_attribute("service.operation", "cancel_order")
    span.set_attribute("business.entity_id", order_id)
    order = repository.load(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    order["status"] = "cancelled"
    span.set_attribute("business.outcome", "success")
    return {"id": order_id, "status": "cancelled"}
