"""Search that finds what people type: the words jieba keeps whole, and a fix to how
Material's search cuts a Chinese query into words.

Material's search plugin cuts each run of Chinese characters into words with jieba at
build time; the browser then finds what starts with one of those words. jieba's own
dictionary does not know the plan's vocabulary (it cut 供水管网漏损 as 供水管/网漏/损, so
the query 管网 could not match it), so the names and terms people type are added from data/.
"""

from __future__ import annotations

import re
from pathlib import Path

from .model import NAME_SEPARATOR, Plan

# jieba prefers the split of a phrase whose words are likelier. Its dictionary counts
# 供水管 3 and 管网 32 times; a user word counted far more often wins the split.
WORD_FREQUENCY = 100_000
# Material segments only runs of Han characters, so a word with anything else in it
# (市（县）区) could never be matched whole.
HAN_WORD = re.compile(r"^[\u3400-\u9fff]+$")


def user_dictionary_words(plan: Plan) -> list[str]:
    """Department names and short names, glossary terms and the extra words of
    data/search.yaml, once each, in that order. A full name is one word, so the query
    市水利局 is one word too and ranks the page titled 市水利局 first (cut as 市 + 水利局,
    its 市 matched every name); the department page lists the short names it is found by."""
    words: list[str] = []
    for department in plan.departments:
        words += [department.name.zh, *department.short_zh]
    for term in plan.glossary:
        words += term.term.zh.split(NAME_SEPARATOR)  # 藏粮于地、藏粮于技 is two terms
    words += plan.search_words
    return [w for w in dict.fromkeys(words) if HAN_WORD.match(w)]


def user_dictionary(words: list[str]) -> str:
    """The words as a jieba user dictionary."""
    return "".join(f"{word} {WORD_FREQUENCY}\n" for word in words)


# Material 9.8.1's search worker cuts a Chinese query into the longest words of the
# index, but its loop stops one character short of the query's end: 计划用水 became
# 计划 + 用, and 用 matched every page. These replacements let a word end at the last
# character. The exact strings are of the pinned version; an upgrade that changes them
# stops the build here, to be looked at again.
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
WORKER_FIXES = (
    (
        "for(let o=s+1;o<t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
        "for(let o=s+1;o<=t.length;o++)t.slice(s,o)in e&&(n[s]=o-s)",
    ),
    ("n[a]&&a<t.length-1&&(i[s++]=a)", "n[a]&&a<t.length&&(i[s++]=a)"),
)


class SearchWorkerChanged(Exception):
    """Material's search worker is not the one WORKER_FIXES was written for."""


def fix_query_segmentation(site_dir: Path) -> None:
    workers = sorted(site_dir.glob(WORKER_GLOB))
    if len(workers) != 1:
        raise SearchWorkerChanged(f"expected one {WORKER_GLOB} in {site_dir}, found {workers}")
    code = workers[0].read_text(encoding="utf-8")
    for old, new in WORKER_FIXES:
        if code.count(old) != 1:
            raise SearchWorkerChanged(
                f"{workers[0].name} no longer contains {old!r}; check plansite/search.py "
                "against the new Material version"
            )
        code = code.replace(old, new)
    workers[0].write_text(code, encoding="utf-8")
