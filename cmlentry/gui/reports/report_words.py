"""The report's options, reasons and categories in the words of the interface's language.

The services name them in English for files (the workbook's Report sheet, the command line);
the dashboard shows the same things translated. Every function falls back to the service's
English label for a value it does not know, so a new reason is shown, never hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from cmlentry.domain.clinical import Risk
from cmlentry.domain.response_categories import CytogeneticCategory
from cmlentry.domain.survival import CiType
from cmlentry.services.reports.exclusions import Exclusion
from cmlentry.services.reports.pfs import EventSet, Origin
from cmlentry.services.reports.table_facts import LeftOutReason


def event_set_words(event_set: EventSet) -> str:
    """The events that end follow-up, as printed beside every survival figure."""
    words = {
        EventSet.AP_BC: QCoreApplication.translate("report_words", "progression to AP/BC"),
        EventSet.AP_BC_DEATH: QCoreApplication.translate(
            "report_words", "progression to AP/BC or death"
        ),
        EventSet.PERSISTENT_RESPONSE: QCoreApplication.translate(
            "report_words",
            "progression to AP/BC or loss of CHR, MCyR or CCyR (persistent response)",
        ),
        EventSet.EFS: QCoreApplication.translate(
            "report_words",
            "progression to AP/BC, loss of CHR, MCyR or CCyR, death or stop of imatinib (EFS)",
        ),
    }
    return words.get(event_set, event_set.label)


def origin_words(origin: Origin) -> str:
    """Where follow-up starts ("start of imatinib")."""
    words = {
        Origin.IMATINIB_START: QCoreApplication.translate("report_words", "start of imatinib"),
        Origin.FAILURE: QCoreApplication.translate("report_words", "failure of imatinib"),
        Origin.REGISTRATION: QCoreApplication.translate("report_words", "registration"),
    }
    return words.get(origin, origin.label)


def ci_words(ci: CiType) -> str:
    """The 95 % interval's type, with its formula's name."""
    words = {
        CiType.PLAIN: QCoreApplication.translate("report_words", "plain (Ŝ ± 1.96·SE)"),
        CiType.LOG: QCoreApplication.translate("report_words", "log"),
        CiType.LOG_LOG: QCoreApplication.translate("report_words", "log-log"),
    }
    return words.get(ci, ci.value)


def left_out_words(reason: LeftOutReason) -> str:
    """Why a table could not count a patient."""
    words = {
        LeftOutReason.NO_REGISTRATION_MONTH: QCoreApplication.translate(
            "report_words", "no date of registration and no date of receipt"
        ),
        LeftOutReason.SEX_NOT_RECORDED: QCoreApplication.translate(
            "report_words", "sex not entered"
        ),
        LeftOutReason.AGE_NOT_EVALUABLE: QCoreApplication.translate(
            "report_words",
            "year of birth or date of diagnosis not entered or not valid, or diagnosis "
            "before birth",
        ),
        LeftOutReason.STUDY_UNKNOWN: QCoreApplication.translate(
            "report_words", "prospective study participation unknown"
        ),
        LeftOutReason.STUDY_NOT_RECORDED: QCoreApplication.translate(
            "report_words", "prospective study participation not entered"
        ),
        LeftOutReason.NO_REASON: QCoreApplication.translate(
            "report_words", "no reason for registration entered"
        ),
        LeftOutReason.NO_DOSE: QCoreApplication.translate(
            "report_words", "no daily dose in the dose history"
        ),
        LeftOutReason.START_DOSE_UNDATED: QCoreApplication.translate(
            "report_words", "no dose row with a usable “From” date"
        ),
        LeftOutReason.DURATION_NOT_EVALUABLE: QCoreApplication.translate(
            "report_words", "imatinib start, failure or stop date not usable"
        ),
        LeftOutReason.NO_DECISION: QCoreApplication.translate(
            "report_words", "no decision after failure entered"
        ),
    }
    return words.get(reason, reason.label)


def exclusion_words(reason: Exclusion) -> str:
    """Why a patient is left out of an end point."""
    words = {
        Exclusion.NO_ORIGIN: QCoreApplication.translate(
            "report_words", "no usable date for the origin"
        ),
        Exclusion.ADVANCED_AT_ORIGIN: QCoreApplication.translate(
            "report_words", "in accelerated phase or blast crisis at or before the origin"
        ),
        Exclusion.DEAD_AT_ORIGIN: QCoreApplication.translate(
            "report_words", "died on or before the origin"
        ),
        Exclusion.UNDATED_EVENT: QCoreApplication.translate(
            "report_words", "an event of the set without a usable date"
        ),
        Exclusion.NO_LAST_CONTACT: QCoreApplication.translate(
            "report_words", "no date of last contact and no event"
        ),
        Exclusion.CONTACT_BEFORE_ORIGIN: QCoreApplication.translate(
            "report_words", "last contact before the origin and no event"
        ),
        Exclusion.TRANSPLANT_UNDATED: QCoreApplication.translate(
            "report_words", "allogeneic transplant without a usable date"
        ),
        Exclusion.TRANSPLANT_AT_ORIGIN: QCoreApplication.translate(
            "report_words", "allogeneic transplant on or before the origin"
        ),
        Exclusion.NO_IMATINIB_START: QCoreApplication.translate(
            "report_words", "no usable imatinib start date"
        ),
        Exclusion.NO_BLOOD_COUNT: QCoreApplication.translate(
            "report_words", "no blood count on imatinib that shows CHR or its absence"
        ),
        Exclusion.NO_MARROW_AT_12_MONTHS: QCoreApplication.translate(
            "report_words", "no evaluable karyotype 11 to 13.5 months into imatinib"
        ),
        Exclusion.SOKAL_NOT_EVALUABLE: QCoreApplication.translate(
            "report_words", "Sokal score not evaluable"
        ),
        Exclusion.INTERRUPTION_UNDATED: QCoreApplication.translate(
            "report_words", "an interruption for toxicity without usable dates"
        ),
    }
    return words.get(reason, reason.label)


def risk_words(risk: Risk) -> str:
    """A Sokal risk group ("low risk")."""
    words = {
        Risk.LOW: QCoreApplication.translate("report_words", "low risk"),
        Risk.INTERMEDIATE: QCoreApplication.translate("report_words", "intermediate risk"),
        Risk.HIGH: QCoreApplication.translate("report_words", "high risk"),
    }
    return words.get(risk, str(risk))


def cytogenetic_words(category: CytogeneticCategory) -> str:
    """An ELN cytogenetic response category, with its band of Ph+ metaphases."""
    words = {
        CytogeneticCategory.COMPLETE: QCoreApplication.translate(
            "report_words", "complete (0 % Ph+)"
        ),
        CytogeneticCategory.PARTIAL: QCoreApplication.translate(
            "report_words", "partial (1–35 % Ph+)"
        ),
        CytogeneticCategory.MINOR: QCoreApplication.translate(
            "report_words", "minor (36–65 % Ph+)"
        ),
        CytogeneticCategory.MINIMAL: QCoreApplication.translate(
            "report_words", "minimal (66–95 % Ph+)"
        ),
        CytogeneticCategory.NONE: QCoreApplication.translate("report_words", "none (> 95 % Ph+)"),
    }
    return words.get(category, category.value)


def cytopenia_words(term: str) -> str:
    """A cytopenia of the toxicity form (its code: NEUTROPENIA, …)."""
    words = {
        "NEUTROPENIA": QCoreApplication.translate("report_words", "neutropenia"),
        "THROMBOCYTOPENIA": QCoreApplication.translate("report_words", "thrombocytopenia"),
        "ANAEMIA": QCoreApplication.translate("report_words", "anaemia"),
    }
    return words.get(term, term.lower())
