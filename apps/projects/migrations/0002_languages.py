"""The languages taught from the start: English and French."""

from django.db import migrations

LANGUAGES = [
    ("en", "English", "Английский"),
    ("fr", "French", "Французский"),
]


def create_languages(apps, schema_editor):
    Language = apps.get_model("projects", "Language")
    for code, name, name_ru in LANGUAGES:
        Language.objects.update_or_create(code=code, defaults={"name": name, "name_ru": name_ru})


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]

    operations = [
        # Going back leaves the languages: projects may refer to them.
        migrations.RunPython(create_languages, migrations.RunPython.noop),
    ]
