"""Pinyin for URLs and for search, computed at build time (no dictionary ships to browsers)."""

from __future__ import annotations

from pypinyin import Style, lazy_pinyin


def bare_name(name_zh: str, prefix: str) -> str:
    """A canonical name without the plan's department prefix (Plan.department_prefix, 市
    "municipal"): 市市政园林局 -> 市政园林局."""
    return name_zh.removeprefix(prefix)


def propose_slug(name_zh: str, prefix: str) -> str:
    """pypinyin's proposal for a department's URL slug: 市水利局 -> shuiliju."""
    return "".join(lazy_pinyin(bare_name(name_zh, prefix)))


def search_keys(*names: str) -> tuple[str, ...]:
    """Full pinyin and initials of each name, as people type them on a phone keyboard:
    水利局 -> shuiliju, slj. Names are taken as written (pass bare_name() of a
    canonical name)."""
    keys: list[str] = []
    for name in names:
        for key in (
            "".join(lazy_pinyin(name)),
            "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)),
        ):
            if key not in keys:
                keys.append(key)
    return tuple(keys)
