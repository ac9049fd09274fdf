"""Disease phase (chronic, accelerated, blast) from raw values under a chosen rule set.

domain.md §2.4. The ELN 2006 paper's own wording for AP/BC is [UNVERIFIED]; its [DESIGN] advice is
followed: store the raw values and the phase "as reported", compute the phase under a selectable
rule set, and flag any disagreement. Import the names from :mod:`cmlentry.domain.response`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from cmlentry.domain.clinical import (
    MAX_PLATELETS,
    checked_differential,
    checked_number,
    checked_percent,
    settled,
)


class Phase(StrEnum):
    """Phase of CML, least advanced first."""

    CHRONIC = "chronic"
    ACCELERATED = "accelerated"
    BLAST = "blast"

    @property
    def advanced(self) -> bool:
        """Accelerated or blast phase: progression when it happens on treatment."""
        return self is not Phase.CHRONIC


class PhaseRuleSet(StrEnum):
    """The published phase definitions (domain.md §2.4 table rows).

    ``MDACC_ELN`` is the [DESIGN] default "MDACC/ELN" set with 15/30 % blast cut-offs: the
    MDACC/IBMTR criteria used in the imatinib trials and the ELN 2006 era. ``ELN_2013`` is the
    later ELN 2013/2020 row (blasts in blood *or* marrow, strict ``>``/``<`` where it says so).
    ``WHO`` is WHO 2001/2008/2016 with 10/20 % cut-offs. WHO 2022 abolished the accelerated
    phase and is not offered.
    """

    MDACC_ELN = "mdacc_eln"
    ELN_2013 = "eln_2013"
    WHO = "who"


@dataclass(frozen=True)
class PhaseAssessment:
    """The computed phase, the criteria behind it, and its agreement with the reported phase.

    Attributes:
        phase: The computed phase.
        rule_set: The rule set used.
        criteria: Codes of the accelerated/blast criteria met, e.g. ``"pb_blasts_15_29"``.
        unconfirmed: Criteria met by the numbers whose other condition (e.g. "unrelated to
            therapy") was not stated, so they did not count.
        reported: The phase reported by the centre, if given.
        disagrees: ``True`` when a reported phase was given and differs from the computed one.
    """

    phase: Phase
    rule_set: PhaseRuleSet
    criteria: tuple[str, ...]
    unconfirmed: tuple[str, ...]
    reported: Phase | None
    disagrees: bool


def disease_phase(
    *,
    rule_set: PhaseRuleSet = PhaseRuleSet.MDACC_ELN,
    reported: Phase | None = None,
    pb_blasts_pct: float | None = None,
    bm_blasts_pct: float | None = None,
    pb_promyelocytes_pct: float | None = None,
    pb_basophils_pct: float | None = None,
    platelets: float | None = None,
    thrombocytopenia_related_to_therapy: bool | None = None,
    thrombocytosis_unresponsive_to_therapy: bool | None = None,
    spleen_and_wbc_rising_on_therapy: bool | None = None,
    clonal_evolution: bool | None = None,
    extramedullary_blasts: bool | None = None,
    bm_blast_clusters: bool | None = None,
) -> PhaseAssessment:
    """Compute the phase from raw values under ``rule_set`` (domain.md §2.4).

    ==========================  =================================  ===============================
    criterion                   MDACC_ELN / ELN_2013               WHO
    ==========================  =================================  ===============================
    blast phase, blasts         ≥ 30 % in PB or BM                 ≥ 20 % in PB or BM
    blast phase, other          extramedullary blasts              extramedullary blasts; large
                                                                   clusters of blasts in the BM
    accelerated, blasts         PB 15–29 % (ELN_2013: PB or BM)    10–19 % in PB or BM
    accelerated, blasts+promyel PB ≥ 30 % (ELN_2013: > 30 %)       –
    accelerated, basophils      PB ≥ 20 %                          PB ≥ 20 %
    accelerated, platelets      ≤ 100 (ELN_2013: < 100) ×10⁹/L     < 100, or > 1000 unresponsive
                                unrelated to therapy               to therapy
    accelerated, other          clonal evolution                   clonal evolution; spleen and
                                                                   WBC rising despite therapy
    ==========================  =================================  ===============================

    A criterion that needs a value not given simply does not count, so with few values the
    computed phase is a lower bound. Thrombocytopenia counts only when the caller states it is
    unrelated to therapy (and, for ELN 2013/WHO, persistent); thrombocytosis only when stated
    unresponsive. A low or high count without that statement is listed in ``unconfirmed``.

    Args:
        rule_set: Which definitions to apply.
        reported: The phase as reported by the centre, to flag a disagreement.
        pb_blasts_pct: Peripheral-blood blasts in %.
        bm_blasts_pct: Bone-marrow blasts in %.
        pb_promyelocytes_pct: Peripheral-blood promyelocytes in %.
        pb_basophils_pct: Peripheral-blood basophils in %.
        platelets: Platelet count in ×10⁹/L.
        thrombocytopenia_related_to_therapy: Whether a low platelet count is due to therapy.
        thrombocytosis_unresponsive_to_therapy: Platelets > 1000 unresponsive to therapy (WHO).
        spleen_and_wbc_rising_on_therapy: Increasing spleen size and WBC despite therapy (WHO).
        clonal_evolution: Additional chromosome abnormalities in Ph+ cells.
        extramedullary_blasts: Extramedullary blast disease (apart from the spleen).
        bm_blast_clusters: Large foci or clusters of blasts in the marrow biopsy (WHO).

    Returns:
        The computed phase with its criteria and the comparison with ``reported``.

    Raises:
        ClinicalValueError: A value is NaN, infinite or out of range, or the blood percentages
            add up to more than 100.
    """
    rules = PhaseRuleSet(rule_set)
    values = _Values(
        pb_blasts=_percent_or_none("pb_blasts_pct", pb_blasts_pct),
        bm_blasts=_percent_or_none("bm_blasts_pct", bm_blasts_pct),
        promyelocytes=_percent_or_none("pb_promyelocytes_pct", pb_promyelocytes_pct),
        basophils=_percent_or_none("pb_basophils_pct", pb_basophils_pct),
        platelets=(
            None
            if platelets is None
            else checked_number("platelets", platelets, low_open=True, high=MAX_PLATELETS)
        ),
        thrombocytopenia_related_to_therapy=thrombocytopenia_related_to_therapy,
        thrombocytosis_unresponsive_to_therapy=thrombocytosis_unresponsive_to_therapy,
        spleen_and_wbc_rising_on_therapy=spleen_and_wbc_rising_on_therapy,
        clonal_evolution=clonal_evolution,
        extramedullary_blasts=extramedullary_blasts,
        bm_blast_clusters=bm_blast_clusters,
    )
    checked_differential(
        **{
            name: value
            for name, value in (
                ("pb_blasts_pct", values.pb_blasts),
                ("pb_promyelocytes_pct", values.promyelocytes),
                ("pb_basophils_pct", values.basophils),
            )
            if value is not None
        }
    )
    blast = _blast_criteria(values, rules)
    accelerated, unconfirmed = _accelerated_criteria(values, rules)
    if blast:
        phase = Phase.BLAST
    elif accelerated:
        phase = Phase.ACCELERATED
    else:
        phase = Phase.CHRONIC
    reported_phase = None if reported is None else Phase(reported)
    return PhaseAssessment(
        phase=phase,
        rule_set=rules,
        criteria=blast + accelerated,
        unconfirmed=unconfirmed,
        reported=reported_phase,
        disagrees=reported_phase is not None and reported_phase is not phase,
    )


@dataclass(frozen=True)
class _Values:
    pb_blasts: float | None
    bm_blasts: float | None
    promyelocytes: float | None
    basophils: float | None
    platelets: float | None
    thrombocytopenia_related_to_therapy: bool | None
    thrombocytosis_unresponsive_to_therapy: bool | None
    spleen_and_wbc_rising_on_therapy: bool | None
    clonal_evolution: bool | None
    extramedullary_blasts: bool | None
    bm_blast_clusters: bool | None


def _blast_cut(rules: PhaseRuleSet) -> float:
    return 20.0 if rules is PhaseRuleSet.WHO else 30.0


def _blast_criteria(v: _Values, rules: PhaseRuleSet) -> tuple[str, ...]:
    cut = _blast_cut(rules)
    found: list[str] = []
    if v.pb_blasts is not None and v.pb_blasts >= cut:
        found.append(f"pb_blasts_{cut:g}")
    if v.bm_blasts is not None and v.bm_blasts >= cut:
        found.append(f"bm_blasts_{cut:g}")
    if v.extramedullary_blasts:
        found.append("extramedullary_blasts")
    if rules is PhaseRuleSet.WHO and v.bm_blast_clusters:
        found.append("bm_blast_clusters")
    return tuple(found)


def _accelerated_criteria(
    v: _Values, rules: PhaseRuleSet
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    who = rules is PhaseRuleSet.WHO
    eln2013 = rules is PhaseRuleSet.ELN_2013
    upper = _blast_cut(rules)
    lower = 10.0 if who else 15.0
    band = f"{lower:g}_{upper - 1:g}"
    found: list[str] = []
    if v.pb_blasts is not None and lower <= v.pb_blasts < upper:
        found.append(f"pb_blasts_{band}")
    # MDACC counts accelerated-phase blasts in the blood only; ELN 2013 and WHO in blood or marrow.
    if (who or eln2013) and v.bm_blasts is not None and lower <= v.bm_blasts < upper:
        found.append(f"bm_blasts_{band}")
    if not who and v.pb_blasts is not None and v.promyelocytes is not None:
        total = settled(v.pb_blasts + v.promyelocytes)
        # MDACC counts "≥ 30 %"; ELN 2013 says "> 30 % with blasts < 30 %".
        if (total > 30 and v.pb_blasts < 30) if eln2013 else total >= 30:
            found.append("pb_blasts_promyelocytes_30")
    if v.basophils is not None and v.basophils >= 20:
        found.append("pb_basophils_20")
    platelets_found, unconfirmed = _platelet_criteria(v, rules)
    found.extend(platelets_found)
    if who and v.spleen_and_wbc_rising_on_therapy:
        found.append("spleen_and_wbc_rising")
    if v.clonal_evolution:
        found.append("clonal_evolution")
    return tuple(found), unconfirmed


def _platelet_criteria(v: _Values, rules: PhaseRuleSet) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Thrombocytopenia (and, for WHO, thrombocytosis) counts only with its clinical condition."""
    found: list[str] = []
    unconfirmed: list[str] = []
    if v.platelets is None:
        return (), ()
    who = rules is PhaseRuleSet.WHO
    # MDACC: "≤ 100"; ELN 2013 and WHO: "< 100".
    low = v.platelets <= 100 if rules is PhaseRuleSet.MDACC_ELN else v.platelets < 100
    if low:
        if v.thrombocytopenia_related_to_therapy is False:
            found.append("thrombocytopenia")
        elif v.thrombocytopenia_related_to_therapy is None:
            unconfirmed.append("thrombocytopenia")
    if who and v.platelets > 1000:
        if v.thrombocytosis_unresponsive_to_therapy:
            found.append("thrombocytosis")
        elif v.thrombocytosis_unresponsive_to_therapy is None:
            unconfirmed.append("thrombocytosis")
    return tuple(found), tuple(unconfirmed)


def _percent_or_none(name: str, value: float | None) -> float | None:
    return None if value is None else checked_percent(name, value)
