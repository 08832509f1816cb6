"""The parameter explainer on paper and in the EPUB: its tables, without the calculator."""

from __future__ import annotations

import re
import zipfile

import pytest
from book.features.param_memory import model as pm
from calculator_shared import exact_gpus, fact_text, gpu_capacity, target_row_name, value
from conftest import Book
from helpers import pdf_text, squash

pytestmark = pytest.mark.pdf


def test_tables_in_pdf_and_epub_without_the_calculator(book: Book) -> None:
    # -layout keeps table rows on one line (plain pdftotext reads columns one by one)
    text = pdf_text(book.pdf, "-layout")
    target = [
        line
        for line in text.splitlines()
        if re.match(rf"\s*{re.escape(target_row_name())}\s", line)
    ]
    assert len(target) == 3, f"PDF: the target's row in the short table and both grids: {target}"
    summary, memory, gpus = (re.sub(r"\s+", " ", line) for line in target)
    for figure in ("2.8 TB", "1.4 TB", "700 GB", "350 GB", "約 467 倍"):
        assert figure in memory, f"PDF table lacks {figure}: {memory}"
    weights = int(value(pm.TARGET)) * int(value("bytes-bf16"))
    h100, h200 = (exact_gpus(weights, gpu_capacity(g)) for g in ("h100", "h200"))
    assert f"{h100} 台 {h200} 台" in gpus, gpus
    # the short table: BF16 and its GPUs, then FP8 (no calculator on paper)
    assert "1.4 TB" in summary and f"{h100} 台 {h200} 台" in summary, summary
    tex = book.tex.read_text("utf-8")
    assert "DeepSeek-V3（働く分" not in tex
    # The label wraps in its cell (pdftotext splits it), so the whole of it is read in TeX.
    assert "仮にゼロから学習した場合の試算" in tex and "Rakuten AI 3.0（MoE）を仮に" in text
    assert squash(fact_text("deepseek-v3-gpu-hours")) in squash(text)
    assert "重みのメモリ計算機" not in text and "pc-params" not in tex
    with zipfile.ZipFile(book.epub) as epub:
        page = epub.read("parameters.xhtml").decode("utf-8")
    assert 'id="table-weights-memory"' in page and "1.4 TB" in page.replace("\xa0", " ")
    assert "仮にゼロから学習した場合の試算" in page
    assert squash(fact_text("deepseek-v3-gpu-hours")) in squash(page)
    assert "param-calculator" not in page and "<script" not in page.split("</head>")[1]
