"""Admin for data stewards: monthly counts, filterable by agency, sector, channel and month."""

from django.contrib import admin

from .admin_history import CountWritesMixin
from .models import TransactionCount


@admin.register(TransactionCount)
class TransactionCountAdmin(CountWritesMixin, admin.ModelAdmin):
    list_display = ["period_label", "service", "agency", "channel", "count", "updated_at"]
    list_filter = [
        "channel__is_electronic",
        "channel",
        "service__sector",
        ("service__agency", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["service__code", "service__name_en", "service__name_ar"]
    date_hierarchy = "period"
    autocomplete_fields = ["service"]
    list_select_related = ["service__agency", "channel"]
    readonly_fields = ["created_at", "updated_at"]
    # Millions of rows: skip the unfiltered COUNT(*) the changelist would run on every page.
    show_full_result_count = False
    ordering = ["-period", "service__code", "channel__code"]

    @admin.display(description="month", ordering="period")
    def period_label(self, obj):
        return f"{obj.period:%Y-%m}"

    @admin.display(description="agency", ordering="service__agency__code")
    def agency(self, obj):
        return obj.service.agency.code
