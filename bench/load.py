"""Load benchmark: gunicorn serving realistic data, driven by wrk, each page against a bare view.

    uv run python bench/load.py                  # PostgreSQL at 127.0.0.1:5432, wrk from Debian
    BENCH_DATABASE_URL=postgres://postgres@host:5432/postgres uv run python bench/load.py
    uv run python bench/load.py --duration 20 --connections 20 --full-dictionary

What it does: drops and creates a database named vv_bench on the PostgreSQL server of
BENCH_DATABASE_URL (or of DATABASE_URL, or 127.0.0.1), migrates it and fills it with the
scheduling benchmark's people (bench/scheduling.py: 101 teachers, 330 projects, two years of
lessons for the main teacher), the dictionary (the bundled sample, or with --full-dictionary the
whole Debian import) and the starter exercises with some attempts. It then starts gunicorn
(deploy/gunicorn.conf.py, workers from the CPU count, access log off) on a free loopback port
with DEBUG off and, for each page, runs wrk with --latency over a warm connection pool:

    hello       /bench/hello, the same Django with no work of its own (the reference)
    calendar    the main teacher's week
    lessons     the main teacher's lessons list (Money, Lessons)
    dictionary  a dictionary search as a student types it
    check       an exercise check (POST of a student's answers; each one stores an attempt)

It prints requests/s, p50 and p99 latency and the ratio to hello for each, and drops vv_bench.
The target (issue 7): every page at least 40 % of hello, p99 under 50 ms at 20 connections.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode
from urllib.request import urlopen

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH_DIR))

from scheduling import drop_postgres, populate, recreate_postgres  # noqa: E402

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"
TARGET_RATIO = 0.40
TARGET_P99_MS = 50.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def configure(database_url: str, port: int) -> dict[str, str]:
    """Settings for this process and gunicorn's: the same environment for both."""
    environment = {
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": "verbal_voyager.settings",
        "DEBUG": "false",
        "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-only-not-a-secret"),
        "ALLOWED_HOSTS": "127.0.0.1,testserver",
        "HTTPS": "false",
        "MANIFEST_STATIC": "false",
        "LOG_LEVEL": "WARNING",
        "BENCH_HELLO": "true",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
    }
    os.environ.update(environment)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return environment


def fill(full_dictionary: bool) -> dict:
    """The data; returns what the pages need: session cookies, URLs, a form body."""
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from apps.exercises.models import Exercise
    from apps.scheduling.models import Lesson

    rng = random.Random(2027)
    begin = time.perf_counter()
    teacher, projects, _new = populate(rng)
    print(
        f"people and lessons: {Lesson.objects.count()} lessons in {time.perf_counter() - begin:.1f} s"
    )

    begin = time.perf_counter()
    if full_dictionary:
        call_command("import_dictionary", "--source", "all", verbosity=0)
    else:
        call_command("load_dictionary_sample", verbosity=0)
    call_command("load_starter_exercises", verbosity=0)
    from apps.dictionary.models import Entry

    print(
        f"dictionary: {Entry.objects.count()} entries, exercises: {Exercise.objects.count()} "
        f"in {time.perf_counter() - begin:.1f} s"
    )

    student = projects[0].students.get()
    exercise = Exercise.objects.filter(kind=Exercise.Kind.GAP_FILL, language__code="en").first()
    assert exercise is not None, "no starter gap-fill exercise"

    def cookies(user) -> dict[str, str]:
        client = Client()
        client.force_login(user)
        return {name: morsel.value for name, morsel in client.cookies.items()}

    student_client = Client()
    student_client.force_login(student)
    play_url = reverse("exercises:play", args=[exercise.pk])
    page = student_client.get(play_url)
    assert page.status_code == 200, page.status_code
    form = check_form(page.content.decode(), exercise)
    today = timezone.localdate()
    return {
        "teacher": cookies(teacher),
        "student": {name: morsel.value for name, morsel in student_client.cookies.items()},
        "calendar": reverse("scheduling:calendar") + f"?view=week&date={today.isoformat()}",
        "lessons": reverse("lessons:lessons"),
        "dictionary": reverse("dictionary:search") + "?" + urlencode({"q": "hou"}),
        "check": play_url,
        "check_body": urlencode(form, doseq=True),
    }


