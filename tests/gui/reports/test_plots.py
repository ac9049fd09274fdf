"""The dashboard's plots: what the figures draw, read back from their matplotlib artists.

Curves are real Kaplan–Meier estimates (lifelines, through ``cmlentry.domain.survival``) of the
domain.md §7 vector; what the plot must show is computed here again from the raw times.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from itertools import accumulate
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring  # type: ignore[import-untyped, unused-ignore]
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.text import Text
from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from cmlentry.domain.survival import KmCurve, kaplan_meier
from cmlentry.gui.reports.plot_canvas import OKABE_ITO, PictureFormatUnknown, PlotWidget
from cmlentry.gui.reports.plots import CentresPlot, RegistrationsPlot
from cmlentry.gui.reports.survival_plot import MAX_CENSOR_MARKS, SurvivalPlot
from cmlentry.services.reports.tables import MonthCount

# domain.md §7.2 test vector: R survival::aml, "Maintained" group; 0 is censored.
AML_TIMES = [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161]
AML_EVENTS = [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]
# R survival::aml, "Nonmaintained": a second group for the overlays.
NONMAINTAINED_TIMES = [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45]
NONMAINTAINED_EVENTS = [1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1]


@pytest.fixture(autouse=True)
def english_numbers() -> Iterator[None]:
    """Numbers and months as in English whatever the machine's locale (one test sets French)."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(before)


def raw_survival(times: Sequence[float], events: Sequence[int], at: float) -> float:
    """Ŝ(at) by the product-limit formula, straight from the patients' times."""
    survival = 1.0
    for t in sorted({t for t, e in zip(times, events, strict=True) if e and t <= at}):
        at_risk = sum(u >= t for u in times)
        died = sum(u == t and e for u, e in zip(times, events, strict=True))
        survival *= 1 - died / at_risk
    return survival


def aml_curve(ci: str = "log-log") -> KmCurve:
    return kaplan_meier(AML_TIMES, AML_EVENTS, ci)


def percent_text(value: float) -> str:
    return f"{round(value * 100)} %"


def by_gid(artists: Sequence[object], gid: str) -> list:  # type: ignore[type-arg]
    return [a for a in artists if getattr(a, "get_gid", lambda: None)() == gid]


def axes_of(plot: SurvivalPlot) -> Axes:
    assert plot.axes is not None
    return plot.axes


@pytest.fixture
def survival(qtbot: QtBot) -> SurvivalPlot:
    plot = SurvivalPlot()
    qtbot.addWidget(plot)
    return plot


def draw_aml(plot: SurvivalPlot, **options: object) -> SurvivalPlot:
    plot.set_curves(
        [("Maintained", aml_curve())],
        title="Progression-free survival",
        caption="AP/BC; 95 % CI log-log",
        **options,  # type: ignore[arg-type]
    )
    assert plot.axes is not None
    return plot


# --- Kaplan–Meier ---------------------------------------------------------------------------


def test_the_step_line_goes_through_the_corners_of_the_estimate(survival: SurvivalPlot) -> None:
    draw_aml(survival)
    expected = [(0.0, 1.0)]
    for t in sorted({t for t, e in zip(AML_TIMES, AML_EVENTS, strict=True) if e}):
        expected.append((t, expected[-1][1]))
        expected.append((t, raw_survival(AML_TIMES, AML_EVENTS, t)))
    expected.append((max(AML_TIMES), expected[-1][1]))  # censored at 161: the line goes on

    (line,) = by_gid(axes_of(survival).lines, "km_steps")
    drawn = list(zip(line.get_xdata(), line.get_ydata(), strict=True))
    assert [x for x, _y in drawn] == [x for x, _y in expected]
    assert [y for _x, y in drawn] == pytest.approx([y for _x, y in expected])


