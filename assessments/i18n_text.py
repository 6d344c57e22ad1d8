"""Bilingual text used by the Django-free data layers (question bank, benchmarks, scoring)."""

from __future__ import annotations

from dataclasses import dataclass

LANGS = ("es", "en")


@dataclass(frozen=True)
class Text:
    es: str
    en: str

    def get(self, lang: str) -> str:
        """The text in `lang` ("es", "es-mx", "en", "en-us"...), Spanish when unknown."""
        return self.en if lang.lower().startswith("en") else self.es

    def as_dict(self) -> dict[str, str]:
        return {"es": self.es, "en": self.en}
