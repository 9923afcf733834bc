"""End-to-end tests: a live server and a real Chromium driven by Playwright.

Debian's Chromium is used when present (CHROMIUM_PATH or /usr/bin/chromium); otherwise the
browser Playwright downloaded itself. pytest-playwright keeps an event loop in the main thread,
so the ORM must be allowed to run beside it.
"""

from __future__ import annotations

import os
import shutil

import pytest

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
def _e2e_marker(request):
    request.node.add_marker(pytest.mark.e2e)


@pytest.fixture
def base(live_server) -> str:
    return live_server.url
