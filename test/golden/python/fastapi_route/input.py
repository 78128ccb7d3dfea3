from fastapi import FastAPI, HTTPException

app = FastAPI()

ORDERS: dict[str, dict] = {}


class Repository:
    def load(self, order_id: str) -> dict | None:
        return ORDERS.get(order_id)


repository = Repository()


@app.get("/orders/{order_id}")
async def get_order(order_id: str, verbose: bool = False) -> dict:
    order = repository.load(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    return order if verbose else {"id": order["id"]}


@app.post("/orders/{order_id}/cancel", status_code=202)
def cancel_order(order_id: str) -> dict:
    order = repository.load(order_id)
    if order is None:
        raise HTTPException(status_code=404, detail="order not found")
    order["status"] = "cancelled"
    return {"id": order_id, "status": "cancelled"}
