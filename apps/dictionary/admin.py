from __future__ import annotations

from django.contrib import admin

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
    list_display = ["headword", "language", "part_of_speech", "gender", "frequency", "level"]
    list_filter = ["language", "part_of_speech", "gender", "level"]
    list_select_related = ["language"]
    search_fields = ["headword", "headword_folded"]
    filter_horizontal = ["sources"]
    inlines = [SenseInline, ExampleInline, AudioInline, PictureInline]


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
