"""The post-build's part of search: fields added to the theme's search index after the
engine has written it (handbook/search.md)."""

from __future__ import annotations

import functools
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import LANGUAGES
from ..urls import ABOUT_PATH, GLOSSARY_PATH, TARGETS_PATH, page_url
from .forms import english_forms
from .vocabulary import HAN_WORD

if TYPE_CHECKING:
    import jieba

# The theme's worker indexes every field the index's configuration lists, so the build
# adds fields the results never show: what each holds, and the query each was added
# for, is in handbook/search.md ("What the build adds to the index").
INDEX_FILE = "search/search_index.json"
NAMES_FIELD = "names"
TITLE_WORDS_FIELD = "title_words"
WORDS_FIELD = "words"
FORMS_FIELD = "forms"
KEYWORDS_FIELD = "keywords"
# The title's own boost is in mkdocs.yml (plugins.search.fields). A form counts as the
# text's word: at half of it, "car washing" found task 5 ("washing", "carrying") above
# task 10 ("car washes"), whose "washing" is a form.
# A page's keywords count as its title does (page_keywords).
FIELD_BOOSTS = {
    NAMES_FIELD: 50.0,
    TITLE_WORDS_FIELD: 5.0,
    WORDS_FIELD: 0.5,
    FORMS_FIELD: 1.0,
    KEYWORDS_FIELD: 10.0,
}
# Material's worker multiplies the score of a page's first entry (its title and the text
# before the first heading) by about 2.5 over a section's: "Carry out" in a title matched
# the query "car wash" more than "car washes" in a task's text. The entry's boost takes
# that back.
PAGE_BOOST = 0.4
# An overview (home page, department index, matrix) names every department, several
# times over: the name typed ranks the department's own page above it.
OVERVIEW_BOOST = 0.02
# A list of tasks (a department's, a category's, the all-tasks page) or of categories
# holds their titles, some words many times: "water-saving cities" found two
# departments' lists and a category above task 8, whose title it is; the categories'
# overview ranked first for "Industry and IT Bureau". The page listed comes first.
LIST_BOOST = 0.2
# A glossary entry's title is its term: "water users" (key monitored water users) ranked
# it above tasks 6 and 17, whose titles say it. The entry still comes first for its term.
GLOSSARY_BOOST = 0.6
# The About page names two departments only to show how the site writes names: 市水利局
# found it above the bureau's own page. It is found by its own words, last.
ABOUT_BOOST = OVERVIEW_BOOST
HAN_RUN = re.compile(r"[\u3400-\u9fff](?:[\u3400-\u9fff\u200b]*[\u3400-\u9fff])?")
TAG = re.compile(r"<[^>]+>")
# Two and three neighbouring words make a phrase: 节水宣传周 is 节水 宣传周, 节水载体创建 is
# 节水 载体 创建. The worker cuts a query into the longest words of the index and adds
# a shorter word where two overlap (节水载体 and 载体创建 also gave 节水, which every page
# holds), so a phrase of three words typed whole needs its own entry.
PHRASE_WORDS = (2, 3)
LATIN_WORD = re.compile(r"^[a-z]{4,}$")


def chinese_words(text: str, tokenizer: jieba.Tokenizer) -> set[str]:
    """Words a reader may type for the Han runs of an index text (words separated by
    U+200B, as Material's plugin cut them): every dictionary word jieba finds in the
    run (its full mode), and each two or three neighbouring words as one."""
    found: set[str] = set()
    for run in HAN_RUN.findall(text):
        cut = run.split("\u200b")
        found.update(w for w in tokenizer.cut("".join(cut), cut_all=True) if len(w) > 1)
        for length in PHRASE_WORDS:
            found.update("".join(cut[i : i + length]) for i in range(len(cut) - length + 1))
    return found


def join_single_characters(text: str) -> str:
    """The text with each character that jieba cut alone joined to the word before it
    (at the start of a run, to the word after it); the U+200B between words is
    invisible, so the text reads the same. The worker cuts a typed query into the
    longest words of the index: while 大 was one, 洗车大 became 洗车 + 大, and 大 matched
    the start of 大户 and 大力 in titles, above the one page about 洗车. Now the worker
    drops a character it finds no word for."""

    def join(run: re.Match) -> str:
        words: list[str] = []
        for word in run[0].split("\u200b"):
            if words and (len(word) == 1 or len(words[-1]) == 1):
                words[-1] += word
            else:
                words.append(word)
        return "\u200b".join(words)

    return HAN_RUN.sub(join, text)


# Endings that regular inflection adds, with what the word ended in before.


