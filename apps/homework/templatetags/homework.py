from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def due_label(value: datetime | None) -> str:
    """ "today 18:00", "tomorrow 18:00" or "Fri 3 Mar, 18:00", in the viewer's zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    today = timezone.localdate()
    clock = formats.time_format(local, "H:i")
    if local.date() == today:
        return _("today %(time)s") % {"time": clock}
    if local.date() == today + timedelta(days=1):
        return _("tomorrow %(time)s") % {"time": clock}
    if local.date() == today - timedelta(days=1):
        return _("yesterday %(time)s") % {"time": clock}
    return f"{formats.date_format(local, 'D j M')}, {clock}"


@register.simple_tag
def play_url(exercise_id: int, homework_id: int | None = None) -> str:
    """The exercise player's address (with ?homework=), or "" while there is no player."""
    try:
        url = reverse("exercises:play", args=[exercise_id])
    except NoReverseMatch:
        return ""
    return f"{url}?homework={homework_id}" if homework_id else url


@register.inclusion_tag("homework/_badge.html")
def homework_badge(homework) -> dict:
    return {"badge": homework.badge, "label": homework.badge_label}
