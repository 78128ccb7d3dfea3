from __future__ import annotations

import pytest

from notifications.app import create_app


@pytest.fixture
def client(service):
    return create_app(service).test_client()


def test_email_roundtrip(client):
    created = client.post(
        "/notifications/email",
        json={
            "user_id": "u1",
            "email": "ada@example.com",
            "template": "order_confirmation",
            "context": {"name": "Ada"},
        },
    )
    assert created.status_code == 201
    notification_id = created.get_json()["id"]

    fetched = client.get(f"/notifications/{notification_id}")
    assert fetched.status_code == 200
    assert fetched.get_json()["status"] == "sent"


def test_sms_endpoint(client):
    response = client.post(
        "/notifications/sms",
        json={"user_id": "u2", "phone": "+4915112345678", "template": "shipping_update", "context": {}},
    )
    assert response.status_code == 201
    assert response.get_json()["channel"] == "sms"


@pytest.mark.parametrize(
    ("path", "body", "status", "error"),
    [
        ("/notifications/email", {"user_id": "u1", "template": "order_confirmation"}, 400, "BadRequestError"),
        (
            "/notifications/email",
            {"user_id": "u1", "email": "nope", "template": "order_confirmation"},
            422,
            "InvalidRecipientError",
        ),
        ("/notifications/email", {"user_id": "u1", "email": "a@b.co", "template": "nope"}, 422, "UnknownTemplateError"),
        (
            "/notifications/sms",
            {"user_id": "u1", "phone": "+4915100000000", "template": "shipping_update"},
            502,
            "DeliveryError",
        ),
    ],
)
def test_errors_map_to_status_codes(client, path, body, status, error):
    response = client.post(path, json=body)
    assert response.status_code == status
    assert response.get_json()["error"] == error


def test_unknown_notification_is_404(client):
    response = client.get("/notifications/ntf_missing")
    assert response.status_code == 404
    assert response.get_json()["error"] == "NotificationNotFoundError"
