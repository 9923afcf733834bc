"""End-to-end tests: a live server and a real Chromium driven by Playwright.

Debian's Chromium is used when present (CHROMIUM_PATH or /usr/bin/chromium); otherwise the
browser Playwright downloaded itself. pytest-playwright keeps an event loop in the main thread,
so the ORM must be allowed to run beside it.
"""

from __future__ import annotations

import os
import shutil
import zoneinfo
from datetime import datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from apps.projects.models import Level, Project
from apps.scheduling import services as scheduling
from apps.scheduling.models import Lesson

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _chromium_path() -> str | None:
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or None


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    args = {**browser_type_launch_args}
    path = _chromium_path()
    if path:
        args["executable_path"] = path
        args["args"] = [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ]
    return args


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-US", "timezone_id": "Europe/Moscow"}


@pytest.fixture(autouse=True)
def _e2e_marker(request, django_db_serialized_rollback):
    """Marks the test; the live server's database is flushed after each test, and serialized
    rollback puts back what migrations created (languages), for the tests that run later."""
    request.node.add_marker(pytest.mark.e2e)


@pytest.fixture
def base(live_server) -> str:
    return live_server.url


@pytest.fixture
def log_in(base, password):
    """Log in through the real login form, as a user would; waits for the user menu to show."""

    def log_in(page: Page, user) -> None:
        page.goto(base + "/accounts/login/")
        page.get_by_label("E-mail").fill(user.email)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        expect(page.get_by_role("banner").get_by_text(user.get_short_name())).to_be_visible()

    return log_in


@pytest.fixture
def page_errors(page: Page) -> list[str]:
    """Console errors, uncaught exceptions and failed static files on `page`, as they happen."""
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console: {msg.text} ({msg.location['url']})")
            if msg.type == "error"
            else None
        ),
    )
    page.on("pageerror", lambda error: errors.append(f"exception: {error}"))
    page.on(
        "response",
        lambda response: (
            errors.append(f"{response.status}: {response.url}")
            if "/static/" in response.url and response.status >= 400  # 304 Not Modified is fine
            else None
        ),
    )
    # A load cut short because the page moved on (net::ERR_ABORTED) is not the file's fault.
    page.on(
        "requestfailed",
        lambda request: (
            errors.append(f"failed: {request.url} {request.failure}")
            if "/static/" in request.url and request.failure != "net::ERR_ABORTED"
            else None
        ),
    )
    return errors


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    # The live server runs in this process, so it hashes with this too; PBKDF2 costs ~0.3 s a time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The live server's tests empty the database after each one, so the languages the migrations
# create are gone for the next test: each test gets them back.
LANGUAGES = [
    ("en", "English", "Английский"),
    ("fr", "French", "Французский"),
    ("ru", "Russian", "Русский"),
]


@pytest.fixture(autouse=True)
def languages(db) -> dict:
    from apps.projects.models import Language

    return {
        code: Language.objects.get_or_create(
            code=code, defaults={"name": name, "name_ru": name_ru}
        )[0]
        for code, name, name_ru in LANGUAGES
    }


@pytest.fixture
def english(languages):
    return languages["en"]


@pytest.fixture
def french(languages):
    return languages["fr"]


@pytest.fixture
def moscow_teacher(teacher):
    """The teacher persona in Moscow, the zone the browser context runs in."""
    teacher.time_zone = "Europe/Moscow"
    teacher.save(update_fields=["time_zone"])
    return teacher


MOSCOW = zoneinfo.ZoneInfo("Europe/Moscow")


@pytest.fixture
def lesson_tomorrow(moscow_teacher, student):
    """Makes the Moscow teacher's project with the student and its lesson tomorrow at 12:00
    Moscow time (the browser's zone); returns the lesson."""

    def make(language, title: str, level: str = Level.B1) -> Lesson:
        start = (datetime.now(MOSCOW) + timedelta(days=1)).replace(
            hour=12, minute=0, second=0, microsecond=0
        )
        project = Project.objects.create(
            teacher=moscow_teacher,
            title=title,
            language=language,
            level=level,
            start_date=start.date(),
        )
        project.students.set([student])
        return scheduling.lesson_create(
            project=project, start=start, end=start + timedelta(hours=1)
        )

    return make
