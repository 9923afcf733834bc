from __future__ import annotations

import hmac
import logging
import time as clock
import uuid
from collections.abc import Callable
from datetime import datetime, time

from django.conf import settings
from django.contrib.auth.decorators import login_not_required, login_required
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_prometheus.exports import ExportToDjangoView
from kombu import Connection

from apps.accounts.models import Invitation, Role, User
from apps.accounts.views import login_attempt_address
from apps.homework import selectors as homework_selectors
from apps.lessons import selectors as lesson_selectors
from apps.scheduling import selectors
from apps.scheduling.models import STATUS_BUTTONS

from .http import AuthedRequest

logger = logging.getLogger(__name__)


def home(request: HttpRequest) -> HttpResponse:
    """The landing page for visitors; each role's dashboard after login."""
    if not request.user.is_authenticated:
        return render(request, "common/landing.html")
    return dashboard(request)


@login_required
def dashboard(request: AuthedRequest) -> HttpResponse:
    user = request.user
    if user.is_pending_teacher:
        return redirect("accounts:awaiting_approval")
    if user.is_approved_teacher:
        zone = timezone.get_current_timezone()
        today = timezone.localdate()
        context = {
            "student_count": user.student_links.count(),
            "open_invitations": Invitation.objects.filter(teacher=user).open().count(),
            "today": today,
            "today_lessons": selectors.teacher_day(teacher=user, day=today, zone=zone),
            # Before today: today's lessons have their own list just above.
            "unmarked_lessons": selectors.teacher_unmarked(
                teacher=user, before=datetime.combine(today, time.min, tzinfo=zone)
            ),
            "status_buttons": STATUS_BUTTONS,
            "homework_to_review": homework_selectors.review_count(teacher=user),
            **_debts(user),
        }
        return render(request, "common/dashboard_teacher.html", context)
    if user.is_student:
        teachers = User.objects.filter(student_links__student=user).order_by("name")
        lessons = selectors.student_upcoming(student=user, now=timezone.now())
        return render(
            request,
            "common/dashboard_student.html",
            {
                "teachers": teachers,
                "lessons": lessons,
                "homework_counts": homework_selectors.student_open_counts(student=user),
            },
        )
    pending = User.objects.filter(role=Role.TEACHER, approved_at__isnull=True, is_active=True)
    return render(
        request,
        "common/dashboard_admin.html",
        {"pending_teachers": pending.order_by("date_joined")},
    )


DASHBOARD_DEBTORS = 5


def _debts(teacher: User) -> dict:
    """The dashboard's "Who owes me": the first debtors, oldest unpaid lesson first."""
    debtors = lesson_selectors.debtors(teacher=teacher)
    return {
        "debtors": debtors[:DASHBOARD_DEBTORS],
        "more_debtors": len(debtors) > DASHBOARD_DEBTORS,
    }


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No context processors: whatever failed may fail again while rendering.
    return HttpResponseServerError(loader.get_template("500.html").render())


# Health and metrics, for monitoring (deploy/zabbix, Prometheus). Neither needs a session.


def check_database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {}


def check_cache() -> dict:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    if cache.get(key) != "ok":
        raise RuntimeError("the value just stored was not read back")
    cache.delete(key)
    return {}


def check_broker() -> dict:
    url = settings.CELERY_BROKER_URL
    if url.startswith("memory://"):
        return {"skipped": "tasks run in-process"}
    with Connection(url, connect_timeout=1) as broker:
        broker.ensure_connection(max_retries=1, interval_start=0, interval_step=0)
    return {}


def _timed(name: str, check: Callable[[], dict]) -> dict:
    started = clock.perf_counter()
    try:
        result = {"ok": True, **check()}
    except Exception as exc:
        # Only the kind of failure in the public answer; the details go to the log.
        logger.warning("Health check %s failed: %r", name, exc)
        result = {"ok": False, "error": type(exc).__name__}
    result["ms"] = round((clock.perf_counter() - started) * 1000, 1)
    return result


@login_not_required
@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, cache and Celery broker reachable: 200, otherwise 503."""
    checks = {
        "database": _timed("database", check_database),
        "cache": _timed("cache", check_cache),
        "broker": _timed("broker", check_broker),
    }
    healthy = all(check["ok"] for check in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


def _may_see_metrics(request: HttpRequest) -> bool:
    if login_attempt_address(request) in settings.METRICS_ALLOWED_IPS:
        return True
    token = settings.METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return bool(token) and scheme.lower() == "bearer" and hmac.compare_digest(given, token)


@login_not_required
@never_cache
@require_safe
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics, for METRICS_ALLOWED_IPS or the METRICS_TOKEN bearer; 404 to others."""
    if not _may_see_metrics(request):
        raise Http404
    return ExportToDjangoView(request)
