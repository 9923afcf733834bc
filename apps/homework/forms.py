from __future__ import annotations

import zoneinfo
from datetime import datetime

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.projects.models import Project

from .selectors import exercises_for_teacher

MAX_FILE_BYTES = 10 * 1024 * 1024
DOCUMENT_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def validate_upload(upload) -> None:
    """A PDF, a Word document, a picture or a recording of at most 10 MB, judged by content."""
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."))
    position = upload.tell() if hasattr(upload, "tell") else 0
    head = upload.read(8192)
    upload.seek(position)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if not (
        mime in DOCUMENT_TYPES
        or mime.startswith("image/")
        or mime.startswith("audio/")
        or mime == "video/webm"  # browsers record audio as WebM
    ):
        raise ValidationError(
            _("This file type is not accepted: send a PDF, a Word document, a picture or audio.")
        )


class HomeworkForm(forms.Form):
    student = forms.ModelChoiceField(label=_("Student"), queryset=User.objects.none())
    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(
        label=_("Task"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    link = forms.URLField(label=_("Link"), required=False, max_length=500, assume_scheme="https")
    attachment = forms.FileField(
        label=_("File"),
        required=False,
        validators=[validate_upload],
        help_text=_("PDF, Word, a picture or audio, up to 10 MB."),
    )
    clear_attachment = forms.BooleanField(label=_("Remove the file"), required=False)
    due_date = forms.DateField(
        label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    due_time = forms.TimeField(
        label=_("Due time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    exercises = forms.ModelMultipleChoiceField(
        label=_("Exercises"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self,
        *args,
        teacher: User,
        project: Project,
        zone: zoneinfo.ZoneInfo,
        editing: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.zone = zone
        self.fields["student"].queryset = project.students.order_by("name")
        self.fields["exercises"].queryset = exercises_for_teacher(teacher)
        if editing:
            del self.fields["student"]
        else:
            del self.fields["clear_attachment"]

    def clean(self):
        data = super().clean()
        has_task = any(data.get(name) for name in ("text", "link", "exercises", "attachment"))
        if not has_task and not self.has_error("text"):
            raise ValidationError(
                _("Give a task: some text, a link, a file or at least one exercise.")
            )
        return data

    def due_at(self) -> datetime:
        return datetime.combine(
            self.cleaned_data["due_date"], self.cleaned_data["due_time"], tzinfo=self.zone
        )

    def chosen_exercises(self) -> list:
        """The ticked exercises in the order they were listed."""
        order = [int(pk) for pk in self.data.getlist("exercises") if str(pk).isdigit()]
        chosen = {exercise.pk: exercise for exercise in self.cleaned_data["exercises"]}
        return [chosen[pk] for pk in dict.fromkeys(order) if pk in chosen]


class AnswerForm(forms.Form):
    answer_text = forms.CharField(
        label=_("Your answer"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    answer_file = forms.FileField(
        label=_("Attach a file"),
        required=False,
        validators=[validate_upload],
        help_text=_("PDF, Word, a picture or audio, up to 10 MB."),
    )


class ReviewForm(forms.Form):
    grade = forms.IntegerField(
        label=_("Mark, %"),
        required=False,
        min_value=0,
        max_value=100,
        help_text=_("Leave empty for the average of the exercises' scores."),
    )
    comment = forms.CharField(
        label=_("Comment for the student"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
