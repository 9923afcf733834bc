from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.http import trigger_client_event

from apps.accounts.access import teacher_required
from apps.common.http import AuthedRequest, wants_fragment
from apps.lessons import selectors as lesson_selectors
from apps.lessons import services as lesson_services
from apps.lessons.models import LessonStatusChange, PaymentState
from apps.lessons.views import lesson_list_row

from . import selectors, services, teacher_cache
from .forms import (
    DayOffForm,
    LessonCancelForm,
    LessonCreateForm,
    LessonMoveForm,
    LessonNoteForm,
    Scope,
)
from .models import STATUS_BUTTONS, DayOff, Lesson

# Dates further from today than this fall back to today: near year 1 or 9999 the period's
# arithmetic overflows, and nobody plans lessons a century away.
ANCHOR_RANGE = timedelta(days=36525)
# The calendar generates the lessons of weeks past the nightly horizon, but no further than
# this: a link to the year 2100 must not fill the database with a century of lessons.
GENERATE_AHEAD = timedelta(weeks=104)


def _anchor(request: AuthedRequest) -> date:
    today = timezone.localdate()
    try:
        anchor = date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        return today
    return anchor if abs(anchor - today) <= ANCHOR_RANGE else today


def _calendar_url(view: str, day: date) -> str:
    query = QueryDict(mutable=True)
    query.update({"view": view, "date": day.isoformat()})
    return reverse("scheduling:calendar") + "?" + query.urlencode()


@teacher_required
def calendar(request: AuthedRequest) -> HttpResponse:
    view = request.GET.get("view", "week")
    if view not in selectors.VIEWS:
        view = "week"
    anchor = _anchor(request)
    html = teacher_cache.cached_page(
        request,
        parts=("calendar", view, anchor.isoformat()),
        render=lambda: _calendar_html(request, view, anchor),
    )
    if wants_fragment(request):
        return HttpResponse(html)
    # Our own rendering, kept as a string in the cache.
    return render(request, "scheduling/calendar.html", {"calendar": mark_safe(html)})


def _calendar_html(request: AuthedRequest, view: str, anchor: date) -> str:
    zone = timezone.get_current_timezone()
    _first, last, _prev, _next = selectors.period_bounds(view, anchor)
    services.schedules_extend_until(
        teacher=request.user, until=min(last, timezone.localdate() + GENERATE_AHEAD)
    )
    period = selectors.teacher_period(teacher=request.user, view=view, anchor=anchor, zone=zone)
    context = {
        "period": period,
        "view_links": [
            {"label": label, "url": _calendar_url(name, anchor), "current": name == view}
            for name, label in (("day", _("Day")), ("week", _("Week")), ("month", _("Month")))
        ],
        "previous_url": _calendar_url(view, period.previous),
        "next_url": _calendar_url(view, period.next),
        "today_url": _calendar_url(view, timezone.localdate()),
        "self_url": _calendar_url(view, anchor),
    }
    return render_to_string("scheduling/_calendar.html", context, request)


def _teacher_lesson_or_404(request: AuthedRequest, lesson_id: int) -> Lesson:
    return get_object_or_404(
        Lesson.objects.for_teacher(request.user).select_related(
            "project", "slot", "project__teacher"
        ),
        pk=lesson_id,
    )


def _lesson_context(request: AuthedRequest, lesson: Lesson, **forms) -> dict:
    zone = timezone.get_current_timezone()
    local_start = lesson.start.astimezone(zone)
    students = list(lesson.project.students.order_by("name"))
    other_zones = [
        (student, lesson.start.astimezone(student.zone))
        for student in students
        if student.time_zone and student.zone.key != getattr(zone, "key", None)
    ]
    initial = {
        "date": local_start.date(),
        "time": local_start.time(),
        "duration": lesson.duration_minutes,
    }
    return {
        "lesson": lesson,
        "students": students,
        "other_zones": other_zones,
        "move_form": forms.get("move_form")
        or LessonMoveForm(zone=zone, has_timetable=lesson.slot_id is not None, initial=initial),
        "cancel_form": forms.get("cancel_form") or LessonCancelForm(),
        "note_form": forms.get("note_form") or LessonNoteForm(initial={"note": lesson.note}),
        "conflicts": forms.get("conflicts"),
        **_status_parts(lesson),
    }


