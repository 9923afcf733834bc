from __future__ import annotations

from django.contrib import admin
from django.db import models

from .models import Homework, HomeworkExercise


class ReadOnlyAdmin(admin.ModelAdmin):
    """Homework is the teachers' and students' own; the administration only looks."""

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class HomeworkExerciseInline(admin.TabularInline):
    model = HomeworkExercise
    fields = ["position", "exercise", "attempt", "score"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Homework)
class HomeworkAdmin(ReadOnlyAdmin):
    list_display = ["title", "student", "teacher", "project", "state", "due_at", "grade"]
    list_filter = ["state", "due_at", "teacher"]
    search_fields = ["title", "student__email", "student__name", "teacher__email"]
    date_hierarchy = "due_at"
    list_select_related = ["student", "teacher", "project"]
    inlines = [HomeworkExerciseInline]


@admin.register(HomeworkExercise)
class HomeworkExerciseAdmin(ReadOnlyAdmin):
    list_display = ["homework", "exercise", "position", "score"]
    list_filter = ["homework__state", "homework__due_at", "homework__teacher"]
    search_fields = ["homework__title", "exercise__title"]
    list_select_related = ["homework", "exercise"]
