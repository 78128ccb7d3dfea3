import asyncio

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Observation

meter = metrics.get_meter(__name__)
published = meter.create_counter("shop.events.published", unit="{event}")

jobs: asyncio.Queue[str] = asyncio.Queue()


# queue_depth: the depth of jobs, read at each metrics collection.
def _observe_queue_depth(_options: CallbackOptions) -> list[Observation]:
    return [Observation(jobs.qsize())]


meter.create_observable_gauge(
    "shop.events.queue_depth",
    callbacks=[_observe_queue_depth],
    unit="{item}",
    description="Items in jobs.",
)


async def publish(event: str) -> None:
    await jobs.put(event)
    published.add(1)


async def next_event() -> str:
    return await jobs.get()
