"""Response categories at one assessment: haematologic (CHR), cytogenetic and molecular.

Definitions are those of the clinical reference, domain.md §2.1–2.3 (ELN 2006, unchanged through
ELN 2013). Import them from :mod:`cmlentry.domain.response`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cmlentry.domain.clinical import (
    MAX_PLATELETS,
    MAX_SPLEEN_CM,
    MAX_WBC,
    ClinicalValueError,
    checked_count,
    checked_differential,
    checked_number,
    checked_percent,
    settled,
)

# --- haematologic response (domain.md §2.1) ----------------------------------------------------

CHR_PLATELETS_BELOW = 450.0  # ×10⁹/L
CHR_WBC_BELOW = 10.0  # ×10⁹/L; an OMICS table prints "< 1", a typo
CHR_BASOPHILS_BELOW = 5.0  # %


@dataclass(frozen=True)
class ChrAssessment:
    """Whether the counts meet every criterion of a complete haematologic response (CHR).

    Attributes:
        complete: ``True`` for CHR; ``False`` when a criterion fails; ``None`` when no criterion
            fails but a value needed for one was not given.
        unmet: The criteria that fail: ``"platelets"``, ``"wbc"``, ``"immature_granulocytes"``,
            ``"basophils"``, ``"spleen"``.
        missing: The criteria that could not be checked for want of a value.
    """

    complete: bool | None
    unmet: tuple[str, ...]
    missing: tuple[str, ...]


def complete_haematologic_response(
    *,
    platelets: float | None,
    wbc: float | None,
    basophils_pct: float | None,
    blasts_pct: float | None,
    promyelocytes_pct: float | None,
    myelocytes_pct: float | None,
    spleen_cm: float | None,
) -> ChrAssessment:
    """Complete haematologic response from the blood count and the spleen (domain.md §2.1).

    CHR needs all of: platelets < 450 ×10⁹/L; WBC < 10 ×10⁹/L; a differential without immature
    granulocytes (no myelocytes, promyelocytes or myeloblasts) and with < 5 % basophils; a spleen
    that is not palpable. ELN 2006 asks for CHR to be confirmed on 2 subsequent occasions; that is
    a property of the series of assessments, not of one count, and is left to the caller.

    Args:
        platelets: Platelet count in ×10⁹/L.
        wbc: White blood cell count in ×10⁹/L.
        basophils_pct: Peripheral-blood basophils in %.
        blasts_pct: Peripheral-blood (myelo)blasts in %.
        promyelocytes_pct: Peripheral-blood promyelocytes in %.
        myelocytes_pct: Peripheral-blood myelocytes in %.
        spleen_cm: Spleen below the left costal margin in cm; 0 when not palpable.

    Returns:
        Whether CHR is reached, and which criteria fail or could not be checked.

    Raises:
        ClinicalValueError: A value is NaN, infinite or outside its range, or the percentages
            add up to more than 100.
    """
    unmet: list[str] = []
    missing: list[str] = []
    if platelets is None:
        missing.append("platelets")
    elif (
        checked_number("platelets", platelets, low_open=True, high=MAX_PLATELETS, unit=" ×10⁹/L")
        >= CHR_PLATELETS_BELOW
    ):
        unmet.append("platelets")
    if wbc is None:
        missing.append("wbc")
    elif checked_number("wbc", wbc, high=MAX_WBC, unit=" ×10⁹/L") >= CHR_WBC_BELOW:
        unmet.append("wbc")
    immature = {
        "blasts_pct": blasts_pct,
        "promyelocytes_pct": promyelocytes_pct,
        "myelocytes_pct": myelocytes_pct,
    }
    given = {
        name: checked_percent(name, value) for name, value in immature.items() if value is not None
    }
    basophils = None if basophils_pct is None else checked_percent("basophils_pct", basophils_pct)
    checked_differential(**given, **({} if basophils is None else {"basophils_pct": basophils}))
    if any(value > 0 for value in given.values()):
        unmet.append("immature_granulocytes")
    elif len(given) < len(immature):
        missing.append("immature_granulocytes")
    if basophils is None:
        missing.append("basophils")
    elif basophils >= CHR_BASOPHILS_BELOW:
        unmet.append("basophils")
    if spleen_cm is None:
        missing.append("spleen")
    elif checked_number("spleen_cm", spleen_cm, high=MAX_SPLEEN_CM, unit=" cm") > 0:
        unmet.append("spleen")
    complete = False if unmet else (None if missing else True)
    return ChrAssessment(complete, tuple(unmet), tuple(missing))


# --- cytogenetic response (domain.md §2.2) -----------------------------------------------------

MIN_METAPHASES = 20


class CytogeneticCategory(StrEnum):
    """ELN cytogenetic response by Ph+ metaphases, best first (domain.md §2.2)."""

    COMPLETE = "complete"  # 0 %
    PARTIAL = "partial"  # 1–35 %
    MINOR = "minor"  # 36–65 %
    MINIMAL = "minimal"  # 66–95 %
    NONE = "none"  # > 95 %

    @property
    def rank(self) -> int:
        """0 for complete up to 4 for none: a higher rank is a worse response."""
        return list(CytogeneticCategory).index(self)

    @property
    def major(self) -> bool:
        """Major cytogenetic response (MCyR) = complete + partial, i.e. Ph+ 0–35 %."""
        return self in (CytogeneticCategory.COMPLETE, CytogeneticCategory.PARTIAL)


def cytogenetic_category(ph_positive_pct: float) -> CytogeneticCategory:
    """The ELN band of a Ph+ percentage, ignoring how many metaphases were counted.

    The published bands are written in whole percent (1–35, 36–65, 66–95); a fraction such as
    35.5 % (e.g. 1 of 3 metaphases) belongs to the band above, because the milestone rules of the
    same guidelines say "Ph+ > 35 %" and "Ph+ > 95 %". The older MDACC bands (partial 1–34 %,
    minor 35–90 %) are **not** used.
    """
    pct = settled(checked_percent("ph_positive_pct", ph_positive_pct))
    if pct == 0:
        return CytogeneticCategory.COMPLETE
    if pct <= 35:
        return CytogeneticCategory.PARTIAL
    if pct <= 65:
        return CytogeneticCategory.MINOR
    if pct <= 95:
        return CytogeneticCategory.MINIMAL
    return CytogeneticCategory.NONE


@dataclass(frozen=True)
class CytogeneticResponse:
    """A chromosome-banding result and what it says about the cytogenetic response.

    With fewer than 20 metaphases the result is read as a partial count of the 20 ELN requires:
    ``lowest_possible_pct`` and ``highest_possible_pct`` are the Ph+ percentages the full count
    would give if every missing metaphase were Ph− or Ph+. The category is evaluable only when
    both ends fall in the same band.

    Attributes:
        ph_positive_pct: Ph+ metaphases in %, as reported.
        metaphases: Number of metaphases analysed.
        category: The ELN category, or ``None`` when not evaluable (too few metaphases).
        best_possible: The best category the full count could give.
        worst_possible: The worst category the full count could give.
        lowest_possible_pct: Smallest Ph+ % the full count could give.
        highest_possible_pct: Largest Ph+ % the full count could give.
    """

    ph_positive_pct: float
    metaphases: int
    category: CytogeneticCategory | None
    best_possible: CytogeneticCategory
    worst_possible: CytogeneticCategory
    lowest_possible_pct: float
    highest_possible_pct: float

    @property
    def evaluable(self) -> bool:
        return self.category is not None

    @property
    def major(self) -> bool | None:
        """MCyR (Ph+ ≤ 35 %): ``True``/``False`` when certain, ``None`` when the count is short."""
        return self.ph_positive_at_most(35.0)

    @property
    def complete(self) -> bool | None:
        """CCyR (Ph+ 0 %): ``True``/``False`` when certain, ``None`` when the count is short."""
        return self.ph_positive_at_most(0.0)

    def ph_positive_above(self, pct: float) -> bool | None:
        """Whether Ph+ > ``pct`` is certain (``True``), excluded (``False``) or open (``None``)."""
        if settled(self.lowest_possible_pct) > pct:
            return True
        if settled(self.highest_possible_pct) <= pct:
            return False
        return None

    def ph_positive_at_most(self, pct: float) -> bool | None:
        """Whether Ph+ ≤ ``pct`` is certain, excluded or open (the negation of the above)."""
        above = self.ph_positive_above(pct)
        return None if above is None else not above


def cytogenetic_response(ph_positive_pct: float, metaphases: int) -> CytogeneticResponse:
    """Cytogenetic response from the Ph+ % and the number of metaphases (domain.md §2.2).

    ELN requires at least 20 bone-marrow metaphases. [DESIGN] (§2.2): with fewer, the result is
    "not evaluable / insufficient metaphases" unless the category cannot change. This function
    makes that exception exact: the category stands when no outcome of the metaphases missing to
    reach 20 could move it to another band. Consequences, all intended:

    * 0 Ph+ of fewer than 20 is never a complete response (a Ph+ metaphase may have been missed);
    * 1 Ph+ of 19 is a partial response whatever the 20th shows (5–10 %);
    * 19 Ph+ of 19 is not evaluable as a category (95–100 % spans minimal and none), but
      :meth:`CytogeneticResponse.ph_positive_above` still tells a milestone rule that Ph+ > 35 %.

    Args:
        ph_positive_pct: Ph+ metaphases in % (0–100).
        metaphases: Metaphases analysed (0 when the karyotype failed).

    Returns:
        The category (``None`` when not evaluable) with the range the full count could give.

    Raises:
        ClinicalValueError: The percentage is outside 0–100, or the count is not a whole number
            of at least 0.
    """
    pct = checked_percent("ph_positive_pct", ph_positive_pct)
    count = checked_count("metaphases", metaphases)
    if count >= MIN_METAPHASES:
        lowest = highest = pct
    else:
        # Ph+ metaphases seen = pct × count / 100; the full count adds 20 − count of unknown kind.
        lowest = pct * count / MIN_METAPHASES
        highest = lowest + (MIN_METAPHASES - count) * 100 / MIN_METAPHASES
    best = cytogenetic_category(settled(lowest))
    worst = cytogenetic_category(min(settled(highest), 100.0))
    return CytogeneticResponse(
        ph_positive_pct=pct,
        metaphases=count,
        category=best if best is worst else None,
        best_possible=best,
        worst_possible=worst,
        lowest_possible_pct=lowest,
        highest_possible_pct=highest,
    )


# --- molecular response (domain.md §2.3) -------------------------------------------------------


class MolecularCategory(StrEnum):
    """Molecular response on the International Scale, deepest first (domain.md §2.3)."""

    MR5 = "MR5"  # ≤ 0.001 %, or undetectable with ≥ 100,000 ABL1 copies
    MR4_5 = "MR4.5"  # ≤ 0.0032 %, or undetectable with ≥ 32,000 ABL1 copies
    MR4 = "MR4"  # ≤ 0.01 %, or undetectable with ≥ 10,000 ABL1 copies
    MMR = "MMR"  # = MR3, ≤ 0.1 %
    NO_MMR = "no MMR"  # > 0.1 %

    @property
    def rank(self) -> int:
        """0 for MR5 up to 4 for no MMR: a higher rank is a worse response."""
        return list(MolecularCategory).index(self)

    @property
    def major(self) -> bool:
        """At least a major molecular response (MMR = MR3)."""
        return self is not MolecularCategory.NO_MMR


# (upper limit of BCR-ABL1 % IS, ABL1 copies needed when undetectable, category), deepest first.
_MOLECULAR_BANDS = (
    (0.001, 100_000, MolecularCategory.MR5),
    (0.0032, 32_000, MolecularCategory.MR4_5),
    (0.01, 10_000, MolecularCategory.MR4),
)
MMR_AT_MOST = 0.1  # % IS


@dataclass(frozen=True)
class MolecularResponse:
    """A BCR-ABL1 result and its molecular response category.

    Attributes:
        category: The category, or ``None`` when a detectable result is not on the IS.
        bcr_abl1_is_pct: BCR-ABL1 % on the IS (``None`` when undetectable or not on the IS).
        undetectable: Whether the transcript was undetectable.
        abl1_copies: ABL1 control-gene copies, when given.
        limited_sensitivity: An undetectable result whose ABL1 copies (fewer than 10,000, or
            not given) cannot show a response deeper than MMR (domain.md §8 soft warning).
    """

    category: MolecularCategory | None
    bcr_abl1_is_pct: float | None
    undetectable: bool
    abl1_copies: int | None
    limited_sensitivity: bool

    @property
    def major(self) -> bool | None:
        """MMR or deeper; ``None`` when the category is not evaluable."""
        return None if self.category is None else self.category.major


def to_international_scale(local_ratio_pct: float, conversion_factor: float) -> float:
    """BCR-ABL1 % IS = local BCR-ABL1/control ratio % × the laboratory's conversion factor.

    domain.md §2.3 [DESIGN] asks for the raw ratio, the control gene, the IS flag and the
    conversion factor to be stored, never a bare "MMR yes/no"; this is the one formula needed
    to put such a raw ratio on the IS.
    """
    ratio = checked_number("local_ratio_pct", local_ratio_pct, unit=" %")
    factor = checked_number("conversion_factor", conversion_factor, low_open=True)
    return ratio * factor


def molecular_response(
    bcr_abl1_is_pct: float | None,
    *,
    undetectable: bool = False,
    abl1_copies: int | None = None,
    international_scale: bool = True,
) -> MolecularResponse:
    """Molecular response category from BCR-ABL1 % IS (domain.md §2.3).

    A detectable result is classified by its value alone: MR5 ≤ 0.001 %, MR4.5 ≤ 0.0032 %,
    MR4 ≤ 0.01 %, MMR ≤ 0.1 %, otherwise no MMR (every limit inclusive). An undetectable result is
    classified by the ABL1 copies in the same sample: ≥ 100,000 MR5, ≥ 32,000 MR4.5, ≥ 10,000 MR4.
    With fewer copies, or none given, it counts as MMR (the reference sets no copy requirement for
    MMR) and is flagged ``limited_sensitivity``.

    A detectable result that is not on the IS gets no category: 2005–2008 local scales (e.g. the
    MDACC "MMR < 0.05 %") are not comparable. Convert with :func:`to_international_scale` first.

    Args:
        bcr_abl1_is_pct: BCR-ABL1 in % on the IS; ``None`` (or 0) when undetectable.
        undetectable: The transcript was not detected.
        abl1_copies: ABL1 control-gene copies in the same sample.
        international_scale: Whether ``bcr_abl1_is_pct`` is on the IS.

    Returns:
        The category (``None`` when not evaluable) and the flags.

    Raises:
        ClinicalValueError: A negative or non-finite value, a detectable result without a value,
            or an undetectable result with a value above 0.
    """
    copies = None if abl1_copies is None else checked_count("abl1_copies", abl1_copies)
    value = (
        None
        if bcr_abl1_is_pct is None
        else checked_number("bcr_abl1_is_pct", bcr_abl1_is_pct, unit=" %")
    )
    if undetectable:
        if value:
            raise ClinicalValueError(
                "bcr_abl1_is_pct", "leave it empty (or 0) when the transcript is undetectable"
            )
        # Undetectable is undetectable on every scale; the depth comes from the ABL1 copies.
        for _limit, needed, category in _MOLECULAR_BANDS:
            if copies is not None and copies >= needed:
                return MolecularResponse(category, None, True, copies, False)
        return MolecularResponse(MolecularCategory.MMR, None, True, copies, True)
    if value is None:
        raise ClinicalValueError("bcr_abl1_is_pct", "give the value, or mark it undetectable")
    if not international_scale:
        return MolecularResponse(None, None, False, copies, False)
    level = settled(value)
    for limit, _needed, category in _MOLECULAR_BANDS:
        if level <= limit:
            return MolecularResponse(category, value, False, copies, False)
    category = MolecularCategory.MMR if level <= MMR_AT_MOST else MolecularCategory.NO_MMR
    return MolecularResponse(category, value, False, copies, False)
