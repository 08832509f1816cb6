"""The parameter explainer (_ext/book/features/param_memory/): tables and the calculator,
in both editions.
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction

import pytest
from book.data import book_numbers as bn
from book.features.param_memory import model as pm
from browser_fixtures import page_script, tab
from calculator_shared import (
    JAPANESE,
    LABELS,
    LABELS_EN,
    MIB,
    exact_gpus,
    fmt_bytes,
    fmt_count,
    gpu_capacity,
    gpu_label_bytes,
    value,
)

pytestmark = pytest.mark.browser


EDITIONS = {"ja": ("", LABELS), "en": ("/en", LABELS_EN)}
FIELDS = ("#pc-params", "#pc-precision", "#pc-gpu")


@pytest.fixture(scope="module")
def calculator(browser, site_url: str):
    """calculator(edition): the edition's calculator, loaded once in a tab of its own
    and shared by the tests (a reader trying one input after another), as a fresh load
    shows it: its fields set back to what the page first showed, and the result
    computed again from them."""
    context = browser.new_context()
    tabs: dict[str, tuple] = {}

    def calculator(edition: str):
        if edition not in tabs:
            page = context.new_page()
            page.goto(f"{site_url}{EDITIONS[edition][0]}/parameters.html")
            page.wait_for_selector(".param-calculator:not([hidden])")
            tabs[edition] = (page, {field: page.input_value(field) for field in FIELDS})
        page, start = tabs[edition]
        for field in FIELDS[1:]:
            if page.input_value(field) != start[field]:
                page.select_option(field, start[field])
        page.fill("#pc-params", start["#pc-params"])
        assert page.get_attribute("#pc-result", "data-state") == "ok", start
        assert page.get_attribute("#pc-params", "aria-invalid") is None
        return page

    yield calculator
    context.close()


def constants(page) -> dict:
    return json.loads(page.get_attribute(".param-calculator", "data-constants"))


GRID_INPUTS = """1 7 999 12345 123456789 1500000000 2.5e9 3333333333 7000000000 37000000000
    175000000000 405000000000 671000000000 700000000000 999950000000 999960000000
    987654321987 1e13 1e15""".split()

# Where the conventions part: weights of exactly one GPU's capacity at FP8 or BF16,
# one byte more, and the product label read as 10^9 bytes (80 × 10^9 at FP8 fits one
# H100 of 81,559 MiB; 85.5 × 10^9 bytes needed two under the old count).  From the data.
for _gid, *_ in pm.GPUS:
    _cap = gpu_capacity(_gid)
    GRID_INPUTS += [str(_cap), str(_cap + 1), str(_cap // 2), str(_cap // 2 + 1)]
    GRID_INPUTS += [str(gpu_label_bytes(_gid)), str(gpu_label_bytes(_gid) + 10**9)]


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_calculator_equals_python_on_a_grid(calculator, edition: str) -> None:
    """In each edition, every result the script writes is the Python formatter's
    (_ext/book/data/book_numbers.py) in that edition's style, word for word."""
    labels = EDITIONS[edition][1]
    calc = calculator(edition)
    c = constants(calc)
    precisions = {p["id"]: p["bytes"] for p in c["precisions"]}
    gpus = {g["id"]: g["mib"] for g in c["gpus"]}
    # The page's constants are the data's: the driver's MiB, and 2^20 bytes to a MiB.
    assert precisions == {pid: value(k) for pid, _, k in pm.PRECISIONS}
    assert gpus == {gid: value(k) for gid, _, _, k in pm.GPUS}
    assert c["bytesPerMiB"] == MIB and "bytesPerGB" not in c
    # ... and its words the edition's
    assert c["messages"]["result"] == labels["calculator"]["messages"]["result"]
    grid = [GRID_INPUTS, list(precisions), list(gpus)]
    results = calc.evaluate(page_script("calculator_grid"), grid)
    assert len(results) == len(GRID_INPUTS) * len(precisions) * len(gpus)
    parted = []
    for text, p, g, memory, count, shown in results:
        size = pm.weights_bytes(float(text), precisions[p])
        expected = (fmt_bytes(size, labels), bn.format_integer(pm.gpus_needed(size, gpus[g])))
        assert (memory, count) == expected, (
            f"{edition} {text} {p} {g}: JS {memory}/{count}, Python {expected}"
        )
        # Both languages equal the exact count with the driver's capacity.
        weights = Fraction(text) * Fraction(str(precisions[p]))
        assert count == bn.format_integer(exact_gpus(weights, gpu_capacity(g))), (text, p, g)
        if exact_gpus(weights, gpu_label_bytes(g)) != exact_gpus(weights, gpu_capacity(g)):
            parted.append((text, p, g))
        precision = next(x for x in c["precisions"] if x["id"] == p)
        gpu = next(x for x in c["gpus"] if x["id"] == g)
        assert shown == c["messages"]["result"].format(
            memory=memory,
            count=fmt_count(float(text), labels),
            bytes=precision["bytesText"],
            gpu=gpu["name"],
            capacity=fmt_bytes(gpu_capacity(g), labels),
            gpus=bn.apply_unit(labels, "gpus", count),
        ), (edition, text, p, g, shown)
        # one GPU is "1 GPU", and the GPU's name is not followed by a second bracket
        assert not re.search(r"\b1 GPUs\b|\)\s*\(|）（", shown), shown
        assert not re.search(r"NaN|Infinity|undefined|\{", shown)
        if edition == "en":
            assert not JAPANESE.search(shown), shown
    # The grid holds cases where the old count (label × 10^9 bytes) was wrong, the
    # reader's case among them: 700B at BF16 on the H100.
    assert (str(int(value(pm.TARGET))), "bf16", "h100") in parted
    assert {g for _, _, g in parted} == set(gpus), parted


