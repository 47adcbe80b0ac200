"""The other forms of an English word that the index counts as the word a page writes
(penalties: penalty; handbook/search.md): the base form and the plural always, -ing and
-ed only where some page writes them."""

from __future__ import annotations

import functools


@functools.cache
def _stem(word: str) -> str:
    """The word's Snowball stem. A site's words repeat: each is stemmed once (stemming
    took most of the post-build's time)."""
    return _english_stemmer().stemWord(word)


@functools.cache
def _english_stemmer():
    import snowballstemmer  # here: the generator, which imports this module, needs none

    return snowballstemmer.stemmer("english")


UNINFLECTED = (
    ("ies", "y"),
    ("es", ""),
    ("s", ""),
    ("ing", ""),
    ("ing", "e"),
    ("ied", "y"),
    ("ed", ""),
    ("ed", "e"),
)
SIBILANT = ("s", "x", "z", "ch", "sh")
VOWELS = "aeiou"


def english_forms(word: str, vocabulary: set[str]) -> set[str]:
    """The word's base form, its plural, and its -ing and -ed forms where the site writes
    them somewhere (the vocabulary), as far as the Snowball stemmer takes them to the
    word's own stem: penalties -> penalty; leakage -> leakages; washes -> wash, washing
    (task 5 writes it). Verb forms that no page writes (penaltied) would only make the
    index larger."""
    stem = _stem(word)
    bases = [
        word[: -len(ending)] + base_ending
        for ending, base_ending in UNINFLECTED
        if word.endswith(ending) and len(word) - len(ending) + len(base_ending) >= 3
    ]
    bases = [b for b in bases if word in _inflections(b) and _stem(b) == stem]
    base = min(bases, key=len) if bases else word  # washes: wash, not washe
    plural, *verb_forms = _inflections(base)
    forms = {base, plural} | (set(verb_forms) & vocabulary)
    return {f for f in forms if f != word and _stem(f) == stem}


def _inflections(base: str) -> tuple[str, str, str]:
    """Plural or third person, -ing and -ed of a base form, by the regular rules."""
    if base.endswith("y") and base[-2:-1] not in VOWELS:
        return base[:-1] + "ies", base + "ing", base[:-1] + "ied"
    if base.endswith("e") and not base.endswith("ee"):
        return base + "s", base[:-1] + "ing", base + "d"
    if base.endswith(SIBILANT):
        return base + "es", base + "ing", base + "ed"
    return base + "s", base + "ing", base + "ed"
