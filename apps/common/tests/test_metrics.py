"""/metrics: Prometheus metrics for allowed addresses or the bearer token, 404 to others."""

from __future__ import annotations

import pytest
from django.urls import reverse

OUTSIDER = "203.0.113.9"


@pytest.fixture
def url():
    return reverse("common:metrics")


def test_it_works_from_localhost(client, db, url):
    response = client.get(url, REMOTE_ADDR="127.0.0.1")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert b"django_http_requests_total_by_method" in response.content


def test_it_refuses_other_addresses(client, db, url):
    response = client.get(url, REMOTE_ADDR=OUTSIDER)

    assert response.status_code == 404


def test_the_token_lets_others_in(client, db, url, settings):
    settings.METRICS_TOKEN = "s3cret-token"

    response = client.get(
        url, REMOTE_ADDR=OUTSIDER, headers={"Authorization": "Bearer s3cret-token"}
    )

    assert response.status_code == 200


def test_a_wrong_token_is_refused(client, db, url, settings):
    settings.METRICS_TOKEN = "s3cret-token"

    response = client.get(url, REMOTE_ADDR=OUTSIDER, headers={"Authorization": "Bearer nope"})

    assert response.status_code == 404


def test_without_a_configured_token_an_empty_bearer_is_refused(client, db, url, settings):
    settings.METRICS_TOKEN = ""

    response = client.get(url, REMOTE_ADDR=OUTSIDER, headers={"Authorization": "Bearer "})

    assert response.status_code == 404


def test_behind_nginx_the_client_address_counts(client, db, url, settings):
    # Through the unix socket every request "comes from" nginx; X-Real-IP is the client.
    settings.PROXY_COUNT = 1

    response = client.get(url, REMOTE_ADDR="127.0.0.1", headers={"X-Real-IP": OUTSIDER})

    assert response.status_code == 404
