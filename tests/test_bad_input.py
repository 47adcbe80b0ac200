"""Bad data stops the build with one line naming file:line and the fix; the last good
site stays byte-for-byte as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import PDF_CACHE, copy_project, run_build

pytestmark = pytest.mark.slow


def edit(name: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    """Change the text of one file in data/, as a text editor would."""

    def apply(project: Path) -> None:
        path = project / "data" / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return apply


def edit_csv(change: Callable[[str], str]) -> Callable[[Path], None]:
    return edit("tasks.csv", change)


def replace_once(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, old
        return text.replace(old, new, 1)

    return change


def write_bytes(name: str, convert: Callable[[str], bytes]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / "data" / name
        path.write_bytes(convert(path.read_text(encoding="utf-8")))

    return apply


def open_quote_in_last_field(text: str) -> str:
    """A quote that opens the file's last field and never closes."""
    last_comma = text.rindex(",")
    return text[: last_comma + 1] + '"' + text[last_comma + 1 :]


def together(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        for change in changes:
            change(project)

    return apply


def _rewrite_rows(change: Callable[[list[list[str]]], None]) -> Callable[[str], str]:
    def apply(text: str) -> str:
        rows = list(csv.reader(io.StringIO(text, newline="")))
        change(rows)
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue()

    return apply


def remove_column(column: str) -> Callable[[str], str]:
    def change(rows: list[list[str]]) -> None:
        index = rows[0].index(column)
        for row in rows:
            del row[index]

    return _rewrite_rows(change)


def add_column(column: str, value: str) -> Callable[[str], str]:
    def change(rows: list[list[str]]) -> None:
        rows[0].append(column)
        for row in rows[1:]:
            row.append(value)

    return _rewrite_rows(change)


@dataclass(frozen=True)
class Case:
    name: str
    break_data: Callable[[Path], None]
    # None: builds; else (file, line, a fragment of the message)
    error: tuple[str, int, str] | None


CASES = [
    Case(
        "GBK encoding",
        write_bytes("tasks.csv", lambda text: text.encode("gbk")),
        ("data/tasks.csv", 2, "not UTF-8"),
    ),
    Case(
        "GB18030 encoding",
        write_bytes("tasks.csv", lambda text: text.encode("gb18030")),
        ("data/tasks.csv", 2, "save the file as UTF-8"),
    ),
    Case(
        "UTF-8 with a BOM (Excel's CSV UTF-8)",
        write_bytes("tasks.csv", lambda text: text.encode("utf-8-sig")),
        None,
    ),
    Case(
        "CRLF line endings",
        write_bytes("tasks.csv", lambda text: text.replace("\n", "\r\n").encode("utf-8")),
        None,
    ),
    Case(
        "BOM, CRLF and departments.yaml with CRLF too",
        together(
            write_bytes("tasks.csv", lambda t: t.replace("\n", "\r\n").encode("utf-8-sig")),
            write_bytes("departments.yaml", lambda t: t.replace("\n", "\r\n").encode()),
        ),
        None,
    ),
    Case(
        "full-width comma between names",
        edit_csv(replace_once("市水利局、市行政审批局", "市水利局，市行政审批局")),
        ("data/tasks.csv", 3, "lead_zh separates names with a full-width comma ，; use 、"),
    ),
    Case(
        "space between names",
        edit_csv(replace_once("市水利局、市行政审批局", "市水利局 市行政审批局")),
        ("data/tasks.csv", 3, "lead_zh has a space in '市水利局 市行政审批局'"),
    ),
    Case(
        "trailing 、",
        edit_csv(
            replace_once("市市政园林局、市住房城乡建设局\n", "市市政园林局、市住房城乡建设局、\n")
        ),
        ("data/tasks.csv", 3, "participants_zh ends with 、; remove it"),
    ),
    Case(
        "misspelled department",
        edit_csv(replace_once("市水利局、市行政审批局", "市水力局、市行政审批局")),
        ("data/tasks.csv", 3, "unknown department '市水力局'; did you mean '市水利局'?"),
    ),
    Case(
        "duplicate id",
        edit_csv(replace_once("\n2,1,", "\n1,1,")),
        ("data/tasks.csv", 3, "id 1 is already used on line 2"),
    ),
    Case(
        "missing id",
        edit_csv(replace_once("\n2,1,", "\n,1,")),
        ("data/tasks.csv", 3, "empty 'id'"),
    ),
    Case(
        "missing column",
        edit_csv(remove_column("title_en")),
        ("data/tasks.csv", 1, "missing column 'title_en'"),
    ),
    Case(
        "renamed column",
        edit_csv(replace_once("title_en,", "title_english,")),
        ("data/tasks.csv", 1, "missing column 'title_en' (is 'title_english' a misspelling"),
    ),
    Case(
        "extra column",
        edit_csv(add_column("notes", "")),
        ("data/tasks.csv", 1, "unknown column 'notes'"),
    ),
    Case(
        "empty title",
        edit_csv(replace_once(",逐步建立节水评价机制,", ",,")),
        ("data/tasks.csv", 3, "empty 'title_zh'"),
    ),
    Case(
        "unbalanced quote",
        edit_csv(replace_once(",逐步建立节水评价机制,", ',"逐步建立节水评价机制,')),
        ("data/tasks.csv", 3, "unbalanced quote"),
    ),
    Case(
        "unbalanced quote in the last row",
        edit_csv(open_quote_in_last_field),
        ("data/tasks.csv", 36, "unbalanced quote"),
    ),
    Case(
        "row with too many fields (an unquoted comma)",
        edit_csv(replace_once(",逐步建立节水评价机制,", ",逐步建立节水评价机制,其他,")),
        ("data/tasks.csv", 3, "11 fields where the header has 10; quote any text"),
    ),
    Case(
        "one category_id with two names",
        edit_csv(replace_once("\n2,1,加强用水总量和强度双控,", "\n2,1,加强用水总量双控,")),
        ("data/tasks.csv", 3, "category 1 is named '加强用水总量双控'"),
    ),
    Case(
        "empty file",
        edit_csv(lambda text: ""),
        ("data/tasks.csv", 1, "the file is empty"),
    ),
    Case(
        "YAML syntax error in departments.yaml",
        edit("departments.yaml", replace_once("short_zh: [水利局]", "short_zh: [水利局")),
        ("data/departments.yaml", 12, "while parsing a flow sequence on line 11"),
    ),
]


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file's bytes but the sitemaps', whose dates follow the commit built."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith("sitemap.xml")
    }


