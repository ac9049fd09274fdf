"""What every dashboard plot shares: a matplotlib figure on a Qt canvas, a message when there is
nothing to draw, "Save picture…" (PNG, SVG or PDF, written whole or not at all), a summary for
screen readers, the Okabe–Ito colours, and numbers and months written in the interface's
language.

matplotlib is imported here, in :mod:`.plots` and :mod:`.survival_plot` only: it costs about 0.3 s,
so the dashboard imports the plots when the Reports tab is first shown, not at start-up. The
figures are plain :class:`matplotlib.figure.Figure` objects, never pyplot's, so no global state
ties one plot to another.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ClassVar

import matplotlib as mpl
from matplotlib.axis import Axis
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator
from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QSizePolicy, QVBoxLayout, QWidget

from cmlentry.errors import CmlentryError
from cmlentry.fileio import atomic_write_bytes
from cmlentry.gui import messages

PICTURE_FORMATS: dict[str, str] = {".png": "png", ".svg": "svg", ".pdf": "pdf"}
"""The file suffixes :meth:`PlotWidget.save_picture` writes, with matplotlib's format names."""

PNG_DPI = 150
"""Resolution of a saved PNG: sharp in a letter or a slide (the screen's is about 100)."""

# Okabe & Ito (2008), "Color Universal Design": told apart with every common colour-vision
# deficiency. Ordered so the first colours are the strongest on white; yellow comes late as it
# is faint on white, and black last as it reads as "the axes".
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#E69F00",  # orange
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)


class PictureFormatUnknown(CmlentryError):
    """A picture was asked for under a suffix that is not PNG, SVG or PDF (nothing written)."""

    code = "reports.picture_format_unknown"
    template = (
        "A picture is saved as PNG, SVG or PDF, so the name {name} must end with .png, .svg or "
        ".pdf; nothing was saved."
    )


