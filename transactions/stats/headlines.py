"""The summary's sentences, in English and in Arabic, written from the summary's own figures.

Every number in a sentence is one of the figures of the same summary, written as the JSON
shows it (counts with thousands separators), so the text can never disagree with the data.
"""

from decimal import Decimal

MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
# The month names used in Jordan (Levantine Syriac names).
MONTHS_AR = (
    "كانون الثاني",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين الأول",
    "تشرين الثاني",
    "كانون الأول",
)


def month_en(label: str) -> str:
    """Return the month `YYYY-MM` in words, e.g. `January 2022`."""
    year, month = label.split("-")
    return f"{MONTHS_EN[int(month) - 1]} {year}"


def month_ar(label: str) -> str:
    """Return the month `YYYY-MM` in Arabic words, e.g. `كانون الثاني 2022`."""
    year, month = label.split("-")
    return f"{MONTHS_AR[int(month) - 1]} {year}"


def number(value: int) -> str:
    """Return a count with thousands separators: `2,900,000`."""
    return f"{value:,}"


def pct(value: Decimal) -> str:
    """Return a percentage as the JSON body writes it: `45.0`, `90.63`."""
    return repr(float(value))


def change_en(change: int, change_pct: Decimal | None) -> str:
    """Return `up 900,000 (45.0%)`, `a change of -5 (-2.5%)` or `unchanged`."""
    if change == 0:
        return "unchanged"
    ratio = f" ({pct(change_pct)}%)" if change_pct is not None else ""
    if change > 0:
        return f"up {number(change)}{ratio}"
    return f"a change of {number(change)}{ratio}"


def change_ar(change: int, change_pct: Decimal | None, unit: str) -> str:
    """Return the Arabic of `change_en`, counting `unit` (حركة or خدمة)."""
    if change == 0:
        return "دون تغيير"
    ratio = f" وبنسبة {pct(change_pct)}%" if change_pct is not None else ""
    if change > 0:
        return f"بزيادة {number(change)} {unit}{ratio}"
    return f"بتغيّر مقداره {number(change)} {unit}{ratio}"


def headline_en(summary: dict) -> str:
    """Return the English sentences of a month summary."""
    period, previous_period = summary["period"], summary["previous_period"]
    first = (
        f"In {month_en(period)}, citizens made {number(summary['electronic'])} electronic "
        f"transactions on government services, "
        f"{change_en(summary['change'], summary['change_pct'])} from "
        f"{number(summary['previous_electronic'])} in {month_en(previous_period)}"
    )
    if summary["electronic_share_pct"] is not None:
        first += (
            f"; electronic transactions were {pct(summary['electronic_share_pct'])}% of all "
            f"{number(summary['total'])} transactions"
        )
    second = (
        f"Electronic services numbered {number(summary['services'])}, "
        f"{change_en(summary['services_change'], summary['services_change_pct'])} from "
        f"{number(summary['previous_services'])} a year before"
    )
    leaders = []
    transactions_leader = summary["top_agency_electronic_transactions_ytd"]
    services_leader = summary["top_agency_electronic_services"]
    if transactions_leader:
        leaders.append(
            f"{transactions_leader['name_en']} had the most electronic transactions "
            "so far this year"
        )
    if services_leader:
        leaders.append(f"{services_leader['name_en']} the most electronic services")
    if leaders:
        second += "; " + " and ".join(leaders)
    return f"{first}. {second}."


def headline_ar(summary: dict) -> str:
    """Return the Arabic sentences of a month summary."""
    period, previous_period = summary["period"], summary["previous_period"]
    first = (
        f"في {month_ar(period)} بلغ عدد الحركات الإلكترونية على الخدمات الحكومية "
        f"{number(summary['electronic'])} حركة، "
        f"{change_ar(summary['change'], summary['change_pct'], 'حركة')} مقارنة بـ "
        f"{number(summary['previous_electronic'])} حركة في {month_ar(previous_period)}"
    )
    if summary["electronic_share_pct"] is not None:
        first += (
            f"، وشكّلت {pct(summary['electronic_share_pct'])}% من إجمالي الحركات البالغ "
            f"{number(summary['total'])} حركة"
        )
    second = (
        f"وبلغ عدد الخدمات الحكومية الإلكترونية {number(summary['services'])} خدمة، "
        f"{change_ar(summary['services_change'], summary['services_change_pct'], 'خدمة')} "
        f"مقارنة بـ {number(summary['previous_services'])} خدمة قبل عام"
    )
    transactions_leader = summary["top_agency_electronic_transactions_ytd"]
    services_leader = summary["top_agency_electronic_services"]
    if transactions_leader:
        second += f"، وكانت {transactions_leader['name_ar']} الأكثر حركات إلكترونية منذ بداية العام"
    if services_leader:
        joiner = "، و" if transactions_leader else "، وكانت "
        second += f"{joiner}{services_leader['name_ar']} الأكثر خدمات إلكترونية"
    return f"{first}. {second}."
