"""Orders router: app/api.py mounts it under /api, and app/main.py mounts that under /v1."""

from fastapi import APIRouter, HTTPException, Request

router = APIRouter(prefix="/orders", tags=["orders"])

ORDERS: dict[str, dict[str, str]] = {"o-1": {"id": "o-1", "status": "open"}}


@router.get("/{order_id}")
async def get_order(order_id: str) -> dict[str, str]:
    order = ORDERS.get(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    return order


@router.post("/{order_id}/cancel", status_code=202)
def cancel_order(order_id: str) -> dict[str, str]:
    order = ORDERS[order_id]
    order["status"] = "cancelled"
    return order


@router.api_route("/{order_id}/touch", methods=["GET", "POST"])
async def touch_order(order_id: str, request: Request) -> dict[str, str]:
    return {"id": order_id, "by": request.method}
