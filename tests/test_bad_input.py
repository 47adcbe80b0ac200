"""Bad data stops the build with one line naming file:line and the fix; the last good
site stays byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import copy_project, run_build


def edit_csv(change: Callable[[str], str]) -> Callable[[Path], None]:
    def apply(project: Path) -> None:
        path = project / "data" / "tasks.csv"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")

    return apply


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


@dataclass(frozen=True)
class Case:
    name: str
    break_data: Callable[[Path], None]
    # None: builds; else (file, line, a fragment of the message)
    error: tuple[str, int, str] | None


CASES = [
    Case(
        "unknown department",
        edit_csv(replace_once("市水利局、市行政审批局", "市水力局、市行政审批局")),
        ("data/tasks.csv", 3, "did you mean '市水利局'"),
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
        "empty title",
        edit_csv(replace_once(",逐步建立节水评价机制,", ",,")),
        ("data/tasks.csv", 3, "empty 'title_zh'"),
    ),
    Case(
        "GBK encoding",
        write_bytes("tasks.csv", lambda text: text.encode("gbk")),
        ("data/tasks.csv", 2, "not UTF-8"),
    ),
]


def tree_digest(folder: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        digest.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            digest.update(path.read_bytes())
    return digest.hexdigest()


@pytest.fixture
def project_with_site(tmp_path, site):
    """A copy of the project whose site/ holds the last good build."""
    import shutil

    project = copy_project(tmp_path / "project")
    shutil.copytree(site, project / "site")
    return project


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_data_stops_the_build_and_keeps_the_site(case, project_with_site):
    project = project_with_site
    before = tree_digest(project / "site")
    case.break_data(project)
    result = run_build(project)
    if case.error is None:
        assert result.returncode == 0, result.stderr
        return
    file, line, fragment = case.error
    assert result.returncode != 0
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    assert re.match(rf"^Error: {re.escape(file)}:{line}: ", message), message
    assert fragment in message, message
    assert tree_digest(project / "site") == before


def test_plain_mkdocs_build_refuses_bad_data_too(tmp_path):
    import os
    import subprocess
    import sys

    project = copy_project(tmp_path / "project")
    edit_csv(replace_once("\n2,1,", "\n1,1,"))(project)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode != 0
    assert "data/tasks.csv:3: id 1 is already used on line 2" in result.stderr + result.stdout
    assert not (project / "site").exists()
