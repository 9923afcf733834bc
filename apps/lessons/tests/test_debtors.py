"""debtors, student_accounts and lesson_payment_states."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from apps.lessons.models import PaymentState
from apps.lessons.selectors import debtors, lesson_payment_states, student_accounts
from apps.lessons.services import package_record, payment_record
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

from .conftest import held_lessons


def pay(project, student, teacher, amount):
    payment_record(
        project=project,
        student=student,
        amount=Decimal(amount),
        paid_on=date(2027, 2, 1),
        by=teacher,
    )


def test_debtors_oldest_unpaid_lesson_first(project, student, teacher, other_student):
    project.students.add(other_student)  # a group: both students are listed
    french = make_project(teacher, students=(student,), title="French", price=Decimal("500"))
    settled = make_project(teacher, students=(student,), title="Settled", price=Decimal("500"))
    held_lessons(project, 2, day=10)
    held_lessons(french, 1, day=3)
    held_lessons(settled, 1, day=1)
    pay(settled, student, teacher, "600")  # in credit

    result = debtors(teacher=teacher)

    assert [(d.project.title, d.student) for d in result] == [
        ("French", student),
        ("English B1", student),
        ("English B1", other_student),
    ]
    assert result[0].debt == Decimal("500.00")
    assert result[1].oldest_unpaid.start == utc(2027, 2, 10, 10)


def test_debt_without_unpaid_lessons_comes_last(project, student, teacher):
    french = make_project(teacher, students=(student,), title="French", price=Decimal("500"))
    package_record(
        project=project, lessons=5, price=Decimal("4000"), bought_on=date(2027, 2, 1), by=teacher
    )
    held_lessons(french, 1, day=20)

    result = debtors(teacher=teacher)

    assert [d.project for d in result] == [french, project]
    assert result[1].oldest_unpaid is None
    assert result[1].debt == Decimal("4000.00")


def test_debtors_only_of_the_teacher(project, other_teacher):
    held_lessons(project, 1)
    assert debtors(teacher=other_teacher) == []


def test_debtors_query_count_does_not_grow(project, student, teacher, django_assert_num_queries):
    french = make_project(teacher, students=(student,), title="French", price=Decimal("500"))
    held_lessons(project, 1)
    with django_assert_num_queries(5):
        debtors(teacher=teacher)

    held_lessons(project, 10, day=5)
    held_lessons(french, 10, day=5)
    pay(french, student, teacher, "10")
    with django_assert_num_queries(5):
        assert len(debtors(teacher=teacher)) == 2


def test_student_accounts(project, student, teacher, other_teacher):
    other = make_project(other_teacher, students=(student,), title="Alpha")
    held_lessons(project, 1)

    accounts = student_accounts(student=student)
    assert [a.project for a in accounts] == [other, project]
    assert accounts[1].balance == Decimal("-1000.00")
    assert [a.project for a in student_accounts(student=student, teacher=teacher)] == [project]


def test_lesson_payment_states(project, student, teacher, lesson, django_assert_num_queries):
    french = make_project(teacher, students=(student,), title="French", price=Decimal("500"))
    paid, unpaid = held_lessons(project, 2)
    missed = make_lesson(french, utc(2027, 2, 3, 10), status=LessonStatus.NO_SHOW)
    pay(project, student, teacher, "1000")

    with django_assert_num_queries(4):
        states = lesson_payment_states(lessons=[lesson, paid, unpaid, missed])

    assert states == {
        lesson.pk: None,
        paid.pk: PaymentState.PAID,
        unpaid.pk: PaymentState.UNPAID,
        missed.pk: PaymentState.UNPAID,
    }
