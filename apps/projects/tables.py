from __future__ import annotations

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Project
from .templatetags.projects import price, status_badge


def project_url(record: Project) -> str:
    return reverse("projects:detail", args=[record.pk])


class ProjectTable(tables.Table):
    """The teacher's projects; the queryset comes from selectors.teacher_projects."""

    title = tables.Column(verbose_name=_("Project"), linkify=project_url)
    students = tables.ManyToManyColumn(
        verbose_name=_("Students"), transform=lambda user: user.name, orderable=False
    )
    language = tables.Column(verbose_name=_("Language"), order_by=("language__name",))
    level = tables.Column(verbose_name=_("Level"))
    price = tables.Column(verbose_name=_("Price"), attrs={"td": {"class": "number"}})
    status = tables.Column(verbose_name=_("Status"))
    # Shown in the current time zone: the teacher's own.
    next_lesson = tables.DateTimeColumn(verbose_name=_("Next lesson"), format="D j M, H:i")

    class Meta:
        model = Project
        fields = ["title", "students", "language", "level", "price", "status", "next_lesson"]
        template_name = "projects/_table.html"
        orderable = True
        empty_text = _("No projects match the search.")
        attrs = {"class": "striped"}

    def render_title(self, record: Project, value: str):
        return format_html(
            '<span class="colour-dot" style="--project-colour: {}" aria-hidden="true"></span> {}',
            record.colour,
            value,
        )

    def render_level(self, record: Project, value: str):
        return format_html('<abbr title="{}">{}</abbr>', record.get_level_display(), record.level)

    def render_price(self, record: Project) -> str:
        return price(record)

    def render_status(self, record: Project):
        return status_badge(record)
