"""Page-number pagination shared by every list endpoint."""

from django.conf import settings
from rest_framework import pagination


class PageNumberPagination(pagination.PageNumberPagination):
    """`page` and `page_size`; a `page_size` above the maximum is served at the maximum."""

    page_size_query_param = "page_size"
    page_size_query_description = (
        "Rows per page (default 100). Values above the maximum (1000) are treated as the maximum."
    )
    page_query_description = "Page number, starting at 1."

    @property
    def max_page_size(self):
        return settings.EGOV_MAX_PAGE_SIZE
