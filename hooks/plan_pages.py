"""MkDocs hook: the thin adapter between MkDocs and the generator in plansite/.

Every build reads data/, renders the plan's pages and PDF handouts (cached; see
plansite/pdf.py) for the configured language and hands them to MkDocs as generated
files, so no page is ever stale and none is committed. The
primary (Chinese) build then builds the English site into ``en/``, each language with
its own search index.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from plansite.build import source_date_epoch  # noqa: E402
from plansite.load import DataError, load_plan  # noqa: E402
from plansite.opendata import data_files  # noqa: E402
from plansite.pages import labels, navigation, render_pages  # noqa: E402
from plansite.pdf import FontMissing, build_pdfs  # noqa: E402
from plansite.search import (  # noqa: E402
    SearchWorkerChanged,
    fix_query_segmentation,
    user_dictionary_words,
    write_user_dictionary,
)

DATA = ROOT / "data"
JIEBA_USER_DICTIONARY = ROOT / ".cache" / "jieba" / "userdict.txt"
_pages = []
_pdfs = {}  # site path -> rendered PDF in the cache
_data_files = {}  # published once, by the primary build: the tables hold both languages


@event_priority(100)  # before the search plugin reads its configuration
def on_config(config):
    try:
        _generate(config)
    except (DataError, FontMissing) as error:  # one line naming file:line and the fix
        raise Abort(f"Error: {error}") from None
    return config


def _generate(config):
    global _pages, _data_files, _pdfs
    # the one date MkDocs writes (sitemap) is the last commit's: builds are reproducible
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(source_date_epoch(ROOT)))
    lang = config.theme["language"]
    plan = load_plan(DATA)
    primary = bool(config.extra.get("secondary_config"))
    _data_files = data_files(plan, DATA / "datapackage.yaml") if primary else {}
    _pages = render_pages(plan, lang)
    _pdfs = build_pdfs(plan, lang)
    config.nav = navigation(plan, lang)
    config.extra["labels"] = labels()[lang]
    search = config.plugins.get("material/search")
    if search:  # jieba keeps the plan's names and terms whole in the search index
        words = user_dictionary_words(plan, DATA)
        search.config.jieba_dict_user = str(write_user_dictionary(words, JIEBA_USER_DICTIONARY))


def on_files(files, config):
    for page in _pages:
        files.append(File.generated(config, page.path, content=page.content))
    for path, content in _data_files.items():
        files.append(File.generated(config, path, content=content))
    for path, pdf_file in _pdfs.items():
        files.append(File.generated(config, path, abs_src_path=str(pdf_file)))
    return files


def on_serve(server, config, builder):
    for folder in ("data", "templates", "plansite"):
        server.watch(str(ROOT / folder))
    return server


def on_post_build(config):
    try:
        fix_query_segmentation(Path(config.site_dir))
    except SearchWorkerChanged as error:
        raise Abort(f"Error: {error}") from None
    secondary = config.extra.get("secondary_config")
    if secondary:
        site_dir = Path(config.site_dir) / "en"
        build(load_config(str(ROOT / secondary), site_dir=str(site_dir)))
        # Servers answer every missing address with the root 404.html; the English copy
        # would only carry links rooted at the wrong site.
        (site_dir / "404.html").unlink()
