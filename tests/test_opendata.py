"""Open data: the published Data Package is valid, says what every field is in both
languages, and its files hold exactly what data/ holds; the pages link to them."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from frictionless import validate

from plansite.load import DataError, load_plan
from support import ROOT
from support.html_pages import read_page, resolve
from support.source_table import SOURCE, SOURCE_SHA256

DATA = ROOT / "data"
CJK = re.compile(r"[\u3400-\u9fff]")
INTEGERS = {"id", "category_id", "task_id", "year"}


def published(site, name):
    return site / "data" / name


def read_csv(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


BOM = b"\xef\xbb\xbf"


def with_units_in_english(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """data/tasks.csv's rows with the units' English names, from departments.yaml and
    plan.yaml: the published tasks table's two added columns."""
    english = {d["name_zh"]: d["name_en"] for d in yaml_data("departments.yaml")["departments"]}
    shared = yaml_data("plan.yaml")["shared_by_all"]

    def names(cell: str) -> str:
        if cell == shared["zh"]:
            return shared["en"]
        return "; ".join(english[name] for name in cell.split("、"))

    return [
        {**row, "lead_en": names(row["lead_zh"]), "participants_en": names(row["participants_zh"])}
        for row in rows
    ]


def typed(rows: list[dict[str, str]]) -> list[dict]:
    """CSV rows with the integer fields as numbers (empty as None), as in the JSON."""
    return [
        {k: (int(v) if v else None) if k in INTEGERS else v for k, v in row.items()} for row in rows
    ]


def yaml_data(name):
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def test_the_package_is_valid(site):
    report = validate(str(published(site, "datapackage.json")))
    assert report.valid, report.flatten(["type", "note"])
    assert len(report.tasks) == 11  # five tables, each as CSV and as JSON, and the source


def test_the_source_text_is_published_byte_for_byte(site, tmp_path):
    """The source the data was read from, as the project keeps it (the oracle's file, its
    hash pinned); the package states its size and hash, so a changed copy is invalid."""
    published_source = published(site, "source.txt")
    assert published_source.read_bytes() == SOURCE.read_bytes()
    assert hashlib.sha256(published_source.read_bytes()).hexdigest() == SOURCE_SHA256
    package = json.loads(published(site, "datapackage.json").read_text("utf-8"))
    (resource,) = [r for r in package["resources"] if r["path"] == "source.txt"]
    assert resource["mediatype"] == "text/plain" and resource["encoding"] == "utf-8"
    assert resource["hash"] == "sha256:" + SOURCE_SHA256
    assert "states no issuing body" in resource["description"]
    copy = Path(shutil.copytree(site / "data", tmp_path / "data"))
    (copy / "source.txt").write_bytes(SOURCE.read_bytes() + b"\n")
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "hash-count" in {error_type for (error_type,) in report.flatten(["type"])}


def test_validation_catches_a_broken_reference(site, tmp_path):
    """The check is real: a target pointing at no task makes the package invalid."""
    copy = tmp_path / "data"
    shutil.copytree(site / "data", copy)
    targets = copy / "targets.csv"
    lines = targets.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = re.sub(r"^\d+,", "99,", lines[1])
    targets.write_text("".join(lines), encoding="utf-8")
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error_type for (error_type,) in report.flatten(["type"])}


def test_the_published_tasks_are_data_tasks_csv_with_the_units_in_english(site):
    rows = with_units_in_english(read_csv(DATA / "tasks.csv"))
    assert read_csv(published(site, "tasks.csv")) == rows
    assert json.loads(published(site, "tasks.json").read_text("utf-8")) == typed(rows)
    by_id = {row["id"]: row for row in rows}
    assert by_id["7"]["lead_en"] == "Municipal Public Utilities and Landscaping Bureau"
    assert by_id["31"]["participants_en"].startswith("All departments")


def test_every_csv_opens_as_utf_8_in_excel_and_wps(site):
    """A byte order mark first: without one, Excel and WPS read a double-clicked CSV in
    the system's code page (GBK on a Chinese Windows) and show mojibake."""
    files = sorted(published(site, "").rglob("*.csv"))
    tables = yaml.safe_load((DATA / "datapackage.yaml").read_text("utf-8"))["resources"]
    assert len(files) == len(tables) + len(read_csv(DATA / "tasks.csv"))  # and each task
    for path in files:
        raw = path.read_bytes()
        assert raw.startswith(BOM) and not raw.startswith(BOM * 2), path
        assert raw[3:].decode("utf-8").split(",", 1)[0] in ("id", "name_zh", "task_id", "zh")


