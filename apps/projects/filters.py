from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Language, Project, ProjectStatus


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Title, student's name or e-mail")}
        ),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ProjectStatus.choices, empty_label=_("Any status")
    )
    language = django_filters.ModelChoiceFilter(
        label=_("Language"), queryset=Language.objects.all(), empty_label=_("Any language")
    )

    class Meta:
        model = Project
        fields = ["q", "status", "language"]

    def search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        value = value.strip()
        if not value:
            return queryset
        # A subquery rather than a join, so a project with two matching students shows once.
        by_student = Project.objects.filter(
            Q(students__name__icontains=value) | Q(students__email__icontains=value)
        ).values("pk")
        return queryset.filter(Q(title__icontains=value) | Q(pk__in=by_student))
