"""The generator: from data/, the engine's complete input for each language.

For each language it writes one folder (build/engine/LANG/), all that an engine needs:

    mkdocs.yml      the engine configuration, navigation included
    docs/           the Markdown pages, the static files of docs/, the PDF handouts and
                    (for the primary language) the open data and the report forms
    overrides/      the theme's overrides
    jieba.txt       the search's Chinese user dictionary
    search-names.json  each department page's names in both languages, for the search
                    index (plansite/build.py adds them after the engine)

The whole tree is computed before anything is written; then only the files that changed
are written and the others removed (staging.update_folder), so no page of a removed task
survives and a failed run leaves the last input as it was.
"""

from __future__ import annotations

import json
import posixpath
from dataclasses import dataclass
from pathlib import Path

import yaml

from . import urls
from .datafiles import FAST_SAFE_DUMPER, FAST_SAFE_LOADER
from .feed import atom_feed
from .forms import form_files
from .load import load_plan
from .model import LANGUAGE_TAGS, LANGUAGES, Plan
from .opendata import data_files
from .pages import navigation, render_pages
from .pdf import build_pdfs
from .search import department_names, user_dictionary, user_dictionary_words
from .settings import Settings
from .staging import Contents, update_folder
from .templating import Templates
from .urls import LANGUAGE_ROOTS

CONFIG_FILE = "mkdocs.yml"
PAGES_DIR = "docs"
THEME_DIR = "overrides"
SEARCH_DICTIONARY = "jieba.txt"
SEARCH_NAMES = "search-names.json"
# Open Graph names a locale as language_TERRITORY; the translation spells British.
OPEN_GRAPH_LOCALES = {"zh": "zh_CN", "en": "en_GB"}


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
    def site_subdir(self) -> str:
        return LANGUAGE_ROOTS[self.lang]


def generate(settings: Settings) -> list[EngineInput]:
    """Load and check the data, then write every language's engine input. Raises
    DataError or FontMissing before anything is written."""
    plan = load_plan(settings.data_dir, settings.pinyin_memo)
    templates = Templates(settings.templates_dir, settings.template_cache)
    inputs = [EngineInput(lang, settings.engine_input / lang) for lang in LANGUAGES]
    files: dict[str, Contents] = {}
    for each in inputs:
        files |= {
            f"{each.lang}/{path}": contents
            for path, contents in _language_files(plan, each, templates, settings).items()
        }
    update_folder(settings.engine_input, files)
    return inputs


def _language_files(
    plan: Plan, engine_input: EngineInput, templates: Templates, settings: Settings
) -> dict[str, Contents]:
    """One language's engine input: relative path -> contents."""
    lang = engine_input.lang
    files: dict[str, Contents] = {
        **_copies(settings.static_dir, PAGES_DIR),
        **_copies(settings.theme_dir, THEME_DIR),
    }
    pages = {page.path: page.content for page in render_pages(plan, lang, templates)}
    if lang == LANGUAGES[0]:  # the tables hold both languages: published once
        pages |= data_files(plan)
        # one form per department, in the primary language, which both sites link
        files |= {
            f"{PAGES_DIR}/{path}": form
            for path, form in form_files(plan, templates.labels[lang], settings.form_cache).items()
        }
    files |= {f"{PAGES_DIR}/{path}": _bytes(content) for path, content in pages.items()}
    files[f"{PAGES_DIR}/{urls.FEED_PATH}"] = _bytes(
        atom_feed(plan, lang, templates.labels[lang], _site_url(settings, lang))
    )
    pdfs = build_pdfs(plan, lang, templates, settings.pdf_cache, settings.demo_reports)
    files |= {f"{PAGES_DIR}/{path}": pdf_file for path, pdf_file in pdfs.items()}
    names = json.dumps(department_names(plan), ensure_ascii=False)
    config = engine_config(settings, plan, lang, templates, engine_input.folder)
    files |= {
        SEARCH_DICTIONARY: _bytes(user_dictionary(user_dictionary_words(plan))),
        SEARCH_NAMES: _bytes(names),
        CONFIG_FILE: _bytes(
            yaml.dump(config, Dumper=FAST_SAFE_DUMPER, allow_unicode=True, sort_keys=False)
        ),
    }
    return files


def engine_config(
    settings: Settings, plan: Plan, lang: str, templates: Templates, folder: Path
) -> dict:
    """mkdocs.yml, with mkdocs.LANG.yml's options over it, completed with what the
    generator knows: the language, its words, the navigation and the folders."""
    config = _read_config(settings.engine_config)
    overlay = settings.engine_config.with_suffix(f".{lang}.yml")
    if overlay.is_file():
        config = _merged(config, _read_config(overlay))
    labels = templates.labels[lang]
    config |= {
        # each language's own public address: canonical links and sitemap entries
        "site_url": _site_url(settings, lang),
        "site_name": labels["site_name"],
        "site_description": labels["site_description"],
        "docs_dir": PAGES_DIR,
        "nav": navigation(plan, lang, templates),
    }
    config["theme"] = {**config.get("theme", {}), "language": lang, "custom_dir": THEME_DIR}
    config["extra"] = {
        **config.get("extra", {}),
        # theme overrides take every word they write from the labels file too
        "labels": labels,
        "language_tag": LANGUAGE_TAGS[lang],
        "locale": OPEN_GRAPH_LOCALES[lang],
        # a build of generated sample reports says so on every page (main.html)
        "demo_reports": settings.demo_reports,
        "feed_path": urls.FEED_PATH,
        # The 404 page is served at any missing address, so its links start at this
        # language's root on the server: SITE_URL's path, or / without one.
        "error_base": settings.site_path + LANGUAGE_ROOTS[lang],
        # the language switch and the hreflang alternates, the primary one first (it is
        # also x-default): each language's root relative to this one's, its absolute
        # address (with SITE_URL), and its path on the server (for the 404 page)
        "alternate": [
            {
                "name": templates.labels[other]["language_name"],
                "link": _relative_root(LANGUAGE_ROOTS[other], LANGUAGE_ROOTS[lang]),
                "url": settings.site_url and settings.site_url + LANGUAGE_ROOTS[other],
                "path": settings.site_path + LANGUAGE_ROOTS[other],
                "lang": LANGUAGE_TAGS[other],
                "code": other,
            }
            for other in LANGUAGES
        ],
    }
    search = config.setdefault("plugins", {}).setdefault("search", {}) or {}
    # jieba keeps the plan's names and terms whole in the search index (search.py)
    search["jieba_dict_user"] = str(folder / SEARCH_DICTIONARY)
    config["plugins"]["search"] = search
    return config


def _site_url(settings: Settings, lang: str) -> str:
    """The language's site's public address, or "" without SITE_URL."""
    return settings.site_url and settings.site_url + LANGUAGE_ROOTS[lang]


def _relative_root(target: str, here: str) -> str:
    relative = posixpath.relpath("/" + target, "/" + here)
    return "" if relative == "." else relative + "/"


def _read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_SAFE_LOADER) or {}


def _merged(base: dict, overlay: dict) -> dict:
    """Mappings merged key by key, anything else replaced (as MkDocs' INHERIT does)."""
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def _copies(folder: Path, prefix: str) -> dict[str, Path]:
    """Every file below `folder`, to be copied below `prefix`."""
    return {
        f"{prefix}/{path.relative_to(folder).as_posix()}": path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _bytes(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")