def test_the_published_departments_targets_and_glossary_are_data(site):
    departments = [
        {
            "name_zh": d["name_zh"],
            "name_en": d["name_en"],
            "short_zh": "、".join(d.get("short_zh") or []),
            "short_en": "; ".join(d.get("short_en") or []),
            "slug": d["slug"],
        }
        for d in yaml_data("departments.yaml")["departments"]
    ]
    targets = [
        {"task_id": t["task"], "year": t["year"], "zh": t["zh"], "en": t["en"]}
        for t in yaml_data("targets.yaml")["targets"]
    ]
    glossary = [
        {
            "zh": g["zh"],
            "en": g["en"],
            "slug": g["slug"],
            "forms": "; ".join(g.get("forms") or []),
            "note_zh": g.get("note_zh", ""),
            "note_en": g.get("note_en", ""),
        }
        for g in yaml_data("glossary.yaml")["terms"]
    ]
    for name, expected in (
        ("departments", departments),
        ("targets", targets),
        ("glossary", glossary),
    ):
        assert typed(read_csv(published(site, f"{name}.csv"))) == expected, name
        assert json.loads(published(site, f"{name}.json").read_text("utf-8")) == expected, name


def test_every_field_is_described_in_both_languages_with_source_and_licence(site):
    package = json.loads(published(site, "datapackage.json").read_text("utf-8"))
    tables = [r for r in package["resources"] if r["format"] == "csv"]
    assert {r["name"] for r in tables} == {
        "tasks",
        "departments",
        "targets",
        "glossary",
        "reports",
    }
    for resource in tables:
        assert resource["encoding"] == "utf-8-sig"  # UTF-8 after a byte order mark
        with open(published(site, resource["path"]), encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header
        for field in fields:
            assert CJK.search(field["title"]) and re.search("[A-Za-z]{3}", field["title"]), field
            assert field["description"].strip(), field
            assert CJK.search(field["description_zh"]), field  # for the Chinese reader too
        assert CJK.search(resource["title"]) and re.search("[A-Za-z]{3}", resource["title"])
        assert CJK.search(resource["description_zh"]), resource["name"]
    json_files = {r["path"] for r in package["resources"] if r["format"] == "json"}
    assert json_files == {f"{r['name']}.json" for r in tables}
    assert "分工方案" in package["sources"][0]["title"]
    licence = package["licenses"][0]
    assert licence["name"] == "CC-BY-4.0"
    assert "translation" in licence["title"] and "not apply to the Chinese" in licence["title"]
    assert "不适用于方案中文原文" in licence["title_zh"]
    assert CJK.search(package["description_zh"]) and CJK.search(
        package["sources"][0]["description_zh"]
    )


def test_each_task_is_published_as_json_and_csv_and_linked_from_its_pages(site):
    csv_rows = with_units_in_english(read_csv(DATA / "tasks.csv"))
    rows = typed(csv_rows)
    targets = yaml_data("targets.yaml")["targets"]
    for row in rows:
        task_file = published(site, f"tasks/{row['id']}.json")
        task = json.loads(task_file.read_text("utf-8"))
        expected = [
            {"task_id": t["task"], "year": t["year"], "zh": t["zh"], "en": t["en"]}
            for t in targets
            if t["task"] == row["id"]
        ]
        assert task == {**row, "targets": expected, "reports": []}  # data/ ships none
        row_file = published(site, f"tasks/{row['id']}.csv")
        assert read_csv(row_file) == [csv_rows[rows.index(row)]]
        for root in (site, site / "en"):
            page_file = root / "tasks" / str(row["id"]) / "index.html"
            links = read_page(page_file).content_links
            hrefs = [h for _, h in links if h.endswith((".json", ".csv"))]
            assert sorted(resolve(page_file, h) for h in hrefs) == [row_file, task_file]


@pytest.mark.parametrize("root", ["", "en"])
def test_the_home_page_links_every_download(site, root):
    page_file = site / root / "index.html"
    targets = {resolve(page_file, href) for _, href in read_page(page_file).content_links}
    names = ["datapackage.json", "source.txt"] + [
        f"{n}.{ext}"
        for n in ("tasks", "departments", "targets", "glossary", "reports")
        for ext in ("csv", "json")
    ]
    for name in names:
        assert published(site, name) in targets, name
        assert published(site, name).is_file()


def test_the_data_is_published_once(site):
    assert not (site / "en" / "data").exists()


def test_a_field_without_words_stops_the_build(tmp_path):
    data = shutil.copytree(DATA, tmp_path / "data")
    meta = data / "datapackage.yaml"
    text = meta.read_text(encoding="utf-8")
    meta.write_text(re.sub(r"\n      note_en: .*", "", text), encoding="utf-8")
    with pytest.raises(DataError) as error:
        load_plan(data)
    assert "glossary.note_en" in error.value.message
    lines = meta.read_text(encoding="utf-8").splitlines()
    assert lines[error.value.line - 1] == "  glossary:"
