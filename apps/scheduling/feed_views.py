"""The private calendar feed a calendar app subscribes to, and making a new link for it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRedirect

from apps.common.http import AuthedRequest

from . import ical
from .models import CalendarFeed

FEED_MAX_AGE = 300


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: calendar apps fetch it on their own; the token is the key."""
    calendar_feed = get_object_or_404(
        CalendarFeed.objects.select_related("user"), token=token, user__is_active=True
    )
    response = HttpResponse(
        ical.calendar_for(user=calendar_feed.user), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="verbal-voyager.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    return response


@login_required
@require_POST
def feed_regenerate(request: AuthedRequest) -> HttpResponse:
    ical.feed_regenerate(user=request.user)
    messages.success(
        request,
        _(
            "Your calendar has a new link. The old link no longer works: "
            "subscribe again in your calendar app with the new one."
        ),
    )
    url = reverse("accounts:profile") + "#calendar-subscription"
    if request.htmx:
        return HttpResponseClientRedirect(url)
    return redirect(url)
