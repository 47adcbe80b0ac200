"""Bad data stops the build with one line naming file:line and the fix; the last good
site stays byte-for-byte as it was."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from plansite.generate import generate, read_inputs
from plansite.load import DataError, load_plan
from plansite.model import LANGUAGES
from plansite.settings import Settings
from plansite.testing.text import normalise, pdf_page_lines
from support import PDF_CACHE, ROOT, language_root, other_language, random_edits


def edit(name: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    """Change the text of one file in data/, as a text editor would."""

    def apply(project: Path) -> None:
        path = project / "data" / name
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return apply


def edit_file(relative: str, change: Callable[[str], str]) -> Callable[[Path], None]:
    """Change the text of one file of the project, as a text editor would."""

    def apply(project: Path) -> None:
        path = project / relative
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return apply


def line_of(relative: str, fragment: str) -> int:
    """The line of a project file on which fragment starts, in the project as it is."""
    text = (ROOT / relative).read_text(encoding="utf-8")
    assert fragment in text, fragment
    return text[: text.index(fragment)].count("\n") + 1


LABELS = "templates/labels.yaml"


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


def set_cell(task_id: int, column: str, change: Callable[[str], str]) -> Callable[[str], str]:
    """One cell rewritten, as Excel saves it (quoted when it holds a line break)."""

    def apply(rows: list[list[str]]) -> None:
        index = rows[0].index(column)
        row = next(r for r in rows[1:] if r[0] == str(task_id))
        row[index] = change(row[index])

    return _rewrite_rows(apply)


def swallow_next_row(text: str) -> str:
    """A quote opened in task 2's content_zh and closed only at the end of task 3's: the
    cell runs on into the next row (both rows' English made quote-free, or the reader
    would stop at the first quote)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for row in rows[2:4]:
        row[7] = "Text without commas"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    lines = out.getvalue().split("\n")
    lines[2] = lines[2].replace(",建立节水评价机制", ',"建立节水评价机制', 1)
    lines[3] = lines[3].replace("。,Text without commas", '。",Text without commas', 1)
    return "\n".join(lines)


def append(text: str) -> Callable[[str], str]:
    return lambda original: original + text


def line_in(name: str, fragment: str) -> int:
    """The line of data/<name> on which fragment starts, in the project as it is."""
    text = (ROOT / "data" / name).read_text(encoding="utf-8")
    assert fragment in text, fragment
    return text[: text.index(fragment)].count("\n") + 1


def after_last_line(name: str) -> int:
    """The line an entry appended to data/<name> starts on."""
    return len((ROOT / "data" / name).read_text(encoding="utf-8").splitlines()) + 1


