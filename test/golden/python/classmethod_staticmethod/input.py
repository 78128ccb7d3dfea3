"""Exchange rates."""

import json
import urllib.request

RATES_URL = "https://rates.example/latest.json"


class RateTable:
    def __init__(self, rates: dict[str, float]) -> None:
        self.rates = rates

    @classmethod
    def load(cls, url: str = RATES_URL) -> "RateTable":
        with urllib.request.urlopen(url, timeout=5) as response:
            payload = json.load(response)
        return cls(payload["rates"])

    @staticmethod
    def save_snapshot(path: str, rates: dict[str, float]) -> int:
        with open(path, "w", encoding="utf-8") as handle:
            written = handle.write(json.dumps(rates, sort_keys=True))
        if written == 0:
            raise OSError("nothing written")
        return written
