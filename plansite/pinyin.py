"""Pinyin for URLs and for search, computed at build time (no dictionary ships to browsers).

pypinyin is imported only when a name's reading is not yet known: loading its
dictionaries takes longer than the rest of the generator's start (0.15 s), for some
sixty names that rarely change. Readings are remembered in a JSON file between builds,
with the version of pypinyin that made them.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from .installed import package_identity


def bare_name(name_zh: str, prefix: str) -> str:
    """A canonical name without the plan's department prefix (Plan.department_prefix, 市
    "municipal"): 市市政园林局 -> 市政园林局."""
    return name_zh.removeprefix(prefix)


def propose_slug(name_zh: str, prefix: str) -> str:
    """pypinyin's proposal for a department's URL slug: 市水利局 -> shuiliju."""
    return Readings().full(bare_name(name_zh, prefix))


class Readings:
    """Each name's full pinyin and its initials, from pypinyin or from `memo_file`."""

    def __init__(self, memo_file: Path | None = None):
        self._file, self._version = memo_file, package_identity("pypinyin")
        self._known: dict[str, list[str]] = {}
        self._changed = False
        if memo_file and memo_file.is_file():
            try:
                memo = json.loads(memo_file.read_text(encoding="utf-8"))
            except ValueError:  # a damaged file is only a lost memo
                memo = {}
            if isinstance(memo, dict) and memo.get("pypinyin") == self._version:
                self._known = memo.get("readings", {})

    def full(self, name: str) -> str:
        return self._reading(name)[0]

    def search_keys(self, *names: str) -> tuple[str, ...]:
        """Full pinyin and initials of each name, as people type them on a phone
        keyboard: 水利局 -> shuiliju, slj. Names are taken as written (pass bare_name()
        of a canonical name)."""
        keys: list[str] = []
        for name in names:
            keys += [key for key in self._reading(name) if key not in keys]
        return tuple(keys)

    def _reading(self, name: str) -> list[str]:
        if name not in self._known:
            from pypinyin import Style, lazy_pinyin

            self._known[name] = [
                "".join(lazy_pinyin(name)),
                "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)),
            ]
            self._changed = True
        return self._known[name]

    def save(self) -> None:
        """Writes the memo file if a reading was added (whole, or not at all)."""
        if not (self._file and self._changed):
            return
        self._file.parent.mkdir(parents=True, exist_ok=True)
        memo = {"pypinyin": self._version, "readings": self._known}
        handle, temporary = tempfile.mkstemp(dir=self._file.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(memo, out, ensure_ascii=False, sort_keys=True, indent=0)
        os.replace(temporary, self._file)
        self._changed = False
