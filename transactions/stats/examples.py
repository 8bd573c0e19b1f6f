"""OpenAPI examples of the statistics: real answers of the demo data (`seed_demo`).

`DEMO_QUERIES` lists each example with the query that produces it, so a test can check
that every example is still what the demo data answers.
"""

from urllib.parse import urlencode

from drf_spectacular.utils import OpenApiExample

# (endpoint, query parameters, example value) of every example below.
DEMO_QUERIES: list[tuple[str, dict[str, str], object]] = []


def demo_example(name: str, endpoint: str, params: dict[str, str], value) -> OpenApiExample:
    """Return a response example of `endpoint` answering `params` on the demo data."""
    DEMO_QUERIES.append((endpoint, params, value))
    return OpenApiExample(
        name,
        description=f"Demo data: `GET /api/v1/stats/{endpoint}/?{urlencode(params)}`",
        value=value,
        response_only=True,
    )


TOTALS = [
    demo_example(
        "Yearly totals",
        "totals",
        {"group_by": "year"},
        [
            {
                "year": "2019",
                "electronic": 11924591,
                "traditional": 14059534,
                "total": 25984125,
                "electronic_share_pct": 45.89,
            },
            {
                "year": "2020",
                "electronic": 19049248,
                "traditional": 8079393,
                "total": 27128641,
                "electronic_share_pct": 70.22,
            },
            {
                "year": "2021",
                "electronic": 28885585,
                "traditional": 5040077,
                "total": 33925662,
                "electronic_share_pct": 85.14,
            },
            {
                "year": "2022",
                "electronic": 35710486,
                "traditional": 3447668,
                "total": 39158154,
                "electronic_share_pct": 91.2,
            },
        ],
    ),
    demo_example(
        "January 2022",
        "totals",
        {"period_from": "2022-01", "period_to": "2022-01"},
        [
            {
                "electronic": 2900000,
                "traditional": 300000,
                "total": 3200000,
                "electronic_share_pct": 90.63,
            }
        ],
    ),
]

GROWTH = [
    demo_example(
        "Electronic transactions, January 2022 against January 2021",
        "growth",
        {"period": "2022-01"},
        [
            {
                "current_from": "2022-01",
                "current_to": "2022-01",
                "previous_from": "2021-01",
                "previous_to": "2021-01",
                "current": 2900000,
                "previous": 2000000,
                "change": 900000,
                "change_pct": 45.0,
            }
        ],
    ),
    demo_example(
        "Two agencies",
        "growth",
        {"period": "2022-01", "group_by": "agency", "agency": "gam,ssc"},
        [
            {
                "agency": "gam",
                "agency_name_en": "Greater Amman Municipality",
                "agency_name_ar": "أمانة عمّان الكبرى",
                "current_from": "2022-01",
                "current_to": "2022-01",
                "previous_from": "2021-01",
                "previous_to": "2021-01",
                "current": 294481,
                "previous": 217417,
                "change": 77064,
                "change_pct": 35.45,
            },
            {
                "agency": "ssc",
                "agency_name_en": "Social Security Corporation",
                "agency_name_ar": "المؤسسة العامة للضمان الاجتماعي",
                "current_from": "2022-01",
                "current_to": "2022-01",
                "previous_from": "2021-01",
                "previous_to": "2021-01",
                "current": 677089,
                "previous": 356719,
                "change": 320370,
                "change_pct": 89.81,
            },
        ],
    ),
]

TIMESERIES = [
    demo_example(
        "Three months",
        "timeseries",
        {"period_from": "2021-11", "period_to": "2022-01"},
        [
            {
                "period": "2021-11",
                "electronic": 2785656,
                "traditional": 340723,
                "total": 3126379,
                "electronic_share_pct": 89.1,
                "yoy_change_pct": 47.81,
            },
            {
                "period": "2021-12",
                "electronic": 2742018,
                "traditional": 300380,
                "total": 3042398,
                "electronic_share_pct": 90.13,
                "yoy_change_pct": 46.89,
            },
            {
                "period": "2022-01",
                "electronic": 2900000,
                "traditional": 300000,
                "total": 3200000,
                "electronic_share_pct": 90.63,
                "yoy_change_pct": 45.0,
            },
        ],
    ),
]

