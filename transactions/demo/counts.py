"""Monthly transaction counts for the demo services, shaped like real data.

Each month's electronic and traditional totals are set first (growth, seasonality, the 2020
lockdown, the press report's exact January figures), then shared among the services and
channels by weight with a largest-remainder allocation, so every total holds to the unit.

Only random.random()-based draws and plain arithmetic are used (no log/exp/pow), so a given
seed yields the same integers on every platform.
"""

import datetime
import random
from collections.abc import Iterable

from .catalogue import (
    ALL_THIS_JANUARY,
    ELECTRONIC_CHANNELS,
    ELECTRONIC_LAST_JANUARY,
    ELECTRONIC_THIS_JANUARY,
    FIRST_MONTH,
    LAST_JANUARY,
    LAST_MONTH,
    THIS_JANUARY,
)
from .service_specs import ServiceSpec

CountKey = tuple[str, str, datetime.date]  # (service code, channel code, first day of month)

# Level of each January; months in between are interpolated, then shaped by the season.
ELECTRONIC_JANUARIES = {
    2019: 850_000,
    2020: 1_180_000,
    2021: ELECTRONIC_LAST_JANUARY,
    2022: ELECTRONIC_THIS_JANUARY,
    2023: 3_150_000,
}
TRADITIONAL_JANUARIES = {
    2019: 1_300_000,
    2020: 1_050_000,
    2021: 520_000,
    2022: ALL_THIS_JANUARY - ELECTRONIC_THIS_JANUARY,
    2023: 270_000,
}
# January is 1.0 so the January levels above are the months' totals.
SEASON = {1: 1.0, 2: 0.97, 3: 1.05, 4: 1.02, 5: 0.96, 6: 0.97}
SEASON |= {7: 0.99, 8: 0.96, 9: 1.0, 10: 1.03, 11: 1.0, 12: 0.97}
# The 2020 lockdown closed counters and pushed people online.
LOCKDOWN_ELECTRONIC = {datetime.date(2020, 3, 1): 1.05, datetime.date(2020, 4, 1): 1.15}
LOCKDOWN_ELECTRONIC |= {datetime.date(2020, 5, 1): 1.1}
LOCKDOWN_TRADITIONAL = {datetime.date(2020, 3, 1): 0.75, datetime.date(2020, 4, 1): 0.25}
LOCKDOWN_TRADITIONAL |= {datetime.date(2020, 5, 1): 0.55, datetime.date(2020, 6, 1): 0.8}
# Months whose totals are the press report's figures: no noise there.
PINNED_ELECTRONIC = {THIS_JANUARY, LAST_JANUARY}
PINNED_TRADITIONAL = {THIS_JANUARY}

# Relative volume of each agency (default 1); the social security corporation leads by far.
AGENCY_VOLUME = {
    "ssc": 30.0,
    "dvld": 12.0,
    "istd": 9.0,
    "gam": 9.0,
    "cspd": 7.0,
    "customs": 6.0,
    "moh": 4.0,
    "moi": 4.0,
    "dls": 4.0,
    "moj": 3.5,
    "mol": 3.0,
    "naf": 3.0,
    "moe": 3.0,
    "mola": 2.5,
    "waj": 2.0,
    "mits": 2.0,
    "ccd": 2.0,
}
# Counters are where the civil status, licensing and land offices still see most people.
AGENCY_COUNTER_VOLUME = AGENCY_VOLUME | {"ssc": 10.0, "cspd": 14.0, "dvld": 14.0, "dls": 8.0}
# Agency peaks: tax returns due by April, property tax discount early in the year, exam results
# in summer, tourism seasons.
AGENCY_SEASON = {
    "istd": {3: 1.5, 4: 1.8},
    "gam": {1: 1.2, 2: 1.2, 3: 1.15, 4: 1.1},
    "moe": {7: 1.8, 8: 1.4},
    "mot": {4: 1.3, 10: 1.3},
}
# Services known to carry a large share of their agency's traffic.
HEAVY_SERVICES = {
    "ssc-estidama",
    "ssc-musaned",
    "ssc-insured-statement",
    "ssc-pay-contributions",
    "ssc-unemployment-benefit",
    "moh-vaccine-registration",
    "moh-issue-vaccination-certificate",
    "dvld-renew-vehicle-licence",
    "dvld-inquire-traffic-fines",
    "dvld-pay-traffic-fines",
    "istd-submit-income-return",
    "cspd-renew-passport",
    "cspd-issue-birth-certificate",
    "gam-pay-property-tax",
    "gam-renew-vocational-licence",
    "waj-pay-water-bill",
    "moe-inquire-tawjihi-results",
    "moj-issue-good-conduct",
    "modee-sanad",
}


def months(first: datetime.date = FIRST_MONTH, last: datetime.date = LAST_MONTH):
    """Return the first day of every month from `first` to `last`, both included."""
    result, day = [], first
    while day <= last:
        result.append(day)
        day = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return result


def month_of(day: datetime.date) -> datetime.date:
    """Return the first day of `day`'s month."""
    return day.replace(day=1)


def allocate(total: int, weights: list[float]) -> list[int]:
    """Return non-negative integers proportional to `weights` that add up to exactly `total`.

    Each share is rounded down, then the units left go to the largest remainders (ties to the
    earlier weight).
    """
    weight_sum = sum(weights)
    if weight_sum <= 0:
        if total:
            raise ValueError("Cannot share a positive total among zero weights.")
        return [0] * len(weights)
    quotas = [total * w / weight_sum for w in weights]
    shares = [int(q) for q in quotas]
    left = total - sum(shares)
    if not 0 <= left <= len(shares):
        raise ArithmeticError("Rounding drifted beyond one unit per share.")
    by_remainder = sorted(range(len(shares)), key=lambda i: (shares[i] - quotas[i], i))
    for i in by_remainder[:left]:
        shares[i] += 1
    return shares