def test_calculator_default_is_the_hand_checked_case(calculator) -> None:
    """Both calculators start at the target, written each edition's way; the English
    one says so in English."""
    h100, h200 = (
        math.ceil(700e9 * 2 / (value(f"gpu-{gpu}-memory-mib") * 2**20)) for gpu in ("h100", "h200")
    )
    for edition, typed in (("ja", "7000億"), ("en", "700 billion")):
        calc = calculator(edition)
        result = calc.locator("#pc-result")
        assert calc.input_value("#pc-params") == typed
        assert result.get_attribute("data-memory") == "1.4 TB"
        assert result.get_attribute("data-gpus") == str(h100)
        shown = result.text_content()
        calc.select_option("#pc-gpu", "h200")
        assert result.get_attribute("data-gpus") == str(h200)
    assert "700 billion parameters" in shown and f"at least {h100} GPUs" in shown, shown
    assert "2 bytes" in shown and not JAPANESE.search(shown), shown
    widget = calc.locator(".param-calculator").inner_text()
    assert not JAPANESE.search(widget), widget


# Ways a reader writes the target, in each edition, and how the result names it.
ACCEPTED = {
    "ja": ["7000億", "700B", "700b", "7e11", "7E+11", "0.7T", "700,000,000,000", "７０００億",
           "700 B", "7000億パラメータ", "700000000000"],
    "en": ["700 billion", "700 Billion parameters", "700B", "700B params", "0.7 trillion",
           "0.7T", "7e11", "700,000,000,000", "７００B", "700000 million"],
}  # fmt: skip
TARGET_NAMED = {"ja": "7000億パラメータ", "en": "700 billion parameters"}


@pytest.mark.parametrize(
    ("edition", "typed"), [(edition, typed) for edition, ways in ACCEPTED.items() for typed in ways]
)
def test_accepted_ways_to_write_the_target(calculator, edition: str, typed: str) -> None:
    calc = calculator(edition)
    calc.fill("#pc-params", typed)
    result = calc.locator("#pc-result")
    assert result.get_attribute("data-state") == "ok", result.text_content()
    assert result.get_attribute("data-memory") == "1.4 TB"
    assert TARGET_NAMED[edition] in result.text_content()