def check_form(html: str, exercise) -> list[tuple[str, str]]:
    """The player's form as a student fills it: every hidden field, and an answer in each gap."""
    fields: list[tuple[str, str]] = []
    for tag in re.findall(r"<input[^>]*>", html):
        name = re.search(r'name="([^"]+)"', tag)
        if not name:
            continue
        kind = re.search(r'type="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if kind and kind.group(1) == "hidden":
            fields.append((name.group(1), value.group(1) if value else ""))
        elif kind is None or kind.group(1) == "text":
            fields.append((name.group(1), "have"))
    return fields


def wrk(
    url: str,
    *,
    cookies: dict[str, str],
    duration: int,
    connections: int,
    body: str = "",
    htmx: bool = False,
    warm_up: bool = False,
):
    """Runs wrk; returns (requests/s, p50 ms, p99 ms, non-2xx count)."""
    cookie = "; ".join(f"{name}={value}" for name, value in cookies.items())
    command = [
        "wrk",
        f"--threads={min(2, connections)}",
        f"--connections={connections}",
        f"--duration={duration}s",
        "--latency",
        "--header",
        f"Cookie: {cookie}",
    ]
    if htmx and not body:
        command += ["--header", "HX-Request: true"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        if body:
            script.write(
                'wrk.method = "POST"\n'
                f"wrk.body = {lua_string(body)}\n"
                'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"\n'
                f'wrk.headers["X-CSRFToken"] = {lua_string(cookies.get("csrftoken", ""))}\n'
                'wrk.headers["HX-Request"] = "true"\n'
                f'wrk.headers["Referer"] = {lua_string(url)}\n'
            )
    try:
        if body:
            command += ["--script", script.name]
        output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if not rate and not warm_up:
        raise SystemExit(f"wrk got no answers from {url}:\n{output}")
    p50 = milliseconds(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1))
    p99 = milliseconds(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return rate, p50, p99, int(errors.group(1)) if errors else 0


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def milliseconds(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def start_gunicorn(environment: dict[str, str], port: int) -> subprocess.Popen:
    gunicorn = shutil.which("gunicorn") or str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [
            gunicorn,
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--access-logfile",
            "/dev/null",
            "--max-requests",
            "0",
            "verbal_voyager.wsgi:application",
        ],
        cwd=ROOT,
        env={**os.environ, **environment},
        start_new_session=True,
    )
    # Ready when every worker has booted and answers: one request per worker, in parallel.
    url = f"http://127.0.0.1:{port}/bench/hello"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urlopen(url, timeout=5) as response:
                if response.status == 200 and booted_workers(process.pid) >= workers():
                    return process
        except OSError:
            pass
        time.sleep(0.2)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def workers() -> int:
    return int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))


def booted_workers(master: int) -> int:
    """How many of gunicorn's workers have finished loading Django (they are its children)."""
    children = Path(f"/proc/{master}/task/{master}/children")
    return len(children.read_text().split()) if children.exists() else workers()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per page (10)")
    parser.add_argument("--connections", type=int, default=20, help="concurrent connections (20)")
    parser.add_argument(
        "--full-dictionary", action="store_true", help="import the whole Debian dictionaries"
    )
    options = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk")

    server = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not server.startswith(("postgres://", "postgresql://")):
        server = DEFAULT_SERVER
    database_url = recreate_postgres(server)
    port = free_port()
    process = None
    try:
        environment = configure(database_url, port)
        data = fill(options.full_dictionary)
        from django.db import connections

        connections.close_all()
        process = start_gunicorn(environment, port)
        base = f"http://127.0.0.1:{port}"
        pages = [
            ("hello", "/bench/hello", data["student"], ""),
            ("calendar", data["calendar"], data["teacher"], ""),
            ("lessons", data["lessons"], data["teacher"], ""),
            ("dictionary", data["dictionary"], data["student"], ""),
            ("check", data["check"], data["student"], data["check_body"]),
        ]
        print(
            f"\nwrk: {options.connections} connections, {options.duration} s a page, "
            f"{os.cpu_count()} CPUs"
        )
        print(f"{'page':<12}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'vs hello':>10}  target")
        reference = None
        failed = False
        for name, path, cookies, body in pages:
            # A short warm-up fills each worker's caches and connections.
            wrk(
                base + path,
                cookies=cookies,
                duration=3,
                connections=options.connections,
                body=body,
                htmx=name == "dictionary",
                warm_up=True,
            )
            rate, p50, p99, errors = wrk(
                base + path,
                cookies=cookies,
                duration=options.duration,
                connections=options.connections,
                body=body,
                htmx=name == "dictionary",  # the results htmx asks for as the student types
            )
            reference = reference or rate
            ratio = rate / reference
            ok = ratio >= TARGET_RATIO and p99 < TARGET_P99_MS and errors == 0
            failed |= not ok
            note = "ok" if ok else "MISSED"
            if errors:
                note += f" ({errors} error responses)"
            print(f"{name:<12}{rate:>9.0f}{p50:>9.1f}{p99:>9.1f}{ratio:>9.0%}  {note}")
        print(
            f"\ntarget: at least {TARGET_RATIO:.0%} of hello and p99 under {TARGET_P99_MS:.0f} ms: "
            + ("missed on some pages" if failed else "met")
        )
    finally:
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
        from django.db import connections

        connections.close_all()
        drop_postgres(database_url)


if __name__ == "__main__":
    main()
