"""The earnings report: selectors (earnings.py), the period, the chart and the page.

"Now" is Monday 1 March 2027 (see conftest.py). Lessons are placed at mid-day on mid-month
dates unless a test is about month boundaries, so daylight saving never moves them.
"""

from __future__ import annotations

import re
import zoneinfo
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.lessons.earnings import earnings_by_month, earnings_by_student, rate
from apps.lessons.report_views import build_charts, nice_step, parse_period
from apps.lessons.services import payment_record, payment_void
from apps.projects.models import Currency
from apps.projects.tests.factories import make_project
from apps.scheduling.models import LessonStatus
from apps.scheduling.tests.factories import make_lesson, utc

MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")
PARIS = zoneinfo.ZoneInfo("Europe/Paris")
JAN, FEB, MAR = date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)
URL = "/money/earnings/"


def pay(project, student, teacher, amount, paid_on):
    return payment_record(
        project=project, student=student, amount=Decimal(amount), paid_on=paid_on, by=teacher
    )


def by_month(teacher, start=JAN, end=date(2027, 2, 28), zone=MOSCOW):
    return {
        (row.currency, row.month): row
        for row in earnings_by_month(teacher=teacher, start=start, end=end, zone=zone)
    }


def by_student(teacher, start=JAN, end=date(2027, 2, 28), zone=MOSCOW):
    return earnings_by_student(teacher=teacher, start=start, end=end, zone=zone)


# earnings_by_month


def test_sums_per_month(project, student, teacher):
    make_lesson(project, utc(2027, 1, 15, 12), status=LessonStatus.HELD)
    make_lesson(project, utc(2027, 2, 10, 12), status=LessonStatus.HELD)
    make_lesson(project, utc(2027, 2, 11, 12), status=LessonStatus.NO_SHOW)
    make_lesson(project, utc(2027, 2, 12, 12), status=LessonStatus.CANCELLED_LATE)
    make_lesson(project, utc(2027, 2, 13, 12), status=LessonStatus.CANCELLED_BY_STUDENT)
    make_lesson(project, utc(2027, 2, 14, 12), status=LessonStatus.CANCELLED_BY_TEACHER)
    make_lesson(project, utc(2027, 2, 15, 12))  # planned
    make_lesson(project, utc(2027, 3, 15, 12), status=LessonStatus.HELD)  # after the period
    pay(project, student, teacher, "1500.50", date(2027, 1, 20))
    pay(project, student, teacher, "250", date(2027, 2, 28))
    voided = pay(project, student, teacher, "999", date(2027, 2, 5))
    payment_void(payment=voided, reason="typo", by=teacher)

    rows = by_month(teacher)

    assert list(rows) == [("RUB", JAN), ("RUB", FEB)]
    jan, feb = rows["RUB", JAN], rows["RUB", FEB]
    assert (jan.lessons, jan.held, jan.charged) == (1, 1, 1)
    assert jan.value == Decimal("1000.00")
    assert jan.paid == Decimal("1500.50")
    assert (feb.lessons, feb.held, feb.charged) == (6, 1, 3)
    assert feb.value == Decimal("3000.00")
    assert feb.paid == Decimal("250.00")  # the voided payment is left out


def test_project_rule_decides_late_cancellations_and_no_shows(teacher, student, now):
    lenient = make_project(
        teacher,
        students=(student,),
        price=Decimal("700"),
        charge_no_show=False,
        charge_late_cancel=False,
    )
    make_lesson(lenient, utc(2027, 2, 10, 12), status=LessonStatus.HELD)
    make_lesson(lenient, utc(2027, 2, 11, 12), status=LessonStatus.NO_SHOW)
    make_lesson(lenient, utc(2027, 2, 12, 12), status=LessonStatus.CANCELLED_LATE)

    feb = by_month(teacher)["RUB", FEB]

    assert (feb.lessons, feb.charged, feb.value) == (3, 1, Decimal("700.00"))


def test_months_are_counted_in_the_teachers_zone(project):
    # 23:30 UTC on 31 January is 00:30 on 1 February in Paris (winter, UTC+1);
    # 22:30 UTC on 28 February is 23:30 on 28 February there.
    make_lesson(project, utc(2027, 1, 31, 23, 30), status=LessonStatus.HELD)
    make_lesson(project, utc(2027, 2, 28, 22, 30), status=LessonStatus.HELD)
    # The first minutes of January in Paris are still 31 December in UTC.
    make_lesson(project, utc(2026, 12, 31, 23, 30), status=LessonStatus.HELD)

    rows = by_month(project.teacher, zone=PARIS)

    assert rows["RUB", JAN].charged == 1
    assert rows["RUB", FEB].charged == 2


