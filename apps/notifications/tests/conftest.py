"""Fixtures for the reminder tests.

"Now" is Monday 1 March 2027, 12:00 UTC: 15:00 for the teacher (no zone of their own, so
Moscow, UTC+3) and 19:00 for the student in Novosibirsk (UTC+7).
"""

from __future__ import annotations

from datetime import datetime

import pytest

from apps.projects.models import Project
from apps.projects.tests.factories import make_project
from apps.scheduling.tests.factories import utc

NOW = utc(2027, 3, 1, 12)


@pytest.fixture
def now(time_machine) -> datetime:
    time_machine.move_to(NOW, tick=False)
    return NOW


@pytest.fixture
def project(now, teacher, student) -> Project:
    return make_project(teacher, students=(student,))


def recipients(mailoutbox) -> list[str]:
    return sorted(address for message in mailoutbox for address in message.to)
