"""Demo dictionary for `manage.py seed_demo`: the bundled sample words. Idempotent."""

from __future__ import annotations

from .sample_data import LoadResult, load_sample


def seed() -> LoadResult:
    return load_sample()
