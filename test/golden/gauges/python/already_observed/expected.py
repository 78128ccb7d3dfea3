import queue

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation

_WORKERS: "list[Worker]" = []


class Worker:
    def __init__(self) -> None:
        self.jobs: "queue.Queue[str]" = queue.Queue()
        _WORKERS.append(self)


def _depth(_options: CallbackOptions) -> list[Observation]:
    return [Observation(sum(w.jobs.qsize() for w in _WORKERS))]


metrics.get_meter(__name__).create_observable_gauge(
    "shop.workers.queue_depth", callbacks=[_depth], unit="{item}"
)
