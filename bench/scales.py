"""The three data set sizes and how hard each one is measured."""

import dataclasses
import datetime


@dataclasses.dataclass(frozen=True)
class Scale:
    """A data set size plus the repetitions and limits used to measure it."""

    name: str
    agencies: int
    services: int
    months: int
    # The newest month of every data set is fixed, not "last month", so that a rerun on a
    # later day generates exactly the same rows.
    last_month: datetime.date
    # Latency: repetitions per endpoint, bounded by a time budget per endpoint and side.
    warmup: int
    repetitions: int
    repetition_seconds: float
    # Throughput of the list endpoint: bounded by a request count and a time limit.
    load_requests: int
    load_seconds: float
    bulk_rows: int

    @property
    def first_month(self) -> datetime.date:
        index = self.last_month.year * 12 + self.last_month.month - 1 - (self.months - 1)
        return datetime.date(index // 12, index % 12 + 1, 1)

    def fingerprint_source(self) -> dict:
        """Return the fields that decide the generated rows (run parameters excluded)."""
        return {
            "name": self.name,
            "agencies": self.agencies,
            "services": self.services,
            "months": self.months,
            "last_month": self.last_month.isoformat(),
        }


LAST_MONTH = datetime.date(2025, 12, 1)

SCALES = {
    "tiny": Scale(
        name="tiny",
        agencies=8,
        services=40,
        months=24,
        last_month=LAST_MONTH,
        warmup=2,
        repetitions=15,
        repetition_seconds=5,
        load_requests=1_500,
        load_seconds=4,
        bulk_rows=2_000,
    ),
    "national": Scale(
        name="national",
        agencies=120,
        services=1_000,
        months=120,
        last_month=LAST_MONTH,
        warmup=3,
        repetitions=30,
        repetition_seconds=15,
        load_requests=20_000,
        load_seconds=15,
        bulk_rows=50_000,
    ),
    "stress": Scale(
        name="stress",
        agencies=200,
        services=20_000,
        months=120,
        last_month=LAST_MONTH,
        warmup=2,
        repetitions=10,
        repetition_seconds=30,
        load_requests=20_000,
        load_seconds=20,
        bulk_rows=50_000,
    ),
}
