"""HTTP API (Flask). Run with `flask --app notifications.app run`; providers come from the environment."""

from __future__ import annotations

import asyncio
import os

from flask import Flask, jsonify, request

from .formatting import public_view
from .models import BadRequestError, NotificationError
from .providers import HttpEmailProvider, HttpSmsProvider
from .repository import InMemoryNotificationRepository
from .service import NotificationService


def _require(payload: dict, *fields: str) -> None:
    missing = [f for f in fields if not isinstance(payload.get(f), str) or not payload[f]]
    if missing:
        raise BadRequestError(f"missing or empty fields: {', '.join(missing)}")


def create_app(service: NotificationService | None = None) -> Flask:
    app = Flask(__name__)
    if service is None:
        service = NotificationService(
            email=HttpEmailProvider(os.environ["EMAIL_API_URL"], os.environ["EMAIL_API_KEY"]),
            sms=HttpSmsProvider(os.environ["SMS_API_URL"], os.environ["SMS_API_KEY"]),
            repository=InMemoryNotificationRepository(),
        )

    @app.errorhandler(NotificationError)
    def handle_notification_error(exc: NotificationError):
        return jsonify(error=type(exc).__name__, message=str(exc)), exc.status_code

    @app.post("/notifications/email")
    def send_email():
        payload = request.get_json(silent=True) or {}
        _require(payload, "user_id", "email", "template")
        notification = service.send_email(
            payload["user_id"], payload["email"], payload["template"], payload.get("context") or {}
        )
        return jsonify(public_view(notification)), 201

    @app.post("/notifications/sms")
    def send_sms():
        payload = request.get_json(silent=True) or {}
        _require(payload, "user_id", "phone", "template")
        # The SMS client is async and Flask views here are sync: run the send to completion per request.
        notification = asyncio.run(
            service.send_sms(payload["user_id"], payload["phone"], payload["template"], payload.get("context") or {})
        )
        return jsonify(public_view(notification)), 201

    @app.get("/notifications/<notification_id>")
    def get_notification(notification_id: str):
        return jsonify(public_view(service.get(notification_id)))

    return app