# What a reader may type wrong, by the message it gets.
BAD_INPUT = {
    "empty": ["", "   "],
    "invalid": ["abc", "7000円", "1兆4000億", "700 billions"],
    "negative": ["-5", "-7000億", "-700 billion"],
    "tooSmall": ["0", "0.5"],
    "tooLarge": ["1e16", "1e400", "99999999999999999999兆", "99999999999999 trillion"],
}


@pytest.mark.parametrize("edition", ["ja", "en"])
@pytest.mark.parametrize(
    ("typed", "message"),
    [(typed, message) for message, ways in BAD_INPUT.items() for typed in ways],
)
def test_bad_input_gives_a_clear_message(
    calculator, edition: str, typed: str, message: str
) -> None:
    labels = EDITIONS[edition][1]
    calc = calculator(edition)
    # Each edition reads its own count words (and k, M, B, T): the other's are unknown.
    if re.search(r"[億兆]" if edition == "en" else r"billion|trillion", typed):
        message = "invalid"
    calc.fill("#pc-params", typed)
    result = calc.locator("#pc-result")
    shown = result.text_content()
    assert result.get_attribute("data-state") == "error"
    assert shown == constants(calc)["messages"][message]
    limits = {"min": fmt_count(pm.MIN_PARAMS, labels), "max": fmt_count(pm.MAX_PARAMS, labels)}
    assert shown == labels["calculator"]["messages"][message].format(**limits)
    if edition == "ja":
        assert JAPANESE.search(shown), "the message is not in Japanese"
    else:
        assert not JAPANESE.search(shown), f"Japanese in the English message: {shown}"
    assert not re.search(r"NaN|Infinity|undefined|null|\{", shown)
    assert calc.get_attribute("#pc-params", "aria-invalid") == "true"
    calc.fill("#pc-params", "15億" if edition == "ja" else "1.5 billion")
    assert result.get_attribute("data-state") == "ok"
    assert calc.get_attribute("#pc-params", "aria-invalid") is None


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_keyboard_and_screen_reader(calculator, edition: str) -> None:
    labels = EDITIONS[edition][1]
    calc = calculator(edition)
    words = labels["calculator"]
    # Every control has a label; the result is announced politely.
    for label in (words["params-label"], words["precision-label"], words["gpu-label"]):
        assert calc.get_by_label(label, exact=True).count() == 1, label
    assert calc.get_attribute("#pc-result", "aria-live") == "polite"
    # Keyboard only: focus the field, type, Tab to the selects and change them.
    calc.focus("#pc-params")
    calc.keyboard.press("Control+A")
    calc.keyboard.type("405B")
    result = calc.locator("#pc-result")
    assert result.get_attribute("data-memory") == fmt_bytes(405e9 * 2, labels)
    calc.keyboard.press("Tab")
    assert calc.evaluate("document.activeElement.id") == "pc-precision"
    calc.keyboard.press("ArrowDown")  # BF16 -> FP8
    assert calc.input_value("#pc-precision") == "fp8"
    assert result.get_attribute("data-memory") == fmt_bytes(405e9 * 1, labels)
    calc.keyboard.press("Tab")
    assert calc.evaluate("document.activeElement.id") == "pc-gpu"
    calc.keyboard.press("ArrowDown")  # H100 -> H200
    assert result.get_attribute("data-gpus") == str(exact_gpus(405 * 10**9, gpu_capacity("h200")))


def test_without_javascript_the_table_stands_in(browser, site_url: str) -> None:
    with tab(browser, f"{site_url}/parameters.html", java_script_enabled=False) as page:
        assert not page.is_visible(".param-calculator")
        assert page.is_visible(".param-calculator-nojs")
        assert page.is_visible("#table-weights-memory")


@pytest.mark.parametrize("edition", ["ja", "en"])
def test_tables_fit_a_phone(browser, site_url: str, edition: str) -> None:
    """At 375 px the short table and the memory and GPU tables fit the column, and
    no figure breaks inside ("17台" and "17 GPUs" alike)."""
    url = f"{site_url}{EDITIONS[edition][0]}/parameters.html"
    with tab(browser, url, viewport={"width": 375, "height": 800}) as page:
        problems = page.evaluate(page_script("calculator_tables_misfits"))
        assert not problems, problems
