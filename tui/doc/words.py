"""Interface phrases assembled from ui.yaml words, shared by the app and the handouts."""

from __future__ import annotations

from datetime import date

from ..model.content import Content
from ..model.schema import UI, Claim


def attribution(content: Content, claim: Claim) -> str:
    """Who makes a claim and where: "Claimed by the article (¶6)"."""
    ui = content.ui
    where = ui.standfirst if claim.para == 0 else ui.article_para.format(n=claim.para)
    if claim.by == content.index.article.source:
        return ui.by_article.format(where=where)
    return ui.by_cited.format(who=content.name_of(claim.by), where=where)


def verdict_word(content: Content, verdict: str) -> str:
    return content.ui.verdicts.get(verdict, verdict)


def day(ui: UI, iso: str) -> str:
    """A YYYY-MM-DD day as the language writes it: "2 December 2026", "2 de diciembre de 2026"."""
    when = date.fromisoformat(iso)
    return ui.date.format(day=when.day, month=ui.months[when.month - 1], year=when.year)


def number(ui: UI, value: float, places: int = 2) -> str:
    """A figure with the language's decimal mark: 88.42 in English, 88,42 in Spanish."""
    return f"{value:.{places}f}".replace(".", ui.decimal_mark)


def checked(content: Content) -> str:
    """ "Checked against the record as of 2 December 2026", or "" when the index gives no day."""
    when = content.index.checked
    return content.ui.checked.format(date=day(content.ui, when)) if when else ""


def corrections_name(content: Content) -> str:
    """The corrections log as links and lists name it, with its size: "Corrections (71)"; "" for none."""
    log = content.corrections
    return f"{content.ui.corrections} ({len(log.entries)})" if log is not None and log.entries else ""
