"""schedules_extend and the nightly Celery task. Slots are in Moscow time (UTC+3)."""

from __future__ import annotations

from datetime import date, time
from unittest import mock

import pytest
from django.db import OperationalError

from apps.projects.models import ProjectStatus
from apps.projects.tests.factories import make_project
from apps.scheduling import services
from apps.scheduling.services import schedules_extend
from apps.scheduling.tasks import extend_schedules
from apps.scheduling.tests.factories import make_slot, starts, utc


@pytest.fixture(autouse=True)
def _now(time_machine):
    # Monday 4 January 2027, 16:00 Moscow: today's 18:00 lesson is still ahead.
    time_machine.move_to(utc(2027, 1, 4, 13), tick=False)


@pytest.fixture
def projects(teacher, other_teacher):
    english = make_project(teacher, title="English", start_date=date(2026, 12, 1))
    make_slot(english, [0], time(18))  # Mondays
    french = make_project(other_teacher, title="French", language="fr")
    make_slot(french, [3], time(10))  # Thursdays
    paused = make_project(teacher, title="Paused", status=ProjectStatus.PAUSED)
    make_slot(paused, [2], time(10))
    return english, french, paused


def test_extends_active_projects_from_now(projects):
    english, french, paused = projects

    created = schedules_extend(horizon_weeks=2)

    # Up to 18 January: Mondays 4, 11 and 18 (not December: the job never fills the past).
    assert starts(english.lessons.all()) == [
        utc(2027, 1, 4, 15),
        utc(2027, 1, 11, 15),
        utc(2027, 1, 18, 15),
    ]
    assert starts(french.lessons.all()) == [utc(2027, 1, 7, 7), utc(2027, 1, 14, 7)]
    assert not paused.lessons.exists()
    assert created == 5


def test_uses_the_horizon_setting(projects, settings):
    settings.SCHEDULE_HORIZON_WEEKS = 1

    assert schedules_extend() == 3  # Mondays 4 and 11, Thursday 7 January


def test_runs_again_without_duplicates_and_moves_on(projects, time_machine):
    schedules_extend(horizon_weeks=2)
    assert schedules_extend(horizon_weeks=2) == 0

    time_machine.move_to(utc(2027, 1, 11, 13), tick=False)

    assert schedules_extend(horizon_weeks=2) == 2  # Monday 25 and Thursday 21 January


def test_task_runs_the_service(projects):
    assert extend_schedules.delay(horizon_weeks=2).get() == 5


@pytest.fixture
def errors_not_propagated():
    """Run eagerly, a retry is only carried out when errors are not propagated to the caller."""
    conf = extend_schedules.app.conf
    before = conf.task_eager_propagates
    conf.task_eager_propagates = False
    yield
    conf.task_eager_propagates = before


def test_task_retries_on_database_errors(errors_not_propagated):
    with mock.patch.object(services, "schedules_extend", side_effect=OperationalError) as extend:
        result = extend_schedules.apply()

    assert extend.call_count == 4  # the first try and three retries
    assert result.failed()
    assert isinstance(result.result, OperationalError)
