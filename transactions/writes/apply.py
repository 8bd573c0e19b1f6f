"""Writes counts: checks, upsert and history in one transaction, with a fixed number of queries.

One path for every writer (one count, a bulk request, a file import): the same checks, the
same rights, the same history.
"""

import logging
import random
import time
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov_api.errors import Conflict, InvalidInput
from egov_api.keys.models import ApiKey

from .. import rollups
from ..models import CountAction, DataVersion, Submission, SubmissionSource
from . import sql
from .checks import Catalogue, CleanRow, check_rows
from .rows import RawRow

logger = logging.getLogger(__name__)

# PostgreSQL's deadlock_detected and serialization_failure: the transaction may simply be rerun.
RETRYABLE_SQLSTATES = {"40P01", "40001"}
ATTEMPTS = 4


@dataclass(frozen=True)
class Writer:
    """Who writes: an API key, a staff user, or a file import scoped to one agency."""

    api_key: ApiKey | None = None
    user: AbstractBaseUser | None = None
    agency_id: int | None = None  # None: every agency

    @classmethod
    def with_key(cls, api_key: ApiKey) -> "Writer":
        """Return the writer holding an API key: its agency's counts, or every agency's."""
        return cls(api_key=api_key, agency_id=None if api_key.is_ministry else api_key.agency_id)

    def may_write(self, agency_id: int) -> bool:
        """Return True when the writer may write counts of that agency's services."""
        return self.agency_id is None or self.agency_id == agency_id


@dataclass(frozen=True)
class Report:
    """What a submission did: its id and how many rows created, changed or left a count."""

    submission: int
    rows: int
    created: int
    updated: int
    unchanged: int
    deleted: int = 0
    count_id: int | None = None  # the count written, for one-row submissions

    def as_dict(self) -> dict:
        """Return the report as the API and `import_counts` show it."""
        return {
            "submission": self.submission,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }


def _retryable(exc: OperationalError) -> bool:
    if getattr(exc.__cause__, "sqlstate", None) in RETRYABLE_SQLSTATES:
        return True
    return connection.vendor == "sqlite" and "locked" in str(exc)


def with_retries(work):
    """Return `work()`, rerun when the database ended it over a deadlock or a lock timeout.

    Inside an enclosing transaction nothing can be rerun, so the error is raised as is.
    """
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return work()
        except OperationalError as exc:
            if connection.in_atomic_block or attempt == ATTEMPTS or not _retryable(exc):
                raise
            logger.warning("count write retried after %s (attempt %d)", exc, attempt)
            time.sleep(random.uniform(0.05, 0.2) * attempt)
        except IntegrityError as exc:
            # Only a catalogue change racing the write gets here (the rows were checked).
            raise Conflict(
                _("The catalogue changed while the counts were written; send them again.")
            ) from exc
    raise AssertionError("unreachable")


def submit_counts(
    rows: list[RawRow],
    *,
    writer: Writer,
    source: str = SubmissionSource.BULK,
    note: str = "",
    numbered: bool = True,
) -> Report:
    """Write the rows all or nothing; return the report.

    Raises InvalidInput, NotPermitted or Conflict, having written nothing. `numbered`: errors
    name rows by number (many rows), or only fields (one count).
    """
    if not rows:
        raise InvalidInput(_("The submission holds no rows."), code="empty")
    return with_retries(
        lambda: _submit(rows, writer=writer, source=source, note=note, numbered=numbered)
    )


def check_counts(rows: list[RawRow], *, writer: Writer, numbered: bool = True) -> None:
    """Raise what `submit_counts` would raise for the rows; write nothing."""
    catalogue = Catalogue.load(rows, lock=False)
    check_rows(
        rows,
        catalogue=catalogue,
        may_write=writer.may_write,
        today=timezone.localdate(),
        numbered=numbered,
    )


def _submit(rows, *, writer, source, note, numbered) -> Report:
    with transaction.atomic():
        catalogue = Catalogue.load(rows, lock=True)
        clean = check_rows(
            rows,
            catalogue=catalogue,
            may_write=writer.may_write,
            today=timezone.localdate(),
            numbered=numbered,
        )
        # Sorted keys: concurrent writers touch rows in the same order, so none waits crosswise.
        clean.sort(key=lambda row: row.key)
        existing = sql.fetch_counts([row.key for row in clean])
        changed = [row for row in clean if existing.get(row.key, (None, None))[1] != row.count]
        created = sum(1 for row in changed if row.key not in existing)
        now = timezone.now()
        submission = record_submission(
            writer,
            source=source,
            note=note,
            now=now,
            rows=len(rows),
            created=created,
            updated=len(changed) - created,
            unchanged=len(clean) - len(changed),
        )
        ids = sql.upsert_counts(
            [(row.service_id, row.channel_id, row.period, row.count) for row in changed], now=now
        )
        rollups.apply_deltas(rollup_deltas(changed, existing=existing, catalogue=catalogue))
        history = []
        for row in changed:
            old = existing.get(row.key)
            action = CountAction.UPDATE if old else CountAction.CREATE
            history.append(
                (ids[row.key], *row.key, old[1] if old else None, row.count, action.value)
            )
        write_history(history, writer=writer, submission=submission, now=now)
    count_id = None
    if len(clean) == 1:
        key = clean[0].key
        count_id = ids[key] if key in ids else existing[key][0]
    return Report(
        submission=submission.pk,
        rows=submission.rows,
        created=submission.created,
        updated=submission.updated,
        unchanged=submission.unchanged,
        count_id=count_id,
    )


def rollup_deltas(
    changed: list[CleanRow], *, existing: dict, catalogue: Catalogue
) -> rollups.Deltas:
    """Return how writing the changed rows moves the monthly roll-ups, summed per roll-up
    key over the request's rows (`existing`: `{key: (id, count)}` before the write)."""
    places = {ref.id: (ref.agency_id, ref.sector) for ref in catalogue.services.values()}
    deltas = rollups.Deltas()
    for row in changed:
        old = existing.get(row.key)
        deltas.add(
            (row.period, *places[row.service_id], row.channel_id),
            count=row.count - (old[1] if old else 0),
            rows=0 if old else 1,
        )
    return deltas


def record_submission(writer: Writer, *, source, note, now, **counts) -> Submission:
    """Return the new Submission of a write, with its row counts."""
    return Submission.objects.create(
        api_key=writer.api_key,
        user=writer.user if writer.user and writer.user.is_authenticated else None,
        source=source,
        note=note[:300],
        created_at=now,
        **counts,
    )


def write_history(entries, *, writer: Writer, submission: Submission, now) -> None:
    """Insert the history entries of a submission in one statement; mark the data changed.

    Every count write ends here, inside its transaction, so the data version moves with it.
    """
    DataVersion.bump()
    sql.insert_history(
        entries,
        api_key_id=writer.api_key.pk if writer.api_key else None,
        user_id=submission.user_id,
        submission_id=submission.pk,
        changed_at=now,
    )
