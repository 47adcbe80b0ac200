"""The generator owns its output; the engine is a replaceable last step (issue 12).

scripts/build_pages.py writes each language's complete engine input, and any engine
that reads mkdocs.yml builds it as it is: MkDocs and ProperDocs, each from the command
line, give the same site but for the generator tag.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from plansite.model import LANGUAGES
from support import PDF_CACHE

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def engine_input(project_copy) -> Path:
    """A copy of the project after the generator alone has run in it."""
    project = project_copy()
    env = {**os.environ, "PLANSITE_PDF_CACHE": str(PDF_CACHE)}
    subprocess.run([sys.executable, "scripts/build_pages.py"], cwd=project, env=env, check=True)
    return project / "build" / "engine"


def engine_build(engine: str, config: Path, site: Path) -> dict[str, bytes]:
    """The engine's own command line on the generated configuration; every file built."""
    # the engines' own sitemap.xml.gz carries a time stamp (the build replaces it): fixed
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    command = [sys.executable, "-m", engine, "build", "-q", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return {str(f.relative_to(site)): f.read_bytes() for f in site.rglob("*") if f.is_file()}


def test_the_input_is_complete_without_a_hook(engine_input):
    for lang in LANGUAGES:
        config = yaml.safe_load((engine_input / lang / "mkdocs.yml").read_text("utf-8"))
        assert "hooks" not in config and "INHERIT" not in config
        assert config["theme"]["language"] == lang and config["nav"]
        docs = engine_input / lang / "docs"
        assert (docs / "tasks" / "1.md").is_file()
        assert list((docs / "pdf").glob("*.pdf"))
    assert (engine_input / "zh" / "docs" / "data" / "datapackage.json").is_file()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_properdocs_builds_the_same_site_as_mkdocs(engine_input, tmp_path, lang):
    config = engine_input / lang / "mkdocs.yml"
    mkdocs = engine_build("mkdocs", config, tmp_path / "mkdocs")
    properdocs = engine_build("properdocs", config, tmp_path / "properdocs")
    assert sorted(mkdocs) == sorted(properdocs)
    assert len(mkdocs) > 100
    tagged = [name for name, content in mkdocs.items() if GENERATOR_TAG.search(content)]
    assert len(tagged) > 50  # the one difference is there to be masked
    for name, content in mkdocs.items():
        assert GENERATOR_TAG.sub(b"", content) == GENERATOR_TAG.sub(b"", properdocs[name]), name


def test_a_second_run_updates_the_input_to_what_a_first_run_writes(tmp_path, project_copy):
    """Run again after an edit, the generator rewrites the pages that changed, leaves
    the others as they were and removes a removed task's pages; the input is then the
    same, file for file, as the one it writes into an empty folder."""
    project = project_copy()
    env = {**os.environ, "PLANSITE_PDF_CACHE": str(PDF_CACHE)}

    def generate() -> dict[str, tuple[bytes, int]]:
        subprocess.run([sys.executable, "scripts/build_pages.py"], cwd=project, env=env, check=True)
        folder = project / "build" / "engine"
        return {
            f.relative_to(folder).as_posix(): (f.read_bytes(), f.stat().st_mtime_ns)
            for f in folder.rglob("*")
            if f.is_file()
        }

    first = generate()
    tasks = project / "data" / "tasks.csv"
    lines = tasks.read_text(encoding="utf-8").splitlines(keepends=True)
    tasks.write_text("".join(line for line in lines if not line.startswith("35,")), "utf-8")
    second = generate()
    for lang in LANGUAGES:
        assert f"{lang}/docs/tasks/35.md" in first and f"{lang}/docs/tasks/35.md" not in second
        # task 33's page does not change; the matrix (which lists every task) does, and
        # task 34's, which linked task 35 as the next
        assert second[f"{lang}/docs/tasks/33.md"] == first[f"{lang}/docs/tasks/33.md"]
        assert second[f"{lang}/docs/tasks/34.md"][0] != first[f"{lang}/docs/tasks/34.md"][0]
        assert second[f"{lang}/docs/matrix.md"][0] != first[f"{lang}/docs/matrix.md"][0]
    rewritten = [name for name in second if second[name][1] != first[name][1]]
    unchanged = [name for name in second if second[name][0] == first[name][0]]
    assert rewritten and set(rewritten).isdisjoint(unchanged), set(rewritten) & set(unchanged)

    shutil.rmtree(project / "build" / "engine")
    anew = generate()
    assert {name: content for name, (content, _) in second.items()} == {
        name: content for name, (content, _) in anew.items()
    }


def test_a_broken_theme_override_stops_the_engine_in_one_line(engine_input, tmp_path):
    """An override is a template a person edits: its error names the project's file and
    line, not a traceback through MkDocs."""
    from plansite.engine import EngineError, build
    from plansite.engine.config import OVERRIDES

    broken = tmp_path / "engine"
    shutil.copytree(engine_input / LANGUAGES[0], broken)
    footer = broken / "overrides" / "partials" / "copyright.html"
    lines = footer.read_text(encoding="utf-8").splitlines()
    footer.write_text("\n".join([*lines, "{% if %}"]), encoding="utf-8")
    with pytest.raises(EngineError) as refused:
        build(broken / "mkdocs.yml", tmp_path / "site")
    message = str(refused.value)
    expected = os.path.relpath(OVERRIDES / "partials" / "copyright.html")
    assert message.startswith(f"{expected}:{len(lines) + 1}: template error: "), message
    assert "\n" not in message


@pytest.mark.parametrize("command", ["build", "serve"])
def test_mkdocs_typed_in_the_project_folder_says_what_to_run(command):
    """Someone who knows MkDocs types `mkdocs build` or `mkdocs serve` here: it stops at
    once, saying what to run instead, and builds nothing."""
    from support import ROOT

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    said = [line for line in (result.stdout + result.stderr).splitlines() if "make " in line]
    assert said == [said[0]] and f"make {'serve' if command == 'serve' else 'site'}" in said[0]
