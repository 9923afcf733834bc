"""The sources with their licences, as recorded in /usr/share/doc/<package>/copyright."""

from __future__ import annotations

from apps.dictionary.models import Source

SOURCES = {
    "freedict-fra-rus": {
        "name": "FreeDict French-Russian (WikDict, from Wiktionary)",
        "licence": "CC BY-SA 3.0 (Debian package dict-freedict-fra-rus)",
        "url": "https://freedict.org/",
    },
    "freedict-fra-eng": {
        "name": "FreeDict French-English",
        "licence": "GPL-2.0-or-later (Debian package dict-freedict-fra-eng)",
        "url": "https://freedict.org/",
    },
    "freedict-eng-fra": {
        "name": "FreeDict English-French",
        "licence": "GPL-2.0-or-later (Debian package dict-freedict-eng-fra)",
        "url": "https://freedict.org/",
    },
    "mueller7": {
        "name": "Mueller English-Russian Dictionary, 7th edition",
        "licence": "GPL-2.0-or-later (Debian package mueller7-dict)",
        "url": "https://packages.debian.org/source/stable/mueller",
    },
    "wordnet": {
        "name": "WordNet 3.0 (Princeton University)",
        "licence": "WordNet 3.0 licence (Debian package wordnet-base)",
        "url": "https://wordnet.princeton.edu/",
    },
    "wordfreq": {
        "name": "wordfreq (Robyn Speer)",
        "licence": "Data CC BY-SA 4.0, code Apache-2.0",
        "url": "https://github.com/rspeer/wordfreq",
    },
    "grammalecte": {
        "name": "Grammalecte French lexicon (genders)",
        "licence": "GPL-3.0 (Debian package python3-grammalecte)",
        "url": "https://grammalecte.net/",
    },
    "emoji": {
        "name": "Unicode CLDR emoji names, emoji package (pictures)",
        "licence": "BSD-3-Clause (emoji package); CLDR data under the Unicode License",
        "url": "https://github.com/carpedm20/emoji",
    },
}


def get_source(slug: str) -> Source:
    meta = SOURCES[slug]
    source, created = Source.objects.get_or_create(slug=slug, defaults=meta)
    if not created and any(getattr(source, k) != v for k, v in meta.items()):
        for key, value in meta.items():
            setattr(source, key, value)
        source.save()
    return source