def extra_words(
    text: str,
    indexed: str,
    separator: re.Pattern,
    tokenizer: jieba.Tokenizer,
    vocabulary: set[str] | None = None,
) -> str:
    """What a reader may type for a text that the words of its indexed version do not
    start with: the Chinese words, and given the site's vocabulary the other forms of its
    English words."""
    words = _words(indexed, separator)
    extra = chinese_words(TAG.sub(" ", text), tokenizer)
    if vocabulary is not None:
        for word in words:
            if LATIN_WORD.match(word):
                extra |= english_forms(word, vocabulary)
    # The worker matches the start of words: an English form that starts another needs no
    # entry. A Chinese word does, whole: the worker cuts a query into words of the index.
    every = sorted(words | extra)
    return " ".join(
        w
        for i, w in enumerate(every)
        if w in extra - words and (HAN_WORD.match(w) or not _starts(every, i))
    )


def _words(text: str, separator: re.Pattern) -> set[str]:
    return {w.lower() for w in separator.split(TAG.sub(" ", text)) if w}


def _starts(ordered: list[str], i: int) -> bool:
    """Whether ordered[i] starts the word after it (the list is sorted)."""
    return i + 1 < len(ordered) and ordered[i + 1].startswith(ordered[i])


def enrich_index(
    site_dir: Path,
    lang: str,
    names: dict[str, dict[str, list[str]]],
    dictionary: Path,
    keywords: dict,
) -> None:
    """Adds the names, words and keywords fields, and the boosts, to a language's search
    index. `keywords`: page_keywords by location, and the titles lists hold
    (listed_titles)."""
    path = site_dir / INDEX_FILE
    index = json.loads(path.read_text(encoding="utf-8"))
    cutters = (re.compile(index["config"]["separator"]), _tokenizer(dictionary))
    for field, boost in FIELD_BOOSTS.items():
        index["config"]["fields"][field] = {"boost": boost}
    full_names = [department[lang][0] for department in names.values()]
    # the targets page lists targets, each naming its task: not a list of tasks
    glossary, targets = page_url(GLOSSARY_PATH) + "#", page_url(TARGETS_PATH)
    about = page_url(ABOUT_PATH)
    separator, _ = cutters
    vocabulary = set().union(
        *(_words(f"{d['title']} {d['text']}", separator) for d in index["docs"])
    )
    for doc in index["docs"]:
        plain = doc["text"].replace("\u200b", "")
        if all(name in plain for name in full_names):
            doc["boost"] = OVERVIEW_BOOST
        elif doc["location"].startswith(about):
            doc["boost"] = ABOUT_BOOST
        elif doc["location"].startswith(glossary):
            doc["boost"] = GLOSSARY_BOOST
        elif not doc["location"].startswith(targets) and (
            sum(title in plain for title in keywords["titles"]) > 1
        ):
            doc["boost"] = LIST_BOOST
        elif "#" not in doc["location"]:
            doc["boost"] = PAGE_BOOST
        if doc["location"] in keywords["pages"]:
            doc[KEYWORDS_FIELD] = keywords["pages"][doc["location"]]
        if doc["location"] in names:
            department = names[doc["location"]]
            other = next(other for other in LANGUAGES if other != lang)
            doc[NAMES_FIELD] = " ".join([*department[other], *department["pinyin"]])
        title, text = doc["title"], doc["text"]
        doc["title"], doc["text"] = join_single_characters(title), join_single_characters(text)
        # A title's English forms count as the text's: at the title's boost, "carried",
        # "carries" and "carrying" beside "Carry out" outweighed "car washes" in a text.
        extra = extra_words(
            f"{title} {text}", f"{doc['title']} {doc['text']}", *cutters, vocabulary
        ).split()
        for field, words in (
            (TITLE_WORDS_FIELD, extra_words(title, doc["title"], *cutters).split()),
            (WORDS_FIELD, [w for w in extra if HAN_WORD.match(w)]),
            (FORMS_FIELD, [w for w in extra if not HAN_WORD.match(w)]),
        ):
            if words:
                doc[field] = " ".join(words)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _tokenizer(dictionary: Path) -> jieba.Tokenizer:
    return _tokenizer_with(dictionary.read_bytes())


# One for both languages, which share the dictionary: each new tokenizer loads jieba's own
# dictionary again, half a second.
@functools.lru_cache(maxsize=1)
def _tokenizer_with(user_dictionary: bytes) -> jieba.Tokenizer:
    # Imported here, after the engine has imported it (with its pkg_resources warning
    # silenced): a data error before then stays one line.
    import jieba

    tokenizer = jieba.Tokenizer()
    tokenizer.load_userdict(io.BytesIO(user_dictionary))
    return tokenizer
