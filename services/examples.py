"""OpenAPI examples drawn from the demo data."""

from drf_spectacular.utils import OpenApiExample

AGENCY_LIST_EXAMPLE = OpenApiExample(
    "Social Security Corporation",
    value={
        "code": "ssc",
        "name_en": "Social Security Corporation",
        "name_ar": "المؤسسة العامة للضمان الاجتماعي",
        "kind": "public_institution",
        "parent": None,
        "website": "https://www.ssc.gov.jo",
        "is_active": True,
    },
    response_only=True,
)

CHANNEL_LIST_EXAMPLE = OpenApiExample(
    "Web portal",
    value={
        "code": "web",
        "name_en": "Web portal",
        "name_ar": "البوابة الإلكترونية",
        "is_electronic": True,
    },
    response_only=True,
)

SERVICE_LIST_EXAMPLE = OpenApiExample(
    "Pension inquiry",
    value={
        "code": "ssc-pension-inquiry",
        "agency": "ssc",
        "name_en": "Pension inquiry",
        "name_ar": "الاستعلام عن الراتب التقاعدي",
        "sector": "social_protection",
        "channels": ["web", "mobile", "counter"],
        "electronic_since": "2018-03-01",
        "retired_on": None,
    },
    response_only=True,
)
