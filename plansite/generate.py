"""The generator: from data/, the engine's complete input for each language.

For each language it writes one folder (build/engine/LANG/), all that an engine needs:

    mkdocs.yml      the engine configuration, navigation included
    docs/           the Markdown pages, the static files of docs/, the PDF handouts and
                    (for the primary language) the open data and the report forms
    overrides/      the theme's overrides (plansite/engine/overrides/)
    jieba.txt       the search's Chinese user dictionary
    search-names.json  each department page's names in both languages, for the search
                    index (plansite/build.py adds them after the engine)
    search-keywords.json  what a reader may type for a page that it does not write in
                    that form (task numbers, years, everyday words), and the titles lists hold

The whole tree is computed before anything is written; then only the files that changed
are written and the others removed (staging.update_folder), so no page of a removed task
survives and a failed run leaves the last input as it was.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .datafiles import DataError
from .engine.config import CONFIG_FILE, PAGES_DIR, engine_config, engine_options, theme_files
from .feed import atom_feed
from .forms import form_files
from .load import load_plan
from .model import LANGUAGES, Plan, SiteOwner
from .opendata import data_files
from .pages import navigation, render_pages
from .pdf import build_pdfs
from .search.vocabulary import (
    department_names,
    listed_titles,
    page_keywords,
    user_dictionary,
    user_dictionary_words,
)
from .settings import Settings
from .staging import Contents, update_folder
from .templating import Templates, located_template_errors
from .urls import LANGUAGE_ROOTS, language_url

SEARCH_DICTIONARY = "jieba.txt"
SEARCH_NAMES = "search-names.json"
SEARCH_KEYWORDS = "search-keywords.json"


@dataclass(frozen=True)
class EngineInput:
    """One language's engine input, and where its site goes below the whole site."""

    lang: str
    folder: Path

    @property
    def config_file(self) -> Path:
        return self.folder / CONFIG_FILE

    @property
    def search_dictionary(self) -> Path:
        return self.folder / SEARCH_DICTIONARY

    @property
    def search_names(self) -> dict[str, list[str]]:
        return json.loads((self.folder / SEARCH_NAMES).read_text(encoding="utf-8"))

    @property
    def search_keywords(self) -> dict:
        return json.loads((self.folder / SEARCH_KEYWORDS).read_text(encoding="utf-8"))

    @property
    def site_subdir(self) -> str:
        return LANGUAGE_ROOTS[self.lang]


def generate(settings: Settings) -> list[EngineInput]:
    """Load and check the data, then write every language's engine input. Raises
    DataError or FontMissing before anything is written."""
    plan, templates, options = read_inputs(settings)
    inputs = [EngineInput(lang, settings.engine_input / lang) for lang in LANGUAGES]
    files: dict[str, Contents] = {}
    with located_template_errors(settings.templates_dir):
        for each in inputs:
            files |= {
                f"{each.lang}/{path}": contents
                for path, contents in _language_files(
                    plan, each, templates, options[each.lang], settings
                ).items()
            }
    update_folder(settings.engine_input, files)
    return inputs


def read_inputs(settings: Settings) -> tuple[Plan, Templates, dict[str, dict]]:
    """Every file a person edits, read and checked before anything is written: data/,
    the templates with their labels, and the engine options. Raises DataError, naming
    the file, the line and the fix."""
    return (
        load_plan(settings.data_dir, settings.pinyin_memo),
        Templates(settings.templates_dir, settings.template_cache),
        engine_options(settings.engine_config),
    )


def _language_files(
    plan: Plan,
    engine_input: EngineInput,
    templates: Templates,
    options: dict,
    settings: Settings,
) -> dict[str, Contents]:
    """One language's engine input: relative path -> contents."""
    lang = engine_input.lang
    files: dict[str, Contents] = {
        **_copies(settings.static_dir, PAGES_DIR),
        **theme_files(),
    }
    pages = {page.path: page.content for page in render_pages(plan, lang, templates)}
    if lang == LANGUAGES[0]:  # the tables hold both languages: published once
        pages |= data_files(plan, _source_text(settings.source_file))
        # one form per department, in the primary language, which both sites link
        files |= {
            f"{PAGES_DIR}/{path}": form
            for path, form in form_files(plan, templates.labels[lang], settings.form_cache).items()
        }
    files |= {f"{PAGES_DIR}/{path}": _bytes(content) for path, content in pages.items()}
    files[f"{PAGES_DIR}/{urls.FEED_PATH}"] = _bytes(
        atom_feed(plan, lang, templates.labels[lang], language_url(settings.site_url, lang))
    )
    pdfs = build_pdfs(
        plan, lang, templates, settings.pdf_cache, settings.site_url, settings.demo_reports
    )
    files |= {f"{PAGES_DIR}/{path}": pdf_file for path, pdf_file in pdfs.items()}
    names = json.dumps(department_names(plan), ensure_ascii=False)
    labels = templates.labels
    site = {
        "name": plan.name[lang],
        "description": plan.description[lang],
        "site_url": settings.site_url,
        "site_path": settings.site_path,
        # the footer: who runs the site (data/site.yaml) and the page about it
        "owner": _site_owner(plan.site, lang),
        "about_url": urls.page_url(urls.ABOUT_PATH),
        # a build of generated sample reports says so on every page
        "demo_reports": settings.demo_reports,
        "feed_path": urls.FEED_PATH,
    }
    config = engine_config(
        options,
        lang,
        site,
        navigation(plan, lang, templates),
        labels,
        engine_input.folder / SEARCH_DICTIONARY,
    )
    files |= {
        SEARCH_DICTIONARY: _bytes(user_dictionary(user_dictionary_words(plan))),
        SEARCH_NAMES: _bytes(names),
        SEARCH_KEYWORDS: _bytes(
            json.dumps(
                {"pages": page_keywords(plan, lang), "titles": listed_titles(plan, lang)},
                ensure_ascii=False,
            )
        ),
        CONFIG_FILE: _bytes(config),
    }
    return files


# The records' public pages: the ICP register's search, and a police record by its number.
ICP_REGISTER = "https://beian.miit.gov.cn/"
POLICE_RECORD = "https://beian.mps.gov.cn/#/query/webSearch?code={number}"


def _site_owner(site: SiteOwner, lang: str) -> dict[str, str]:
    """What the footer shows of who runs the site, in one language; "" where unset."""
    return {
        "sponsor": site.sponsor[lang] if site.sponsor else "",
        "organizer": site.organizer[lang] if site.organizer else "",
        "contact": site.contact[lang] if site.contact else "",
        "site_code": site.site_code,
        "icp": site.icp,
        "icp_url": ICP_REGISTER if site.icp else "",
        "police": site.police,
        "police_url": POLICE_RECORD.format(number=site.police_number) if site.police else "",
    }


def _source_text(path: Path) -> bytes:
    """The source text's bytes, published as they are; DataError when it is missing."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise DataError(
            path, 1, f"cannot be read ({error.strerror}); restore it with: git checkout {path}"
        ) from None


def _copies(folder: Path, prefix: str) -> dict[str, Path]:
    """Every file below `folder`, to be copied below `prefix`."""
    return {
        f"{prefix}/{path.relative_to(folder).as_posix()}": path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")
