"""The teacher's money pages (lessons, payments, packages) and the student's read-only one."""

from __future__ import annotations

import csv
from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.forms import Form
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django_tables2 import RequestConfig, Table

from apps.accounts.access import student_required, teacher_required
from apps.accounts.models import User
from apps.common.http import AuthedRequest, wants_fragment
from apps.scheduling import teacher_cache
from apps.scheduling.models import Lesson

from . import selectors, services
from .filters import NOT_CHARGED, LessonFilter, PaymentFilter
from .forms import PackageForm, PaymentEditForm, PaymentForm, VoidForm
from .models import Package, Payment
from .tables import LessonTable, PaymentTable

PER_PAGE = 25


# Access: another teacher's object is a 404 (students are stopped by teacher_required: 403).


def _teacher_payment_or_404(request: AuthedRequest, payment_id: int) -> Payment:
    return get_object_or_404(
        Payment.objects.select_related("project", "student"),
        pk=payment_id,
        project__teacher=request.user,
    )


def _teacher_package_or_404(request: AuthedRequest, package_id: int) -> Package:
    return get_object_or_404(
        Package.objects.select_related("project"), pk=package_id, project__teacher=request.user
    )


def _add_errors(form: Form, error: ValidationError) -> None:
    """A service's ValidationError onto the form: by field where the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _csv_response(table: Table, name: str) -> HttpResponse:
    """The table's rows, all of them, as CSV that Excel opens as UTF-8 (with a BOM)."""
    filename = f"{name}-{timezone.localdate():%Y-%m-%d}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    for row in table.as_values():
        writer.writerow(row)
    return response


# Lessons


def _teacher_lessons(teacher: User):
    return (
        Lesson.objects.for_teacher(teacher)
        .select_related("project")
        .prefetch_related(
            Prefetch("project__students", queryset=User.objects.order_by("name", "pk"))
        )
    )


def _lesson_table(request: AuthedRequest) -> tuple[LessonFilter, LessonTable]:
    """The filtered lessons in a fixed number of queries, however many there are."""
    teacher = request.user
    lessons = _teacher_lessons(teacher)
    data = request.GET.copy()
    # By default the list ends today: the lessons to mark and to be paid for, newest first.
    data.setdefault("start_to", timezone.localdate().isoformat())
    filterset = LessonFilter(data, queryset=lessons, teacher=teacher)
    queryset = filterset.qs
    # Payment states come from the projects' accounts: computed once for all filtered lessons.
    states = selectors.lesson_payment_states(lessons=queryset)
    # filterset.qs has cleaned the form; a field with a bad value is left out, as for the rest.
    wanted = filterset.form.cleaned_data.get("payment") if filterset.is_bound else None
    if wanted:
        pks = [pk for pk, state in states.items() if (state or NOT_CHARGED) == wanted]
        queryset = queryset.filter(pk__in=pks)
    return filterset, LessonTable(queryset, states=states)


@teacher_required
@require_GET
def lesson_list(request: AuthedRequest) -> HttpResponse:
    fragment = wants_fragment(request)
    html = teacher_cache.cached_page(
        request,
        parts=("lessons", "table" if fragment else "page", request.GET.urlencode()),
        render=lambda: _lesson_list_html(request, fragment=fragment),
    )
    if fragment:
        return HttpResponse(html)
    # Our own rendering, kept as a string in the cache.
    return render(request, "lessons/lessons.html", {"lessons": mark_safe(html)})


def _lesson_list_html(request: AuthedRequest, *, fragment: bool) -> str:
    filterset, table = _lesson_table(request)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    context = {"filter": filterset, "table": table}
    template = "lessons/_lessons.html#table" if fragment else "lessons/_lessons.html"
    return render_to_string(template, context, request)


