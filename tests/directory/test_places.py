"""The place index (directory/data/places.csv) and its lookup (directory/places.py).

A person knows where they live, not which force, CPS Area or council covers it: typing a
place must find the right organisations, and odd input must never break the page.
"""

from __future__ import annotations

import csv
from collections import defaultdict

import pytest
from hypothesis import given
from hypothesis import strategies as st

from directory import places
from directory.places import DATA_FILE, lookup, normalise

DISTRICTS = places.districts()

ROLES = (
    "police_force",
    "local_policing_body",
    "cps_area",
    "probation_region",
    "council",
    "youth_justice_service",
    "witness_care_unit",
)

CPS_AREAS = {
    "CPS Cymru-Wales",
    "CPS East Midlands",
    "CPS East of England",
    "CPS London North",
    "CPS London South",
    "CPS Mersey-Cheshire",
    "CPS North East",
    "CPS North West",
    "CPS South East",
    "CPS South West",
    "CPS Thames and Chiltern",
    "CPS Wessex",
    "CPS West Midlands",
    "CPS Yorkshire and Humberside",
}

PROBATION_REGIONS = {
    "East Midlands",
    "East of England",
    "Greater Manchester",
    "Kent, Surrey and Sussex",
    "London",
    "North East",
    "North West",
    "South Central",
    "South West",
    "Wales",
    "West Midlands",
    "Yorkshire and the Humber",
}


# The data -------------------------------------------------------------------------------


def test_every_district_in_england_and_wales_is_there_once():
    codes = [district.code for district in DISTRICTS]
    assert len(codes) == len(set(codes)) == 318  # ONS LAD, April 2023 on: 296 + 22
    by_prefix = defaultdict(int)
    for code in codes:
        by_prefix[code[:3]] += 1
    # 63 unitaries, 164 shire districts, 36 metropolitan, 32 London boroughs and the City,
    # 22 Welsh principal areas.
    assert dict(by_prefix) == {"E06": 63, "E07": 164, "E08": 36, "E09": 33, "W06": 22}


def test_the_april_2023_unitaries_replace_their_old_districts():
    names = {district.code: district.name for district in DISTRICTS}
    assert names["E06000063"] == "Cumberland"
    assert names["E06000064"] == "Westmorland and Furness"
    assert names["E06000065"] == "North Yorkshire"
    assert names["E06000066"] == "Somerset"
    for gone in ("E07000026", "E07000163", "E07000187", "E07000246"):  # Allerdale, ...
        assert gone not in names


def test_every_district_maps_to_exactly_one_of_each():
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 318
    for row in rows:
        for role in ROLES:
            value = row[role]
            assert value.strip(), f"{row['district_name']}: no {role}"
            assert ";" not in value and "|" not in value, f"{row['district_name']}: two {role}"


def test_43_territorial_forces_each_with_districts():
    forces = defaultdict(list)
    for district in DISTRICTS:
        forces[district.police_force].append(district)
    assert len(forces) == 43
    assert all(forces.values())
    assert "British Transport Police" not in forces  # not a territorial force


def test_each_force_has_one_policing_body_probation_region_and_witness_care_unit():
    for role in ("local_policing_body", "probation_region", "witness_care_unit"):
        per_force = defaultdict(set)
        for district in DISTRICTS:
            per_force[district.police_force].add(getattr(district, role))
        assert all(len(values) == 1 for values in per_force.values()), role
    # The Met is the only force split between two CPS Areas (London North and South).
    cps = defaultdict(set)
    for district in DISTRICTS:
        cps[district.police_force].add(district.cps_area)
    split = {force for force, areas in cps.items() if len(areas) > 1}
    assert split == {"Metropolitan Police Service"}


def test_14_cps_areas_and_12_probation_regions():
    assert {district.cps_area for district in DISTRICTS} == CPS_AREAS
    assert {district.probation_region for district in DISTRICTS} == PROBATION_REGIONS


def test_policing_bodies_are_the_right_kind():
    kinds = {d.police_force: (d.local_policing_body, d.local_policing_body_kind) for d in DISTRICTS}
    assert kinds["Metropolitan Police Service"][1] == "mopac"
    assert kinds["City of London Police"][0].startswith("City of London Corporation")
    for force in (
        "Greater Manchester Police",
        "West Yorkshire Police",
        "South Yorkshire Police",
        "North Yorkshire Police",
    ):
        assert kinds[force][1] == "mayor", force
    for force in ("Essex Police", "Staffordshire Police", "Northamptonshire Police"):
        assert kinds[force][1] == "pfcc", force
    assert kinds["Cumbria Constabulary"][1] == "pfcc"
    assert kinds["Kent Police"] == ("Police and Crime Commissioner for Kent", "pcc")


