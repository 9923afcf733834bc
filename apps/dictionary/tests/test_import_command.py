"""`manage.py import_dictionary`: merging sources into entries, idempotency, --limit, real data."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from apps.dictionary.importers import grammalecte, lexique, run
from apps.dictionary.importers.merge import Merger
from apps.dictionary.importers.records import ParsedEntry, ParsedSense
from apps.dictionary.importers.sources import get_source
from apps.dictionary.models import Entry, Example, Sense, Source, Translation
from apps.projects.models import Language

FIXTURES = Path(__file__).parent / "fixtures_import"
DEBIAN_DICTD = Path("/usr/share/dictd")
DEBIAN_WORDNET = Path("/usr/share/wordnet")

pytestmark = pytest.mark.django_db


def import_fixtures(*args: str) -> str:
    out = StringIO()
    call_command(
        "import_dictionary",
        "--dictd-dir",
        str(FIXTURES),
        "--wordnet-dir",
        str(FIXTURES / "wordnet"),
        *args,
        stdout=out,
    )
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        "entries": Entry.objects.count(),
        "senses": Sense.objects.count(),
        "translations": Translation.objects.count(),
        "examples": Example.objects.count(),
        "sources": Entry.sources.through.objects.count(),
    }


def translations(entry: Entry, code: str) -> list[str]:
    return list(
        Translation.objects.filter(sense__entry=entry, language__code=code).values_list(
            "text", flat=True
        )
    )


@pytest.fixture
def no_grammalecte(monkeypatch):
    monkeypatch.setattr(grammalecte, "available", lambda: False)


def test_import_merges_sources_into_one_entry_per_headword_and_part_of_speech(no_grammalecte):
    output = import_fixtures()

    assert "mueller7:" in output and "(done)" in output and "Finished in" in output
    livre = Entry.objects.get(language__code="fr", headword="livre")  # two homographs, one entry
    assert livre.part_of_speech == "noun"
    assert livre.gender == "m"
    assert {"книга", "фунт"} <= set(translations(livre, "ru"))
    assert {"book", "pound"} <= set(translations(livre, "en"))
    assert set(livre.sources.values_list("slug", flat=True)) >= {
        "freedict-fra-rus",
        "freedict-fra-eng",
        "wordfreq",
    }
    pound = Sense.objects.get(entry=livre, translations__text="фунт")
    assert pound.note == "féminin"
    assert Entry.objects.filter(language__code="fr", headword="maison").count() == 2  # noun, adj
    pictures = Entry.objects.filter(language__code="fr", headword="maison")
    assert dict(pictures.values_list("part_of_speech", "emoji")) == {"noun": "🏠", "adjective": ""}

    book = Entry.objects.get(language__code="en", headword="book", part_of_speech="noun")
    assert book.ipa == "bʊk"
    assert "книга" in translations(book, "ru")
    assert "livre" in translations(book, "fr")  # eng-fra: "livre" is a French noun
    assert Sense.objects.filter(entry=book, definition__startswith="a written work").exists()
    assert book.examples.filter(text="a book of matches").exists()
    assert set(book.sources.values_list("slug", flat=True)) >= {
        "mueller7",
        "freedict-eng-fra",
        "wordnet",
        "wordfreq",
    }
    book_verb = Entry.objects.get(language__code="en", headword="book", part_of_speech="verb")
    assert "commander" in translations(book_verb, "fr")
    assert book.frequency > 4 and book.level in {"A1", "A2", "B1"}
    assert Source.objects.get(slug="freedict-fra-rus").licence.startswith("CC BY-SA 3.0")
    folded = Translation.objects.filter(text="школа").values_list("text_folded", flat=True)
    assert list(folded)[:1] == ["школа"]
    assert Entry.objects.get(language__code="fr", headword="école").headword_folded == "ecole"


def test_running_the_import_twice_changes_nothing(no_grammalecte):
    import_fixtures()
    first = counts()
    book = Entry.objects.get(language__code="en", headword="book", part_of_speech="noun")

    output = import_fixtures()

    assert counts() == first
    assert "0 new entries, 0 updated, 0 senses, 0 translations, 0 examples" in output
    assert Entry.objects.get(pk=book.pk).updated_at == book.updated_at


def test_an_interrupted_import_continues_where_it_stopped(no_grammalecte, monkeypatch):
    write = Merger._write
    calls = {"n": 0}

    def write_then_fail(self, records):
        calls["n"] += self.source.slug == "mueller7"
        if calls["n"] > 3:
            raise KeyboardInterrupt  # Ctrl+C in the middle of Mueller
        write(self, records)

    monkeypatch.setattr(Merger, "_write", write_then_fail)
    with pytest.raises(KeyboardInterrupt):
        import_fixtures("--batch-size", "2")
    kept = dict(Entry.objects.values_list("pk", "headword"))
    assert Entry.objects.filter(language__code="en").exists()  # finished batches are committed
    monkeypatch.setattr(Merger, "_write", write)

    import_fixtures("--batch-size", "2")
    resumed = counts()
    assert dict(Entry.objects.filter(pk__in=kept).values_list("pk", "headword")) == kept

    Entry.objects.all().delete()
    Source.objects.all().delete()
    import_fixtures("--batch-size", "2")
    assert counts() == resumed  # the same as an import that was never interrupted


def test_limit_and_a_single_source():
    import_fixtures("--source", "freedict-fra-rus", "--limit", "5")

    assert 1 <= Entry.objects.count() <= 5
    assert set(Entry.objects.values_list("language__code", flat=True)) == {"fr"}
    assert set(Source.objects.values_list("slug", flat=True)) == {"freedict-fra-rus"}


def test_a_missing_source_is_reported(tmp_path):
    with pytest.raises(CommandError, match="mueller7"):
        call_command("import_dictionary", "--source", "mueller7", "--dictd-dir", str(tmp_path))

    out = StringIO()
    call_command(
        "import_dictionary",
        "--dictd-dir",
        str(tmp_path),
        "--wordnet-dir",
        str(tmp_path),
        stdout=out,
    )
    assert "skipped freedict-fra-rus" in out.getvalue()
    assert Entry.objects.count() == 0


def test_a_batch_costs_the_same_queries_whatever_its_size(django_assert_max_num_queries):
    def batch(start: int, size: int) -> list[ParsedEntry]:
        return [
            ParsedEntry(
                headword=f"word{n}",
                part_of_speech="noun",
                senses=[ParsedSense(translations=[f"слово{n}"], examples=[(f"a word{n}", "")])],
            )
            for n in range(start, start + size)
        ]

    def merger() -> Merger:
        return Merger(
            source=get_source("mueller7"),
            language=Language.objects.get(code="en"),
            target=Language.objects.get(code="ru"),
            batch_size=10_000,
        )

    merger()  # creates the source
    with django_assert_max_num_queries(14):
        merger().add_all(batch(0, 10))
    # Inserts are chunked by the database's parameter limit, nothing is done per entry.
    with django_assert_max_num_queries(62):
        merger().add_all(batch(10, 1500))
    assert Translation.objects.count() == 1510


def test_grammalecte_fills_missing_genders_and_corrects_wrong_ones(monkeypatch):
    """Without Lexique 3, Grammalecte alone checks the dictionaries (see test_french_nouns)."""
    import_fixtures("--source", "freedict-fra-rus")
    Entry.objects.filter(headword="musée").update(gender="")
    Entry.objects.filter(headword="page").update(gender="m")  # as the old fra-eng has "le revue"
    monkeypatch.setattr(grammalecte, "available", lambda: True)
    monkeypatch.setattr(lexique, "path", lambda: None)
    asked = []

    def lexicon(words):
        asked.append(words)
        return {"musée": "m", "page": "f", "livre": "mf", "silence": "m"}

    monkeypatch.setattr(grammalecte, "noun_genders", lexicon)

    output = import_fixtures("--source", "fr-nouns")

    assert "genders: 1 filled, 1 corrected" in output
    genders = dict(Entry.objects.filter(part_of_speech="noun").values_list("headword", "gender"))
    assert genders["musée"] == "m"
    assert genders["page"] == "f"
    assert genders["livre"] == "m"  # le/la livre: "either" does not overrule a dictionary
    assert {"musée", "page", "livre"} <= set(asked[0])
    assert Entry.objects.get(headword="page").sources.filter(slug="grammalecte").exists()
    assert not Entry.objects.get(headword="silence").sources.filter(slug="grammalecte").exists()

    assert "genders: 0 filled, 0 corrected" in import_fixtures("--source", "fr-nouns")


@pytest.mark.skipif(not grammalecte.available(), reason="python3-grammalecte is not installed")
def test_grammalecte_lexicon_is_read_through_the_system_python():
    assert grammalecte.noun_genders(["maison", "musée", "livre"]) == {
        "maison": "f",
        "musée": "m",
        "livre": "mf",
    }


needs_debian = pytest.mark.skipif(
    not (
        all((DEBIAN_DICTD / f"{name}.index").exists() for name in run.ORDER[:4])
        and (DEBIAN_WORDNET / "data.noun").exists()
    ),
    reason="Debian packages dict-freedict-fra-rus dict-freedict-fra-eng dict-freedict-eng-fra "
    "mueller7-dict wordnet-base are not installed",
)


GENDERS = {"livre": "m", "maison": "f", "musée": "m", "fin": "f", "silence": "m", "page": "f"}


@needs_debian
def test_ci_sized_import_of_the_real_debian_files():
    """`import_dictionary --limit 300` on the installed files, then a few words in full."""
    out = StringIO()
    call_command("import_dictionary", "--limit", "300", stdout=out)

    assert "mueller7: 300/300 articles (100%)" in out.getvalue()
    assert "English with Russian: " in out.getvalue()
    english = Entry.objects.filter(language__code="en")
    french = Entry.objects.filter(language__code="fr")
    # Mueller's index starts with "'cause", "-man" and the like: few of them are translated.
    assert english.filter(senses__translations__language__code="ru").distinct().count() > 60
    assert english.filter(senses__translations__language__code="fr").distinct().count() > 250
    assert english.filter(senses__definition__gt="").distinct().count() > 150  # WordNet
    assert french.filter(senses__translations__language__code="ru").distinct().count() > 250
    assert french.filter(part_of_speech="noun").exclude(gender="").count() > 200
    assert english.filter(frequency__gt=0).exclude(level="").count() > 200

    words = ",".join([*GENDERS, "house", "home"])
    call_command("import_dictionary", "--words", words, stdout=StringIO())

    found = dict(
        french.filter(headword__in=GENDERS, part_of_speech="noun").values_list("headword", "gender")
    )
    assert found == GENDERS  # le livre, la maison, le musée, la fin, le silence, la page
    dom = Translation.objects.filter(text="дом").values_list(
        "sense__entry__language__code", "sense__entry__headword"
    )
    assert {("en", "house"), ("en", "home"), ("fr", "maison")} <= set(dom)
    maison = french.get(headword="maison", part_of_speech="noun")
    assert maison.ipa and maison.frequency > 5
    assert {"freedict-fra-rus", "wordfreq"} <= set(maison.sources.values_list("slug", flat=True))

    first = counts()
    call_command("import_dictionary", "--limit", "300", stdout=StringIO())
    call_command("import_dictionary", "--words", words, stdout=StringIO())
    assert counts() == first