def lesson_list_row(
    request: AuthedRequest,
    lesson: Lesson,
    *,
    before: str = "",
    changed: bool = False,
    error: str | None = None,
    paid_message: str | None = None,
) -> HttpResponse:
    """After a one-click status or "Mark paid" from the lessons list: the lesson's row (htmx),
    with Undo when its status just changed; without htmx, back to the list. The caller has
    checked that the lesson is the teacher's own."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        elif paid_message:
            messages.success(request, paid_message)
        elif changed:
            messages.success(
                request, _("Marked %(status)s.") % {"status": lesson.get_status_display()}
            )
        return redirect("lessons:lessons")
    lessons = _teacher_lessons(request.user).filter(pk=lesson.pk)
    states = selectors.lesson_payment_states(lessons=lessons)
    table = LessonTable(lessons, states=states)
    context = {
        "table": table,
        "row": table.rows[0],
        "before": before,
        "just_changed": changed,
        "row_error": error,
        "paid_message": paid_message,
    }
    return render(request, "lessons/_lesson_row.html", context)


@teacher_required
@require_GET
def lesson_export(request: AuthedRequest) -> HttpResponse:
    _filterset, table = _lesson_table(request)
    RequestConfig(request, paginate=False).configure(table)
    return _csv_response(table, "lessons")


# Payments


def _payment_table(request: AuthedRequest) -> tuple[PaymentFilter, PaymentTable]:
    payments = Payment.objects.filter(project__teacher=request.user).select_related(
        "project", "student"
    )
    filterset = PaymentFilter(request.GET or None, queryset=payments, teacher=request.user)
    return filterset, PaymentTable(filterset.qs)


@teacher_required
@require_GET
def payments(request: AuthedRequest) -> HttpResponse:
    filterset, table = _payment_table(request)
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    if wants_fragment(request):
        return render(request, "lessons/payments.html#table", {"filter": filterset, "table": table})
    accounts = selectors.teacher_accounts(teacher=request.user)
    packages = [
        {"account": account, "left": selectors.package_lessons_left(account)}
        for account in accounts
        if account.packages
    ]
    voided_packages = Package.objects.voided().filter(project__teacher=request.user)
    context = {
        "filter": filterset,
        "table": table,
        "debtors": selectors.debtors(teacher=request.user),
        "packages": packages,
        "voided_packages": voided_packages.select_related("project").order_by("-bought_on"),
    }
    return render(request, "lessons/payments.html", context)


@teacher_required
@require_GET
def payment_export(request: AuthedRequest) -> HttpResponse:
    _filterset, table = _payment_table(request)
    RequestConfig(request, paginate=False).configure(table)
    return _csv_response(table, "payments")


def _form_page(request: AuthedRequest, title: str, form: Form, **context) -> HttpResponse:
    if form.is_bound and form.errors:
        messages.error(request, _("Nothing was saved: please correct the errors below."))
    return render(request, "lessons/form.html", {"title": title, "form": form, **context})


@teacher_required
def payment_create(request: AuthedRequest) -> HttpResponse:
    # Pre-filled from the link in "Who owes me", or from the form itself when its project
    # changes (htmx reloads it so that only the project's students can be chosen).
    initial = {k: v for k, v in request.GET.items() if k in PaymentForm.base_fields and v}
    form = PaymentForm(request.POST or None, teacher=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.payment_record(
                project=data["project"],
                student=data["student"],
                amount=data["amount"],
                paid_on=data["paid_on"],
                method=data["method"],
                comment=data["comment"],
                by=request.user,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The payment is recorded."))
            return redirect("lessons:payments")
    return _form_page(request, _("Record a payment"), form)


@teacher_required
def payment_edit(request: AuthedRequest, payment_id: int) -> HttpResponse:
    payment = _teacher_payment_or_404(request, payment_id)
    if payment.is_voided:
        messages.error(request, _("A voided payment cannot be changed."))
        return redirect("lessons:payments")
    initial = {
        "amount": payment.amount,
        "paid_on": payment.paid_on,
        "method": payment.method,
        "comment": payment.comment,
    }
    form = PaymentEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_update(payment=payment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The payment is saved."))
            return redirect("lessons:payments")
    return _form_page(request, _("Edit the payment"), form, payment=payment)


def _void_page(request: AuthedRequest, void, record, *, title: str, done: str, **context):
    """Void a payment or a package with a reason; the form again on a bad reason."""
    form = VoidForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            void(record, reason=form.cleaned_data["void_reason"], by=request.user)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("lessons:payments")
    return _form_page(request, title, form, danger=True, **context)


@teacher_required
def payment_void(request: AuthedRequest, payment_id: int) -> HttpResponse:
    payment = _teacher_payment_or_404(request, payment_id)
    return _void_page(
        request,
        lambda record, **kw: services.payment_void(payment=record, **kw),
        payment,
        title=_("Void the payment"),
        done=_("The payment is voided."),
        payment=payment,
    )


# Packages


@teacher_required
def package_create(request: AuthedRequest) -> HttpResponse:
    initial = {"project": request.GET["project"]} if request.GET.get("project") else {}
    form = PackageForm(request.POST or None, teacher=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.package_record(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("The package is recorded."))
            return redirect("lessons:payments")
    return _form_page(request, _("Record a package"), form)


@teacher_required
def package_void(request: AuthedRequest, package_id: int) -> HttpResponse:
    package = _teacher_package_or_404(request, package_id)
    return _void_page(
        request,
        lambda record, **kw: services.package_void(package=record, **kw),
        package,
        title=_("Void the package"),
        done=_("The package is voided."),
        package=package,
    )


# The student's side


@student_required
@require_GET
def student_money(request: AuthedRequest) -> HttpResponse:
    """The student's accounts, one per project, read-only; a fixed number of queries."""
    accounts = selectors.student_accounts(student=request.user)
    project_ids = [account.project.pk for account in accounts]
    payments_by_project: dict[int, list[Payment]] = defaultdict(list)
    for payment in (
        Payment.objects.valid()
        .filter(project_id__in=project_ids)
        .select_related("student")
        .order_by("-paid_on", "-pk")
    ):
        payments_by_project[payment.project_id].append(payment)
    lessons_by_project: dict[int, list[Lesson]] = defaultdict(list)
    for lesson in Lesson.objects.filter(
        project_id__in=project_ids, start__lte=timezone.now()
    ).order_by("-start", "-pk"):
        lessons_by_project[lesson.project_id].append(lesson)
    rows = []
    for account in accounts:
        states = account.states()
        rows.append(
            {
                "account": account,
                "left": selectors.package_lessons_left(account),
                "payments": payments_by_project[account.project.pk],
                "lessons": [
                    (lesson, states.get(lesson.pk))
                    for lesson in lessons_by_project[account.project.pk]
                ],
            }
        )
    return render(request, "lessons/student_money.html", {"rows": rows})
