import asyncio

from opentelemetry import metrics

meter = metrics.get_meter(__name__)
published = meter.create_counter("shop.events.published", unit="{event}")

jobs: asyncio.Queue[str] = asyncio.Queue()


async def publish(event: str) -> None:
    await jobs.put(event)
    published.add(1)


async def next_event() -> str:
    return await jobs.get()
