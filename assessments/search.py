"""Text folded for searching: no accents, no case. Pure Python, no Django.

Owners and consultants type company names both ways ("Panadería", "panaderia", "PANADERÍA"); the
dashboard's search must find each from the others on every database (SQLite folds only ASCII case,
and neither database drops accents without an extension).
"""

from __future__ import annotations

import unicodedata

SEPARATOR = "\n"  # between the fields of one record: a search never matches across two of them


def fold(text: str) -> str:
    """`text` without accents or case: 'Café ROBOT' -> 'cafe robot', 'Peña' -> 'pena' (a search typed
    without accents, as people often do, finds it)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def search_text(*fields: str) -> str:
    """What a record is searched by: its fields folded, one per line."""
    return SEPARATOR.join(fold(field or "") for field in fields)
