"""`stats/summary/`: every figure of a month, and the sentences that state them."""

import re

import pytest

from .conftest import Row, electronic, insert, pct, total, traditional

pytestmark = pytest.mark.django_db

ROWS = [
    Row("ssc-pension", "web", "2021-01", 200),
    Row("gam-permit", "web", "2021-01", 100),
    Row("gam-permit", "counter", "2021-01", 50),
    Row("ssc-pension", "web", "2022-01", 290),
    Row("ssc-pension", "counter", "2022-01", 20),
    Row("gam-permit", "mobile", "2022-01", 100),
    Row("gam-fees", "counter", "2022-01", 10),
    Row("gam-permit", "web", "2022-02", 400),
    Row("ssc-pension", "web", "2022-02", 150),
]
SSC = {"code": "ssc", "name_en": "Social Security Corporation", "name_ar": "الضمان"}
GAM = {"code": "gam", "name_en": "Greater Amman Municipality", "name_ar": "الأمانة"}


def numbers_in(text: str) -> list[str]:
    return re.findall(r"-?\d+(?:,\d{3})*(?:\.\d+)?", text)


def written_figures(body: dict) -> set[str]:
    """Every figure of the body as a sentence may write it."""
    written = set()
    for value in body.values():
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int):
            written.add(f"{value:,}")
        elif isinstance(value, float):
            written.add(repr(value))
        elif isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}", value):
            written.add(value[:4])
    return written


def test_every_figure_of_a_month(catalogue, get):
    rows = insert(ROWS)

    body = get("summary", period="2022-01").body

    def in_month(label):
        return lambda r: r.period == label

    e, t = electronic(rows, in_month("2022-01")), traditional(rows, in_month("2022-01"))
    pe = electronic(rows, in_month("2021-01"))
    pt = traditional(rows, in_month("2021-01"))
    # Services electronic on 2022-01-01: ssc-pension, ssc-join (2021-06), gam-permit;
    # on 2021-01-01: ssc-pension and gam-permit. gam-fees is not electronic.
    assert {k: v for k, v in body.items() if not k.startswith(("headline", "top_"))} == {
        "period": "2022-01",
        "previous_period": "2021-01",
        "electronic": e,
        "traditional": t,
        "total": e + t,
        "electronic_share_pct": pct(e, e + t),
        "previous_electronic": pe,
        "previous_traditional": pt,
        "previous_total": pe + pt,
        "change": e - pe,
        "change_pct": pct(e - pe, pe),
        "services": 3,
        "previous_services": 2,
        "services_change": 1,
        "services_change_pct": 50.0,
    }
    assert (e, t, pe) == (290 + 100, 20 + 10, 200 + 100)
    assert body["top_agency_electronic_transactions"] == {**SSC, "value": 290}
    assert body["top_agency_electronic_transactions_ytd"] == {**SSC, "value": 290}
    assert body["top_agency_electronic_services"] == {**SSC, "value": 2}


def test_the_year_to_date_leader_can_differ_from_the_month_leader(catalogue, get):
    rows = insert(ROWS)

    body = get("summary", period="2022-02").body

    ytd = {
        agency: electronic(rows, lambda r, a=agency: r.agency == a and r.period[:4] == "2022")
        for agency in ("ssc", "gam")
    }
    assert ytd == {"ssc": 290 + 150, "gam": 100 + 400}
    assert body["top_agency_electronic_transactions"] == {**GAM, "value": 400}
    assert body["top_agency_electronic_transactions_ytd"] == {**GAM, "value": 500}


def test_leaders_tie_break_on_code(catalogue, get):
    insert([Row("ssc-pension", "web", "2022-01", 10), Row("gam-permit", "web", "2022-01", 10)])

    body = get("summary", period="2022-01").body

    assert body["top_agency_electronic_transactions"] == {**GAM, "value": 10}


def test_no_counts_and_no_services(db, get):
    body = get("summary", period="2022-01").body

    assert body["electronic"] == body["total"] == body["services"] == 0
    assert body["electronic_share_pct"] is None and body["change_pct"] is None
    assert body["services_change_pct"] is None
    assert body["top_agency_electronic_transactions"] is None
    assert body["top_agency_electronic_transactions_ytd"] is None
    assert body["top_agency_electronic_services"] is None
    assert body["headline_en"] and body["headline_ar"]


def test_filters_narrow_transactions_and_services(catalogue, get):
    rows = insert(ROWS)

    body = get("summary", period="2022-01", agency="gam").body

    of_gam = [row for row in rows if row.agency == "gam"]
    assert body["electronic"] == electronic(of_gam, lambda r: r.period == "2022-01")
    assert body["total"] == total(of_gam, lambda r: r.period == "2022-01")
    assert (body["services"], body["previous_services"]) == (1, 1)
    assert body["top_agency_electronic_services"] == {**GAM, "value": 1}


def test_the_english_headline_states_the_figures(catalogue, get):
    insert(ROWS)

    body = get("summary", period="2022-01").body

    assert body["headline_en"] == (
        "In January 2022, citizens made 390 electronic transactions on government services, "
        "up 90 (30.0%) from 300 in January 2021; electronic transactions were 92.86% of all "
        "420 transactions. Electronic services numbered 3, up 1 (50.0%) from 2 a year before; "
        "Social Security Corporation had the most electronic transactions so far this year and "
        "Social Security Corporation the most electronic services."
    )


def test_the_arabic_headline_uses_the_jordanian_month_names(catalogue, get):
    insert(ROWS)

    body = get("summary", period="2022-01").body

    assert body["headline_ar"].startswith("في كانون الثاني 2022 بلغ عدد الحركات الإلكترونية")
    assert "كانون الثاني 2021" in body["headline_ar"]
    assert "390" in body["headline_ar"] and "30.0%" in body["headline_ar"]
    assert "الضمان" in body["headline_ar"]


@pytest.mark.parametrize("period", ["2022-01", "2022-02", "2021-01", "2019-07"])
def test_every_number_in_the_sentences_is_a_figure_of_the_response(catalogue, get, period):
    insert([*ROWS, Row("ssc-pension", "web", "2021-02", 900)])

    body = get("summary", period=period).body

    figures = written_figures(body)
    for headline in (body["headline_en"], body["headline_ar"]):
        for number in numbers_in(headline):
            assert number in figures, (number, headline)


def test_a_fall_is_written_with_its_sign(catalogue, get):
    insert([Row("ssc-pension", "web", "2021-01", 8), Row("ssc-pension", "web", "2022-01", 5)])

    body = get("summary", period="2022-01").body

    assert "a change of -3 (-37.5%) from 8" in body["headline_en"]
    assert body["change"] == -3 and body["change_pct"] == -37.5


@pytest.mark.parametrize(
    "params, field",
    [
        ({}, "period"),
        ({"period": "January"}, "period"),
        ({"period": "2022-01", "year": "2022"}, "year"),
        ({"period": "2022-01", "period_from": "2022-01"}, "period_from"),
        ({"period": "2022-01", "electronic": "true"}, "electronic"),
        ({"period": "2022-01", "agency": "nowhere"}, "agency"),
    ],
)
def test_bad_parameters_answer_400(db, get, params, field):
    response = get("summary", **params)

    assert response.status_code == 400
    assert field in [error["field"] for error in response.body["errors"]]
