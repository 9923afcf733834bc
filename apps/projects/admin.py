from __future__ import annotations

from django.contrib import admin

from apps.scheduling import services as scheduling
from apps.scheduling.admin import TimetableSlotInline

from .models import Goal, Language, Project


@admin.register(Language)
class LanguageAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_ru"]
    search_fields = ["code", "name", "name_ru"]


class GoalInline(admin.TabularInline):
    model = Goal
    extra = 0
    fields = ["text", "measure", "target_value", "manual_value", "target_date"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "teacher", "language", "level", "status", "start_date", "end_date"]
    list_filter = ["status", "language", ("teacher", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["teacher", "language"]
    search_fields = ["title", "students__name"]
    autocomplete_fields = ["teacher", "students"]
    readonly_fields = ["created_at"]
    inlines = [GoalInline, TimetableSlotInline]

    def save_related(self, request, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        # Slots, dates, limit or status may have changed: bring the future lessons in line.
        scheduling.project_timetable_changed(project=form.instance)
