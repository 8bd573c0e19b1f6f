"""Writes of one count: POST, PATCH and DELETE, through the same path as bulk requests."""

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov_api.errors import FieldError, InvalidInput, NotFound, NotPermitted
from services.models import Service

from ..models import CountAction, SubmissionSource, TransactionCount
from .apply import Report, Writer, record_submission, submit_counts, with_retries, write_history
from .rows import RawRow, row_from_mapping


def submit_count(data, *, writer: Writer) -> Report:
    """Write one count from a JSON object (insert or replace); return the report."""
    if not isinstance(data, dict):
        raise InvalidInput(
            _("Send one JSON object with service, channel, period and count."),
            code="invalid_body",
        )
    return submit_counts(
        [row_from_mapping(1, data)], writer=writer, source=SubmissionSource.API, numbered=False
    )


def _count_or_404(count_id: int, *fields: str) -> dict:
    row = TransactionCount.objects.filter(pk=count_id).values(*fields).first()
    if row is None:
        raise NotFound(_("No count with id %(id)s.") % {"id": count_id})
    return row


def _locked_count(count_id: int) -> dict:
    """Return the count's columns (404 when there is none) once its service is locked.

    The service is locked first, as every write locks it: no other write of that service's
    counts can then run until the transaction ends.
    """
    service_id = _count_or_404(count_id, "service_id")["service_id"]
    services = Service.objects.filter(pk=service_id)
    if connection.features.has_select_for_update:
        services = services.select_for_update(no_key=True)
    agency_id = services.values_list("agency_id", flat=True).get()
    row = _count_or_404(
        count_id,
        "id",
        "service_id",
        "service__code",
        "channel_id",
        "channel__code",
        "period",
        "count",
    )
    return {**row, "agency_id": agency_id}


def update_count(count_id: int, *, data, writer: Writer) -> Report:
    """Give an existing count the value in `data["count"]`, checked and recorded as a POST is.

    The count's service, channel and month cannot change: `data` may repeat them, not alter them.
    """
    if not isinstance(data, dict):
        raise InvalidInput(_('Send a JSON object such as {"count": 1250}.'), code="invalid_body")

    def work():
        with transaction.atomic():
            row = _locked_count(count_id)
            current = {
                "service": row["service__code"],
                "channel": row["channel__code"],
                "period": f"{row['period']:%Y-%m}",
            }
            errors = [
                FieldError(
                    field, _("Cannot be changed: delete the count and post a new one."), "read_only"
                )
                for field, value in current.items()
                if field in data and data[field] != value
            ]
            if "count" not in data:
                errors.append(FieldError("count", _("Enter the new count."), "required"))
            if errors:
                raise InvalidInput(
                    _("Only the count can change, not its service, channel or month."),
                    errors=errors,
                )
            raw = RawRow(1, *current.values(), data["count"])
            return submit_counts([raw], writer=writer, source=SubmissionSource.API, numbered=False)

    return with_retries(work)


def delete_count(count_id: int, *, writer: Writer) -> Report:
    """Delete a count, keeping its last value in the history; return the report."""

    def work():
        with transaction.atomic():
            row = _locked_count(count_id)
            if not writer.may_write(row["agency_id"]):
                raise NotPermitted(_("This key may not write counts of another agency's services."))
            now = timezone.now()
            submission = record_submission(
                writer, source=SubmissionSource.API, note="", now=now, rows=1, deleted=1
            )
            # The queryset's delete takes the count out of the monthly roll-ups as well.
            TransactionCount.objects.filter(pk=count_id).delete()
            write_history(
                [
                    (
                        row["id"],
                        row["service_id"],
                        row["channel_id"],
                        row["period"],
                        row["count"],
                        None,
                        CountAction.DELETE.value,
                    )
                ],
                writer=writer,
                submission=submission,
                now=now,
            )
            return Report(
                submission=submission.pk, rows=1, created=0, updated=0, unchanged=0, deleted=1
            )

    return with_retries(work)
