"""The PDF handouts, read back with poppler's pdftotext and pypdf: each department's
tasks and no other, the whole plan, page numbers and running headers, embedded
Simplified Chinese fonts, text that extracts as the data, reproducible bytes, a cache
that renders nothing twice, and a clear refusal when the Chinese font is missing."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from plansite.model import LANGUAGES
from plansite.pdf import SHORT_TASK_CHARS
from plansite.testing.text import pdf_page_lines, squeeze
from plansite.testing.text import pdf_pages_text as pages_text
from plansite.urls import LANGUAGE_ROOTS as LANG_ROOT
from support import PUBLIC_URL, ROOT
from support.html_pages import read_page, resolve
from support.source_table import CHINESE_NUMERALS, SHARED_BY_ALL

# Reading every handout back takes seconds: kept out of `make check`, run by `make test`.
READS_EVERY_HANDOUT = pytest.mark.slow

CLOSING_NOTE = {  # data/plan.yaml: the source's own note, and its translation
    "zh": "注：以上各项重点任务均需各市（县）区人民政府参照落实。",
    "en": "Note: the people's governments of all county-level cities and districts are required",
}
# What each handout says it is (templates/labels.yaml) and what the source does not say.
PROVENANCE = {
    "zh": "《无锡市节水行动实施方案》所附分工方案",
    "en": "the division of labour attached to the Implementation Plan for Wuxi's",
}
NO_DATE = {  # of the text the handout is built from, not of the plan
    "zh": "所依据的附件文本未载明印发机关、文号和印发日期",
    "en": "built from does not state the issuing body, the document number or the date",
}
LABELS = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8"))
PLAN_TITLE = {  # data/plan.yaml, as the source names the plan
    "zh": "《无锡市节水行动实施方案》分工方案",
    "en": "Division of Labour for the Implementation Plan for Wuxi's Water-Saving Action",
}
ROLES = ("lead", "joined", "shared")
SECTIONS = {  # the department page's three headings (templates/labels.yaml)
    "zh": ("牵头任务", "参与任务", "各部门共同推进任务"),
    "en": ("Tasks it leads", "Tasks it takes part in", "Tasks shared by all departments"),
}


def plan_pdf(site: Path, lang: str) -> Path:
    return site / LANG_ROOT[lang] / "pdf" / f"wuxi-water-saving-plan.{lang}.pdf"


def department_pdf(site: Path, slug: str, lang: str) -> Path:
    return site / LANG_ROOT[lang] / "pdf" / f"wuxi-water-saving-{slug}.{lang}.pdf"


def task_heading(row: dict[str, str], lang: str) -> str:
    return squeeze(f"{row['id']}. {row[f'title_{lang}']}", lang)


def departments(departments_yaml) -> list[dict]:
    return departments_yaml["departments"]


def roles(row: dict[str, str], name_zh: str) -> str | None:
    """The section of a department's handout that lists this task, read from the CSV."""
    if name_zh in row["lead_zh"].split("、"):
        return "lead"
    if row["participants_zh"] == SHARED_BY_ALL:
        return "shared"
    if name_zh in row["participants_zh"].split("、"):
        return "joined"
    return None


# -- built and linked ---------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_handout_is_built_and_linked_from_its_page(site, departments_yaml, lang):
    root = site / LANG_ROOT[lang]
    home = root / "index.html"
    linked = {resolve(home, href, site) for href in read_page(home).all_links}
    assert plan_pdf(site, lang) in linked
    for d in departments(departments_yaml):
        page = root / "departments" / d["slug"] / "index.html"
        linked = {resolve(page, href, site) for href in read_page(page).all_links}
        pdf = department_pdf(site, d["slug"], lang)
        assert pdf in linked, page
        assert pdf.read_bytes().startswith(b"%PDF-")
    assert len(list((root / "pdf").glob("*.pdf"))) == len(departments(departments_yaml)) + 1


# -- contents -----------------------------------------------------------------------


