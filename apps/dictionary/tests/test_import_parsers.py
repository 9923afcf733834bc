"""Parsers of the dictionary import on tiny copies of the real Debian files (fixtures_import/)."""

from __future__ import annotations

from pathlib import Path

from apps.dictionary.importers import dictd, freedict, mueller, wordnet
from apps.dictionary.importers.records import collapse, split_top_level
from apps.dictionary.importers.run import level_for

FIXTURES = Path(__file__).parent / "fixtures_import"


def records(name: str):
    return [freedict.parse_article(text) for text in dictd.read_entries(FIXTURES, name)]


def test_dictd_reader_skips_the_database_headers_and_reads_each_article_once():
    articles = list(dictd.read_entries(FIXTURES, "freedict-fra-rus"))

    assert not any("00-database" in article for article in articles)
    assert sum(article.startswith("livre ") for article in articles) == 2
    assert len(list(dictd.read_entries(FIXTURES, "freedict-fra-rus", limit=3))) == 3
    assert dictd.decode_number("BF") == 69


def test_freedict_article_gives_ipa_gender_senses_and_french_definitions():
    maison = next(
        r for r in records("freedict-fra-rus") if r.headword == "maison" and r.gender
    )

    assert maison.part_of_speech == "noun"
    assert maison.gender == "f"
    assert maison.ipa == "me.zɔ̃"
    assert [s.translations for s in maison.senses] == [["дом"], ["предприятие"]]
    assert maison.senses[0].definition.startswith("Bâtiment servant de logis")
    assert "Lignée, famille" in maison.senses[0].definition


def test_freedict_tags_map_to_parts_of_speech_and_genders():
    assert freedict.parse_tags("n, masc") == ("noun", "m")
    assert freedict.parse_tags("pn, fem") == ("noun", "f")
    assert freedict.parse_tags("masc") == ("noun", "m")  # first names
    assert freedict.parse_tags("adj, masc") == ("adjective", "")
    assert freedict.parse_tags("vt") == ("verb", "")
    assert freedict.parse_tags("") == ("other", "")


def test_homographs_get_the_gender_of_the_commoner_meaning():
    livres = [r for r in records("freedict-fra-rus") if r.headword == "livre"]
    assert {r.gender for r in livres} == {"m", "f"}

    (livre,) = collapse(livres, "ru")

    assert livre.gender == "m"  # le livre (книга), not la livre (фунт)
    assert {s.gender for s in livre.senses} == {"m", "f"}


def test_eng_fra_articles_have_numbered_senses_without_part_of_speech():
    book = next(r for r in records("freedict-eng-fra") if r.headword == "book")

    assert book.part_of_speech == "other"
    assert [s.translations for s in book.senses] == [
        ["livre"],
        ["commander", "demander", "retenir"],
    ]


def test_mueller_article_splits_parts_of_speech_translations_and_examples():
    text = next(t for t in dictd.read_entries(FIXTURES, "mueller7") if t.startswith("house\n"))

    noun, verb = mueller.parse_article(text)

    assert (noun.headword, noun.part_of_speech, noun.ipa) == ("house", "noun", "haʊs")
    assert (verb.part_of_speech, verb.ipa) == ("verb", "haʊz")
    assert noun.senses[0].translations == ["дом", "жилище", "здание"]
    assert ("to keep house", "вести хозяйство") in noun.senses[1].examples
    assert verb.senses[0].translations == ["предоставлять жилище", "обеспечивать жильём"]
    assert any(s.note == "мор." for s in noun.senses)


def test_mueller_forms_labels_and_inline_senses():
    articles = {t.split("\n", 1)[0]: t for t in dictd.read_entries(FIXTURES, "mueller7")}

    good = mueller.parse_article(articles["good"])[0]
    assert good.part_of_speech == "adjective"
    assert good.forms == {"comparative": "better", "superlative": "best"}
    (zoology,) = mueller.parse_article(articles["zoology"])
    assert (zoology.ipa, zoology.senses[0].translations) == ("zəʊˈɒlədʒɪ", ["зоология"])
    abandon_noun = mueller.parse_article(articles["abandon"])[1]
    assert abandon_noun.senses[0].note == "книж."
    assert mueller.parse_article(articles["mice"]) == []  # "_pl. от mouse": only a pointer
    assert mueller.to_ipa("ɜ↗bændɜn") == "əˈbændən"
    assert mueller.to_ipa("wɜ:d") == "wɜːd"


def test_mueller_lettered_sub_senses_stay_with_their_english_phrase():
    (three_numeral, *_) = mueller.parse_article(
        next(t for t in dictd.read_entries(FIXTURES, "mueller7") if t.startswith("three\n"))
    )

    assert three_numeral.part_of_speech == "numeral"
    assert three_numeral.senses[0].translations == ["три"]
    assert three_numeral.senses[0].examples == [
        ("three times three", "а) трижды три; б) девятикратное ура")
    ]


def test_wordnet_gloss_and_entries():
    definition, examples = wordnet.parse_gloss(
        'draw air into, and expel out of, the lungs; "I can breathe better"; "The patient is respiring"'
    )
    assert definition == "draw air into, and expel out of, the lungs"
    assert examples == ["I can breathe better", "The patient is respiring"]

    found = list(wordnet.read_entries(FIXTURES / "wordnet", wanted={("book", "noun")}))

    assert [(e.headword, e.part_of_speech) for e in found] == [("book", "noun")]
    assert found[0].senses[0].definition.startswith("a written work or composition")
    assert len(found[0].senses) <= wordnet.MAX_SENSES


def test_split_top_level_ignores_separators_in_brackets():
    assert split_top_level("дом (в городе, в деревне), жилище", ",") == [
        "дом (в городе, в деревне)",
        "жилище",
    ]


def test_levels_from_zipf_frequency():
    assert [level_for(z) for z in (7, 5.5, 5.2, 4.7, 4.2, 3.7, 2.0, 0)] == [
        "A1",
        "A1",
        "A2",
        "B1",
        "B2",
        "C1",
        "C2",
        "",
    ]
