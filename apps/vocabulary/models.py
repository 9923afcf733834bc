"""A student's own words, each with a spaced-repetition card scheduled by FSRS.

The card is stored as `fsrs.Card.to_dict()` in `card`; `due` and `state` repeat two of its fields
as columns so that "due today" and "learned" are plain indexed queries.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from fsrs import Card

from apps.dictionary.models import Gender, fold

MIN_RETENTION = 0.7
MAX_RETENTION = 0.97
DEFAULT_RETENTION = 0.9


class CardState(models.IntegerChoices):
    """fsrs.State, with labels."""

    LEARNING = 1, _("learning")
    REVIEW = 2, _("learned")
    RELEARNING = 3, _("relearning")


class Rating(models.IntegerChoices):
    """fsrs.Rating, with labels."""

    AGAIN = 1, _("Again")
    HARD = 2, _("Hard")
    GOOD = 3, _("Good")
    EASY = 4, _("Easy")


class ReviewMode(models.TextChoices):
    RECOGNISE = "recognise", _("Recognise")
    RECALL = "recall", _("Recall")
    TYPE = "type", _("Type the answer")
    GENDER = "gender", _("Gender")


class WordSource(models.TextChoices):
    MANUAL = "manual", _("added by hand")
    ENTRY = "entry", _("from the dictionary")
    LESSON = "lesson", _("from a lesson")
    EXERCISE = "exercise", _("from an exercise")


class WordList(models.Model):
    """A student's list of words: per project or per topic."""

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="word_lists",
        verbose_name=_("student"),
    )
    name = models.CharField(_("name"), max_length=100)
    project = models.ForeignKey(
        "projects.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="word_lists",
        verbose_name=_("project"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("word list")
        verbose_name_plural = _("word lists")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["student", "name"], name="wordlist_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Word(models.Model):
    Source = WordSource

    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="words",
        verbose_name=_("student"),
    )
    word_list = models.ForeignKey(
        WordList,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="words",
        verbose_name=_("list"),
    )
    entry = models.ForeignKey(
        "dictionary.Entry",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dictionary entry"),
    )
    text = models.CharField(_("word"), max_length=200)
    text_folded = models.CharField(max_length=200, editable=False, db_index=True)
    translation = models.CharField(_("translation"), max_length=300)
    language = models.ForeignKey(
        "projects.Language", on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    gender = models.CharField(
        _("gender"), max_length=2, choices=Gender.choices, blank=True, default=""
    )
    context = models.TextField(
        _("context"), blank=True, help_text=_("The sentence the word came with.")
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("added by"),
    )
    source = models.CharField(
        _("source"), max_length=10, choices=WordSource.choices, default=WordSource.MANUAL
    )
    source_note = models.CharField(_("source note"), max_length=200, blank=True)
    card = models.JSONField(_("card"), default=dict, help_text=_("FSRS card state."))
    due = models.DateTimeField(_("due"), db_index=True)
    state = models.PositiveSmallIntegerField(
        _("state"), choices=CardState.choices, default=CardState.LEARNING
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        verbose_name = _("word")
        verbose_name_plural = _("words")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "entry"],
                condition=Q(entry__isnull=False),
                name="word_unique_entry",
            ),
            models.UniqueConstraint(
                fields=["student", "language", "text"],
                condition=Q(entry__isnull=True),
                name="word_unique_text",
            ),
            models.CheckConstraint(condition=Q(state__in=[1, 2, 3]), name="word_state_valid"),
        ]
        indexes = [models.Index(fields=["student", "due"], name="word_student_due")]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs):
        self.text_folded = fold(self.text)
        if not self.card:
            self.set_card(Card())
        super().save(*args, **kwargs)

    def get_card(self) -> Card:
        return Card.from_dict(self.card)

    def set_card(self, card: Card) -> None:
        self.card = card.to_dict()
        self.due = card.due
        self.state = int(card.state)

    @property
    def is_learned(self) -> bool:
        return self.state == CardState.REVIEW

    @property
    def has_gender(self) -> bool:
        """A French noun whose article is le or la: the gender mode can ask it."""
        return self.gender in (Gender.MASCULINE, Gender.FEMININE)


class ReviewLog(models.Model):
    word = models.ForeignKey(
        Word, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("word")
    )
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)
    reviewed_at = models.DateTimeField(_("reviewed at"), db_index=True)
    mode = models.CharField(_("mode"), max_length=10, choices=ReviewMode.choices)
    review_duration = models.PositiveIntegerField(
        _("duration, ms"), null=True, blank=True, help_text=_("How long the answer took.")
    )
    state_before = models.PositiveSmallIntegerField(
        _("state before"), choices=CardState.choices, default=CardState.LEARNING
    )

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["-reviewed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=4), name="reviewlog_rating_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.word} · {self.get_rating_display()}"


class StudentSettings(models.Model):
    student = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="vocabulary_settings",
        verbose_name=_("student"),
    )
    desired_retention = models.FloatField(
        _("desired retention"),
        default=DEFAULT_RETENTION,
        validators=[MinValueValidator(MIN_RETENTION), MaxValueValidator(MAX_RETENTION)],
        help_text=_(
            "The share of words you want to still remember when they come up for review. "
            "Higher means more frequent reviews."
        ),
    )

    class Meta:
        verbose_name = _("vocabulary settings")
        verbose_name_plural = _("vocabulary settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(desired_retention__gte=MIN_RETENTION)
                & Q(desired_retention__lte=MAX_RETENTION),
                name="studentsettings_retention_range",
            ),
        ]

    def __str__(self) -> str:
        return str(self.student)
