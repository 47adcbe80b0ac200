"""Two builds of the same sources give byte-identical sites, PDFs included.

Each build runs from its own copy of the project with its own empty PDF cache (so neither
reuses the other's work), in its own folder, in its own process (so with its own hash
seed), at its own time.
"""

from __future__ import annotations

from pathlib import Path

from support import PUBLIC_URL


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path, monkeypatch, project_copy, build_project):
    sites = []
    for name in ("first", "second"):
        project = project_copy()
        # its own empty PDF cache: every PDF is rendered by each build
        monkeypatch.setenv("PLANSITE_PDF_CACHE", str(tmp_path / name / "pdf-cache"))
        # with a public address: sitemaps and robots.txt are compared too
        result = build_project(project, tmp_path / name / "site", site_url=PUBLIC_URL)
        assert result.returncode == 0, result.stderr
        sites.append(tree(tmp_path / name / "site"))
    first, second = sites
    assert sorted(first) == sorted(second)
    differing = [path for path in first if first[path] != second[path]]
    assert not differing, differing
    pdfs = [path for path in first if path.endswith(".pdf")]
    print(f"{len(first)} files compared, {len(pdfs)} of them PDFs")
    # No date anywhere: the sitemaps have no lastmod, and no .gz file records a time
    # (MkDocs' own sitemap.xml.gz did; publish.py replaces it).
    assert "sitemap.xml" in first and "en/sitemap.xml" in first
    assert not [path for path in first if b"<lastmod>" in first[path]]
    gzipped = [path for path in first if path.endswith(".gz")]
    assert len(gzipped) > 200
    assert not [path for path in gzipped if first[path][4:8] != b"\0\0\0\0"]
