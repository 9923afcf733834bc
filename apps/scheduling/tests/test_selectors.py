"""Laying out a week for the grid: overlapping lessons stand side by side."""

from __future__ import annotations

import zoneinfo
from datetime import date

from apps.scheduling.selectors import teacher_period
from apps.scheduling.tests.factories import make_lesson, utc

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def _placed(teacher):
    period = teacher_period(teacher=teacher, view="week", anchor=date(2027, 1, 13), zone=PARIS)
    return {item.lesson.pk: item for day in period.days for item in day.lessons}


def test_overlapping_lessons_share_the_column(now, paris_teacher, french):
    first = make_lesson(french, utc(2027, 1, 14, 17), 60)
    second = make_lesson(french, utc(2027, 1, 14, 17, 30), 60)
    later = make_lesson(french, utc(2027, 1, 14, 19), 60)

    placed = _placed(paris_teacher)

    assert (placed[first.pk].lane, placed[first.pk].lanes) == (0, 2)
    assert (placed[second.pk].lane, placed[second.pk].lanes) == (1, 2)
    assert (placed[second.pk].left, placed[second.pk].width) == (50, 50)
    assert (placed[later.pk].lane, placed[later.pk].lanes) == (0, 1)
    assert placed[first.pk].conflict and placed[second.pk].conflict
    assert not placed[later.pk].conflict


def test_a_freed_lane_is_used_again(now, paris_teacher, french):
    long = make_lesson(french, utc(2027, 1, 14, 16), 180)
    short = make_lesson(french, utc(2027, 1, 14, 16), 30)
    after_short = make_lesson(french, utc(2027, 1, 14, 17), 30)

    placed = _placed(paris_teacher)

    assert placed[long.pk].lane != placed[short.pk].lane
    assert placed[after_short.pk].lane == placed[short.pk].lane
    assert {placed[pk].lanes for pk in (long.pk, short.pk, after_short.pk)} == {2}
