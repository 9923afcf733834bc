"""Homework a teacher gives a student of a project: a free task, files, links and exercises.

The state goes assigned → submitted → checked. "Overdue" is not stored as a state: it is an
assigned homework whose due time has passed (`overdue_at` records when the nightly task first
saw it overdue, so it is reported once).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.projects.models import Project


class HomeworkState(models.TextChoices):
    ASSIGNED = "assigned", _("assigned")
    SUBMITTED = "submitted", _("submitted")
    CHECKED = "checked", _("checked")


# What a badge shows: the stored states and the computed one.
BADGE_LABELS = {
    "assigned": _("homework given"),
    "submitted": _("homework submitted"),
    "checked": _("homework checked"),
    "overdue": _("homework overdue"),
}


def homework_upload_path(homework: Homework, filename: str) -> str:
    """A directory nobody can guess: /media/ is served by nginx without asking the app, so a
    file's address is what keeps a student's work and a teacher's handout private."""
    return f"homework/{homework.project_id}/{uuid.uuid4().hex}/{filename}"


class HomeworkQuerySet(models.QuerySet["Homework"]):
    def for_teacher(self, user) -> HomeworkQuerySet:
        return self.filter(project__teacher=user)

    def for_student(self, user) -> HomeworkQuerySet:
        return self.filter(student=user)

    def overdue(self, now: datetime | None = None) -> HomeworkQuerySet:
        return self.filter(state=HomeworkState.ASSIGNED, due_at__lt=now or timezone.now())

    def open(self) -> HomeworkQuerySet:
        return self.filter(state=HomeworkState.ASSIGNED)


class Homework(models.Model):
    State = HomeworkState

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="homework", verbose_name=_("project")
    )
    lesson = models.ForeignKey(
        "scheduling.Lesson",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homework",
        verbose_name=_("lesson"),
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="homework",
        verbose_name=_("student"),
    )
    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="homework_given",
        verbose_name=_("teacher"),
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("task"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    attachment = models.FileField(_("file"), upload_to=homework_upload_path, blank=True)
    due_at = models.DateTimeField(_("due"))
    state = models.CharField(
        _("state"), max_length=10, choices=HomeworkState.choices, default=HomeworkState.ASSIGNED
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    checked_at = models.DateTimeField(_("checked"), null=True, blank=True)
    overdue_at = models.DateTimeField(_("seen overdue"), null=True, blank=True, editable=False)
    grade = models.PositiveSmallIntegerField(
        _("mark, %"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    comment = models.TextField(_("teacher's comment"), blank=True)
    answer_text = models.TextField(_("answer"), blank=True)
    answer_file = models.FileField(_("answer file"), upload_to=homework_upload_path, blank=True)

    objects = HomeworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("homework")
        verbose_name_plural = _("homework")
        ordering = ["due_at", "pk"]
        indexes = [
            models.Index(fields=["student", "state", "due_at"], name="homework_student_state"),
            models.Index(fields=["project", "state"], name="homework_project_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in HomeworkState]),
                name="homework_state_valid",
            ),
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | Q(grade__lte=100), name="homework_grade_range"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def attachment_filename(self) -> str:
        return PurePosixPath(self.attachment.name).name

    @property
    def answer_filename(self) -> str:
        return PurePosixPath(self.answer_file.name).name

    @property
    def is_overdue(self) -> bool:
        return self.state == HomeworkState.ASSIGNED and self.due_at < timezone.now()

    @property
    def badge(self) -> str:
        """assigned, submitted, checked or overdue."""
        return "overdue" if self.is_overdue else self.state

    @property
    def badge_label(self) -> str:
        return str(BADGE_LABELS[self.badge])

    @property
    def is_editable(self) -> bool:
        """The teacher may change or delete it until the student submits."""
        return self.state == HomeworkState.ASSIGNED


class HomeworkExercise(models.Model):
    """An exercise of a homework; `attempt` is the student's attempt that counts (set when the
    homework is submitted), `score` the percentage it earned once checked."""

    homework = models.ForeignKey(
        Homework, on_delete=models.CASCADE, related_name="items", verbose_name=_("homework")
    )
    exercise = models.ForeignKey(
        "exercises.Exercise",
        on_delete=models.CASCADE,
        related_name="homework_items",
        verbose_name=_("exercise"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    attempt = models.ForeignKey(
        "exercises.Attempt",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="homework_items",
        verbose_name=_("attempt"),
    )
    score = models.PositiveSmallIntegerField(
        _("score, %"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta:
        verbose_name = _("homework exercise")
        verbose_name_plural = _("homework exercises")
        ordering = ["homework", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["homework", "exercise"], name="homework_exercise_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.homework} · {self.exercise}"
