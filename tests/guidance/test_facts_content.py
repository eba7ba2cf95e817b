"""The shipped pages and directory data say what facts.md says (the content review of
issue 15). Each check names the page and what it must, or must not, say."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from directory.data import directory as shipped
from directory.data import policies

PAGES = Path(__file__).resolve().parents[2] / "guidance" / "content" / "pages"


def page(name: str) -> str:
    """The page's words, with line breaks folded so a sentence is one line."""
    return re.sub(r"\s+", " ", (PAGES / f"{name}.md").read_text())


def organisation(slug: str) -> dict:
    return next(o for o in shipped.organisations() if o["slug"] == slug)


def test_probation_never_offers_the_prisons_and_probation_ombudsman():
    text = page("complain-about__probation")
    assert "Prisons and Probation Ombudsman may be able to help" not in text
    assert "Prisons and Probation Ombudsman does not take complaints from victims" in text
    assert "does not take complaints from victims" in organisation("ppo")["response_policy"]
    assert "looks at some matters" not in policies.PROBATION


@pytest.mark.parametrize(
    "name", ["complain-about__courts", "making-a-complaint__if-you-are-unhappy-with-the-answer"]
)
def test_magistrates_go_to_the_advisory_committee_not_the_jcio(name):
    text = page(name)
    assert "judge or magistrate behaved. For that, go to the Judicial" not in text
    assert "judge or magistrate behaved. Go to the Judicial" not in text
    assert "Advisory Committee" in text
    assert "The JCIO does not take complaints about magistrates" in text
    assert "Judicial Appointments and Conduct Ombudsman" in text


def test_courts_page_covers_tribunal_members_and_coroners():
    text = page("complain-about__courts")
    assert "president of the tribunal or to the coroner's office" in text


def test_directory_data_does_not_send_magistrates_to_the_jcio():
    assert "some complaints about magistrates" not in organisation("jcio")["response_policy"]
    assert (
        "judge or magistrate behaved go to the Judicial"
        not in (organisation("hmcts")["response_policy"])
    )


def test_witness_care_page_gives_twelve_months_and_the_police_review():
    text = page("complain-about__witness-care")
    assert "within 12 months" in text and "exceptional circumstances" in text
    assert "go through the CPS stages" not in text
    assert "within 28 days of the date on the outcome letter" in text
    assert "usually the local policing body" in text


def test_police_review_body_is_usually_the_local_policing_body():
    text = page("making-a-complaint__if-you-are-unhappy-with-the-answer")
    assert "This will be either" not in text
    assert "usually the local policing body" in text
    assert "usually the local policing body" in policies.POLICE


def test_no_unsourced_phso_web_address_ships():
    assert "website" not in organisation("phso")


def test_cps_policy_gives_the_prompt_review_and_the_live_case_rule():
    assert "10 working days for a prompt review" in policies.CPS
    assert "while the case is still going on" in policies.CPS


def test_local_policing_body_policy_says_chief_officer():
    assert "chief constable" not in policies.LOCAL_POLICING_BODY


def test_victims_services_are_not_given_invented_names():
    names = [o["name"] for o in shipped.organisations() if o["org_type"] == "victims_service"]
    assert names and not any("(commissioned by" in name for name in names)


def test_the_ministry_of_defence_police_has_its_chief_officer_body():
    force = organisation("ministry-of-defence-police")
    committee = organisation(force["parent"])
    assert committee["name"] == "Ministry of Defence Police Committee"
    assert not any(committee.get(field) for field in ("website", "phone", "email"))
    text = page("complain-about__police")
    assert "Ministry of Defence Police Committee" in text
    assert "British Transport Police Authority" in text


@pytest.mark.parametrize(
    "name",
    [
        "complain-about",
        "complain-about__police",
        "complain-about__police-and-crime-commissioner",
    ],
)
def test_pages_say_chief_officer_not_chief_constable_for_every_force(name):
    text = page(name)
    assert "chief constables." not in text
    assert "Complaints about a chief constable" not in text
    assert "about a chief constable." not in text


def test_police_page_says_usually_the_local_policing_body():
    text = page("complain-about__police")
    assert "This will be either" not in text
    assert "usually the local policing body" in text


def test_commissioner_page_covers_other_oversight_bodies_and_the_central_team():
    text = page("complain-about__police-and-crime-commissioner")
    assert "City of London Corporation" in text
    assert "British Transport Police Authority" in text
    assert "central team will find the right panel" in text


def test_time_limits_table_matches_the_facts():
    text = page("making-a-complaint__time-limits")
    assert "| A chief constable |" not in text
    assert "| Victims' Right to Review | 3 months |" not in text
    assert "10 working days for a quick review" in text
    assert "This includes Witness Care Units" not in text
    assert "| Witness Care Units | 12 months |" in text
    for row in ("A judge (to the JCIO) | 3 months", "A magistrate", "a coroner | 3 months"):
        assert row in text
    assert "90 days from the decision" in text and "90 days from the review decision" in text
    assert "21 days from the decision" in text
    assert "Council social services (Wales) | 12 months" in text
    assert "Parliamentary and Health Service Ombudsman" in text


@pytest.mark.parametrize(
    "name", ["complain-about__cica", "victims-code__information-about-compensation"]
)
def test_cica_pages_give_ninety_days_for_review_and_appeal(name):
    text = page(name)
    assert "Your decision letter will tell you" not in text
    assert "review within 90 days of the decision" in text
    assert "within 90 days of the review decision" in text
    assert "First-tier Tribunal (Criminal Injuries Compensation)" in text


def test_investigation_page_separates_the_two_review_schemes():
    text = page("victims-code__information-about-the-investigation")
    assert "interviewed under caution" in text
    assert "10 working days for a quick review" in text
    assert "(/making-a-complaint/right-to-review/)" in text
    assert "It can apply if the police or the CPS decide" not in text


@pytest.mark.parametrize(
    "name",
    [
        "making-a-complaint__if-you-are-unhappy-with-the-answer",
        "complain-about__cica",
        "complain-about__prisons",
        "complain-about__parole-board",
        "complain-about__courts",
        "complain-about__cps",
        "complain-about__probation",
        "complain-about__police-and-crime-commissioner",
        "victims-code",
        "victims-code__making-a-complaint-about-your-rights",
        "support__victims-commissioner",
    ],
)
def test_pages_give_the_phso_twelve_months(name):
    text = page(name)
    assert "The PHSO has its own time limits" not in text
    assert "within 12 months of the final reply" in text


def test_parole_page_says_who_is_asked():
    text = page("complain-about__parole-board")
    assert "through your victim liaison officer, who asks the Secretary of State" in text
    assert "You cannot ask the Parole Board yourself" in text


def test_council_page_gives_the_six_months_and_the_stage_three_limit():
    text = page("complain-about__council-social-services")
    assert "A full reply can take up to 6 months" in text
    assert "Ask within 20 working days of the stage 2 reply" in text
    # The local services page shows no councils, so the page does not send people there.
    assert "(/find-your-local-police/)" not in text


def test_cps_page_says_the_assessor_waits_for_live_cases():
    assert "while the case is still going on" in page("complain-about__cps")


def test_victims_commissioner_monitors_and_does_not_check():
    text = page("support__victims-commissioner")
    assert "checks how well" not in text and "monitors how the Victims' Code is working" in text
