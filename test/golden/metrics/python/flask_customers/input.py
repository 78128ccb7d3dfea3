from flask import Flask, abort, jsonify, request

app = Flask(__name__)

CUSTOMERS = {"c-1": {"id": "c-1", "tier": "gold"}}


@app.route("/customers/<customer_id>", methods=["GET"])
def show_customer(customer_id):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        abort(404)
    return jsonify(customer)


@app.post("/customers/<customer_id>/tier")
def change_tier(customer_id):
    customer = CUSTOMERS[customer_id]
    customer["tier"] = request.get_json()["tier"]
    return jsonify(customer), 201


@app.route("/customers", methods=["GET", "POST"])
def customers():
    """Lists customers, or adds one."""
    if request.method == "POST":
        customer = request.get_json()
        CUSTOMERS[customer["id"]] = customer
        return customer, 201, {"Location": "/customers/" + customer["id"]}
    return jsonify(sorted(CUSTOMERS))
