"""Exercises teachers build and students do: categories, exercises, their items, attempts.

An exercise has one kind (gap fill, matching, ...) and a list of items. What an item holds
depends on the kind and lives in `Item.data` (JSON); `apps/exercises/kinds.py` describes and
validates each shape, and the checkers there mark a student's answers on the server.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.projects.models import Language, Level


class Category(models.Model):
    """A node of the category tree, e.g. Grammar > Tenses > Present Perfect."""

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"], name="category_unique_name_in_parent"
            ),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent=None), name="category_unique_root_name"
            ),
        ]

    def __str__(self) -> str:
        return " › ".join(c.name for c in self.ancestry())

    def ancestry(self) -> list[Category]:
        """This category and its parents, root first."""
        chain: list[Category] = []
        node: Category | None = self
        while node is not None and len(chain) < 20:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=50, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    SINGLE_CHOICE = "single_choice", _("single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("multiple choice")
    GAP_FILL = "gap_fill", _("gap fill, typed")
    GAP_SELECT = "gap_select", _("gap fill with a drop-down")
    GAP_DRAG = "gap_drag", _("drag words into gaps")
    MATCHING = "matching", _("matching pairs")
    WORD_ORDER = "word_order", _("word order")
    CATEGORISE = "categorise", _("categorise")
    TRUE_FALSE = "true_false", _("true or false")
    FREE_ANSWER = "free_answer", _("free answer")


class Tolerance(models.TextChoices):
    EXACT = "exact", _("exact")
    IGNORE_CASE = "ignore_case", _("ignore case")
    ACCENTS = "accents", _("ignore case, accept missing accents with a warning")


class LibraryState(models.TextChoices):
    """Where an exercise stands with the shared library."""

    PRIVATE = "private", _("private")
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("in the library")
    REJECTED = "rejected", _("rejected")


class ExerciseQuerySet(models.QuerySet["Exercise"]):
    def library(self) -> ExerciseQuerySet:
        return self.filter(library_state=LibraryState.APPROVED)

    def visible_to_teacher(self, user) -> ExerciseQuerySet:
        """A teacher's own exercises and the shared library."""
        return self.filter(Q(author=user) | Q(library_state=LibraryState.APPROVED))


class Exercise(models.Model):
    Kind = Kind
    Tolerance = Tolerance
    LibraryState = LibraryState

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exercises",
        verbose_name=_("author"),
        help_text=_("Empty for the platform's own exercises."),
    )
    title = models.CharField(_("title"), max_length=200)
    instructions = models.TextField(_("instructions"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="exercises", verbose_name=_("language")
    )
    level = models.CharField(_("level"), max_length=2, choices=Level.choices, blank=True)
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exercises",
        verbose_name=_("category"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="exercises", verbose_name=_("tags"))
    tolerance = models.CharField(
        _("typed answers"),
        max_length=12,
        choices=Tolerance.choices,
        default=Tolerance.IGNORE_CASE,
        help_text=_("How strictly typed answers are compared."),
    )
    library_state = models.CharField(
        _("library"), max_length=10, choices=LibraryState.choices, default=LibraryState.PRIVATE
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        verbose_name = _("exercise")
        verbose_name_plural = _("exercises")
        ordering = ["title", "pk"]
        indexes = [models.Index(fields=["library_state", "language"])]

    def __str__(self) -> str:
        return self.title

    @property
    def needs_human(self) -> bool:
        return self.kind == Kind.FREE_ANSWER


def item_media_path(item: Item, filename: str) -> str:
    return f"exercises/{item.exercise_id}/{filename}"


class Item(models.Model):
    """One question of an exercise; `data` holds what the exercise's kind needs."""

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="items", verbose_name=_("exercise")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    data = models.JSONField(_("content"), default=dict)
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown to the student after checking.")
    )
    audio = models.FileField(_("audio"), upload_to=item_media_path, blank=True)
    image = models.FileField(_("image"), upload_to=item_media_path, blank=True)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["exercise", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.exercise} #{self.position + 1}"


class Attempt(models.Model):
    """One go of a student at an exercise: the answers, the marks, the score.

    `results` holds one entry per item, in the exercise's order, as the checker produced it
    (and, for items a human marks, as the teacher marked them). `score` is a percentage; it stays
    empty while items wait for the teacher.
    """

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="attempts", verbose_name=_("exercise")
    )
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attempts",
        verbose_name=_("student"),
    )
    answers = models.JSONField(_("answers"), default=dict)
    results = models.JSONField(_("results"), default=list)
    points = models.DecimalField(_("points"), max_digits=7, decimal_places=2, default=0)
    max_points = models.DecimalField(_("out of"), max_digits=7, decimal_places=2, default=0)
    score = models.PositiveSmallIntegerField(_("score, %"), null=True, blank=True)
    needs_review = models.BooleanField(_("waits for the teacher"), default=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_attempts",
        verbose_name=_("marked by"),
    )
    reviewed_at = models.DateTimeField(_("marked"), null=True, blank=True)
    comment = models.TextField(_("teacher's comment"), blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("checked"), auto_now_add=True)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["-finished_at", "-pk"]
        indexes = [models.Index(fields=["student", "exercise", "-finished_at"])]

    def __str__(self) -> str:
        return f"{self.student} · {self.exercise}"

    @property
    def duration_seconds(self) -> int | None:
        if self.started_at is None:
            return None
        return max(0, int((self.finished_at - self.started_at).total_seconds()))
