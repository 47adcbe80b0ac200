"""Two builds of the same sources give byte-identical sites, PDFs included.

Each build runs from its own copy of the project with its own empty PDF cache (so neither
reuses the other's work), in its own folder, in its own process (so with its own hash
seed), at its own time.
"""

from __future__ import annotations

import datetime
import gzip
from pathlib import Path

import pytest
from conftest import copy_project, run_build

pytestmark = pytest.mark.slow  # builds copies of the project


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path, monkeypatch):
    sites = []
    for name in ("first", "second"):
        project = copy_project(tmp_path / name / "project")
        # its own empty PDF cache: every PDF is rendered by each build
        monkeypatch.setenv("PLANSITE_PDF_CACHE", str(tmp_path / name / "pdf-cache"))
        result = run_build(project, tmp_path / name / "site")
        assert result.returncode == 0, result.stderr
        sites.append(tree(tmp_path / name / "site"))
    first, second = sites
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, differing
    pdfs = [path for path in first if path.endswith(".pdf")]
    print(f"{len(first)} files compared, {len(pdfs)} of them PDFs")
    # The one date MkDocs writes follows SOURCE_DATE_EPOCH: for sources outside git, the
    # fixed date that plansite/build.py documents, not the day of the build.
    gzipped = [path for path in first if path.endswith("sitemap.xml.gz")]
    assert gzipped
    for path in gzipped:
        stamp = int.from_bytes(first[path][4:8], "little")  # the gzip header's MTIME
        built = datetime.datetime.fromtimestamp(stamp, datetime.UTC).date()
        assert built == datetime.date(2026, 1, 1), path
        assert gzip.decompress(first[path]) == first[path.removesuffix(".gz")]
