from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from django import forms
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User

from .models import MAX_LESSON_MINUTES, MIN_LESSON_MINUTES, Goal, GoalMeasure, Project

MAX_INTERVAL_WEEKS = 8

# Measures the product counts by itself; the others use the value the teacher enters.
COUNTED_MEASURES = frozenset(
    {GoalMeasure.LESSONS_HELD, GoalMeasure.WORDS_LEARNED, GoalMeasure.HOMEWORK_AVERAGE}
)


class ProjectForm(forms.ModelForm):
    """A project's details; the timetable is the SlotFormSet beside it."""

    class Meta:
        model = Project
        fields = [
            "title",
            "students",
            "language",
            "level",
            "start_date",
            "end_date",
            "lesson_limit",
            "lesson_duration",
            "price",
            "currency",
            "colour",
            "late_cancel_hours",
            "charge_late_cancel",
            "charge_no_show",
            "notes",
        ]
        widgets = {
            "students": forms.CheckboxSelectMultiple,
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "price": forms.NumberInput(attrs={"min": "0", "step": "0.01"}),
            "colour": forms.TextInput(attrs={"type": "color"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"notes": _("Only you see these notes.")}
        error_messages = {
            "students": {"required": _("Choose at least one student.")},
            "price": {"min_value": _("The price cannot be negative.")},
            "title": {"required": _("Give the project a title, e.g. “English B1 with Anna”.")},
            "start_date": {"required": _("Enter the date of the first lesson.")},
        }

    def __init__(self, *args, teacher: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.teacher = teacher
        # Only the teacher's own students; a project keeps a former student it already has.
        students = User.objects.filter(teacher_links__teacher=teacher)
        if self.instance.pk:
            students = students | User.objects.filter(student_projects=self.instance)
        self.fields["students"].queryset = students.distinct().order_by("name")
        self.fields["language"].empty_label = None
        # The model's default colour is random: no hidden "initial" copy to compare against.
        self.fields["colour"].show_hidden_initial = False

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


@dataclass(frozen=True)
class SlotRow:
    """One row of the timetable form: a weekly lesson time."""

    weekday: int  # 0 = Monday
    start_time: time
    duration: int | None  # None: the project's lesson duration
    interval: int  # every N weeks
    slot_id: int | None  # the timetable slot the row was shown for, None for a new row


class SlotForm(forms.Form):
    weekday = forms.TypedChoiceField(
        label=_("Day"), choices=sorted(WEEKDAYS.items()), coerce=int, initial=0
    )
    start_time = forms.TimeField(
        label=_("Start time"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={"required": _("Enter the time the lesson starts.")},
    )
    duration = forms.IntegerField(
        label=_("Minutes"),
        required=False,
        min_value=MIN_LESSON_MINUTES,
        max_value=MAX_LESSON_MINUTES,
    )
    interval = forms.IntegerField(
        label=_("Every N weeks"), min_value=1, max_value=MAX_INTERVAL_WEEKS, initial=1
    )
    slot = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def row(self) -> SlotRow:
        data = self.cleaned_data
        return SlotRow(
            weekday=data["weekday"],
            start_time=data["start_time"],
            duration=data["duration"],
            interval=data["interval"],
            slot_id=data["slot"],
        )


class BaseSlotFormSet(forms.BaseFormSet):
    def rows(self) -> list[SlotRow]:
        """The rows to keep: filled in and not marked for removal."""
        return [
            form.row()
            for form in self.forms
            if form.cleaned_data and not self._should_delete_form(form)
        ]


SlotFormSet = forms.formset_factory(
    SlotForm, formset=BaseSlotFormSet, extra=0, can_delete=True, max_num=14, validate_max=True
)
SLOT_PREFIX = "slots"


class GoalForm(forms.ModelForm):
    class Meta:
        model = Goal
        fields = ["text", "measure", "target_value", "manual_value", "target_date"]
        widgets = {
            "target_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "target_value": forms.NumberInput(attrs={"min": "0.01", "step": "any"}),
            "manual_value": forms.NumberInput(attrs={"min": "0", "step": "any"}),
        }
        help_texts = {
            "manual_value": _(
                "How far the student has got; not needed for lessons held, words learned "
                "or the homework average: those are counted."
            ),
        }
        error_messages = {
            "text": {"required": _("Describe the goal.")},
            "target_value": {
                "required": _("Enter the target, e.g. 20 lessons or 500 words."),
                "min_value": _("The target must be more than 0."),
            },
        }

    def clean(self) -> dict:
        data = super().clean()
        measure = data.get("measure")
        if measure in COUNTED_MEASURES:
            data["manual_value"] = None
        elif measure and data.get("manual_value") is None and "manual_value" not in self.errors:
            self.add_error(
                "manual_value", _("Enter the current value (0 if the student is just starting).")
            )
        elif data.get("manual_value") is not None and data["manual_value"] < 0:
            self.add_error("manual_value", _("The current value cannot be negative."))
        return data
