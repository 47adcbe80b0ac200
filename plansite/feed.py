"""The progress reports as an Atom feed (RFC 4287), one per language, newest first.

Every date in it comes from the reports (the feed's own: its newest report's, or the
date the data is current to when there is none), never from the clock, so the same data
gives the same feed. An entry's id is a name-based UUID of the plan, the language, the
task, the department and the report's date: it stays the same from build to build and
whatever the site's address.
"""

from __future__ import annotations

import datetime
import html
import uuid
from xml.sax.saxutils import escape, quoteattr

from . import urls
from .model import LANGUAGE_TAGS, Plan, Report
from .templating import paragraphs

# Wuxi's time zone: a report's date is a day there.
UTC_OFFSET = "+08:00"


def _time(date: datetime.date) -> str:
    return f"{date.isoformat()}T00:00:00{UTC_OFFSET}"


def _id(plan: Plan, lang: str, *parts: object) -> str:
    name = "/".join(str(part) for part in (plan.file_prefix, lang, *parts))
    return uuid.uuid5(uuid.NAMESPACE_URL, name).urn


def atom_feed(plan: Plan, lang: str, labels: dict[str, str], base: str) -> str:
    """The feed of one language's site. `base`: that site's absolute address, or "" to
    write every link relative to the feed, which lies at the site's root."""
    t = labels
    reports = plan.newest_reports()
    updated = reports[0].date if reports else plan.current_to
    root = base or "./"
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{LANGUAGE_TAGS[lang]}">',
        f"<id>{_id(plan, lang, 'feed')}</id>",
        f"<title>{escape(t['feed_title'].format(site=plan.name[lang]))}</title>",
        f"<updated>{_time(updated)}</updated>",
        f"<author><name>{escape(plan.name[lang])}</name></author>",
        f'<link rel="alternate" type="text/html" href={quoteattr(root)}/>',
    ]
    if base:
        lines.append(f'<link rel="self" href={quoteattr(base + urls.FEED_PATH)}/>')
    lines += [_entry(plan, lang, t, report, base) for report in reports]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def _entry(plan: Plan, lang: str, t: dict[str, str], report: Report, base: str) -> str:
    task, department = report.task, report.department
    title = t["feed_entry"].format(
        department=department.name[lang],
        task=task.id,
        title=task.title[lang],
        status=report.status.name[lang],
    )
    link = base + urls.page_url(urls.task_path(task)) + "#" + urls.PROGRESS_ANCHOR
    return "\n".join(
        [
            "<entry>",
            f"<id>{_id(plan, lang, 'report', task.id, department.slug, report.date)}</id>",
            f"<title>{escape(title)}</title>",
            f"<updated>{_time(report.date)}</updated>",
            f"<published>{_time(report.date)}</published>",
            f"<author><name>{escape(department.name[lang])}</name></author>",
            f'<link rel="alternate" type="text/html" href={quoteattr(link)}/>',
            f'<category term="{report.status.id}" label={quoteattr(report.status.name[lang])}/>',
            f'<content type="html">{escape(_content(lang, t, report))}</content>',
            "</entry>",
        ]
    )


def _content(lang: str, t: dict[str, str], report: Report) -> str:
    """The report as HTML: its status, the department's words (in the language's, or
    the Chinese marked as untranslated), its evidence."""
    e = html.escape
    parts = [f"<p>{e(t['status'])}{e(t['colon'])}{e(report.status.name[lang])}</p>"]
    translated = report.text_zh if lang == "zh" else report.text_en
    if translated:
        parts.append(paragraphs(translated))
    else:
        parts.append(f"<p>{e(t['untranslated'])}</p>")
        parts.append(f'<div lang="{LANGUAGE_TAGS["zh"]}">{paragraphs(report.text_zh)}</div>')
    if report.evidence:
        links = (f'<a href="{e(link)}">{e(link)}</a>' for link in report.evidence)
        parts.append(f"<p>{e(t['evidence'])}{e(t['colon'])}{' '.join(links)}</p>")
    return "\n".join(parts)
