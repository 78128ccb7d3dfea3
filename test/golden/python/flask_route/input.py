from flask import Flask, abort, jsonify, request

app = Flask(__name__)

CUSTOMERS = {"c-1": {"id": "c-1", "tier": "gold"}}


def load_customer(customer_id):
    return CUSTOMERS.get(customer_id)


@app.route("/customers/<customer_id>", methods=["GET"])
def show_customer(customer_id):
    customer = load_customer(customer_id)
    if customer is None:
        abort(404)
    return jsonify(customer)


@app.post("/customers/<customer_id>/tier")
def change_tier(customer_id):
    customer = load_customer(customer_id)
    if customer is None:
        abort(404)
    customer["tier"] = request.get_json()["tier"]
    return jsonify(customer), 200
