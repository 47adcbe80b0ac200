"""The engine's input is updated, not rewritten: staging.update_folder writes only the
files whose contents changed and removes every file it was not given, so the folder
ends as if written anew (plansite/generate.py)."""

from __future__ import annotations

import os
from pathlib import Path

from plansite.staging import update_folder


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_the_folder_holds_exactly_the_files_given(tmp_path):
    target = tmp_path / "out"
    (target / "old" / "deep").mkdir(parents=True)
    (target / "old" / "deep" / "page.md").write_text("a removed task's page")
    (target / "keep.md").write_text("before")
    (target / "was-a-file").write_text("now a folder")
    (target / "was-a-folder").mkdir()
    (target / "was-a-folder" / "x.md").write_text("now a file")
    source = tmp_path / "static.css"
    source.write_text("body {}")
    files = {
        "keep.md": b"after",
        "new/page.md": b"new",
        "was-a-file/page.md": b"inside",
        "was-a-folder": b"a file",
        "assets/static.css": source,
    }
    written = update_folder(target, files)
    assert tree(target) == {
        "keep.md": b"after",
        "new/page.md": b"new",
        "was-a-file/page.md": b"inside",
        "was-a-folder": b"a file",
        "assets/static.css": b"body {}",
    }
    assert not (target / "old").exists()  # emptied folders go too
    assert written == 5


def test_unchanged_files_are_not_written_again(tmp_path):
    target = tmp_path / "out"
    source = tmp_path / "handout.pdf"
    source.write_bytes(b"%PDF-1")
    files = {"a.md": b"one", "b.md": b"two", "pdf/handout.pdf": source}
    assert update_folder(target, files) == 3
    old = 1_000_000_000_000_000_000  # a time no write makes: seen again only if untouched
    for name in files:
        os.utime(target / name, ns=(old, old))
    source.touch()  # the PDF cache marks what it used: the contents are the same

    assert update_folder(target, {**files, "b.md": b"TWO"}) == 1
    assert (target / "a.md").stat().st_mtime_ns == old
    assert (target / "pdf" / "handout.pdf").stat().st_mtime_ns == old
    assert (target / "b.md").read_bytes() == b"TWO"

    source.write_bytes(b"%PDF-2")  # same size, other contents: copied again
    assert update_folder(target, files) == 2  # and b.md back to "two"
    assert (target / "pdf" / "handout.pdf").read_bytes() == b"%PDF-2"
