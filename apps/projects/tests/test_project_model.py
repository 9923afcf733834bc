from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from apps.projects.models import PALETTE, Project, ProjectStatus
from apps.projects.tests.factories import make_project


def test_defaults(teacher):
    project = make_project(teacher)

    assert project.status == ProjectStatus.ACTIVE
    assert project.currency == "RUB"
    assert project.lesson_duration == 60
    assert project.colour in PALETTE
    assert project.zone == teacher.zone


def test_for_teacher_and_student(teacher, other_teacher, student, other_student):
    mine = make_project(teacher, students=(student,))
    group = make_project(other_teacher, title="Group", students=(student, other_student))

    assert list(Project.objects.for_teacher(teacher)) == [mine]
    assert list(Project.objects.for_student(student).order_by("pk")) == [mine, group]
    assert list(Project.objects.for_student(other_student)) == [group]
    assert list(teacher.projects.all()) == [mine]
    assert set(student.student_projects.all()) == {mine, group}


@pytest.mark.parametrize(
    "fields",
    [
        {"lesson_duration": 10},
        {"lesson_duration": 481},
        {"price": Decimal("-1")},
        {"start_date": date(2027, 2, 1), "end_date": date(2027, 1, 31)},
        {"lesson_limit": 0},
        {"status": "archived"},
    ],
)
def test_constraints(teacher, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_project(teacher, **fields)


def test_end_date_may_equal_start_date(teacher):
    make_project(teacher, start_date=date(2027, 1, 4), end_date=date(2027, 1, 4))


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_palette_has_ten_colours_readable_with_white_text():
    assert len(set(PALETTE)) == 10
    for colour in PALETTE:
        contrast = 1.05 / (_luminance(colour) + 0.05)
        assert contrast >= 4.5, colour