@READS_EVERY_HANDOUT
@pytest.mark.parametrize("lang", LANGUAGES)
def test_department_handout_holds_its_tasks_in_their_sections_and_no_other(
    site, departments_yaml, csv_rows, lang
):
    for d in departments(departments_yaml):
        text = squeeze("".join(pages_text(department_pdf(site, d["slug"], lang))), lang)
        assert squeeze(d[f"name_{lang}"], lang) in text
        if lang == "en":  # the Chinese name, shown as the original
            assert d["name_zh"] in text
        bounds = [text.index(squeeze(h, lang)) for h in SECTIONS[lang]] + [len(text)]
        span = {role: (bounds[i], bounds[i + 1]) for i, role in enumerate(ROLES)}
        for row in csv_rows:
            heading = task_heading(row, lang)
            role = roles(row, d["name_zh"])
            if role is None:
                assert heading not in text, (d["slug"], row["id"])
            else:
                start, end = span[role]
                assert start < text.find(heading) < end, (d["slug"], row["id"], role)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_whole_plan_holds_every_task_in_order_under_its_category(site, csv_rows, lang):
    text = squeeze("".join(pages_text(plan_pdf(site, lang))), lang)
    position, category = 0, None
    for row in csv_rows:
        if row["category_id"] != category:
            category = row["category_id"]
            number = CHINESE_NUMERALS[int(category) - 1] + "、" if lang == "zh" else category + "."
            position = text.find(number + squeeze(row[f"category_{lang}"], lang), position)
            assert position >= 0, ("category", category)
        position = text.find(task_heading(row, lang), position)
        assert position >= 0, ("task", row["id"])
    assert len(csv_rows) == 35


def handouts(site: Path, departments_yaml, lang: str) -> list[Path]:
    return [plan_pdf(site, lang)] + [
        department_pdf(site, d["slug"], lang) for d in departments(departments_yaml)
    ]


# The text area of handout.css's A4 page (595 × 842 pt): margins 24 mm above, 20 mm below.
BODY_TOP, BODY_BOTTOM = 24 / 25.4 * 72, 842 - 20 / 25.4 * 72


def body_text(pdf: Path) -> tuple[str, ...]:
    """Each page's text inside the text area: no running header, no page number."""
    return pages_text(pdf, (0, BODY_TOP, 595, BODY_BOTTOM - BODY_TOP))


@READS_EVERY_HANDOUT
@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_task_extracts_as_the_data_and_only_a_long_one_is_split(
    site, departments_yaml, csv_rows, lang
):
    """pdftotext gives back the same characters as tasks.csv. A short task is on one page;
    a long one may continue on the next, its heading kept with its first lines and its
    units with its last."""
    for pdf in handouts(site, departments_yaml, lang):
        pages = [squeeze(page, lang) for page in body_text(pdf)]
        for row in csv_rows:
            heading = task_heading(row, lang)
            holding = [i for i, page in enumerate(pages) if heading in page]
            if not holding:
                continue  # a department's handout leaves out other departments' tasks
            assert len(holding) == 1, (pdf.name, row["id"])
            first = holding[0]
            content = squeeze(row[f"content_{lang}"], lang)
            units = squeeze(row["lead_zh"]) + "参与单位" + squeeze(row["participants_zh"])
            if content in pages[first]:
                if lang == "zh":
                    assert units in pages[first], (pdf.name, row["id"])
                continue
            assert len(row[f"content_{lang}"]) > SHORT_TASK_CHARS[lang], (pdf.name, row["id"])
            assert pages[first].index(heading) < pages[first].index(content[:20]), row["id"]
            both = pages[first] + pages[first + 1]
            assert content in both and content[-20:] in pages[first + 1], (pdf.name, row["id"])
            if lang == "zh":
                assert units in pages[first + 1], (pdf.name, row["id"])


