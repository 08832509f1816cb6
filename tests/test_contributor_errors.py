"""A broken contribution fails the strict HTML build, at its file and line, saying what to do.

Each case breaks ONE thing the way a contributor might, in a minimal project made
with the book's own ``conf.py``, extensions, data and page templates plus a few tiny
pages that use what the book's pages use (tests/minibook.py), and runs the same
strict build as ``make html`` (``sphinx-build -n -W --keep-going``, so the live
preview and the hosting builds fail the same way).  It checks that the build fails,
that the message names the broken file relative to the project with its line, that
it says what to do, and that no other page is blamed.  The control case proves the
unbroken project builds without a single warning, so every failure below comes from
the one edit (the whole book's strict build is checked once per session, in
test_build.py).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import data_yaml
from minibook import make_project, parallel_builds

ROOT = Path(__file__).resolve().parents[1]
# Thirty-odd builds of their own: `make test`, not `make check`.
pytestmark = pytest.mark.slow
TINY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    '<rect width="10" height="10"/></svg>\n'
)
WARNING_LINE = re.compile(r"^(\S+?):(\d*):? (?:WARNING|ERROR|CRITICAL): ", re.MULTILINE)


# -- Small edits, each returning (file, line) of what it broke -------------------------


def append(tree: Path, page: str, text: str) -> tuple[str, int]:
    """Append a paragraph to a page; the line is where ``text`` starts."""
    path = tree / page
    old = path.read_text(encoding="utf-8")
    if not old.endswith("\n"):
        old += "\n"
    path.write_text(old + "\n" + text + "\n", encoding="utf-8")
    return page, old.count("\n") + 2


def prepend(tree: Path, page: str, text: str) -> tuple[str, int]:
    path = tree / page
    path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")
    return page, 1


def after_title(tree: Path, page: str, text: str) -> tuple[str, int]:
    """Insert ``text`` right after the page's ``# title`` line."""
    path = tree / page
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    lines[title + 1 : title + 1] = ["\n", text + "\n"]
    path.write_text("".join(lines), encoding="utf-8")
    return page, title + 3


def fact_without_source(tree: Path) -> tuple[str, int]:
    """The first fact without its source: reported at the fact's key."""
    path = tree / "data" / "facts.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    facts = lines.index("facts:\n")
    start = next(
        i for i in range(facts + 1, len(lines)) if re.match(r"^  [a-z0-9-]+:\s*$", lines[i])
    )
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("    ")), len(lines)
    )
    kept = [line for line in lines[start:end] if not line.startswith("    source:")]
    assert len(kept) == end - start - 1, "the first fact has a one-line 'source:'"
    path.write_text("".join(lines[:start] + kept + lines[end:]), encoding="utf-8")
    return "data/facts.yaml", start + 1


def exact_count_as_value(tree: Path) -> tuple[str, int]:
    """A model card's exact parameter count typed as the value (the data keeps it
    rounded, the exact figure in the note)."""
    path = tree / "data" / "facts.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("  jp-llmjp4-params:\n")
    at = next(i for i in range(start, len(lines)) if lines[i].startswith("    value:"))
    lines[at] = "    value: 32139028992\n"
    path.write_text("".join(lines), encoding="utf-8")
    return "data/facts.yaml", at + 1


def data_line(old: str, new: str | None, at: int = 0) -> Callable[[Path], tuple[str, int]]:
    """Replace the first line of data/facts.yaml that starts with ``old`` by ``new``
    (lines, or none); the mistake is reported ``at`` lines after the replaced one."""

    def edit(tree: Path) -> tuple[str, int]:
        path = tree / "data" / "facts.yaml"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        index = next(i for i, line in enumerate(lines) if line.startswith(old))
        lines[index] = "" if new is None else new + "\n"
        path.write_text("".join(lines), encoding="utf-8")
        return "data/facts.yaml", index + 1 + at

    return edit


# A reported figure of the data (the minimal project's data is the book's).
REPORTED = next(
    key
    for key, fact in data_yaml("facts")["facts"].items()
    if fact["status"] == "reported" and fact.get("value") is not None
)


def non_utf8(tree: Path) -> tuple[str, int]:
    """A paragraph saved as Shift_JIS, as some Windows editors still do."""
    page, line = append(tree, "docs/overview.md", "本文です。")
    with (tree / page).open("ab") as f:
        f.write("\nシフトJISで保存された段落です。\n".encode("shift_jis"))
    return page, line + 2


