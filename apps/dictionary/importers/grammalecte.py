"""Genders of French nouns from Grammalecte's lexicon (Debian package python3-grammalecte).

The lexicon is a compressed automaton that only Grammalecte's own code reads, so it is asked
through the system Python (/usr/bin/python3, where Debian installs the package) in a
subprocess: nothing is imported into the project's environment. Tags: ":N:m" masculine noun,
":N:f" feminine, ":N:e" either (épicène).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

PYTHON = "/usr/bin/python3"
PACKAGE = Path(
    "/usr/lib/python3/dist-packages/grammalecte/graphspell/_dictionaries/fr-allvars.json"
)

SCRIPT = r"""
import json, sys
from grammalecte.graphspell.ibdawg import IBDAWG
lexicon = IBDAWG("fr-allvars.json")
result = {}
for word in json.load(sys.stdin):
    genders = set()
    for morph in lexicon.getMorph(word):
        lemma, _, tags = morph.partition("/")
        if lemma[1:] == word and ":N" in tags:
            for gender in ("m", "f", "e"):
                if ":" + gender + ":" in tags + ":":
                    genders.add(gender)
    if genders:
        result[word] = sorted(genders)
json.dump(result, sys.stdout)
"""


def available() -> bool:
    return Path(PYTHON).exists() and PACKAGE.exists()


def noun_genders(words: list[str]) -> dict[str, str]:
    """word -> "m", "f" or "mf" (either), for the nouns Grammalecte knows."""
    if not words:
        return {}
    completed = subprocess.run(
        [PYTHON, "-c", SCRIPT],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    result = {}
    for word, genders in json.loads(completed.stdout).items():
        if genders == ["m"]:
            result[word] = "m"
        elif genders == ["f"]:
            result[word] = "f"
        else:
            result[word] = "mf"
    return result
