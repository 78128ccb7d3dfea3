"""Clients for the delivery providers. The email API is called synchronously; the SMS client is async
because bulk sends fan out to hundreds of numbers at once."""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from typing import Protocol


class ProviderError(Exception):
    """The provider rejected the message or could not be reached."""

    def __init__(self, message: str, *, retryable: bool) -> None:
        super().__init__(message)
        self.retryable = retryable


class EmailProvider(Protocol):
    def send(self, to: str, subject: str, body: str) -> str:
        """Send one email and return the provider's message id."""
        ...


class SmsProvider(Protocol):
    async def send(self, to: str, text: str) -> str:
        """Send one SMS and return the provider's message id."""
        ...


def _post_json(url: str, api_key: str, payload: dict, timeout: float) -> dict:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Authorization": f"Bearer {api_key}", "Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)
    except urllib.error.HTTPError as exc:
        # 4xx means the message itself is bad (invalid address, blocked number): retrying will not help.
        raise ProviderError(f"{url} returned {exc.code}", retryable=exc.code >= 500) from exc
    except (urllib.error.URLError, TimeoutError) as exc:
        raise ProviderError(f"{url} unreachable: {exc}", retryable=True) from exc


class HttpEmailProvider:
    def __init__(self, base_url: str, api_key: str, timeout: float = 5.0) -> None:
        self._url = base_url.rstrip("/") + "/v3/mail/send"
        self._api_key = api_key
        self._timeout = timeout

    def send(self, to: str, subject: str, body: str) -> str:
        reply = _post_json(self._url, self._api_key, {"to": to, "subject": subject, "text": body}, self._timeout)
        return str(reply["message_id"])


class HttpSmsProvider:
    def __init__(self, base_url: str, api_key: str, timeout: float = 5.0) -> None:
        self._url = base_url.rstrip("/") + "/v1/messages"
        self._api_key = api_key
        self._timeout = timeout

    async def send(self, to: str, text: str) -> str:
        # urllib blocks; run it off the event loop rather than pull in an async HTTP dependency.
        reply = await asyncio.to_thread(_post_json, self._url, self._api_key, {"to": to, "body": text}, self._timeout)
        return str(reply["sid"])
