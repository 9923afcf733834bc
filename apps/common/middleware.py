from __future__ import annotations

import json
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.utils import timezone, translation

TIME_ZONE_COOKIE = "vv_tz"


def _valid_zone(name: str) -> zoneinfo.ZoneInfo | None:
    if not name:
        return None
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


class UserPreferencesMiddleware:
    """Activate the user's own language and time zone.

    A logged-in user's profile wins; anonymous visitors get their browser's language (from
    LocaleMiddleware) and the zone their browser reported in a cookie set by app.js.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        zone = None
        if user is not None and user.is_authenticated:
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            zone = _valid_zone(user.time_zone)
        zone = zone or _valid_zone(request.COOKIES.get(TIME_ZONE_COOKIE, ""))
        timezone.activate(zone or zoneinfo.ZoneInfo(settings.TIME_ZONE))
        response = self.get_response(request)
        timezone.deactivate()
        return response


class HtmxMessagesMiddleware:
    """Deliver flash messages on htmx responses as an HX-Trigger event app.js shows.

    A full page renders them in the base template; a fragment would otherwise lose them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            not getattr(request, "htmx", False)
            or "HX-Redirect" in response
            or "Location" in response
        ):
            return response
        if 300 <= response.status_code < 400:
            return response
        pending = [
            {"text": str(message), "tags": message.tags}
            for message in messages.get_messages(request)
        ]
        if pending:
            header = response.headers.get("HX-Trigger", "")
            try:
                triggers = json.loads(header) if header else {}
            except ValueError:
                triggers = {name.strip(): None for name in header.split(",") if name.strip()}
            triggers["messages"] = {"items": pending}
            response.headers["HX-Trigger"] = json.dumps(triggers)
        return response
