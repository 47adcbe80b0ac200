"""`make forms`: every department's report form alone, into build/forms/ (or --out),
named for the department (市水利局.xlsx), for the person who sends them out. They are
the same files the site publishes at data/forms/."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from plansite.cli import run
from plansite.form_workbook import render_form
from plansite.forms import FORM_LANGUAGE, form_file_name
from plansite.load import load_plan
from plansite.templating import Templates

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, help="default: build/forms/ in the project")
    args = parser.parse_args()

    def build_forms(settings) -> str:
        plan = load_plan(settings.data_dir, settings.pinyin_memo)
        labels = Templates(settings.templates_dir).labels[FORM_LANGUAGE]
        out = args.out or settings.root / "build" / "forms"
        out.mkdir(parents=True, exist_ok=True)
        for department in plan.departments:
            (out / form_file_name(department)).write_bytes(render_form(plan, department, labels))
        return f"{len(plan.departments)} forms written to {out}"

    sys.exit(run(__file__, build_forms))