def test_the_band_spans_the_lower_and_upper_limits(survival: SurvivalPlot) -> None:
    draw_aml(survival)
    curve = aml_curve()
    (band,) = by_gid(axes_of(survival).collections, "km_band")
    assert isinstance(band, PolyCollection)
    vertices = [tuple(v) for path in band.get_paths() for v in path.vertices]
    xs = [x for x, _y in vertices]
    ys = [y for _x, y in vertices]
    assert (min(xs), max(xs)) == (0.0, max(AML_TIMES))
    assert min(ys) == pytest.approx(min(s.lower for s in curve.steps))
    assert max(ys) == pytest.approx(1.0)
    for before, after in zip(curve.steps, curve.steps[1:], strict=False):
        # A step, not a slope: the limits hold until the next event time.
        assert any(x == after.time and y == pytest.approx(before.lower) for x, y in vertices)
        assert any(x == after.time and y == pytest.approx(before.upper) for x, y in vertices)
    for step in curve.steps:
        assert any(x == step.time and y == pytest.approx(step.lower) for x, y in vertices)
        assert any(x == step.time and y == pytest.approx(step.upper) for x, y in vertices)


def test_without_band_there_is_no_shade(survival: SurvivalPlot) -> None:
    draw_aml(survival, band=False)
    assert by_gid(axes_of(survival).collections, "km_band") == []
    assert len(by_gid(axes_of(survival).lines, "km_steps")) == 1


def test_one_censor_mark_per_censored_patient_on_the_curve(survival: SurvivalPlot) -> None:
    draw_aml(survival)
    censored = sorted(t for t, e in zip(AML_TIMES, AML_EVENTS, strict=True) if not e)
    (marks,) = by_gid(axes_of(survival).lines, "km_censored")
    assert list(marks.get_xdata()) == censored
    assert list(marks.get_ydata()) == pytest.approx(
        [raw_survival(AML_TIMES, AML_EVENTS, t) for t in censored]
    )
    assert marks.get_linestyle() == "None"


def test_thousands_of_censorings_are_thinned_to_keep_the_curve_visible(
    survival: SurvivalPlot,
) -> None:
    times = [1 + n / 100 for n in range(2000)] + [5.0, 15.0]  # 2,000 censored, 2 events
    events = [0] * 2000 + [1, 1]
    survival.set_curves([("Many", kaplan_meier(times, events))], title="t", caption="c")
    (marks,) = by_gid(axes_of(survival).lines, "km_censored")
    shown = list(marks.get_xdata())
    assert MAX_CENSOR_MARKS / 2 < len(shown) <= MAX_CENSOR_MARKS
    assert set(shown) <= set(times[:2000])
    assert min(shown) == 1.0  # the first censoring is always marked
    # Each mark still sits on the curve at its own time.
    for x, y in zip(shown, marks.get_ydata(), strict=True):
        assert y == pytest.approx(raw_survival(times, events, x))


def at_risk_row(plot: SurvivalPlot, row: int = 0) -> dict[float, str]:
    """The numbers printed in one row of the at-risk table (the first curve is on top)."""
    assert plot.risk_axes is not None
    top = max(text.get_position()[1] for text in plot.risk_axes.texts)
    return {
        text.get_position()[0]: text.get_text()
        for text in plot.risk_axes.texts
        if text.get_position()[1] == top - row
    }


def test_numbers_at_risk_are_those_still_followed_at_each_tick(survival: SurvivalPlot) -> None:
    draw_aml(survival)
    row = at_risk_row(survival)
    # Follow-up to 161 months: a tick every 12 months, under each tick a number.
    assert sorted(row) == list(range(0, 161, 12))
    assert row[0] == str(len(AML_TIMES))
    for tick, shown in row.items():
        # Still followed at t: everyone whose event or censoring is not before t.
        assert shown == str(sum(t >= tick for t in AML_TIMES)), tick
    assert row[24] == "6"
    assert list(axes_of(survival).get_xticks()) == sorted(row)


def test_short_follow_up_gets_a_tick_every_six_months(survival: SurvivalPlot) -> None:
    times = [3, 7, 7, 14, 20, 25, 31]
    events = [1, 0, 1, 1, 0, 1, 0]
    survival.set_curves([("Short", kaplan_meier(times, events))], title="t", caption="c")
    row = at_risk_row(survival)
    assert sorted(row) == [0, 6, 12, 18, 24, 30]
    assert row[12] == str(sum(t >= 12 for t in times)) == "4"


