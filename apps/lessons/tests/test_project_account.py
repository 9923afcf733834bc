"""project_account: payment states, package consumption, balances."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from apps.lessons.models import PaymentState
from apps.lessons.selectors import project_account
from apps.lessons.services import (
    lesson_set_status,
    package_record,
    package_void,
    payment_record,
    payment_update,
    payment_void,
)
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

from .conftest import held_lessons

PAID, UNPAID, PACKAGE = PaymentState.PAID, PaymentState.UNPAID, PaymentState.PACKAGE


def pay(project, student, teacher, amount: str, day: int = 1):
    return payment_record(
        project=project,
        student=student,
        amount=Decimal(amount),
        paid_on=date(2027, 2, day),
        by=teacher,
    )


def buy(project, teacher, lessons: int, price: str, day: int = 1):
    return package_record(
        project=project,
        lessons=lessons,
        price=Decimal(price),
        bought_on=date(2027, 2, day),
        by=teacher,
    )


def states(account) -> list[str]:
    return [line.state for line in account.lines]


def test_an_empty_account(project):
    account = project_account(project=project)
    assert account.lines == []
    assert account.balance == account.charged == account.paid == Decimal("0.00")
    assert not account.package_low
    assert account.oldest_unpaid is None


def test_what_each_status_charges(project, teacher):
    lessons = {
        status: make_lesson(project, utc(2027, 2, 1 + i, 10))
        for i, status in enumerate(LessonStatus)
    }
    for status, lesson in lessons.items():
        lesson_set_status(lesson=lesson, status=status, by=teacher)

    account = project_account(project=project)

    charged = [line.lesson.status for line in account.lines]
    assert charged == [LessonStatus.HELD, LessonStatus.CANCELLED_LATE, LessonStatus.NO_SHOW]
    assert account.charged == Decimal("3000.00")
    assert account.balance == Decimal("-3000.00")


def test_the_project_rule_decides_what_is_charged(project, teacher):
    for i, status in enumerate([LessonStatus.CANCELLED_LATE, LessonStatus.NO_SHOW]):
        make_lesson(project, utc(2027, 2, 1 + i, 10), status=status)
    project.charge_late_cancel = project.charge_no_show = False
    project.save(update_fields=["charge_late_cancel", "charge_no_show"])

    assert project_account(project=project).lines == []


def test_money_goes_to_the_oldest_lessons_first(project, student, teacher):
    held_lessons(project, 3)
    pay(project, student, teacher, "1500")

    account = project_account(project=project)

    assert states(account) == [PAID, UNPAID, UNPAID]
    assert [line.owed for line in account.lines] == [
        Decimal("0.00"),
        Decimal("500.00"),
        Decimal("1000.00"),
    ]
    assert [line.owed_through for line in account.lines] == [
        Decimal("0.00"),
        Decimal("500.00"),
        Decimal("1500.00"),
    ]
    assert account.balance == Decimal("-1500.00")
    assert account.debt == Decimal("1500.00")
    assert account.oldest_unpaid == account.lines[1].lesson


def test_overpayment_is_carried_forward_to_the_next_lessons(project, student, teacher):
    pay(project, student, teacher, "2500")
    held_lessons(project, 1)
    assert project_account(project=project).credit == Decimal("1500.00")

    held_lessons(project, 2, day=10)
    account = project_account(project=project)

    assert states(account) == [PAID, PAID, UNPAID]
    assert account.balance == Decimal("-500.00")


def test_payment_edits_and_voids(project, student, teacher):
    held_lessons(project, 2)
    first = pay(project, student, teacher, "1000")
    second = pay(project, student, teacher, "1000", day=2)
    assert project_account(project=project).balance == Decimal("0.00")

    payment_update(payment=first, by=teacher, amount=Decimal("400"))
    account = project_account(project=project)
    assert states(account) == [PAID, UNPAID]
    assert account.paid == Decimal("1400.00")
    assert account.balance == Decimal("-600.00")

    payment_void(payment=second, reason="Bounced", by=teacher)
    account = project_account(project=project)
    assert states(account) == [UNPAID, UNPAID]
    assert account.balance == Decimal("-1600.00")


def test_packages_are_consumed_in_purchase_order(project, student, teacher):
    later = buy(project, teacher, 2, "1800", day=5)
    earlier = buy(project, teacher, 2, "1900", day=3)
    pay(project, student, teacher, "3700")
    lessons = held_lessons(project, 5, day=10)

    account = project_account(project=project)

    assert states(account) == [PACKAGE, PACKAGE, PACKAGE, PACKAGE, UNPAID]
    assert [line.package for line in account.lines[:4]] == [earlier, earlier, later, later]
    assert [line.lesson for line in account.lines] == lessons
    assert account.package_lessons_left == 0
    assert account.package_low
    assert account.packages_price == Decimal("3700.00")
    assert account.charged == Decimal("1000.00")
    assert account.balance == Decimal("-1000.00")


def test_package_low(project, teacher):
    buy(project, teacher, 3, "2700")
    held_lessons(project, 1)
    account = project_account(project=project)
    assert (account.package_lessons_left, account.package_low) == (2, False)

    held_lessons(project, 1, day=10)
    account = project_account(project=project)
    assert (account.package_lessons_left, account.package_low) == (1, True)


def test_a_package_price_is_owed_before_lessons(project, student, teacher):
    buy(project, teacher, 1, "900")
    held_lessons(project, 2)
    pay(project, student, teacher, "1400")

    account = project_account(project=project)

    assert states(account) == [PACKAGE, UNPAID]
    assert account.lines[1].owed_through == Decimal("500.00")
    assert account.balance == Decimal("-500.00")


def test_a_voided_package_covers_nothing(project, teacher):
    package = buy(project, teacher, 5, "4500")
    held_lessons(project, 1)
    package_void(package=package, reason="Refunded", by=teacher)

    account = project_account(project=project)

    assert states(account) == [UNPAID]
    assert account.packages_price == Decimal("0.00")
    assert not account.package_low


def test_tenths_add_up_exactly(now, teacher, student):
    project = make_project(teacher, students=(student,), price=Decimal("0.10"))
    held_lessons(project, 10)
    for _i in range(3):
        pay(project, student, teacher, "0.10")
    pay(project, student, teacher, "0.70")

    account = project_account(project=project)

    assert account.charged == Decimal("1.00")
    assert account.paid == Decimal("1.00")
    assert account.balance == Decimal("0.00")
    assert states(account) == [PAID] * 10
    assert all(isinstance(v, Decimal) for v in (account.charged, account.paid, account.balance))


def test_prices_have_two_places(now, teacher, student):
    project = make_project(teacher, students=(student,), price=Decimal("33.34"))
    held_lessons(project, 3)
    pay(project, student, teacher, "100.005")  # rounded half up to 100.01 when recorded

    account = project_account(project=project)

    assert account.charged == Decimal("100.02")
    assert account.paid == Decimal("100.01")
    assert account.balance == Decimal("-0.01")
    assert states(account) == [PAID, PAID, UNPAID]


def test_query_count_does_not_grow_with_lessons(
    project, student, teacher, django_assert_num_queries
):
    buy(project, teacher, 2, "1800")
    pay(project, student, teacher, "1000")
    held_lessons(project, 2)
    with django_assert_num_queries(3):
        project_account(project=project)

    held_lessons(project, 10, day=10)
    pay(project, student, teacher, "500")
    with django_assert_num_queries(3):
        account = project_account(project=project)
    assert len(account.lines) == 12
