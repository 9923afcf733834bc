from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.projects.models import MAX_LESSON_MINUTES, MIN_LESSON_MINUTES, Project, ProjectStatus


class Scope:
    THIS = "this"
    FOLLOWING = "following"
    CHOICES = [(THIS, _("This lesson only")), (FOLLOWING, _("This and all following lessons"))]


class LessonTimeForm(forms.Form):
    """A date, a start time and a duration, read in the teacher's zone."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    time = forms.TimeField(
        label=_("Start"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    duration = forms.IntegerField(
        label=_("Duration, minutes"), min_value=MIN_LESSON_MINUTES, max_value=MAX_LESSON_MINUTES
    )
    confirm_conflict = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, zone: zoneinfo.ZoneInfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.zone = zone

    def start(self) -> datetime:
        """The chosen start as an aware datetime; a time in a daylight-saving gap moves forward."""
        naive = datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        return naive.replace(tzinfo=self.zone, fold=0)

    def end(self) -> datetime:
        # Counted in UTC: an hour's lesson across a daylight-saving change still lasts an hour.
        return self.start().astimezone(UTC) + timedelta(minutes=self.cleaned_data["duration"])


class LessonMoveForm(LessonTimeForm):
    scope = forms.ChoiceField(
        label=_("Change"), choices=Scope.CHOICES, initial=Scope.THIS, widget=forms.RadioSelect
    )

    def __init__(self, *args, has_timetable: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_timetable:
            del self.fields["scope"]


class LessonCreateForm(LessonTimeForm):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())

    field_order = ["project", "date", "time", "duration"]

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = (
            Project.objects.for_teacher(teacher)
            .exclude(status=ProjectStatus.FINISHED)
            .order_by("title")
        )


class LessonCancelForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("Cancel"), choices=Scope.CHOICES, initial=Scope.THIS, widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        # Its own ids: the move form on the same dialog has a "scope" field too.
        kwargs.setdefault("auto_id", "id_cancel_%s")
        super().__init__(*args, **kwargs)


class LessonNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class DayOffForm(forms.Form):
    start_date = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end_date = forms.DateField(
        label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    project = forms.ModelChoiceField(
        label=_("Project"),
        queryset=Project.objects.none(),
        required=False,
        empty_label=_("All my projects"),
    )
    reason = forms.CharField(label=_("Reason"), max_length=200, required=False)

    def __init__(self, *args, teacher, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.for_teacher(teacher).order_by("title")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The last day cannot be before the first."))
        return cleaned