def _level(januaries: dict[int, int], month: datetime.date) -> float:
    """Return the trend level of `month`, interpolated between the two Januaries around it."""
    start, end = januaries[month.year], januaries[month.year + 1]
    return start + (end - start) * (month.month - 1) / 12


def monthly_totals(rng: random.Random) -> dict[datetime.date, tuple[int, int]]:
    """Return (electronic, traditional) totals for every month of the demo period."""
    totals = {}
    for month in months():
        electronic = _level(ELECTRONIC_JANUARIES, month) * SEASON[month.month]
        electronic *= LOCKDOWN_ELECTRONIC.get(month, 1.0)
        traditional = _level(TRADITIONAL_JANUARIES, month) * SEASON[month.month]
        traditional *= LOCKDOWN_TRADITIONAL.get(month, 1.0)
        # Draw both noises every month so pinning one month leaves the others unchanged.
        electronic_noise, traditional_noise = rng.uniform(0.98, 1.02), rng.uniform(0.97, 1.03)
        if month not in PINNED_ELECTRONIC:
            electronic *= electronic_noise
        if month not in PINNED_TRADITIONAL:
            traditional *= traditional_noise
        totals[month] = (round(electronic), round(traditional))
    return totals


def _popularity(rng: random.Random, services: list[ServiceSpec]) -> dict[str, float]:
    """Return each service's share of its agency's volume (shares of an agency add up to 1)."""
    raw = {}
    for service in services:
        draw = rng.random()
        heavy = service.code in HEAVY_SERVICES
        # Squaring twice gives a long tail: a few busy services, many quiet ones.
        raw[service.code] = 1.5 + draw if heavy else 0.02 + draw * draw * draw * draw
    per_agency: dict[str, float] = {}
    for service in services:
        per_agency[service.agency] = per_agency.get(service.agency, 0.0) + raw[service.code]
    return {s.code: raw[s.code] / per_agency[s.agency] for s in services}


def _is_live(service: ServiceSpec, month: datetime.date) -> bool:
    """Return True when the service is not yet retired in `month` (of any channel)."""
    return service.retired_on is None or month < service.retired_on


def _electronic_from(service: ServiceSpec) -> datetime.date | None:
    """Return the first month with electronic counts, or None for a service not electronic."""
    return month_of(service.electronic_since) if service.electronic_since else None


def generate_counts(services: Iterable[ServiceSpec], rng: random.Random) -> dict[CountKey, int]:
    """Return the count of every (service, channel, month) of the demo period.

    Electronic channels have counts from the month the service became electronic; every
    channel stops before the month the service was retired.
    """
    services = sorted(services, key=lambda s: s.code)
    totals = monthly_totals(rng)
    popularity = _popularity(rng, services)
    # A service's lean towards each channel, fixed over time.
    affinity = {
        (s.code, channel): rng.uniform(0.5, 1.5) for s in services for channel in s.channels
    }
    counts: dict[CountKey, int] = {}
    last_index = len(totals) - 1
    for index, month in enumerate(months()):
        progress = index / last_index
        channel_weight = {
            "web": 1.0,
            # Mobile apps took over from the portal during these years.
            "mobile": 0.25 + 0.75 * progress,
            "kiosk": 0.1,
            "counter": 1.0,
            "call_center": 0.2,
        }
        electronic_keys, electronic_weights = [], []
        traditional_keys, traditional_weights = [], []
        for service in services:
            if not _is_live(service, month):
                continue
            peak = AGENCY_SEASON.get(service.agency, {}).get(month.month, 1.0)
            since = _electronic_from(service)
            electronic_now = since is not None and since <= month
            if electronic_now:
                months_live = (month.year - since.year) * 12 + month.month - since.month
                # New e-services take a few months to find their users.
                ramp = min(1.0, (months_live + 1) / 4)
                volume = AGENCY_VOLUME.get(service.agency, 1.0) * popularity[service.code]
                for channel in service.channels:
                    if channel in ELECTRONIC_CHANNELS:
                        weight = volume * peak * ramp * channel_weight[channel]
                        weight *= affinity[service.code, channel] * rng.uniform(0.85, 1.15)
                        electronic_keys.append((service.code, channel, month))
                        electronic_weights.append(weight)
            # Once a service is online, far fewer people queue for it.
            offline_share = 0.3 if electronic_now else 1.0
            volume = AGENCY_COUNTER_VOLUME.get(service.agency, 1.0) * popularity[service.code]
            for channel in service.channels:
                if channel not in ELECTRONIC_CHANNELS:
                    weight = volume * peak * offline_share * channel_weight[channel]
                    weight *= affinity[service.code, channel] * rng.uniform(0.85, 1.15)
                    traditional_keys.append((service.code, channel, month))
                    traditional_weights.append(weight)
        electronic_total, traditional_total = totals[month]
        electronic_counts = allocate(electronic_total, electronic_weights)
        counts.update(zip(electronic_keys, electronic_counts, strict=True))
        traditional_counts = allocate(traditional_total, traditional_weights)
        counts.update(zip(traditional_keys, traditional_counts, strict=True))
    return counts
