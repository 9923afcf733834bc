"""Importers for the built-in dictionary: freely licensed data installed from Debian packages.

Each source module parses its files into `records.ParsedEntry` objects; `merge.Merger` upserts
them in batches into one `Entry` per language, headword and part of speech. See `sources.py`
for the list of sources with their licences, and `run.py` for the order of a full import.
"""
