"""The English translation of the tasks, checked against the glossary and the departments.

Reads data/tasks.csv, data/glossary.yaml and data/departments.yaml directly (no site code),
so a mistake in the generator cannot hide a mistake in the data.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
TASKS_CSV = DATA / "tasks.csv"
GLOSSARY = DATA / "glossary.yaml"
DEPARTMENTS = DATA / "departments.yaml"

# Each Chinese field and the English field that translates it.
FIELD_PAIRS = (
    ("category_zh", "category_en"),
    ("title_zh", "title_en"),
    ("content_zh", "content_en"),
)
EN_FIELDS = tuple(en for _, en in FIELD_PAIRS)
# Han ideographs, CJK symbols and punctuation (、。「」《》…), full-width forms (，：（）…).
CJK = re.compile(
    "[\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
    "\U00020000-\U0002ffff]"
)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def load_tasks() -> list[dict[str, str]]:
    with TASKS_CSV.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_terms() -> list[dict]:
    with GLOSSARY.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["terms"]


def load_departments() -> list[dict]:
    with DEPARTMENTS.open(encoding="utf-8") as f:
        return yaml.safe_load(f)["departments"]


TASKS = load_tasks()
TERMS = load_terms()
DEPTS = load_departments()


def renderings(term: dict) -> list[str]:
    return [term["en"], *term.get("forms", [])]


def term_uses() -> list[pytest.param]:
    """One case per (term, task, field) where the Chinese field contains the term."""
    cases = []
    for term in TERMS:
        for task in TASKS:
            for zh_field, en_field in FIELD_PAIRS:
                if term["zh"] in task[zh_field]:
                    cases.append(
                        pytest.param(
                            term,
                            task,
                            en_field,
                            id=f"task{task['id']}-{en_field}-{term['slug']}",
                        )
                    )
    return cases


def test_there_are_35_tasks_and_enough_terms():
    assert len(TASKS) == 35
    assert 25 <= len(TERMS) <= 41


@pytest.mark.parametrize(("term", "task", "en_field"), term_uses())
def test_glossary_term_is_rendered_as_the_glossary_says(term, task, en_field):
    english = task[en_field].casefold()
    assert any(form.casefold() in english for form in renderings(term)), (
        f"task {task['id']} {en_field}: {term['zh']} should be rendered as one of "
        f"{renderings(term)}"
    )


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["slug"])
def test_glossary_term_occurs_in_the_chinese(term):
    assert any(term["zh"] in task[zh] for task in TASKS for zh, _ in FIELD_PAIRS), (
        f"{term['zh']} ({term['slug']}) occurs in no task's Chinese text"
    )


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["slug"])
def test_glossary_entry_is_complete_and_english(term):
    assert set(term) <= {"zh", "en", "slug", "forms", "note_en", "note_zh"}, term
    for key in ("zh", "en", "slug", "note_en"):
        assert isinstance(term.get(key), str) and term[key].strip(), (term["slug"], key)
    assert isinstance(term.get("forms", []), list)
    for text in [term["en"], *term.get("forms", []), term["note_en"]]:
        assert isinstance(text, str) and text.strip(), term["slug"]
        assert not CJK.search(text), f"{term['slug']}: Chinese character in {text!r}"


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["slug"])
def test_glossary_entry_explains_itself_in_chinese(term):
    """The Chinese glossary explains each term in Chinese: no Latin words, full-width
    punctuation, ending as a Chinese sentence ends."""
    note = term.get("note_zh", "")
    assert len(CJK.findall(note)) >= 15, (term["slug"], note)
    assert not re.search(r"[A-Za-z]{2,}|[,:;()]", note), (term["slug"], note)
    assert note.endswith("。"), (term["slug"], note)


@pytest.mark.parametrize("term", TERMS, ids=lambda t: t["slug"])
def test_slug_is_well_formed(term):
    assert SLUG.fullmatch(term["slug"]), term["slug"]


def test_slugs_and_chinese_terms_are_unique():
    slugs = [t["slug"] for t in TERMS]
    zhs = [t["zh"] for t in TERMS]
    assert len(slugs) == len(set(slugs)), sorted(s for s in slugs if slugs.count(s) > 1)
    assert len(zhs) == len(set(zhs)), sorted(z for z in zhs if zhs.count(z) > 1)


@pytest.mark.parametrize("task", TASKS, ids=lambda t: f"task{t['id']}")
@pytest.mark.parametrize("en_field", EN_FIELDS)
def test_english_field_is_filled_and_has_no_chinese(task, en_field):
    text = task[en_field]
    assert text.strip(), f"task {task['id']}: {en_field} is empty"
    assert text == text.strip(), f"task {task['id']}: {en_field} has stray whitespace"
    found = CJK.findall(text)
    assert not found, f"task {task['id']}: {en_field} contains {''.join(found)!r}"


def test_category_en_is_the_same_within_each_category():
    by_category: dict[str, set[str]] = {}
    for task in TASKS:
        by_category.setdefault(task["category_id"], set()).add(task["category_en"])
    assert len(by_category) == 11
    mixed = {cid: names for cid, names in by_category.items() if len(names) != 1}
    assert not mixed, mixed
    names = [next(iter(v)) for v in by_category.values()]
    assert len(names) == len(set(names)), "two categories share an English name"


@pytest.mark.parametrize("task", TASKS, ids=lambda t: f"task{t['id']}")
def test_every_bureau_named_in_english_is_a_known_department(task):
    text = task["content_en"]
    for dept in sorted(DEPTS, key=lambda d: -len(d["name_en"])):
        text = text.replace(dept["name_en"], "")
    text = re.sub("“[^”]*”", "", text)  # titles of documents may say "Administration"
    stray = re.findall(r"\b(?:Bureau|Commission|Administration)\b", text)
    assert not stray, f"task {task['id']}: department name not in departments.yaml"


@pytest.mark.parametrize("task", TASKS, ids=lambda t: f"task{t['id']}")
def test_municipal_bodies_are_named_only_where_the_source_names_them(task):
    """联合教育、工信等部门 (task 25) speaks of departments in general: the English must not
    name a municipal body the Chinese does not."""
    named_zh = {
        d["name_en"]
        for d in DEPTS
        if any(name in task["content_zh"] for name in [d["name_zh"], *d.get("short_zh", [])])
    }
    named_en = {d["name_en"] for d in DEPTS if d["name_en"] in task["content_en"]}
    assert named_en <= named_zh, f"task {task['id']}: {sorted(named_en - named_zh)}"


# The source's words of obligation; "shall" renders these and nothing else.
OBLIGATION_ZH = re.compile("应当|不得")


@pytest.mark.parametrize("task", TASKS, ids=lambda t: f"task{t['id']}")
def test_shall_renders_only_the_sources_words_of_obligation(task):
    shall = len(re.findall(r"\bshall\b", task["content_en"]))
    obligations = len(OBLIGATION_ZH.findall(task["content_zh"]))
    assert shall <= obligations, (
        f"task {task['id']}: {shall} × 'shall' for {obligations} × 应当/不得 in the Chinese"
    )


@pytest.mark.parametrize("task", TASKS, ids=lambda t: f"task{t['id']}")
def test_a_yearly_task_before_a_year_reads_each_year_until_that_year(task):
    """2020年前，每年… is a yearly task running to 2020: "Each year until 2020, …" ("Before
    2020" reads as ending in 2019; "Up to 2020, … each year" puts the rhythm last)."""
    assert "Before 20" not in task["content_en"], task["id"]
    for year in re.findall(r"(20\d\d)年前，每年", task["content_zh"]):
        assert f"Each year until {year}," in task["content_en"], task["id"]
