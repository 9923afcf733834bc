from __future__ import annotations

from django.contrib import admin

from .models import NotificationPreference, SentNotification, TelegramLink


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "lesson_tomorrow",
        "lesson_soon",
        "lesson_changed",
        "package_low",
        "channel",
    ]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]


@admin.register(SentNotification)
class SentNotificationAdmin(admin.ModelAdmin):
    list_display = ["sent_at", "user", "kind", "key"]
    list_filter = ["kind"]
    search_fields = ["user__email", "key"]
    raw_id_fields = ["user"]
    date_hierarchy = "sent_at"


@admin.register(TelegramLink)
class TelegramLinkAdmin(admin.ModelAdmin):
    list_display = ["user", "chat_id", "linked_at", "expires_at"]
    search_fields = ["user__email", "user__name"]
    raw_id_fields = ["user"]