def unclosed_fence_inside_directive(tree: Path) -> tuple[str, int]:
    """The ``` inside the note is never closed (the :::: then only closes the note's text)."""
    page, line = append(tree, PAGE, "::::{note}\n```\nコード\n::::\n\n本文です。")
    return page, line + 1


def unknown_fact_on_a_second_line(tree: Path) -> tuple[str, int]:
    """A misspelt fact on a paragraph's second line: reported at the role's own line."""
    page, line = append(
        tree, PAGE, "楽天は大きなモデルを目指します。\nその規模は {fact}`target-parms` です。"
    )
    return page, line + 1


def duplicate_label(tree: Path) -> tuple[str, int]:
    """A later page reuses the label of another page (Sphinx names its heading)."""
    page, line = append(tree, "docs/updates.md", "(overview)=\n## 重複したラベル\n\n本文です。")
    return page, line + 1


def new_page_in_no_toctree(tree: Path) -> tuple[str, int]:
    (tree / "docs" / "extra.md").write_text(
        "(extra)=\n# 追加のページ\n\n本文です。\n", encoding="utf-8"
    )
    return "docs/extra.md", 1


def unclosed_dropdown_before_another(tree: Path) -> tuple[str, int]:
    """The first of two FAQ entries is never closed: the second one's ':::' closes it,
    so the parser sees the second entry unclosed; the first is the mistake."""
    page, line = append(
        tree,
        "docs/faq.md",
        "(faq-first)=\n:::{dropdown} 最初の質問ですか？\n\n答えです。\n\n"
        "(faq-second)=\n:::{dropdown} 次の質問ですか？\n\n答えです。\n:::",
    )
    return page, line + 1


def unclosed_fence_after_chart(tree: Path) -> tuple[str, int]:
    """A {chart} fence never closed, followed by a section with an {index} block: the
    index block's closing line closes the chart, which then 'has content'."""
    page, line = append(
        tree,
        PAGE,
        "```{chart} models-by-region\n\n(overview-next)=\n## 次の節\n\n"
        "```{index} AI Index\n```\n\n本文です。",
    )
    return page, line


