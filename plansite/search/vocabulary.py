"""What the generator writes for the search: the words jieba keeps whole, the names a
department page is found by, and each page's keywords (handbook/search.md).

jieba's own dictionary does not know the plan's vocabulary (it cut 供水管网漏损 as
供水管/网漏/损, so the query 管网 could not match it): the names and terms people type are
added from data/.
"""

from __future__ import annotations

import re

from ..model import NAME_SEPARATOR, Plan
from ..pinyin import bare_name
from ..urls import GLOSSARY_PATH, TARGETS_PATH, department_path, page_url, task_path

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


def department_names(plan: Plan) -> dict[str, dict[str, list[str]]]:
    """Each department page's location in the index, with the department's names in each
    language (市水利局, 水利局; Municipal Water Resources Bureau, Water Resources Bureau)
    and its pinyin (shuiliju, slj)."""
    return {
        page_url(department_path(d)): {
            "zh": [d.name.zh, bare_name(d.name.zh, plan.department_prefix), *d.short_zh],
            "en": [d.name.en, *d.short_en],
            "pinyin": list(d.pinyin),
        }
        for d in plan.departments
    }


# How people write a task's number and a year, which the pages write otherwise ("7."
# before a title; 到2020年, one word of the index that 2020年 does not start).
TASK_NUMBER_FORMS = {"zh": ("{n}", "第{n}项", "第{n}项任务"), "en": ("{n}",)}
YEAR_FORMS = {"zh": ("{year}年", "到{year}年"), "en": ("{year}",)}


def page_keywords(plan: Plan, lang: str) -> dict[str, str]:
    """Words a reader may type for a page that its text does not hold in that form, by
    the page's location in the index: a task's number (7, 第7项), a year as people write
    it (2020年) on the targets of that year and their tasks, and the everyday words of
    data/synonyms.yaml (中水, grey water) on the tasks and glossary entries that write
    the plan's term."""
    keywords: dict[str, list[str]] = {}

    def add(location: str, words) -> None:
        keywords.setdefault(location, []).extend(words)

    for task in plan.tasks:
        add(page_url(task_path(task)), (f.format(n=task.id) for f in TASK_NUMBER_FORMS[lang]))
    for target in plan.targets:
        if target.year:
            years = [f.format(year=target.year) for f in YEAR_FORMS[lang]]
            add(f"{page_url(TARGETS_PATH)}#{target.year}", years)
            add(page_url(task_path(target.task)), years)
    for synonym in plan.synonyms:
        term = synonym.term[lang].lower()
        for task in plan.tasks:
            if term in f"{task.title[lang]}\n{task.content[lang]}".lower():
                add(page_url(task_path(task)), synonym.words(lang))
        for entry in plan.glossary:
            if term in f"{entry.term[lang]}\n{entry.note[lang]}".lower():
                add(f"{page_url(GLOSSARY_PATH)}#{entry.slug}", synonym.words(lang))
    return {location: " ".join(dict.fromkeys(words)) for location, words in keywords.items()}


def listed_titles(plan: Plan, lang: str) -> list[str]:
    """Each task's title as lists of tasks write it (7. 改造供水管网), and each
    category's: an entry that holds two of them lists pages that each have their own."""
    return [f"{task.id}. {task.title[lang]}" for task in plan.tasks] + [
        category.title[lang] for category in plan.categories
    ]