@pytest.fixture
def project_with_site(tmp_path, site):
    """A copy of the project whose site/ holds the last good build."""
    import shutil

    project = copy_project(tmp_path / "project")
    shutil.copytree(site, project / "site")
    return project


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_data_stops_the_build_and_keeps_the_site(case, project_with_site, site):
    project = project_with_site
    before = tree_digest(project / "site")
    case.break_data(project)
    result = run_build(project)
    if case.error is None:  # accepted: the same site as from the clean data
        assert result.returncode == 0, result.stderr
        assert site_files(project / "site") == site_files(site)
        return
    file, line, fragment = case.error
    assert result.returncode != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert re.match(rf"^Error: {re.escape(file)}:{line}: ", message), message
    assert fragment in message, message
    assert tree_digest(project / "site") == before


def test_the_generator_alone_refuses_bad_data_and_keeps_its_last_output(tmp_path):
    project = copy_project(tmp_path / "project")
    generate = [sys.executable, "scripts/build_pages.py"]
    env = {**os.environ, "PLANSITE_PDF_CACHE": str(PDF_CACHE)}
    subprocess.run(generate, cwd=project, env=env, check=True, capture_output=True)
    before = tree_digest(project / "build" / "engine")
    edit_csv(replace_once("\n2,1,", "\n1,1,"))(project)
    result = subprocess.run(generate, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: data/tasks.csv:3: id 1 is already used on line 2; ids are unique"
    )
    assert tree_digest(project / "build" / "engine") == before
