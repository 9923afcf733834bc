"""Uploaded audio in development answers byte ranges, as browsers ask for them."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from apps.common.media import serve_media

DATA = bytes(range(256)) * 4  # 1,024 bytes


@pytest.fixture
def root(tmp_path):
    (tmp_path / "dictionary").mkdir()
    (tmp_path / "dictionary" / "word.ogg").write_bytes(DATA)
    return str(tmp_path)


def _get(root: str, path: str = "dictionary/word.ogg", **headers):
    request = RequestFactory().get(f"/media/{path}", headers=headers)
    return serve_media(request, path, document_root=root)


def _body(response) -> bytes:
    if response.streaming:
        content = b"".join(response.streaming_content)
        response.file_to_stream.close()  # not response.close(): no request_finished signal
        return content
    return response.content


def test_it_works(root):
    response = _get(root)

    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "audio/ogg"
    assert _body(response) == DATA


def test_a_range_gets_that_part(root):
    response = _get(root, Range="bytes=100-199")

    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 100-199/1024"
    assert response.content == DATA[100:200]


def test_an_open_range_runs_to_the_end(root):
    response = _get(root, Range="bytes=1000-")

    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 1000-1023/1024"
    assert response.content == DATA[1000:]


def test_a_suffix_range_gets_the_last_bytes(root):
    response = _get(root, Range="bytes=-24")

    assert response.status_code == 206
    assert response.content == DATA[-24:]


def test_a_range_past_the_end_is_refused(root):
    response = _get(root, Range="bytes=5000-")

    assert response.status_code == 416
    assert response["Content-Range"] == "bytes */1024"


def test_several_ranges_get_the_whole_file(root):
    response = _get(root, Range="bytes=0-1,5-6")

    assert response.status_code == 200
    assert _body(response) == DATA


def test_a_missing_file_is_not_found(root):
    with pytest.raises(Http404):
        _get(root, "dictionary/none.ogg")
