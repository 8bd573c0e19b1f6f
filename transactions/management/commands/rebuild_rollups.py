"""Rebuild the monthly roll-ups from the counts, or check that they equal them."""

import time

from django.core.management.base import BaseCommand, CommandError

from transactions import rollups
from transactions.models import DataVersion


class Command(BaseCommand):
    help = (
        "Recompute the monthly roll-ups (the counts summed per month and channel, and per "
        "agency, sector or both) from the counts, in one transaction; readers see the previous "
        "roll-ups until it commits. Run it after writing counts by any other way than the API, "
        "the admin, import_counts or seed_demo (COPY, SQL by hand, a restored dump). With "
        "--check, change nothing: compare the roll-ups with the counts and exit 1 when they "
        "differ."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help=(
                "Change nothing: compare the roll-ups with a GROUP BY over the counts, and "
                "exit 1 if they differ."
            ),
        )

    def handle(self, *args, check: bool, **options):
        started = time.monotonic()
        if check:
            self._check(started)
            return
        written = rollups.rebuild()
        # Cached figures were computed from the previous roll-ups.
        DataVersion.bump()
        elapsed = time.monotonic() - started
        sizes = ", ".join(
            f"{model._meta.verbose_name_plural}: {rows:,}" for model, rows in written.items()
        )
        self.stdout.write(f"Rebuilt the monthly roll-ups in {elapsed:.2f} s ({sizes} rows).")

    def _check(self, started: float) -> None:
        differences = rollups.compare()
        elapsed = time.monotonic() - started
        if not differences:
            self.stdout.write(
                f"The monthly roll-ups equal the counts (checked in {elapsed:.2f} s)."
            )
            return
        for difference in differences:
            name = difference.level.model._meta.verbose_name_plural
            self.stderr.write(
                f"{name}: {difference.wrong:,} row(s) without an equal sum of counts, "
                f"{difference.missing:,} sum(s) of counts without an equal row"
            )
            columns = (*difference.level.keys, "count", "rows")
            for side, *values in difference.examples:
                label = "roll-up row" if side == "rollup" else "sum of counts"
                shown = ", ".join(f"{c} {v}" for c, v in zip(columns, values, strict=True))
                self.stderr.write(f"  {label}: {shown}")
        raise CommandError(
            "The monthly roll-ups differ from the counts. "
            "Run `python manage.py rebuild_rollups` to rebuild them.",
            returncode=1,
        )
