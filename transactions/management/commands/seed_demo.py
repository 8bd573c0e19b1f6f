"""Load the demo catalogue and monthly counts that reproduce the ministry's press report."""

import random
import time

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count, Sum

from services.models import Agency, Channel, Service
from transactions import rollups
from transactions.demo.catalogue import (
    AGENCIES,
    CHANNELS,
    LAST_JANUARY,
    THIS_JANUARY,
)
from transactions.demo.counts import generate_counts
from transactions.demo.service_specs import ServiceSpec, build_services
from transactions.models import DataVersion, TransactionCount

# Fixed seeds: the demo data is the same on every run and every machine.
SERVICE_SEED = 437
COUNT_SEED = 2_900_000
BATCH_SIZE = 2000


def load_agencies() -> dict[str, int]:
    """Upsert the demo agencies; return their ids by code."""
    ids: dict[str, int] = {}
    for agency in AGENCIES:
        obj, _ = Agency.objects.update_or_create(
            code=agency.code,
            defaults={
                "name_en": agency.name_en,
                "name_ar": agency.name_ar,
                "kind": agency.kind,
                "website": agency.website,
                "parent_id": ids[agency.parent] if agency.parent else None,
                "is_active": True,
            },
        )
        ids[agency.code] = obj.pk
    return ids


def load_channels() -> dict[str, int]:
    """Upsert the demo channels; return their ids by code."""
    ids = {}
    for channel in CHANNELS:
        obj, _ = Channel.objects.update_or_create(
            code=channel.code,
            defaults={
                "name_en": channel.name_en,
                "name_ar": channel.name_ar,
                "is_electronic": channel.is_electronic,
            },
        )
        ids[channel.code] = obj.pk
    return ids


def load_services(
    specs: list[ServiceSpec], agency_ids: dict[str, int], channel_ids: dict[str, int]
) -> dict[str, int]:
    """Upsert the demo services and link them to their channels; return their ids by code."""
    Service.objects.bulk_create(
        [
            Service(
                code=spec.code,
                agency_id=agency_ids[spec.agency],
                name_en=spec.name_en,
                name_ar=spec.name_ar,
                sector=spec.sector,
                electronic_since=spec.electronic_since,
                retired_on=spec.retired_on,
            )
            for spec in specs
        ],
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["agency", "name_en", "name_ar", "sector", "electronic_since", "retired_on"],
    )
    # Ids are read back because not every database returns them from an upsert.
    ids = dict(
        Service.objects.filter(code__in=[spec.code for spec in specs]).values_list("code", "id")
    )
    link = Service.channels.through
    link.objects.bulk_create(
        [
            link(service_id=ids[spec.code], channel_id=channel_ids[channel])
            for spec in specs
            for channel in spec.channels
        ],
        batch_size=BATCH_SIZE,
        ignore_conflicts=True,
    )
    return ids


def load_counts(counts: dict, service_ids: dict[str, int], channel_ids: dict[str, int]):
    """Upsert the counts that are missing or differ; return (rows written, rows unchanged)."""
    stored = {
        (service, channel, period): value
        for service, channel, period, value in TransactionCount.objects.filter(
            service_id__in=service_ids.values()
        ).values_list("service_id", "channel_id", "period", "count")
    }
    rows = []
    for (service, channel, period), value in counts.items():
        key = (service_ids[service], channel_ids[channel], period)
        if stored.get(key) != value:
            rows.append(
                TransactionCount(service_id=key[0], channel_id=key[1], period=period, count=value)
            )
    # Writing only what differs keeps `updated_at` meaningful and makes a rerun cheap; the
    # upsert still leaves a row that appeared meanwhile with the demo value, under its own id.
    TransactionCount.objects.bulk_create(
        rows,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["service", "channel", "period"],
        update_fields=["count", "updated_at"],
    )
    return len(rows), len(counts) - len(rows)


def figures() -> dict:
    """Return the press report's figures as computed back from the database."""
    counts = TransactionCount.objects

    def electronic_in(month):
        total = counts.filter(period=month, channel__is_electronic=True).aggregate(n=Sum("count"))
        return int(total["n"] or 0)

    all_this = counts.filter(period=THIS_JANUARY).aggregate(n=Sum("count"))["n"] or 0
    top_by_transactions = (
        counts.filter(period=THIS_JANUARY, channel__is_electronic=True)
        .values("service__agency__code", "service__agency__name_en")
        .annotate(n=Sum("count"))
        .order_by("-n", "service__agency__code")
        .first()
    )
    top_by_services = (
        Service.objects.electronic_on(THIS_JANUARY)
        .values("agency__code", "agency__name_en")
        .annotate(n=Count("id"))
        .order_by("-n", "agency__code")
        .first()
    )
    return {
        "electronic_this": electronic_in(THIS_JANUARY),
        "electronic_last": electronic_in(LAST_JANUARY),
        "all_this": int(all_this),
        "services_this": Service.objects.electronic_on(THIS_JANUARY).count(),
        "services_last": Service.objects.electronic_on(LAST_JANUARY).count(),
        "top_by_transactions": top_by_transactions,
        "top_by_services": top_by_services,
    }


class Command(BaseCommand):
    help = (
        "Load the demo agencies, channels, services and monthly counts (2019-01 to 2022-12) "
        "that reproduce the ministry's January 2022 figures. Running it again leaves the same "
        "rows with the same ids and values."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        specs = build_services(random.Random(SERVICE_SEED))
        counts = generate_counts(specs, random.Random(COUNT_SEED))
        with transaction.atomic():
            agency_ids = load_agencies()
            channel_ids = load_channels()
            service_ids = load_services(specs, agency_ids, channel_ids)
            written, unchanged = load_counts(counts, service_ids, channel_ids)
            # Bulk upserts bypass the write path, and the service upsert may have moved
            # services (and their counts) between agencies or sectors: sum everything again.
            rollups.rebuild()
            # Bulk upserts send no signals: tell readers and caches the data changed.
            DataVersion.bump()
        elapsed = time.monotonic() - started
        if options["verbosity"] < 1:
            return
        f = figures()
        this, last = f"{THIS_JANUARY:%Y-%m}", f"{LAST_JANUARY:%Y-%m}"
        growth = f["electronic_this"] - f["electronic_last"]
        growth_pct = 100 * growth / f["electronic_last"] if f["electronic_last"] else 0
        share = 100 * f["electronic_this"] / f["all_this"] if f["all_this"] else 0
        lines = [
            f"Loaded {len(agency_ids)} agencies, {len(channel_ids)} channels, "
            f"{len(service_ids)} services and {len(counts):,} monthly counts "
            f"({written:,} written, {unchanged:,} unchanged) in {elapsed:.1f} s.",
            f"Electronic transactions {this}: {f['electronic_this']:,} "
            f"({last}: {f['electronic_last']:,}, change {growth:+,}, {growth_pct:+.1f} %).",
            f"All transactions {this}: {f['all_this']:,} (electronic share {share:.1f} %).",
            f"Electronic services {this}: {f['services_this']} "
            f"({last}: {f['services_last']}, change {f['services_this'] - f['services_last']:+}).",
        ]
        if f["top_by_transactions"]:
            top = f["top_by_transactions"]
            lines.append(
                f"Most electronic transactions {this}: {top['service__agency__code']} "
                f"({top['service__agency__name_en']}, {int(top['n']):,})."
            )
        if f["top_by_services"]:
            top = f["top_by_services"]
            lines.append(
                f"Most electronic services {this}: {top['agency__code']} "
                f"({top['agency__name_en']}, {top['n']})."
            )
        self.stdout.write("\n".join(lines))
