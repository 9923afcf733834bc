from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.utils import timezone, translation

TIME_ZONE_COOKIE = "vv_tz"
REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9-]{1,64}")
_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


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


class RequestIdMiddleware:
    """Give every request an id, echoed in X-Request-ID and added to its log records.

    nginx sends its own $request_id, so its access log and ours share the id; a missing or
    malformed one (clients can send the header too) is replaced by a fresh uuid4.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = incoming if _VALID_REQUEST_ID.fullmatch(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        token = _request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _request_id.reset(token)
        response.headers[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Add `request_id` to each record: the current request's id, or "-" outside requests."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = _request_id.get() or "-"
        return True
