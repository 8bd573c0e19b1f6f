"""The demo data set: `seed_demo` reproduces the press report's figures, exactly and repeatably.

Every figure is summed here with plain ORM queries, independently of the command's own summary.
"""

import datetime
import io
import random
import re

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q, Sum

from services.models import Agency, AgencyKind, Channel, Sector, Service
from transactions.demo.counts import allocate, generate_counts
from transactions.demo.service_specs import build_services
from transactions.models import TransactionCount

JAN_2022 = datetime.date(2022, 1, 1)
JAN_2021 = datetime.date(2021, 1, 1)
DEMO_MONTHS = [
    datetime.date(year, month, 1) for year in range(2019, 2023) for month in range(1, 13)
]

# The agencies the press report names, as SPEC.md spells them.
SPEC_AGENCIES = {
    "moi": ("Ministry of Interior", "وزارة الداخلية"),
    "customs": ("Jordan Customs", "دائرة الجمارك"),
    "istd": ("Income and Sales Tax Department", "دائرة ضريبة الدخل والمبيعات"),
    "ssc": ("Social Security Corporation", "المؤسسة العامة للضمان الاجتماعي"),
    "mola": ("Ministry of Local Administration", "وزارة الإدارة المحلية"),
    "dvld": ("Drivers and Vehicles Licensing Department", "إدارة ترخيص السواقين والمركبات"),
    "ccd": ("Companies Control Department", "دائرة مراقبة الشركات"),
    "gam": ("Greater Amman Municipality", "أمانة عمّان الكبرى"),
    "dls": ("Department of Lands and Survey", "دائرة الأراضي والمساحة"),
    "moj": ("Ministry of Justice", "وزارة العدل"),
    "mot": ("Ministry of Tourism", "وزارة السياحة"),
    "gid": ("General Intelligence Department", "دائرة المخابرات العامة"),
    "mol": ("Ministry of Labour", "وزارة العمل"),
    "cspd": ("Civil Status Department", "دائرة الأحوال المدنية"),
    "mits": ("Ministry of Industry, Trade and Supply", "وزارة الصناعة والتجارة والتموين"),
    "jic": ("Investment Commission", "هيئة تشجيع الاستثمار"),
    "modee": ("Ministry of Digital Economy and Entrepreneurship", "وزارة الاقتصاد الرقمي والريادة"),
}
ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the module; return the command's output. Removes every row afterwards."""
    output = io.StringIO()
    with django_db_blocker.unblock():
        call_command("seed_demo", stdout=output)
    yield output.getvalue()
    with django_db_blocker.unblock():
        TransactionCount.objects.all().delete()
        Service.objects.all().delete()
        Channel.objects.all().delete()
        # Children first: an agency's parent is protected while it has children.
        Agency.objects.filter(parent__isnull=False).delete()
        Agency.objects.all().delete()


def electronic_sum(month: datetime.date) -> int:
    """Return the sum of the electronic-channel counts of `month`."""
    total = TransactionCount.objects.filter(period=month, channel__is_electronic=True).aggregate(
        total=Sum("count")
    )["total"]
    return int(total or 0)


def electronic_live_on(day: datetime.date):
    """Return the services electronic and live on `day`, filtered by hand."""
    return Service.objects.filter(electronic_since__lte=day).filter(
        Q(retired_on__isnull=True) | Q(retired_on__gt=day)
    )


def count_rows() -> list[tuple]:
    """Return every count as (id, service, channel, period, count), sorted."""
    return sorted(
        TransactionCount.objects.values_list("id", "service_id", "channel_id", "period", "count")
    )


# --- the press report's figures ----------------------------------------------------------------


@pytest.mark.django_db
def test_electronic_transactions_are_2_9_million_in_january_2022(seeded):
    assert electronic_sum(JAN_2022) == 2_900_000


@pytest.mark.django_db
def test_electronic_transactions_are_2_million_in_january_2021(seeded):
    assert electronic_sum(JAN_2021) == 2_000_000


