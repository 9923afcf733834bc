from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString

from apps.projects.models import Project

register = template.Library()


@register.filter
def price(project: Project) -> str:
    """ "1 500 RUB", "32.50 EUR": the price per lesson with its currency, in the reader's format."""
    value: Decimal = project.price
    places = 0 if value == value.to_integral_value() else 2
    return f"{number_format(value, places, force_grouping=True)} {project.currency}"


@register.filter
def status_badge(project: Project) -> SafeString:
    return format_html(
        '<span class="badge badge-{}">{}</span>', project.status, project.get_status_display()
    )
