"""Scheduling under a realistic load: generating lessons, and the calendar's week view.

    uv run python bench/scheduling.py                                  # SQLite, a temporary file
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/x uv run python bench/scheduling.py

PostgreSQL: the server of BENCH_DATABASE_URL (or of DATABASE_URL when that is PostgreSQL) gets
a database named vv_bench, dropped and created afresh and dropped again at the end; the
database named in the URL is never touched.

The load: one teacher with 30 active projects (1-2 weekly slots each) and two years of history
(past lessons held or cancelled), and 100 other teachers with 3 projects each, 200 of them with a
year of history. Measured: lessons_generate making a year of lessons for 100 projects, and the
week view (median of 20 requests through the test client, and its query count).
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import time as clock
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DATABASE = "vv_bench"
TEACHER_PROJECTS = 30
OTHER_TEACHERS = 100
OTHER_PROJECTS_EACH = 3
TIMED_PROJECTS = 100
WEEK_REQUESTS = 20
ZONES = ["Europe/Moscow", "Europe/Paris", "Asia/Yekaterinburg", "Europe/Berlin", "Asia/Almaty"]


def postgres_url() -> str | None:
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def recreate_postgres(url: str) -> str:
    """Drop and create vv_bench on the URL's server; returns the URL of vv_bench."""
    import psycopg

    parts = urlsplit(url)
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")
        connection.execute(f"CREATE DATABASE {BENCH_DATABASE}")
    return urlunsplit(parts._replace(path=f"/{BENCH_DATABASE}"))


