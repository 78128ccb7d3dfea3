"""Customers blueprint. The application factory registers it elsewhere, under a prefix of its own."""

from flask import Blueprint, abort, jsonify, request

bp = Blueprint("customers", __name__, url_prefix="/customers")

CUSTOMERS = {"c-1": {"id": "c-1", "tier": "gold"}}


@bp.get("/<customer_id>")
def show_customer(customer_id):
    customer = CUSTOMERS.get(customer_id)
    if customer is None:
        abort(404)
    return jsonify(customer)


@bp.route("/<customer_id>/tier", methods=["PUT", "PATCH"])
def change_tier(customer_id):
    customer = CUSTOMERS[customer_id]
    customer["tier"] = request.get_json()["tier"]
    return jsonify(customer)


def ping():
    return "pong"


bp.add_url_rule("/ping", view_func=ping)