def test_one_row_per_currency_and_month(project, teacher, student):
    euros = make_project(
        teacher, students=(student,), title="French", price=Decimal("30"), currency=Currency.EUR
    )
    make_lesson(euros, utc(2027, 2, 10, 12), status=LessonStatus.HELD)
    make_lesson(project, utc(2027, 1, 10, 12), status=LessonStatus.HELD)

    rows = by_month(teacher)

    assert list(rows) == [("EUR", JAN), ("EUR", FEB), ("RUB", JAN), ("RUB", FEB)]
    assert rows["EUR", FEB].value == Decimal("30.00")
    assert rows["EUR", JAN].value == Decimal("0.00")


def test_other_teachers_data_is_never_included(teacher, other_teacher, other_student, now):
    theirs = make_project(other_teacher, students=(other_student,), price=Decimal("500"))
    make_lesson(theirs, utc(2027, 2, 10, 12), status=LessonStatus.HELD)
    pay(theirs, other_student, other_teacher, "500", date(2027, 2, 10))

    assert by_month(teacher) == {}
    assert by_student(teacher) == []
    assert by_month(other_teacher)["RUB", FEB].paid == Decimal("500.00")


def test_no_data_no_rows(teacher):
    assert earnings_by_month(teacher=teacher, start=JAN, end=MAR, zone=MOSCOW) == []


# earnings_by_student


def test_per_student_counts_and_rates(project, student, teacher, other_student):
    for day, status in [
        (1, LessonStatus.HELD),
        (2, LessonStatus.HELD),
        (3, LessonStatus.NO_SHOW),
        (4, LessonStatus.CANCELLED_BY_STUDENT),
        (5, LessonStatus.CANCELLED_LATE),
        (6, LessonStatus.CANCELLED_BY_TEACHER),
    ]:
        make_lesson(project, utc(2027, 2, day, 12), status=status)
    make_lesson(project, utc(2027, 2, 20, 12))  # planned: not in the rates
    pay(project, student, teacher, "1000", date(2027, 2, 3))
    voided = pay(project, student, teacher, "5000", date(2027, 2, 3))
    payment_void(payment=voided, reason="twice", by=teacher)

    [row] = by_student(teacher)

    assert (row.student, row.project) == (student, project)
    assert (row.lessons, row.held, row.charged) == (6, 2, 4)  # held ×2, no-show, late
    assert (row.cancelled, row.cancelled_late, row.no_shows) == (2, 1, 1)
    assert row.cancellation_rate == Decimal("33.3")
    assert row.no_show_rate == Decimal("16.7")
    assert row.earned == Decimal("4000.00")
    assert row.paid == Decimal("1000.00")


def test_group_project_gives_each_student_a_row(project, student, teacher, other_student):
    project.students.add(other_student)
    make_lesson(project, utc(2027, 2, 10, 12), status=LessonStatus.HELD)
    pay(project, other_student, teacher, "400", date(2027, 2, 10))

    rows = by_student(teacher)

    assert [(r.student, r.earned, r.paid) for r in rows] == [
        (other_student, Decimal("1000.00"), Decimal("400.00")),  # Olga before Sasha
        (student, Decimal("1000.00"), Decimal("0.00")),
    ]


def test_rate():
    assert rate(1, 3) == Decimal("33.3")
    assert rate(2, 3) == Decimal("66.7")
    assert rate(1, 8) == Decimal("12.5")
    assert rate(0, 5) == Decimal("0.0")
    assert rate(0, 0) is None


# The period


TODAY = date(2027, 3, 15)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, (date(2026, 4, 1), date(2027, 3, 31), False)),
        ({"from": "", "to": ""}, (date(2026, 4, 1), date(2027, 3, 31), False)),
        ({"from": "2027-01", "to": "2027-02"}, (JAN, date(2027, 2, 28), False)),
        ({"from": "2024-02", "to": "2024-02"}, (date(2024, 2, 1), date(2024, 2, 29), False)),
        ({"from": "2026-12"}, (date(2026, 12, 1), date(2027, 3, 31), False)),
        ({"from": "nonsense", "to": "2027-02"}, (date(2026, 4, 1), date(2027, 3, 31), True)),
        ({"from": "2027-13", "to": "2027-02"}, (date(2026, 4, 1), date(2027, 3, 31), True)),
        ({"from": "2027-03", "to": "2027-01"}, (date(2026, 4, 1), date(2027, 3, 31), True)),
        ({"from": "2010-01", "to": "2027-01"}, (date(2026, 4, 1), date(2027, 3, 31), True)),
        ({"from": "2027-01-05"}, (date(2026, 4, 1), date(2027, 3, 31), True)),
    ],
)
def test_parse_period(params, expected):
    assert parse_period(params, TODAY) == expected