def test_22_welsh_councils_with_the_welsh_ombudsman():
    welsh = [district for district in DISTRICTS if district.nation == "Wales"]
    assert len({district.council for district in welsh}) == 22
    assert {district.ombudsman for district in welsh} == {"Public Services Ombudsman for Wales"}
    assert {district.probation_region for district in welsh} == {"Wales"}
    assert {district.cps_area for district in welsh} == {"CPS Cymru-Wales"}
    english = [district for district in DISTRICTS if district.nation == "England"]
    assert {district.ombudsman for district in english} == {
        "Local Government and Social Care Ombudsman"
    }


def test_153_english_councils_with_social_services():
    english = {district.council for district in DISTRICTS if district.nation == "England"}
    # 21 county councils, 63 unitaries, 36 metropolitan, 32 London boroughs, the City.
    assert len(english) == 153
    by_code = defaultdict(set)
    for district in DISTRICTS:
        by_code[district.council_code].add(district.council)
    assert all(len(names) == 1 for names in by_code.values())
    shire = [district for district in DISTRICTS if district.code.startswith("E07")]
    assert all(district.council_code.startswith("E10") for district in shire)


def test_every_district_has_its_own_name_as_a_place():
    for district in DISTRICTS:
        assert district.places[0] == district.name


# Lookups --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "force", "council", "label"),
    [
        ("Camden", "Metropolitan Police Service", "London Borough of Camden", None),
        ("Leeds", "West Yorkshire Police", "Leeds City Council", "West Yorkshire Police (Leeds)"),
        ("Oxford", "Thames Valley Police", "Oxfordshire County Council", None),
        ("Brighton", "Sussex Police", "Brighton and Hove City Council", None),
        ("Cardiff", "South Wales Police", "Cardiff Council", "South Wales Police (Cardiff)"),
        ("Birmingham", "West Midlands Police", "Birmingham City Council", None),
        ("Caerdydd", "South Wales Police", "Cardiff Council", None),
        ("Hampstead", "Metropolitan Police Service", "London Borough of Camden", None),
        ("Huddersfield", "West Yorkshire Police", "Kirklees Council", None),
        ("Harrogate", "North Yorkshire Police", "North Yorkshire Council", None),
        ("Kendal", "Cumbria Constabulary", "Westmorland and Furness Council", None),
        ("Taunton", "Avon and Somerset Police", "Somerset Council", None),
    ],
)
def test_known_places_give_the_right_organisations_first(typed, force, council, label):
    first = lookup(typed)[0]
    assert first.police_force == force
    assert first.council == council
    assert first.district is not None
    if label:
        assert first.label == label


def test_camden_has_all_its_organisations():
    first = lookup("Camden")[0]
    assert first.local_policing_body == "Mayor's Office for Policing and Crime (MOPAC)"
    assert first.cps_area == "CPS London North"
    assert first.probation_region == "London"
    assert first.witness_care_unit == "Witness Care Unit (Metropolitan Police Service)"
    assert first.youth_justice_service == "Youth justice service (London Borough of Camden)"


def test_leeds_has_the_mayor_and_yorkshire_cps():
    first = lookup("Leeds")[0]
    assert first.local_policing_body == "Mayor of West Yorkshire"
    assert first.cps_area == "CPS Yorkshire and Humberside"
    assert first.probation_region == "Yorkshire and the Humber"


def test_london_offers_the_met_first_and_explains_the_square_mile():
    matches = lookup("London")
    assert [match.police_force for match in matches] == [
        "Metropolitan Police Service",
        "City of London Police",
    ]
    met, city = matches
    assert met.label == "Metropolitan Police Service (London)"
    assert "Square Mile" in met.note and "City of London Police" in met.note
    assert len(met.districts) == 32
    assert met.council is None  # 32 boroughs: the caller asks which
    assert city.label == "City of London Police (City of London)"


def test_the_city_of_london_by_name_is_the_city_police():
    for typed in ("City of London", "the City", "Square Mile", "City of London Corporation"):
        assert lookup(typed)[0].police_force == "City of London Police", typed


@pytest.mark.parametrize(
    ("typed", "forces"),
    [
        ("Richmond", {"Metropolitan Police Service", "North Yorkshire Police"}),
        (
            "Newport",
            {"Gwent Police", "Hampshire and Isle of Wight Constabulary", "West Mercia Police"},
        ),
        ("St Ives", {"Devon and Cornwall Police", "Cambridgeshire Constabulary"}),
        ("Gillingham", {"Kent Police", "Dorset Police"}),
        ("Ashford", {"Kent Police", "Surrey Police"}),
        ("Newcastle", {"Northumbria Police", "Staffordshire Police"}),
    ],
)
def test_a_town_in_two_places_gives_both_so_the_person_can_choose(typed, forces):
    matches = lookup(typed)
    assert {match.police_force for match in matches} == forces
    assert all(match.district is not None for match in matches)
    labels = [match.label for match in matches]
    assert len(set(labels)) == len(labels)  # each one says where it is


