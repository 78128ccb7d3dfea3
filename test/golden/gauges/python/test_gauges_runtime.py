"""Runtime check of the gauge goldens' expected output: a real MeterProvider with an in-memory reader;
items are enqueued and dequeued and each collection must report the depth, under the configured name and
unit. One module is imported before the provider is set, as an application importing its modules before
configuring the SDK would: the API's proxy meter hands the gauge over to the SDK."""

import asyncio
import gc
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from opentelemetry import metrics
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

HERE = Path(__file__).resolve().parent


def load(case: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"gauges_{case}", HERE / case / "expected.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


EVENTS = load("module_asyncio_queue")  # before the SDK: the proxy meter path
READER = InMemoryMetricReader()
metrics.set_meter_provider(MeterProvider(metric_readers=[READER]))
WORKERS = load("worker_queue")
MAILER = load("deque_and_list")


def gauge(name: str) -> tuple[int, str]:
    data = READER.get_metrics_data()
    assert data is not None
    found = [
        (point.value, metric.unit)
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
        for metric in scope.metrics
        if metric.name == name
        for point in metric.data.data_points
    ]
    assert len(found) == 1, f"{name}: {found}"
    return found[0]


def test_worker_queue_depth_sums_live_instances() -> None:
    first = WORKERS.Worker(10)
    for i in range(3):
        first.submit(WORKERS.Job(id=str(i)))
    assert gauge("shop.workers.queue_depth") == (3, "{item}")
    first.take()
    assert gauge("shop.workers.queue_depth") == (2, "{item}")
    second = WORKERS.Worker(10)
    second.submit(WORKERS.Job(id="x"))
    assert gauge("shop.workers.queue_depth") == (3, "{item}")
    del second
    gc.collect()
    assert gauge("shop.workers.queue_depth") == (2, "{item}")


def test_deque_and_list_depths() -> None:
    mailer = MAILER.Mailer()
    for message in ["a", "!b", "c", "!d"]:
        mailer.send(message)
    assert gauge("shop.mailer.outbox.depth") == (4, "{item}")
    assert gauge("shop.mailer.retries") == (0, "{item}")
    assert mailer.flush() == 2
    assert gauge("shop.mailer.outbox.depth") == (0, "{item}")
    assert gauge("shop.mailer.retries") == (2, "{item}")


def test_module_level_asyncio_queue() -> None:
    async def scenario() -> None:
        for event in ["e1", "e2", "e3"]:
            await EVENTS.publish(event)
        assert gauge("shop.events.queue_depth") == (3, "{item}")
        assert await EVENTS.next_event() == "e1"
        assert gauge("shop.events.queue_depth") == (2, "{item}")

    asyncio.run(scenario())
