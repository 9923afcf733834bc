"""A real Celery worker, on a real broker, runs the nightly job against the test database."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import time as clock
from pathlib import Path
from urllib.parse import quote

import pytest
from celery.schedules import crontab
from django.conf import settings
from django.db import OperationalError, connection
from django.utils import timezone

from apps.projects.tests.factories import make_project
from apps.scheduling.models import Lesson
from apps.scheduling.tasks import extend_schedules
from apps.scheduling.tests.factories import make_slot
from verbal_voyager.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[3]
BROKERS = {
    "rabbitmq": "amqp://guest:guest@127.0.0.1:5672//",
    "redis": "redis://127.0.0.1:6379/15",
}
WAIT_SECONDS = 20


def database_url() -> str:
    """The test database (not the one named in DATABASE_URL) as a URL for another process."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{quote(db['NAME'], safe='')}"


def wait_for(condition, what: str, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} within {WAIT_SECONDS} s; worker log:\n{log.read_text()}")
        time.sleep(0.2)


@pytest.fixture
def worker(request, tmp_path):
    """Start a worker on its own queue; yield (broker URL, queue name); stop it warmly."""
    if connection.vendor == "sqlite":
        pytest.skip("a worker process cannot share the in-memory SQLite test database")
    broker = BROKERS[request.param]
    queue = f"vv-test-{uuid.uuid4().hex}"
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "CELERY_BROKER_URL": broker,
        "DATABASE_URL": database_url(),
        "SECRET_KEY": "tests-only-not-a-secret",
    }
    command = [sys.executable, "-m", "celery", "-A", "verbal_voyager", "worker"]
    command += ["--pool=solo", "--concurrency=1", "--without-heartbeat", "--without-mingle"]
    command += ["--without-gossip", "-Q", queue, "--loglevel=INFO", f"--hostname={queue}@%h"]
    with log.open("w") as output:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    try:
        wait_for(
            lambda: process.poll() is not None or " ready." in log.read_text(),
            "the worker did not get ready",
            log,
        )
        assert process.poll() is None, f"the worker exited:\n{log.read_text()}"
        yield broker, queue, log
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)  # warm shutdown, as systemd stops it
            try:
                process.wait(timeout=WAIT_SECONDS)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                pytest.fail(f"the worker ignored SIGTERM:\n{log.read_text()}")


@pytest.fixture
def real_broker(worker):
    """Make this process send tasks to the worker's broker instead of running them eagerly."""
    broker, queue, log = worker
    saved = {key: celery_app.conf[key] for key in ("broker_url", "task_always_eager")}
    celery_app.conf.update(broker_url=broker, task_always_eager=False)
    try:
        yield broker, queue, log
    finally:
        celery_app.conf.update(saved)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("worker", list(BROKERS), indirect=True)
def test_worker_generates_lessons(real_broker, teacher):
    broker, queue, log = real_broker
    project = make_project(teacher, start_date=timezone.localdate())
    make_slot(project, [0, 2, 4], clock(18))
    assert not Lesson.objects.filter(project=project).exists()

    with celery_app.connection_for_write(broker) as broker_connection:
        extend_schedules.apply_async(queue=queue, connection=broker_connection)

    wait_for(
        lambda: Lesson.objects.filter(project=project).exists(),
        "the worker generated no lessons",
        log,
    )
    assert "extend_schedules" in log.read_text()


def test_nightly_job_is_scheduled():
    entry = settings.CELERY_BEAT_SCHEDULE["extend-schedules"]
    assert entry["task"] == extend_schedules.name
    assert entry["schedule"] == crontab(hour=2, minute=15)
    assert settings.CELERY_TIMEZONE == "UTC"


def test_nightly_job_retries_database_errors():
    assert extend_schedules.name in celery_app.tasks
    assert OperationalError in extend_schedules.autoretry_for
    assert extend_schedules.max_retries == 3
    # Retried or redelivered, it runs again from the start: generating lessons is idempotent.
    assert settings.CELERY_TASK_ACKS_LATE