def glossary_entry(zh: str) -> str:
    """The text of a glossary entry, from its '  - zh:' line to the next."""
    text = (ROOT / "data" / "glossary.yaml").read_text(encoding="utf-8")
    start = text.index(f"  - zh: {zh}\n")
    end = text.find("\n  - zh: ", start)
    return text[start : end + 1] if end >= 0 else text[start:]


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
    # -- characters nobody sees, line breaks in cells, control characters (issue 11) --
    Case(
        "invisible characters and odd spaces around names, separators and cells",
        together(
            edit_csv(
                replace_once("市水利局、市行政审批局", "市水利局\u200b、\u00a0市行政审批局\u3000")
            ),
            edit_csv(replace_once(",逐步建立节水评价机制,", ",\ufeff逐步建立节水评价机制 ,")),
            edit_csv(
                replace_once("\n2,1,加强用水总量和强度双控,", "\n2,1,加强用水总量和强度双控\u3000,")
            ),
        ),
        None,
    ),
    Case(
        "zero-width space inside a department name",
        edit_csv(replace_once("市水利局、市行政审批局", "市水\u200b利局、市行政审批局")),
        ("data/tasks.csv", 3, "lead_zh: invisible character U+200B ZERO WIDTH SPACE after '市水'"),
    ),
    Case(
        "stray BOM inside a title",
        edit_csv(replace_once(",逐步建立节水评价机制,", ",逐步建立\ufeff节水评价机制,")),
        ("data/tasks.csv", 3, "title_zh: invisible character U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ),
    Case(
        "no-break space inside an English title",
        edit_csv(replace_once("Progressively establish a", "Progressively establish\u00a0a")),
        (
            "data/tasks.csv",
            3,
            "title_en: special space U+00A0 NO-BREAK SPACE after '…ly establish'",
        ),
    ),
    Case(
        "full-width space inside a Chinese title",
        edit_csv(replace_once(",逐步建立节水评价机制,", ",逐步建立\u3000节水评价机制,")),
        ("data/tasks.csv", 3, "title_zh: special space U+3000 IDEOGRAPHIC SPACE after '逐步建立'"),
    ),
    Case(
        "line break in a title (Alt+Enter)",
        edit_csv(set_cell(2, "title_zh", lambda cell: cell.replace("建立", "建立\n", 1))),
        ("data/tasks.csv", 3, "title_zh: a line break after '逐步建立'; title_zh is one line"),
    ),
    Case(
        "line break between department names",
        edit_csv(set_cell(2, "lead_zh", lambda cell: cell.replace("、", "\n"))),
        ("data/tasks.csv", 3, "lead_zh: a line break after '市水利局'"),
    ),
    Case(
        "NUL in a content cell",
        edit_csv(replace_once("Establish a water-saving", "Establish a\x00 water-saving")),
        ("data/tasks.csv", 3, "content_en: control character U+0000 NULL after 'Establish a'"),
    ),
    Case(
        "tab in a title",
        edit_csv(replace_once(",逐步建立节水评价机制,", ",逐步建立节水\t评价机制,")),
        ("data/tasks.csv", 3, "title_zh: control character U+0009 CHARACTER TABULATION"),
    ),
    Case(
        "control character in the second paragraph of a content cell",
        edit_csv(
            set_cell(2, "content_zh", lambda cell: cell.replace("。", "。\n\x1b", 1)),
        ),
        (
            "data/tasks.csv",
            4,
            "content_zh: control character U+001B ESCAPE before '合理确定城乡发展布局",
        ),
    ),
    Case(
        "unbalanced quote whose cell swallows the next row",
        edit_csv(swallow_next_row),
        ("data/tasks.csv", 3, 'unbalanced quote " in content_zh: the cell runs on into line 4'),
    ),
    # -- YAML: the line of the entry at fault, from the parser's own nodes --
    Case(
        "glossary: one term twice with two renderings",
        edit(
            "glossary.yaml",
            append("  - zh: 用水定额\n    en: water quota\n    slug: water-quota\n"),
        ),
        (
            "data/glossary.yaml",
            after_last_line("glossary.yaml"),
            f"term '用水定额' is rendered 'water quota' here but 'water-use quota' on line "
            f"{line_in('glossary.yaml', '  - zh: 用水定额')}; a term has one rendering",
        ),
    ),
    Case(
        "glossary: an exact copy of an entry",
        edit("glossary.yaml", append(glossary_entry("用水定额"))),
        (
            "data/glossary.yaml",
            after_last_line("glossary.yaml"),
            f"term '用水定额' is an exact copy of the entry on line "
            f"{line_in('glossary.yaml', '  - zh: 用水定额')}; remove one",
        ),
    ),
    Case(
        "glossary: a misspelled key",
        edit("glossary.yaml", replace_once("    note_en: The system", "    notes_en: The system")),
        (
            "data/glossary.yaml",
            line_in("glossary.yaml", "    note_en: The system"),
            "unknown key 'notes_en' (a misspelling of 'note_en'?)",
        ),
    ),
    Case(
        "glossary: one key twice in an entry",
        edit(
            "glossary.yaml",
            replace_once("    slug: dual-control\n", "    slug: dual-control\n" * 2),
        ),
        (
            "data/glossary.yaml",
            line_in("glossary.yaml", "    slug: dual-control\n") + 1,
            "'slug' appears twice in one entry (also on line "
            f"{line_in('glossary.yaml', '    slug: dual-control')}); keep one",
        ),
    ),
    Case(
        "plan.yaml: a title without its English",
        edit("plan.yaml", lambda text: re.sub(r"\n  en: Division of Labour.*", "", text, count=1)),
        (
            "data/plan.yaml",
            line_in("plan.yaml", "  zh: 《"),
            "'title' needs both 'zh' and 'en'; 'en' is missing",
        ),
    ),
    Case(
        "plan.yaml: a control character",
        edit("plan.yaml", replace_once("参照落实。", "参照落实\x07。")),
        (
            "data/plan.yaml",
            line_in("plan.yaml", "  zh: 注："),
            "control character U+0007 after '…（县）区人民政府参照落实'",
        ),
    ),
    Case(
        "search.yaml: a word that is not Chinese",
        edit("search.yaml", append("  - pipe\n")),
        (
            "data/search.yaml",
            after_last_line("search.yaml"),
            "'pipe' is not a word of Chinese characters only",
        ),
    ),
    Case(
        "synonyms.yaml: a term that no task writes",
        edit("synonyms.yaml", replace_once("en: reclaimed water}", "en: recycled waters}")),
        (
            "data/synonyms.yaml",
            line_in("synonyms.yaml", "  - term: {zh: 再生水"),
            "term 'recycled waters' occurs in no task's en title or content",
        ),
    ),
    Case(
        "departments.yaml: zero-width space inside a name",
        edit("departments.yaml", replace_once("name_zh: 市水利局", "name_zh: 市水\u200b利局")),
        (
            "data/departments.yaml",
            line_in("departments.yaml", "  - name_zh: 市水利局"),
            "name_zh: invisible character U+200B ZERO WIDTH SPACE after '市水'",
        ),
    ),
    Case(
        "targets.yaml: a quote not in its task",
        edit("targets.yaml", replace_once("全部实行计划用水管理制度", "全部实行计划用水制度")),
        (
            "data/targets.yaml",
            line_in("targets.yaml", "    zh: 到2020年，工业和城镇生活用水全部实行"),
            "'zh' does not occur in task 6's content_zh",
        ),
    ),
    # -- the labels and the templates: inputs a person edits too ------------------------
    Case(
        "labels.yaml: a label without its English",
        edit_file(LABELS, replace_once("\n  home: Home\n", "\n")),
        (
            LABELS,
            line_of(LABELS, "  home: 首页"),
            "label 'home' has no 'en' text; add it under 'en:'",
        ),
    ),
    Case(
        "labels.yaml: a label only in English",
        edit_file(LABELS, replace_once("\n  home: Home\n", "\n  home: Home\n  homepage: Home\n")),
        (LABELS, line_of(LABELS, "  home: Home") + 1, "unknown label 'homepage'"),
    ),
    Case(
        "labels.yaml: a number where text belongs",
        edit_file(LABELS, replace_once("\n  home: Home\n", "\n  home: 1\n")),
        (LABELS, line_of(LABELS, "  home: Home"), "label 'home' must be text"),
    ),
    Case(
        "labels.yaml: damaged (a bracket never closed)",
        edit_file(LABELS, replace_once("\n  home: Home\n", "\n  home: [Home\n")),
        (LABELS, line_of(LABELS, "  home: Home") + 1, "while parsing a flow sequence on line"),
    ),
    Case(
        "task.md.j2: a label no language has",
        edit_file("templates/task.md.j2", replace_once("{{ t.category }}", "{{ t.kategory }}")),
        ("templates/task.md.j2", line_of("templates/task.md.j2", "{{ t.category }}"), "kategory"),
    ),
    Case(
        "task.md.j2: a filter that does not exist",
        edit_file(
            "templates/task.md.j2",
            replace_once("{{ m.task_name(task) }}", "{{ m.task_name(task) | bold }}"),
        ),
        (
            "templates/task.md.j2",
            line_of("templates/task.md.j2", "{{ m.task_name(task) }}"),
            "template error: No filter named 'bold'",
        ),
    ),
    Case(
        "mkdocs.yml: damaged (a tab for indentation)",
        edit_file("mkdocs.yml", replace_once("  features:\n", "\tfeatures:\n")),
        ("mkdocs.yml", line_of("mkdocs.yml", "  features:"), "YAML syntax error"),
    ),
    Case(
        "datapackage.yaml: a published field without its words",
        edit("datapackage.yaml", lambda text: re.sub(r"\n      note_en: .*", "", text)),
        (
            "data/datapackage.yaml",
            line_in("datapackage.yaml", "  glossary:\n"),
            "field 'glossary.note_en' needs 'zh', 'en', 'description'",
        ),
    ),
]


HANDBOOK = ROOT / "handbook" / "data.md"
TABLE_START = "<!-- refusals: written by `make handbook` from tests/test_bad_input.py -->"
TABLE_END = "<!-- end of refusals -->"


def cases_table() -> str:
    """CASES as the handbook's table: the mistake, the file, what the refusal says."""
    rows = ["| the mistake | file | refused with |", "| --- | --- | --- |"]
    for case in CASES:
        file, said = (case.error[0], f"… {case.error[2]} …") if case.error else ("", "accepted")
        rows.append(f"| {case.name} | {file and f'`{file}`'} | {said.replace('|', '&#124;')} |")
    return "\n".join(rows)


def test_the_handbook_lists_every_case():
    text = HANDBOOK.read_text(encoding="utf-8")
    start, end = text.index(TABLE_START) + len(TABLE_START), text.index(TABLE_END)
    if os.environ.get("PLANSITE_WRITE_HANDBOOK"):  # make handbook
        HANDBOOK.write_text(f"{text[:start]}\n{cases_table()}\n{text[end:]}", encoding="utf-8")
    listed = HANDBOOK.read_text(encoding="utf-8")[start:].split(TABLE_END)[0].strip()
    assert listed == cases_table(), "handbook/data.md lists other cases: run `make handbook`"


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


def refusal_of(case: Case, project: Path) -> DataError | None:
    """What the broken project's inputs are refused with, in this process: reading
    them, or for a template, rendering it."""
    case.break_data(project)
    settings = Settings(root=project, pdf_cache=PDF_CACHE)
    try:
        if case.error and case.error[0].endswith(".j2"):
            generate(settings)
        else:
            read_inputs(settings)
    except DataError as error:
        return error
    return None


@pytest.fixture(scope="module")
def clean_plan(tmp_path_factory):
    project = tmp_path_factory.mktemp("clean") / "project"
    shutil.copytree(ROOT / "data", project / "data")
    return load_plan(project / "data")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_data_is_refused_in_one_line(case, tmp_path, clean_plan):
    project = tmp_path / "project"
    for part in ("data", "templates", "docs"):
        shutil.copytree(ROOT / part, project / part)
    for options in ROOT.glob("mkdocs*.yml"):
        shutil.copy2(options, project / options.name)
    refusal = refusal_of(case, project)
    if case.error is None:  # accepted: the same plan as from the clean data
        assert refusal is None, str(refusal)
        assert load_plan(project / "data") == clean_plan
        return
    file, line, fragment = case.error
    assert refusal is not None, "accepted"
    assert (refusal.path.resolve(), refusal.line) == ((project / file).resolve(), line), refusal
    assert fragment in str(refusal) and "\n" not in str(refusal), refusal


def first_case_of_each_file() -> list[Case]:
    """One refusal per file a person edits, and one accepted change."""
    first: dict[str | None, Case] = {}
    for case in CASES:
        first.setdefault(case.error and case.error[0], case)
    return list(first.values())


@pytest.fixture
def project_with_site(project_copy, site):
    """A copy of the project whose site/ holds the last good build."""
    project = project_copy()
    shutil.copytree(site, project / "site")
    return project


@pytest.mark.parametrize("case", first_case_of_each_file(), ids=lambda c: c.name)
def test_bad_data_stops_the_build_and_keeps_the_site(case, project_with_site, site, build_project):
    """The whole build, as `make site` runs it: one line on stderr, the last site kept."""
    project = project_with_site
    before = tree_digest(project / "site")
    case.break_data(project)
    result = build_project(project)
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


def test_the_generator_alone_refuses_bad_data_and_keeps_its_last_output(project_copy):
    project = project_copy()
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


# -- a line break in a content cell (Alt+Enter in Excel) is a paragraph break --------

BREAKS = {  # where task 2's text gets a line break, in each language
    "zh": "从源头上把好节水关。",
    "en": "so as to hold the line on water saving at the source.",
}


@pytest.fixture(scope="module")
def paragraph_project(project_copy, build_project) -> Path:
    """A copy of the project whose task 2 has two paragraphs in each language, built."""
    project = project_copy()
    for lang, end in BREAKS.items():
        # The space after the English sentence goes with the break (blanks at a line's
        # edges are removed), so the published file is the edited one byte for byte.
        def split(cell: str, end: str = end) -> str:
            return re.sub(rf"({re.escape(end)}) ?", r"\1\n", cell, count=1)

        edit_csv(set_cell(2, f"content_{lang}", split))(project)
    result = build_project(project)
    assert result.returncode == 0, result.stderr
    return project


def expected_paragraphs(project: Path, lang: str) -> list[str]:
    with open(project / "data" / "tasks.csv", encoding="utf-8", newline="") as f:
        row = next(r for r in csv.DictReader(f) if r["id"] == "2")
    first, second = row[f"content_{lang}"].split("\n")
    assert first.endswith(BREAKS[lang]) and second, row
    return [first, second]


def html_paragraphs(html_text: str, container: str) -> list[str]:
    """The text of each <p> in the first element whose start tag is `container`."""
    block = html_text[html_text.index(container) :]
    block = block[: block.index("</div>")] if container.startswith("<div") else block
    block = block[: block.index("</details>")] if container.startswith("<details") else block
    return [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in re.findall(r"<p>(.*?)</p>", block)]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_line_break_in_content_is_two_paragraphs_on_the_task_page(paragraph_project, lang):
    site = paragraph_project / "site"
    page = (language_root(site, lang) / "tasks" / "2" / "index.html").read_text(encoding="utf-8")
    content = html_paragraphs(page, f'<div class="plan-text" lang="{lang}">')
    assert content == expected_paragraphs(paragraph_project, lang)
    other = other_language(lang)  # the other language, collapsed below
    original = html_paragraphs(page, f'<details class="quote plan-original" lang="{other}"')
    assert original[1:] == expected_paragraphs(paragraph_project, other)  # after the title


def pdf_lines(pdf: Path) -> list[tuple[float, float, str]]:
    """(top, bottom, text) of each line of the PDF, page after page."""
    return [(ln.top, ln.bottom, ln.text) for page in pdf_page_lines(pdf) for ln in page]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_line_break_in_content_is_two_paragraphs_in_the_pdf(paragraph_project, lang):
    """Paragraph 1's last line ends at the break and paragraph 2 starts the next line,
    further below than the lines of one paragraph are from each other (handout.css
    puts 0.4em after a paragraph)."""
    root = language_root(paragraph_project / "site", lang)
    lines = pdf_lines(root / "pdf" / f"wuxi-water-saving-shuiliju.{lang}.pdf")
    # as extracted text is: NFKC (a full-width comma reads as a comma)
    first, second = map(normalise, expected_paragraphs(paragraph_project, lang))
    end = next(i for i, (_, _, text) in enumerate(lines) if text.endswith(normalise(BREAKS[lang])))
    assert first.endswith(lines[end][2]) and second.startswith(lines[end + 1][2])
    pitch_inside = lines[end + 2][0] - lines[end + 1][0]  # paragraph 2 runs over lines
    pitch_between = lines[end + 1][0] - lines[end][0]
    assert pitch_between > pitch_inside + 2, (pitch_between, pitch_inside)


def test_a_line_break_in_content_is_a_newline_in_the_published_data(paragraph_project):
    site, data = paragraph_project / "site" / "data", paragraph_project / "data"
    with open(site / "tasks.csv", encoding="utf-8-sig", newline="") as f:
        published = list(csv.DictReader(f))
    with open(data / "tasks.csv", encoding="utf-8", newline="") as f:
        edited = list(csv.DictReader(f))
    assert [{k: row[k] for k in edited[0]} for row in published] == edited
    task = json.loads((site / "tasks" / "2.json").read_text(encoding="utf-8"))
    listed = json.loads((site / "tasks.json").read_text(encoding="utf-8"))[1]
    for lang in LANGUAGES:
        text = "\n".join(expected_paragraphs(paragraph_project, lang))
        assert task[f"content_{lang}"] == listed[f"content_{lang}"] == text


# -- no input ends in a traceback ----------------------------------------------------

NOISE = ['"', ",", "\n", "\r", "\x00", "\t", "\x85", "\u2028", "\u200b", "\ufeff", "\u00a0"]
NOISE += ["\u3000", "、", "，", ": ", "- ", "[", "]", "{", "}", "#", "'", "&a ", "*a", "!!", "|"]


@pytest.mark.slow  # sixty loads of the data for each file: run by `make test`
@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "data").iterdir() if p.is_file()))
def test_no_edit_ends_in_a_traceback(name, tmp_path):
    """Random edits of each file (seeded, so repeatable): every one loads, or is refused
    with a DataError of one line."""
    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    clean = (data / name).read_text(encoding="utf-8")
    refused = 0
    for text in random_edits(clean, name, 60, NOISE):
        (data / name).write_text(text, encoding="utf-8")
        try:
            load_plan(data)
        except DataError as error:
            assert "\n" not in str(error), str(error)
            refused += 1
    assert refused > 20  # the edits did break the file