def _dialog(request: AuthedRequest, template: str, context: dict) -> HttpResponse:
    """A dialog's content for htmx, or the same as a page of its own without JavaScript."""
    if wants_fragment(request):
        return render(request, f"{template}#dialog", context)
    return render(request, template, context)


def _changed(request: AuthedRequest, message: str, back: str | None = None) -> HttpResponse:
    """After a successful edit: close the dialog and refresh the calendar (htmx), or go back."""
    messages.success(request, message)
    if request.htmx:
        response = trigger_client_event(HttpResponse(status=204), "calendarChanged")
        return trigger_client_event(response, "closeDialog")
    return redirect(back or "scheduling:calendar")


@teacher_required
def lesson_detail(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    lesson = _teacher_lesson_or_404(request, lesson_id)
    return _dialog(request, "scheduling/lesson.html", _lesson_context(request, lesson))


@teacher_required
@require_POST
def lesson_move(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    lesson = _teacher_lesson_or_404(request, lesson_id)
    if lesson.status != Lesson.Status.PLANNED:
        # Held and cancelled lessons are records; the dialog shows it without the forms.
        return _dialog(request, "scheduling/lesson.html", _lesson_context(request, lesson))
    zone = timezone.get_current_timezone()
    form = LessonMoveForm(request.POST, zone=zone, has_timetable=lesson.slot_id is not None)
    if not form.is_valid():
        return _dialog(
            request, "scheduling/lesson.html", _lesson_context(request, lesson, move_form=form)
        )
    start, end = form.start(), form.end()
    conflicts = list(
        services.lesson_conflicts(teacher=request.user, start=start, end=end, exclude=lesson)
    )
    if conflicts and not form.cleaned_data["confirm_conflict"]:
        data = request.POST.copy()
        data["confirm_conflict"] = "on"
        form = LessonMoveForm(data, zone=zone, has_timetable=lesson.slot_id is not None)
        form.is_valid()
        context = _lesson_context(request, lesson, move_form=form, conflicts=conflicts)
        return _dialog(request, "scheduling/lesson.html", context)
    if form.cleaned_data.get("scope") == Scope.FOLLOWING:
        try:
            services.lesson_move_following(lesson=lesson, start=start, end=end)
        except ValueError:
            # A timetable made in the admin with a rule other than "weekly on some days".
            form.add_error(
                "scope",
                _(
                    "This timetable cannot be moved from here. Move this lesson only, or edit the project's timetable."
                ),
            )
            context = _lesson_context(request, lesson, move_form=form)
            return _dialog(request, "scheduling/lesson.html", context)
        message = _("The lesson and all following ones are moved.")
    else:
        services.lesson_move(lesson=lesson, start=start, end=end)
        message = _("The lesson is moved.")
    return _changed(request, message, _calendar_url("week", start.astimezone(zone).date()))


@teacher_required
@require_POST
def lesson_cancel(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    lesson = _teacher_lesson_or_404(request, lesson_id)
    if lesson.status != Lesson.Status.PLANNED:
        return _dialog(request, "scheduling/lesson.html", _lesson_context(request, lesson))
    form = LessonCancelForm(request.POST)
    if not form.is_valid():
        return _dialog(
            request, "scheduling/lesson.html", _lesson_context(request, lesson, cancel_form=form)
        )
    if form.cleaned_data["scope"] == Scope.FOLLOWING and lesson.slot_id:
        services.lesson_cancel_following(lesson=lesson)
        message = _("The lesson is cancelled and the timetable ends here.")
    else:
        services.lessons_cancel(lessons=[lesson])
        message = _("The lesson is cancelled.")
    return _changed(request, message)


@teacher_required
@require_POST
def lesson_note(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    lesson = _teacher_lesson_or_404(request, lesson_id)
    form = LessonNoteForm(request.POST)
    if not form.is_valid():
        return _dialog(
            request, "scheduling/lesson.html", _lesson_context(request, lesson, note_form=form)
        )
    services.lesson_set_note(lesson=lesson, note=form.cleaned_data["note"])
    return _changed(request, _("The note is saved."))


@teacher_required
def lesson_create(request: AuthedRequest) -> HttpResponse:
    zone = timezone.get_current_timezone()
    if request.method == "POST":
        form = LessonCreateForm(request.POST, zone=zone, teacher=request.user)
        if form.is_valid():
            start, end = form.start(), form.end()
            conflicts = list(services.lesson_conflicts(teacher=request.user, start=start, end=end))
            if conflicts and not form.cleaned_data["confirm_conflict"]:
                data = request.POST.copy()
                data["confirm_conflict"] = "on"
                form = LessonCreateForm(data, zone=zone, teacher=request.user)
                form.is_valid()
                return _dialog(
                    request, "scheduling/lesson_new.html", {"form": form, "conflicts": conflicts}
                )
            services.lesson_create(project=form.cleaned_data["project"], start=start, end=end)
            return _changed(
                request,
                _("The lesson is added."),
                _calendar_url("week", start.astimezone(zone).date()),
            )
    else:
        try:
            start = datetime.fromisoformat(request.GET.get("start", ""))
        except ValueError:
            start = datetime.combine(timezone.localdate() + timedelta(days=1), time(18, 0))
        form = LessonCreateForm(
            zone=zone,
            teacher=request.user,
            initial={"date": start.date(), "time": start.time(), "duration": 60},
        )
    return _dialog(request, "scheduling/lesson_new.html", {"form": form, "conflicts": None})


# Days off


def _days_off_context(request: AuthedRequest, form: DayOffForm | None = None) -> dict:
    today = timezone.localdate()
    days_off = list(
        DayOff.objects.filter(teacher=request.user, end_date__gte=today - timedelta(days=30))
        .select_related("project")
        .order_by("start_date")
    )
    for day_off in days_off:
        day_off.conflicts = list(services.day_off_conflicts(day_off=day_off))
    return {"days_off": days_off, "form": form or DayOffForm(teacher=request.user)}


@teacher_required
def days_off(request: AuthedRequest) -> HttpResponse:
    form = None
    if request.method == "POST":
        form = DayOffForm(request.POST, teacher=request.user)
        if form.is_valid():
            services.day_off_create(teacher=request.user, **form.cleaned_data)
            messages.success(request, _("Days off saved. No lessons will be planned on them."))
            return redirect("scheduling:days_off")
    return render(request, "scheduling/days_off.html", _days_off_context(request, form))


def _teacher_day_off_or_404(request: AuthedRequest, day_off_id: int) -> DayOff:
    return get_object_or_404(
        DayOff.objects.select_related("teacher"), pk=day_off_id, teacher=request.user
    )


@teacher_required
@require_POST
def day_off_cancel_lessons(request: AuthedRequest, day_off_id: int) -> HttpResponse:
    day_off = _teacher_day_off_or_404(request, day_off_id)
    count = services.lessons_cancel(lessons=services.day_off_conflicts(day_off=day_off))
    messages.success(
        request,
        ngettext("%(count)d lesson cancelled.", "%(count)d lessons cancelled.", count)
        % {"count": count},
    )
    return redirect("scheduling:days_off")


@teacher_required
@require_POST
def day_off_delete(request: AuthedRequest, day_off_id: int) -> HttpResponse:
    day_off = _teacher_day_off_or_404(request, day_off_id)
    services.day_off_delete(day_off=day_off)
    messages.success(request, _("Days off removed; the timetable fills those days again."))
    return redirect("scheduling:days_off")


# One-click statuses and payments, from the lesson dialog, the dashboard and the lessons list


def _status_parts(lesson: Lesson) -> dict:
    """What the dialog's status, payment and history parts need. Four queries."""
    account = lesson_selectors.project_account(project=lesson.project)
    line = account.line_for(lesson.pk)
    history = list(
        LessonStatusChange.objects.filter(lesson=lesson)
        .select_related("changed_by")
        .order_by("-changed_at", "-pk")
    )
    return {
        "status_buttons": STATUS_BUTTONS,
        "payment_line": line,
        "can_mark_paid": line is not None and line.state == PaymentState.UNPAID,
        "history": history,
        "last_change": history[0] if history else None,
        "just_changed": False,
        "status_error": None,
        "paid_message": None,
    }


def _status_dialog_context(request: AuthedRequest, lesson: Lesson, **extra) -> dict:
    context = _lesson_context(request, lesson)
    context.update(extra)
    return context


def _set_status(request: AuthedRequest, lesson: Lesson) -> str | None:
    """Apply the status the teacher clicked; the error to show, or None when it is done."""
    status = request.POST.get("status", "")
    try:
        if status == Lesson.Status.CANCELLED_BY_STUDENT and not request.POST.get("undo"):
            lesson_services.lesson_cancel_by_student(lesson=lesson, by=request.user)
        else:
            lesson_services.lesson_set_status(lesson=lesson, status=status, by=request.user)
    except ValueError as error:
        if status not in Lesson.Status.values:
            return _("Unknown lesson status.")
        return str(error)
    return None


@teacher_required
@require_POST
def lesson_status(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    lesson = _teacher_lesson_or_404(request, lesson_id)
    before = lesson.status
    error = _set_status(request, lesson)
    lesson.refresh_from_db(fields=["status", "sequence", "updated_at"])
    changed = error is None and lesson.status != before
    if request.POST.get("from") == "dashboard":
        return _dashboard_row(request, lesson, error=error, changed=changed)
    if request.POST.get("from") == "list":
        return lesson_list_row(request, lesson, before=before, changed=changed, error=error)
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif changed:
            messages.success(
                request,
                _("Marked %(status)s.") % {"status": lesson.get_status_display()},
            )
        return redirect("scheduling:lesson_detail", lesson_id=lesson.pk)
    context = _status_dialog_context(request, lesson, just_changed=changed, status_error=error)
    response = _dialog(request, "scheduling/lesson.html", context)
    return trigger_client_event(response, "calendarChanged") if changed else response


def _dashboard_row(
    request: AuthedRequest, lesson: Lesson, *, error: str | None, changed: bool
) -> HttpResponse:
    """The dashboard's row of the lesson (htmx), or back to the dashboard."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect("common:home")
    lesson = selectors.teacher_lesson(teacher=request.user, lesson_id=lesson.pk)
    context = {
        "lesson": lesson,
        "today": timezone.localdate(),
        "status_buttons": STATUS_BUTTONS,
        "row_error": error,
        "just_changed": changed,
    }
    return render(request, "common/dashboard_teacher.html#lesson-row", context)


@teacher_required
@require_POST
def lesson_paid(request: AuthedRequest, lesson_id: int) -> HttpResponse:
    lesson = _teacher_lesson_or_404(request, lesson_id)
    student = None
    if request.POST.get("student"):
        student = get_object_or_404(lesson.project.students, pk=request.POST["student"])
    error = None
    payment = None
    try:
        payment = lesson_services.lesson_mark_paid(lesson=lesson, by=request.user, student=student)
    except (ValueError, ValidationError) as exc:
        error = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    if payment is not None:
        message = _("Payment of %(amount)s %(currency)s recorded.") % {
            "amount": payment.amount,
            "currency": payment.currency,
        }
    else:
        message = None if error else _("This lesson is already paid.")
    if request.POST.get("from") == "list":
        return lesson_list_row(request, lesson, error=error, paid_message=message)
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif message:
            messages.success(request, message)
        return redirect("scheduling:lesson_detail", lesson_id=lesson.pk)
    context = _status_dialog_context(request, lesson, status_error=error, paid_message=message)
    response = _dialog(request, "scheduling/lesson.html", context)
    return trigger_client_event(response, "calendarChanged") if payment else response
