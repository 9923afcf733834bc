"""Changing what lessons cost and recording money: statuses, payments, packages.

Every function locks the rows it decides on, so that two clicks (or a teacher and a student at
the same moment) take turns: the project's row first, then the lesson's, in the order the
scheduling services lock them, so the two never deadlock.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.projects.models import Project
from apps.scheduling.models import CANCELLED_STATUSES, Lesson, LessonStatus
from apps.scheduling.services import lessons_generate

from . import selectors
from .charging import is_late, money
from .models import LessonStatusChange, Package, Payment, PaymentMethod, PaymentState

# Statuses that say what happened at the lesson's time, so it must have started.
NEEDS_STARTED = frozenset({LessonStatus.HELD, LessonStatus.NO_SHOW})


def _lock_project(project_id: int) -> Project:
    return Project.objects.select_for_update().get(pk=project_id)


@transaction.atomic
def lesson_set_status(
    *, lesson: Lesson, status: str, by: User | None, at: datetime | None = None
) -> Lesson:
    """Give the lesson a new status, remembering who changed it and when.

    Setting the status it already has does nothing. A lesson that has not started cannot be
    held or missed; planned and the cancelled statuses may be set at any time. Returns the
    lesson as saved (the instance passed in is updated too).
    """
    if status not in LessonStatus.values:
        raise ValueError(f"Unknown lesson status {status!r}.")
    at = at or timezone.now()
    _lock_project(lesson.project_id)
    locked = Lesson.objects.select_for_update().select_related("project").get(pk=lesson.pk)
    if locked.status == status:
        lesson.status, lesson.sequence = locked.status, locked.sequence
        return locked
    if status in NEEDS_STARTED and locked.start > at:
        raise ValueError(
            str(_("A lesson that has not started yet cannot be marked held or missed."))
        )
    LessonStatusChange.objects.create(
        lesson=locked, changed_by=by, changed_at=at, from_status=locked.status, to_status=status
    )
    was_cancelled = locked.status in CANCELLED_STATUSES
    locked.status = status
    locked.sequence += 1
    locked.save(update_fields=["status", "sequence", "updated_at"])
    lesson.status, lesson.sequence, lesson.updated_at = status, locked.sequence, locked.updated_at
    if status in CANCELLED_STATUSES and not was_cancelled:
        _refill(locked.project)
    return locked


def _refill(project: Project) -> None:
    """A cancelled lesson no longer counts towards the project's lesson limit: generate the
    lesson that now comes at the end of the series, as scheduling's lessons_cancel does."""
    if project.lesson_limit is None or not project.is_active:
        return

    now = timezone.now()
    until = timezone.localdate(now, project.zone) + timedelta(weeks=settings.SCHEDULE_HORIZON_WEEKS)
    lessons_generate(project=project, until=until, not_before=now)


@transaction.atomic
def lesson_cancel_by_student(
    *, lesson: Lesson, by: User | None, at: datetime | None = None
) -> Lesson:
    """The student cancels a planned lesson: late or in time by the project's rule.

    Cancelling again changes nothing; a lesson that was held, missed or cancelled by the
    teacher cannot be cancelled by the student.
    """
    at = at or timezone.now()
    project = _lock_project(lesson.project_id)
    current = Lesson.objects.select_for_update().get(pk=lesson.pk)
    if current.status in {LessonStatus.CANCELLED_BY_STUDENT, LessonStatus.CANCELLED_LATE}:
        return current
    if current.status != LessonStatus.PLANNED:
        raise ValueError(str(_("Only a planned lesson can be cancelled.")))
    status = (
        LessonStatus.CANCELLED_LATE
        if is_late(current, at, project)
        else LessonStatus.CANCELLED_BY_STUDENT
    )
    return lesson_set_status(lesson=lesson, status=status, by=by, at=at)


def _check_amount(amount: Decimal) -> Decimal:
    if isinstance(amount, float):
        raise TypeError("Money is never a float; use Decimal or str.")
    amount = money(amount)
    if amount <= 0:
        raise ValidationError({"amount": _("The amount must be more than zero.")})
    return amount


