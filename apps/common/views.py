from __future__ import annotations

from datetime import datetime, time

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import timezone

from apps.accounts.models import Invitation, Role, User
from apps.lessons import selectors as lesson_selectors
from apps.scheduling import selectors
from apps.scheduling.models import STATUS_BUTTONS

from .http import AuthedRequest


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
            **_debts(user),
        }
        return render(request, "common/dashboard_teacher.html", context)
    if user.is_student:
        teachers = User.objects.filter(student_links__student=user).order_by("name")
        lessons = selectors.student_upcoming(student=user, now=timezone.now())
        return render(
            request,
            "common/dashboard_student.html",
            {"teachers": teachers, "lessons": lessons},
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
