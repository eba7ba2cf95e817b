# ruff: noqa: E501
"""The routes table's wording (directory.routes) as messages, so it can be translated.

The rows are written in English in directory/routes/; this list names every sentence
they use, exactly, for `make messages` to find (tests/directory/test_route_words.py keeps
it the same as the table). The wording is shown in the page's language by routes.words().
"""

from django.utils.translation import gettext_noop

TEXTS = (
    gettext_noop("the police force for the area where it happened"),
    gettext_noop(
        "Complain within 12 months of what happened. If you could not complain sooner, say why: a late complaint can still be looked at in exceptional circumstances."
    ),
    gettext_noop(
        "Complain to {organisation}. Its professional standards department deals with complaints about officers, staff, volunteers and contractors. You can also use the IOPC's online form: the IOPC passes the complaint to the force."
    ),
    gettext_noop(
        "{organisation} should reply, or tell you they have your complaint and when to expect a full answer, within 10 working days."
    ),
    gettext_noop("The professional standards department at {organisation} will deal with it."),
    gettext_noop("{policing_body}, or the IOPC for the complaints it must review"),
    gettext_noop(
        "If you are unhappy with the outcome, you can ask for a review within 28 days of the date on the outcome letter. The letter says who reviews it: usually {policing_body}; the Independent Office for Police Conduct (IOPC) reviews some complaints, for example about senior officers or serious matters."
    ),
    gettext_noop(
        "the local policing body for the force (the police and crime commissioner, mayor or equivalent)"
    ),
    gettext_noop(
        "Complaints about a chief officer (a chief constable, or the Commissioner of the Met or the City of London Police) do not go to the force. They go to its local policing body: {organisation}."
    ),
    gettext_noop("the Independent Office for Police Conduct (IOPC)"),
    gettext_noop(
        "If you are unhappy with how {organisation} dealt with it, you can ask the Independent Office for Police Conduct (IOPC) to review it, within 28 days of the outcome letter."
    ),
    gettext_noop(
        "the Police and Crime Panel for the area (in London, the London Assembly's Police and Crime Committee)"
    ),
    gettext_noop("Complain as soon as you can."),
    gettext_noop(
        "Complaints about a police and crime commissioner or mayor themselves do not go to the force or to their office. They go to the Police and Crime Panel for the area. Panels are not in our directory, so our central team passes it on."
    ),
    gettext_noop("The panel's reply will tell you what you can do if you are still unhappy."),
    gettext_noop(
        "Ask within 3 months of being told about the decision. If you could not ask sooner, say why: a late request can still be looked at in exceptional circumstances."
    ),
    gettext_noop(
        "A decision to take no further action, or not to charge, after a suspect was interviewed under caution is not dealt with as a complaint. You can ask for it to be looked at again under the police Victims' Right to Review scheme, through {organisation}."
    ),
    gettext_noop("Someone who did not make the decision looks at it again."),
    gettext_noop("Someone who did not make the decision will look at it again."),
    gettext_noop("The force's reply will say whether anything else can be done."),
    gettext_noop(
        "the local policing body (the police and crime commissioner, mayor or equivalent), or the IOPC"
    ),
    gettext_noop(
        "Ask for a review within 28 days of the date on the outcome letter. If more time has passed, you can still ask: say why it took longer."
    ),
    gettext_noop(
        "Your outcome letter says who reviews it: usually {policing_body}; the Independent Office for Police Conduct (IOPC) reviews some complaints, for example about senior officers or serious matters."
    ),
    gettext_noop(
        "The review is the last step in the police complaints system. If you think the review was handled wrongly, get legal advice."
    ),
    gettext_noop("the police force for the area where the Witness Care Unit is"),
    gettext_noop(
        "Witness Care Units are run by the police, with the CPS. A complaint about one is a police complaint: it goes to {organisation}."
    ),
    gettext_noop(
        "A complaint about a Witness Care Unit is a police complaint. Your outcome letter says who reviews it: usually {policing_body}; the IOPC reviews some complaints."
    ),
    gettext_noop("The review is the last step in the police complaints system."),
    gettext_noop("the CPS Area that dealt with the case"),
    gettext_noop(
        "Complain within 6 months of what happened. If you could not complain sooner, say why: a late complaint can still be looked at in exceptional circumstances."
    ),
    gettext_noop("Stage 1: {organisation} should reply within 20 working days."),
    gettext_noop(
        "If you are unhappy with the reply, ask for stage 2 within one month. The stage 2 reply should come within 20 working days."
    ),
    gettext_noop("the Independent Assessor of Complaints for the CPS"),
    gettext_noop(
        "After stage 2 you can go to the Independent Assessor of Complaints within one month (service complaints only, not legal decisions). It replies within 40 working days. After that, you can go to the Parliamentary and Health Service Ombudsman."
    ),
    gettext_noop(
        "Ask within 10 working days of being told about the decision for a prompt review. Requests are accepted up to 3 months after it, and later only in exceptional circumstances."
    ),
    gettext_noop(
        "A decision not to charge someone, to stop a case or to offer no evidence is not dealt with as a complaint. You can ask for it to be looked at again under the CPS Victims' Right to Review scheme."
    ),
    gettext_noop(
        "A prosecutor who did not make the decision looks at it again. A decision to offer no evidence cannot be reversed: you get an explanation and an apology."
    ),
    gettext_noop(
        "A prosecutor who did not make the decision will look at it again. A decision to offer no evidence cannot be reversed: if that was the decision, you will get an explanation and an apology."
    ),
    gettext_noop(
        "Legal decisions never go to the Independent Assessor of Complaints. The CPS will tell you whether anything else can be done."
    ),
    gettext_noop("Ask for stage 2 within one month of the stage 1 reply."),
    gettext_noop("Stage 2: {organisation} should reply within 20 working days."),
    gettext_noop(
        "After stage 2 you can go to the Independent Assessor of Complaints within one month (service complaints only). It replies within 40 working days; then the Parliamentary and Health Service Ombudsman."
    ),
    gettext_noop("HM Courts & Tribunals Service"),
    gettext_noop("There is no fixed time limit, but complain as soon as you can."),
    gettext_noop("The court or tribunal should reply within 10 working days."),
    gettext_noop(
        "If you are unhappy, a senior manager looks at it again (10 working days), and then HMCTS customer investigations (15 working days)."
    ),
    gettext_noop("the Parliamentary and Health Service Ombudsman"),
    gettext_noop(
        "If you are still unhappy after the final reply, you can ask the Parliamentary and Health Service Ombudsman to look at it, normally within 12 months. Since 29 January 2025 you can go to the Ombudsman directly, without asking your MP first (you still can if you prefer)."
    ),
    gettext_noop("the Judicial Conduct Investigations Office (JCIO)"),
    gettext_noop(
        "Complain within 3 months of the conduct. If you could not complain sooner, say why: a late complaint can still be looked at in exceptional circumstances."
    ),
    gettext_noop(
        "Complaints about a judge's personal conduct (not their decisions) go to the Judicial Conduct Investigations Office (JCIO), not to the court."
    ),
    gettext_noop(
        "The JCIO cannot change a decision or a sentence: for that, get legal advice about an appeal."
    ),
    gettext_noop("the Judicial Appointments and Conduct Ombudsman"),
    gettext_noop(
        "If you are unhappy with how the JCIO dealt with your complaint, you can ask the Judicial Appointments and Conduct Ombudsman to look at how it was handled."
    ),
    gettext_noop("the local Advisory Committee for the area where the magistrate sits"),
    gettext_noop(
        "Complaints about a magistrate's personal conduct go to the local Advisory Committee, in writing. The JCIO does not take or pass on complaints about magistrates."
    ),
    gettext_noop(
        "Our central team will find the right Advisory Committee and pass your complaint on."
    ),
    gettext_noop(
        "If you are unhappy with how the Advisory Committee dealt with your complaint, you can ask the Judicial Appointments and Conduct Ombudsman to look at how it was handled."
    ),
    gettext_noop("the president of the tribunal, or the coroner's office"),
    gettext_noop(
        "Complaints about how a tribunal member or a coroner behaved go first to the tribunal's president or the coroner's office. Our central team passes it on."
    ),
    gettext_noop(
        "If you are unhappy with how it was dealt with, the JCIO can look at it. After that, the Judicial Appointments and Conduct Ombudsman can look at how your complaint was handled."
    ),
    gettext_noop("Ask for the next stage as soon as you can after the reply."),
    gettext_noop(
        "If you are unhappy with the court's reply, a senior manager looks at it again (10 working days), and then HMCTS customer investigations (15 working days)."
    ),
    gettext_noop("the probation region that supervises the person"),
    gettext_noop(
        "The Prisons and Probation Ombudsman does not take victims' complaints (only complaints from prisoners, people under probation supervision and residents of approved premises)."
    ),
    gettext_noop(
        "Ask for the next stage of their complaints process first, if there is one. Its reply should say how."
    ),
    gettext_noop("If {organisation} has more stages, ask for the next one first."),
    gettext_noop(
        "It goes to {organisation} as a request for the next stage of its complaints process."
    ),
    gettext_noop("HM Prison and Probation Service (the prison first)"),
    gettext_noop("the Parole Board"),
    gettext_noop("your Victim Liaison Officer (for the Secretary of State)"),
    gettext_noop(
        "Ask within 21 days of the decision. This time limit is short and strict, so do not wait."
    ),
    gettext_noop(
        "A release decision is not dealt with as a complaint. Through your Victim Liaison Officer you can ask the Secretary of State to consider applying for the decision to be reconsidered, and you can ask for a summary of the decision."
    ),
    gettext_noop(
        "Your Victim Liaison Officer can ask the Secretary of State to consider applying for the decision to be reconsidered. They can also ask for a summary of the decision for you."
    ),
    gettext_noop(
        "Contact your Victim Liaison Officer today if you can. Victims cannot ask the Parole Board itself: the Secretary of State decides whether to apply."
    ),
    gettext_noop("Your Victim Liaison Officer will tell you what happens next."),
    gettext_noop("the Criminal Injuries Compensation Authority"),
    gettext_noop(
        "Ask CICA for a review within 90 days of the date of its decision. If you could not ask sooner, say why: a late request can still be looked at in exceptional circumstances."
    ),
    gettext_noop(
        "A decision on your claim is not dealt with as a complaint: ask CICA to review it."
    ),
    gettext_noop("CICA will look at its decision again."),
    gettext_noop("the First-tier Tribunal (Criminal Injuries Compensation)"),
    gettext_noop(
        "If you disagree with the review decision, you can appeal to the First-tier Tribunal (Criminal Injuries Compensation) within 90 days of the review decision."
    ),
    gettext_noop("the council that runs the youth justice service (in England)"),
    gettext_noop(
        "Complain within 12 months of what happened, or of when you found out about it. If you could not complain sooner, say why: a late complaint can still be looked at in exceptional circumstances."
    ),
    gettext_noop("the Local Government and Social Care Ombudsman"),
    gettext_noop(
        "If you are unhappy with the council's final reply, you can go to the Local Government and Social Care Ombudsman, normally within 12 months."
    ),
    gettext_noop("the council that runs the youth justice service (in Wales)"),
    gettext_noop("the Public Services Ombudsman for Wales"),
    gettext_noop(
        "If you are unhappy with the council's final reply, you can go to the Public Services Ombudsman for Wales (not the Local Government and Social Care Ombudsman), normally within 12 months of knowing about the problem."
    ),
    gettext_noop(
        "Go to the Ombudsman normally within 12 months of finding out about the problem. It usually expects you to finish the council's process first."
    ),
    gettext_noop(
        "If the council has more stages in its complaints process, ask for the next stage first."
    ),
    gettext_noop(
        "After the council's final reply, the Local Government and Social Care Ombudsman can look at your complaint."
    ),
    gettext_noop(
        "Go to the Ombudsman normally within 12 months of knowing about the problem. It usually expects you to finish the council's two stages first."
    ),
    gettext_noop("If you have not had the council's stage 2 reply, ask for stage 2 first."),
    gettext_noop(
        "After stage 2, the Public Services Ombudsman for Wales can look at your complaint."
    ),
    gettext_noop("the council that runs the service (in England)"),
    gettext_noop(
        "The council's complaints manager should acknowledge your complaint within 3 working days. A full reply can take up to 6 months."
    ),
    gettext_noop(
        "Stage 1: the council should reply within 10 working days (up to 20 if it is complicated). Stage 2: an investigation, 25 working days (up to 65). Stage 3: a review panel, asked for within 20 working days."
    ),
    gettext_noop(
        "If you are unhappy after the council's last stage, you can go to the Local Government and Social Care Ombudsman, normally within 12 months."
    ),
    gettext_noop("the council that runs the service (in Wales)"),
    gettext_noop("Stage 1: local resolution. The council should reply within 10 working days."),
    gettext_noop("Stage 2: a formal investigation, within 25 working days."),
    gettext_noop("this website's team"),
    gettext_noop("There is no fixed time limit."),
    gettext_noop("We will reply within 10 working days."),
    gettext_noop("Our reply will tell you what you can do if you are still unhappy."),
    gettext_noop("the organisation your complaint is about"),
    gettext_noop(
        "Time limits depend on the organisation. Many are 6 or 12 months, but some are much shorter, from 10 working days to 3 months for decisions and reviews, so send it now. If you could not complain sooner, say why: a late complaint can still be looked at in exceptional circumstances."
    ),
    gettext_noop(
        "That is fine. Our central team will find the right organisation and pass your complaint to them, and we will tell you who has it."
    ),
    gettext_noop("The organisation's reply will tell you where to go next if you are unhappy."),
)