def test_landmark_guides_show_the_estimate_there(survival: SurvivalPlot) -> None:
    draw_aml(survival, landmarks=(12, 18))
    guides = by_gid(axes_of(survival).lines, "landmark_guide")
    assert [list(guide.get_xdata()) for guide in guides] == [[12, 12], [18, 18]]
    assert all(guide.get_linestyle() == "--" for guide in guides)
    values = by_gid(axes_of(survival).texts, "landmark_value")
    assert [v.get_text() for v in values] == [
        percent_text(raw_survival(AML_TIMES, AML_EVENTS, 12)),
        percent_text(raw_survival(AML_TIMES, AML_EVENTS, 18)),
    ]
    assert [v.get_text() for v in values] == ["91 %", "72 %"]


def test_a_landmark_past_every_follow_up_is_not_drawn(survival: SurvivalPlot) -> None:
    draw_aml(survival, landmarks=(12, 200))
    guides = by_gid(axes_of(survival).lines, "landmark_guide")
    assert [list(guide.get_xdata()) for guide in guides] == [[12, 12]]


def draw_two_groups(plot: SurvivalPlot, names: Sequence[str] = ("Maintained", "Not")) -> None:
    curves = [
        (names[0], aml_curve()),
        (names[1], kaplan_meier(NONMAINTAINED_TIMES, NONMAINTAINED_EVENTS, "log-log")),
    ]
    plot.set_curves(curves, title="By group", caption="c", band=False)


def test_several_curves_have_a_legend_with_their_patients_and_events(
    survival: SurvivalPlot,
) -> None:
    draw_two_groups(survival)
    (legend,) = survival.figure.legends
    events_maintained = sum(AML_EVENTS)
    events_not = sum(NONMAINTAINED_EVENTS)
    assert [t.get_text() for t in legend.get_texts()] == [
        f"Maintained (n = {len(AML_TIMES)}, events = {events_maintained})",
        f"Not (n = {len(NONMAINTAINED_TIMES)}, events = {events_not})",
    ]
    # One row of numbers at risk per curve, the second under the first.
    assert at_risk_row(survival, 1)[0] == str(len(NONMAINTAINED_TIMES))
    assert at_risk_row(survival, 1)[24] == str(sum(t >= 24 for t in NONMAINTAINED_TIMES))


def test_one_curve_has_no_legend(survival: SurvivalPlot) -> None:
    draw_aml(survival)
    assert survival.figure.legends == []
    assert axes_of(survival).get_legend() is None


def step_colours(plot: SurvivalPlot) -> list[str]:
    return [line.get_color() for line in by_gid(axes_of(plot).lines, "km_steps")]


def test_a_group_keeps_its_colour_between_redraws(survival: SurvivalPlot) -> None:
    draw_two_groups(survival, ("Low", "High"))
    low, high = step_colours(survival)
    assert low != high
    assert {low, high} <= set(OKABE_ITO)
    survival.set_curves(
        [("High", kaplan_meier(NONMAINTAINED_TIMES, NONMAINTAINED_EVENTS))], title="t", caption="c"
    )
    assert step_colours(survival) == [high]
    draw_two_groups(survival, ("High", "Low"))
    assert step_colours(survival) == [high, low]


def test_title_caption_and_axis_words(survival: SurvivalPlot) -> None:
    draw_aml(survival, origin="imatinib start")
    assert survival.figure.get_suptitle() == "Progression-free survival"
    assert axes_of(survival).get_title() == "AP/BC; 95 % CI log-log"
    assert axes_of(survival).get_xlabel() == "Months since imatinib start"
    assert axes_of(survival).get_ylim() == (0, 1.04)
    formatter = axes_of(survival).yaxis.get_major_formatter()
    assert formatter(0.5, 0) == "50 %"


def test_the_description_gives_patients_events_and_landmarks(survival: SurvivalPlot) -> None:
    draw_aml(survival, landmarks=(12,))
    description = survival.accessibleDescription()
    assert f"Maintained: {len(AML_TIMES)} patients, {sum(AML_EVENTS)} events" in description
    assert "median 31.0 months" in description
    assert "At 12 months: 91 %." in description
    assert survival.accessibleName() == "Progression-free survival"


# --- registrations over time ---------------------------------------------------------------


def months_of(first_year: int, first_month: int, registered: Sequence[int]) -> list[MonthCount]:
    result = []
    for index, (count, total) in enumerate(zip(registered, accumulate(registered), strict=True)):
        year, month = divmod(first_month - 1 + index, 12)
        result.append(MonthCount(first_year + year, month + 1, count, total))
    return result


