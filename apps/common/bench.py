"""The reference page of the load benchmark (bench/load.py), on only with BENCH_HELLO=true.

It goes through the same middleware as every page (sessions, the user's language and zone,
security headers) but does no work of its own, so a page's speed can be read against it.
"""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse


@login_not_required
def hello(request: HttpRequest) -> HttpResponse:
    return HttpResponse("Hello", content_type="text/plain")
