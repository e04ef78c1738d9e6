"""Page parts that several section views share: claims, points, questions, links."""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Content
from ..model.schema import Claim, Point
from ..widgets.blocks import Block, Heading, Links, Para, Titled
from ..widgets.claim import ClaimBlock


def links(content: Content, label: str, targets: Iterable[str]) -> list[Block]:
    """A labelled list of links to `targets`, or nothing when there are none."""
    pairs = tuple((content.name_of(target), target) for target in dict.fromkeys(targets))
    return [Links(label=label, links=pairs)] if pairs else []


def claims(content: Content, found: Iterable[Claim], title: str | None = None) -> list[Block]:
    blocks: list[Block] = [ClaimBlock.of(content, claim) for claim in found]
    return [Heading(text=title or content.ui.claims, level=3), *blocks] if blocks else []


def points(content: Content, found: Iterable[Point]) -> list[Block]:
    blocks: list[Block] = []
    for point in found:
        blocks.append(Titled(title=point.title, text=point.text))
        blocks += links(content, content.ui.related, point.links)
    return blocks


def questions(content: Content, found: Iterable[str]) -> list[Block]:
    numbered = [f"{number}. {question}" for number, question in enumerate(found, start=1)]
    if not numbered:
        return []
    return [Heading(text=content.ui.questions, level=3), Para(text="\n".join(numbered), indent=2)]
