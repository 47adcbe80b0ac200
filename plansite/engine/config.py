"""Each language's mkdocs.yml: the engine options of the project's mkdocs.yml (and
mkdocs.LANG.yml over it), completed with what the generator knows: the language, its
words, the navigation in MkDocs' form, the theme's folders and the search dictionary.

Any engine that reads mkdocs.yml (MkDocs, ProperDocs) builds the folder as it is.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

import yaml
from markupsafe import escape as markup_escape

from ..datafiles import FAST_SAFE_DUMPER, FAST_SAFE_LOADER, read_text, syntax_error
from ..installed import package_version
from ..model import LANGUAGE_TAGS, LANGUAGES
from ..urls import LANGUAGE_ROOTS, language_url

CONFIG_FILE = "mkdocs.yml"
PAGES_DIR = "docs"
THEME_DIR = "overrides"
# The theme's templates and the files published for its sake, below this package.
OVERRIDES = Path(__file__).parent / "overrides"
ASSETS = Path(__file__).parent / "assets"
# Open Graph names a locale as language_TERRITORY; the translation spells British.
OPEN_GRAPH_LOCALES = {"zh": "zh_CN", "en": "en_GB"}

# A navigation tree as the generator gives it: (title, page path) for a page,
# (title, [entries]) for a section.
NavEntry = tuple[str, "str | list[NavEntry]"]


def engine_options(options_file: Path) -> dict[str, dict]:
    """Each language's engine options: mkdocs.yml, with mkdocs.LANG.yml's over it.
    Raises DataError for a file that does not parse; MkDocs checks the options."""
    options = {}
    for lang in LANGUAGES:
        config = _read_config(options_file)
        overlay = options_file.with_suffix(f".{lang}.yml")
        if overlay.is_file():
            config = _merged(config, _read_config(overlay))
        options[lang] = config
    return options


def engine_config(
    options: dict,
    lang: str,
    site: dict,
    navigation: list[NavEntry],
    labels: dict[str, dict[str, str]],
    search_dictionary: Path,
) -> str:
    """mkdocs.yml for one language, as text: its engine options (engine_options),
    completed. `site` holds the site's name and description in this language, its
    public address (site_url, "" for none), that address's path on its server
    (site_path), who runs it (owner, for the footer), its About page (about_url), its
    feed (feed_path) and whether its reports are samples (demo_reports, a banner)."""
    config = dict(options)
    # only for `mkdocs build` typed in the project folder (hooks/make_site.py)
    config.pop("hooks", None)
    site_url = site["site_url"]
    config |= {
        # each language's own public address: canonical links and sitemap entries
        "site_url": language_url(site_url, lang),
        "site_name": site["name"],
        "site_description": site["description"],
        "docs_dir": PAGES_DIR,
        "nav": mkdocs_nav(navigation),
    }
    config["theme"] = {**config.get("theme", {}), "language": lang, "custom_dir": THEME_DIR}
    config["extra"] = {
        **config.get("extra", {}),
        # theme overrides take every word they write from the labels file too
        "labels": labels[lang],
        "site_owner": site["owner"],
        "about_url": site["about_url"],
        "demo_reports": site["demo_reports"],
        "feed_path": site["feed_path"],
        "language_tag": LANGUAGE_TAGS[lang],
        "primary_language": LANGUAGES[0],
        "locale": OPEN_GRAPH_LOCALES[lang],
        "theme_version": package_version("material"),
        # The 404 page is served at any missing address, so its links start at this
        # language's root on the server: SITE_URL's path, or / without one.
        "error_base": site["site_path"] + LANGUAGE_ROOTS[lang],
        # the language switch and the hreflang alternates, the primary one first (it is
        # also x-default): each language's root relative to this one's, its absolute
        # address (with SITE_URL), and its path on the server (for the 404 page)
        "alternate": [
            {
                "name": labels[other]["language_name"],
                # the visible link's tooltip, in the language it offers
                "title": labels[other]["language_switch_title"],
                "link": _relative_root(LANGUAGE_ROOTS[other], LANGUAGE_ROOTS[lang]),
                "url": language_url(site_url, other),
                "path": site["site_path"] + LANGUAGE_ROOTS[other],
                "lang": LANGUAGE_TAGS[other],
                "code": other,
            }
            for other in LANGUAGES
        ],
    }
    search = config.setdefault("plugins", {}).setdefault("search", {}) or {}
    # jieba keeps the plan's names and terms whole in the search index (handbook/search.md)
    search["jieba_dict_user"] = str(search_dictionary)
    config["plugins"]["search"] = search
    return yaml.dump(config, Dumper=FAST_SAFE_DUMPER, allow_unicode=True, sort_keys=False)


def mkdocs_nav(entries: list[NavEntry]) -> list[dict]:
    """The tree as MkDocs' nav. Titles are escaped: the theme writes nav titles into its
    HTML as they are."""
    return [
        {str(markup_escape(title)): target if isinstance(target, str) else mkdocs_nav(target)}
        for title, target in entries
    ]


def theme_files() -> dict[str, Path]:
    """The files the engine's input holds for the theme: its overrides, and the
    published files written for it (below the pages)."""
    return {
        **{f"{THEME_DIR}/{path}": file for path, file in _files(OVERRIDES).items()},
        **{f"{PAGES_DIR}/assets/{path}": file for path, file in _files(ASSETS).items()},
    }


def _files(folder: Path) -> dict[str, Path]:
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def _relative_root(target: str, here: str) -> str:
    relative = posixpath.relpath("/" + target, "/" + here)
    return "" if relative == "." else relative + "/"


def _read_config(path: Path) -> dict:
    """The engine options as they are; MkDocs checks them, once the file parses."""
    try:
        return yaml.load(read_text(path), Loader=FAST_SAFE_LOADER) or {}
    except yaml.MarkedYAMLError as error:
        raise syntax_error(path, error) from None


def _merged(base: dict, overlay: dict) -> dict:
    """Mappings merged key by key, anything else replaced (as MkDocs' INHERIT does)."""
    merged = dict(base)
    for key, value in overlay.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged
