"""The demo services: names from the subjects, and when each became electronic or retired."""

import datetime
import random
from typing import NamedTuple

from .catalogue import (
    LAST_JANUARY,
    SERVICES_LAST_JANUARY,
    SERVICES_THIS_JANUARY,
    THIS_JANUARY,
)
from .subjects import ACTIONS, SUBJECTS

date = datetime.date


class ServiceSpec(NamedTuple):
    code: str
    agency: str
    name_en: str
    name_ar: str
    sector: str
    channels: tuple[str, ...]
    electronic_since: datetime.date | None
    retired_on: datetime.date | None

    def is_electronic_on(self, day: datetime.date) -> bool:
        """Return True when the service is electronic and live on `day`."""
        return electronic_and_live(self.electronic_since, self.retired_on, day)


def electronic_and_live(since: date | None, retired: date | None, day: date) -> bool:
    """Return True when electronic_since <= day < retired_on (the API's rule)."""
    return since is not None and since <= day and (retired is None or retired > day)


# Services whose history is public knowledge (pandemic programmes and platforms) keep their real
# timeline; every other service gets a random one, sized so the totals still come out exact.
KNOWN_TIMELINES: dict[str, tuple[date | None, date | None]] = {
    "moi-curfew-permit": (date(2020, 3, 24), date(2021, 9, 1)),
    "mofa-return-flights": (date(2020, 5, 3), date(2021, 7, 1)),
    # Retired on the first day of a month: not counted in that month (the API's edge case).
    "ssc-musaned": (date(2020, 4, 5), date(2021, 1, 1)),
    "ssc-tamkeen": (date(2020, 5, 10), date(2021, 1, 1)),
    "mot-jordan-jannah": (date(2020, 7, 1), date(2022, 1, 1)),
    "ssc-estidama": (date(2021, 2, 1), None),
    "naf-daily-workers": (date(2020, 4, 12), date(2020, 10, 1)),
    "naf-bread-subsidy": (date(2018, 2, 15), date(2020, 1, 1)),
    "moh-vaccine-registration": (date(2020, 12, 23), None),
    "moh-issue-vaccination-certificate": (date(2021, 3, 1), None),
    "moh-inquire-pcr-result": (date(2020, 4, 1), None),
    "moe-darsak": (date(2020, 3, 22), None),
    "modee-sanad": (date(2020, 8, 1), None),
    # Effective on the first day of the month: counted in that month.
    "istd-e-invoicing": (date(2021, 11, 1), None),
}

# How many of the randomly dated services fall in each kind of timeline besides the two that
# the targets size (electronic by last January, and electronic during the year after it).
RETIRED_DURING_2021 = 2
RETIRED_DURING_2022 = 2
RETIRED_BEFORE_2021 = 1
ELECTRONIC_AFTER_THIS_JANUARY = 6
MIN_NOT_ELECTRONIC = 3
LAST_DAY_OF_2020 = date(2020, 12, 31)


def subject_services() -> list[tuple[str, str, str, str, str]]:
    """Return (code, agency, name_en, name_ar, sector) for every service, sorted by code."""
    rows = []
    for agency, (default_sector, subjects) in SUBJECTS.items():
        for slug, en, ar, *rest in subjects:
            actions = rest[0].split() if rest else []
            sector = rest[1] if len(rest) > 1 else default_sector
            if not actions:
                rows.append((f"{agency}-{slug}", agency, en, ar, sector))
            for action in actions:
                en_template, ar_template = ACTIONS[action]
                name_en = en_template.format(en=en)
                rows.append(
                    (
                        f"{agency}-{action}-{slug}",
                        agency,
                        name_en[0].upper() + name_en[1:],
                        ar_template.format(ar=ar),
                        sector,
                    )
                )
    rows.sort()
    codes = [row[0] for row in rows]
    if len(set(codes)) != len(codes):
        raise ValueError("Duplicate service codes in the demo subjects.")
    return rows


