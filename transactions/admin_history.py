"""Admin of count history and submissions (read-only), and the mixin that makes the count
admin write through the API's write path. Imported by the app's admin."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from egov_api.errors import DomainError, FieldError

from .models import CountHistory, Submission
from .writes import RawRow, Writer, check_counts, delete_count, submit_count, update_count


class ReadOnlyAdmin(admin.ModelAdmin):
    """History is written by the write path only: nobody adds, edits or deletes it here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CountHistoryInline(admin.TabularInline):
    """A count's history, for the admin page of the count."""

    model = CountHistory
    fields = ("count_id", "service", "channel", "period", "action", "old_count", "new_count")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CountHistory)
class CountHistoryAdmin(ReadOnlyAdmin):
    list_display = (
        "changed_at",
        "count_id",
        "service",
        "channel",
        "period",
        "action",
        "old_count",
        "new_count",
        "api_key",
        "user",
        "submission",
    )
    list_filter = ("action", "channel", "changed_at")
    list_select_related = ("service", "channel", "api_key", "user", "submission")
    search_fields = ("service__code", "=count__id", "api_key__prefix", "api_key__name")
    date_hierarchy = "changed_at"
    ordering = ("-changed_at", "-id")


@admin.register(Submission)
class SubmissionAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "created_at",
        "source",
        "api_key",
        "user",
        "rows",
        "created",
        "updated",
        "unchanged",
        "deleted",
        "note",
    )
    list_filter = ("source", "created_at")
    list_select_related = ("api_key", "user")
    search_fields = ("=id", "api_key__prefix", "api_key__name", "user__username", "note")
    date_hierarchy = "created_at"
    # A bulk submission's changes can run to tens of thousands: link to them, don't inline them.
    readonly_fields = ("changes_link",)

    @admin.display(description="Changes")
    def changes_link(self, obj):
        url = reverse("admin:transactions_counthistory_changelist")
        changes = obj.created + obj.updated + obj.deleted
        return format_html(
            '<a href="{}?submission__id__exact={}">{} change(s)</a>', url, obj.pk, changes
        )


class CountWritesMixin:
    """Mixin for the admin of monthly counts: adding, correcting and deleting a count go
    through the API's write path, so the same checks apply and the history names the steward.

    An existing count's service, channel and month are read-only (only its value changes);
    its history is shown below it.
    """

    inlines = [CountHistoryInline]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            fields += [name for name in ("service", "channel", "period") if name not in fields]
        return fields

    def get_form(self, request, obj=None, **kwargs):
        base = super().get_form(request, obj, **kwargs)
        writer = Writer(user=request.user)

        class CheckedForm(base):
            def clean(self):
                cleaned = super().clean()
                row = _row_of(self.instance, cleaned)
                if row is None:
                    return cleaned  # a field is already in error
                try:
                    check_counts([row], writer=writer, numbered=False)
                except DomainError as exc:
                    for error in exc.errors or [FieldError(None, str(exc.detail), exc.code)]:
                        field = error.field if error.field in self.fields else None
                        self.add_error(field, str(error.message))
                return cleaned

        return CheckedForm

    def save_model(self, request, obj, form, change):
        writer = Writer(user=request.user)
        if change:
            update_count(obj.pk, data={"count": obj.count}, writer=writer)
        else:
            report = submit_count(
                {
                    "service": obj.service.code,
                    "channel": obj.channel.code,
                    "period": f"{obj.period:%Y-%m}",
                    "count": obj.count,
                },
                writer=writer,
            )
            obj.pk = report.count_id
        obj.refresh_from_db()

    def delete_model(self, request, obj):
        delete_count(obj.pk, writer=Writer(user=request.user))

    def delete_queryset(self, request, queryset):
        writer = Writer(user=request.user)
        for pk in queryset.values_list("pk", flat=True):
            delete_count(pk, writer=writer)


def _row_of(instance, cleaned) -> RawRow | None:
    """Return the row a count form would write, or None while a field is missing."""
    service = cleaned.get("service", instance.service if instance.pk else None)
    channel = cleaned.get("channel", instance.channel if instance.pk else None)
    period = cleaned.get("period", instance.period if instance.pk else None)
    count = cleaned.get("count")
    if None in (service, channel, period, count):
        return None
    return RawRow(1, service.code, channel.code, f"{period:%Y-%m}", count)
