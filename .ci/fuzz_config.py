"""Print the schemathesis configuration for .ci/fuzz.sh.

The static settings (.ci/schemathesis.toml) plus values read from the seeded database (real
agency, service and channel codes, and counts the fuzzing key may correct and delete) and
months of the demo data's last two years. Generated
requests use them often enough to get past "no such code" and exercise the filters, the
statistics and the write path behind validation; the rest of the time values are random.

Usage: python .ci/fuzz_config.py AGENCY_CODE  (with DATABASE_URL set)
"""

import json
import os
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egov_api.settings")

import django  # noqa: E402

django.setup()

from services.models import Agency, Channel, Service  # noqa: E402
from transactions.models import TransactionCount  # noqa: E402

# How often a generated value is taken from the real ones instead of made up.
PROBABILITY = 0.85
MONTHS = [f"{year}-{month:02d}" for year in (2021, 2022) for month in range(1, 13)]


def toml_array(values):
    # A JSON array of strings or integers is also a TOML array.
    return json.dumps(list(values), ensure_ascii=False)


def main(agency_code):
    agency = Agency.objects.get(code=agency_code)
    dictionaries = {
        "agencies": Agency.objects.order_by("code").values_list("code", flat=True),
        "services": Service.objects.order_by("code").values_list("code", flat=True),
        "own_services": agency.services.order_by("code").values_list("code", flat=True),
        "channels": Channel.objects.order_by("code").values_list("code", flat=True),
        "months": MONTHS,
    }
    bindings = {
        "query.agency": "agencies",
        "query.service": "services",
        "query.channel": "channels",
        "query.period": "months",
        "query.period_from": "months",
        "query.period_to": "months",
        "query.electronic_on": "months",
        "body.service": "own_services",
        "body.channel": "channels",
        "body.period": "months",
        "body.[*].service": "own_services",
        "body.[*].channel": "channels",
        "body.[*].period": "months",
    }
    # Two counts of the key's own agency: one to correct again and again, one to delete.
    own_counts = list(
        TransactionCount.objects.filter(service__agency=agency)
        .order_by("id")
        .values_list("id", flat=True)[:2]
    )

    print((PROJECT / ".ci" / "schemathesis.toml").read_text())
    print("# Generated from the seeded database by .ci/fuzz_config.py.")
    for name, values in dictionaries.items():
        print(f"[dictionaries.{name}]\nvalues = {toml_array(values)}\n")
    print("[parameters]")
    for key, dictionary in bindings.items():
        print(f'"{key}" = {{ dictionary = "{dictionary}", probability = {PROBABILITY} }}')
    for method, count_id in zip(("PATCH", "DELETE"), own_counts, strict=False):
        print('\n[[operations]]\ninclude-path = "/api/v1/transactions/{id}/"')
        print(f'include-method = "{method}"\nparameters = {{ id = {count_id} }}')


if __name__ == "__main__":
    main(sys.argv[1])
