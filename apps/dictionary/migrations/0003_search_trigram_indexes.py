"""Typo-tolerant search on PostgreSQL: pg_trgm and GIN trigram indexes on the folded columns.

Nothing of that happens on SQLite (search there is exact and prefix on the same folded
columns). TrigramExtension itself does nothing outside PostgreSQL; the indexes are created with
SQL of their own so that the models stay portable. On every database: an index for the list of
the commonest words (an empty search in all languages).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = [
    ("dictionary_entry_headword_trgm", "dictionary_entry", "headword_folded"),
    ("dictionary_translation_text_trgm", "dictionary_translation", "text_folded"),
]


def create_indexes(apps, schema_editor):
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS dictionary_entry_frequency"
        " ON dictionary_entry (frequency DESC, headword)"
    )
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in INDEXES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS dictionary_entry_frequency")
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dictionary", "0002_russian"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_indexes, drop_indexes),
    ]
