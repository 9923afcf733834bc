from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import CalendarFeed, DayOff, Lesson, TimetableSlot


class TimetableSlotInline(admin.TabularInline):
    """Shown on the project's page; saving the project brings its lessons in line."""

    model = TimetableSlot
    extra = 0
    fields = ["rrule", "start_time", "duration", "time_zone", "valid_from", "valid_until"]


@admin.register(Lesson)
class LessonAdmin(admin.ModelAdmin):
    list_display = ["start", "end", "project", "teacher", "status", "moved_by_hand", "slot"]
    list_filter = ["status", ("project__teacher", admin.RelatedOnlyFieldListFilter), "project"]
    list_select_related = ["project__teacher", "slot"]
    search_fields = ["project__title", "project__students__name", "note"]
    date_hierarchy = "start"
    autocomplete_fields = ["project"]
    readonly_fields = ["slot", "occurrence", "sequence", "created_at", "updated_at"]
    actions = ["cancel_by_teacher"]

    @admin.display(description=_("teacher"), ordering="project__teacher__name")
    def teacher(self, obj: Lesson):
        return obj.project.teacher

    def save_model(self, request, obj: Lesson, form, change: bool) -> None:
        # Keep the same bookkeeping as the services: a moved lesson no longer follows the
        # timetable, and calendars need a new revision for any change of time or status.
        if change and {"start", "end"} & set(form.changed_data):
            obj.moved_by_hand = True
        if change and {"start", "end", "status"} & set(form.changed_data):
            obj.sequence += 1
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Cancel selected lessons (by the teacher)"))
    def cancel_by_teacher(self, request, queryset):
        cancelled = services.lessons_cancel(lessons=queryset, by_teacher=True)
        self.message_user(
            request,
            ngettext("%(count)d lesson cancelled.", "%(count)d lessons cancelled.", cancelled)
            % {"count": cancelled},
            messages.SUCCESS,
        )


@admin.register(DayOff)
class DayOffAdmin(admin.ModelAdmin):
    list_display = ["start_date", "end_date", "teacher", "project", "reason"]
    list_filter = [("teacher", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["teacher", "project"]
    search_fields = ["reason", "teacher__name", "project__title"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["teacher", "project"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__name", "user__email"]
    list_select_related = ["user"]
    readonly_fields = ["token", "created_at"]
    autocomplete_fields = ["user"]