def shown_month_labels(plot: RegistrationsPlot) -> list[str]:
    """The x tick labels drawn (the locator also offers ticks outside the axis, not drawn)."""
    plot.canvas.draw()
    assert plot.bar_axes is not None
    low, high = plot.bar_axes.get_xlim()
    ticks = zip(plot.bar_axes.get_xticks(), plot.bar_axes.get_xticklabels(), strict=True)
    return [label.get_text() for x, label in ticks if low <= x <= high]


def test_registrations_line_is_cumulative_and_bars_monthly(qtbot: QtBot) -> None:
    plot = RegistrationsPlot()
    qtbot.addWidget(plot)
    registered = [3, 0, 5, 2, 7, 1]
    plot.set_months(months_of(2003, 1, registered))
    assert plot.line_axes is not None and plot.bar_axes is not None
    (line,) = plot.line_axes.lines
    assert list(line.get_ydata()) == [3, 3, 8, 10, 17, 18]
    assert [bar.get_height() for bar in plot.bar_axes.patches] == registered
    # Bars and line points at the same months, in order.
    centres = [bar.get_x() + bar.get_width() / 2 for bar in plot.bar_axes.patches]
    assert centres == pytest.approx(list(line.get_xdata()))

    assert shown_month_labels(plot) == [
        QLocale().toString(QDate(2003, m, 1), "MMM yyyy") for m in range(1, 7)
    ]


def test_months_and_numbers_are_written_in_the_interface_language(qtbot: QtBot) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.French, QLocale.Country.France))
    plot = RegistrationsPlot()
    qtbot.addWidget(plot)
    plot.set_months(months_of(2003, 1, [1200, 3]))
    assert shown_month_labels(plot) == ["janv. 2003", "févr. 2003"]
    grouped = QLocale().toString(1203)  # "1 203" with the French (narrow) space
    assert grouped != "1203"
    assert plot.accessibleDescription().startswith(
        f"Patients registered: {grouped} from janvier 2003 to février 2003"
    )


def test_a_long_series_is_labelled_by_year(qtbot: QtBot) -> None:
    plot = RegistrationsPlot()
    qtbot.addWidget(plot)
    plot.set_months(months_of(2002, 11, [4] * 38))  # November 2002 to December 2005
    assert shown_month_labels(plot) == ["2003", "2004", "2005"]


def test_registrations_description_gives_the_total_and_the_period(qtbot: QtBot) -> None:
    plot = RegistrationsPlot()
    qtbot.addWidget(plot)
    plot.set_months(months_of(2003, 1, [200, 150, 217]))
    january = QLocale().toString(QDate(2003, 1, 1), "MMMM yyyy")
    march = QLocale().toString(QDate(2003, 3, 1), "MMMM yyyy")
    description = plot.accessibleDescription()
    assert f"Patients registered: 567 from {january} to {march}" in description
    assert f"the most in one month: 217 ({march})" in description


# --- centres --------------------------------------------------------------------------------


def test_centres_are_bars_largest_first_labelled_with_their_patients(qtbot: QtBot) -> None:
    plot = CentresPlot()
    qtbot.addWidget(plot)
    plot.set_counts([("DE-001", 8), ("FR-086", 12), ("IT-004", 0), ("AT-002", 8)])
    assert plot.axes is not None
    bars = sorted(plot.axes.patches, key=lambda bar: bar.get_y())
    labels = [label.get_text() for label in plot.axes.get_yticklabels()]
    # The y axis is inverted: the first label, at position 0, is drawn on top.
    assert plot.axes.yaxis_inverted()
    assert [bar.get_width() for bar in bars] == [12, 8, 8, 0]
    assert labels == ["FR-086 (12)", "AT-002 (8)", "DE-001 (8)", "IT-004 (0)"]
    assert "28 in all" in plot.accessibleDescription()
    assert "FR-086 (12)" in plot.accessibleDescription()


def test_many_centres_make_the_plot_taller_and_few_give_it_back(qtbot: QtBot) -> None:
    plot = CentresPlot()
    qtbot.addWidget(plot)
    plot.setMinimumHeight(280)  # what the page asks for
    plot.set_counts([(f"FR-{n:03d}", n) for n in range(40)])
    assert plot.minimumHeight() >= 40 * CentresPlot.ROW_PIXELS
    plot.set_counts([("FR-001", 4)])
    assert plot.minimumHeight() == 280