def page_fill(pdf: Path) -> list[float]:
    """How far down its text area each page is filled: the lowest line's foot, read back
    from the PDF's word boxes (0 empty, 1 full)."""
    fills = []
    for lines in pdf_page_lines(pdf):
        feet = [
            line.bottom
            for line in lines
            if line.top > BODY_TOP - 1 and line.bottom < BODY_BOTTOM + 1
        ]
        fills.append((max(feet, default=BODY_TOP) - BODY_TOP) / (BODY_BOTTOM - BODY_TOP))
    return fills


@READS_EVERY_HANDOUT
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_but_the_last_is_less_than_half_full(site, departments_yaml, lang):
    """A short task pushed to the next page leaves at most some 40% blank; a long one
    continues. The closing note keeps the last task company, so no page holds it alone."""
    measured = 0
    for pdf in handouts(site, departments_yaml, lang):
        fills = page_fill(pdf)
        assert len(fills) == len(PdfReader(pdf).pages)
        assert all(fill >= 0.5 for fill in fills[:-1]), (pdf.name, [round(f, 2) for f in fills])
        last = squeeze(body_text(pdf)[-1], lang)
        assert last != squeeze(CLOSING_NOTE[lang], lang), pdf.name
        measured += len(fills)
    assert measured > 44


def test_the_issues_example_handouts_fill_their_pages(site):
    """市水利局: the English handout's first page was half empty (one task, then a
    break); the Chinese one ended with a page holding only the closing note."""
    assert page_fill(department_pdf(site, "shuiliju", "en"))[0] > 0.75
    last = squeeze(body_text(department_pdf(site, "shuiliju", "zh"))[-1])
    assert squeeze(CLOSING_NOTE["zh"]) in last and last != squeeze(CLOSING_NOTE["zh"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_with_a_public_address_every_handout_prints_it(published_site, departments_yaml, lang):
    address = PUBLIC_URL + LANG_ROOT[lang]
    for pdf in handouts(published_site, departments_yaml, lang):
        first_page = squeeze(body_text(pdf)[0], lang)
        printed = squeeze(LABELS[lang]["pdf_address"].format(url=address), lang)
        assert printed in first_page, pdf.name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_page_starts_with_an_empty_section(site, departments_yaml, lang):
    """A section without tasks (its heading, "none") stays with what comes before it: a
    page never holds only an empty section and the closing note."""
    empty = [
        squeeze(heading + LABELS[lang]["parens"].format(0), lang) for heading in SECTIONS[lang]
    ]
    seen = 0
    for d in departments(departments_yaml):
        pages = [squeeze(page, lang) for page in body_text(department_pdf(site, d["slug"], lang))]
        for number, page in enumerate(pages):
            assert not page.startswith(tuple(empty)), (d["slug"], number + 1)
        seen += sum(heading in "".join(pages) for heading in empty)
    assert seen >= 2  # 市水利局 shares no task it does not lead; others take part in none


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_handout_says_what_it_is_and_carries_the_closing_note(site, departments_yaml, lang):
    for pdf in handouts(site, departments_yaml, lang):
        text = squeeze("".join(body_text(pdf)), lang)
        first_page = squeeze(body_text(pdf)[0], lang)
        assert squeeze(PROVENANCE[lang], lang) in first_page, pdf.name
        assert squeeze(NO_DATE[lang], lang) in first_page, pdf.name
        # the one wording of what is authoritative, and no other
        assert squeeze(LABELS[lang]["authoritative"], lang) in first_page, pdf.name
        assert "以中文原文为准" not in text and "Chinese text is authoritative" not in text
        # no address when the build has none (no SITE_URL), and no pointer without one
        assert squeeze(LABELS[lang]["pdf_address"].split("{")[0], lang) not in text, pdf.name
        assert squeeze(CLOSING_NOTE[lang], lang) in text, pdf.name
        if lang == "en":  # the translation is unofficial; the Chinese handout is named
            notice = squeeze("unofficial translation", lang)
            original = squeeze(pdf.name.replace(".en.", ".zh."), lang)
            assert notice in first_page and original in first_page, pdf.name


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_has_its_number_and_a_header_naming_plan_and_department(
    site, departments_yaml, lang
):
    shuiliju = next(d for d in departments(departments_yaml) if d["slug"] == "shuiliju")
    pdf = department_pdf(site, "shuiliju", lang)
    pages = pages_text(pdf)
    total = len(PdfReader(pdf).pages)
    assert total >= 3 and len(pages) == total  # a long handout: headers repeat
    for number, page in enumerate(pages, start=1):
        label = f"第{number}页，共{total}页" if lang == "zh" else f"Page {number} of {total}"
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        assert squeeze(label, lang) in [squeeze(line, lang) for line in lines], lines[-3:]
        header = " ".join(lines[:2])  # the top-left and top-right boxes
        assert PLAN_TITLE[lang] in header, (number, header)
        assert shuiliju[f"name_{lang}"] in header, (number, header)


# -- fonts, metadata, bytes -----------------------------------------------------------


def fonts(pdf: Path) -> dict[str, dict]:
    """Every font the pages use, by name, with its descriptor."""
    found = {}
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            found[str(font["/BaseFont"])] = descendant["/FontDescriptor"].get_object()
    return found


@READS_EVERY_HANDOUT
def test_fonts_are_embedded_and_simplified_chinese(site, departments_yaml):
    handouts = [plan_pdf(site, lang) for lang in LANG_ROOT] + [
        department_pdf(site, d["slug"], lang)
        for d in departments(departments_yaml)
        for lang in LANG_ROOT
    ]
    for pdf in handouts:
        used = fonts(pdf)
        assert used, pdf.name
        for name, descriptor in used.items():
            # Subset-tagged ("ABCDEF+"), from the SC face, not the JP one fontconfig
            # picks for lang="zh" alone.
            assert re.fullmatch(r"/[A-Z]{6}\+Noto-Sans-CJK-SC(-Bold)?", name), (pdf.name, name)
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


@READS_EVERY_HANDOUT
def test_no_build_time_or_random_identifier_is_stamped(site):
    pdfs = sorted((site / "pdf").glob("*.pdf"))
    assert len(pdfs) > 20  # the plan's and every department's handout
    for pdf in pdfs:
        reader = PdfReader(pdf)
        info = reader.metadata or {}
        assert "/CreationDate" not in info and "/ModDate" not in info, pdf.name
        assert "/ID" not in reader.trailer, pdf.name
        assert b"CreateDate" not in pdf.read_bytes(), pdf.name  # nor in XMP metadata


def test_a_fresh_build_gives_identical_bytes_and_an_unchanged_rebuild_renders_none(
    build_project, site, tmp_path, monkeypatch
):
    """Rendered again from nothing (an empty cache), every PDF has the bytes of the
    session's build; built once more, the cache files are the very same files (a render
    replaces a file, giving it a new inode)."""
    monkeypatch.setenv("PLANSITE_PDF_CACHE", str(tmp_path / "cache"))
    first = build_project(ROOT, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    pdfs = sorted(site.rglob("*.pdf"))
    assert len(pdfs) > 40  # both languages' handouts
    for pdf in pdfs:
        assert (tmp_path / "first" / pdf.relative_to(site)).read_bytes() == pdf.read_bytes()

    def cache_files():
        return {f.name: f.stat().st_ino for f in (tmp_path / "cache").iterdir()}

    before = cache_files()
    assert len(before) == 2 * len(list((site / "pdf").glob("*.pdf")))
    second = build_project(ROOT, tmp_path / "second")
    assert second.returncode == 0, second.stderr
    assert cache_files() == before


def test_without_the_chinese_font_the_build_refuses_and_says_what_to_install(
    tmp_path, monkeypatch, build_project
):
    """fontconfig is given only the Latin fonts: no PDF and no site is written."""
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">'
        f"<fontconfig><dir>/usr/share/fonts/truetype</dir><cachedir>{tmp_path}/fc</cachedir>"
        "</fontconfig>",
        encoding="utf-8",
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    monkeypatch.setenv("PLANSITE_PDF_CACHE", str(tmp_path / "cache"))
    result = build_project(ROOT, tmp_path / "site")
    assert result.returncode == 1
    message = result.stderr.strip().splitlines()[-1]
    assert message.startswith("Error: ") and "Noto Sans CJK SC" in message, message
    assert "apt-get install fonts-noto-cjk" in message, message
    assert not (tmp_path / "site").exists()
    assert not list(tmp_path.rglob("*.pdf"))


def test_task_text_stays_text_in_the_handouts(tmp_path):
    """Markup typed into the data is escaped in the handouts' HTML, never interpreted."""
    import shutil

    from plansite.load import load_plan
    from plansite.pdf import handout_html, handouts
    from plansite.templating import Templates

    data = shutil.copytree(ROOT / "data", tmp_path / "data")
    tasks = data / "tasks.csv"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(
        text.replace(",强化用水指标刚性约束,", ",强化用水指标刚性约束<b>x</b>,", 1),
        encoding="utf-8",
    )
    templates = Templates(ROOT / "templates")
    html = "".join(handout_html(h, templates) for h in handouts(load_plan(data), "zh", templates))
    assert "强化用水指标刚性约束&lt;b&gt;x&lt;/b&gt;" in html
    assert "<b>" not in html


# -- the cache's keys ---------------------------------------------------------------------


def handout_keys(data: Path, templates_dir: Path, lang: str) -> dict[str, str]:
    from plansite.load import load_plan
    from plansite.pdf import cache_keys
    from plansite.templating import Templates

    templates = Templates(templates_dir)
    return {h.path: key for h, key in cache_keys(load_plan(data), lang, templates)}


def expected_handouts(row: dict[str, str], departments_yaml, lang: str) -> set[str]:
    """The handouts that print this task: the whole plan's, and those of the departments
    it names (every department's when all share it), read from the CSV."""
    slugs = [d["slug"] for d in departments(departments_yaml) if roles(row, d["name_zh"])]
    return {f"pdf/wuxi-water-saving-plan.{lang}.pdf"} | {
        f"pdf/wuxi-water-saving-{slug}.{lang}.pdf" for slug in slugs
    }


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("task_id", ["1", "6", "35"])
def test_a_changed_task_changes_the_keys_of_the_handouts_that_print_it_and_no_other(
    tmp_path, csv_rows, departments_yaml, lang, task_id
):
    """The cache keys each handout on its template's input, without rendering it: a new
    title for one task renders again exactly the handouts that print that task."""
    before = handout_keys(ROOT / "data", ROOT / "templates", lang)
    assert before == handout_keys(ROOT / "data", ROOT / "templates", lang)  # stable
    data = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    tasks = data / "tasks.csv"
    row = next(r for r in csv_rows if r["id"] == task_id)
    text = tasks.read_text(encoding="utf-8")
    assert text.count(row[f"title_{lang}"]) == 1
    tasks.write_text(text.replace(row[f"title_{lang}"], row[f"title_{lang}"] + "X"), "utf-8")
    after = handout_keys(data, ROOT / "templates", lang)
    changed = {path for path in before if before[path] != after[path]}
    assert changed == expected_handouts(row, departments_yaml, lang)


def test_only_a_label_the_handouts_print_renders_them_again(tmp_path):
    templates = Path(shutil.copytree(ROOT / "templates", tmp_path / "templates"))
    before = handout_keys(ROOT / "data", templates, "en")
    # about names the web pages' About page; closing_note heads the note at the foot of
    # every handout
    for label, printed in (("about", False), ("closing_note", True)):
        labels = yaml.safe_load((ROOT / "templates" / "labels.yaml").read_text("utf-8"))
        labels["en"][label] += " X"
        (templates / "labels.yaml").write_text(yaml.safe_dump(labels, allow_unicode=True))
        after = handout_keys(ROOT / "data", templates, "en")
        if printed:
            assert all(after[path] != before[path] for path in before), label
        else:
            assert after == before, label
