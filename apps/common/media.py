"""Uploaded files in development, with byte ranges so that audio can be sought and replayed.

Django's `django.views.static.serve` always answers the whole file; browsers ask audio for
ranges (`Range: bytes=0-`) and some will not seek, or replay, without a 206. In production
nginx serves /media/ itself and answers ranges (deploy/nginx/verbal-voyager.conf).

"""

from __future__ import annotations

import re

from django.http import FileResponse, HttpRequest, HttpResponse
from django.views import static

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def serve_media(request: HttpRequest, path: str, document_root: str) -> HttpResponse:
    response = static.serve(request, path, document_root=document_root)
    if not isinstance(response, FileResponse):  # 304 Not Modified
        return response
    response["Accept-Ranges"] = "bytes"
    wanted = RANGE.match(request.headers.get("Range", "").strip())
    if not wanted or not (wanted[1] or wanted[2]):
        # No range, or several ranges: the whole file, which HTTP allows.
        return response
    size = int(response["Content-Length"])
    if wanted[1]:
        start = int(wanted[1])
        end = min(int(wanted[2]), size - 1) if wanted[2] else size - 1
    else:  # "bytes=-500": the last 500 bytes
        start, end = max(size - int(wanted[2]), 0), size - 1
    file = response.file_to_stream
    if start > end or start >= size:
        file.close()
        unsatisfiable = HttpResponse(status=416)
        unsatisfiable["Content-Range"] = f"bytes */{size}"
        return unsatisfiable
    file.seek(start)
    part = file.read(end - start + 1)
    file.close()
    partial = HttpResponse(part, status=206, content_type=response["Content-Type"])
    partial["Content-Range"] = f"bytes {start}-{end}/{size}"
    partial["Accept-Ranges"] = "bytes"
    if response.has_header("Last-Modified"):
        partial["Last-Modified"] = response["Last-Modified"]
    return partial
