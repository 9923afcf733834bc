from __future__ import annotations

import random
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Ten colours for projects in the calendar. Each has a contrast ratio of at least 4.5:1 against
# white text (WCAG AA for normal text); a test checks it.
PALETTE = [
    "#1d4ed8",  # blue
    "#15803d",  # green
    "#b91c1c",  # red
    "#7e22ce",  # purple
    "#0f766e",  # teal
    "#be185d",  # pink
    "#4338ca",  # indigo
    "#c2410c",  # orange
    "#854d0e",  # brown
    "#475569",  # slate
]


def default_colour() -> str:
    """A colour from the palette, so that a teacher's new projects rarely look alike."""
    return random.choice(PALETTE)


MIN_LESSON_MINUTES = 15
MAX_LESSON_MINUTES = 480


class Language(models.Model):
    """A language that is taught."""

    code = models.CharField(
        _("code"), max_length=8, unique=True, help_text=_("For example en, fr.")
    )
    name = models.CharField(_("name in English"), max_length=64)
    name_ru = models.CharField(_("name in Russian"), max_length=64)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["name"]

    def __str__(self) -> str:
        if (translation.get_language() or "").split("-")[0] == "ru":
            return self.name_ru or self.name
        return self.name


class Level(models.TextChoices):
    A1 = "A1", _("A1 Beginner")
    A2 = "A2", _("A2 Elementary")
    B1 = "B1", _("B1 Intermediate")
    B2 = "B2", _("B2 Upper intermediate")
    C1 = "C1", _("C1 Advanced")
    C2 = "C2", _("C2 Proficient")


class Currency(models.TextChoices):
    RUB = "RUB", _("Russian rouble")
    EUR = "EUR", _("Euro")
    USD = "USD", _("US dollar")
    GBP = "GBP", _("Pound sterling")


class ProjectStatus(models.TextChoices):
    ACTIVE = "active", _("active")
    PAUSED = "paused", _("paused")
    FINISHED = "finished", _("finished")


class ProjectQuerySet(models.QuerySet["Project"]):
    def for_teacher(self, user) -> ProjectQuerySet:
        return self.filter(teacher=user)

    def for_student(self, user) -> ProjectQuerySet:
        return self.filter(students=user)

    def active(self) -> ProjectQuerySet:
        return self.filter(status=ProjectStatus.ACTIVE)


class Project(models.Model):
    """A course a teacher gives one student or a small group: a language, a timetable, a price."""

    Status = ProjectStatus

    teacher = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="projects",
        verbose_name=_("teacher"),
    )
    students = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="student_projects", verbose_name=_("students")
    )
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="projects", verbose_name=_("language")
    )
    level = models.CharField(_("level"), max_length=2, choices=Level.choices)
    title = models.CharField(_("title"), max_length=200)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Leave empty for no fixed end.")
    )
    lesson_limit = models.PositiveSmallIntegerField(
        _("number of lessons"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("End after this many lessons; leave empty for no limit."),
    )
    lesson_duration = models.PositiveSmallIntegerField(
        _("lesson duration, minutes"),
        default=60,
        validators=[MinValueValidator(MIN_LESSON_MINUTES), MaxValueValidator(MAX_LESSON_MINUTES)],
    )
    price = models.DecimalField(
        _("price per lesson"),
        max_digits=10,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=Currency.choices, default=Currency.RUB
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE
    )
    late_cancel_hours = models.PositiveSmallIntegerField(
        _("late cancellation, hours"),
        default=24,
        help_text=_("A student who cancels fewer hours than this before the start cancels late."),
    )
    charge_late_cancel = models.BooleanField(
        _("charge late cancellations"),
        default=True,
        help_text=_("A lesson the student cancelled late is paid like a lesson held."),
    )
    charge_no_show = models.BooleanField(
        _("charge missed lessons"),
        default=True,
        help_text=_("A lesson the student did not come to is paid like a lesson held."),
    )
    notes = models.TextField(_("notes"), blank=True)
    colour = models.CharField(
        _("colour"),
        max_length=7,
        default=default_colour,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #rrggbb."))],
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(lesson_duration__gte=MIN_LESSON_MINUTES)
                & Q(lesson_duration__lte=MAX_LESSON_MINUTES),
                name="project_lesson_duration_range",
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="project_price_not_negative"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="project_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(lesson_limit__isnull=True) | Q(lesson_limit__gte=1),
                name="project_lesson_limit_positive",
            ),
            models.CheckConstraint(
                condition=Q(status__in=[s.value for s in ProjectStatus]),
                name="project_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.status == ProjectStatus.ACTIVE

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The teacher's time zone: the one the project's days (and days off) are counted in."""
        return self.teacher.zone


class GoalMeasure(models.TextChoices):
    MANUAL = "manual", _("entered by hand")
    LESSONS_HELD = "lessons_held", _("lessons held")
    WORDS_LEARNED = "words_learned", _("words learned")
    HOMEWORK_AVERAGE = "homework_average", _("average homework mark")


class Goal(models.Model):
    """Something the student works towards within a project, with a measurable target."""

    Measure = GoalMeasure

    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="goals", verbose_name=_("project")
    )
    text = models.CharField(_("goal"), max_length=300)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    measure = models.CharField(
        _("measured by"), max_length=20, choices=GoalMeasure.choices, default=GoalMeasure.MANUAL
    )
    target_value = models.DecimalField(
        _("target value"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    manual_value = models.DecimalField(
        _("current value"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Entered by hand when the value is not counted automatically."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["target_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__gt=0), name="goal_target_value_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    def current_value(self) -> Decimal | None:
        """How far the student has got, in the goal's unit; None when nothing is known yet.

        `lessons_held` counts the project's lessons marked as held; `homework_average` is the
        average mark (%) of the project's checked homework; `words_learned` counts the words of
        the project's students in the project's language that FSRS has moved to its Review state
        (apps.vocabulary.selectors.words_learned). `manual` uses the value entered by hand.
        """
        if self.measure == GoalMeasure.LESSONS_HELD:
            from apps.scheduling.models import LessonStatus  # scheduling depends on projects

            return Decimal(self.project.lessons.filter(status=LessonStatus.HELD).count())
        if self.measure == GoalMeasure.HOMEWORK_AVERAGE:
            from apps.homework.selectors import homework_average  # homework depends on projects

            average = homework_average(self.project)
            return None if average is None else Decimal(str(round(average, 2)))
        if self.measure == GoalMeasure.WORDS_LEARNED:
            from apps.vocabulary.selectors import words_learned  # vocabulary depends on projects

            student_ids = self.project.students.values_list("pk", flat=True)
            return Decimal(words_learned(student_ids, self.project.language_id))
        return self.manual_value

    def progress_percent(self) -> int:
        """Progress towards the target as a whole percentage, 0 to 100."""
        current = self.current_value()
        if current is None or self.target_value <= 0:
            return 0
        return max(0, min(100, int(current * 100 / self.target_value)))
