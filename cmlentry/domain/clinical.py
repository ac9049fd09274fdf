"""Shared pieces of the clinical calculations: checked inputs, risk groups, cut-off comparison.

The hard ranges come from the field-level validation summary of the clinical reference
(``/work/shared/domain.md`` §8): a value outside them is impossible, so a calculation refuses it
rather than return a number nobody should trust.
"""

from __future__ import annotations

import math
import numbers
from enum import StrEnum

from cmlentry.errors import InvalidInput

# domain.md §8 hard ranges.
MAX_AGE_YEARS = 110.0
MAX_SPLEEN_CM = 40.0
MAX_PLATELETS = 5000.0  # ×10⁹/L
MAX_WBC = 1000.0  # ×10⁹/L

# Scores and bands are published to 4 decimals at most and inputs carry 1 or 2, so anything below
# 1e-9 is floating-point noise. Removing it before a cut-off comparison keeps a value that is
# exactly on a cut-off in decimal arithmetic (Euro 666.6 + 113.4 = 780) on the side the paper says.
_CUT_OFF_DECIMALS = 9


class ClinicalValueError(InvalidInput, ValueError):
    """A clinical input outside the domain its formula or rule is defined on.

    It is an :class:`~cmlentry.errors.InvalidInput` (coded, so the GUI can translate it) and a
    :class:`ValueError` (what a statistician calling the functions from a script expects). The
    message names the input and the accepted range but never repeats the value: a lab value is
    patient data, and error params never carry patient data.

    Attributes:
        input_name: The parameter name of the offending input, e.g. ``"platelets"``.
    """

    def __init__(self, input_name: str, why: str) -> None:
        super().__init__(field=f"The input {input_name!r}", why=why)
        self.input_name = input_name


class Risk(StrEnum):
    """Risk group of a prognostic score. Compares equal to its lower-case English name."""

    LOW = "low"
    INTERMEDIATE = "intermediate"
    HIGH = "high"


def settled(value: float) -> float:
    """``value`` without floating-point noise, for comparison with a published cut-off."""
    return round(value, _CUT_OFF_DECIMALS)


def checked_number(
    name: str,
    value: object,
    *,
    low: float = 0.0,
    high: float | None = None,
    low_open: bool = False,
    unit: str = "",
) -> float:
    """Return ``value`` as a float after checking it is a finite real number in range.

    Args:
        name: Parameter name, used in the error message.
        value: The input; ``bool`` and non-numbers are refused.
        low: Smallest accepted value (excluded when ``low_open``).
        high: Largest accepted value (included), or ``None`` for no upper bound.
        low_open: Refuse ``low`` itself (platelets must be above 0).
        unit: Unit shown in the message, e.g. ``" ×10⁹/L"``.

    Raises:
        ClinicalValueError: NaN, infinity, a non-number, or a value out of range.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ClinicalValueError(name, "give a number")
    number = float(value)
    if not math.isfinite(number):
        raise ClinicalValueError(name, "give a finite number (not NaN or infinity)")
    too_low = number <= low if low_open else number < low
    too_high = high is not None and number > high
    if too_low or too_high:
        lower = f"above {low:g}" if low_open else f"at least {low:g}"
        upper = f" and at most {high:g}" if high is not None else ""
        raise ClinicalValueError(name, f"give a number {lower}{upper}{unit}")
    return number


def checked_percent(name: str, value: object) -> float:
    """A percentage of a differential or of metaphases: finite, 0 to 100."""
    return checked_number(name, value, low=0.0, high=100.0, unit=" %")


def checked_count(name: str, value: object, *, low: int = 0) -> int:
    """A whole count (metaphases, copies): an ``int`` of at least ``low``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise ClinicalValueError(name, "give a whole number")
    count = int(value)
    if count < low:
        raise ClinicalValueError(name, f"give a whole number of at least {low}")
    return count


def checked_differential(**percentages: float) -> None:
    """Refuse peripheral-blood percentages that add up to more than 100 (domain.md §8)."""
    if settled(sum(percentages.values())) > 100.0:
        names = " + ".join(percentages)
        raise ClinicalValueError(names, "the percentages of one differential add up to at most 100")