# The chart


def test_nice_step():
    assert nice_step(Decimal("0")) == 1
    assert nice_step(Decimal("3000")) == 1000
    assert nice_step(Decimal("3500")) == 1000
    assert nice_step(Decimal("4100")) == 2000
    assert nice_step(Decimal("90")) == 50


def test_chart_geometry(project, student, teacher):
    make_lesson(project, utc(2027, 1, 10, 12), status=LessonStatus.HELD)
    make_lesson(project, utc(2027, 1, 11, 12), status=LessonStatus.HELD)
    pay(project, student, teacher, "1000", date(2027, 2, 1))
    rows = earnings_by_month(teacher=teacher, start=JAN, end=date(2027, 2, 28), zone=MOSCOW)

    [chart] = build_charts(rows)

    assert [(b.kind, b.month, b.value) for b in chart.bars] == [
        ("charged", JAN, Decimal("2000.00")),
        ("paid", JAN, Decimal("0.00")),
        ("charged", FEB, Decimal("0.00")),
        ("paid", FEB, Decimal("1000.00")),
    ]
    full, _empty, _empty2, half = chart.bars  # step 500: the axis ends at 2000
    assert full.y + full.height == chart.bottom
    assert full.height == chart.bottom - chart.top
    assert half.height == pytest.approx(full.height / 2)
    assert full.x < chart.bars[1].x < chart.bars[2].x < chart.bars[3].x
    assert all(chart.left <= b.x and b.x + b.width <= chart.right for b in chart.bars)
    assert [t.value for t in chart.ticks] == [0, 500, 1000, 1500, 2000]


# The page


def test_it_works(now, teacher_client, project, student, teacher):
    euros = make_project(
        teacher, students=(student,), title="French", price=Decimal("30"), currency=Currency.EUR
    )
    make_lesson(project, utc(2027, 2, 10, 12), status=LessonStatus.HELD)
    make_lesson(euros, utc(2027, 2, 11, 12), status=LessonStatus.HELD)

    response = teacher_client.get(URL, {"from": "2027-01", "to": "2027-03"})

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<svg") == 2  # one chart per currency
    assert html.count("<rect") == 2 * 3 * 2  # two bars a month, three months, two currencies
    assert 'role="img"' in html
    assert "aria-label=" in html
    assert "Feb 2027: lessons charged 1,000.00 RUB" in html
    assert "Sasha Student" in html
    assert reverse("lessons:earnings") == URL


def test_default_period_is_the_last_12_months(now, teacher_client, project):
    make_lesson(project, utc(2027, 2, 10, 12), status=LessonStatus.HELD)

    response = teacher_client.get(URL)

    html = response.content.decode()
    assert html.count("<rect") == 24
    assert 'value="2026-04"' in html and 'value="2027-03"' in html


def test_invalid_period_falls_back_with_a_message(now, teacher_client, project):
    make_lesson(project, utc(2027, 2, 10, 12), status=LessonStatus.HELD)

    response = teacher_client.get(URL, {"from": "2027-99", "to": "junk"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "could not be read" in html
    assert html.count("<rect") == 24


def test_empty_period(now, teacher_client):
    response = teacher_client.get(URL)

    assert response.status_code == 200
    assert "<svg" not in response.content.decode()
    assert "No lessons or payments in this period." in response.content.decode()


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, {"from": "2027-01", "to": "2027-02"}).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_lessons(now, teacher_client, project, student, teacher):
    for day in range(1, 4):
        make_lesson(project, utc(2027, 2, day, 12), status=LessonStatus.HELD)
        pay(project, student, teacher, "10", date(2027, 2, day))
    few = _queries(teacher_client)
    other = make_project(teacher, students=(student,), title="Other", price=Decimal("5"))
    for day in range(4, 28):
        make_lesson(other, utc(2027, 2, day, 12), status=LessonStatus.NO_SHOW)
        pay(other, student, teacher, "10", date(2027, 1, day))
    for day in range(1, 4):
        make_lesson(project, utc(2027, 1, day, 12), status=LessonStatus.CANCELLED_LATE)

    assert _queries(teacher_client) == few


def test_it_requires_login(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert re.search(r"/accounts/login/", response["Location"])


def test_students_are_refused(now, student_client):
    assert student_client.get(URL).status_code == 403


def test_it_rejects_post(now, teacher_client):
    assert teacher_client.post(URL).status_code == 405
