"""Reading records back into answers, and the partial-date rule of the reports."""

from __future__ import annotations

import datetime as dt

import pytest

from cmlentry.domain.values import Entry, PartialDate
from cmlentry.services.reports.records import case_values, impute, imputed_midpoint
from tests.services.reports.kit import BASE, record


def test_case_values_gives_back_the_answers_of_the_record() -> None:
    values = case_values(record())
    assert values["assessments"]["assessment"] == BASE["assessments"]["assessment"]
    assert values["patient"]["patient"][0]["sex"] == Entry("F")


def test_missing_codes_and_override_reasons_come_back_too() -> None:
    stored = {
        "forms": {
            "decision": {
                "groups": {
                    "decision": [
                        {
                            "key": 1,
                            "values": {
                                "decision_date": {"missing": "UNK"},
                                "next_dose_mg": {"value": "1800", "override": "trial dose"},
                            },
                        }
                    ]
                }
            }
        }
    }
    row = case_values(stored)["decision"]["decision"][0]
    assert row == {
        "decision_date": Entry(None, "UNK"),
        "next_dose_mg": Entry("1800", None, "trial dose"),
    }


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2014-11-03", dt.date(2014, 11, 3)),
        ("2014-11", dt.date(2014, 11, 15)),
        ("2014-02", dt.date(2014, 2, 15)),
        ("2014", dt.date(2014, 7, 1)),
    ],
)
def test_a_partial_date_stands_for_the_middle_of_its_month_or_year(text: str, day: dt.date) -> None:
    date = PartialDate.parse(text)
    assert imputed_midpoint(date) == day
    assert impute(date) == (day, not date.is_complete)


def test_a_partial_period_wholly_after_or_before_the_bound_keeps_its_midpoint() -> None:
    november = PartialDate.parse("2014-11")
    assert impute(november, after=dt.date(2014, 10, 31)) == (dt.date(2014, 11, 15), True)
    assert impute(november, after=dt.date(2014, 11, 30)) == (dt.date(2014, 11, 15), True)


@pytest.mark.parametrize(
    ("after", "day"),
    [
        (dt.date(2014, 11, 1), dt.date(2014, 11, 16)),  # 2–30: 29 days, the 15th of them
        (dt.date(2014, 11, 20), dt.date(2014, 11, 25)),  # 21–30: the earlier middle day
        (dt.date(2014, 11, 29), dt.date(2014, 11, 30)),  # only the 30th is left
    ],
)
def test_a_partial_period_straddling_the_bound_uses_the_days_after_it(
    after: dt.date, day: dt.date
) -> None:
    assert impute(PartialDate.parse("2014-11"), after=after) == (day, True)


def test_a_complete_date_is_never_moved() -> None:
    date = PartialDate.parse("2014-11-03")
    assert impute(date, after=dt.date(2014, 12, 1)) == (dt.date(2014, 11, 3), False)
