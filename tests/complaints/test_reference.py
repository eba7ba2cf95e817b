"""A complaint's reference is made and read back in one place (complaints/reference.py)."""

import pytest

from complaints import reference


def test_a_new_reference_has_the_prefix_and_only_unambiguous_symbols():
    made = {reference.generate() for _ in range(200)}
    assert len(made) == 200
    for value in made:
        assert value.startswith("VC-") and len(value) == 11
        assert not set(value[3:]) & set("01OIL")
        assert reference.normalise(value) == value
        assert reference.IN_TEXT.fullmatch(value)


@pytest.mark.parametrize(
    "typed",
    ["VC-7KQ4M2XP", "vc-7kq4m2xp", "VC7KQ4M2XP", " vc 7kq4 m2xp ", "7KQ4M2XP", "7kq4 m2xp"],
)
def test_a_reference_is_read_however_it_was_typed(typed):
    assert reference.normalise(typed) == "VC-7KQ4M2XP"


@pytest.mark.parametrize("typed", ["", "VC-123", "VC-7KQ4M2X0", "VC-7KQ4M2XPQ", "AB-7KQ4M2XP"])
def test_what_cannot_be_a_reference_is_refused(typed):
    assert reference.normalise(typed) is None


def test_a_search_box_needs_the_prefix_so_eight_letters_stay_a_name():
    assert reference.normalise("STEPHENS", prefix_required=True) is None
    assert reference.normalise("vc stephens", prefix_required=True) == "VC-STEPHENS"
