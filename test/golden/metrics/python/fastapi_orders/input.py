"""Orders API."""

from fastapi import FastAPI, HTTPException, Request, Response, status
from pydantic import BaseModel

app = FastAPI()

ORDERS: dict[str, dict[str, str]] = {"o-1": {"id": "o-1", "status": "open"}}


@app.get("/orders/{order_id}")
async def get_order(order_id: str, verbose: bool = False) -> dict[str, str]:
    """Returns one order."""
    order = ORDERS.get(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    return order if verbose else {"id": order["id"]}


@app.post("/orders/{order_id}/cancel", status_code=status.HTTP_202_ACCEPTED)
def cancel_order(order_id: str) -> dict[str, str]:
    order = ORDERS[order_id]
    order["status"] = "cancelled"
    return {"id": order_id, "status": "cancelled"}


@app.delete("/orders/{order_id}")
def delete_order(order_id: str) -> Response:
    note = """deleted:
  order
"""
    if ORDERS.pop(order_id, None) is None:
        return Response(status_code=404, content=note)
    return Response(status_code=204)


@app.put("/orders/{order_id}")
def put_order(order_id: str, response: Response) -> dict[str, str]:
    if order_id not in ORDERS:
        response.status_code = status.HTTP_201_CREATED
    ORDERS[order_id] = {"id": order_id, "status": "open"}
    return ORDERS[order_id]


class Health(BaseModel):
    status_code: int = 0


@app.get("/health")
def health() -> Health:
    return Health()


@app.api_route("/orders/{order_id}/touch", methods=["GET", "POST"])
async def touch_order(order_id: str, request: Request) -> dict[str, str]:
    return {"id": order_id, "by": request.method}
