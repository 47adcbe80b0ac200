"""An independent reading of the authoritative source, used as the tests' oracle.

The source (source/, the project's copy of the attachment) is the published table
exported as text: every cell starts on a line of its own with a tab, a cell that wrapped
goes on in lines without a tab, and blank lines separate rows. This reader shares no
code with the generator, so a mistake in one is caught by the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[2] / "source" / "wuxi-water-saving-division-of-labour.txt"
SOURCE_SHA256 = "66259388e704812f42de7a664104c08fa5c38af727bf7854d96d4199531872b9"
CELLS_PER_ROW = 6
SHARED_BY_ALL = "各部门按职责分工共同推进"


def names(cell: str) -> list[str]:
    """The department names of a tasks.csv cell: none for a task all departments share."""
    return [] if cell == SHARED_BY_ALL else cell.split("、")


CHINESE_NUMERALS = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一"]


@dataclass(frozen=True)
class SourceRow:
    id: int
    category_id: int
    category: str
    title: str
    content: str
    lead: str
    participants: str


def read_cells(text: str) -> tuple[list[str], str]:
    """Split the table into cells; return them with the closing note (注：…)."""
    cells: list[str] = []
    note = ""
    for line in text.splitlines():
        if line.startswith("注："):
            note = line.strip()
            break
        if line.startswith("\t"):
            cells.append(line[1:])
        elif line.strip() and cells:
            cells[-1] += line  # a wrapped cell goes on without a tab
    return cells, note


def read_source(path: Path = SOURCE) -> tuple[list[SourceRow], str]:
    cells, note = read_cells(path.read_text(encoding="utf-8"))
    header, body = cells[:CELLS_PER_ROW], cells[CELLS_PER_ROW:]
    assert header == ["序号", "任务类别", "重点任务", "主要内容", "牵头单位", "参与单位"]
    assert len(body) % CELLS_PER_ROW == 0, len(body)
    rows: list[SourceRow] = []
    category_id, category = 0, ""
    for start in range(0, len(body), CELLS_PER_ROW):
        numeral, category_cell, task, content, lead, participants = body[
            start : start + CELLS_PER_ROW
        ]
        if numeral.strip():
            category_id = CHINESE_NUMERALS.index(numeral.strip()) + 1
            category = category_cell.strip()
        match = re.fullmatch(r"(\d+)(\S.*)", task.strip())
        assert match, task
        rows.append(
            SourceRow(
                id=int(match[1]),
                category_id=category_id,
                category=category,
                title=match[2],
                content=content.strip(),
                lead=lead.strip(),
                participants=participants.strip(),
            )
        )
    return rows, note


def expand_names(cell: str, canonical: set[str]) -> list[str]:
    """Resolve a list written with its shared prefix 市 once, e.g.
    "市发展改革委、工业和信息化局" -> 市发展改革委, 市工业和信息化局.

    A name that itself begins with 市 (市政园林局, 市场监管局) keeps it: "市"
    plus the written name is tried first, then the written name as it stands.
    """
    if cell == SHARED_BY_ALL:
        return [cell]
    names = []
    for written in filter(None, cell.split("、")):
        for candidate in ("市" + written, written):
            if candidate in canonical:
                names.append(candidate)
                break
        else:
            raise KeyError(f"{written!r} in {cell!r} names no known department")
    return names
