"""Filter building blocks shared by the list endpoints and the statistics.

Every filter validates its own input, so a bad value answers 400 naming the parameter
(django-filter turns form errors into a ValidationError keyed by the parameter name).
"""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ErrorDetail

from egov_api.formats import CODE_RE, digits_only, parse_month

CODE_LIST_PATTERN = r"^[-a-zA-Z0-9_]+(,[-a-zA-Z0-9_]+)*$"

GIVE_ONCE = _("Give this parameter once (a list of values goes in one, comma-separated).")


def repeated_parameters(query, names) -> list[str]:
    """Return the names among `names` that the query string gives more than once.

    A repeated parameter is refused: reading only its last value (as Django does) would
    silently drop the others, and `agency=ssc&agency=gam` would answer for gam alone.
    """
    getlist = getattr(query, "getlist", None)
    if getlist is None:  # a plain dict, as in tests and internal calls, cannot repeat a key
        return []
    return [name for name in names if len(getlist(name)) > 1]


def repeated_errors(query, names) -> dict[str, list[ErrorDetail]]:
    """DRF validation errors for the names among `names` given more than once."""
    return {
        name: [ErrorDetail(str(GIVE_ONCE), code="repeated")]
        for name in repeated_parameters(query, names)
    }


class QueryForm(forms.Form):
    """The form behind every FilterSet: each parameter at most once."""

    def clean(self):
        cleaned = super().clean()
        for name in repeated_parameters(self.data, self.fields):
            self.add_error(name, ValidationError(GIVE_ONCE, code="repeated"))
        return cleaned


class MonthField(forms.CharField):
    """A `YYYY-MM` query value, cleaned to the first day of that month."""

    def __init__(self, **kwargs):
        # Taken as sent, like every query value here: " 2022-01" is not a month.
        super().__init__(strip=False, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return parse_month(value) if value else None


class MonthFilter(django_filters.CharFilter):
    """Compares a date column holding first-of-month dates with a `YYYY-MM` value."""

    field_class = MonthField


class StrictBooleanField(forms.CharField):
    """`true`/`false` (also `1`/`0`); anything else is an error rather than silently ignored."""

    TRUE = {"true", "1"}
    FALSE = {"false", "0"}

    def __init__(self, **kwargs):
        super().__init__(strip=False, **kwargs)

    def clean(self, value):
        if value == "":
            raise ValidationError(_("Enter true or false; got %(value)r."), params={"value": value})
        value = super().clean(value)
        if not value:
            return None
        lowered = value.lower()
        if lowered in self.TRUE:
            return True
        if lowered in self.FALSE:
            return False
        raise ValidationError(_("Enter true or false; got %(value)r."), params={"value": value})


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class CodeListField(forms.CharField):
    """One code or a comma-separated list of codes, each of which must exist in `model`."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(strip=False, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        # As the schema's pattern says: codes and commas, nothing else ("ssc, gam" or "ssc,,"
        # is a mistake to point out, not something to guess at).
        items = value.split(",")
        if "" in items:
            raise ValidationError(_("Remove the empty item from the list."), code="invalid")
        codes = list(dict.fromkeys(items))
        malformed = [code for code in codes if not CODE_RE.fullmatch(code)]
        if malformed:
            raise ValidationError(
                _("Malformed code(s): %(codes)s."), params={"codes": ", ".join(malformed[:10])}
            )
        found = dict(self.model.objects.filter(code__in=codes).values_list("code", "pk"))
        unknown = [code for code in codes if code not in found]
        if unknown:
            raise ValidationError(
                _("Unknown %(model)s code(s): %(codes)s."),
                code="unknown_code",
                params={
                    "model": self.model._meta.verbose_name,
                    "codes": ", ".join(unknown[:10]),
                },
            )
        return [found[code] for code in codes]


class CodeInFilter(django_filters.CharFilter):
    """Filters on a foreign key by one or more codes of the related model.

    `field_name` names the foreign key (e.g. `service__agency`); the codes are resolved to
    primary keys once, during validation, so the filter itself adds no join.
    """

    field_class = CodeListField

    def __init__(self, *, model, **kwargs):
        kwargs.setdefault("lookup_expr", "in")
        super().__init__(model=model, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": value})


class NoEmptyItemsCSVField(django_filters.fields.BaseCSVField):
    """A comma-separated list whose items may not be empty (`tax,,land` or `sector=` is a
    mistake: an enumerated filter has no "empty" value to mean "all")."""

    def clean(self, value):
        if value is not None and (value == [] or any(item == "" for item in value)):
            raise ValidationError(_("Remove the empty item from the list."), code="invalid")
        return super().clean(value)


class TotalOrderingFilter(django_filters.OrderingFilter):
    """`ordering` that always ends with a unique column, so pages never overlap or skip."""

    base_field_class = NoEmptyItemsCSVField

    def __init__(self, *, tiebreaker: str = "id", **kwargs):
        self.tiebreaker = tiebreaker
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        ordering = [self.get_ordering_value(param) for param in value if param]
        return qs.order_by(*ordering, self.tiebreaker)


class MonthRangeForm(QueryForm):
    """Checks that `period_from` is not after `period_to`."""

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and start > end:
            self.add_error("period_to", _("period_to must not be before period_from."))
        return cleaned


class SearchFilter(django_filters.CharFilter):
    """Free-text search over the English and Arabic names (case-insensitive substring)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "Case-insensitive substring of the English or Arabic name.")
        super().__init__(field_name="name_en", lookup_expr="icontains", **kwargs)

    def filter(self, qs, value):
        value = (value or "").strip()
        if not value:
            return qs
        return qs.filter(
            django_filters.filters.Q(name_en__icontains=value)
            | django_filters.filters.Q(name_ar__icontains=value)
        )


class ChoiceInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    """One value or a comma-separated list, each one of a fixed set of choices."""

    base_field_class = NoEmptyItemsCSVField


class YearField(forms.IntegerField):
    def __init__(self, **kwargs):
        super().__init__(min_value=1900, max_value=9999, **kwargs)

    def clean(self, value):
        # Digits only, as the schema's integer: Django's IntegerField would also take " 2022"
        # or "2022.0"; and `year=` is a mistake to point out, not "any year".
        if value is not None and not digits_only(value):
            raise ValidationError(_("Enter a year, e.g. 2022."), code="invalid")
        return super().clean(value)


class YearFilter(django_filters.NumberFilter):
    """A calendar year, e.g. 2022, compared with the year of a date column."""

    field_class = YearField
