"""Russian as a language of entries and translations (the dictionary translates into it)."""

from django.db import migrations


def create_russian(apps, schema_editor):
    Language = apps.get_model("projects", "Language")
    Language.objects.update_or_create(code="ru", defaults={"name": "Russian", "name_ru": "Русский"})


class Migration(migrations.Migration):
    dependencies = [
        ("dictionary", "0001_initial"),
        ("projects", "0002_languages"),
    ]

    operations = [migrations.RunPython(create_russian, migrations.RunPython.noop)]