RANKINGS = [
    demo_example(
        "Agencies by electronic transactions, January 2022",
        "rankings",
        {"by": "agency", "period_from": "2022-01", "period_to": "2022-01", "limit": "3"},
        [
            {
                "rank": 1,
                "agency": "ssc",
                "agency_name_en": "Social Security Corporation",
                "agency_name_ar": "المؤسسة العامة للضمان الاجتماعي",
                "value": 677089,
            },
            {
                "rank": 2,
                "agency": "dvld",
                "agency_name_en": "Drivers and Vehicles Licensing Department",
                "agency_name_ar": "إدارة ترخيص السواقين والمركبات",
                "value": 315667,
            },
            {
                "rank": 3,
                "agency": "gam",
                "agency_name_en": "Greater Amman Municipality",
                "agency_name_ar": "أمانة عمّان الكبرى",
                "value": 294481,
            },
        ],
    ),
]

SERVICE_COUNTS = [
    demo_example(
        "Electronic services, January 2022 against January 2021",
        "service-counts",
        {"period": "2022-01"},
        {
            "period": "2022-01",
            "previous_period": "2021-01",
            "current": 437,
            "previous": 375,
            "change": 62,
            "change_pct": 16.53,
        },
    ),
    demo_example(
        "Two agencies",
        "service-counts",
        {"period": "2022-01", "group_by": "agency", "agency": "gam,ssc"},
        [
            {
                "agency": "gam",
                "agency_name_en": "Greater Amman Municipality",
                "agency_name_ar": "أمانة عمّان الكبرى",
                "period": "2022-01",
                "previous_period": "2021-01",
                "current": 51,
                "previous": 44,
                "change": 7,
                "change_pct": 15.91,
            },
            {
                "agency": "ssc",
                "agency_name_en": "Social Security Corporation",
                "agency_name_ar": "المؤسسة العامة للضمان الاجتماعي",
                "period": "2022-01",
                "previous_period": "2021-01",
                "current": 33,
                "previous": 26,
                "change": 7,
                "change_pct": 26.92,
            },
        ],
    ),
]

SUMMARY = [
    demo_example(
        "January 2022",
        "summary",
        {"period": "2022-01"},
        {
            "period": "2022-01",
            "previous_period": "2021-01",
            "electronic": 2900000,
            "traditional": 300000,
            "total": 3200000,
            "electronic_share_pct": 90.63,
            "previous_electronic": 2000000,
            "previous_traditional": 533054,
            "previous_total": 2533054,
            "change": 900000,
            "change_pct": 45.0,
            "services": 437,
            "previous_services": 375,
            "services_change": 62,
            "services_change_pct": 16.53,
            "top_agency_electronic_transactions": {
                "code": "ssc",
                "name_en": "Social Security Corporation",
                "name_ar": "المؤسسة العامة للضمان الاجتماعي",
                "value": 677089,
            },
            "top_agency_electronic_transactions_ytd": {
                "code": "ssc",
                "name_en": "Social Security Corporation",
                "name_ar": "المؤسسة العامة للضمان الاجتماعي",
                "value": 677089,
            },
            "top_agency_electronic_services": {
                "code": "gam",
                "name_en": "Greater Amman Municipality",
                "name_ar": "أمانة عمّان الكبرى",
                "value": 51,
            },
            "headline_en": (
                "In January 2022, citizens made 2,900,000 electronic transactions on government "
                "services, up 900,000 (45.0%) from 2,000,000 in January 2021; electronic "
                "transactions were 90.63% of all 3,200,000 transactions. Electronic services "
                "numbered 437, up 62 (16.53%) from 375 a year before; Social Security "
                "Corporation had the most electronic transactions so far this year and Greater "
                "Amman Municipality the most electronic services."
            ),
            "headline_ar": (
                "في كانون الثاني 2022 بلغ عدد الحركات الإلكترونية على الخدمات الحكومية 2,900,000 "
                "حركة، بزيادة 900,000 حركة وبنسبة 45.0% مقارنة بـ 2,000,000 حركة في كانون الثاني "
                "2021، وشكّلت 90.63% من إجمالي الحركات البالغ 3,200,000 حركة. وبلغ عدد الخدمات "
                "الحكومية الإلكترونية 437 خدمة، بزيادة 62 خدمة وبنسبة 16.53% مقارنة بـ 375 خدمة "
                "قبل عام، وكانت المؤسسة العامة للضمان الاجتماعي الأكثر حركات إلكترونية منذ بداية "
                "العام، وأمانة عمّان الكبرى الأكثر خدمات إلكترونية."
            ),
        },
    ),
]
