"""The dictionary's tests store files (uploads, the OpenMoji pictures the sample and the import
copy) in a temporary MEDIA_ROOT, never in the project's media/."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path_factory):
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
