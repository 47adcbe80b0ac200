"""The generator: from data/, the engine's complete input for each language.

For each language it writes one folder (build/engine/LANG/), all that an engine needs:

    mkdocs.yml      the engine configuration, navigation included
    docs/           the Markdown pages, the static files of docs/, the PDF handouts and
                    (for the primary language) the open data
    overrides/      the theme's overrides
    jieba.txt       the search's Chinese user dictionary
    search-names.json  each department page's names in both languages, for the search
                    index (plansite/build.py adds them after the engine)

The whole tree is written beside the last one and swapped in when complete, so no page
of a removed task survives and a failed run leaves the last input as it was.
"""

from __future__ import annotations

import json
import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from .load import load_plan
from .model import LANGUAGE_TAGS, LANGUAGES, Plan
from .opendata import data_files
from .pages import navigation, render_pages
from .pdf import build_pdfs
from .search import department_names, user_dictionary, user_dictionary_words
from .settings import Settings
from .staging import staged
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
    DataError (before anything is written) or FontMissing."""
    plan = load_plan(settings.data_dir)
    templates = Templates(settings.templates_dir, settings.template_cache)
    with staged(settings.engine_input) as staging:
        for lang in LANGUAGES:
            # the configuration names the folder's final place, not the staging one
            final = EngineInput(lang, settings.engine_input / lang)
            _write_language(plan, final, templates, settings, staging / lang)
    return [EngineInput(lang, settings.engine_input / lang) for lang in LANGUAGES]


def _write_language(
    plan: Plan, final: EngineInput, templates: Templates, settings: Settings, folder: Path
) -> None:
    lang = final.lang
    docs = folder / PAGES_DIR
    shutil.copytree(settings.static_dir, docs)
    shutil.copytree(settings.theme_dir, folder / THEME_DIR)
    files: dict[str, str | bytes] = {
        page.path: page.content for page in render_pages(plan, lang, templates)
    }
    if lang == LANGUAGES[0]:  # the tables hold both languages: published once
        files |= data_files(plan)
    for path, content in files.items():
        _write(docs / path, content)
    for path, pdf_file in build_pdfs(plan, lang, templates, settings.pdf_cache).items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf_file, docs / path)
    words = user_dictionary_words(plan)
    _write(folder / SEARCH_DICTIONARY, user_dictionary(words))
    _write(folder / SEARCH_NAMES, json.dumps(department_names(plan), ensure_ascii=False))
    config = engine_config(settings, plan, lang, templates, final.folder)
    _write(folder / CONFIG_FILE, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))


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
        "site_url": settings.site_url and settings.site_url + LANGUAGE_ROOTS[lang],
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


def _relative_root(target: str, here: str) -> str:
    relative = posixpath.relpath("/" + target, "/" + here)
    return "" if relative == "." else relative + "/"


def _read_config(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def _merged(base: dict, overlay: dict) -> dict:
    """Mappings merged key by key, anything else replaced (as MkDocs' INHERIT does)."""
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def _write(path: Path, content: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
