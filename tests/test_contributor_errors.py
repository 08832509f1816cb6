"""A broken contribution fails the strict HTML build, at its file and line, saying what to do.

Each case breaks ONE thing the way a contributor might, in a minimal project made
with the book's own ``conf.py``, extensions, data and page templates plus a few tiny
pages that use what the book's pages use (tests/minibook.py), and runs the same
strict build as ``make html`` (``sphinx-build -n -W --keep-going``, so the live
preview and the hosting builds fail the same way).  It checks that the build fails,
that the message names the broken file relative to the project with its line, that
it says what to do, and that nothing else is blamed.

The mistakes in pages share one build, each in a file of its own (a page of its own,
unless it needs another): every warning of that build must be in one of their files.
A mistake in the data is built alone, as is each edition.  The page-kind templates,
used in an unbroken copy, prove it builds without a single warning, so every failure
comes from the edits (the whole book's strict build is checked in test_build.py).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from helpers import FACTS as DATA
from minibook import make_project, parallel_builds, po_text

ROOT = Path(__file__).resolve().parents[1]
# A few builds of their own: `make test`, not `make check`.
pytestmark = pytest.mark.slow
WARNING_LINE = re.compile(r"^(\S+?):(\d*):? (?:WARNING|ERROR|CRITICAL): ", re.MULTILINE)
# A case's own page, before its edit ((label)= and # title, as every page starts).
OWN_PAGE = "({name})=\n# 事例\n"
# A reported figure of the data (the minimal project's data is the book's).
REPORTED = next(
    key for key, fact in DATA.facts.items() if fact.status == "reported" and fact.value is not None
)
# A paragraph the English cases translate.
PARAGRAPH = "{term}`パラメータ`の数の話です。「{ref}`overview-more`」も見てください。"


# -- Edits, each returning (file, line) of what it broke ------------------------------


def append(tree: Path, page: str, text: str) -> int:
    """Append a paragraph to a page (which ends with a newline): the line where ``text``
    starts."""
    path = tree / page
    old = path.read_text(encoding="utf-8")
    path.write_text(f"{old}\n{text}\n", encoding="utf-8")
    return old.count("\n") + 2


def prepend(tree: Path, page: str, text: str) -> tuple[str, int]:
    """Put ``text`` at the top of the page (making it if there is none)."""
    path = tree / page
    path.write_text(text + (path.read_text("utf-8") if path.exists() else ""), "utf-8")
    return page, 1


def data_line(
    old: str, new: str | None, *, after: str = "", at: int | None = 0
) -> Callable[[Path, str], tuple[str, int]]:
    """Replace the data file's first line that starts with ``old`` (below the line
    ``after``) by ``new`` (lines, or none); the mistake is reported ``at`` lines after
    the replaced one, or at its entry's key when ``at`` is None."""

    def edit(tree: Path, page: str) -> tuple[str, int]:
        path = tree / page
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        start = lines.index(after + "\n") if after else 0
        index = next(i for i in range(start, len(lines)) if lines[i].startswith(old))
        lines[index] = "" if new is None else new + "\n"
        path.write_text("".join(lines), encoding="utf-8")
        if at is None:
            return page, next(i for i in range(index, 0, -1) if re.match(r"  \S+:$", lines[i])) + 1
        return page, index + 1 + at

    return edit


def non_utf8(tree: Path, page: str) -> tuple[str, int]:
    """A paragraph saved as Shift_JIS, as some Windows editors still do."""
    line = append(tree, page, "本文です。")
    with (tree / page).open("ab") as f:
        f.write("\nシフトJISで保存された段落です。\n".encode("shift_jis"))
    return page, line + 2


def glossary_term_without_reading(tree: Path, page: str) -> tuple[str, int]:
    """A new glossary term written with kanji, with its anchor but no reading."""
    path = tree / page
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    opening = next(i for i, line in enumerate(lines) if line.rstrip().endswith("{glossary}"))
    lines[opening + 1 : opening + 1] = [
        ".. anchor: term-new-word\n",
        "新語\n",
        "  新しい用語です。\n\n",
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return page, opening + 3


def translated(
    translation: str, at_message: bool = False
) -> Callable[[Path, str], tuple[str, int]]:
    """The case's page gets PARAGRAPH, translated as ``translation`` in the page's
    English catalogue (the book's catalogues go); reported at the paragraph's line, or
    at the message's line in the catalogue."""

    def edit(tree: Path, page: str) -> tuple[str, int]:
        line = append(tree, page, PARAGRAPH)
        messages = tree / "locales" / "en" / "LC_MESSAGES"
        for other in messages.glob("*.po"):
            if other.stem not in CASE_NAMES:
                other.unlink()
        po = messages / f"{Path(page).stem}.po"
        po.write_text(po_text({PARAGRAPH: translation}), encoding="utf-8")
        # the message's line: after the catalogue's header entry and a blank line
        return (str(po.relative_to(tree)), 5) if at_message else (page, line)

    return edit


# -- The cases -------------------------------------------------------------------------

Edit = Callable[[Path, str], tuple[str, int]]


@dataclass
class Case:
    name: str
    change: str | Edit  # the text appended to the page, or an edit of it
    says: tuple[str, ...]  # what is wrong, and what to do (all must appear)
    at: int = 0  # the mistake's line in the appended text
    page: str = ""  # the file broken; a page of the case's own unless it says
    # Every warning of the file is at the broken line: not even a line of the same
    # page is blamed (the mistake's consequences are not reported as mistakes).
    only_there: bool = False
    alone: bool = False  # the file's one and only warning
    build: str = "pages"  # the build it shares (a data mistake: its own)

    def __post_init__(self) -> None:
        if self.page.startswith("data/"):
            self.build = self.name

    def apply(self, tree: Path) -> tuple[str, int]:
        page = self.page or f"docs/{self.name}.md"
        if isinstance(self.change, str):
            return page, append(tree, page, self.change) + self.at
        return self.change(tree, page)


FACTS = "data/facts.yaml"

CASES = [
    Case(
        "ref-to-missing-label",
        "{ref}`overview-no-such-topic` を見てください。",
        ("undefined label: 'overview-no-such-topic'", "(label)="),
    ),
    Case(
        "term-not-in-glossary",
        "{term}`存在しない用語` について説明します。",
        ("term not in glossary", "docs/glossary.md"),
    ),
    Case(
        "duplicate-label",  # a later page (in the order Sphinx reads them) reuses a label
        "(overview)=\n## 重複したラベル\n\n本文です。",
        ("duplicate label overview", "unique"),
        at=1,
        page="docs/updates.md",
        only_there=True,
    ),
    Case(
        "page-in-no-toctree",
        lambda tree, page: prepend(tree, page, "(extra)=\n# 追加のページ\n\n本文です。\n"),
        ("isn't included in any toctree", "docs/index.md"),
        page="docs/extra.md",
    ),
    Case(
        "toctree-names-missing-page",
        "```{toctree}\n:hidden:\n\nno-such-page\n```",
        ("nonexisting document 'no-such-page'", "docs/<name>.md"),
        page="docs/index.md",
        only_there=True,
    ),
    Case(
        "missing-image",
        "![棒グラフ](no-such-chart.svg)",
        ("image file not readable", "relative to the page"),
    ),
    Case(
        "image-without-alt",
        "![](chart.svg)",
        ("has no alt text", "say what it shows"),
    ),
    Case(
        "figure-without-alt",
        "```{figure} chart.svg\n図の説明です。\n```",
        ("has no alt text", ":alt:"),
    ),
    Case(
        "image-from-another-site",
        "![ロゴ](https://example.com/logo.png)",
        ("loaded from another site", "add the file to the repository"),
    ),
    Case(
        "raw-script",
        "<script>alert('x')</script>",
        ("raw <script> is not allowed in pages", "pages are content, not code"),
    ),
    Case(
        "raw-iframe",
        '<iframe src="https://example.com/"></iframe>',
        ("raw <iframe> is not allowed in pages", "[text](https://...)"),
    ),
    Case(
        "inline-event-handler",
        '<kbd onclick="steal()">Ctrl</kbd> を押します。',
        ("inline event handler 'onclick='", "remove the attribute"),
    ),
    Case(
        "javascript-link",
        '<a href="javascript:alert(1)">ここ</a>を押します。',
        ("'javascript:' URL", "https://"),
    ),
    Case(
        "raw-html-not-in-style-guide",
        '<div class="box">囲み</div>',
        ("raw <div> is not allowed in pages", "STYLE.md"),
    ),
    Case(
        "raw-latex",
        "```{raw} latex\n\\newpage\n```",
        ("raw latex is not allowed in pages", "conf.py"),
    ),
    Case(
        "http-link",
        "[経済産業省](http://www.meti.go.jp/)の発表です。",
        ("plain http://", "use https://www.meti.go.jp/"),
    ),
    Case(
        "link-to-missing-page",
        "[前の章](no-such-page.md)を見てください。",
        ("cross-reference target not found", "{ref}`label`"),
    ),
    Case(
        "fact-without-source",  # the first fact's, reported at its key
        data_line("    source:", None, after="facts:", at=None),
        ("has no source", "add 'source: [<key>]'"),
        page=FACTS,
    ),
    Case(
        "fact-with-unknown-status",
        data_line("    status:", "    status: rumour"),  # the first fact's
        ("unknown status 'rumour'", "expected one of: confirmed, reported, unverified"),
        page=FACTS,
    ),
    Case(
        "model-new-training-word",
        # the first model's: a training word the book has no words or marker for
        data_line("    training:", "    training: post-trained"),
        ("unknown training 'post-trained'", "expected one of: scratch, continued, unknown"),
        page=FACTS,
    ),
    Case(
        "about-typed-before-a-rounded-figure",
        "Rakuten AI 2.0 の総数は約{fact}`rakuten-ai-2-params`です。",
        ("'約' typed before fact 'rakuten-ai-2-params'", "already says so; remove the word"),
    ),
    Case(
        "about-typed-before-an-exact-figure",
        "LLM-jp-3 172B は約{fact}`jp-llmjp3-params`です。",
        ("'約' typed before fact 'jp-llmjp3-params'", "set 'about: true' there"),
    ),
    Case(
        "exact-count-as-value",
        # a model card's exact count typed as the value (the data keeps it rounded)
        data_line("    value:", "    value: 32139028992", after="  jp-llmjp4-params:"),
        ("has 11 significant figures", "keep the exact figure in 'note'"),
        page=FACTS,
    ),
    Case(
        "unknown-unit",
        data_line("    unit: params", "    unit: parms"),
        ("unknown unit 'parms' (did you mean 'params'?)",),
        alone=True,
        page=FACTS,
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
        page=FACTS,
    ),
    Case(
        "fact-without-its-english-label",
        data_line("    label_en:", None, at=-1),  # reported at the fact's line above
        ("needs 'label_en'",),
        alone=True,
        page=FACTS,
    ),
    Case(
        "field-the-schema-does-not-know",
        data_line("  target-params:", "  target-params:\n    added: later", at=1),
        ("fact 'target-params' has unknown added 'later'",),
        page=FACTS,
    ),
    Case(
        "supersedes-an-unknown-fact",
        data_line("    supersedes: rakuten-ai-3-params", "    supersedes: rakuten-ai-3-param"),
        ("fact 'rakuten-ai-3-params-card' supersedes unknown fact 'rakuten-ai-3-param'",),
        page=FACTS,
    ),
    Case(
        "unknown-fact-key",
        "規模は {fact}`no-such-fact` です。",
        ("unknown fact 'no-such-fact'", "add it to data/facts.yaml"),
    ),
    Case(
        "unknown-fact-on-a-paragraphs-second-line",
        "楽天は大きなモデルを目指します。\nその規模は {fact}`target-parms` です。",
        ("unknown fact 'target-parms' (did you mean 'target-params'?)",),
        at=1,  # the role's own line
        alone=True,
    ),
    Case(
        "reported-fact-without-attribution",
        f"値は {{fact}}`{REPORTED}` です。",
        (f"fact '{REPORTED}'", "attribute it in the same sentence", "報道によれば"),
    ),
    Case("non-utf8-page", non_utf8, ("not UTF-8", "save the file as UTF-8")),
    Case(
        "unclosed-code-fence",
        "```python\nx = 1\n\n## このあとの見出し\n\n本文です。",
        ("never closed", "add a line '```'"),
    ),
    Case(
        "unclosed-directive",
        ":::{note}\n注意です。\n\n## このあとの見出し",
        ("{note} directive opened here is never closed", "add a line ':::'"),
    ),
    Case(
        "unclosed-fence-inside-directive",
        # the ``` inside the note is never closed (the :::: then only closes the note's text)
        "::::{note}\n```\nコード\n::::\n\n本文です。",
        ("never closed", "add a line '```'"),
        at=1,
    ),
    Case(
        "unclosed-dropdown-before-another",
        # the second entry's ':::' closes the first, so the parser sees the second
        # unclosed: the first is the mistake
        "(faq-first)=\n:::{dropdown} 最初の質問ですか？\n\n答えです。\n\n"
        "(faq-second)=\n:::{dropdown} 次の質問ですか？\n\n答えです。\n:::",
        ("the {dropdown} directive opened here is never closed", "add a line ':::'"),
        at=1,
        page="docs/faq.md",
        only_there=True,
    ),
    Case(
        "unclosed-fence-after-chart",
        # then a section with an {index} block, whose closing line closes the chart
        "```{chart} models-by-region\n\n(overview-next)=\n## 次の節\n\n"
        "```{index} AI Index\n```\n\n本文です。",
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
        "詳しくは[こちら](javascript:alert(1))を見てください。",
        ("a link Markdown did not take as a link is printed as typed", "[text](https://...)"),
        only_there=True,
    ),
    Case(
        "role-not-closed",
        "報道によれば、規模は {fact}`target-params です。",
        ("a role whose backticks do not close is printed as typed", "{role}`content`"),
        only_there=True,
    ),
    Case(
        "role-with-a-space",
        "報道によれば、規模は {fact} `target-params` です。",
        ("a role followed by a space is printed as typed", "write {fact}`…`"),
        only_there=True,
    ),
    Case(
        "role-without-backticks",
        "詳しくは {ref}overview を見てください。",
        ("a role without backticks is printed as typed", "{role}`content`"),
        only_there=True,
    ),
    Case(
        "running-link-title",
        "支援の枠組みは {ref}`overview-geniac` で説明しました。",
        (
            "the link {ref}`overview-geniac` prints the section's title inside a sentence",
            "「{ref}`overview-geniac`」",
            "{ref}`your words <overview-geniac>`",
        ),
        only_there=True,
    ),
    Case(
        "running-link-title-in-a-translation",
        translated("About {term}`parameters <パラメータ>`: {ref}`overview-more` is next."),
        (
            "prints the section's title inside a sentence",
            "locales/en/LC_MESSAGES/running-link-title-in-a-translation.po",
        ),
        only_there=True,
        build="en",
    ),
    Case(
        "stray-fence-marker",
        "コードは ```python と書きます。",
        ("a fence marker is printed as typed", "must start its own line"),
        only_there=True,
    ),
    Case(
        "markup-leak-in-a-translation",
        # reported at the message's line in the PO file, once: the check of markup
        # printed as typed stays quiet there
        translated(
            "About {term}`parameters <パラメータ>`: see [this](javascript:alert(1)) "
            "and {ref}`overview-more`.",
            at_message=True,
        ),
        ("does not have the original's Markdown links", "docs/markup-leak-in-a-translation.md:"),
        only_there=True,
        build="en",
    ),
    Case(
        "malformed-front-matter",
        lambda tree, page: prepend(tree, page, "---\ntitle: [閉じていない\n---\n"),
        ("Malformed YAML", "valid YAML"),
    ),
    Case(
        "unclosed-front-matter",
        lambda tree, page: prepend(tree, page, "---\ntitle: 閉じていない\n\n"),
        ("may not begin with a transition", "second `---` line"),
    ),
    Case(
        "unknown-directive",
        "```{notte}\n注意です。\n```",
        ("Unknown directive type: 'notte'", "STYLE.md"),
    ),
    Case(
        "unknown-role",
        "{facts}`target-params` です。",
        ('Unknown interpreted text role "facts"', "STYLE.md"),
    ),
    Case(
        "index-entry-without-reading",
        "```{index} 新語; 使い方\n```\n\n本文です。",
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
        page="docs/glossary.md",
        only_there=True,
    ),
    Case(
        "heading-level-jump",
        "### 飛んだ見出し\n\n本文です。",  # right under the page's title
        ("Non-consecutive header level increase", "one heading level at a time"),
    ),
]


CASE_NAMES = {case.name for case in CASES}
TINY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


# -- Running the builds (in two worker processes: the machine has two cores) -----------


@dataclass
class Build:
    returncode: int
    output: str
    html: Path
    files: set[str]  # the files its cases broke


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Build, tuple[str, int]]]:
    """{case: (its build, the file and line it broke)}, and the templates' build."""
    base = tmp_path_factory.mktemp("contrib")
    pristine = make_project(base / "pristine")
    (pristine / "docs" / "chart.svg").write_text(TINY_SVG, encoding="utf-8")
    groups: dict[str, list[Case]] = {"templates": []}
    for case in CASES:
        groups.setdefault(case.build, []).append(case)
    broken: dict[str, tuple[str, int]] = {}

    def trees():
        """Each build's copy, broken, handed to the builders as soon as it is made."""
        for group, cases in groups.items():
            tree = base / group
            shutil.copytree(pristine, tree)
            if group == "templates":
                use_page_kind_templates(tree)
            own = [case.name for case in cases if not case.page]
            for name in own:
                (tree / "docs" / f"{name}.md").write_text(OWN_PAGE.format(name=name), "utf-8")
            index = tree / "docs" / "index.md"
            listed = "".join(f"{name}\n" for name in own)
            index.write_text(
                index.read_text("utf-8").replace("sources\n", "sources\n" + listed, 1), "utf-8"
            )
            broken.update({case.name: case.apply(tree) for case in cases})
            yield tree, "en" if group == "en" else "ja"

    built = dict(zip(groups, parallel_builds(trees()), strict=True))
    results = {}
    for group, (code, output) in built.items():
        build = Build(
            code, output, base / group / "out", {broken[c.name][0] for c in groups[group]}
        )
        if group == "templates":
            results[group] = (build, ("", 0))
        results.update({case.name: (build, broken[case.name]) for case in groups[group]})
    return results


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_broken_contribution_fails_at_its_file_and_line(
    case: Case, results: dict[str, tuple[Build, tuple[str, int]]]
) -> None:
    result, (file, line) = results[case.name]
    assert result.returncode != 0, f"the build passed despite {case.name}:\n{result.output}"
    # A message, not a crash.
    assert "Traceback" not in result.output and "Exception occurred" not in result.output, (
        result.output
    )
    warnings = [
        (m.group(1), m.group(2), result.output[m.start() :].split("\n", 1)[0])
        for m in WARNING_LINE.finditer(result.output)
    ]
    # Every complaint is about a broken file: the rest of the book is untouched.
    assert {w[0] for w in warnings} <= result.files, result.output
    ours = [(ln, text) for f, ln, text in warnings if f == file]
    # The message for the edit names the line and says what is wrong and what to do.
    located = [text for ln, text in ours if ln == str(line)]
    assert located, f"nothing reported at {file}:{line}:\n{result.output}"
    if case.alone:
        assert len(ours) == 1, f"more than one warning:\n{result.output}"
    if case.only_there:
        elsewhere = [text for ln, text in ours if ln != str(line)]
        assert not elsewhere, f"blamed besides {file}:{line}:\n{result.output}"
    message = "\n".join(located)
    for phrase in case.says:
        assert phrase in message, f"{phrase!r} missing from:\n{message}"
    # Paths are written relative to the project, never as the machine's paths.
    assert str(ROOT) not in result.output and "/tmp" not in result.output, result.output
    # The other pages were still written (--keep-going): one mistake, one message.
    assert (result.html / "index.html").is_file()


# -- The page-kind templates ----------------------------------------------------------


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


def test_unbroken_copy_with_the_page_kind_templates_builds_without_a_warning(
    results: dict[str, tuple[Build, tuple[str, int]]],
) -> None:
    used = results["templates"][0]
    assert used.returncode == 0 and not WARNING_LINE.search(used.output), used.output
    assert "章の見出し" in (used.html / "chapter-name.html").read_text(encoding="utf-8")
    assert "faq-topic" in (used.html / "faq.html").read_text(encoding="utf-8")


# The templates build into the structure of the book's pages
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
    results: dict[str, tuple[Build, tuple[str, int]]], pages: dict[str, str]
) -> None:
    built = results["templates"][0].html

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
