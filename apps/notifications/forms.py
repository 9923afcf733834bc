from __future__ import annotations

from django import forms

from .models import NotificationPreference


class NotificationPreferenceForm(forms.ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["lesson_tomorrow", "lesson_soon", "lesson_changed", "package_low"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not self.instance.user.is_teacher:
            del self.fields["package_low"]
