"""Small helpers shared by the bank and benchmark loaders: YAML reading and precise errors."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from assessments.i18n_text import LANGS, Text

KEY_RE = re.compile(r"^[a-z][a-z0-9_]*$")


class DataError(ValueError):
    """A data file is invalid; the message names the file and the bad key."""


def read_yaml(path: Path) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except FileNotFoundError as exc:
        raise DataError(f"{path.name}: file not found ({path})") from exc
    except yaml.YAMLError as exc:
        raise DataError(f"{path.name}: invalid YAML: {exc}") from exc


class Reader:
    """Reads one data file and raises DataError('<file>: <where>: <what>')."""

    def __init__(self, filename: str) -> None:
        self.filename = filename

    def fail(self, where: str, what: str) -> DataError:
        return DataError(f"{self.filename}: {where}: {what}")

    def mapping(self, node: Any, where: str) -> dict:
        if not isinstance(node, dict):
            raise self.fail(where, "expected a mapping")
        return node

    def items(self, node: Any, where: str) -> list:
        if not isinstance(node, list):
            raise self.fail(where, "expected a list")
        return node

    def only(self, node: dict, allowed: set[str], where: str) -> None:
        """Refuse fields the format does not know: a typo must not be ignored silently."""
        unknown = sorted(set(node) - allowed)
        if unknown:
            raise self.fail(where, f"unknown field(s) {unknown}; allowed: {sorted(allowed)}")

    def key(self, node: dict, where: str) -> str:
        key = node.get("key")
        if not isinstance(key, str) or not KEY_RE.match(key):
            raise self.fail(where, f"missing or invalid key {key!r} (snake_case expected)")
        return key

    def text(self, node: dict, name: str, where: str, *, optional: bool = False) -> Text | None:
        value = node.get(name)
        if value is None and optional:
            return None
        if not isinstance(value, dict):
            raise self.fail(where, f"'{name}' must give es and en texts")
        for lang in LANGS:
            if not isinstance(value.get(lang), str) or not value[lang].strip():
                raise self.fail(where, f"missing translation '{name}.{lang}'")
        return Text(es=value["es"].strip(), en=value["en"].strip())

    def number(self, node: dict, name: str, where: str, *, low: float, high: float, default=None) -> float:
        value = node.get(name, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
            raise self.fail(where, f"'{name}' must be a number from {low} to {high}, got {value!r}")
        return value

    def refs(self, node: dict, where: str) -> dict[str, tuple[str, ...]]:
        refs = self.mapping(node.get("refs") or {}, f"{where}.refs")
        unknown = set(refs) - {"nist_csf", "cis", "ai_rmf"}
        if unknown:
            raise self.fail(where, f"unknown reference framework(s) {sorted(unknown)}")
        return {name: tuple(str(r) for r in self.items(vals, f"{where}.refs.{name}")) for name, vals in refs.items()}

    def unique(self, keys: list[str], what: str, where: str) -> None:
        seen: set[str] = set()
        for key in keys:
            if key in seen:
                raise self.fail(where, f"duplicate {what} key '{key}'")
            seen.add(key)
