"""Sample progress reports, generated for tests, benchmarks and demonstration builds,
and written only into a copy of the project, never into the project's data/: the site
publishes the departments' own words and nothing else. A build of sample reports is a
demonstration, and says so on every page (settings.DEMO_REPORTS_VARIABLE).

Every task gets a report from each of its lead units in each of `periods` reporting
periods, a quarter apart, the last dated the day the data is current to. Statuses,
translations and evidence vary from report to report, by rule (no randomness: the same
plan gives the same reports).
"""

from __future__ import annotations

import csv
import datetime
import io
from pathlib import Path

from ..columns import PROGRESS_COLUMNS
from ..load import PROGRESS_DIR, load_plan
from ..model import Plan

SAMPLE_FILE = "sample.csv"
PERIOD = datetime.timedelta(days=91)


def sample_rows(plan: Plan, periods: int) -> list[dict[str, str]]:
    """The rows of data/progress/*.csv: every task, every lead unit, every period, the
    oldest period first."""
    rows = []
    statuses = [s.id for s in plan.statuses]
    for period in range(periods):
        date = plan.current_to - (periods - 1 - period) * PERIOD
        for task in plan.tasks:
            for number, department in enumerate(task.lead):
                # later periods further along: from the list's end towards its start
                step = (task.id + number + 2 * period) % (len(statuses) + periods)
                status = statuses[max(0, len(statuses) - 1 - step)]
                translated = (task.id + period) % 3 != 0  # some reports untranslated
                rows.append(
                    {
                        "task_id": str(task.id),
                        "department": department.name.zh,
                        "date": date.isoformat(),
                        "status": status,
                        "text_zh": _text_zh(task.title.zh, department.name.zh, period),
                        "text_en": _text_en(task.title.en, department.name.en, period)
                        if translated
                        else "",
                        "evidence": (
                            f"https://example.org/reports/{task.id}/{department.slug}/{period + 1}"
                        )
                        if period % 2
                        else "",
                    }
                )
    return rows


def _text_zh(title: str, department: str, period: int) -> str:
    return (
        f"示例报告（自动生成，并非部门报送）第{period + 1}期。{department}围绕“{title}”，"
        "本期组织召开专题会议，细化年度工作安排，明确责任处室和时间节点，"
        "并会同有关部门开展现场督查。\n"
        "下一步将继续完善工作机制，加强部门协作，跟踪重点项目进展，"
        "及时研究解决推进中遇到的问题，确保各项任务按期完成。"
    )


def _text_en(title: str, department: str, period: int) -> str:
    return (
        f"Sample report (generated, not sent by any department), period {period + 1}. "
        f"On “{title}”, the {department} held a meeting this period to set out the "
        "year's work, named the divisions responsible and their dates, and inspected "
        "sites with the departments concerned.\n"
        "Next it will improve the working arrangements, strengthen cooperation between "
        "departments, follow the key projects and solve problems as they arise, so that "
        "every task is completed on time."
    )


def to_csv(rows: list[dict[str, str]]) -> str:
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, fieldnames=PROGRESS_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_sample_reports(project: Path, periods: int = 4) -> Path:
    """Sample reports written into a COPY of the project (its data/progress/), for the
    plan its data/ holds; the file written."""
    data = project / "data"
    target = data / PROGRESS_DIR / SAMPLE_FILE
    target.write_text(to_csv(sample_rows(load_plan(data), periods)), encoding="utf-8")
    return target