@contextmanager
def plot_style() -> Iterator[None]:
    """The dashboard's fonts and axes while artists are created (they keep their sizes)."""
    # A literal here, not a module constant: matplotlib types the keys as literals.
    with mpl.rc_context(
        {
            "font.size": 9,
            "axes.titlesize": 9,
            "axes.labelsize": 9,
            "xtick.labelsize": 8.5,
            "ytick.labelsize": 8.5,
            "legend.fontsize": 8.5,
            "figure.titlesize": 10,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    ):
        yield


def picture_format(path: Path) -> str:
    """matplotlib's name of the format ``path``'s suffix asks for: png, svg or pdf.

    Raises:
        PictureFormatUnknown: the suffix is none of :data:`PICTURE_FORMATS`.
    """
    fmt = PICTURE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise PictureFormatUnknown(name=path.name)
    return fmt


def render_picture(figure: Figure, fmt: str) -> bytes:
    """``figure`` as the bytes of a file of format ``fmt`` (see :func:`picture_format`)."""
    buffer = io.BytesIO()
    # No creation date in SVG and PDF files: the same figure gives the same file.
    metadata: dict[str, str | None] = {"Date": None} if fmt == "svg" else {}
    if fmt == "pdf":
        metadata = {"CreationDate": None}
    figure.savefig(buffer, format=fmt, dpi=PNG_DPI, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def number(value: float, decimals: int = 0) -> str:
    """``value`` as the interface's language writes it ("1 250", "31,5" in French)."""
    if decimals == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(value, "f", decimals)


def month_name(year: int, month: int, pattern: str) -> str:
    """A month in the interface's language: ``"MMM yyyy"`` gives "janv. 2003" in French."""
    return QLocale().toString(QDate(year, month, 1), pattern)


def count_axis(axis: Axis) -> None:
    """Whole numbers only on ``axis``, written as :func:`number` writes them."""
    axis.set_major_locator(MaxNLocator(integer=True))
    axis.set_major_formatter(FuncFormatter(lambda value, _position: number(value)))


def percent(value: float) -> str:
    """``value`` (0–1) as a whole percentage in the interface's language: "72 %"."""
    return QCoreApplication.translate("PlotWidget", "%1 %").replace("%1", number(value * 100.0))


class PlotWidget(QWidget):
    """A figure on a canvas, with "Save picture…" and a message in place of an empty plot.

    Subclasses draw into :attr:`figure` and call :meth:`_drawn`. The base class's own texts use
    the literal context "PlotWidget" (``QCoreApplication.translate``), as ``self.tr`` would look
    them up under the subclass's name.

    Attributes:
        figure: The matplotlib figure (tests read its artists).
        canvas: The Qt widget the figure is drawn on.
        save_action: "Save picture…", in the canvas's context menu.
        message: The text shown by :meth:`clear`, "" while a plot is shown.
    """

    picture_saved = Signal(Path)
    """Emitted with the file's path after "Save picture…" wrote it (e.g. for a status bar)."""

    default_file_name: ClassVar[str] = "plot"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figure = Figure(figsize=(8.0, 4.0), dpi=100, facecolor="white")
        self.figure.set_layout_engine("constrained")
        self.canvas = FigureCanvasQTAgg(self.figure)
        self.canvas.setParent(self)
        self.canvas.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.canvas.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.message = ""

        self.save_action = QAction(QCoreApplication.translate("PlotWidget", "Save picture…"), self)
        self.save_action.setObjectName("save_picture_action")
        self.save_action.triggered.connect(self._on_save_action_triggered)
        # An actions menu opens from the mouse and from the keyboard's menu key alike.
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.canvas.addAction(self.save_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.canvas)
        self.setFocusProxy(self.canvas)

    # --- drawing ------------------------------------------------------------------------------

    def clear(self, message: str) -> None:
        """Show ``message`` centred in place of the plot, with no axes."""
        self.figure.clear()
        with plot_style():
            self.figure.text(
                0.5, 0.5, message, ha="center", va="center", wrap=True, color="0.35", fontsize=10
            )
        self.message = message
        self.save_action.setEnabled(False)
        self._describe(message)
        self.canvas.draw_idle()

    def _begin(self) -> None:
        """Start a new picture: an empty figure, the message gone."""
        self.figure.clear()
        self.message = ""

    def _drawn(self, description: str) -> None:
        """A new picture is in the figure: say what it shows, and draw it when Qt is idle."""
        self.save_action.setEnabled(True)
        self._describe(description)
        self.canvas.draw_idle()

    def _describe(self, description: str) -> None:
        self.setAccessibleDescription(description)
        self.canvas.setAccessibleName(self.accessibleName())
        self.canvas.setAccessibleDescription(description)

    # --- saving -------------------------------------------------------------------------------

    def save_picture(self, path: Path) -> None:
        """Write the picture to ``path``: PNG, SVG or PDF by its suffix, whole or not at all.

        The file is written beside its target under a temporary name, then renamed over it.

        Raises:
            PictureFormatUnknown: the suffix is not .png, .svg or .pdf (nothing is written).
            DiskFull, ReadOnlyDestination, FileProblem: the file could not be written (nothing
                is left behind, an existing file is untouched).
        """
        data = render_picture(self.figure, picture_format(path))
        atomic_write_bytes(path, data, mode=0o644)

    def ask_picture_path(self) -> Path | None:
        """Ask where to save the picture; None if the person cancelled.

        A name without a suffix gets the chosen type's; any other suffix is kept, so that
        :meth:`save_picture` can say why it cannot be written.
        """
        filters = {
            QCoreApplication.translate("PlotWidget", "PNG picture (*.png)"): ".png",
            QCoreApplication.translate("PlotWidget", "SVG drawing (*.svg)"): ".svg",
            QCoreApplication.translate("PlotWidget", "PDF document (*.pdf)"): ".pdf",
        }
        name, chosen = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("PlotWidget", "Save picture"),
            str(Path.home() / f"{self.default_file_name}.png"),
            ";;".join(filters),
        )
        if not name:
            return None
        path = Path(name)
        if not path.suffix:
            path = path.with_name(path.name + filters.get(chosen, ".png"))
        return path

    def _on_save_action_triggered(self) -> None:
        path = self.ask_picture_path()
        if path is None:
            return
        try:
            self.save_picture(path)
        except Exception as exc:  # every failure is shown; a defect is logged by show_error
            messages.show_error(
                self, exc, QCoreApplication.translate("PlotWidget", "Picture not saved")
            )
            return
        self.picture_saved.emit(path)
