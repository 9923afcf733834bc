"""Two app servers behind one nginx: a session started on one is good on the other.

Runs only against the cluster that deploy/cluster/run.sh starts (CLUSTER_URL, nginx in front of
two gunicorn instances sharing PostgreSQL, Redis and the broker). nginx names the app server of
each response in X-Upstream. No live server or test database here: nothing but HTTP.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, Response, expect

CLUSTER_URL = os.environ.get("CLUSTER_URL", "").rstrip("/")

pytestmark = pytest.mark.skipif(not CLUSTER_URL, reason="run deploy/cluster/run.sh")

# The demo data of `manage.py seed_demo` (apps/accounts/demo.py).
TEACHER_EMAIL = "anna.petrova@example.com"
TEACHER_SHORT_NAME = "Анна"
DEMO_PASSWORD = "demo-password-2026"

# Dashboard, calendar, students, money.
TEACHER_PAGES = ["/", "/calendar/", "/accounts/students/", "/money/"]
ROUNDS = 3


def upstream(response: Response | None) -> str:
    assert response is not None
    assert response.ok, f"{response.status} for {response.url}"
    address = response.headers.get("x-upstream", "")
    assert address, f"no X-Upstream on {response.url}: not through the cluster's nginx?"
    return address


def test_health_check_sees_the_shared_services(page: Page):
    response = page.request.get(CLUSTER_URL + "/healthz")
    assert response.ok, response.text()
    body = response.json()
    assert body["status"] == "ok", body
    assert set(body["checks"]) >= {"database", "cache", "broker"}


def test_session_holds_across_both_app_servers(page: Page, page_errors: list[str]):
    page.goto(CLUSTER_URL + "/accounts/login/")
    page.get_by_label("E-mail").fill(TEACHER_EMAIL)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Log in").click()
    logged_in_by = upstream(navigation.value)
    banner = page.get_by_role("banner").get_by_text(TEACHER_SHORT_NAME)
    expect(banner).to_be_visible()

    # nginx takes turns (round robin), but a page may make further requests of its own, so go
    # round the pages until both servers have answered one, a few times at most.
    served: dict[str, list[str]] = {}
    for _ in range(ROUNDS):
        for path in TEACHER_PAGES:
            response = page.goto(CLUSTER_URL + path)
            address = upstream(response)
            # Still logged in, whichever server answered: the session is in the database.
            assert "/accounts/login/" not in page.url, f"{path} via {address} asked to log in"
            expect(banner).to_be_visible()
            served.setdefault(address, []).append(path)
        if len(served) >= 2:
            break

    assert len(served) == 2, f"pages served by {served} only (login by {logged_in_by})"
    assert page_errors == []
