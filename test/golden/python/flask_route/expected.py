from flask import Flask, abort, jsonify, request
from opentelemetry import trace

tracer = trace.get_tracer(__name__)

app = Flask(__name__)

CUSTOMERS = {"c-1": {"id": "c-1", "tier": "gold"}}


def load_customer(customer_id):
    return CUSTOMERS.get(customer_id)


@app.route("/customers/<customer_id>", methods=["GET"])
@tracer.start_as_current_span("shop.show_customer")
def show_customer(customer_id):
    span = trace.get_current_span()
    span.set_attribute("service.operation", "show_customer")
    span.set_attribute("business.entity_id", str(customer_id))
    customer = load_customer(customer_id)
    if customer is None:
        abort(404)
    result = jsonify(customer)
    span.set_attribute("business.outcome", "success")
    return result


@app.post("/customers/<customer_id>/tier")
@tracer.start_as_current_span("shop.change_tier")
def change_tier(customer_id):
    span = trace.get_current_span()
    span.set_attribute("service.operation", "change_tier")
    span.set_attribute("business.entity_id", str(customer_id))
    customer = load_customer(customer_id)
    if customer is None:
        abort(404)
    customer["tier"] = request.get_json()["tier"]
    result = jsonify(customer), 200
    span.set_attribute("business.outcome", "success")
    return result
