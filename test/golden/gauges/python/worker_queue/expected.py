"""A worker that processes jobs from an in-process queue."""

import queue
import weakref
from dataclasses import dataclass

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation


@dataclass
class Job:
    id: str


class Worker:
    def __init__(self, size: int) -> None:
        self.size = size
        self.jobs: queue.Queue[Job] = queue.Queue(maxsize=size)
        _QUEUE_DEPTH_SOURCES.add(self)

    def submit(self, job: Job) -> None:
        self.jobs.put_nowait(job)

    def take(self) -> Job:
        return self.jobs.get_nowait()


# queue_depth: self.jobs of every live Worker, summed, read at each metrics collection.
# One gauge per module: the SDK keeps the first instrument of a name, so instances join a weak set.
_QUEUE_DEPTH_SOURCES: "weakref.WeakSet[Worker]" = weakref.WeakSet()


def _observe_queue_depth(_options: CallbackOptions) -> list[Observation]:
    depth = sum(worker.jobs.qsize() for worker in list(_QUEUE_DEPTH_SOURCES))
    return [Observation(depth)]


metrics.get_meter(__name__).create_observable_gauge(
    "shop.workers.queue_depth",
    callbacks=[_observe_queue_depth],
    unit="{item}",
    description="Items in self.jobs, summed over live Worker instances.",
)