def _day_between(rng: random.Random, first: date, last: date) -> date:
    """Return a random day from `first` to `last`, both included."""
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _month_between(rng: random.Random, first: date, last: date) -> date:
    """Return the first day of a random month from `first`'s month to `last`'s, both included."""
    span = (last.year - first.year) * 12 + last.month - first.month
    index = first.year * 12 + first.month - 1 + rng.randrange(span + 1)
    return date(index // 12, index % 12 + 1, 1)


def _early_electronic(rng: random.Random, last: date = LAST_DAY_OF_2020) -> date:
    """Return a go-live day before 2021; about half predate the counts, many fall in 2020."""
    draw = rng.random()
    if draw < 0.5:
        return _day_between(rng, date(2010, 1, 1), date(2018, 12, 31))
    if draw < 0.7:
        return _day_between(rng, date(2019, 1, 1), min(last, date(2019, 12, 31)))
    return _day_between(rng, date(2020, 1, 1), last)


def _timelines(rng: random.Random, count: int, both: int, this_year_only: int):
    """Return `count` (electronic_since, retired_on) pairs in random order.

    `both` of them are electronic and live on both Januaries, `this_year_only` only on this one.
    """
    plan = []
    for _ in range(both - RETIRED_DURING_2022):
        plan.append((_early_electronic(rng), None))
    for _ in range(RETIRED_DURING_2022):
        retired = _month_between(rng, date(2022, 2, 1), date(2022, 12, 1))
        plan.append((_early_electronic(rng), retired))
    for _ in range(this_year_only):
        plan.append((_day_between(rng, LAST_JANUARY + datetime.timedelta(1), THIS_JANUARY), None))
    for _ in range(RETIRED_DURING_2021):
        retired = _month_between(rng, date(2021, 2, 1), THIS_JANUARY)
        plan.append((_early_electronic(rng, date(2020, 6, 30)), retired))
    for _ in range(RETIRED_BEFORE_2021):
        since = _day_between(rng, date(2016, 1, 1), date(2018, 12, 31))
        plan.append((since, _month_between(rng, date(2019, 3, 1), date(2020, 12, 1))))
    for _ in range(ELECTRONIC_AFTER_THIS_JANUARY):
        plan.append((_day_between(rng, date(2022, 1, 2), date(2022, 11, 30)), None))
    not_electronic = count - len(plan)
    if not_electronic < MIN_NOT_ELECTRONIC:
        raise ValueError("Too few demo services to reach the electronic-service targets.")
    plan.extend([(None, None)] * not_electronic)
    rng.shuffle(plan)
    return plan


def _channels(rng: random.Random, electronic: bool) -> tuple[str, ...]:
    """Return the channel codes a service is offered on."""
    chosen = []
    if electronic:
        web = rng.random() < 0.9
        mobile = rng.random() < 0.55 or not web
        chosen += ["web"] * web + ["mobile"] * mobile + ["kiosk"] * (rng.random() < 0.12)
        if rng.random() < 0.85:
            chosen.append("counter")
    else:
        chosen.append("counter")
    if rng.random() < 0.3:
        chosen.append("call_center")
    return tuple(sorted(chosen))


def build_services(rng: random.Random) -> list[ServiceSpec]:
    """Return every demo service, sorted by code, with exactly the targeted electronic counts."""
    rows = subject_services()
    known = {code: KNOWN_TIMELINES[code] for code, *_ in rows if code in KNOWN_TIMELINES}
    if len(known) != len(KNOWN_TIMELINES):
        raise ValueError("A service with a known timeline is missing from the demo subjects.")
    known_last = sum(electronic_and_live(*dates, LAST_JANUARY) for dates in known.values())
    known_this = sum(electronic_and_live(*dates, THIS_JANUARY) for dates in known.values())
    both = SERVICES_LAST_JANUARY - known_last - RETIRED_DURING_2021
    this_year_only = SERVICES_THIS_JANUARY - known_this - both
    random_plan = iter(_timelines(rng, len(rows) - len(known), both, this_year_only))

    services = []
    for code, agency, name_en, name_ar, sector in rows:
        since, retired = known[code] if code in known else next(random_plan)
        services.append(
            ServiceSpec(
                code=code,
                agency=agency,
                name_en=name_en,
                name_ar=name_ar,
                sector=sector,
                channels=_channels(rng, since is not None),
                electronic_since=since,
                retired_on=retired,
            )
        )
    return services