@transaction.atomic
def payment_record(
    *,
    project: Project,
    student: User,
    amount: Decimal,
    paid_on: date,
    method: str = PaymentMethod.CASH,
    comment: str = "",
    by: User | None,
) -> Payment:
    """Record money a student of the project paid, in the project's currency."""
    amount = _check_amount(amount)
    project = _lock_project(project.pk)
    if not project.students.filter(pk=student.pk).exists():
        raise ValidationError({"student": _("This student does not take part in the project.")})
    payment = Payment(
        project=project,
        student=student,
        amount=amount,
        currency=project.currency,
        paid_on=paid_on,
        method=method,
        comment=comment,
        created_by=by,
    )
    payment.full_clean()
    payment.save()
    return payment


@transaction.atomic
def payment_update(
    *,
    payment: Payment,
    by: User | None,
    amount: Decimal | None = None,
    paid_on: date | None = None,
    method: str | None = None,
    comment: str | None = None,
) -> Payment:
    """Correct a payment's amount, date, method or comment. A voided payment stays as it was."""
    locked = Payment.objects.select_for_update().get(pk=payment.pk)
    if locked.is_voided:
        raise ValueError(str(_("A voided payment cannot be changed.")))
    changes = {
        "amount": None if amount is None else _check_amount(amount),
        "paid_on": paid_on,
        "method": method,
        "comment": comment,
    }
    fields = [name for name, value in changes.items() if value is not None]
    for name in fields:
        setattr(locked, name, changes[name])
    if fields:
        locked.full_clean()
        locked.save(update_fields=fields)
    return locked


def _void(model, obj, *, reason: str, by: User | None):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"void_reason": _("Say why it is voided.")})
    locked = model.objects.select_for_update().get(pk=obj.pk)
    if locked.voided_at is None:
        locked.voided_at = timezone.now()
        locked.voided_by = by
        locked.void_reason = reason
        locked.save(update_fields=["voided_at", "voided_by", "void_reason"])
    obj.voided_at, obj.voided_by_id, obj.void_reason = (
        locked.voided_at,
        locked.voided_by_id,
        locked.void_reason,
    )
    return locked


@transaction.atomic
def payment_void(*, payment: Payment, reason: str, by: User | None) -> Payment:
    """Take a payment out of the accounts, keeping it on record. Voiding twice keeps the
    first reason."""
    return _void(Payment, payment, reason=reason, by=by)


@transaction.atomic
def lesson_mark_paid(
    *,
    lesson: Lesson,
    by: User | None,
    student: User | None = None,
    paid_on: date | None = None,
    method: str = PaymentMethod.CASH,
) -> Payment | None:
    """Record the payment that makes this lesson paid; None when it already is (or is covered
    by a package, or costs nothing).

    Money goes to the oldest lessons first, so the amount is what is still owed up to and
    including this lesson. The project's row is locked and the account computed again inside
    the transaction, so a double click records one payment, not two.
    """
    project = _lock_project(lesson.project_id)
    account = selectors.project_account(project=project)
    line = account.line_for(lesson.pk)
    if line is None or line.state != PaymentState.UNPAID or line.owed_through <= 0:
        return None
    if student is None:
        students = list(project.students.order_by("pk")[:2])
        if len(students) != 1:
            raise ValueError(str(_("Say which student paid: the project has several.")))
        student = students[0]
    return payment_record(
        project=project,
        student=student,
        amount=line.owed_through,
        paid_on=paid_on or timezone.localdate(timezone.now(), project.zone),
        method=method,
        comment=str(_("Lesson of %(date)s") % {"date": f"{lesson.start:%Y-%m-%d}"}),
        by=by,
    )


@transaction.atomic
def package_record(
    *,
    project: Project,
    lessons: int,
    price: Decimal,
    bought_on: date,
    comment: str = "",
    by: User | None,
) -> Package:
    """Record a package of lessons bought for the project, in the project's currency."""
    if isinstance(price, float):
        raise TypeError("Money is never a float; use Decimal or str.")
    price = money(price)
    if price < 0:
        raise ValidationError({"price": _("The price cannot be negative.")})
    if lessons < 1:
        raise ValidationError({"lessons": _("A package has at least one lesson.")})
    project = _lock_project(project.pk)
    package = Package(
        project=project,
        lessons=lessons,
        price=price,
        currency=project.currency,
        bought_on=bought_on,
        comment=comment,
        created_by=by,
    )
    package.full_clean()
    package.save()
    return package


@transaction.atomic
def package_void(*, package: Package, reason: str, by: User | None) -> Package:
    """Take a package out of the accounts, keeping it on record."""
    return _void(Package, package, reason=reason, by=by)