@pytest.mark.django_db
def test_all_transactions_are_3_2_million_in_january_2022(seeded):
    total = TransactionCount.objects.filter(period=JAN_2022).aggregate(total=Sum("count"))
    assert total["total"] == 3_200_000


@pytest.mark.django_db
def test_437_services_are_electronic_in_january_2022_and_375_in_january_2021(seeded):
    assert electronic_live_on(JAN_2022).count() == 437
    assert electronic_live_on(JAN_2021).count() == 375
    assert Service.objects.electronic_on(JAN_2022).count() == 437
    assert Service.objects.electronic_on(JAN_2021).count() == 375


@pytest.mark.django_db
@pytest.mark.parametrize(
    "month",
    [datetime.date(2021, m, 1) for m in range(1, 8)] + [JAN_2022],
    ids=lambda day: f"{day:%Y-%m}",
)
def test_ssc_has_the_most_electronic_transactions(seeded, month):
    rows = (
        TransactionCount.objects.filter(period=month, channel__is_electronic=True)
        .values("service__agency__code")
        .annotate(total=Sum("count"))
    )
    totals = {row["service__agency__code"]: row["total"] for row in rows}
    ssc = totals.pop("ssc")
    assert ssc > max(totals.values())


@pytest.mark.django_db
def test_gam_has_the_most_electronic_services_in_january_2022(seeded):
    rows = electronic_live_on(JAN_2022).values("agency__code").annotate(n=Count("id"))
    per_agency = {row["agency__code"]: row["n"] for row in rows}
    gam = per_agency.pop("gam")
    assert gam > max(per_agency.values())


@pytest.mark.django_db
def test_command_prints_the_figures_it_reads_back(seeded):
    assert "2,900,000" in seeded
    assert "2,000,000" in seeded
    assert "3,200,000" in seeded
    assert "437" in seeded and "375" in seeded
    assert "ssc" in seeded and "gam" in seeded


# --- shape of the data -------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_month_from_2019_to_2022_has_electronic_and_traditional_counts(seeded):
    rows = TransactionCount.objects.values("period").annotate(
        electronic=Sum("count", filter=Q(channel__is_electronic=True)),
        traditional=Sum("count", filter=Q(channel__is_electronic=False)),
    )
    by_month = {row["period"]: row for row in rows}
    assert sorted(by_month) == DEMO_MONTHS
    for month in DEMO_MONTHS:
        assert by_month[month]["electronic"] > 0, month
        assert by_month[month]["traditional"] > 0, month


@pytest.mark.django_db
def test_no_electronic_count_precedes_the_month_its_service_became_electronic(seeded):
    rows = TransactionCount.objects.filter(channel__is_electronic=True).values_list(
        "period", "service__electronic_since"
    )
    early = [
        (period, since) for period, since in rows if since is None or period < since.replace(day=1)
    ]
    assert early == []


@pytest.mark.django_db
def test_no_count_exists_from_the_day_a_service_was_retired(seeded):
    late = TransactionCount.objects.filter(
        service__retired_on__isnull=False, period__gte=F("service__retired_on")
    )
    assert not late.exists()


@pytest.mark.django_db
def test_counts_exist_only_on_channels_the_service_is_offered_on(seeded):
    offered = set(Service.channels.through.objects.values_list("service_id", "channel_id"))
    used = set(TransactionCount.objects.values_list("service_id", "channel_id").distinct())
    assert used <= offered


@pytest.mark.django_db
def test_electronic_volume_and_share_grow_every_year(seeded):
    rows = TransactionCount.objects.values("period__year").annotate(
        electronic=Sum("count", filter=Q(channel__is_electronic=True)),
        total=Sum("count"),
    )
    by_year = {row["period__year"]: row for row in rows}
    years = [2019, 2020, 2021, 2022]
    electronic = [by_year[y]["electronic"] for y in years]
    shares = [by_year[y]["electronic"] / by_year[y]["total"] for y in years]
    assert electronic == sorted(electronic)
    assert shares == sorted(shares)


