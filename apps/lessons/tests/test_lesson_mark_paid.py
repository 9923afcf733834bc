"""lesson_mark_paid: one click, one payment of what makes the lesson paid."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from apps.accounts.models import Role
from apps.lessons.models import Payment, PaymentMethod, PaymentState
from apps.lessons.selectors import lesson_payment_states
from apps.lessons.services import lesson_mark_paid, package_record, payment_record
from conftest import make_user

from .conftest import held_lessons


def test_it_works(project, student, teacher):
    (lesson,) = held_lessons(project, 1)

    payment = lesson_mark_paid(lesson=lesson, by=teacher)

    assert payment.amount == Decimal("1000.00")
    assert payment.student == student
    assert payment.created_by == teacher
    assert payment.method == PaymentMethod.CASH
    assert payment.paid_on == date(2027, 3, 1)
    assert lesson_payment_states(lessons=[lesson]) == {lesson.pk: PaymentState.PAID}


def test_a_second_click_records_nothing(project, teacher):
    (lesson,) = held_lessons(project, 1)
    lesson_mark_paid(lesson=lesson, by=teacher)

    assert lesson_mark_paid(lesson=lesson, by=teacher) is None
    assert Payment.objects.count() == 1


def test_it_pays_what_is_owed_up_to_the_lesson(project, student, teacher):
    first, second, third = held_lessons(project, 3)
    payment_record(
        project=project,
        student=student,
        amount=Decimal("300"),
        paid_on=date(2027, 2, 1),
        by=teacher,
    )

    payment = lesson_mark_paid(lesson=second, by=teacher)

    assert payment.amount == Decimal("1700.00")
    states = lesson_payment_states(lessons=[first, second, third])
    assert list(states.values()) == [PaymentState.PAID, PaymentState.PAID, PaymentState.UNPAID]


def test_nothing_is_recorded_for_a_paid_lesson(project, student, teacher):
    (lesson,) = held_lessons(project, 1)
    payment_record(
        project=project,
        student=student,
        amount=Decimal("5000"),
        paid_on=date(2027, 2, 1),
        by=teacher,
    )
    assert lesson_mark_paid(lesson=lesson, by=teacher) is None


def test_nothing_is_recorded_for_a_package_lesson(project, teacher):
    package_record(
        project=project, lessons=5, price=Decimal("0"), bought_on=date(2027, 2, 1), by=teacher
    )
    (lesson,) = held_lessons(project, 1)
    assert lesson_mark_paid(lesson=lesson, by=teacher) is None


def test_nothing_is_recorded_for_a_lesson_not_charged(lesson, teacher):
    assert lesson_mark_paid(lesson=lesson, by=teacher) is None
    assert not Payment.objects.exists()


def test_a_group_project_needs_the_student(project, student, teacher):
    classmate = make_user("classmate@example.com", "Clara Classmate", Role.STUDENT)
    project.students.add(classmate)
    (lesson,) = held_lessons(project, 1)

    with pytest.raises(ValueError, match="which student"):
        lesson_mark_paid(lesson=lesson, by=teacher)
    payment = lesson_mark_paid(lesson=lesson, by=teacher, student=classmate)
    assert payment.student == classmate


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite locks the whole database instead of rows; run with DATABASE_URL=postgres://…",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_clicks_at_once_record_one_payment(project, teacher):
    (lesson,) = held_lessons(project, 1)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def click():
        try:
            barrier.wait(timeout=5)
            results.append(lesson_mark_paid(lesson=lesson, by=teacher))
        except Exception as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)

    assert errors == []
    assert sorted(results, key=lambda r: r is None)[1] is None
    assert Payment.objects.count() == 1
    assert Payment.objects.get().amount == Decimal("1000.00")
