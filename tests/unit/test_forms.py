"""The form definition: the shipped one loads, and a broken one fails naming the item."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from cmlentry.domain.forms import Condition, DefinitionError, Range, parse_definition

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "forms" / "cml-ifp-1.0.yaml"


@pytest.fixture(scope="module")
def text() -> str:
    return SHIPPED.read_text("utf-8")


def test_the_shipped_definition_has_the_nine_forms_of_the_product(text: str) -> None:
    definition = parse_definition(text)
    assert [f.id for f in definition.forms] == [
        "patient",
        "diagnosis",
        "prior_therapy",
        "imatinib",
        "assessments",
        "toxicity",
        "registration",
        "decision",
        "follow_up",
    ]
    assert definition.oid == "cml-ifp-1.0"
    repeating = {g.id for f in definition.forms for g in f.groups if g.repeating}
    assert repeating == {"doses", "interruptions", "assessment", "adverse_event", "follow_up"}
    assert list(definition.codes(definition.item("form_a_reason"))) == [
        "NO_CHR",
        "NO_CYR",
        "NO_MCYR",
        "HAEM_RELAPSE",
        "CYTO_RELAPSE",
        "PROGRESSION",
        "TOXICITY",
    ]  # the seven categories of Tab. 1, in the registry's order


def test_ranges_follow_domain_md_section_8(text: str) -> None:
    definition = parse_definition(text)
    platelets = definition.item("platelets")
    assert platelets.hard_range and not platelets.hard_range.contains(0)
    assert platelets.hard_range.contains(5000) and not platelets.hard_range.contains(5000.1)
    assert platelets.soft_range and not platelets.soft_range.contains(1500)  # ≥ 1500: Euro flag
    assert definition.item("spleen_cm").hard_range == Range(min=0, max=40)
    assert definition.item("dose_mg").soft_values == (300, 400, 600, 800)


def mutate(text: str, change: object) -> str:
    data = yaml.safe_load(text)
    change(data)  # type: ignore[operator]
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def first_item(data: dict) -> dict:  # type: ignore[type-arg]
    return data["forms"][0]["groups"][0]["items"][0]


@pytest.mark.parametrize(
    ("change", "where", "why"),
    [
        (lambda d: first_item(d).update(type="colour"), "'sex' > type", "Input should be"),
        (lambda d: first_item(d).update(colour="red"), "'sex' > colour", "Extra inputs"),
        (lambda d: first_item(d).update(id="birth_year"), "item 'birth_year'", "already"),
        (
            lambda d: first_item(d).update(codelist="gender"),
            "item 'sex'",
            "'gender' does not exist",
        ),
        (
            lambda d: first_item(d).update(show_if={"item": "ghost", "equals": "Y"}),
            "item 'sex'",
            "'ghost', which is not an item",
        ),
        (
            lambda d: first_item(d).update(show_if={"item": "birth_year", "filled": True}),
            "item 'sex'",
            "comes later",
        ),
        (
            lambda d: first_item(d).update(show_if={"item": "sex", "equals": "M"}),
            "item 'sex'",
            "the item itself",
        ),
        (
            lambda d: d["forms"][0]["groups"][0]["items"][4].update(
                show_if={"item": "prospective_study", "equals": "MAYBE"}
            ),
            "item 'prospective_study_name'",
            "'MAYBE', which is not a code",
        ),
        (
            lambda d: d["forms"][0]["groups"][0]["items"][4].update(
                show_if={"item": "prospective_study", "equals": "Y", "filled": True}
            ),
            "'prospective_study_name' > show_if",
            "a condition is",
        ),
        (
            lambda d: d["forms"][1]["groups"][2]["items"][0].update(derived="magic"),
            "item 'sokal_score'",
            "'magic' is not known",
        ),
        (
            lambda d: d["forms"][1]["groups"][1]["items"][0].update(soft_range={"max": 2000}),
            "item 'wbc'",
            "soft max lies outside",
        ),
        (lambda d: first_item(d).update(hard_range={"min": 0}), "item 'sex'", "only a number"),
        (lambda d: first_item(d).update(missing=["UNK", "UNK"]), "item 'sex'", "listed twice"),
        (lambda d: first_item(d).update(missing=["LATER"]), "'sex' > missing", "Input should be"),
        (lambda d: d["codelists"].update(empty={}), "code list 'empty'", "no codes"),
        (lambda d: d["definition"].update(version="one"), "definition > version", "pattern"),
    ],
)
def test_a_broken_definition_names_the_item(
    text: str, change: object, where: str, why: str
) -> None:
    with pytest.raises(DefinitionError) as caught:
        parse_definition(mutate(text, change))
    assert where in caught.value.message
    assert why in caught.value.message


def test_a_condition_across_repeating_groups_is_refused(text: str) -> None:
    def change(d: dict) -> None:  # type: ignore[type-arg]
        d["forms"][3]["groups"][2]["items"][2]["show_if"] = {"item": "dose_mg", "filled": True}

    with pytest.raises(DefinitionError, match="another repeating group"):
        parse_definition(mutate(text, change))


@pytest.mark.parametrize("bad", ["forms: [", "- a list", "just text"])
def test_not_yaml_or_not_a_mapping(bad: str) -> None:
    with pytest.raises(DefinitionError):
        parse_definition(bad)


def test_conditions() -> None:
    condition = Condition.model_validate(
        {"all": [{"item": "a", "equals": "Y"}, {"not": {"item": "b", "in": ["X", "Z"]}}]}
    )
    assert condition.holds({"a": "Y", "b": "W"})
    assert not condition.holds({"a": "Y", "b": "Z"})
    assert not condition.holds({"a": None, "b": "W"})
    assert sorted(condition.items()) == ["a", "b"]
    filled = Condition.model_validate({"item": "a", "filled": True})
    assert filled.holds({"a": 0}) and not filled.holds({"a": None}) and not filled.holds({})


@pytest.mark.parametrize(
    ("bounds", "inside", "outside"),
    [
        ({"min": 0, "max": 10}, [0, 10, 5.5], [-0.01, 10.01]),
        ({"min": 0, "min_exclusive": True}, [0.001, 1e9], [0, -1]),
        ({"max": 1500, "max_exclusive": True}, [1499.99], [1500, 1501]),
    ],
)
def test_range_boundaries(bounds: dict, inside: list[float], outside: list[float]) -> None:  # type: ignore[type-arg]
    r = Range.model_validate(bounds)
    assert all(r.contains(v) for v in inside)
    assert not any(r.contains(v) for v in outside)
