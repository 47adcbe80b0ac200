"""data/ against the authoritative source, read by an independent parser."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys

import pytest
import yaml

from plansite.pinyin import propose_slug
from support import ROOT
from support.source_table import SHARED_BY_ALL, SOURCE, SOURCE_SHA256, expand_names, read_source

SOURCE_ROWS, SOURCE_NOTE = read_source()
PLAN = yaml.safe_load((ROOT / "data" / "plan.yaml").read_text(encoding="utf-8"))
PREFIX = PLAN["department_prefix"]


def test_the_department_prefix_is_the_sources():
    """The source writes 市 ("municipal") once per list of departments, before the first."""
    assert PREFIX == "市"
    assert all(row.lead.startswith(PREFIX) for row in SOURCE_ROWS)


def test_source_is_the_published_one():
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == SOURCE_SHA256


def test_thirty_five_tasks_in_eleven_categories(csv_rows):
    assert [int(r["id"]) for r in csv_rows] == list(range(1, 36))
    assert len({r["category_id"] for r in csv_rows}) == 11
    assert len(SOURCE_ROWS) == 35


@pytest.mark.parametrize("source", SOURCE_ROWS, ids=lambda r: f"task{r.id}")
def test_chinese_text_is_the_source_verbatim(source, csv_rows):
    row = next(r for r in csv_rows if int(r["id"]) == source.id)
    assert row["title_zh"] == source.title
    assert row["content_zh"] == source.content
    assert int(row["category_id"]) == source.category_id
    assert row["category_zh"] == source.category
    full_text = SOURCE.read_text(encoding="utf-8")
    assert row["title_zh"] in full_text and row["content_zh"] in full_text


@pytest.mark.parametrize("source", SOURCE_ROWS, ids=lambda r: f"task{r.id}")
def test_units_resolve_to_the_source_lists(source, csv_rows, departments_yaml):
    """The source writes the prefix 市 once per list; the CSV lists full names."""
    canonical = {d["name_zh"] for d in departments_yaml["departments"]}
    row = next(r for r in csv_rows if int(r["id"]) == source.id)
    assert row["lead_zh"].split("、") == expand_names(source.lead, canonical)
    assert row["participants_zh"].split("、") == expand_names(source.participants, canonical)


def test_prefix_rule_keeps_names_that_begin_with_shi():
    canonical = {"市水利局", "市市政园林局", "市市场监管局", "市发展改革委", "市工业和信息化局"}
    assert expand_names("市水利局、市政园林局", canonical) == ["市水利局", "市市政园林局"]
    assert expand_names("市发展改革委、工业和信息化局", canonical) == [
        "市发展改革委",
        "市工业和信息化局",
    ]
    assert expand_names("市市场监管局", canonical) == ["市市场监管局"]
    assert expand_names(SHARED_BY_ALL, canonical) == [SHARED_BY_ALL]


def test_shared_tasks_keep_the_source_words(csv_rows):
    shared = [int(r["id"]) for r in csv_rows if r["participants_zh"] == SHARED_BY_ALL]
    assert shared == [s.id for s in SOURCE_ROWS if s.participants == SHARED_BY_ALL]
    assert shared == [31, 32, 34]


def test_every_department_is_named_by_some_task(csv_rows, departments_yaml):
    named = {n for r in csv_rows for n in (r["lead_zh"] + "、" + r["participants_zh"]).split("、")}
    listed = {d["name_zh"] for d in departments_yaml["departments"]}
    assert listed <= named
    assert named - listed <= {SHARED_BY_ALL}


def test_slugs_are_pypinyin_proposals_or_deliberate_overrides(departments_yaml):
    overrides = departments_yaml.get("slug_overrides") or {}
    for d in departments_yaml["departments"]:
        if d["name_zh"] in overrides:
            assert d["slug"] != propose_slug(d["name_zh"], PREFIX), (
                f"{d['name_zh']}: needless override"
            )
        else:
            assert d["slug"] == propose_slug(d["name_zh"], PREFIX), (
                f"{d['name_zh']}: stored slug {d['slug']!r}, pypinyin proposes "
                f"{propose_slug(d['name_zh'], PREFIX)!r}; fix it or list it under slug_overrides"
            )


def test_slug_check_catches_a_hand_edit():
    assert propose_slug("市水利局", PREFIX) == "shuiliju"
    assert propose_slug("市市政园林局", PREFIX) == "shizhengyuanlinju"
    assert propose_slug("市行政审批局", PREFIX) == "xingzhengshenpiju"  # 行 read xing, not hang


LOAD_AND_SAY = """import sys
from pathlib import Path
from plansite.load import load_plan
plan = load_plan(Path(sys.argv[1]), Path(sys.argv[2]))
print(repr([d.pinyin for d in plan.departments]), "pypinyin" in sys.modules)
"""


def load_pinyin(memo) -> tuple[str, bool]:
    """The departments' pinyin as the loader gives it with this memo file, in a new
    process, and whether it imported pypinyin."""
    run = subprocess.run(
        [sys.executable, "-c", LOAD_AND_SAY, str(ROOT / "data"), str(memo)],
        capture_output=True,
        text=True,
        check=True,
    )
    readings, imported = run.stdout.rsplit(" ", 1)
    return readings, imported.strip() == "True"


def test_pinyin_is_remembered_and_pypinyin_left_unloaded(tmp_path):
    memo = tmp_path / "pinyin.json"
    computed, imported = load_pinyin(memo)
    assert imported and "shuiliju" in computed and memo.is_file()
    assert load_pinyin(memo) == (computed, False)  # all from the memo

    remembered = json.loads(memo.read_text(encoding="utf-8"))
    remembered["readings"]["水利局"] = ["wrong", "w"]
    for stale in (
        {**remembered, "pypinyin": "0.0"},  # another version's readings: not used
        "{ damaged",
    ):
        memo.write_text(stale if isinstance(stale, str) else json.dumps(stale), "utf-8")
        assert load_pinyin(memo) == (computed, True)


def test_short_names_are_unambiguous(departments_yaml):
    seen: dict[str, str] = {}
    for d in departments_yaml["departments"]:
        for short in d.get("short_zh", []) + d.get("short_en", []):
            assert short not in seen, f"{short} names both {seen[short]} and {d['name_zh']}"
            seen[short] = d["name_zh"]
