"""Small helpers every view uses."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from django_htmx.middleware import HtmxDetails

    from apps.accounts.models import User


class AuthedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def wants_fragment(request: HttpRequest) -> bool:
    """True when an htmx request should get only a fragment, not the whole page.

    Boosted requests and history restores must get the whole page so the Back button works.
    """
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def template_for(request: HttpRequest, page: str, fragment: str) -> str:
    """The page template, or `page#fragment` for htmx requests."""
    return f"{page}#{fragment}" if wants_fragment(request) else page