def test_richmond_names_both_districts():
    labels = {match.label for match in lookup("Richmond")}
    assert labels == {
        "Metropolitan Police Service (Richmond, Richmond upon Thames)",
        "North Yorkshire Police (Richmond, North Yorkshire)",
    }


def test_newport_in_wales_comes_first():
    assert lookup("Newport")[0].label == "Gwent Police (Newport)"


@pytest.mark.parametrize(
    "typed",
    ["leeds", "LEEDS", "  Leeds  ", "Leeds City Council", "leeds, city council", "Leeds!"],
)
def test_case_spaces_punctuation_and_council_words_do_not_matter(typed):
    assert lookup(typed)[0].police_force == "West Yorkshire Police"


@pytest.mark.parametrize("typed", ["St Helens", "St. Helens", "Saint Helens", "st helens"])
def test_st_and_saint_are_the_same(typed):
    assert lookup(typed)[0].council == "St Helens Borough Council"


@pytest.mark.parametrize("typed", ["King's Lynn", "Kings Lynn", "King\u2019s Lynn"])
def test_apostrophes_do_not_matter(typed):
    assert lookup(typed)[0].police_force == "Norfolk Constabulary"


@pytest.mark.parametrize("typed", ["Ynys Môn", "Ynys Mon", "YNYS MÔN"])
def test_accents_do_not_matter(typed):
    assert lookup(typed)[0].council == "Isle of Anglesey County Council"


def test_a_county_gives_one_answer_for_its_force():
    matches = lookup("Kent")
    assert [match.label for match in matches] == ["Kent Police (Kent)"]
    # The Kent Police area takes in Medway, which has its own council: ask which.
    assert "Medway" in {district.name for district in matches[0].districts}
    assert matches[0].council is None
    assert lookup("Kent County Council")[0].council == "Kent County Council"


def test_a_force_area_name_finds_the_force():
    assert lookup("West Yorkshire")[0].police_force == "West Yorkshire Police"
    assert lookup("Thames Valley")[0].police_force == "Thames Valley Police"


def test_the_start_of_a_name_finds_it():
    labels = [match.label for match in lookup("Brigh")]
    assert "Sussex Police (Brighton and Hove)" in labels


@pytest.mark.parametrize(
    ("typed", "force", "district"),
    [
        ("I live in Leeds", "West Yorkshire Police", "Leeds"),
        ("Camden Town, London NW1", "Metropolitan Police Service", "Camden"),
        ("near Newcastle upon Tyne", "Northumbria Police", "Newcastle upon Tyne"),
        ("Cardiff CF10", "South Wales Police", "Cardiff"),
        ("London Road, Brighton", "Sussex Police", "Brighton and Hove"),
        ("Flat 2, 10 High Street, Harrogate HG1", "North Yorkshire Police", "North Yorkshire"),
    ],
)
def test_a_place_inside_a_longer_answer_is_found(typed, force, district):
    first = lookup(typed)[0]
    assert first.police_force == force
    assert first.district is not None and first.district.name == district


def test_a_small_spelling_mistake_still_finds_it():
    assert lookup("Leeeds")[0].police_force == "West Yorkshire Police"
    assert lookup("Birmingam")[0].police_force == "West Midlands Police"


@pytest.mark.parametrize("typed", ["", "   ", "zzzz", "??", "a", "Atlantis", "Glasgow"])
def test_no_match_is_an_empty_list(typed):
    assert lookup(typed) == []


@pytest.mark.parametrize("typed", [None, 42, b"Leeds", ["Leeds"], {"q": 1}])
def test_not_text_is_no_match(typed):
    assert lookup(typed) == []


def test_very_long_input_is_cut_not_refused():
    assert lookup("Leeds" + " " * 10_000)[0].police_force == "West Yorkshire Police"
    assert lookup("x" * 1_000_000) == []


def test_normalise():
    assert normalise("St. Helen's") == "saint helens"
    assert normalise("Brighton & Hove") == "brighton and hove"
    assert normalise("Ynys Môn") == "ynys mon"
    assert normalise(None) == ""


@given(st.text(max_size=300))
def test_any_text_gives_a_short_list_and_never_raises(text):
    matches = lookup(text)
    assert isinstance(matches, list)
    assert len(matches) <= places.MAX_MATCHES
    for match in matches:
        assert match.districts
        assert match.label


@given(st.sampled_from(DISTRICTS), st.sampled_from(["upper", "lower", "title", "spaces"]))
def test_every_district_name_finds_its_own_force(district, style):
    typed = {
        "upper": district.name.upper(),
        "lower": district.name.lower(),
        "title": district.name.title(),
        "spaces": f"  {district.name}  ",
    }[style]
    forces = {match.police_force for match in lookup(typed)}
    assert district.police_force in forces
