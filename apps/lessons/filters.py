from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.projects.models import Project
from apps.scheduling.models import Lesson, LessonStatus

from .models import Payment, PaymentMethod, PaymentState

NOT_CHARGED = "none"
PAYMENT_STATE_CHOICES = [*PaymentState.choices, (NOT_CHARGED, _("not charged"))]
DATE = forms.DateInput(attrs={"type": "date"})


def _teacher_students(teacher: User):
    return User.objects.filter(student_projects__teacher=teacher).distinct().order_by("name", "pk")


class _TeacherFilterSet(django_filters.FilterSet):
    """Choices of students and projects limited to the teacher's own."""

    def __init__(self, *args, teacher: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["project"].queryset = Project.objects.for_teacher(teacher).order_by("title")
        self.filters["student"].queryset = _teacher_students(teacher)


class LessonFilter(_TeacherFilterSet):
    # Days are counted in the current time zone: the teacher's own.
    start_from = django_filters.DateFilter(
        field_name="start", lookup_expr="date__gte", label=_("From"), widget=DATE
    )
    start_to = django_filters.DateFilter(
        field_name="start", lookup_expr="date__lte", label=_("To"), widget=DATE
    )
    student = django_filters.ModelChoiceFilter(
        field_name="project__students",
        label=_("Student"),
        queryset=User.objects.none(),
        empty_label=_("Any student"),
    )
    project = django_filters.ModelChoiceFilter(
        label=_("Project"), queryset=Project.objects.none(), empty_label=_("Any project")
    )
    status = django_filters.ChoiceFilter(
        label=_("Attendance"), choices=LessonStatus.choices, empty_label=_("Any status")
    )
    # Applied by the view on the computed payment states (see views.lesson_list).
    payment = django_filters.ChoiceFilter(
        label=_("Payment"),
        choices=PAYMENT_STATE_CHOICES,
        empty_label=_("Any payment state"),
        method="keep",
    )

    class Meta:
        model = Lesson
        fields = ["start_from", "start_to", "student", "project", "status", "payment"]

    def keep(self, queryset, name, value):
        return queryset


class PaymentFilter(_TeacherFilterSet):
    paid_from = django_filters.DateFilter(
        field_name="paid_on", lookup_expr="gte", label=_("From"), widget=DATE
    )
    paid_to = django_filters.DateFilter(
        field_name="paid_on", lookup_expr="lte", label=_("To"), widget=DATE
    )
    student = django_filters.ModelChoiceFilter(
        label=_("Student"), queryset=User.objects.none(), empty_label=_("Any student")
    )
    project = django_filters.ModelChoiceFilter(
        label=_("Project"), queryset=Project.objects.none(), empty_label=_("Any project")
    )
    method = django_filters.ChoiceFilter(
        label=_("Method"), choices=PaymentMethod.choices, empty_label=_("Any method")
    )
    voided = django_filters.ChoiceFilter(
        label=_("Voided"),
        choices=[("no", _("Valid only")), ("yes", _("Voided only"))],
        empty_label=_("Valid and voided"),
        method="by_voided",
    )

    class Meta:
        model = Payment
        fields = ["paid_from", "paid_to", "student", "project", "method", "voided"]

    def by_voided(self, queryset, name, value):
        if value == "no":
            return queryset.valid()
        if value == "yes":
            return queryset.voided()
        return queryset