def drop_postgres(url: str) -> None:
    import psycopg

    maintenance = urlunsplit(urlsplit(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DATABASE} WITH (FORCE)")


def configure(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ["DJANGO_SETTINGS_MODULE"] = "verbal_voyager.settings"
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    # The test client's host, plain HTTP, and static URLs without a collectstatic manifest.
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["HTTPS"] = "false"
    os.environ["MANIFEST_STATIC"] = "false"
    os.environ["LOG_LEVEL"] = "WARNING"

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seconds(start: float) -> float:
    return time.perf_counter() - start


def populate(rng: random.Random, *, other_teachers: int = OTHER_TEACHERS):
    """Teachers, students, projects, timetables and their lessons up to 12 weeks ahead.

    One teacher ("teacher@bench.test", Paris) with 30 projects and two years of history; the
    other teachers 3 projects each, two of them with a year of history and one new (no lessons
    yet: those are the ones `run` times). Past lessons are held, cancelled or missed at realistic
    rates. Returns the main teacher, all projects and the indexes of the new projects.
    """
    from django.utils import timezone

    from apps.accounts.models import Role, User
    from apps.projects.models import Language, Level, Project
    from apps.scheduling.models import Lesson, LessonStatus, TimetableSlot, weekly_rule
    from apps.scheduling.services import lessons_generate

    now = timezone.now()
    today = timezone.localdate(now)
    horizon = today + timedelta(weeks=12)
    languages = list(Language.objects.filter(code__in=["en", "fr"]))

    # People: one teacher in Paris, the others around, one student per project. No password hashing.
    def user(email: str, role: str, **fields) -> User:
        return User(email=email, name=email.split("@")[0], role=role, password="!", **fields)

    teachers = [user("teacher@bench.test", Role.TEACHER, approved_at=now, time_zone="Europe/Paris")]
    teachers += [
        user(f"teacher{n}@bench.test", Role.TEACHER, approved_at=now, time_zone=rng.choice(ZONES))
        for n in range(other_teachers)
    ]
    teachers = User.objects.bulk_create(teachers)
    teacher = teachers[0]
    projects: list[Project] = []
    history: dict[int, int] = {}  # project index → days of history
    for owner in teachers:
        count = TEACHER_PROJECTS if owner is teacher else OTHER_PROJECTS_EACH
        for number in range(count):
            days = 730 if owner is teacher else (365 if number < 2 else 0)
            history[len(projects)] = days
            projects.append(
                Project(
                    teacher=owner,
                    language=rng.choice(languages),
                    level=rng.choice(Level.values),
                    title=f"{owner.name} {number + 1}",
                    start_date=today - timedelta(days=days),
                    lesson_duration=rng.choice([45, 60, 60, 90]),
                )
            )
    projects = Project.objects.bulk_create(projects)
    students = User.objects.bulk_create(
        [
            user(f"student{n}@bench.test", Role.STUDENT, time_zone=rng.choice(ZONES))
            for n in range(len(projects))
        ]
    )
    Project.students.through.objects.bulk_create(
        [
            Project.students.through(project=project, user=student)
            for project, student in zip(projects, students, strict=True)
        ]
    )
    slots = []
    for project in projects:
        for _slot in range(rng.choice([1, 1, 2])):
            slots.append(
                TimetableSlot(
                    project=project,
                    rrule=weekly_rule([rng.randrange(6)]),
                    start_time=clock(rng.randrange(9, 21), rng.choice([0, 30])),
                    duration=project.lesson_duration,
                    time_zone=project.teacher.time_zone,
                    valid_from=project.start_date,
                )
            )
    TimetableSlot.objects.bulk_create(slots)
    print(f"{len(teachers)} teachers, {len(projects)} projects, {len(slots)} slots")

    # History: lessons from each project's start to the horizon; the past ones held or cancelled.
    new = [index for index, days in history.items() if days == 0]
    setup = time.perf_counter()
    for index, project in enumerate(projects):
        if index not in new:
            lessons_generate(project=project, until=horizon)
    past = list(Lesson.objects.filter(start__lt=now).values_list("pk", flat=True))
    outcomes = {
        LessonStatus.HELD: [],
        LessonStatus.CANCELLED_BY_STUDENT: [],
        LessonStatus.CANCELLED_LATE: [],
        LessonStatus.CANCELLED_BY_TEACHER: [],
        LessonStatus.NO_SHOW: [],
    }
    weights = [88, 6, 2, 3, 1]
    for pk in past:
        outcomes[rng.choices(list(outcomes), weights)[0]].append(pk)
    for status, pks in outcomes.items():
        for chunk in range(0, len(pks), 5000):
            Lesson.objects.filter(pk__in=pks[chunk : chunk + 5000]).update(status=status)
    history_count = Lesson.objects.count()
    print(f"history: {history_count} lessons ({len(past)} in the past) in {seconds(setup):.1f} s")
    return teacher, projects, new


def run() -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from apps.scheduling.models import Lesson
    from apps.scheduling.services import lessons_generate

    rng = random.Random(2027)
    started = time.perf_counter()
    teacher, projects, new = populate(rng)
    timed = new[:TIMED_PROJECTS]
    now = timezone.now()
    today = timezone.localdate(now)

    # Measured: a year of lessons for 100 projects that have none yet.
    begin = time.perf_counter()
    created = sum(
        lessons_generate(project=projects[index], until=today + timedelta(days=365), not_before=now)
        for index in timed
    )
    generate_time = seconds(begin)
    print(
        f"lessons_generate, a year for {len(timed)} projects: {generate_time:.2f} s, "
        f"{created} lessons created ({generate_time / len(timed) * 1000:.1f} ms a project)"
    )

    # Measured: the teacher's week view (this week: each project's lessons, one or two each).
    client = Client()
    client.force_login(teacher)
    url = reverse("scheduling:calendar") + f"?view=week&date={today.isoformat()}"
    response = client.get(url)  # warm-up: templates, URL resolver, connection
    assert response.status_code == 200, response.status_code
    timings = []
    for _request in range(WEEK_REQUESTS):
        begin = time.perf_counter()
        response = client.get(url)
        timings.append(seconds(begin))
        assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    shown = response.content.count(b'class="cal-lesson')
    print(
        f"week view: median {statistics.median(timings) * 1000:.1f} ms of {WEEK_REQUESTS} "
        f"(min {min(timings) * 1000:.1f}, max {max(timings) * 1000:.1f}), "
        f"{len(queries)} queries, {shown} lessons shown, {Lesson.objects.count()} lessons in all"
    )
    print(f"total {seconds(started):.1f} s on {connection.vendor}")


def main() -> None:
    url = postgres_url()
    if url:
        bench_url = recreate_postgres(url)
        try:
            configure(bench_url)
            run()
        finally:
            from django.db import connections

            connections.close_all()
            drop_postgres(bench_url)
        return
    with tempfile.TemporaryDirectory(prefix="vv-bench-") as directory:
        configure(f"sqlite:///{Path(directory) / 'bench.sqlite3'}")
        run()
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    main()
