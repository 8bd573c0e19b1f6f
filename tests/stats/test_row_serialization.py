"""Statistics rows are written exactly as DRF's own list serialization would write them."""

from decimal import Decimal

import pytest
from rest_framework import serializers

from egov_api.api.serializers import DictRowListSerializer
from transactions.stats.serializers import (
    GrowthRowSerializer,
    RankingRowSerializer,
    ServiceCountRowSerializer,
    TimeseriesPointSerializer,
    TotalsRowSerializer,
)

AGENCY = {"agency": "ssc", "agency_name_en": "Social Security", "agency_name_ar": "الضمان"}
ROWS = {
    TotalsRowSerializer: [
        {"electronic": 10, "traditional": 5, "total": 15, "electronic_share_pct": Decimal("66.67")},
        {
            **AGENCY,
            "month": "2022-01",
            "electronic": 0,
            "traditional": 0,
            "total": 0,
            "electronic_share_pct": None,
        },
        {"sector": "labour", "electronic": 1, "traditional": 0, "total": 1},
    ],
    GrowthRowSerializer: [
        {
            "current_from": "2022-01",
            "current_to": "2022-01",
            "previous_from": "2021-01",
            "previous_to": "2021-01",
            "current": 9,
            "previous": 0,
            "change": 9,
            "change_pct": None,
        },
        {
            **AGENCY,
            "current_from": "2022-01",
            "current_to": "2022-03",
            "previous_from": "2021-01",
            "previous_to": "2021-03",
            "current": 5,
            "previous": 4,
            "change": 1,
            "change_pct": Decimal("25.005"),
        },
    ],
    TimeseriesPointSerializer: [
        {
            "period": "2022-Q1",
            "channel": "web",
            "electronic": 3,
            "traditional": 1,
            "total": 4,
            "electronic_share_pct": Decimal("75"),
            "yoy_change_pct": Decimal("-12.5"),
        },
    ],
    RankingRowSerializer: [
        {**AGENCY, "rank": 1, "value": 2900000},
        {
            "service": "ssc-x",
            "service_name_en": "X",
            "service_name_ar": "س",
            "rank": 2,
            "value": Decimal("45.10"),
        },
        {"channel": "kiosk", "rank": 3, "value": None},
    ],
    ServiceCountRowSerializer: [
        {
            "sector": "labour",
            "period": "2022-01",
            "previous_period": "2021-01",
            "current": 3,
            "previous": 2,
            "change": 1,
            "change_pct": Decimal("50.00"),
        },
    ],
}


@pytest.mark.parametrize("serializer_class", list(ROWS), ids=lambda cls: cls.__name__)
def test_rows_are_written_as_drf_writes_them(serializer_class):
    rows = ROWS[serializer_class]
    fast = serializer_class(rows, many=True)
    drf = serializers.ListSerializer(rows, child=serializer_class())

    assert isinstance(fast, DictRowListSerializer)
    assert fast.data == drf.data
    assert [list(row) for row in fast.data] == [list(row) for row in drf.data]
    assert [[type(v) for v in row.values()] for row in fast.data] == [
        [type(v) for v in row.values()] for row in drf.data
    ]


def test_a_missing_required_value_is_an_error_as_with_drf():
    row = {"electronic": 1, "traditional": 0, "electronic_share_pct": None}  # no total
    with pytest.raises(KeyError):
        serializers.ListSerializer([row], child=TotalsRowSerializer()).data  # noqa: B018
    with pytest.raises(KeyError):
        TotalsRowSerializer([row], many=True).data  # noqa: B018


class WithMethodField(serializers.Serializer):
    code = serializers.CharField()
    shout = serializers.SerializerMethodField()

    class Meta:
        list_serializer_class = DictRowListSerializer

    def get_shout(self, row):
        return row["code"].upper()


def test_a_serializer_with_other_kinds_of_field_is_written_by_drf():
    rows = [{"code": "ssc"}, {"code": "gam"}]

    assert WithMethodField(rows, many=True).data == [
        {"code": "ssc", "shout": "SSC"},
        {"code": "gam", "shout": "GAM"},
    ]
