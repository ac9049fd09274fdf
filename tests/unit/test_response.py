"""CHR, cytogenetic and molecular response at one assessment (domain.md §2.1–2.3)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmlentry.domain import response
from cmlentry.domain.response import (
    ClinicalValueError,
    CytogeneticCategory,
    MolecularCategory,
    complete_haematologic_response,
    cytogenetic_category,
    cytogenetic_response,
    molecular_response,
    to_international_scale,
)


def test_the_public_names_are_all_importable_from_response() -> None:
    assert all(hasattr(response, name) for name in response.__all__)
    for name in (
        "disease_phase",
        "neutropenia_grade",
        "thrombocytopenia_grade",
        "anaemia_grade",
        "eln2006_assessment",
        "supported_form_a_reasons",
    ):
        assert name in response.__all__


# --- §2.1 CHR ----------------------------------------------------------------------------------

IN_CHR = {
    "platelets": 449.0,
    "wbc": 9.9,
    "basophils_pct": 4.9,
    "blasts_pct": 0.0,
    "promyelocytes_pct": 0.0,
    "myelocytes_pct": 0.0,
    "spleen_cm": 0.0,
}


def test_chr_when_every_criterion_holds() -> None:
    result = complete_haematologic_response(**IN_CHR)
    assert result.complete is True
    assert result.unmet == ()
    assert result.missing == ()


@pytest.mark.parametrize(
    ("change", "criterion"),
    [
        ({"platelets": 450.0}, "platelets"),  # "< 450": 450 fails
        ({"wbc": 10.0}, "wbc"),  # "< 10": 10 fails
        ({"basophils_pct": 5.0}, "basophils"),  # "< 5 %": 5 fails
        ({"myelocytes_pct": 1.0}, "immature_granulocytes"),
        ({"promyelocytes_pct": 0.5}, "immature_granulocytes"),
        ({"blasts_pct": 1.0}, "immature_granulocytes"),
        ({"spleen_cm": 1.0}, "spleen"),
        ({"spleen_cm": 0.5}, "spleen"),
    ],
)
def test_each_chr_criterion_fails_on_its_own_side_of_the_cut_off(
    change: dict[str, float], criterion: str
) -> None:
    result = complete_haematologic_response(**(IN_CHR | change))
    assert result.complete is False
    assert result.unmet == (criterion,)


@pytest.mark.parametrize(
    "change",
    [{"platelets": 449.99}, {"wbc": 9.99}, {"basophils_pct": 4.99}, {"spleen_cm": 0.0}],
)
def test_just_inside_each_chr_cut_off(change: dict[str, float]) -> None:
    assert complete_haematologic_response(**(IN_CHR | change)).complete is True


def test_chr_wbc_cut_off_is_10_not_1() -> None:
    """Pitfall §2.1: an OMICS table prints "WBC < 1×10⁹/L", a typo for 10."""
    assert complete_haematologic_response(**(IN_CHR | {"wbc": 5.0})).complete is True


def test_chr_with_a_missing_value_is_unknown_unless_another_criterion_fails() -> None:
    assert complete_haematologic_response(**(IN_CHR | {"spleen_cm": None})).complete is None
    assert complete_haematologic_response(**(IN_CHR | {"spleen_cm": None})).missing == ("spleen",)
    failing = complete_haematologic_response(**(IN_CHR | {"spleen_cm": None, "wbc": 14.0}))
    assert failing.complete is False
    assert failing.unmet == ("wbc",)


@pytest.mark.parametrize(
    ("change", "name"),
    [
        ({"platelets": 0.0}, "platelets"),
        ({"wbc": -1.0}, "wbc"),
        ({"wbc": math.nan}, "wbc"),
        ({"basophils_pct": 101.0}, "basophils_pct"),
        ({"spleen_cm": -1.0}, "spleen_cm"),
    ],
)
def test_chr_refuses_impossible_counts(change: dict[str, float], name: str) -> None:
    with pytest.raises(ClinicalValueError, match=repr(name)):
        complete_haematologic_response(**(IN_CHR | change))


# --- §2.2 cytogenetic response -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("ph_positive", "category"),
    [
        (0, CytogeneticCategory.COMPLETE),
        (1, CytogeneticCategory.PARTIAL),
        (35, CytogeneticCategory.PARTIAL),
        (36, CytogeneticCategory.MINOR),
        (65, CytogeneticCategory.MINOR),
        (66, CytogeneticCategory.MINIMAL),
        (95, CytogeneticCategory.MINIMAL),
        (96, CytogeneticCategory.NONE),
        (100, CytogeneticCategory.NONE),
    ],
)
def test_eln_cytogenetic_bands(ph_positive: float, category: CytogeneticCategory) -> None:
    result = cytogenetic_response(ph_positive, 20)
    assert result.category is category
    assert result.evaluable


@pytest.mark.parametrize(
    ("ph_positive", "category"),
    [
        (0.01, CytogeneticCategory.PARTIAL),
        (35.01, CytogeneticCategory.MINOR),
        (65.01, CytogeneticCategory.MINIMAL),
        (95.01, CytogeneticCategory.NONE),
    ],
)
def test_fractions_between_the_whole_percent_bands_go_to_the_band_above(
    ph_positive: float, category: CytogeneticCategory
) -> None:
    # The milestone rules say "Ph+ > 35 %" and "Ph+ > 95 %", so 35.01 is beyond 35.
    assert cytogenetic_category(ph_positive) is category


@pytest.mark.parametrize(("ph_positive", "major"), [(0, True), (35, True), (36, False)])
def test_major_cytogenetic_response_is_0_to_35_percent(ph_positive: float, major: bool) -> None:
    result = cytogenetic_response(ph_positive, 25)
    assert result.major is major
    assert result.category is not None
    assert result.category.major is major


def test_the_old_mdacc_bands_are_not_used() -> None:
    """Pitfall §2.2: MDACC tables use partial 1–34 % and minor 35–90 %. Use the ELN bands."""
    assert cytogenetic_category(35) is CytogeneticCategory.PARTIAL
    assert cytogenetic_category(90) is CytogeneticCategory.MINIMAL


def test_no_ph_positive_metaphase_of_fewer_than_20_is_not_a_complete_response() -> None:
    for metaphases in (1, 10, 19):
        result = cytogenetic_response(0, metaphases)
        assert result.category is None
        assert result.best_possible is CytogeneticCategory.COMPLETE
        assert result.complete is None
    assert cytogenetic_response(0, 20).category is CytogeneticCategory.COMPLETE


def test_few_metaphases_are_not_evaluable_when_the_category_could_change() -> None:
    # 5 of 10 Ph+: the full 20 could give 25 % (partial) to 75 % (minimal).
    result = cytogenetic_response(50, 10)
    assert result.category is None
    assert (result.lowest_possible_pct, result.highest_possible_pct) == (25.0, 75.0)
    assert result.best_possible is CytogeneticCategory.PARTIAL
    assert result.worst_possible is CytogeneticCategory.MINIMAL


def test_few_metaphases_stand_when_the_category_cannot_change() -> None:
    """§2.2 [DESIGN] exception: the category cannot change whatever the missing metaphases show."""
    # 1 Ph+ of 19: 5 % or 10 % with the 20th metaphase, partial either way.
    assert cytogenetic_response(100 / 19, 19).category is CytogeneticCategory.PARTIAL
    # 10 of 19: 50 % or 55 %, minor either way.
    assert cytogenetic_response(1000 / 19, 19).category is CytogeneticCategory.MINOR


def test_all_ph_positive_of_fewer_than_20_still_decides_the_35_percent_question() -> None:
    result = cytogenetic_response(100, 15)  # the full 20 gives 75–100 %
    assert result.category is None  # minimal or none
    assert result.ph_positive_above(35) is True
    assert result.major is False
    assert result.ph_positive_above(95) is None
    nineteen = cytogenetic_response(100, 19)  # 95 % (minimal) or 100 % (none)
    assert nineteen.category is None
    assert nineteen.ph_positive_above(95) is None


def test_a_failed_karyotype_is_not_evaluable() -> None:
    result = cytogenetic_response(0, 0)
    assert result.category is None
    assert result.major is None


@pytest.mark.parametrize(
    ("ph_positive", "metaphases", "name"),
    [
        (-1, 20, "ph_positive_pct"),
        (100.5, 20, "ph_positive_pct"),
        (math.nan, 20, "ph_positive_pct"),
        (10, -1, "metaphases"),
        (10, 20.5, "metaphases"),
    ],
)
def test_cytogenetics_refuses_impossible_values(
    ph_positive: float, metaphases: int, name: str
) -> None:
    with pytest.raises(ClinicalValueError, match=repr(name)):
        cytogenetic_response(ph_positive, metaphases)


@given(st.floats(0, 100), st.floats(0, 100), st.integers(0, 60))
def test_a_higher_ph_positive_percentage_never_gives_a_better_category(
    p1: float, p2: float, metaphases: int
) -> None:
    low = cytogenetic_response(min(p1, p2), metaphases)
    high = cytogenetic_response(max(p1, p2), metaphases)
    assert high.best_possible.rank >= low.best_possible.rank
    assert high.worst_possible.rank >= low.worst_possible.rank
    if low.category is not None and high.category is not None:
        assert high.category.rank >= low.category.rank


@given(st.floats(0, 100), st.integers(0, 60))
def test_a_category_is_given_exactly_when_the_full_count_could_not_change_it(
    ph_positive: float, metaphases: int
) -> None:
    result = cytogenetic_response(ph_positive, metaphases)
    assert result.lowest_possible_pct <= result.highest_possible_pct
    assert (result.category is not None) == (result.best_possible is result.worst_possible)
    if metaphases >= 20:
        assert result.category is cytogenetic_category(ph_positive)


# --- §2.3 molecular response -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "category"),
    [
        (0.1, MolecularCategory.MMR),
        (0.1001, MolecularCategory.NO_MMR),
        (0.01, MolecularCategory.MR4),
        (0.0101, MolecularCategory.MMR),
        (0.0032, MolecularCategory.MR4_5),
        (0.0033, MolecularCategory.MR4),
        (0.001, MolecularCategory.MR5),
        (0.0011, MolecularCategory.MR4_5),
        (12.0, MolecularCategory.NO_MMR),
    ],
)
def test_molecular_bands_are_inclusive(level: float, category: MolecularCategory) -> None:
    assert molecular_response(level).category is category


@pytest.mark.parametrize(
    ("copies", "category", "limited"),
    [
        (100_000, MolecularCategory.MR5, False),
        (99_999, MolecularCategory.MR4_5, False),
        (32_000, MolecularCategory.MR4_5, False),
        (31_999, MolecularCategory.MR4, False),
        (10_000, MolecularCategory.MR4, False),
        (9_999, MolecularCategory.MMR, True),
        (None, MolecularCategory.MMR, True),
    ],
)
def test_undetectable_transcripts_are_classified_by_abl1_copies(
    copies: int | None, category: MolecularCategory, limited: bool
) -> None:
    result = molecular_response(None, undetectable=True, abl1_copies=copies)
    assert result.category is category
    assert result.limited_sensitivity is limited
    assert result.major is True


def test_undetectable_is_undetectable_on_any_scale() -> None:
    result = molecular_response(0, undetectable=True, abl1_copies=40_000, international_scale=False)
    assert result.category is MolecularCategory.MR4_5


def test_a_detectable_result_off_the_international_scale_has_no_category() -> None:
    result = molecular_response(0.04, international_scale=False)
    assert result.category is None
    assert result.major is None


def test_mmr_is_0_1_percent_on_the_is_not_a_local_0_05() -> None:
    """Pitfall §2.3: some 2005–2008 centres reported MMR as < 0.05 % on local scales."""
    assert molecular_response(0.08).category is MolecularCategory.MMR


def test_conversion_to_the_international_scale() -> None:
    assert to_international_scale(0.2, 0.5) == pytest.approx(0.1)
    assert molecular_response(to_international_scale(0.2, 0.5)).category is MolecularCategory.MMR
    with pytest.raises(ClinicalValueError, match="conversion_factor"):
        to_international_scale(0.2, 0)


def test_molecular_refuses_contradictions_and_impossible_values() -> None:
    with pytest.raises(ClinicalValueError, match="bcr_abl1_is_pct"):
        molecular_response(0.5, undetectable=True)
    with pytest.raises(ClinicalValueError, match="bcr_abl1_is_pct"):
        molecular_response(None)
    with pytest.raises(ClinicalValueError, match="bcr_abl1_is_pct"):
        molecular_response(-0.01)
    with pytest.raises(ClinicalValueError, match="bcr_abl1_is_pct"):
        molecular_response(math.nan)
    with pytest.raises(ClinicalValueError, match="abl1_copies"):
        molecular_response(None, undetectable=True, abl1_copies=-5)


@given(st.floats(0, 200), st.floats(0, 200))
def test_a_higher_transcript_level_never_gives_a_deeper_response(l1: float, l2: float) -> None:
    low = molecular_response(min(l1, l2)).category
    high = molecular_response(max(l1, l2)).category
    assert low is not None
    assert high is not None
    assert high.rank >= low.rank
