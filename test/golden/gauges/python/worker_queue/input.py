"""A worker that processes jobs from an in-process queue."""

import queue
from dataclasses import dataclass


@dataclass
class Job:
    id: str


class Worker:
    def __init__(self, size: int) -> None:
        self.size = size
        self.jobs: queue.Queue[Job] = queue.Queue(maxsize=size)

    def submit(self, job: Job) -> None:
        self.jobs.put_nowait(job)

    def take(self) -> Job:
        return self.jobs.get_nowait()
