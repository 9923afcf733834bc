from __future__ import annotations

from django.contrib import admin

from .models import ReviewLog, StudentSettings, Word, WordList


@admin.register(WordList)
class WordListAdmin(admin.ModelAdmin):
    list_display = ["name", "student", "project", "created_at"]
    list_filter = [("student", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["student", "project"]
    search_fields = ["name", "student__name", "student__email"]
    autocomplete_fields = ["student"]
    raw_id_fields = ["project"]
    readonly_fields = ["created_at"]


@admin.register(Word)
class WordAdmin(admin.ModelAdmin):
    list_display = ["text", "translation", "student", "language", "word_list", "state", "due"]
    list_filter = ["state", "language", "source", ("student", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["student", "language", "word_list"]
    search_fields = ["text", "translation", "student__name", "student__email"]
    autocomplete_fields = ["student"]
    raw_id_fields = ["word_list", "entry", "added_by"]
    readonly_fields = ["card", "due", "state", "created_at"]
    date_hierarchy = "due"


@admin.register(ReviewLog)
class ReviewLogAdmin(admin.ModelAdmin):
    list_display = ["word", "rating", "mode", "reviewed_at", "review_duration", "state_before"]
    list_filter = ["rating", "mode"]
    list_select_related = ["word"]
    search_fields = ["word__text", "word__student__name"]
    date_hierarchy = "reviewed_at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(StudentSettings)
class StudentSettingsAdmin(admin.ModelAdmin):
    list_display = ["student", "desired_retention"]
    search_fields = ["student__name", "student__email"]
    autocomplete_fields = ["student"]
