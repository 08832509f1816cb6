"""Charts drawn from the data (_ext/book/features/charts/): in every format, readable,
true.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from book.features import charts
from figures_shared import CHART_FONT, CHART_NAMES, LABELS, LABELS_EN, fake_env
from helpers import run, squash

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("language", ["ja", "en"])
@pytest.mark.parametrize("name", CHART_NAMES)
def test_no_label_is_cut_off(tmp_path: Path, name: str, language: str) -> None:
    """Every text of the drawing lies inside the figure (nothing cut at an edge)."""
    import matplotlib
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    font_manager.fontManager.addfont(str(charts.find_font()))
    chart = charts.CHARTS[name]
    colours = charts.PAPER_COLOURS
    with matplotlib.rc_context(charts.style.rc(colours)):
        fig = Figure(figsize=chart.size, layout="constrained")
        canvas = FigureCanvasAgg(fig)
        chart.draw(fig, charts.ChartData(fake_env(tmp_path, language=language)), colours)
        canvas.draw()  # runs the layout
        renderer = canvas.get_renderer()
        box = fig.bbox
        for text in fig.findobj(matplotlib.text.Text):
            if not text.get_visible() or not text.get_text():
                continue
            extent = text.get_window_extent(renderer)
            assert (
                extent.x0 >= box.x0 - 1
                and extent.x1 <= box.x1 + 1
                and extent.y0 >= box.y0 - 1
                and extent.y1 <= box.y1 + 1
            ), (
                f"{name} ({language}): {text.get_text()!r} is outside the drawing ({extent} vs {box})"
            )


@pytest.mark.parametrize("language", ["ja", "en"])
def test_chart_pdf_is_set_in_the_books_typeface(tmp_path: Path, language: str) -> None:
    """A chart drawn for the PDF is set in HaranoAji Gothic, the Gothic of the PDF's
    text (pxchfon), not in IPAexGothic beside it (issue 20); embedded as the
    TrueType it is declared as, its words extractable."""
    env = fake_env(tmp_path, language=language)
    charts.render(env, "domestic-models", tmp_path, "k", "pdf")
    pdf = tmp_path / "domestic-models-k.pdf"
    result = run("pdffonts", pdf)
    names = [row.split()[0].split("+")[-1] for row in result.stdout.splitlines()[2:]]
    assert names and all(n.startswith(CHART_FONT) for n in names), result.stdout
    assert "Mismatch" not in result.stderr, result.stderr
    words = LABELS if language == "ja" else LABELS_EN
    extracted = squash(run("pdftotext", pdf, "-").stdout)
    assert squash(words["charts"]["domestic-models"]["axis"]) in extracted, extracted[:300]


def test_drawing_is_reproducible(tmp_path: Path) -> None:
    outputs = []
    for run_dir in ("a", "b"):
        env = fake_env(tmp_path / run_dir)
        for name in CHART_NAMES:
            for fmt in ("svg", "pdf"):
                charts.render(env, name, charts.cache_dir(env), charts.digest(env, name), fmt)
        outputs.append({p.name: p.read_bytes() for p in charts.cache_dir(env).iterdir()})
    assert outputs[0].keys() == outputs[1].keys() and len(outputs[0]) == 3 * len(CHART_NAMES)
    for name, data in outputs[0].items():
        assert data == outputs[1][name], f"{name} differs between two drawings"
        assert b"CreationDate" not in data and b"<dc:date>" not in data
        assert b"Created with" not in data and b"Producer" not in data, (
            f"{name} names the tool that made it (its version would change the bytes)"
        )