def glossary_term_without_reading(tree: Path) -> tuple[str, int]:
    """A new glossary term written with kanji, with its anchor but no reading."""
    path = tree / "docs" / "glossary.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    opening = next(i for i, line in enumerate(lines) if line.rstrip().endswith("{glossary}"))
    lines[opening + 1 : opening + 1] = [
        ".. anchor: term-new-word\n",
        "新語\n",
        "  新しい用語です。\n",
        "\n",
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return "docs/glossary.md", opening + 3


def translate_one_paragraph(tree: Path, translation: str) -> int:
    """The English catalogue of the minimal book holds one message: the parameters
    page's paragraph that starts with {term}, translated as ``translation`` (the
    book's own translations of other pages go).  Returns the paragraph's line."""
    page = tree / "docs" / "parameters.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.startswith("{term}"))
    messages = tree / "locales" / "en" / "LC_MESSAGES"
    messages.mkdir(parents=True, exist_ok=True)
    for other in messages.glob("*.po"):
        if other.stem != "book":
            other.unlink()
    (messages / "parameters.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        f"msgid {quoted(lines[line - 1])}\n"
        f"msgstr {quoted(translation)}\n",
        encoding="utf-8",
    )
    return line


def translated_markup_leak(tree: Path) -> tuple[str, int]:
    """The English translation of a paragraph holds a link Markdown refuses: the
    English build names the PO file's line of the message (and the page's line in
    the message), once: the check of markup printed as typed stays quiet there."""
    translate_one_paragraph(tree, TRANSLATION_WITH_A_LEAK)
    return "locales/en/LC_MESSAGES/parameters.po", 5  # the msgid's line, after the header


def translated_running_link(tree: Path) -> tuple[str, int]:
    """The English translation of a paragraph drops a section's title into its
    sentence: reported at the Japanese page's line, naming the PO file."""
    return "docs/parameters.md", translate_one_paragraph(tree, TRANSLATION_WITH_A_RUNNING_LINK)


TRANSLATION_WITH_A_RUNNING_LINK = (
    "About {term}`parameters <パラメータ>`: {ref}`overview-more` is next."
)


TRANSLATION_WITH_A_LEAK = (
    "About {term}`parameters <パラメータ>`: see [this](javascript:alert(1)) "
    "and {ref}`overview-more`."
)


def quoted(text: str) -> str:
    """A PO string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def with_image(edit: Callable[[Path], tuple[str, int]]) -> Callable[[Path], tuple[str, int]]:
    def run(tree: Path) -> tuple[str, int]:
        (tree / "docs" / "chart.svg").write_text(TINY_SVG, encoding="utf-8")
        return edit(tree)

    return run


# -- The cases -------------------------------------------------------------------------


@dataclass
class Case:
    name: str
    edit: Callable[[Path], tuple[str, int | None]]
    says: tuple[str, ...]  # what is wrong, and what to do (all must appear)
    # Every warning is at the broken line: nothing else is blamed, not even a line
    # of the same page (the mistake's consequences are not reported as mistakes).
    only_there: bool = False
    alone: bool = False  # the build's one and only warning
    env: dict[str, str] = field(default_factory=dict)  # the build's environment


PAGE = "docs/overview.md"
CASES = [
    Case(
        "ref-to-missing-label",
        lambda t: append(t, PAGE, "{ref}`overview-no-such-topic` を見てください。"),
        ("undefined label: 'overview-no-such-topic'", "(label)="),
    ),
    Case(
        "term-not-in-glossary",
        lambda t: append(t, PAGE, "{term}`存在しない用語` について説明します。"),
        ("term not in glossary", "docs/glossary.md"),
    ),
    Case("duplicate-label", duplicate_label, ("duplicate label overview", "unique")),
    Case(
        "page-in-no-toctree",
        new_page_in_no_toctree,
        ("isn't included in any toctree", "docs/index.md"),
    ),
    Case(
        "toctree-names-missing-page",
        lambda t: append(t, "docs/index.md", "```{toctree}\n:hidden:\n\nno-such-page\n```"),
        ("nonexisting document 'no-such-page'", "docs/<name>.md"),
    ),
    Case(
        "missing-image",
        lambda t: append(t, PAGE, "![棒グラフ](no-such-chart.svg)"),
        ("image file not readable", "relative to the page"),
    ),
    Case(
        "image-without-alt",
        with_image(lambda t: append(t, PAGE, "![](chart.svg)")),
        ("has no alt text", "say what it shows"),
    ),
    Case(
        "figure-without-alt",
        with_image(lambda t: append(t, PAGE, "```{figure} chart.svg\n図の説明です。\n```")),
        ("has no alt text", ":alt:"),
    ),
    Case(
        "image-from-another-site",
        lambda t: append(t, PAGE, "![ロゴ](https://example.com/logo.png)"),
        ("loaded from another site", "add the file to the repository"),
    ),
    Case(
        "raw-script",
        lambda t: append(t, PAGE, "<script>alert('x')</script>"),
        ("raw <script> is not allowed in pages", "pages are content, not code"),
    ),
    Case(
        "raw-iframe",
        lambda t: append(t, PAGE, '<iframe src="https://example.com/"></iframe>'),
        ("raw <iframe> is not allowed in pages", "[text](https://...)"),
    ),
    Case(
        "inline-event-handler",
        lambda t: append(t, PAGE, '<kbd onclick="steal()">Ctrl</kbd> を押します。'),
        ("inline event handler 'onclick='", "remove the attribute"),
    ),
    Case(
        "javascript-link",
        lambda t: append(t, PAGE, '<a href="javascript:alert(1)">ここ</a>を押します。'),
        ("'javascript:' URL", "https://"),
    ),
    Case(
        "raw-html-not-in-style-guide",
        lambda t: append(t, PAGE, '<div class="box">囲み</div>'),
        ("raw <div> is not allowed in pages", "STYLE.md"),
    ),
    Case(
        "raw-latex",
        lambda t: append(t, PAGE, "```{raw} latex\n\\newpage\n```"),
        ("raw latex is not allowed in pages", "conf.py"),
    ),
    Case(
        "http-link",
        lambda t: append(t, PAGE, "[経済産業省](http://www.meti.go.jp/)の発表です。"),
        ("plain http://", "use https://www.meti.go.jp/"),
    ),
    Case(
        "link-to-missing-page",
        lambda t: append(t, PAGE, "[前の章](no-such-page.md)を見てください。"),
        ("cross-reference target not found", "{ref}`label`"),
    ),
    Case("fact-without-source", fact_without_source, ("has no source", "add 'source: [<key>]'")),
    Case(
        "fact-with-unknown-status",
        data_line("    status:", "    status: rumour"),  # the first fact's
        ("unknown status 'rumour'", "expected one of: confirmed, reported, unverified"),
    ),
    Case(
        "model-new-training-word",
        # the first model's: a training word the book has no words or marker for
        data_line("    training:", "    training: post-trained"),
        ("unknown training 'post-trained'", "expected one of: scratch, continued, unknown"),
    ),
    Case(
        "about-typed-before-a-rounded-figure",
        lambda t: append(t, PAGE, "Rakuten AI 2.0 の総数は約{fact}`rakuten-ai-2-params`です。"),
        ("'約' typed before fact 'rakuten-ai-2-params'", "already says so; remove the word"),
    ),
    Case(
        "about-typed-before-an-exact-figure",
        lambda t: append(t, PAGE, "LLM-jp-3 172B は約{fact}`jp-llmjp3-params`です。"),
        ("'約' typed before fact 'jp-llmjp3-params'", "set 'about: true' there"),
    ),
    Case(
        "exact-count-as-value",
        exact_count_as_value,
        ("has 11 significant figures", "keep the exact figure in 'note'"),
    ),
    Case(
        "unknown-unit",
        data_line("    unit: params", "    unit: parms"),
        ("unknown unit 'parms' (did you mean 'params'?)",),
        alone=True,
    ),
    Case(
        "misspelled-source-key",
        data_line(
            "    source: [secondary-2025-07, rakuten-press-2025-07-15]",
            "    source: [secondary-2025-7, rakuten-press-2025-07-15]",
        ),
        (
            "fact 'target-params' names unknown source 'secondary-2025-7' "
            "(did you mean 'secondary-2025-07'?) [facts.data]",
        ),
        alone=True,
    ),
    Case(
        "fact-without-its-english-label",
        data_line("    label_en:", None, at=-1),  # reported at the fact's line above
        ("needs 'label_en'",),
        alone=True,
    ),
    Case(
        "field-the-schema-does-not-know",
        data_line("  target-params:", "  target-params:\n    added: later", at=1),
        ("fact 'target-params' has unknown added 'later'",),
    ),
    Case(
        "supersedes-an-unknown-fact",
        data_line("    supersedes: rakuten-ai-3-params", "    supersedes: rakuten-ai-3-param"),
        ("fact 'rakuten-ai-3-params-card' supersedes unknown fact 'rakuten-ai-3-param'",),
    ),
    Case(
        "unknown-fact-key",
        lambda t: append(t, PAGE, "規模は {fact}`no-such-fact` です。"),
        ("unknown fact 'no-such-fact'", "add it to data/facts.yaml"),
    ),
    Case(
        "unknown-fact-on-a-paragraphs-second-line",
        unknown_fact_on_a_second_line,
        ("unknown fact 'target-parms' (did you mean 'target-params'?)",),
        alone=True,
    ),
    Case(
        "reported-fact-without-attribution",
        lambda t: append(t, PAGE, f"値は {{fact}}`{REPORTED}` です。"),
        (f"fact '{REPORTED}'", "attribute it in the same sentence", "報道によれば"),
    ),
    Case("non-utf8-page", non_utf8, ("not UTF-8", "save the file as UTF-8")),
    Case(
        "unclosed-code-fence",
        lambda t: append(t, PAGE, "```python\nx = 1\n\n## このあとの見出し\n\n本文です。"),
        ("never closed", "add a line '```'"),
    ),
    Case(
        "unclosed-directive",
        lambda t: append(t, PAGE, ":::{note}\n注意です。\n\n## このあとの見出し"),
        ("{note} directive opened here is never closed", "add a line ':::'"),
    ),
    Case(
        "unclosed-fence-inside-directive",
        unclosed_fence_inside_directive,
        ("never closed", "add a line '```'"),
    ),
    Case(
        "unclosed-dropdown-before-another",
        unclosed_dropdown_before_another,
        ("the {dropdown} directive opened here is never closed", "add a line ':::'"),
        only_there=True,
    ),
    Case(
        "unclosed-fence-after-chart",
        unclosed_fence_after_chart,
        (
            "the {chart} directive opened here is never closed",
            "add a line '```'",
            # the chart's own complaint about what it swallowed, with the hint that fits
            "Has content, but none permitted",
            "its fence is never closed (see the warning for this line)",
        ),
        only_there=True,
    ),
    Case(
        "link-markdown-refuses",
        lambda t: append(t, PAGE, "詳しくは[こちら](javascript:alert(1))を見てください。"),
        ("a link Markdown did not take as a link is printed as typed", "[text](https://...)"),
        only_there=True,
    ),
    Case(
        "role-not-closed",
        lambda t: append(t, PAGE, "報道によれば、規模は {fact}`target-params です。"),
        ("a role whose backticks do not close is printed as typed", "{role}`content`"),
        only_there=True,
    ),
    Case(
        "role-with-a-space",
        lambda t: append(t, PAGE, "報道によれば、規模は {fact} `target-params` です。"),
        ("a role followed by a space is printed as typed", "write {fact}`…`"),
        only_there=True,
    ),
    Case(
        "role-without-backticks",
        lambda t: append(t, PAGE, "詳しくは {ref}overview を見てください。"),
        ("a role without backticks is printed as typed", "{role}`content`"),
        only_there=True,
    ),
    Case(
        "running-link-title",
        lambda t: append(t, PAGE, "支援の枠組みは {ref}`overview-geniac` で説明しました。"),
        (
            "the link {ref}`overview-geniac` prints the section's title inside a sentence",
            "「{ref}`overview-geniac`」",
            "{ref}`your words <overview-geniac>`",
        ),
        only_there=True,
    ),
    Case(
        "running-link-title-in-a-translation",
        translated_running_link,
        (
            "prints the section's title inside a sentence",
            "locales/en/LC_MESSAGES/parameters.po",
        ),
        only_there=True,
        env={"BOOK_LANGUAGE": "en"},
    ),
    Case(
        "stray-fence-marker",
        lambda t: append(t, PAGE, "コードは ```python と書きます。"),
        ("a fence marker is printed as typed", "must start its own line"),
        only_there=True,
    ),
    Case(
        "markup-leak-in-a-translation",
        translated_markup_leak,
        ("does not have the original's Markdown links", "docs/parameters.md:"),
        only_there=True,
        env={"BOOK_LANGUAGE": "en"},
    ),
    Case(
        "malformed-front-matter",
        lambda t: prepend(t, PAGE, "---\ntitle: [閉じていない\n---\n"),
        ("Malformed YAML", "valid YAML"),
    ),
    Case(
        "unclosed-front-matter",
        lambda t: prepend(t, PAGE, "---\ntitle: 閉じていない\n\n"),
        ("may not begin with a transition", "second `---` line"),
    ),
    Case(
        "unknown-directive",
        lambda t: append(t, PAGE, "```{notte}\n注意です。\n```"),
        ("Unknown directive type: 'notte'", "STYLE.md"),
    ),
    Case(
        "unknown-role",
        lambda t: append(t, PAGE, "{facts}`target-params` です。"),
        ('Unknown interpreted text role "facts"', "STYLE.md"),
    ),
    Case(
        "index-entry-without-reading",
        lambda t: append(t, PAGE, "```{index} 新語; 使い方\n```\n\n本文です。"),
        (
            "index entry '新語' has no reading",
            "add the line '新語: <its reading in hiragana>' to data/index-readings.yaml",
        ),
        only_there=True,
    ),
    Case(
        "glossary-term-without-reading",
        glossary_term_without_reading,
        ("glossary term '新語' has no reading", "data/index-readings.yaml"),
        only_there=True,
    ),
    Case(
        "heading-level-jump",
        lambda t: after_title(t, PAGE, "### 飛んだ見出し\n\n本文です。"),
        ("Non-consecutive header level increase", "one heading level at a time"),
    ),
]


# -- Running the builds (in two worker processes: the machine has two cores) -----------


@dataclass
class Result:
    returncode: int
    output: str
    broken: tuple[str, int | None] | None
    html: Path


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    base = tmp_path_factory.mktemp("contrib")
    pristine = make_project(base / "pristine")
    jobs: list[tuple[str, Callable[[Path], object] | None, dict[str, str]]] = [
        ("control", None, {})
    ]
    jobs += [(case.name, case.edit, case.env) for case in CASES]
    jobs.append(("templates", use_page_kind_templates, {}))
    broken = {}

    def trees() -> Iterator[tuple[Path, dict[str, str]]]:
        """Each case's copy, broken, handed to the builders as soon as it is made."""
        for name, edit, env in jobs:
            tree = base / name
            shutil.copytree(pristine, tree)
            broken[name] = edit(tree) if edit else None
            yield tree, env

    built = parallel_builds(trees())
    return {
        name: Result(code, output, broken[name], base / name / "out")  # type: ignore[arg-type]
        for (name, _, _), (code, output) in zip(jobs, built, strict=True)
    }


def use_page_kind_templates(tree: Path) -> None:
    """Use each template of docs/_templates/page-kinds/ as CONTRIBUTING.md says."""
    kinds = tree / "docs" / "_templates" / "page-kinds"
    shutil.copy(kinds / "chapter.md", tree / "docs" / "chapter-name.md")
    index = tree / "docs" / "index.md"
    text = index.read_text(encoding="utf-8")
    index.write_text(
        text.replace("\noverview\n", "\noverview\nchapter-name\n", 1), encoding="utf-8"
    )
    append(tree, "docs/faq.md", (kinds / "faq-entry.md").read_text(encoding="utf-8"))
    glossary = tree / "docs" / "glossary.md"
    term = (kinds / "glossary-term.md").read_text(encoding="utf-8")
    entry = "\n".join(line for line in term.splitlines() if not line.startswith("%"))
    text = glossary.read_text(encoding="utf-8")
    opening = next(line for line in text.splitlines() if line.endswith("{glossary}"))
    glossary.write_text(text.replace(opening, f"{opening}\n{entry}\n", 1), encoding="utf-8")
    # A term written with kanji has its reading in the data (the template says so).
    readings = tree / "data" / "index-readings.yaml"
    with readings.open("a", encoding="utf-8") as out:
        out.write("用語: ようご\n")


def test_page_kind_templates_build_without_a_warning(results: dict[str, Result]) -> None:
    used = results["templates"]
    assert used.returncode == 0, used.output
    assert not WARNING_LINE.search(used.output), used.output
    chapter = (used.html / "chapter-name.html").read_text(encoding="utf-8")
    assert "章の見出し" in chapter
    assert "faq-topic" in (used.html / "faq.html").read_text(encoding="utf-8")


# -- The page-kind templates build into the structure of the book's pages ------------
# (each template, built into a page of its kind, compared on the HTML: what readers get)

AUTO_ID = re.compile(r"^id\d+$")
# The chapters with sections (the FAQ's entries and the glossary's terms are
# compared entry by entry below).
SECTIONED_CHAPTERS = ("overview", "parameters", "comparison", "domestic", "updates")


def html_main(html: str) -> Tag:
    main = BeautifulSoup(html, "html.parser").select_one('[role="main"]')
    assert main is not None, "no element with role=main"
    return main


def labelled(section: Tag) -> bool:
    """The section has an explicit label ((label)=), not only an automatic id."""
    ids = [section.get("id", "")] + [
        span.get("id", "") for span in section.find_all("span", recursive=False)
    ]
    return any(i and not AUTO_ID.match(i) for i in ids)


def chapter_structure(html: str) -> tuple:
    """A chapter's outline: a labelled title, the figures' date line right under it,
    then an introduction and labelled sections."""
    top = html_main(html).find("section")
    children = [c for c in top.find_all(recursive=False) if c.name != "span"]
    sections = top.find_all("section", recursive=False)
    return (
        ("title", labelled(top)),
        (
            "date line under the title",
            children[1].name == "p" and "figures-as-of" in children[1].get("class", []),
        ),  # fmt: skip
        ("introduction before the first section", children[2].name != "section"),
        ("sections", bool(sections)),
        ("every section labelled", all(labelled(s) for s in sections)),
    )


def faq_entries(html: str) -> dict[str, tuple]:
    """Each labelled entry of the FAQ (faq-…) and its shape: a dropdown whose title is
    the question, with paragraphs that send the reader to a chapter."""
    entries = {}
    for element in html_main(html).select('[id^="faq-"]'):
        if element.name == "span":  # a label's anchor: the entry is what follows it
            element = element.find_next_sibling()
        body = element.select_one(".sd-summary-content") if element.name == "details" else None
        entries[element.get("id") or element.find_previous_sibling("span")["id"]] = (
            ("element", element.name, tuple(sorted(element.get("class", [])))),
            ("question as its title", element.select_one("summary") is not None),
            ("paragraphs", body is not None and bool(body.find_all("p", recursive=False))),
            (
                "sends to a chapter",
                body is not None and body.select_one("a.reference.internal") is not None,
            ),  # fmt: skip
        )
    return entries


def glossary_terms(html: str) -> dict[str, tuple]:
    """Each term of the glossary and its shape: an anchored term, then its explanation."""
    terms = {}
    for dt in html_main(html).select("dl.glossary > dt"):
        dd = dt.find_next_sibling("dd")  # synonyms (several <dt>) share one explanation
        terms[dt.get("id", "")] = (
            ("anchored", dt.get("id", "").startswith("term-")),
            ("explained", dd is not None and bool(dd.find_all("p"))),
        )
    return terms


def test_page_kind_templates_give_the_structure_of_their_pages(
    results: dict[str, Result], pages: dict[str, str]
) -> None:
    built = results["templates"].html
    assert results["templates"].returncode == 0, results["templates"].output

    chapter = chapter_structure((built / "chapter-name.html").read_text(encoding="utf-8"))
    for name in SECTIONED_CHAPTERS:
        assert chapter_structure(pages[name]) == chapter, (
            f"the chapter template (docs/_templates/page-kinds/chapter.md) builds into\n"
            f"{chapter}\nbut {name}.html is\n{chapter_structure(pages[name])}"
        )

    entries = faq_entries(pages["faq"])
    assert entries, "the book's FAQ has no labelled entry: nothing to compare with"
    (shape,) = set(entries.values())  # the book's entries share one shape
    template = faq_entries((built / "faq.html").read_text(encoding="utf-8"))["faq-topic"]
    assert template == shape, (
        f"the FAQ entry template (faq-entry.md) builds into\n{template}\n"
        f"but the FAQ's entries are\n{shape}"
    )

    terms = glossary_terms(pages["glossary"])
    assert terms, "the book's glossary has no term: nothing to compare with"
    (shape,) = set(terms.values())
    built_terms = glossary_terms((built / "glossary.html").read_text(encoding="utf-8"))
    # The minimal project's one term and the template's.
    assert len(built_terms) == 2, f"the glossary term template added no term: {built_terms}"
    for term, built_shape in built_terms.items():
        assert built_shape == shape, (
            f"the glossary term template (glossary-term.md) builds into\n{built_shape}\n"
            f"({term}) but the glossary's terms are\n{shape}"
        )


def test_unbroken_copy_builds_without_a_warning(results: dict[str, Result]) -> None:
    control = results["control"]
    assert control.returncode == 0, control.output
    assert not WARNING_LINE.search(control.output), control.output
    assert (control.html / "index.html").is_file()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_contribution_fails_at_its_file_and_line(
    case: Case, results: dict[str, Result]
) -> None:
    result = results[case.name]
    assert result.broken is not None
    file, line = result.broken
    assert result.returncode != 0, f"the build passed despite {case.name}:\n{result.output}"
    # A message, not a crash.
    assert "Traceback" not in result.output and "Exception occurred" not in result.output, (
        result.output
    )

    warnings = [
        (m.group(1), m.group(2), result.output[m.start() :].split("\n", 1)[0])
        for m in WARNING_LINE.finditer(result.output)
    ]
    assert warnings, f"no located warning:\n{result.output}"
    # Every complaint is about the broken file: the rest of the book is untouched.
    assert {w[0] for w in warnings} == {file}, result.output
    # The message for the edit names the line and says what is wrong and what to do.
    located = [text for f, ln, text in warnings if ln == str(line)]
    assert located, f"nothing reported at {file}:{line}:\n{result.output}"
    if case.alone:
        assert len(warnings) == 1, f"more than one warning:\n{result.output}"
    if case.only_there or case.alone:
        elsewhere = [text for f, ln, text in warnings if ln != str(line)]
        assert not elsewhere, f"blamed besides {file}:{line}:\n{result.output}"
    message = "\n".join(located)
    for phrase in case.says:
        assert phrase in message, f"{phrase!r} missing from:\n{message}"
    # Paths are written relative to the project, never as the machine's paths.
    assert str(ROOT) not in result.output and "/tmp" not in result.output, result.output
    # The other pages were still written (--keep-going): one mistake, one message.
    assert (result.html / "index.html").is_file()
