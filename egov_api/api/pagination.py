"""Page-number pagination shared by every list endpoint."""

import functools

from django.conf import settings
from django.core import paginator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from egov_api.formats import digits_only

from .filters import repeated_errors

MAX_OFFSET = 2**62


class Paginator(paginator.Paginator):
    """Reads the page first and counts every row only when the page cannot tell the total.

    A page that is not full is the last one: the total is the rows before it plus its own, so
    a short list or its last page costs no COUNT. A full page needs one, run over
    `count_source` when given: the same rows as `object_list`, cheaper to count (for instance
    without the joins that only the page's columns need).
    """

    def __init__(self, object_list, per_page, *args, count_source=None, **kwargs):
        super().__init__(object_list, per_page, *args, **kwargs)
        self.count_source = count_source

    @cached_property
    def count(self):
        """Return the number of rows across all pages."""
        if self.count_source is None:
            return super().count
        return self.count_source.count()

    def page(self, number):
        """Return the 1-based page `number`, read before anything is counted."""
        if self.orphans or not self.allow_empty_first_page:
            return super().page(number)
        number = self.validate_number_before_counting(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page])
        if not rows and number > 1:
            raise paginator.EmptyPage(self.error_messages["no_results"])
        if len(rows) < self.per_page and "count" not in self.__dict__:
            self.count = bottom + len(rows)
        return self._get_page(rows, number, self)

    def validate_number_before_counting(self, number) -> int:
        """Return the 1-based page number; raise InvalidPage as `validate_number` does for a
        number that is not one, leaving "beyond the last page" to the page read."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            if isinstance(number, str) and not digits_only(number):
                raise ValueError  # " 1", "+1" or "١": int() would take them
            number = int(number)
        except (TypeError, ValueError):
            raise paginator.PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise paginator.EmptyPage(self.error_messages["min_page"])
        # Past this the OFFSET overflows the database's 64-bit integers; no table is that long.
        if (number - 1) * self.per_page > MAX_OFFSET:
            raise paginator.EmptyPage(self.error_messages["no_results"])
        return number


def refuse_repeated(request, names):
    errors = repeated_errors(request.query_params, names)
    if errors:
        raise ValidationError(errors)


class PageNumberPagination(pagination.PageNumberPagination):
    """`page` and `page_size`; a `page_size` above the maximum is served at the maximum.

    The body always carries `count`; it costs a COUNT query only when the page is full.
    """

    django_paginator_class = Paginator
    page_size_query_param = "page_size"
    page_size_query_description = (
        "Rows per page (default 100). Values above the maximum (1000) are treated as the maximum."
    )
    page_query_description = "Page number, starting at 1."

    @property
    def max_page_size(self):
        return settings.EGOV_MAX_PAGE_SIZE

    def get_page_size(self, request):
        """Return the page size asked for, capped at the maximum; 400 for a value that is not
        a whole number of at least 1 (DRF would silently fall back to the default)."""
        refuse_repeated(request, (self.page_size_query_param, self.page_query_param))
        value = request.query_params.get(self.page_size_query_param)
        if value is None:
            return self.page_size
        if not digits_only(value) or int(value[:9]) < 1:
            raise ValidationError(
                {self.page_size_query_param: [_("Enter a whole number of rows, 1 or more.")]}
            )
        # More digits than any page size: the maximum (int() refuses over 4,300 digits).
        return self.max_page_size if len(value) > 9 else min(int(value), self.max_page_size)

    def get_page_number(self, request, paginator):
        """Return the page asked for (1 when not asked); an empty `page=` is refused."""
        if request.query_params.get(self.page_query_param) == "":
            raise ValidationError({self.page_query_param: [_("Enter a page number, 1 or more.")]})
        return super().get_page_number(request, paginator)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters

    def paginate_queryset(self, queryset, request, view=None, *, count_source=None):
        """Return the rows of the requested page, as DRF does.

        `count_source`: a queryset of the same rows that is cheaper to count than `queryset`.
        """
        self.django_paginator_class = functools.partial(Paginator, count_source=count_source)
        return super().paginate_queryset(queryset, request, view)
