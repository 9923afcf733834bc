from __future__ import annotations

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import services
from .models import Audio, Entry, Example, Picture, Sense, Source, Translation


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "licence"]
    search_fields = ["name", "slug"]


class SenseInline(admin.TabularInline):
    model = Sense
    extra = 0
    fields = ["position", "definition", "note"]
    show_change_link = True


class ExampleInline(admin.TabularInline):
    model = Example
    extra = 0
    fields = ["text", "translation", "sense", "source"]


class AudioInline(admin.TabularInline):
    model = Audio
    extra = 0
    fields = ["file", "content_type", "origin", "voice", "uploaded_by"]
    readonly_fields = ["uploaded_by"]


class PictureInline(admin.TabularInline):
    model = Picture
    extra = 0
    fields = ["file", "attribution", "source", "uploaded_by"]
    readonly_fields = ["uploaded_by"]


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    # Who suggested a word and when come before the imported figures: the moderation queue
    # is read on a narrow screen too.
    list_display = [
        "headword",
        "language",
        "part_of_speech",
        "gender",
        "status",
        "contributed_by",
        "created_at",
        "frequency",
        "level",
    ]
    # "Waiting for moderation" is one click away: the status filter.
    list_filter = ["status", "language", "part_of_speech", "gender", "level"]
    list_select_related = ["language", "contributed_by"]
    search_fields = ["headword", "headword_folded"]
    filter_horizontal = ["sources"]
    raw_id_fields = ["contributed_by"]
    inlines = [SenseInline, ExampleInline, AudioInline, PictureInline]
    actions = ["publish"]

    def save_model(self, request, obj, form, change):
        """Publishing on the change page (the status field) tells the contributor too."""
        was_pending = (
            change and Entry.objects.filter(pk=obj.pk, status=Entry.Status.PENDING).exists()
        )
        super().save_model(request, obj, form, change)
        if was_pending and obj.status == Entry.Status.PUBLISHED:
            services.entry_published_tell(entry=obj, by=request.user)

    @admin.action(description=_("Publish the selected entries"))
    def publish(self, request, queryset):
        # The contributors are told by e-mail.
        count = services.entry_publish(
            entry_ids=queryset.values_list("pk", flat=True), by=request.user
        )
        self.message_user(
            request,
            ngettext("%(count)d entry is published.", "%(count)d entries are published.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class TranslationInline(admin.TabularInline):
    model = Translation
    extra = 0
    fields = ["language", "text", "gender", "position", "source"]


@admin.register(Sense)
class SenseAdmin(admin.ModelAdmin):
    list_display = ["__str__", "definition", "note"]
    list_select_related = ["entry"]
    search_fields = ["entry__headword", "definition"]
    raw_id_fields = ["entry"]
    inlines = [TranslationInline]
