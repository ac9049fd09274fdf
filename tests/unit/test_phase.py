"""Disease phase under the MDACC/ELN, ELN 2013 and WHO rule sets (domain.md §2.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cmlentry.domain.response import ClinicalValueError, Phase, PhaseRuleSet, disease_phase

MDACC = PhaseRuleSet.MDACC_ELN
ELN13 = PhaseRuleSet.ELN_2013
WHO = PhaseRuleSet.WHO
CP, AP, BP = Phase.CHRONIC, Phase.ACCELERATED, Phase.BLAST


def test_scenario_d_blasts_18_percent_is_accelerated_under_both_rule_sets() -> None:
    """§3.5 scenario D: 18 % PB blasts is AP under MDACC/ELN (15–29 %) and WHO (10–19 %)."""
    assert disease_phase(rule_set=MDACC, pb_blasts_pct=18).phase is AP
    assert disease_phase(rule_set=WHO, pb_blasts_pct=18).phase is AP


def test_scenario_d_blasts_12_percent_is_accelerated_under_who_only() -> None:
    """§3.5 scenario D: with 12 % blasts the rule-set choice matters."""
    assert disease_phase(rule_set=MDACC, pb_blasts_pct=12).phase is CP
    assert disease_phase(rule_set=WHO, pb_blasts_pct=12).phase is AP


@pytest.mark.parametrize(
    ("rule_set", "blasts", "phase"),
    [
        (MDACC, 14.9, CP),
        (MDACC, 15, AP),
        (MDACC, 29.9, AP),
        (MDACC, 30, BP),
        (ELN13, 14.9, CP),
        (ELN13, 15, AP),
        (ELN13, 29.9, AP),
        (ELN13, 30, BP),
        (WHO, 9.9, CP),
        (WHO, 10, AP),
        (WHO, 19.9, AP),
        (WHO, 20, BP),
    ],
)
def test_peripheral_blast_cut_offs_both_sides(
    rule_set: PhaseRuleSet, blasts: float, phase: Phase
) -> None:
    assert disease_phase(rule_set=rule_set, pb_blasts_pct=blasts).phase is phase


@pytest.mark.parametrize(
    ("rule_set", "blasts", "phase"),
    [
        (MDACC, 29.9, CP),  # MDACC counts accelerated-phase blasts in the blood only
        (MDACC, 30, BP),  # "≥ 30 % blasts in PB or BM"
        (ELN13, 14.9, CP),
        (ELN13, 15, AP),  # "blasts 15–29 % in PB or BM"
        (ELN13, 30, BP),
        (WHO, 9.9, CP),
        (WHO, 10, AP),
        (WHO, 20, BP),
    ],
)
def test_marrow_blast_cut_offs(rule_set: PhaseRuleSet, blasts: float, phase: Phase) -> None:
    assert disease_phase(rule_set=rule_set, bm_blasts_pct=blasts).phase is phase


@pytest.mark.parametrize(
    ("rule_set", "blasts", "promyelocytes", "phase"),
    [
        (MDACC, 10, 19.9, CP),
        (MDACC, 10, 20, AP),  # MDACC: blasts + promyelocytes ≥ 30 %
        (ELN13, 10, 20, CP),  # ELN 2013: > 30 %
        (ELN13, 10, 20.1, AP),
        (WHO, 5, 30, CP),  # not a WHO criterion
    ],
)
def test_blasts_plus_promyelocytes(
    rule_set: PhaseRuleSet, blasts: float, promyelocytes: float, phase: Phase
) -> None:
    result = disease_phase(
        rule_set=rule_set, pb_blasts_pct=blasts, pb_promyelocytes_pct=promyelocytes
    )
    assert result.phase is phase


@pytest.mark.parametrize("rule_set", list(PhaseRuleSet))
def test_basophils_20_percent_both_sides(rule_set: PhaseRuleSet) -> None:
    assert disease_phase(rule_set=rule_set, pb_basophils_pct=19.9).phase is CP
    assert disease_phase(rule_set=rule_set, pb_basophils_pct=20).phase is AP


@pytest.mark.parametrize(
    ("rule_set", "platelets", "phase"),
    [
        (MDACC, 100, AP),  # MDACC: "≤ 100"
        (MDACC, 100.1, CP),
        (ELN13, 100, CP),  # ELN 2013: "< 100"
        (ELN13, 99.9, AP),
        (WHO, 100, CP),  # WHO: "< 100"
        (WHO, 99.9, AP),
    ],
)
def test_thrombocytopenia_unrelated_to_therapy_both_sides(
    rule_set: PhaseRuleSet, platelets: float, phase: Phase
) -> None:
    result = disease_phase(
        rule_set=rule_set, platelets=platelets, thrombocytopenia_related_to_therapy=False
    )
    assert result.phase is phase


def test_thrombocytopenia_counts_only_when_stated_unrelated_to_therapy() -> None:
    related = disease_phase(platelets=40, thrombocytopenia_related_to_therapy=True)
    assert related.phase is CP
    assert related.unconfirmed == ()
    unknown = disease_phase(platelets=40)
    assert unknown.phase is CP
    assert unknown.unconfirmed == ("thrombocytopenia",)


def test_who_thrombocytosis_unresponsive_to_therapy() -> None:
    assert (
        disease_phase(
            rule_set=WHO, platelets=1000, thrombocytosis_unresponsive_to_therapy=True
        ).phase
        is CP
    )
    assert (
        disease_phase(
            rule_set=WHO, platelets=1000.1, thrombocytosis_unresponsive_to_therapy=True
        ).phase
        is AP
    )
    assert disease_phase(rule_set=WHO, platelets=1500).unconfirmed == ("thrombocytosis",)
    assert disease_phase(rule_set=MDACC, platelets=1500).phase is CP


@pytest.mark.parametrize("rule_set", list(PhaseRuleSet))
def test_clonal_evolution_is_accelerated_and_extramedullary_blasts_are_blast_phase(
    rule_set: PhaseRuleSet,
) -> None:
    assert disease_phase(rule_set=rule_set, clonal_evolution=True).phase is AP
    assert disease_phase(rule_set=rule_set, extramedullary_blasts=True).phase is BP


def test_who_only_criteria() -> None:
    assert disease_phase(rule_set=WHO, bm_blast_clusters=True).phase is BP
    assert disease_phase(rule_set=MDACC, bm_blast_clusters=True).phase is CP
    assert disease_phase(rule_set=WHO, spleen_and_wbc_rising_on_therapy=True).phase is AP
    assert disease_phase(rule_set=MDACC, spleen_and_wbc_rising_on_therapy=True).phase is CP


def test_disagreement_with_the_reported_phase_is_flagged() -> None:
    result = disease_phase(pb_blasts_pct=18, reported=Phase.CHRONIC)
    assert result.disagrees
    assert result.criteria == ("pb_blasts_15_29",)
    assert not disease_phase(pb_blasts_pct=18, reported=Phase.ACCELERATED).disagrees
    assert not disease_phase(pb_blasts_pct=18).disagrees
    assert disease_phase(pb_blasts_pct=2, reported="blast").disagrees  # type: ignore[arg-type]


def test_phase_refuses_impossible_values() -> None:
    with pytest.raises(ClinicalValueError, match="pb_blasts_pct"):
        disease_phase(pb_blasts_pct=101)
    with pytest.raises(ClinicalValueError, match="add up to at most 100"):
        disease_phase(pb_blasts_pct=60, pb_promyelocytes_pct=30, pb_basophils_pct=20)
    with pytest.raises(ClinicalValueError, match="platelets"):
        disease_phase(platelets=0)


_RANK = {CP: 0, AP: 1, BP: 2}


@given(st.sampled_from(list(PhaseRuleSet)), st.floats(0, 100), st.floats(0, 100))
def test_more_blasts_never_give_an_earlier_phase(
    rule_set: PhaseRuleSet, b1: float, b2: float
) -> None:
    low, high = min(b1, b2), max(b1, b2)
    pb = (disease_phase(rule_set=rule_set, pb_blasts_pct=v).phase for v in (low, high))
    bm = (disease_phase(rule_set=rule_set, bm_blasts_pct=v).phase for v in (low, high))
    for before, after in (tuple(pb), tuple(bm)):
        assert _RANK[after] >= _RANK[before]


@given(st.floats(0, 100))
def test_who_is_never_milder_than_mdacc_on_blasts(blasts: float) -> None:
    who = disease_phase(rule_set=WHO, pb_blasts_pct=blasts).phase
    mdacc = disease_phase(rule_set=MDACC, pb_blasts_pct=blasts).phase
    assert _RANK[who] >= _RANK[mdacc]
