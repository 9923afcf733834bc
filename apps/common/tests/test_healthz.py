"""/healthz: database, cache and Celery broker, for Zabbix (deploy/zabbix)."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.urls import reverse

from apps.common import views

RABBITMQ = "amqp://guest:guest@127.0.0.1:5672//"
REDIS = "redis://127.0.0.1:6379/0"
NOBODY_LISTENS = "amqp://guest:guest@127.0.0.1:1//"


def test_it_works(client, db):
    response = client.get(reverse("common:healthz"))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["ok"] is True
    assert isinstance(body["checks"]["database"]["ms"], float)
    assert body["checks"]["cache"]["ok"] is True
    assert body["checks"]["broker"] == {
        "ok": True,
        "skipped": "tasks run in-process",
        "ms": body["checks"]["broker"]["ms"],
    }
    assert "no-cache" in response["Cache-Control"]


def test_it_needs_no_login_and_no_session(client, db):
    response = client.get(reverse("common:healthz"))

    assert response.status_code == 200
    assert "sessionid" not in response.cookies


def test_a_failing_database_answers_503(client, db, monkeypatch):
    def broken():
        raise RuntimeError("database is down")

    monkeypatch.setattr(views, "check_database", broken)

    response = client.get(reverse("common:healthz"))

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["database"]["ok"] is False
    assert body["checks"]["database"]["error"] == "RuntimeError"
    assert body["checks"]["cache"]["ok"] is True


def test_a_failing_cache_answers_503(client, db, monkeypatch):
    monkeypatch.setattr(views.cache, "get", lambda key: None)

    response = client.get(reverse("common:healthz"))

    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["ok"] is False


@pytest.mark.parametrize("broker_url", [RABBITMQ, REDIS], ids=["rabbitmq", "redis"])
def test_a_reachable_broker_is_ok(client, db, settings, broker_url):
    settings.CELERY_BROKER_URL = broker_url

    response = client.get(reverse("common:healthz"))

    assert response.status_code == 200, response.json()
    broker = response.json()["checks"]["broker"]
    assert broker["ok"] is True
    assert "skipped" not in broker


def test_an_unreachable_broker_answers_503_quickly(client, db, settings):
    settings.CELERY_BROKER_URL = NOBODY_LISTENS

    started = time.monotonic()
    response = client.get(reverse("common:healthz"))

    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert response.json()["checks"]["broker"]["ok"] is False


def test_the_zabbix_template_reads_what_healthz_answers(client, db):
    template = (
        settings.BASE_DIR / "deploy" / "zabbix" / "verbal-voyager-template.yaml"
    ).read_text()
    body = client.get(reverse("common:healthz")).json()

    assert "{$VV.URL}/healthz" in template
    paths = re.findall(r"- \$\.(\S+)", template)
    assert "status" in paths
    for path in paths:
        value = body
        for part in path.split("."):
            value = value[part]
    assert {p.split(".")[1] for p in paths if p.startswith("checks.")} == set(body["checks"])
