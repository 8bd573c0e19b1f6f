"""Create an API key and print it: the key is shown this once, only its hash is kept."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from egov_api.keys.models import ApiKey
from services.models import Agency


class Command(BaseCommand):
    help = (
        "Create an API key for one agency (--agency CODE) or ministry-wide (--ministry). "
        "The key is printed alone on the last line of output."
    )

    def add_arguments(self, parser):
        scope = parser.add_mutually_exclusive_group(required=True)
        scope.add_argument("--agency", metavar="CODE", help="Code of the agency the key writes.")
        scope.add_argument(
            "--ministry",
            action="store_true",
            help="A ministry-wide key: every agency's counts and the catalogue.",
        )
        parser.add_argument("--name", required=True, help="What the key is for (50 characters).")
        parser.add_argument(
            "--expires-in-days",
            type=int,
            metavar="DAYS",
            help="Make the key expire after this many days (default: never).",
        )

    def handle(self, *args, agency, ministry, name, expires_in_days, **options):
        name = name.strip()
        if not name or len(name) > 50:
            raise CommandError("--name must be 1 to 50 characters.")
        owner = None
        if agency:
            owner = Agency.objects.filter(code=agency).first()
            if owner is None:
                raise CommandError(f"No agency with code {agency!r}.")
        expiry = None
        if expires_in_days is not None:
            if expires_in_days <= 0:
                raise CommandError("--expires-in-days must be positive.")
            expiry = timezone.now() + datetime.timedelta(days=expires_in_days)
        api_key, key = ApiKey.objects.create_key(
            name=name, agency=owner, is_ministry=bool(ministry), expiry_date=expiry
        )
        scope = "ministry-wide" if ministry else f"agency {owner.code}"
        self.stdout.write(
            f"Created API key {api_key.prefix} ({scope}, name {name!r}"
            + (f", expires {expiry:%Y-%m-%d %H:%M %Z}" if expiry else "")
            + "). Store it now; it cannot be shown again:"
        )
        self.stdout.write(key)
