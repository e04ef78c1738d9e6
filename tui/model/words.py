"""Interface phrases assembled from ui.yaml words, shared by the app and the handouts."""

from __future__ import annotations

from .content import Content
from .schema import Claim


def attribution(content: Content, claim: Claim) -> str:
    """Who makes a claim and where: "Claimed by the article (¶6)"."""
    ui = content.ui
    where = ui.standfirst if claim.para == 0 else ui.article_para.format(n=claim.para)
    if claim.by == content.index.article.source:
        return ui.by_article.format(where=where)
    return ui.by_cited.format(who=content.name_of(claim.by), where=where)


def verdict_word(content: Content, verdict: str) -> str:
    return content.ui.verdicts.get(verdict, verdict)
