"""Admin for data stewards: the catalogue, searchable in English and Arabic."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Agency, Channel, Service


class ElectronicServiceFilter(admin.SimpleListFilter):
    title = _("electronic")
    parameter_name = "electronic"

    def lookups(self, request, model_admin):
        return [("yes", _("Electronic")), ("no", _("Not electronic yet"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(electronic_since__isnull=False)
        if self.value() == "no":
            return queryset.filter(electronic_since__isnull=True)
        return queryset


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ar", "kind", "parent", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name_en", "name_ar"]
    autocomplete_fields = ["parent"]
    list_select_related = ["parent"]


@admin.register(Channel)
class ChannelAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "name_ar", "is_electronic"]
    list_filter = ["is_electronic"]
    search_fields = ["code", "name_en", "name_ar"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name_en",
        "name_ar",
        "agency",
        "sector",
        "electronic_since",
        "retired_on",
    ]
    list_filter = [ElectronicServiceFilter, "sector", "agency", "channels"]
    search_fields = ["code", "name_en", "name_ar", "agency__code", "agency__name_en"]
    autocomplete_fields = ["agency"]
    filter_horizontal = ["channels"]
    list_select_related = ["agency"]
    date_hierarchy = "electronic_since"
