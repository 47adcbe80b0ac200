"""data/synonyms.yaml, the everyday words for the plan's terms: read by the loader, each
mistake refused in one line naming the file, the line and the fix (in process, fast);
and the words reach the search index on the pages that write the term."""

from __future__ import annotations

import json
import shutil

import pytest
import yaml

from plansite.load import DataError, load_plan
from plansite.model import LANGUAGES
from support import ROOT, language_root

DATA = ROOT / "data"
SYNONYMS = yaml.safe_load((DATA / "synonyms.yaml").read_text(encoding="utf-8"))["synonyms"]


def test_the_synonyms_load_in_both_languages():
    plan = load_plan(DATA)
    assert len(plan.synonyms) == len(SYNONYMS) >= 5
    for synonym, entry in zip(plan.synonyms, SYNONYMS, strict=True):
        assert synonym.term.zh == entry["term"]["zh"] and synonym.term.en == entry["term"]["en"]
        assert synonym.words("zh") == tuple(entry["words"]["zh"])
        assert synonym.words("en") == tuple(entry["words"]["en"])


def refusal(tmp_path, old: str, new: str) -> tuple[int, str, str]:
    """Load data/ with one edit of synonyms.yaml; the refusal's line, its message and
    the text of that line."""
    data = shutil.copytree(DATA, tmp_path / "data")
    path = data / "synonyms.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_plan(data)
    assert str(error.value).startswith(f"{path}:{error.value.line}: "), str(error.value)
    assert "\n" not in str(error.value)
    lines = path.read_text(encoding="utf-8").splitlines()
    return error.value.line, error.value.message, lines[error.value.line - 1]


CASES = [
    # (what, old, new, a fragment of the message, a fragment of the line it names)
    (
        "a term no task writes",
        "term: {zh: 再生水, en: reclaimed water}",
        "term: {zh: 再生水, en: recycled waters}",
        "'recycled waters' occurs in no task's en title or content",
        "recycled waters",
    ),
    (
        "a term without its English",
        "term: {zh: 漏损, en: leakage}",
        "term: {zh: 漏损}",
        "'term' needs both 'zh' and 'en'",
        "漏损",
    ),
    (
        "a word twice",
        "words: {zh: [废水], en: [sewage, waste water]}",
        "words: {zh: [废水, 中水], en: [sewage, waste water]}",
        "'中水' is already listed on line",
        "废水",
    ),
    (
        "the term as its own word",
        "words: {zh: [洗车店, 洗车场]",
        "words: {zh: [洗车店, 洗车]",
        "'洗车' is the term itself; remove it",
        "洗车店",
    ),
    (
        "no word in one language",
        "words: {zh: [能效标识, 节水标识], en: [efficiency label, water label]}",
        "words: {zh: [能效标识, 节水标识]}",
        "'words: en' lists no word",
        "能效标识",
    ),
    (
        "a misspelt key",
        "    words: {zh: [中水",
        "    word: {zh: [中水",
        "unknown key 'word' (a misspelling of 'words'?)",
        "word:",
    ),
]


@pytest.mark.parametrize(
    ("what", "old", "new", "message", "line"), CASES, ids=[c[0] for c in CASES]
)
def test_a_mistake_is_refused_in_one_line(tmp_path, what, old, new, message, line):
    _, said, text = refusal(tmp_path, old, new)
    assert message in said, said
    assert line in text, (said, text)


def test_the_everyday_words_reach_the_pages_that_write_the_term(site, csv_rows):
    """On each site, each task page that writes a term carries the term's everyday words
    in its index entry, and no other task page does (a word is listed once)."""
    for lang in LANGUAGES:
        index_file = language_root(site, lang) / "search" / "search_index.json"
        entries = {e["location"]: e for e in json.loads(index_file.read_text("utf-8"))["docs"]}
        carried = 0
        for entry in SYNONYMS:
            term = entry["term"][lang].lower()
            for row in csv_rows:
                page = entries["tasks/" + row["id"] + "/"]
                keywords = " " + page.get("keywords", "") + " "
                writes = term in (row[f"title_{lang}"] + "\n" + row[f"content_{lang}"]).lower()
                for word in entry["words"][lang]:
                    assert (f" {word} " in keywords) == writes, (lang, row["id"], word)
                    carried += writes
        assert carried > 20
