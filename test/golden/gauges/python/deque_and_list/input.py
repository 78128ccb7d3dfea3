from collections import deque
from typing import Deque


class Mailer:
    """Sends mail in the background, retrying failures later."""

    def __init__(self) -> None:
        self.outbox: Deque[str] = deque()
        self.retries: list[str] = []  # failed sends, oldest first

    def send(self, message: str) -> None:
        self.outbox.append(message)

    def flush(self) -> int:
        sent = 0
        while self.outbox:
            message = self.outbox.popleft()
            if message.startswith("!"):
                self.retries.append(message)
            else:
                sent += 1
        return sent
