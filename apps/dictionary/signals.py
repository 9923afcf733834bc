"""A change of the dictionary's words makes the searches kept in the cache out of date
(selectors.kept). Imports write in bulk, which sends no signals: the import commands
call dictionary_changed themselves, as does publishing (an update)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Entry, Sense, Translation
from .selectors import dictionary_changed


@receiver(post_save, sender=Entry)
@receiver(post_delete, sender=Entry)
@receiver(post_save, sender=Sense)
@receiver(post_delete, sender=Sense)
@receiver(post_save, sender=Translation)
@receiver(post_delete, sender=Translation)
def _words_changed(sender, **kwargs) -> None:
    dictionary_changed()
