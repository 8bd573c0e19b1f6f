"""OpenAPI documentation of the count write endpoints: bodies, answers and examples."""

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, OpenApiResponse

from egov_api.api.openapi import ProblemSerializer, array_of
from egov_api.api.problems import PROBLEM_CONTENT_TYPE, problem

from .serializers import BulkReportSerializer, CountWriteSerializer

ID_PARAMETER = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The count's id.")

COUNT_EXAMPLE = OpenApiExample(
    "A monthly count",
    value={
        "id": 1042,
        "service": "ssc-pension-inquiry",
        "agency": "ssc",
        "channel": "web",
        "electronic": True,
        "period": "2022-01",
        "count": 61250,
        "updated_at": "2022-02-03T08:15:00Z",
    },
    response_only=True,
)

COUNT_WRITE_EXAMPLE = OpenApiExample(
    "A monthly count",
    value={"service": "ssc-pension-inquiry", "channel": "web", "period": "2022-01", "count": 61250},
    request_only=True,
)

COUNT_PATCH_EXAMPLE = OpenApiExample("A corrected count", value={"count": 61300}, request_only=True)

BULK_JSON_EXAMPLE = OpenApiExample(
    "JSON array",
    value=[
        {"service": "ssc-pension-inquiry", "channel": "web", "period": "2022-01", "count": 61250},
        {
            "service": "ssc-pension-inquiry",
            "channel": "mobile",
            "period": "2022-01",
            "count": 48710,
        },
        {
            "service": "ssc-pension-inquiry",
            "channel": "counter",
            "period": "2022-01",
            "count": 5120,
        },
    ],
    media_type="application/json",
    request_only=True,
)

BULK_CSV_EXAMPLE = OpenApiExample(
    "CSV",
    value=(
        "service,channel,period,count\n"
        "ssc-pension-inquiry,web,2022-01,61250\n"
        "ssc-pension-inquiry,mobile,2022-01,48710\n"
        "ssc-pension-inquiry,counter,2022-01,5120\n"
    ),
    media_type="text/csv",
    request_only=True,
)

CSV_BODY_SCHEMA = {
    "type": "string",
    "description": (
        "UTF-8 CSV. The first line is the header `service,channel,period,count`; row 1 is the "
        "line after it."
    ),
}

BULK_REPORT_EXAMPLE = OpenApiExample(
    "Report",
    value={"submission": 318, "rows": 3, "created": 1, "updated": 1, "unchanged": 1},
    response_only=True,
    status_codes=["200"],
)


def _problem_response(status_code, code, detail, errors, description):
    return OpenApiResponse(
        ProblemSerializer,
        description=description,
        examples=[
            OpenApiExample(
                code,
                value=problem(status_code, detail=detail, code=code, errors=errors),
                response_only=True,
                status_codes=[str(status_code)],
            )
        ],
    )


BULK_INVALID_RESPONSE = _problem_response(
    400,
    "invalid",
    "2 row(s) are invalid; nothing was written.",
    [
        {
            "field": "period",
            "message": "The month is in the future.",
            "code": "future_month",
            "row": 2,
        },
        {
            "field": "count",
            "message": "A count cannot be negative.",
            "code": "min_value",
            "row": 7,
        },
        {
            "field": None,
            "message": "Same service, channel and month as row 1.",
            "code": "duplicate_row",
            "row": 9,
        },
    ],
    "At least one row is invalid: `errors` lists every bad row by number (`row`, from 1), with "
    "the field and the reason. Nothing was written. A body that cannot be read as rows at all "
    "(wrong CSV header, not UTF-8, not a JSON array, more rows than the limit) is answered "
    "400 too, with `row` absent.",
)

BULK_FORBIDDEN_RESPONSE = _problem_response(
    403,
    "permission_denied",
    "1 row(s) name services this key may not write.",
    [
        {
            "field": "service",
            "message": "This key may not write counts of service gam-permit (another agency's).",
            "code": "permission_denied",
            "row": 4,
        }
    ],
    "The key may not write some rows (another agency's services): `errors` lists them. "
    "Checked before the rows' validity; nothing was written.",
)

SINGLE_INVALID_RESPONSE = _problem_response(
    400,
    "invalid",
    "1 row(s) are invalid; nothing was written.",
    [
        {
            "field": "period",
            "message": "The service became electronic in 2019-03; no electronic counts before.",
            "code": "before_electronic_since",
        }
    ],
    "A field is invalid: unknown code, malformed or future month, a count that is not a "
    "non-negative integer, or an electronic channel before the service became electronic.",
)

SINGLE_FORBIDDEN_RESPONSE = _problem_response(
    403,
    "permission_denied",
    "This key may not write counts of another agency's services.",
    None,
    "The key may not write this count (another agency's service).",
)

# The JSON body is an array of counts; row 1 is its first element.
BULK_REQUEST = {"application/json": array_of(CountWriteSerializer), "text/csv": CSV_BODY_SCHEMA}

BULK_RESPONSES = {
    200: OpenApiResponse(BulkReportSerializer, description="Every row was applied."),
    (400, PROBLEM_CONTENT_TYPE): BULK_INVALID_RESPONSE,
    (403, PROBLEM_CONTENT_TYPE): BULK_FORBIDDEN_RESPONSE,
}

# The endpoint answers a list; each example is one entry, shown by the docs inside a list.
HISTORY_EXAMPLES = [
    OpenApiExample(
        "Created",
        value={
            "id": 7,
            "count_id": 1042,
            "service": "ssc-pension-inquiry",
            "channel": "web",
            "period": "2022-01",
            "action": "create",
            "old_count": None,
            "new_count": 61200,
            "api_key": "Xk3s9QpL",
            "api_key_name": "SSC monthly upload",
            "user": None,
            "submission": 301,
            "changed_at": "2022-02-01T06:00:00Z",
        },
        response_only=True,
    ),
    OpenApiExample(
        "Corrected by a data steward",
        value={
            "id": 91,
            "count_id": 1042,
            "service": "ssc-pension-inquiry",
            "channel": "web",
            "period": "2022-01",
            "action": "update",
            "old_count": 61200,
            "new_count": 61250,
            "api_key": None,
            "api_key_name": None,
            "user": "steward",
            "submission": 318,
            "changed_at": "2022-02-03T08:15:00Z",
        },
        response_only=True,
    ),
]
