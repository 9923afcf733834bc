from __future__ import annotations

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError

from apps.projects.tests.factories import make_project
from apps.scheduling.models import TimetableSlot, rule_with_weekday, validate_rrule, weekly_rule


def test_weekly_rule_one_day():
    assert weekly_rule([3]) == "FREQ=WEEKLY;BYDAY=TH"


def test_weekly_rule_every_two_weeks():
    assert weekly_rule([3], interval=2) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH"


def test_weekly_rule_several_days_in_order():
    assert weekly_rule([3, 0, 3]) == "FREQ=WEEKLY;BYDAY=MO,TH"


@pytest.mark.parametrize(("weekdays", "interval"), [([], 1), ([7], 1), ([-1], 1), ([0], 0)])
def test_weekly_rule_rejects_nonsense(weekdays, interval):
    with pytest.raises(ValueError):
        weekly_rule(weekdays, interval)


def test_rule_with_weekday_keeps_interval():
    assert rule_with_weekday("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", 1) == (
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    )


def test_rule_with_weekday_needs_weekly_rule():
    with pytest.raises(ValueError):
        rule_with_weekday("FREQ=MONTHLY;BYMONTHDAY=1", 1)


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=WEEKLY;BYDAY=TH",
        "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
        "FREQ=MONTHLY;BYDAY=1SA",
        "FREQ=DAILY",
    ],
)
def test_validate_rrule_accepts(rule):
    validate_rrule(rule)


@pytest.mark.parametrize(
    "rule",
    [
        "",
        "FREQ=HOURLY",
        "FREQ=WEEKLY;BYDAY=TH;COUNT=10",
        "FREQ=WEEKLY;UNTIL=20270101T000000Z",
        "FREQ=WEEKLY;BYHOUR=10,12",
        "FREQ=WEEKLY;BYDAY=XX",
        "FREQ=WEEKLY;INTERVAL=0;BYDAY=MO",
        "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
        "DTSTART:20270101T000000\nRRULE:FREQ=WEEKLY",
    ],
)
def test_validate_rrule_rejects(rule):
    with pytest.raises(ValidationError):
        validate_rrule(rule)


def test_slot_defaults_to_teacher_zone_and_project_duration(teacher):
    teacher.time_zone = "Europe/Paris"
    teacher.save()
    project = make_project(teacher, lesson_duration=90)
    slot = TimetableSlot.objects.create(
        project=project, rrule=weekly_rule([0]), start_time=time(18), valid_from=date(2027, 1, 4)
    )
    slot.refresh_from_db()
    assert slot.time_zone == "Europe/Paris"
    assert slot.duration == 90


def test_slot_zone_falls_back_to_site_zone(teacher, settings):
    assert teacher.time_zone == ""
    project = make_project(teacher)
    slot = TimetableSlot.objects.create(
        project=project, rrule=weekly_rule([0]), start_time=time(18), valid_from=date(2027, 1, 4)
    )
    assert slot.time_zone == settings.TIME_ZONE == "Europe/Moscow"


def test_slot_keeps_given_zone(teacher):
    project = make_project(teacher)
    slot = TimetableSlot.objects.create(
        project=project,
        rrule=weekly_rule([0]),
        start_time=time(18),
        valid_from=date(2027, 1, 4),
        time_zone="America/New_York",
    )
    assert slot.time_zone == "America/New_York"
