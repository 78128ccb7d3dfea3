import queue


class Backlog:
    def __init__(self) -> None:
        self.items: list[str] = []


pending: "queue.Queue[str] | None" = None


def setup() -> None:
    global pending
    pending = queue.Queue()


class Dispatcher:
    jobs: "queue.Queue[str]"

    def __init__(self, jobs: "queue.Queue[str]") -> None:
        self.backlog = Backlog()
        self._jobs = jobs

    def dispatch(self, job: str, other: "Dispatcher") -> None:
        other.jobs = self._jobs
        self.backlog.items.append(job)
