from __future__ import annotations

from django import forms
from django.conf import settings

from .models import NotificationPreference, TelegramLink


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = [
            "lesson_tomorrow",
            "lesson_soon",
            "lesson_changed",
            "package_low",
            "homework_assigned",
            "homework_due",
            "channel",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.user.is_teacher:
            del self.fields["package_low"]
        else:
            # Homework reminders are the students'.
            del self.fields["homework_assigned"]
            del self.fields["homework_due"]
        # The choice of Telegram is offered once a chat is linked.
        user = self.instance.user
        if not (
            settings.TELEGRAM_BOT_TOKEN
            and TelegramLink.objects.filter(user=user, chat_id__isnull=False).exists()
        ):
            del self.fields["channel"]
