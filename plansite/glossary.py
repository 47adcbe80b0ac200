"""Glossary terms found in plan text: which words to link to their glossary entry.

The text stays text: every piece is HTML-escaped and only the first occurrence of each
term becomes a link, so nothing in the data can turn into markup.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Callable
from typing import TypeVar

from .model import GlossaryTerm

K = TypeVar("K")  # whatever names a text: a task, an id


def _pattern(term: GlossaryTerm, lang: str) -> re.Pattern[str]:
    """Chinese: the term as written. English: the term or a listed form, any case,
    as whole words (a hyphen joins words, so "water-use quotas" is not "water-use quota")."""
    if lang == "zh":
        return re.compile(re.escape(term.term.zh))
    forms = sorted({term.term.en, *term.forms}, key=len, reverse=True)
    alternatives = "|".join(re.escape(form) for form in forms)
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


class TermFinder:
    """The glossary's terms in one language's texts. The patterns are compiled once and
    each text's occurrences found once: a build looks for every term in every task's
    text for the task page, the glossary's back links and the other language's."""

    def __init__(self, terms: tuple[GlossaryTerm, ...], lang: str):
        self._patterns = [(term, _pattern(term, lang)) for term in terms]
        self._found: dict[str, list[tuple[int, int, GlossaryTerm]]] = {}

    def first_occurrences(self, text: str) -> list[tuple[int, int, GlossaryTerm]]:
        """(start, end, term) of each term's first occurrence, in text order.

        Where terms overlap (节水型社会 inside 县域节水型社会建设, or two terms sharing
        words), the longer match wins the place and the shorter term waits for a later,
        free occurrence.
        """
        if text not in self._found:
            self._found[text] = self._first_occurrences(text)
        return self._found[text]

    def _first_occurrences(self, text: str) -> list[tuple[int, int, GlossaryTerm]]:
        matches = sorted(
            (
                (match.start(), match.end(), term)
                for term, pattern in self._patterns
                for match in pattern.finditer(text)
            ),
            key=lambda m: (m[0], -(m[1] - m[0])),
        )
        taken: list[tuple[int, int, GlossaryTerm]] = []
        linked: set[str] = set()
        for start, end, term in matches:
            if term.slug in linked or any(start < e and s < end for s, e, _ in taken):
                continue
            taken.append((start, end, term))
            linked.add(term.slug)
        return sorted(taken, key=lambda m: m[0])

    def link(self, text: str, url: Callable[[GlossaryTerm], str]) -> str:
        """The text as escaped HTML, its terms' first occurrences linked to ``url(term)``."""
        pieces: list[str] = []
        position = 0
        for start, end, term in self.first_occurrences(text):
            pieces.append(html.escape(text[position:start], quote=False))
            pieces.append(
                f'<a class="plan-term" href="{html.escape(url(term))}">'
                f"{html.escape(text[start:end], quote=False)}</a>"
            )
            position = end
        pieces.append(html.escape(text[position:], quote=False))
        return "".join(pieces)

    def linked_in(self, texts: dict[K, str]) -> dict[str, list[K]]:
        """For each term's slug, the keys of the texts that link it: the glossary's back
        links."""
        found: dict[str, list[K]] = {term.slug: [] for term, _ in self._patterns}
        for key, text in texts.items():
            for _, _, term in self.first_occurrences(text):
                found[term.slug].append(key)
        return found


# Both languages' pages ask for both languages' finders (the glossary lists the tasks that
# use a term in either language): made once, and made again only for another glossary.
@functools.lru_cache(maxsize=4)
def term_finder(terms: tuple[GlossaryTerm, ...], lang: str) -> TermFinder:
    return TermFinder(terms, lang)