@pytest.mark.django_db
def test_2022_months_stay_near_the_january_level(seeded):
    for month in DEMO_MONTHS[-12:]:
        assert 2_700_000 <= electronic_sum(month) <= 3_400_000, month
    assert all(electronic_sum(month) < 1_500_000 for month in DEMO_MONTHS[:12])


# --- the catalogue -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(SPEC_AGENCIES))
def test_agencies_named_in_the_spec_have_its_codes_and_names(seeded, code):
    agency = Agency.objects.get(code=code)
    assert (agency.name_en, agency.name_ar) == SPEC_AGENCIES[code]
    assert agency.kind in AgencyKind.values
    assert agency.website.startswith("https://")
    assert agency.is_active


@pytest.mark.django_db
def test_catalogue_is_a_believable_size(seeded):
    assert 25 <= Agency.objects.count() <= 35
    assert Agency.objects.filter(services__isnull=False).distinct().count() == (
        Agency.objects.count()
    )


@pytest.mark.django_db
def test_five_channels_three_of_them_electronic(seeded):
    channels = dict(Channel.objects.values_list("code", "is_electronic"))
    assert channels == {
        "web": True,
        "mobile": True,
        "kiosk": True,
        "call_center": False,
        "counter": False,
    }
    assert all(
        ARABIC_LETTER.search(name) for name in Channel.objects.values_list("name_ar", flat=True)
    )


@pytest.mark.django_db
def test_services_have_known_sectors_and_arabic_names(seeded):
    for name_en, name_ar, sector in Service.objects.values_list("name_en", "name_ar", "sector"):
        assert sector in Sector.values
        assert name_en and name_en[0].isupper()
        assert ARABIC_LETTER.search(name_ar), name_ar


@pytest.mark.django_db
def test_catalogue_includes_retired_and_not_yet_electronic_services(seeded):
    assert Service.objects.filter(retired_on__isnull=False).count() >= 3
    assert Service.objects.filter(electronic_since__isnull=True).count() >= 3
    assert Service.objects.filter(electronic_since__gt=JAN_2022).exists()


# --- repeatability -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_second_run_leaves_the_same_rows_ids_and_values(seeded):
    counts_before = count_rows()
    catalogue_before = (
        sorted(Agency.objects.values_list()),
        sorted(Channel.objects.values_list()),
        sorted(Service.objects.values_list()),
        sorted(Service.channels.through.objects.values_list()),
    )

    call_command("seed_demo", stdout=io.StringIO())

    assert TransactionCount.objects.count() == len(counts_before)
    assert count_rows() == counts_before
    assert catalogue_before == (
        sorted(Agency.objects.values_list()),
        sorted(Channel.objects.values_list()),
        sorted(Service.objects.values_list()),
        sorted(Service.channels.through.objects.values_list()),
    )


@pytest.mark.django_db
def test_rerun_restores_an_edited_count_in_place(seeded):
    row = TransactionCount.objects.filter(period=JAN_2022, channel__is_electronic=True).first()
    TransactionCount.objects.filter(pk=row.pk).update(count=row.count + 12345)
    rows_before = TransactionCount.objects.count()

    call_command("seed_demo", stdout=io.StringIO())

    row.refresh_from_db()
    assert TransactionCount.objects.count() == rows_before
    assert electronic_sum(JAN_2022) == 2_900_000
    assert TransactionCount.objects.get(pk=row.pk).count == row.count


def test_generation_is_the_same_for_the_same_seed():
    first = generate_counts(build_services(random.Random(1)), random.Random(2))
    second = generate_counts(build_services(random.Random(1)), random.Random(2))
    assert first == second


def test_allocation_is_exact_proportional_and_non_negative():
    shares = allocate(1000, [1.0, 2.0, 3.0, 0.0, 0.001])
    assert sum(shares) == 1000
    assert all(share >= 0 for share in shares)
    assert shares[3] == 0
    assert shares[0] < shares[1] < shares[2]
    assert allocate(0, [0.0, 0.0]) == [0, 0]
