"""The editorial pass of issue 19, kept: each chapter opens with its takeaways, the top
page tells the story with the right dates, the status marks are defined in one place,
and the re-check of December 2026 (FACTS-3) stays in the data, dated and sourced."""

from __future__ import annotations

import re

import pytest
from book.data import models_file
from book.data.book_numbers import date_span, format_date
from book.data.yamlfile import is_date
from conftest import ROOT
from helpers import FACTS as DATA
from helpers import soup

LABELS = DATA.labels["ja"]
CHAPTERS = ("overview", "parameters", "comparison", "domestic", "faq", "updates")
TITLES = {"ja": "要点", "en": "In short"}


# -- Each chapter opens with its takeaways; the top page with the story ----------------


@pytest.mark.parametrize("edition", ["ja", "en"])
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_each_chapter_opens_with_its_takeaways(
    pages: dict[str, str], pages_en: dict[str, str], edition: str, chapter: str
) -> None:
    """Right under the title and the date line: a 要点 / "In short" box of a few
    short points, before any section of the chapter."""
    page = soup((pages if edition == "ja" else pages_en)[chapter])
    section = page.select_one("article section")
    blocks = [c for c in section.children if getattr(c, "name", None)]
    names = [b.name + "." + ".".join(b.get("class", [])) for b in blocks[:3]]
    assert blocks[1].get("class") == ["figures-as-of"], names
    box = blocks[2]
    assert "key-points" in box.get("class", []), f"{chapter}: the third block is {names[2]}"
    assert box.select_one(".admonition-title").get_text() == TITLES[edition]
    points = box.select("li")
    assert 2 <= len(points) <= 5, f"{chapter}: {len(points)} points"


def test_the_top_page_tells_the_story_with_its_dates(pages: dict[str, str]) -> None:
    """The opening gives the announcement and, as a separate date, the publication
    of the weights (the top page read as if both happened on 2025-12-18)."""
    page = soup(pages["index"])
    opening = page.select_one("article section")
    text = ""
    for block in opening.children:
        if getattr(block, "name", None) == "p":
            text += block.get_text()
        elif getattr(block, "name", None) and text:
            break  # the first paragraphs, before the downloads
    for key in ("rakuten-ai-3-date", "rakuten-ai-3-open", "meti-support-date"):
        date = format_date(str(DATA.facts[key].value), LABELS)
        assert date in text, f"the opening lacks {key} ({date}): {text[:200]}"
    announced = format_date(str(DATA.facts["rakuten-ai-3-date"].value), LABELS)
    sentence = next(s for s in text.split("。") if announced in s)
    published = format_date(str(DATA.facts["rakuten-ai-3-open"].value), LABELS)
    assert "重み" not in sentence or published in sentence, (
        f"the announcement's sentence gives the weights its date: {sentence}"
    )


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_marks_are_defined_in_one_place(
    pages: dict[str, str], pages_en: dict[str, str], language: str
) -> None:
    """The top page and the sources page show the same {marks-legend}, with each
    status's help in the edition's words, and no page defines a mark by hand."""
    site = pages if language == "ja" else pages_en
    index, sources = (
        soup(site[name]).select_one("dl.marks-legend") for name in ("index", "sources")
    )
    assert index and sources, (index, sources)
    text = index.get_text(" ", strip=True)
    assert sources.get_text(" ", strip=True) == text
    for status in ("reported", "unverified", "confirmed"):
        assert DATA.labels[language]["statuses"][status]["help"] in text, status
    hand_written = re.compile(r"［(報道|未確認)］\s*[：:]|本文の印：")
    for page in sorted((ROOT / "docs").glob("*.md")):
        found = hand_written.search(page.read_text(encoding="utf-8"))
        assert not found, f"{page.name} defines a mark by hand: {found.group(0)}"


# -- The re-check of December 2026 (FACTS-3) stays in the data -------------------------

# The facts added in the pass, each dated, checked and with a source one can open.
ADDED = (
    "geniac-name-en ai-law-date ai-basic-plan-date ai-basic-plan gennai-models-date "
    "gennai-models-count gennai-criteria gennai-users gennai-trial-start eval-conditions "
    "aiindex26-independent-tests rakuten-ai-2-base jp-elyza-dense jp-shisa-params "
    "jp-shisa-date jp-shisa-base rakuten-ai-3-open-plan rakuten-ai-3-0-1-harmless "
    "national-model-aid-fy2026 noetra-engineers noetra-first-model rakuten-noetra "
    "kimi-k2-params kimi-k2-active kimi-k2-date aiindex26-params-plateau "
    "aiindex26-models-decline aiindex26-models-epoch aiindex26-arena-matched-date "
    "aiindex26-arena-gap-date"
).split()


@pytest.mark.parametrize("key", ADDED)
def test_a_new_fact_is_dated_and_sourced(key: str) -> None:
    fact = DATA.facts.get(key)
    assert fact is not None, f"{key} is gone from data/facts.yaml"
    assert is_date(fact.as_of) and is_date(fact.checked), key
    assert fact.checked >= "2026-12-06", f"{key}: checked {fact.checked}, before the re-check"
    urls = [DATA.sources[s].url for s in fact.sources]
    assert any(u.startswith("https://") for u in urls), f"{key}: no source with an address"


def test_the_corrections_of_facts_3_stand() -> None:
    f = DATA.facts
    # LLM-jp-4 32B-A3B: about 3.8 billion active (the card's 3,827,476,992), not 3
    active = f["jp-llmjp4-active"]
    assert abs(active.value - 3_827_476_992) < 0.05e9 and active.about
    assert any(c.get("was") == 3_000_000_000 for c in active.corrections)
    # GPT-OSS Swallow: released on 2026-02-20
    assert str(f["jp-swallow-date"].value) == "2026-02-20"
    # the weights of Rakuten AI 3.0 came on 2026-03-17, not on the announcement day
    assert str(f["rakuten-ai-3-open"].value) == "2026-03-17"
    assert f["rakuten-ai-3-open"].value != f["rakuten-ai-3-date"].value
    # two moments of the Arena gap: Feb 2025 (level) and Mar 2026 (2.7 %)
    assert str(f["aiindex26-arena-matched-date"].value) == "2025-02"
    assert str(f["aiindex26-arena-gap-date"].value) == "2026-03"
    # the July 2025 target rests on reports only
    target = f["target-params"]
    assert target.status == "reported"
    assert any(c.get("was_status") == "confirmed" for c in target.corrections)


def test_the_models_table_follows_the_evidence_and_the_dates() -> None:
    rows = {m.key: m for m in models_file.read_models(ROOT).rows}
    assert rows["rakuten-ai-2"].training == "continued" and rows["rakuten-ai-2"].base
    assert rows["llama-3-elyza-jp-70b"].architecture == "dense"
    # the table is in date order (GPT-OSS Swallow was listed after a later model)
    days = [date_span(str(DATA.facts[m.released].value))[0] for m in rows.values()]
    assert days == sorted(days), [m.key for m in rows.values()]


def test_the_glossary_explains_the_words_the_english_edition_glossed(
    pages: dict[str, str],
) -> None:
    """FACTS-3 §D: the Japanese edition lacked the help the English one gave."""
    glossary = soup(pages["glossary"])
    terms = {dt.get_text(strip=True).rstrip("¶") for dt in glossary.select("dl.glossary dt")}
    for term in ("モデルカード", "密なモデル", "NEDO", "補正予算", "源内"):
        assert term in terms, f"{term} is not in the glossary"
