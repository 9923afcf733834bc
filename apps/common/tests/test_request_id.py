"""RequestIdMiddleware and RequestIdFilter: one id per request, in the response and the logs."""

from __future__ import annotations

import copy
import io
import json
import logging
import logging.config
import re

from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from apps.common.middleware import RequestIdFilter, RequestIdMiddleware

logger = logging.getLogger("apps.common.tests")


def test_the_response_has_an_id(client, db):
    response = client.get(reverse("common:healthz"))

    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_each_request_gets_its_own(client, db):
    first = client.get(reverse("common:healthz"))["X-Request-ID"]
    second = client.get(reverse("common:healthz"))["X-Request-ID"]

    assert first != second


def test_a_valid_incoming_id_is_kept(client, db):
    response = client.get(reverse("common:healthz"), headers={"X-Request-ID": "abc-123-DEF"})

    assert response["X-Request-ID"] == "abc-123-DEF"


def test_an_invalid_incoming_id_is_replaced(client, db):
    for bad in ["a b", "x" * 65, "<script>", "abc_def"]:
        response = client.get(reverse("common:healthz"), headers={"X-Request-ID": bad})

        assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"]), bad


def test_records_logged_in_the_request_carry_the_id(caplog):
    caplog.handler.addFilter(RequestIdFilter())

    def view(request):
        logger.warning("inside the view")
        return HttpResponse()

    request = RequestFactory().get("/", headers={"X-Request-ID": "req-42"})
    with caplog.at_level(logging.INFO, logger="apps.common.tests"):
        response = RequestIdMiddleware(view)(request)
        logger.warning("after the request")

    assert request.request_id == "req-42"
    assert response["X-Request-ID"] == "req-42"
    inside, after = caplog.records
    assert inside.request_id == "req-42"
    assert after.request_id == "-"


def test_the_json_formatter_writes_json(settings):
    # The formatter and filter LOG_FORMAT=json gives the console handler, on a buffer instead.
    configurator = logging.config.DictConfigurator({})
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(
        configurator.configure_formatter(copy.deepcopy(settings.LOGGING["formatters"]["json"]))
    )
    handler.addFilter(
        configurator.configure_filter(copy.deepcopy(settings.LOGGING["filters"]["request_id"]))
    )
    json_logger = logging.getLogger("apps.common.tests.json")
    json_logger.addHandler(handler)

    def view(request):
        json_logger.error("broke: %s", "x")
        return HttpResponse()

    try:
        RequestIdMiddleware(view)(RequestFactory().get("/", headers={"X-Request-ID": "req-7"}))
    finally:
        json_logger.removeHandler(handler)

    line = json.loads(stream.getvalue())
    assert line["message"] == "broke: x"
    assert line["level"] == "ERROR"
    assert line["request_id"] == "req-7"
    assert line["logger"] == "apps.common.tests.json"
    assert "time" in line