# --- nothing to show ------------------------------------------------------------------------


def test_empty_input_shows_a_message_and_no_axes(qtbot: QtBot) -> None:
    registrations, survival, centres = RegistrationsPlot(), SurvivalPlot(), CentresPlot()
    for plot in (registrations, survival, centres):
        qtbot.addWidget(plot)
    registrations.set_months(months_of(2003, 1, [1, 2]))
    draw_aml(survival)
    centres.set_counts([("FR-086", 3)])

    registrations.set_months([])
    survival.set_curves([], title="t", caption="c")
    centres.set_counts([])
    for plot in (registrations, survival, centres):
        assert plot.figure.axes == []
        (text,) = plot.figure.texts
        assert text.get_text() == plot.message != ""
        assert plot.accessibleDescription() == plot.message
        assert not plot.save_action.isEnabled()


def test_clear_replaces_a_plot_by_the_message(survival: SurvivalPlot) -> None:
    draw_aml(survival)
    assert survival.figure.axes != []
    survival.clear("No patient has a PFS time yet.")
    assert survival.figure.axes == []
    assert [t.get_text() for t in survival.figure.texts] == ["No patient has a PFS time yet."]
    assert not any(isinstance(a, Line2D) for a in survival.figure.get_children())
    assert isinstance(survival.figure.texts[0], Text)


# --- saving ---------------------------------------------------------------------------------


@pytest.fixture
def drawn(survival: SurvivalPlot) -> PlotWidget:
    return draw_aml(survival, landmarks=(12, 18))


def test_save_png(drawn: PlotWidget, tmp_path: Path) -> None:
    target = tmp_path / "pfs.png"
    drawn.save_picture(target)
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 1000
    assert os.listdir(tmp_path) == ["pfs.png"]


def test_save_svg(drawn: PlotWidget, tmp_path: Path) -> None:
    target = tmp_path / "pfs.SVG"
    drawn.save_picture(target)
    root = fromstring(target.read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert os.listdir(tmp_path) == ["pfs.SVG"]


def test_save_pdf_replaces_an_older_file(drawn: PlotWidget, tmp_path: Path) -> None:
    target = tmp_path / "pfs.pdf"
    target.write_bytes(b"old")
    drawn.save_picture(target)
    assert target.read_bytes().startswith(b"%PDF")
    assert os.listdir(tmp_path) == ["pfs.pdf"]


@pytest.mark.parametrize("name", ["pfs.gif", "pfs"])
def test_an_unknown_suffix_is_refused_and_nothing_written(
    drawn: PlotWidget, tmp_path: Path, name: str
) -> None:
    with pytest.raises(PictureFormatUnknown) as caught:
        drawn.save_picture(tmp_path / name)
    assert caught.value.code == "reports.picture_format_unknown"
    assert caught.value.params == {"name": name}
    assert f"the name {name} must end with .png, .svg or .pdf" in caught.value.message
    assert os.listdir(tmp_path) == []


def test_save_picture_from_the_context_menu(
    drawn: PlotWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    assert drawn.save_action in drawn.canvas.actions()
    # The person types a name without a suffix and picks the SVG type.
    answer = (str(tmp_path / "pfs"), "SVG drawing (*.svg)")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: answer)
    with qtbot.waitSignal(drawn.picture_saved) as saved:
        drawn.save_action.trigger()
    assert saved.args == [tmp_path / "pfs.svg"]
    assert fromstring((tmp_path / "pfs.svg").read_bytes()).tag.endswith("svg")


def test_the_context_menu_shows_why_a_picture_was_not_saved(
    drawn: PlotWidget, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    answer = (str(tmp_path / "pfs.gif"), "PNG picture (*.png)")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: answer)
    drawn.save_action.trigger()

    def boxes() -> list[QMessageBox]:
        return [b for b in drawn.findChildren(QMessageBox, "error_box") if b.isVisible()]

    qtbot.waitUntil(lambda: bool(boxes()))
    assert "the name pfs.gif must end with .png" in boxes()[0].text()
    assert os.listdir(tmp_path) == []
    boxes()[0].close()
