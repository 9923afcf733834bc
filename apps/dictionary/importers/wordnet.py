"""WordNet 3.0 database files (data.noun, data.verb, data.adj, data.adv).

A data line: "offset lex_filenum ss_type w_cnt word lex_id ... | gloss", where the gloss is the
definition followed by quoted examples: 'draw air into the lungs; "I can breathe better"'.
Senses come out in WordNet's order (index.POS lists a lemma's synsets by frequency), at most
MAX_SENSES per lemma. Each (lemma, part of speech) becomes a record with English definitions
and examples; the merger only adds them to English entries that already exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from apps.dictionary.models import PartOfSpeech

from .records import ParsedEntry, ParsedSense

FILES = {
    "noun": PartOfSpeech.NOUN,
    "verb": PartOfSpeech.VERB,
    "adj": PartOfSpeech.ADJECTIVE,
    "adv": PartOfSpeech.ADVERB,
}
MAX_SENSES = 8
QUOTED = re.compile(r'"([^"]+)"')


def exists(directory: Path | str) -> bool:
    return all((Path(directory) / f"data.{name}").exists() for name in FILES)


def parse_gloss(gloss: str) -> tuple[str, list[str]]:
    examples = [example.strip() for example in QUOTED.findall(gloss)]
    definition = QUOTED.sub("", gloss)
    definition = re.sub(r"(\s*;\s*)+$", "", re.sub(r";\s*(;\s*)+", "; ", definition)).strip(" ;")
    return definition, examples


def stem_of(lemma: str) -> str:
    """ "breathe" -> "breat": enough to find "breathed" or "breathing" in an example."""
    word = lemma.lower().split(" ")[0]
    return word[: max(3, len(word) - 2)]


def read_synsets(path: Path, offsets: set[str] | None = None) -> dict[str, tuple[list[str], str]]:
    """offset -> (words, gloss); only the given offsets when there are any."""
    synsets = {}
    with open(path, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith("  "):
                continue  # the licence header
            if offsets is not None and line[: line.find(" ")] not in offsets:
                continue
            data, _, gloss = line.partition(" | ")
            fields = data.split()
            count = int(fields[3], 16)
            words = [
                re.sub(r"\(.*\)$", "", w).replace("_", " ") for w in fields[4 : 4 + 2 * count : 2]
            ]
            synsets[fields[0]] = (words, gloss.strip())
    return synsets


def read_index(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(lemma, synset offsets by frequency) from index.POS."""
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("  "):
                continue
            fields = line.split()
            pointer_count = int(fields[3])
            yield fields[0].replace("_", " "), fields[6 + pointer_count :]


def read_entries(
    directory: Path | str, limit: int | None = None, wanted: set[tuple[str, str]] | None = None
) -> Iterator[ParsedEntry]:
    """Yield one record per lemma and part of speech; `wanted` keeps only those keys."""
    directory = Path(directory)
    count = 0
    wanted_lower = {(h.lower(), p) for h, p in wanted} if wanted is not None else None
    for name, pos in FILES.items():
        lemmas = [
            (lemma, offsets[:MAX_SENSES])
            for lemma, offsets in read_index(directory / f"index.{name}")
            if wanted_lower is None or (lemma, pos) in wanted_lower
        ]
        needed = {o for _, offsets in lemmas for o in offsets} if wanted is not None else None
        synsets = read_synsets(directory / f"data.{name}", needed)
        for lemma, offsets in lemmas:
            words_and_glosses = [synsets[o] for o in offsets if o in synsets]
            # Keep the lemma's spelling from the synset ("Paris", not "paris").
            spelled = next(
                (w for words, _ in words_and_glosses for w in words if w.lower() == lemma),
                lemma,
            )
            if wanted is not None and (spelled, pos) not in wanted and (lemma, pos) not in wanted:
                continue
            headword = spelled if wanted is None or (spelled, pos) in wanted else lemma
            entry = ParsedEntry(headword=headword, part_of_speech=pos)
            stem = stem_of(lemma)
            for _, gloss in words_and_glosses:
                definition, examples = parse_gloss(gloss)
                if definition:
                    # A synset's examples may show another of its words: keep this one's.
                    examples = [(e, "") for e in examples if stem in e.lower()]
                    entry.senses.append(ParsedSense(definition=definition, examples=examples))
            if entry.senses:
                yield entry
                count += 1
                if limit is not None and count >= limit:
                    return
