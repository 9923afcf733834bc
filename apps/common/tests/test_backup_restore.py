"""deploy/backup.sh and deploy/restore.sh round-trip a scratch PostgreSQL database and media."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
TABLES = ["accounts_user", "projects_project", "scheduling_lesson", "lessons_payment"]
OLD_BACKUP = "2000-01-01T000000Z"

only_on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="backup.sh and restore.sh are for PostgreSQL; run the suite with DATABASE_URL",
)
needs_pg_dump = pytest.mark.skipif(
    shutil.which("pg_dump") is None, reason="pg_dump is not installed"
)


def server_url(name: str) -> str:
    """A URL for database `name` on the server the tests use."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    host = db["HOST"] or "localhost"
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{host}{port}/{name}"


def run(command: list[str], **env: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "SECRET_KEY": "tests-only-not-a-secret", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}{result.stderr}"
    return result


def psql(sql: str, database: str = "postgres") -> str:
    return run(
        ["psql", "--no-psqlrc", "-tAX", f"--dbname={server_url(database)}", "-c", sql]
    ).stdout


def create_database(name: str) -> None:
    psql(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def scratch_database():
    name = f"vv_backup_test_{uuid.uuid4().hex[:12]}"
    create_database(name)
    try:
        yield name
    finally:
        drop_database(name)


def row_counts(database: str) -> dict[str, int]:
    return {table: int(psql(f"SELECT count(*) FROM {table}", database)) for table in TABLES}


@only_on_postgresql
@needs_pg_dump
def test_backup_and_restore(scratch_database, tmp_path):
    url = server_url(scratch_database)
    media = tmp_path / "media"
    upload = media / "homework" / "essay.txt"
    upload.parent.mkdir(parents=True)
    upload.write_bytes("Привет, essay\n".encode())
    backups = tmp_path / "backups"
    old = backups / OLD_BACKUP  # older than the newest 14: deleted
    old.mkdir(parents=True)
    (old / "database.dump").write_text("old")
    env = {"DATABASE_URL": url, "MEDIA_ROOT": str(media), "BACKUP_DIR": str(backups)}

    manage = [sys.executable, "manage.py"]
    run([*manage, "migrate", "--no-input"], DATABASE_URL=url)
    run([*manage, "seed_demo"], DATABASE_URL=url)
    before = row_counts(scratch_database)
    assert all(before.values()), before

    for count in range(14):
        (backups / f"2001-01-{count + 1:02}T000000Z").mkdir()
    backup = run([str(DEPLOY / "backup.sh")], **env)
    folders = sorted(path.name for path in backups.iterdir())
    assert len(folders) == 14
    assert OLD_BACKUP not in folders
    assert "2001-01-01T000000Z" not in folders
    folder = backups / folders[-1]
    assert f"wrote {folder}/database.dump" in backup.stdout
    assert f"wrote {folder}/media.tar.gz" in backup.stdout

    drop_database(scratch_database)
    create_database(scratch_database)
    shutil.rmtree(media)
    assert "accounts_user" not in psql("SELECT tablename FROM pg_tables", scratch_database)

    restore = run([str(DEPLOY / "restore.sh"), str(folder)], **env)
    assert "restored the database" in restore.stdout
    assert row_counts(scratch_database) == before
    assert upload.read_text() == "Привет, essay\n"

    # Restoring over a database that has the tables already replaces them.
    psql("DELETE FROM lessons_payment", scratch_database)
    run([str(DEPLOY / "restore.sh"), str(folder)], **env)
    assert row_counts(scratch_database) == before


def test_backup_requires_its_settings(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "BACKUP_DIR"}}
    result = subprocess.run(
        [str(DEPLOY / "backup.sh")],
        env={**env, "MEDIA_ROOT": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr
