import weakref
from collections import deque
from typing import Deque

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation


class Mailer:
    """Sends mail in the background, retrying failures later."""

    def __init__(self) -> None:
        self.outbox: Deque[str] = deque()
        _OUTBOX_DEPTH_SOURCES.add(self)
        self.retries: list[str] = []  # failed sends, oldest first
        _RETRIES_SOURCES.add(self)

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


# outbox.depth: self.outbox of every live Mailer, summed, read at each metrics collection.
# One gauge per module: the SDK keeps the first instrument of a name, so instances join a weak set.
_OUTBOX_DEPTH_SOURCES: "weakref.WeakSet[Mailer]" = weakref.WeakSet()


def _observe_outbox_depth(_options: CallbackOptions) -> list[Observation]:
    depth = sum(len(mailer.outbox) for mailer in list(_OUTBOX_DEPTH_SOURCES))
    return [Observation(depth)]


metrics.get_meter(__name__).create_observable_gauge(
    "shop.mailer.outbox.depth",
    callbacks=[_observe_outbox_depth],
    unit="{item}",
    description="Items in self.outbox, summed over live Mailer instances.",
)


# retries: self.retries of every live Mailer, summed, read at each metrics collection.
# One gauge per module: the SDK keeps the first instrument of a name, so instances join a weak set.
_RETRIES_SOURCES: "weakref.WeakSet[Mailer]" = weakref.WeakSet()


def _observe_retries(_options: CallbackOptions) -> list[Observation]:
    depth = sum(len(mailer.retries) for mailer in list(_RETRIES_SOURCES))
    return [Observation(depth)]


metrics.get_meter(__name__).create_observable_gauge(
    "shop.mailer.retries",
    callbacks=[_observe_retries],
    unit="{item}",
    description="Items in self.retries, summed over live Mailer instances.",
)
