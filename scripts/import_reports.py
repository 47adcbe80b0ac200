"""`make import-reports FILES="a.xlsx b.xlsx"`: the departments' filled report forms into
data/progress/, every form accepted or none (plansite/reports_import.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite.cli import run
from plansite.forms import FORM_LANGUAGE
from plansite.reports_import import import_forms
from plansite.templating import Templates

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a filled form")
    args = parser.parse_args()

    def import_reports(settings) -> str:
        labels = Templates(settings.templates_dir).labels[FORM_LANGUAGE]
        added = import_forms(args.files, settings.data_dir, labels, settings.pinyin_memo)
        return "\n".join(added) or "No report: every task row of the forms is empty."

    sys.exit(run(__file__, import_reports))
