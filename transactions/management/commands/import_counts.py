"""Import one agency's monthly counts from a CSV file, through the bulk endpoint's write path."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from egov_api.api.problems import domain_problem, problem
from egov_api.errors import DomainError
from services.models import Agency
from transactions.models import SubmissionSource
from transactions.writes import Writer, decode_csv, rows_from_csv, submit_counts


class Command(BaseCommand):
    help = (
        "Import counts from a CSV file with the header service,channel,period,count, all or "
        "nothing, checked exactly as POST /api/v1/transactions/bulk/ checks them. Prints the "
        "same report (JSON); on refusal prints the same problem document and exits 1."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--agency",
            required=True,
            metavar="CODE",
            help="The agency whose counts the file holds; rows of other agencies are refused.",
        )

    def handle(self, *args, file: Path, agency: str, **options):
        owner = Agency.objects.filter(code=agency).first()
        if owner is None:
            raise CommandError(f"No agency with code {agency!r}.")
        try:
            size = file.stat().st_size
            if size > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                self._refuse(
                    problem(
                        413,
                        detail=f"The file exceeds the size limit of "
                        f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes.",
                        code="request_too_large",
                    )
                )
            body = file.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror or exc}") from exc
        try:
            rows = rows_from_csv(decode_csv(body))
            report = submit_counts(
                rows,
                writer=Writer(agency_id=owner.pk),
                source=SubmissionSource.FILE,
                note=file.name,
            )
        except DomainError as exc:
            self._refuse(domain_problem(exc))
        self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False))

    def _refuse(self, body):
        self.stderr.write(json.dumps(body, ensure_ascii=False, indent=2))
        raise CommandError(body["detail"], returncode=1)
