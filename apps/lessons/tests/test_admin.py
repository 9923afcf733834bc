"""The administration site for payments, packages and lesson history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.lessons.models import Payment
from apps.lessons.services import lesson_set_status, package_record, payment_record
from apps.scheduling.models import LessonStatus


@pytest.fixture
def payment(project, student, teacher):
    return payment_record(
        project=project,
        student=student,
        amount=Decimal("1000"),
        paid_on=date(2027, 2, 1),
        by=teacher,
    )


def test_lists(admin_client, payment, project, teacher):
    package_record(
        project=project, lessons=5, price=Decimal("4500"), bought_on=date(2027, 2, 1), by=teacher
    )
    payments = reverse("admin:lessons_payment_changelist")
    for query in ["", "?method__exact=cash", "?voided=no", "?voided=yes", "?q=Sasha"]:
        assert admin_client.get(payments + query).status_code == 200
    response = admin_client.get(payments + f"?project__teacher__id__exact={teacher.pk}")
    assert b"Sasha Student" in response.content
    assert admin_client.get(reverse("admin:lessons_package_changelist")).status_code == 200
    change = reverse("admin:lessons_payment_change", args=[payment.pk])
    assert admin_client.get(change).status_code == 200


def test_adding_a_payment_records_who(admin_client, admin_user, project, student):
    response = admin_client.post(
        reverse("admin:lessons_payment_add"),
        {
            "project": project.pk,
            "student": student.pk,
            "amount": "250.00",
            "paid_on": "2027-02-01",
            "method": "card",
            "comment": "",
        },
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert (payment.created_by, payment.currency) == (admin_user, "RUB")


def change_data(payment, **extra):
    return {
        "project": payment.project_id,
        "student": payment.student_id,
        "amount": str(payment.amount),
        "paid_on": "2027-02-01",
        "method": payment.method,
        "comment": "",
        "void_reason": "",
        **extra,
    }


def test_voiding_needs_a_reason(admin_client, payment):
    url = reverse("admin:lessons_payment_change", args=[payment.pk])

    response = admin_client.post(url, change_data(payment, void="on"))

    assert response.status_code == 200
    assert b"Say why it is voided." in response.content
    payment.refresh_from_db()
    assert not payment.is_voided


def test_voiding_through_the_change_form(admin_client, admin_user, payment):
    url = reverse("admin:lessons_payment_change", args=[payment.pk])

    response = admin_client.post(url, change_data(payment, void="on", void_reason="Twice"))

    assert response.status_code == 302
    payment.refresh_from_db()
    assert (payment.void_reason, payment.voided_by) == ("Twice", admin_user)
    assert admin_client.get(url).status_code == 200  # read-only now


def test_payments_cannot_be_deleted(admin_client, payment):
    response = admin_client.post(reverse("admin:lessons_payment_delete", args=[payment.pk]))
    assert response.status_code == 403
    assert Payment.objects.exists()


def test_lesson_history_inline(admin_client, past_lesson, teacher):
    lesson_set_status(lesson=past_lesson, status=LessonStatus.HELD, by=teacher)
    response = admin_client.get(reverse("admin:scheduling_lesson_change", args=[past_lesson.pk]))
    assert response.status_code == 200
    assert b"Tatiana Teacher" in response.content


def test_mark_held_action(admin_client, past_lesson, lesson, admin_user):
    response = admin_client.post(
        reverse("admin:scheduling_lesson_changelist"),
        {"action": "mark_held", "_selected_action": [past_lesson.pk, lesson.pk]},
        follow=True,
    )
    assert b"1 lesson changed." in response.content
    assert b"not started yet" in response.content
    past_lesson.refresh_from_db()
    lesson.refresh_from_db()
    assert (past_lesson.status, lesson.status) == (LessonStatus.HELD, LessonStatus.PLANNED)
    assert past_lesson.status_changes.get().changed_by == admin_user


def test_mark_cancelled_by_teacher_action(admin_client, lesson):
    admin_client.post(
        reverse("admin:scheduling_lesson_changelist"),
        {"action": "mark_cancelled_by_teacher", "_selected_action": [lesson.pk]},
    )
    lesson.refresh_from_db()
    assert lesson.status == LessonStatus.CANCELLED_BY_TEACHER
    assert lesson.status_changes.count() == 1


def test_changing_the_status_in_the_form_is_recorded(admin_client, past_lesson, admin_user):
    response = admin_client.post(
        reverse("admin:scheduling_lesson_change", args=[past_lesson.pk]),
        {
            "project": past_lesson.project_id,
            "start_0": "2027-02-22",
            "start_1": "15:00:00",
            "end_0": "2027-02-22",
            "end_1": "16:00:00",
            "status": "no_show",
            "note": "",
        },
    )
    assert response.status_code == 302
    change = past_lesson.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == (
        "planned",
        "no_show",
        admin_user,
    )


def test_mark_paid_action(admin_client, project, past_lesson, lesson, teacher):
    from .conftest import held_lessons

    first, second = held_lessons(project, 2)
    payment_record(
        project=project,
        student=project.students.get(),
        amount=Decimal("1000"),
        paid_on=date(2027, 2, 1),
        by=teacher,
    )
    # `first` is paid already, `lesson` (planned) is not charged: only `second` records.
    response = admin_client.post(
        reverse("admin:scheduling_lesson_changelist"),
        {"action": "mark_paid", "_selected_action": [first.pk, second.pk, lesson.pk]},
        follow=True,
    )
    assert b"1 payment recorded." in response.content
    assert Payment.objects.count() == 2
    assert Payment.objects.latest("pk").amount == Decimal("1000.00")
    admin_client.post(
        reverse("admin:scheduling_lesson_changelist"),
        {"action": "mark_paid", "_selected_action": [second.pk]},
    )
    assert Payment.objects.count() == 2
