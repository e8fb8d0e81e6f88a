#!/usr/bin/env python3
"""Generate a synthetic benchmark corpus of UK council meeting records.

    python3 bench/make_corpus.py OUT_DIR [--documents N] [--seed S] [--jobs J]

creates, with N documents each (default 1000):

    OUT_DIR/moderngov-html/     ModernGov ieListDocuments.aspx meeting pages as
                                served (council template + #modgov/.mgContent,
                                table.mgItemTable, Word-exported minutes), 30-300 KB
    OUT_DIR/moderngov-text/     the same kind of pages saved by a browser as text
                                (like seeds 000/003/004), 5-60 KB
    OUT_DIR/plaintext-minutes/  "MINUTES of a meeting of ..." documents (like seed 001)
    OUT_DIR/governance-notes/   "Meeting Notes" board notes (like seed 002)

Output depends only on --seed and --documents (not on --jobs or the machine):
every document has its own random.Random seeded with "seed:folder:index".
The text is nonsense that reads like minutes: sentences are assembled from
templates and word lists taken from the seeds' vocabulary.  Names, dates and
numbers are random and mean nothing.

Standard library only.
"""

import argparse
import base64
import datetime
import os
import random
import sys
import time
from multiprocessing import Pool

NBSP = "\u00a0"
KB = 1024

FOLDERS = ("moderngov-html", "moderngov-text", "plaintext-minutes", "governance-notes")

# --------------------------------------------------------------------------
# vocabulary (from the seeds and fixtures, widened a little)

COUNCILS = [
    ("Kent County Council", "kent.gov.uk", "Sessions House, County Hall, Maidstone"),
    ("Maidstone Borough Council", "maidstone.gov.uk", "Town Hall, High Street, Maidstone"),
    ("Tunbridge Wells Borough Council", "tunbridgewells.gov.uk", "Civic Centre, Royal Tunbridge Wells"),
    ("Swale Borough Council", "swale.gov.uk", "Swale House, East Street, Sittingbourne"),
    ("Gravesham Borough Council", "gravesham.gov.uk", "Civic Centre, Windmill Street, Gravesend"),
    ("Dover District Council", "dover.gov.uk", "Council Offices, White Cliffs Business Park, Dover"),
    ("Folkestone and Hythe District Council", "folkestone-hythe.gov.uk", "Civic Centre, Castle Hill Avenue, Folkestone"),
    ("Tonbridge and Malling Borough Council", "tmbc.gov.uk", "Gibson Building, Kings Hill, West Malling"),
    ("Ashford Borough Council", "ashford.gov.uk", "Civic Centre, Tannery Lane, Ashford"),
    ("Medway Council", "medway.gov.uk", "Gun Wharf, Dock Road, Chatham"),
    ("Canterbury City Council", "canterbury.gov.uk", "Guildhall, St Peter's Place, Canterbury"),
    ("Thanet District Council", "thanet.gov.uk", "Council Offices, Cecil Street, Margate"),
    ("Sevenoaks District Council", "sevenoaks.gov.uk", "Council Offices, Argyle Road, Sevenoaks"),
    ("Dartford Borough Council", "dartford.gov.uk", "Civic Centre, Home Gardens, Dartford"),
]
BOROUGHS = ["Ashford", "Canterbury", "Dartford", "Dover", "Folkestone and Hythe", "Gravesham",
            "Maidstone", "Medway", "Sevenoaks", "Swale", "Thanet", "Tonbridge & Malling",
            "Tunbridge Wells", "Shepway"]
COUNCIL_KIND = ["Borough Council", "District Council", "City Council", "Borough Council"]
ROOMS = ["Darent Room", "Medway Room", "Council Chamber", "Committee Room 1", "Committee Room 2",
         "Swale 1", "Clift Room", "Stour Room", "Wantsum Room", "Civic Suite", "Tudor Room",
         "Reception Room", "Jade Room", "Room 0.5"]
COMMITTEES = [
    "Kent and Medway Police and Crime Panel", "Cabinet", "Planning Committee",
    "Licensing Sub-Committee", "Licensing Committee", "Scrutiny Committee",
    "Audit and Governance Committee", "Overview and Scrutiny Committee", "Health and Wellbeing Board",
    "Policy and Resources Committee", "Environment and Transport Cabinet Committee",
    "Governance and Audit Committee", "Corporate Parenting Panel", "Pension Fund Committee",
    "County Council", "Full Council", "Selection and Member Services Committee",
    "Children's, Young People and Education Cabinet Committee", "Planning Applications Committee",
    "Regulatory Committee", "Standards Committee", "Housing and Community Safety Committee",
    "Economic Regeneration Committee", "Joint Transportation Board",
]
BOARDS = ["Kent Police and Crime Commissioner's Governance Board",
          "Kent Police and Crime Commissioner's Performance and Delivery Board",
          "Performance and Delivery Board", "Joint Audit Committee", "Strategic Partnership Board",
          "Community Safety Partnership Board", "Victims' Services Board", "Criminal Justice Board",
          "Violence Reduction Unit Board", "Estates Strategy Board"]
PANEL_BODIES = ["Kent and Medway Police and Crime Panel", "Kent County Council",
                "Growth, Economic Development and Communities Cabinet Committee",
                "Health Overview and Scrutiny Committee", "Planning Applications Committee",
                "Regulation Committee", "Scrutiny Committee", "Governance and Audit Committee",
                "Adult Social Care Cabinet Committee", "Licensing Committee"]

SURNAMES = ["Hill", "Sandher", "Gooch", "Rhodes", "Mochrie-Cox", "Hollingsbee", "Gideon", "Bradford",
            "Knight", "Heslop", "Iles", "Palmer", "Holloway", "Blakemore", "Bolton", "Chittenden",
            "Cole", "Edwards", "Feacey", "Keers", "Makinson", "Meade", "Parfitt-Reid", "Scott",
            "Harper", "Phillips", "Wickens", "Taylor", "Tricker", "Cook", "Johnson", "Brown", "Green",
            "White", "Black", "Grey", "Smith", "Jones", "Pound", "Clarke", "Patel", "Hughes", "Marsh",
            "Fletcher", "Turner", "Ward", "Lewis", "Khan", "Barrington-King", "Webb", "Dance", "Hook",
            "Lehmann", "Kennedy", "Ozog", "Murphy", "Simkins", "Cooper", "Bird", "Streatfeild",
            "Whybrow", "Sole", "Rayner", "Gough", "Carter", "Oakford", "Chard", "Crow-Brown", "Shonk"]
FIRSTNAMES = ["Mark", "Shane", "Richard", "Mike", "Jo", "Brad", "John", "Nicolas", "Steve", "Josie",
              "Anna", "Joel", "Peter", "Gurvinder", "Elizabeth", "Ian", "Paul", "Lesley", "Jenny",
              "David", "James", "Sarah", "Helen", "Rachel", "Andrew", "Matthew", "Robert", "Neil",
              "Louise", "Emma", "Claire", "Simon", "Tom", "Hazel", "Derek", "Margaret", "Karen", "Alan"]
HONOURS = ["OBE", "MBE", "CBE", "JP", "DL"]
TITLES = ["Cllr", "Cllr", "Cllr", "Mr", "Mrs", "Ms", "Mr", "Dr"]
ROLES = ["the Commissioner", "the Chief Constable", "the Chair", "the Vice-Chair", "the Chairman",
         "the Head of Planning", "the Director of Finance", "the Monitoring Officer",
         "the Cabinet Member for Community and Regulatory Services", "the Chief Executive",
         "the Democratic Services Officer", "the Scrutiny Research Officer",
         "the Corporate Director of Growth, Environment and Transport", "the Head of Legal Services",
         "the Cabinet Member for Finance", "the Leader", "the Head of Housing", "the Licensing Manager",
         "the Section 151 Officer", "the Deputy Chief Constable", "the Chief Finance Officer"]
OFFICER_ROLES = ["Scrutiny Research Officer", "Democratic Services Officer", "PCC's Chief Executive",
                 "PCC's Chief Finance Officer", "OPCC - Head of Policy & Research", "Head of Planning",
                 "Monitoring Officer", "Director of Finance", "Committee Clerk", "Licensing Manager",
                 "Principal Planning Officer", "Head of Legal Services", "Democratic Services Manager"]
GROUPS = ["Members", "The Panel", "The Committee", "Members of the Panel", "The Board", "Members"]
SUBJECTS = ["Kent Police", "the Force", "the Council", "the OPCC", "the Community Safety Partnership",
            "partners", "officers", "the service", "the Force Control Room", "the Panel",
            "the Neighbourhood Policing Team", "the Rural Crime Task Force", "the Home Office",
            "the Violence Reduction Unit", "the Licensing Authority", "the applicant",
            "the Planning Inspectorate", "the Youth Commissioner", "Trading Standards",
            "the Criminal Justice Board", "HMICFRS", "the Chief Constable", "the Commissioner",
            "district councils", "the Schools Team", "Kent Fire and Rescue Service"]
VERBS = ["reviewed", "improved", "delivered", "commissioned", "monitored", "reduced", "increased",
         "supported", "recruited", "considered", "identified", "prioritised", "funded", "expanded",
         "assessed", "scrutinised", "published", "updated", "consulted on", "agreed", "invested in",
         "launched", "evaluated", "procured", "piloted", "redesigned", "strengthened"]
OBJECTS = ["the call attrition rate for 101", "the number of Town Beat Officers",
           "response times in rural areas", "the backlog of cases within the court system",
           "the capital programme", "funding for victims' services", "the Neighbourhood Policing Review",
           "anti-social behaviour in town centres", "the revenue forecast for the financial year",
           "recruitment to the Force Control Room", "the Police and Crime Plan",
           "the Victim Voice campaign", "the Restorative Justice programme", "the Safer Streets programme",
           "CCTV coverage across the county", "the Medium Term Financial Strategy",
           "the Annual Governance Statement", "the housing allocations policy",
           "the local plan evidence base", "the waste and recycling contract", "the Climate Change Action Plan",
           "the Council Tax Reduction Scheme", "support for those in mental health crisis",
           "the Body Worn Camera pilot", "the Athena system", "mobile policing devices",
           "the stalking and harassment support service", "the Serious Violence Duty",
           "the Mental Health and Policing Fund", "early intervention programmes", "county lines activity",
           "the Child Sexual Exploitation team", "front counter services", "the Special Constabulary",
           "community speed watch groups", "the treasury management strategy", "the risk register",
           "the premises licence conditions", "the highways improvement scheme", "the s106 contributions"]
TAILS = ["", "", "", " across the county", " at a divisional level", " in line with the Police and Crime Plan",
         " following the consultation", " over the previous twelve months", " since the last meeting",
         " within existing budgets", " in partnership with district councils", " at a national level",
         " as part of the Making Kent Safer plan", " for the 2024/25 financial year", " in each district",
         " ahead of the next inspection", " through the Performance and Delivery Board"]
REASONS = ["funding was not available from central government", "demand had increased significantly",
           "the recruitment drive had been successful", "the contract was due for renewal",
           "the Home Office had changed the counting rules", "partners had committed additional resources",
           "the previous approach had not delivered value for money", "residents had raised concerns",
           "the inspection had identified areas for improvement", "the scheme had been well received",
           "vacancy rates remained high", "the data was still being reviewed"]
TOPICS = ["the accessibility of the Force", "local crime and ASB", "retention of police officers",
          "domestic abuse victims", "the Town Centre Policing scheme", "speed enforcement",
          "shoplifting and retail crime", "the 101 call waiting time", "rural crime", "fraud and cybercrime",
          "the live chat function", "the night time economy", "the precept proposal", "hate crime",
          "internet safety amongst young people", "the deployment of PCSOs", "the estates strategy",
          "the affordable housing target", "noise from the premises after 11.00 pm", "highway safety",
          "the condition of the listed building", "parking provision", "the drainage strategy"]
ITEM_TITLES = [
    "Apologies for Absence", "Declarations of Interest", "Apologies and Substitutes",
    "Declarations of Interests by Members in Items on the Agenda for this Meeting",
    "Minutes of the Previous Meeting", "Election of Chair", "Election of Vice-Chair", "Membership",
    "Questions submitted by Panel Members", "Questions to the Commissioner", "Future work programme",
    "Medium Term Financial Strategy 2025/26 to 2029/30", "Revenue and Capital Budget Monitoring - Quarter 2",
    "Treasury Management Mid-Year Review", "Annual Governance Statement", "Risk Management Update",
    "Complaints Against the Commissioner - Annual Report", "PCC's Annual Report", "HMICFRS - PEEL Assessment",
    "Mental Health - verbal update", "Community Safety Partnership Plan", "Housing Allocations Policy",
    "Local Plan Review - Regulation 18 Consultation", "Application for a premises licence - The Swan, High Street",
    "Land at Forge Lane, Headcorn", "Fees and charges", "Contacting Kent Police",
    "Violence Against Women and Girls Strategy", "Council Tax Reduction Scheme", "Waste and Recycling Contract",
    "Climate Change Action Plan", "Urgent Business", "Exclusion of the Press and Public",
    "Update on PCC's expenditure to support the Police and Crime Plan", "Support for increase in Taser trained officers",
    "PCC Complaints Report", "Draft Police and Crime Plan", "Police and Crime Commissioner Annual Report",
    "Proposed Precept", "Decision OPCC.D.034.23 - PFI North Kent Police Station", "Internal Audit Progress Report",
    "External Auditor's Annual Report", "Corporate Performance Report - Quarter 3", "Capital Strategy",
    "Land adjacent to Church Road, Harrietsham", "Review of Polling Districts and Polling Places",
    "Application for a variation - The Crown, Market Square", "Homelessness and Rough Sleeping Strategy",
    "Community Infrastructure Levy Spending Protocol", "Air Quality Action Plan",
]
DOC_TITLES = ["Appendix A", "Appendix B", "Appendix C", "Equality Impact Assessment", "Report",
              "Background paper", "Presentation", "Decision Notice", "Plan", "Annex 1", "Annex 2",
              "Consultation responses", "Officer's report", "Supplementary information"]
OUTCOMES = ["noted", "agreed", "approved", "endorsed", "accepted", "noted with thanks"]
RESOLVED_T = [
    "RESOLVED that the report be {o}.",
    "RESOLVED that the update be {o}.",
    "RESOLVED that the minutes of the meeting held on {date} were a correct record and that they be signed by the Chair.",
    "RESOLVED that the minutes of the meeting held on {date} be approved as a correct record.",
    "RESOLVED to note the report.",
    "RESOLVED to note the decision.",
    "RESOLVED that the work programme be noted.",
    "RESOLVED that {obj} be {o}.",
    "RESOLVED that the recommendations set out in the report be {o}, subject to {obj} being {v}{tail}.",
    "RESOLVED that permission be refused for the reasons set out in the report.",
    "RESOLVED that the licence be granted subject to the conditions set out in the report.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


# --------------------------------------------------------------------------
# sentence building

def pick(r, seq):
    return seq[int(r.random() * len(seq))]


def person(r, title=True):
    t = pick(r, TITLES) + " " if title else ""
    if r.random() < 0.5:
        return t + pick(r, FIRSTNAMES) + " " + pick(r, SURNAMES)
    return t + pick(r, "ABCDEFGHJKLMNPRSTW") + " " + pick(r, SURNAMES)


def short_member(r):
    return pick(r, ["Cllr ", "Mr ", "Mrs ", "Councillor "]) + pick(r, SURNAMES)


def number_phrase(r):
    """An amount for "had increased by ..."."""
    x = r.random()
    if x < 0.55:
        return "%d%%" % r.randint(2, 98)
    if x < 0.85:
        return "£%d%s" % (r.randint(2, 950), pick(r, ["k", "m", ",000", "k"]))
    return "%d" % r.randint(3, 4500)


def count_phrase(r):
    """A head count for "there were now ... officers"."""
    if r.random() < 0.6:
        return "%d" % r.randint(3, 450)
    return pick(r, ["eighteen", "thirty-eight", "two", "four", "several", "a number of", "around 300"])


def date_words(r, year=None):
    y = year or r.randint(2012, 2025)
    return "%d %s %d" % (r.randint(1, 28), pick(r, MONTHS), y)


def clause(r):
    x = r.random()
    s = pick(r, SUBJECTS)
    if x < 0.35:
        return "%s had %s %s%s" % (s, pick(r, VERBS), pick(r, OBJECTS), pick(r, TAILS))
    if x < 0.5:
        return "%s would be %s%s because %s" % (pick(r, OBJECTS), pick(r, VERBS), pick(r, TAILS), pick(r, REASONS))
    if x < 0.65:
        return "%s had %s by %s%s" % (pick(r, OBJECTS), pick(r, ["increased", "reduced", "fallen", "risen", "improved"]),
                                      number_phrase(r), pick(r, TAILS))
    if x < 0.8:
        return "there were now %s %s working on %s%s" % (count_phrase(r), pick(r, ["officers", "staff", "volunteers", "partners", "advisers"]),
                                                         pick(r, OBJECTS), pick(r, TAILS))
    return "%s remained a priority and %s was being %s" % (pick(r, TOPICS), pick(r, OBJECTS), pick(r, VERBS))


def cap(s):
    return s[:1].upper() + s[1:]


def sentence(r):
    x = r.random()
    if x < 0.16:
        return "%s introduced the report and explained that %s." % (cap(pick(r, ROLES)), clause(r))
    if x < 0.3:
        return "In response to a question about %s, %s explained that %s." % (pick(r, TOPICS), pick(r, ROLES), clause(r))
    if x < 0.42:
        return "%s noted that %s." % (pick(r, GROUPS), clause(r))
    if x < 0.54:
        return "%s confirmed that %s." % (cap(pick(r, ROLES)), clause(r))
    if x < 0.64:
        return "%s asked whether %s." % (pick(r, ["A Member", "One Member", "The Vice-Chair", short_member(r)]), clause(r))
    if x < 0.72:
        return "He advised that %s, and that %s." % (clause(r), clause(r))
    if x < 0.8:
        return "She highlighted that %s." % clause(r)
    if x < 0.87:
        return "%s thanked %s for %s." % (cap(pick(r, ROLES)), pick(r, ROLES), pick(r, ["the report", "the verbal update", "their hard work", "attending the meeting", "the presentation"]))
    if x < 0.93:
        return "It was recognised that %s, although %s." % (clause(r), clause(r))
    return "%s agreed to circulate the figures for %s after the meeting." % (cap(pick(r, ROLES)), pick(r, OBJECTS))


def para_text(r, n_min=1, n_max=5, joiner=None):
    n = r.randint(n_min, n_max)
    j = joiner if joiner is not None else (NBSP + " " if r.random() < 0.7 else " ")
    return j.join(sentence(r) for _ in range(n))


def question_text(r, who="the Commissioner"):
    return _question(r, who)


def _question(r, who):
    x = r.random()
    if x < 0.3:
        return "Can %s advise the Panel whether %s?" % (who, clause(r))
    if x < 0.55:
        return "Can %s please confirm how %s, and whether %s?" % (who, clause(r), clause(r))
    if x < 0.8:
        return "Given that %s, can %s advise the Panel if and how %s?" % (clause(r), who, clause(r))
    return "Does %s recognise that %s and, if so, what plans are in place to address it?" % (who, clause(r))


def asker(r, dash="\u2013", style="moderngov"):
    name = pick(r, FIRSTNAMES) + " " + pick(r, SURNAMES)
    place = pick(r, BOROUGHS)
    if style == "plain":
        return "(Cllr %s, %s %s)" % (name, place, pick(r, COUNCIL_KIND))
    if r.random() < 0.6:
        return "(%s %s %s %s)" % (name, dash, place, pick(r, COUNCIL_KIND))
    return "(%s %s %s)" % (name, dash, place)


def resolved(r, questions=False):
    if questions:
        return pick(r, ["RESOLVED that the Commissioner’s answers to Member questions be noted.",
                        "RESOLVED to note the responses to the questions.",
                        "RESOLVED that the Commissioner’s answers to questions from Panel Members be noted."])
    t = pick(r, RESOLVED_T)
    return t.format(o=pick(r, OUTCOMES), date=date_words(r), obj=pick(r, OBJECTS),
                    v=pick(r, VERBS), tail=pick(r, TAILS))


def meeting_date(r):
    d = datetime.date(2012, 1, 1) + datetime.timedelta(days=r.randint(0, 14 * 365))
    while d.weekday() >= 5:
        d += datetime.timedelta(days=1)
    return d


def ordinal(n):
    if 11 <= n % 100 <= 13:
        return "%dth" % n
    return "%d%s" % (n, {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th"))


def mg_title_date(r, d):
    h = pick(r, [10, 10, 2, 7, 6, 9, 11, 1])
    m = pick(r, ["00", "00", "30", "00", "15"])
    ap = "am" if h >= 9 and h <= 11 else "pm"
    style = r.random()
    wd = WEEKDAYS[d.weekday()]
    if style < 0.45:
        s = "%s, %s %s, %d %d.%s %s" % (wd, ordinal(d.day), MONTHS[d.month - 1], d.year, h, m, ap)
    elif style < 0.85:
        s = "%s, %d %s %d %d.%s %s" % (wd, d.day, MONTHS[d.month - 1], d.year, h, m, ap)
    else:
        s = "%s, %d %s %d %d.%s %s" % (wd, d.day, MONTHS[d.month - 1], d.year, h, m, "a.m." if ap == "am" else "p.m.")
    x = r.random()
    if x < 0.04:
        s += ", MOVED"
    elif x < 0.07:
        s += ", CANCELLED"
    return s


# --------------------------------------------------------------------------
# ModernGov meeting model (rendered as HTML or as saved text)

# paragraph kinds
P_BLANK, P_NUM, P_BULLET, P_PLAIN, P_QLABEL, P_TRUNC = range(6)


def minutes_body(r, budget, start_num, questions=False, decision=False):
    """List of (kind, text, num) of roughly `budget` bytes."""
    out = []
    n = start_num
    size = 0
    if decision:
        out.append((P_PLAIN, resolved(r), None))
        size += 100
        budget = min(budget, 900)
        while size < budget:
            out.append((P_PLAIN, para_text(r, 1, 3), None))
            size += len(out[-1][1])
        return out, n
    qn = 1
    while size < budget:
        x = r.random()
        if questions and x < 0.25:
            if r.random() < 0.6:
                out.append((P_QLABEL, "Question %d:" % qn if r.random() < 0.85 else "Questions %d" % qn, None))
                out.append((P_BLANK, NBSP, None))
            qn += 1
            q = question_text(r)
            out.append((P_PLAIN, q, None))
            out.append((P_PLAIN, asker(r), None))
            out.append((P_BLANK, NBSP, None))
            size += len(q) + 60
            continue
        if x < 0.7:
            t = para_text(r)
            out.append((P_NUM, t, n))
            n += 1
            size += len(t)
        elif x < 0.82:
            t = sentence(r)[:-1] + pick(r, [", including;", ". Key points included the following:", ":"])
            out.append((P_NUM, t, n))
            n += 1
            for _ in range(r.randint(2, 8)):
                b = para_text(r, 1, 2)
                out.append((P_BULLET, b, None))
                size += len(b)
        elif x < 0.9:
            t = para_text(r, 1, 3)
            out.append((P_PLAIN, t, None))
            size += len(t)
        else:
            if r.random() < 0.08:
                h, mi = r.randint(10, 20), r.randint(0, 59)
                t = "The meeting was adjourned at %d:%02d%s." % (h, mi, pick(r, ["", " for a short break", " due to disruption by members of the public"]))
                out.append((P_PLAIN, t, None))
                out.append((P_BLANK, NBSP, None))
                mi += r.randint(5, 60)
                t = "Meeting reconvened at %d:%02d" % (h + mi // 60, mi % 60)
            else:
                t = pick(r, ["%s left the meeting at this point." % short_member(r),
                             "%s declared an interest in this item." % short_member(r),
                             "%s joined the meeting during consideration of this item." % short_member(r)])
            out.append((P_PLAIN, t, None))
            size += len(t)
        out.append((P_BLANK, NBSP, None))
    out.append((P_PLAIN, resolved(r, questions), None))
    if r.random() < 0.5:
        out.append((P_BLANK, NBSP, None))
    return out, n


def make_meeting(r, page_kind="meeting"):
    """Meeting header; items are added by add_item()."""
    council = pick(r, COUNCILS)
    d = meeting_date(r)
    heading = pick(r, ["Agenda and minutes"] * 6 + ["Agenda and decisions"] * 3 + ["Agenda"])
    m = {
        "council": council,
        "heading": heading,
        "default_template": r.random() < 0.05,
        "title": "%s - %s" % (pick(r, COMMITTEES), mg_title_date(r, d)),
        "venue": "%s, %s" % (pick(r, ROOMS), council[2]),
        "view_directions": r.random() < 0.8,
        "contact": "%s%s %s" % (person(r, title=False), pick(r, [NBSP + " ", "  ", " / " + person(r, title=False) + NBSP + " "]),
                                "0%d %06d" % (r.randint(1000, 3000), r.randint(0, 999999))),
        "printed": r.random() < 0.7 and heading != "Agenda",
        "printed_kb": r.randint(60, 900),
        "time_column": r.random() < 0.08,
        "cid": r.randint(100, 1500), "mid": r.randint(1000, 9999),
        "items": [],
        "page_kind": page_kind,
        "num_style": r.random(),
        "base": r.randint(1, 400),
        "yy": d.year % 100,
        "part2_at": None,
    }
    if m["default_template"]:
        m["title"] = None  # like seed 000: the page lost its subtitle as well
    return m


def add_item(r, m):
    idx = len(m["items"]) + 1
    style, base, yy = m["num_style"], m["base"], m["yy"]
    decisions = m["heading"] == "Agenda and decisions"
    if style < 0.55:
        num = "%d." % (base + idx - 1)
    elif style < 0.7:
        num = "%d/%02d" % (base + idx - 1, yy)
    elif style < 0.82:
        num = "%d.%d" % (1 + (idx - 1) // 4, 1 + (idx - 1) % 4)
    elif style < 0.9:
        num = "C %02d/%03d" % (yy, base + idx)
    else:
        num = ""
    title = pick(r, ITEM_TITLES) if idx > 2 else pick(r, ITEM_TITLES[:7])
    doc = None
    if r.random() < 0.65:
        kb = r.randint(40, 3000)
        doc = ("PDF %d KB" % kb) if kb < 1024 else ("PDF %d MB" % (kb // 1024))
    it = {"number": num, "title": title, "doc": doc, "ai": r.randint(10000, 99999),
          "doc_id": r.randint(10000, 99999), "desc": [], "add_docs": [], "label": None,
          "body": [], "truncated": False, "time": None}
    if m["time_column"]:
        it["time"] = "%d.%02d" % (r.randint(10, 12), r.randint(0, 59))
    if r.random() < 0.2:
        for _ in range(r.randint(1, 4)):
            it["desc"].append((P_PLAIN, para_text(r, 1, 2), None))
            it["desc"].append((P_BLANK, NBSP, None))
        it["desc"].pop()
    if r.random() < 0.45:
        for _ in range(r.randint(1, 4)):
            kb = r.randint(20, 900)
            it["add_docs"].append((pick(r, DOC_TITLES), "PDF %d KB" % kb, r.randint(10000, 99999)))
    if m["heading"] != "Agenda":
        it["label"] = "Decision:" if decisions else "Minutes:"
        budget = int(r.expovariate(1 / 1800.0)) + 200
        body, _ = minutes_body(r, budget, 1, questions="Questions" in title, decision=decisions)
        it["body"] = body
        if m["page_kind"] == "meeting" and not decisions and budget > 2500 and r.random() < 0.5:
            # ModernGov cuts long minutes on the meeting page
            cut = [k for k, p in enumerate(body) if p[0] == P_NUM]
            if len(cut) > 2:
                k = cut[r.randint(1, len(cut) - 1)]
                kind, text, pn = body[k]
                words = text.split(" ")
                text = " ".join(words[:max(3, len(words) // 3)]) + " " + NBSP + "..." + NBSP + " "
                it["body"] = body[:k] + [(P_TRUNC, text, pn)]
                it["truncated"] = True
    if m["part2_at"] is None and idx > 3 and r.random() < 0.04:
        m["part2_at"] = idx
    m["items"].append(it)


def fit_meeting(r, m, render, target, lo, hi, min_items=3):
    """Add items until the rendered page reaches `target` (clamped to [lo, hi]) bytes."""
    target = min(max(target, lo), hi)
    while len(m["items"]) < min_items:
        add_item(r, m)
    s = render(m)
    n = len(s.encode("utf-8"))
    while n < target:
        per = max(800, n // (len(m["items"]) + 2))
        for _ in range(max(1, (target - n) // per)):
            add_item(r, m)
        s = render(m)
        n = len(s.encode("utf-8"))
    while n > hi and len(m["items"]) > 1:
        m["items"].pop()
        if m["part2_at"] and m["part2_at"] > len(m["items"]):
            m["part2_at"] = None
        s = render(m)
        n = len(s.encode("utf-8"))
    return s


# ---- HTML rendering -------------------------------------------------------

def hesc(s):
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    return s.replace(NBSP, "&nbsp;")


SPACER = "font:7.0pt &quot;Times New Roman&quot;"


def html_para(p, q, trunc_href=None, num_item=None):
    """q: quote character for Word attributes ('"' or '' for unquoted class=MsoNormal)."""
    kind, text, n = p
    cls = 'class=%sMsoNormal%s' % (q, q)
    if kind == P_BLANK:
        return "<p %s>&nbsp;</p>" % cls
    if kind == P_NUM or (kind == P_TRUNC and n is not None):
        lab = "%d." % n
        sp = NBSP * 5 + " " if n < 10 else NBSP * 3 + " "
        body = hesc(text)
        if kind == P_TRUNC:
            body += '<a href="%s">view the full minutes text for item %s.</a>' % (trunc_href, num_item)
        return ('<p %s style="margin-left:36.0pt;text-indent:-36.0pt">%s<span style="%s">%s</span>%s</p>'
                % (cls, lab, SPACER, hesc(sp), body))
    if kind == P_BULLET:
        return ('<p class=%sMsoListParagraph%s style="margin-left:36.0pt;text-indent:-18.0pt">'
                '<span style="font-family:Symbol">\u00b7</span><span style="%s">%s</span>%s</p>'
                % (q, q, SPACER, "&nbsp;" * 8 + " ", hesc(text)))
    if kind == P_QLABEL:
        return "<p %s><b>%s</b></p>" % (cls, hesc(text))
    return "<p %s>%s</p>" % (cls, hesc(text))


_TEMPLATE_CACHE = {}


def council_template(council):
    """Header and footer of a council site, the same for every page of that council."""
    key = council[0]
    if key in _TEMPLATE_CACHE:
        return _TEMPLATE_CACHE[key]
    r = random.Random("template:" + key)
    name, domain, _addr = council
    sections = ["Council and democracy", "Business", "Housing", "Planning and building control",
                "Bins, rubbish and recycling", "Parking, roads and travel", "Environment", "Leisure and culture",
                "Community and safety", "Benefits", "Council tax", "Jobs and careers", "Education and learning",
                "Health and social care", "Libraries", "Licensing", "Births, deaths and marriages"]
    sub = ["Apply", "Report", "Pay", "Find", "Contact", "Request", "Check", "View", "Book", "Register for"]
    things = ["a missed bin collection", "a pothole", "your council tax", "planning applications", "a parking permit",
              "a licence", "your local councillor", "committee meetings", "the local plan", "a garden waste collection",
              "street lighting", "fly-tipping", "housing advice", "an event", "a school place", "blue badges"]
    nav = ['<nav class="site-nav" aria-label="Main navigation">', '<ul class="nav-menu">']
    for s in sections:
        slug = "-".join(s.lower().replace(",", "").split())
        nav.append('<li class="nav-item has-children"><a href="https://www.%s/%s" class="nav-link">%s</a>' % (domain, slug, hesc(s)))
        nav.append('<div class="mega-menu"><ul class="mega-menu-list">')
        for _ in range(r.randint(6, 14)):
            t = "%s %s" % (pick(r, sub), pick(r, things))
            nav.append('<li><a href="https://www.%s/%s/%s">%s</a></li>' % (domain, slug, "-".join(t.split()), hesc(t)))
        nav.append("</ul></div></li>")
    nav.append("</ul></nav>")
    script = ("<script>\n(function(){var d=document,c=d.cookie.indexOf('cookie_consent=')>-1;"
              "if(!c){var b=d.getElementById('cookie-banner');if(b){b.style.display='block';}}"
              "window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}"
              "gtag('js',new Date());gtag('config','G-%s',{anonymize_ip:true});})();\n</script>\n"
              % base64.b32encode(r.randbytes(5)).decode())
    css = "<style>\n" + "".join(
        ".%s-%d{margin:%dpx %dpx;padding:%dpx;color:#%06x;font-size:%d.%dem}\n"
        % (pick(r, ["hdr", "nav", "ftr", "btn", "card", "grid", "mg"]), i, r.randint(0, 30), r.randint(0, 30),
           r.randint(0, 20), r.randint(0, 0xFFFFFF), r.randint(0, 2), r.randint(0, 9))
        for i in range(r.randint(60, 180))) + "</style>\n"
    head = ('<link rel="stylesheet" href="https://www.%s/_designs/css/main.min.css" />\n'
            '<link rel="stylesheet" href="SiteSpecific/ssMgStyles.css" />\n'
            '<link rel="stylesheet" href="SiteSpecific/ssWordStyles.css" />\n'
            '<link rel="stylesheet" href="SiteSpecific/ssmgResponsive.css" />\n'
            '<script src="https://www.%s/_designs/js/site.min.js" defer></script>\n'
            '<script src="jquery-ui/js/jquery-3.5.0.min.js"></script>\n' % (domain, domain)) + css + script
    header = ('<div id="cookie-banner" class="cookie-banner" style="display:none"><p>We use cookies to make this '
              'website work and to collect information about how you use it.</p><button type="button" '
              'class="btn">Accept cookies</button></div>\n'
              '<a class="skip-link" href="#modgov">Skip to main content</a>\n'
              '<header id="site-header" class="site-header"><div class="container">'
              '<a class="logo" href="https://www.%s/"><img src="https://www.%s/_designs/images/logo.svg" alt="%s" '
              'width="200" height="60" /></a>'
              '<form class="site-search" action="https://www.%s/search" method="get"><label for="q" '
              'class="visually-hidden">Search</label><input type="search" id="q" name="q" />'
              '<button type="submit">Search</button></form></div>\n%s\n</header>\n'
              % (domain, domain, hesc(name + " logo"), domain, "\n".join(nav)))
    foot = ['<footer id="site-footer" class="site-footer"><div class="container"><div class="footer-columns">']
    for s in r.sample(sections, 4):
        foot.append('<div class="footer-col"><h2>%s</h2><ul>' % hesc(s))
        for _ in range(r.randint(4, 8)):
            t = "%s %s" % (pick(r, sub), pick(r, things))
            foot.append('<li><a href="https://www.%s/%s">%s</a></li>' % (domain, "-".join(t.split()), hesc(t)))
        foot.append("</ul></div>")
    foot.append('</div><p class="copyright">&copy; %s</p><ul class="footer-links"><li><a href="https://www.%s/accessibility">'
                'Accessibility statement</a></li><li><a href="https://www.%s/privacy">Privacy and cookies</a></li>'
                '<li><a href="https://www.%s/contact-us">Contact us</a></li></ul></div></footer>\n'
                % (hesc(name), domain, domain, domain))
    t = (head, header, "".join(foot))
    _TEMPLATE_CACHE[key] = t
    return t


def render_meeting_html(r, m):
    council = m["council"]
    q = '"' if r.random() < 0.7 else ""
    sp = " " if r.random() < 0.5 else ""    # ModernGov often writes class="x" > with a space
    out = []
    w = out.append
    title_txt = m["title"] or m["heading"]
    w('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
      '<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>%s</title>\n'
      % hesc(("%s for %s" % (m["heading"], title_txt)) if m["title"] else title_txt))
    if m["default_template"]:
        w('<link rel="stylesheet" href="SiteSpecific/ssMgStyles.css" />\n</head>\n<body>\n'
          '<div id="mgDefaultTemplateNotice" class="mgDefaultTemplate">\n'
          '<p>This is a default template, your custom branding appears to be missing.</p>\n'
          '<p>The custom branding should be at https://www.%s/_designs/moderngov/template if you cannot load this '
          'page please contact your IT.</p>\n<p>Technical Error: Error: The request was aborted: Could not create '
          'SSL/TLS secure channel.</p>\n</div>\n' % council[1])
        footer = "<footer><p>&nbsp;</p></footer>\n"
    else:
        head, header, footer = council_template(council)
        w(head)
        w("</head>\n<body>\n")
        w(header)
    w('<form method="post" action="./ieListDocuments.aspx?CId=%d&amp;MId=%d" id="aspnetForm">\n'
      '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="%s">\n'
      % (m["cid"], m["mid"], base64.b64encode(r.randbytes(r.randint(60, 1500))).decode()))
    w('<div id="modgov">\n<div class="mgHeader"%s><h1 class="mgMainTitleTxt"%s>%s</h1></div>\n' % (sp, sp, hesc(m["heading"])))
    if m["title"]:
        w('<div class="mgSubTitle"%s><h2 class="mgSubTitleTxt"%s>%s</h2></div>\n' % (sp, sp, hesc(m["title"])))
    w('<div class="mgLinks"%s><ul>\n' % sp)
    w('<li><a href="mgMeetingAttendance.aspx?ID=%d" title="Link to attendance">Attendance</a></li>\n' % m["mid"])
    if m["printed"]:
        what = "Printed decisions" if m["heading"] == "Agenda and decisions" else "Printed minutes"
        w('<li><a href="documents/g%d/Printed%%20minutes.pdf?T=1" title="Link to printed document">%s (PDF, %d KB)</a></li>\n'
          % (m["mid"], what, m["printed_kb"]))
    pack = m["printed_kb"] * 7
    w('<li><a href="documents/g%d/Public%%20reports%%20pack.pdf?T=10" title="Link to reports pack">Agenda reports pack (PDF, %s)</a></li>\n'
      % (m["mid"], ("%d KB" % pack) if pack < 1024 else ("%d MB" % (pack // 1024))))
    w("</ul></div>\n")
    w('<div class="mgContent"%s>\n' % sp)
    vd = ' <a href="mgFindVenue.aspx?VID=%d" title="Link to directions">View directions</a>' % (m["cid"] % 97) if m["view_directions"] else ""
    w('<p><span class="mgLabel"%s>Venue: </span>%s%s</p>\n' % (sp, hesc(m["venue"]), vd))
    w('<p><span class="mgLabel"%s>Contact: </span>%s</p>\n' % (sp, hesc(m["contact"])))
    w('<h2 class="mgSectionTitle"%s>Items</h2>\n' % sp)
    w('<table class="mgItemTable" id="mgItemTable" summary="Table of items for the meeting">\n')
    cols = 3 if m["time_column"] else 2
    w('<tr><th scope="col" class="mgItemNumberCell">No.</th><th scope="col">Item</th>%s</tr>\n'
      % ('<th scope="col">Time</th>' if m["time_column"] else ""))
    if m["part2_at"]:
        w('<tr><td colspan="%d" class="mgPartHeaderCell"><p class="mgPartTitleTxt">Part I</p></td></tr>\n' % cols)
    for k, it in enumerate(m["items"], 1):
        if m["part2_at"] == k:
            w('<tr><td colspan="%d" class="mgPartHeaderCell"><p class="mgPartTitleTxt">Part II</p></td></tr>\n' % cols)
        num_plain = it["number"].rstrip(".")
        w('<tr>\n<td class="mgItemNumberCell"%s>%s</td>\n<td>' % (
            sp, ('<p class="mgAiTitleTxt"%s>%s</p>' % (sp, hesc(it["number"]))) if it["number"] else ""))
        if it["doc"]:
            w('<p class="mgAiTitleTxt"%s><a class="mgAiTitleLnk" href="documents/s%d/%s.pdf" title="Link to document \'%s\' pdf file">%s '
              '<img src="mgImages/pdf.gif" alt="pdf icon" width="16" height="16" /> <span class="mgFileSize"%s>%s</span></a></p>\n'
              % (sp, it["doc_id"], "%20".join(it["title"].replace("/", " ").replace("'", "").split()),
                 hesc(it["title"]).replace("'", "&#39;"), hesc(it["title"]), sp, it["doc"]))
        else:
            w('<p class="mgAiTitleTxt"%s>%s</p>\n' % (sp, hesc(it["title"])))
        w('<ul class="mgActionList"%s>\n' % sp)
        if it["label"] == "Decision:" and num_plain:
            w('<li><a href="ieDecisionDetails.aspx?AIId=%d">View the decision for item %s.</a></li>\n' % (it["ai"], num_plain))
        if it["truncated"]:
            w('<li><a href="mgAi.aspx?ID=%d#mgMinutes">View the full minutes text for item %s.</a></li>\n' % (it["ai"], num_plain))
        w('<li><a class="mgShareItemLnk" href="mgAi.aspx?ID=%d" title="Share this item">Share this item</a></li>\n</ul>\n' % it["ai"])
        if it["desc"]:
            w('<div class="mgWordPara"%s>\n' % sp)
            w("\n".join(html_para(p, q) for p in it["desc"]))
            w("\n</div>\n")
        if it["add_docs"]:
            w('<p class="mgSubItemTitleTxt"%s>Additional documents:</p>\n<ul class="mgBulletList"%s>\n' % (sp, sp))
            for t, size, did in it["add_docs"]:
                w('<li><a href="documents/s%d/%s.pdf" title="Link to document">%s <img src="mgImages/pdf.gif" alt="pdf icon" '
                  'width="16" height="16" /> <span class="mgFileSize">%s</span></a></li>\n' % (did, t.replace(" ", "%20"), hesc(t), size))
            w("</ul>\n")
        if it["label"]:
            w('<p class="mgSubItemTitleTxt"%s>%s</p>\n<div class="mgWordPara"%s>\n' % (sp, it["label"], sp))
            th = "mgAi.aspx?ID=%d#mgMinutes" % it["ai"]
            w("\n".join(html_para(p, q, th, num_plain) for p in it["body"]))
            w("\n</div>\n")
        w("</td>\n")
        if m["time_column"]:
            w('<td class="mgItemTimeCell"><p>%s</p></td>\n' % (it["time"] or ""))
        w("</tr>\n")
    w("</table>\n</div>\n</div>\n</form>\n")
    w(footer)
    w("</body>\n</html>\n")
    return "".join(out)


def gen_moderngov_html(seed, i):
    key = "%s:moderngov-html:%d" % (seed, i)
    r = random.Random(key)
    target = int(30 * KB * (10 ** r.random()))      # log-uniform 30..300 KB
    m = make_meeting(r)
    s = fit_meeting(r, m, lambda mm: render_meeting_html(random.Random(key + ":render"), mm),
                    target, 30 * KB, 300 * KB)
    return "meeting-%05d.html" % i, s


# ---- saved-text rendering -------------------------------------------------

def text_para(p, ind, num_item=None):
    kind, text, n = p
    if kind == P_BLANK:
        return ind + NBSP
    if kind == P_NUM:
        if n >= 10 and n % 3 == 0:
            return "%s%d.%s" % (ind, n, text)            # Word lost the spacer, like "10.One Member"
        return "%s%d.%s %s" % (ind, n, NBSP * (5 if n < 10 else 3), text)
    if kind == P_TRUNC:
        return "%s%d.%s %s view the full minutes text for item %s." % (ind, n, NBSP * 5, text.rstrip(" "), num_item)
    if kind == P_BULLET:
        return "%s\u00b7%s %s" % (ind, NBSP * 8, text)
    return ind + text


def render_meeting_text(r, m):
    ind = "    "
    out = []
    w = out.append
    if m["default_template"]:
        w("This is a default template, your custom branding appears to be missing.\n"
          "The custom branding should be at https://www.%s/_designs/moderngov/template if you cannot load this page "
          "please contact your IT.\n\nTechnical Error: Error: The request was aborted: Could not create SSL/TLS secure "
          "channel.\n\n" % m["council"][1])
    w("  \u2022 %s\n  \u2022 %s\n\n" % (m["heading"], m["heading"]))
    if m["title"]:
        w(m["title"] + "\n\n")
    w("%sVenue: %s%s\n\n" % (ind, m["venue"], " View directions" if m["view_directions"] else ""))
    w("%sContact: %s\n\n" % (ind, m["contact"]))
    if r.random() < 0.3:
        w("%sMedia\n\n" % ind)
    w("%sItems\n%s%s\n\n" % (ind, ind, "No. Item" if any(it["number"] for it in m["items"]) else "Item"))
    share_each = r.random() < 0.3
    for k, it in enumerate(m["items"], 1):
        if m["part2_at"] == k:
            w("%sPart II\n\n" % ind)
        if it["number"]:
            w("%s%s\n\n" % (ind, it["number"]))
        w("%s%s%s\n\n" % (ind, it["title"], (" pdf icon " + it["doc"]) if it["doc"] else ""))
        if share_each:
            w("%s\u2022  Share this item\n\n" % ind)
        for p in it["desc"]:
            w(text_para(p, ind) + "\n\n")
        if it["add_docs"]:
            w("%sAdditional documents:\n\n" % ind)
        if it["label"]:
            if r.random() < 0.9:
                w("%s%s\n\n" % (ind, it["label"]))
            num_plain = it["number"].rstrip(".") or "?"
            for p in it["body"]:
                w(text_para(p, ind, num_plain) + "\n\n")
    if not share_each:
        w("%s\u2022  Share this item\n" % ind)
    return "".join(out)


def render_item_text(r, m):
    """mgAi.aspx saved as text (seeds 003/004): no meeting header."""
    it = max(m["items"], key=lambda x: len(x["body"]))
    out = ["Agenda item\n\n", it["title"] + "\n\n"]
    if it["label"]:
        out.append(it["label"] + "\n\n")
    for p in it["body"]:
        if p[0] == P_TRUNC:
            continue
        out.append(text_para(p, "") + "\n\n")
    out.append("Supporting documents:")
    if it["doc"]:
        out.append("\n\n\u2022  %s pdf icon %s\n" % (it["title"], it["doc"]))
    return "".join(out)


def gen_moderngov_text(seed, i):
    key = "%s:moderngov-text:%d" % (seed, i)
    r = random.Random(key)
    target = int(5 * KB * (12 ** r.random()))              # log-uniform 5..60 KB
    if r.random() < 0.2:
        # a single item page (mgAi.aspx): one item whose minutes make up the page
        m = make_meeting(r, page_kind="item")
        add_item(r, m)
        it = m["items"][0]
        it["title"] = pick(r, ITEM_TITLES[7:])
        it["label"] = "Minutes:"
        questions = "Question" in it["title"] or r.random() < 0.3
        it["body"], _ = minutes_body(r, max(4 * KB, int(target * 0.85) - 700), 1, questions=questions)
        s = render_item_text(r, m)
        while len(s.encode("utf-8")) < 5 * KB:
            more, _ = minutes_body(r, 1500, 1 + max((p[2] for p in it["body"] if p[2]), default=0), questions=questions)
            it["body"].extend(more)
            s = render_item_text(r, m)
    else:
        m = make_meeting(r)
        s = fit_meeting(r, m, lambda mm: render_meeting_text(random.Random(key + ":render"), mm),
                        target, 5 * KB, 60 * KB, min_items=2)
    return "moderngov-%05d.txt" % i, s


# --------------------------------------------------------------------------
# plain-text minutes (seed 001)

def name_list(r, n, with_roles=False):
    names = []
    for k in range(n):
        t = pick(r, ["Mr", "Mrs", "Ms", "Dr"] if with_roles else ["Cllr", "Mr", "Mrs", "Ms", "Cllr Mrs", "Cllr", "Mr"])
        initials = " ".join(pick(r, "ABCDEGHJLMNPRST") for _ in range(r.randint(1, 2)))
        s = "%s %s %s" % (t, initials, pick(r, SURNAMES))
        if r.random() < 0.05:
            s += ", " + pick(r, HONOURS)
        if with_roles:
            s += " (%s)" % pick(r, OFFICER_ROLES)
        names.append(s)
    return names


def and_join(xs):
    return ", ".join(xs[:-1]) + " and " + xs[-1] if len(xs) > 1 else xs[0]


def gen_plaintext(seed, i):
    r = random.Random("%s:plaintext-minutes:%d" % (seed, i))
    target = min(int(5 * KB * (12 ** r.random())), 52 * KB)   # 5..60 KB after the last item
    d = meeting_date(r)
    body = pick(r, PANEL_BODIES)
    council = pick(r, COUNCILS)
    out = []
    w = out.append
    w(body.upper() + "\n\n")
    w("MINUTES of a meeting of the %s held in the %s, %s on %s, %d %s %d.\n\n"
      % (body, pick(r, ROOMS), council[2], WEEKDAYS[d.weekday()], d.day, MONTHS[d.month - 1], d.year))
    present = name_list(r, r.randint(6, 16))
    present[0] += " (Chairman)"
    present[1] += " (Vice-Chairman)"
    w("PRESENT: %s\n\n" % and_join(present))
    if r.random() < 0.7:
        w("ALSO PRESENT: %s\n\n" % and_join(name_list(r, r.randint(1, 5), True)))
    w("IN ATTENDANCE: %s\n\n" % and_join(name_list(r, r.randint(1, 3), True)))
    if r.random() < 0.4:
        w("APOLOGIES: %s\n\n" % and_join(name_list(r, r.randint(1, 3))))
    w("UNRESTRICTED ITEMS\n\n")
    n = r.randint(1, 400)
    size = sum(len(x) for x in out)
    letters = "ABCDEF"
    item_ref = 3
    k = 0
    exempt_done = False
    while size < target or k < 3:
        k += 1
        title = pick(r, ITEM_TITLES)
        if k <= 2:
            ref = "Item %d" % (item_ref + k - 1)
        else:
            ref = "Item %s%d" % (letters[min(5, (k - 3) // 3)], 1 + (k - 3) % 3)
        x = r.random()
        if x < 0.4:
            head = "%d. %s *(%s)*\n\n" % (n, title, ref)
        elif x < 0.8:
            head = "%d. %s\n\n(%s)\n\n" % (n, title, ref)
        elif x < 0.9:
            head = "%d. %s (*%s*)\n\n" % (n, title, ref)
        else:
            head = "%d. %s (%s)\n\n" % (n, title, ref)
        n += 1
        parts = [head]
        budget = min(int(r.expovariate(1 / 2200.0)) + 150, max(150, target - size))
        b = 0
        pn = 1
        questions = "Question" in title
        dashed = r.random() < 0.7
        qn = 1
        while b < budget:
            y = r.random()
            if questions and y < 0.3:
                q = question_text(r)
                parts.append("Question %d\n\n%s\n\n%s\n\n" % (qn, q, asker(r, style="plain")))
                qn += 1
                b += len(q) + 60
                continue
            t = para_text(r, 1, 6, joiner=" ")
            if y < 0.08:   # a page break in the middle of a paragraph
                cutw = t.split(" ")
                h = len(cutw) // 2
                t = " ".join(cutw[:h]) + "\n\n" + " ".join(cutw[h:])
            if dashed:
                parts.append("- %d. %s\n" % (pn, t))
                if y > 0.85:
                    for li, letter in enumerate("abcdef"[:r.randint(2, 5)]):
                        parts.append(" - %s. %s\n" % (letter, para_text(r, 1, 2, joiner=" ")))
                        if r.random() < 0.3:
                            for sj in range(1, r.randint(2, 5)):
                                parts.append(" - %d. %s\n" % (sj, sentence(r)))
                if r.random() < 0.15:
                    parts.append("\n")
            else:
                parts.append("%d. %s\n\n" % (pn, t))
            pn += 1
            b += len(t)
        if dashed:
            parts.append("\n")
        parts.append(resolved(r, questions) + "\n\n")
        chunk = "".join(parts)
        w(chunk)
        size += len(chunk)
        if not exempt_done and size > target * 0.85 and r.random() < 0.25:
            w("EXEMPT ITEMS\n\n(Open Access to Minutes)\n\n(Members resolved that under Section 100A of the Local "
              "Government Act 1972 the press and public be excluded from the meeting for the following business on "
              "the grounds that it involved the likely disclosure of exempt information as defined in paragraph %d of "
              "Part 1 of Schedule 12A of the Act.)\n\n" % r.randint(1, 7))
            exempt_done = True
    s = "".join(out).rstrip("\n")
    return "minutes-%05d.txt" % i, s


# --------------------------------------------------------------------------
# governance notes (seed 002)

SUBHEADS = ["Online engagement", "Community engagement", "Rural engagement", "Engagement with young people",
            "Athena", "Mobile policing", "Force website", "Body Worn Cameras", "Virtual Courts and Live Link",
            "Emergency Services Airwave", "Exercise Fort Invicta", "Engagement with the Home Office",
            "West Kent Organised Crime Group (OCG)", "Call handling", "Victims' services", "Estates",
            "Recruitment and retention", "Digital contact", "Stop and search", "Missing persons"]
SPEC_ITEMS = ["Encrypted hard drive", "Software that can be verified for evidential value", "GPS capability",
              "Waterproof", "Weatherproof", "Ability to upload files", "Fully automated search function",
              "Battery life of a full shift", "Remote wipe capability", "Compatibility with existing systems"]
BOARD_ITEMS_A = ["Engaging with Communities", "Developments in IT", "Child Sexual Exploitation \u2013 A Partnership Approach",
                 "Crime Recording & Crime Reduction in Kent", "Violence Against Women and Girls", "Rural Crime",
                 "Call Handling and the Force Control Room", "Neighbourhood Policing Model", "Mental Health and Policing",
                 "Road Safety", "Cyber Crime and Fraud", "Serious Violence and County Lines", "Victim Satisfaction"]
BOARD_ITEMS_B = ["Financial Monitoring & Planning for the future", "HMIC & Related Report(s) since last meeting",
                 "Update on Significant Operational Matters", "Performance Report", "Collaboration Update",
                 "Forward Agenda", "Any Other Business", "CSE Team progress", "Estates Programme Update"]
ACTION_STATUS = ["Discharged - report added to forward agenda for consideration at a future meeting.",
                 "Discharged \u2013 the requested report had been received.",
                 "Discharged \u2013 the requested update had been received.",
                 "Ongoing \u2013 work under way.", "Completed \u2013 report provided.",
                 "Open \u2013 to be reported to the next meeting."]


def action_text(r):
    return pick(r, [
        "The OPCC to arrange for the Commissioner to visit %s." % pick(r, ["Shepway Community Safety Unit", "the Force Control Room", "Compass House", "the Rural Crime Task Force"]),
        "The Chief Constable to provide an update on %s." % pick(r, OBJECTS),
        "The Commissioner requested an offline update on %s." % pick(r, OBJECTS),
        "Under Part B of the agenda, add '%s' as a standing item." % pick(r, SUBHEADS),
        "The Force to present a report on %s at the next meeting." % pick(r, OBJECTS),
    ])


def gen_governance(seed, i):
    r = random.Random("%s:governance-notes:%d" % (seed, i))
    target = min(int(5 * KB * (12 ** r.random())), 56 * KB)   # 5..60 KB after the last item
    d = meeting_date(r)
    dash = "\u2013"
    date_s = "%d %s %d" % (d.day, MONTHS[d.month - 1], d.year)
    out = []
    w = out.append
    if r.random() < 0.5:
        w("\n\n")
    board = pick(r, BOARDS)
    board_short = board.split("'s ")[-1]
    w("Meeting Notes\n\n%s %s %s\n\n" % (board, dash, date_s))
    w("Venue: %s, %s\n\n" % (pick(r, ROOMS), pick(r, ["Kent Police Headquarters, Sutton Road, Maidstone, ME15 9BZ",
                                                     "Kent Police Headquarters, Sutton Road, Maidstone",
                                                     "Sessions House, County Hall, Maidstone",
                                                     "Microsoft Teams"])))
    if r.random() < 0.7:
        w("Summary of Key Points and Actions\n\n")
    w("Item 1. Welcome and Introduction.\n\nThe Commissioner welcomed everyone to the %s.\n\n"
      % pick(r, [board_short, board_short, "meeting"]))
    prev = d - datetime.timedelta(days=r.randint(28, 120))
    w("Item 2. Notes of Previous Meeting and Action Updates %s %d %s %d\n\n" % (dash, prev.day, MONTHS[prev.month - 1], prev.year))
    w("The Meeting Notes from the %s on %d %s were noted as a true and accurate record and the following action "
      "updates provided:\n\n" % (board_short, prev.day, MONTHS[prev.month - 1]))
    for _ in range(r.randint(1, 5)):
        w("- %s\n" % action_text(r))
        for _ in range(r.randint(1, 2)):
            w(" - %s\n" % pick(r, ACTION_STATUS))
    w("\n")
    size = sum(len(x) for x in out)
    item = 3
    part_b = False
    if r.random() < 0.8:
        w("PART A %s Specifically requested items:\n\n" % dash)
    while size < target or item < 5:
        if not part_b and (size > target * 0.7 and item > 4):
            w("PART B %s Standing / routine update items:\n\n" % dash)
            part_b = True
        title = pick(r, BOARD_ITEMS_B if part_b else BOARD_ITEMS_A)
        parts = ["Item %d. %s\n\n" % (item, title)]
        item += 1
        if r.random() < 0.3:
            parts.append("%s %s %s?\n\n" % (pick(r, ["How does Kent Police", "How will the Force", "What is the Force doing to",
                                                      "How will partners"]), pick(r, ["monitor", "improve", "support", "review", "deliver"]),
                                             pick(r, OBJECTS)))
        budget = min(int(r.expovariate(1 / 2000.0)) + 150, max(150, target - size))
        b = 0
        while b < budget:
            if r.random() < 0.35:
                parts.append("%s\n\n" % pick(r, SUBHEADS))
            for _ in range(r.randint(1, 6)):
                t = para_text(r, 1, 4, joiner=" ")
                parts.append("- %s\n" % t)
                b += len(t)
                if r.random() < 0.12:
                    if r.random() < 0.4:
                        for x in r.sample(SPEC_ITEMS, r.randint(2, 7)):
                            parts.append(" - %s\n" % x)
                    else:
                        for _ in range(r.randint(2, 5)):
                            parts.append(" - %s\n" % sentence(r))
                if r.random() < 0.1:
                    parts.append("\n")
            parts.append("\n")
        if r.random() < 0.35:
            parts.append("- **Actions**\n")
            for _ in range(r.randint(1, 3)):
                parts.append(" - **%s**\n" % action_text(r))
            parts.append("\n")
        chunk = "".join(parts)
        w(chunk)
        size += len(chunk)
    return "notes-%05d.txt" % i, "".join(out).rstrip("\n")


# --------------------------------------------------------------------------
# driver

GENERATORS = {
    "moderngov-html": gen_moderngov_html,
    "moderngov-text": gen_moderngov_text,
    "plaintext-minutes": gen_plaintext,
    "governance-notes": gen_governance,
}


def work(args):
    folder, seed, lo, hi, out_dir = args
    gen = GENERATORS[folder]
    total = 0
    for i in range(lo, hi):
        name, text = gen(seed, i)
        data = text.encode("utf-8")
        with open(os.path.join(out_dir, folder, name), "wb") as f:
            f.write(data)
        total += len(data)
    return folder, hi - lo, total


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate a synthetic council-minutes benchmark corpus.")
    ap.add_argument("out_dir")
    ap.add_argument("--documents", type=int, default=1000, help="documents per folder (default 1000)")
    ap.add_argument("--seed", default="1", help="random seed (default 1)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (output does not depend on it)")
    a = ap.parse_args(argv)
    if a.documents < 0:
        ap.error("--documents must be >= 0")
    t0 = time.time()
    for f in FOLDERS:
        os.makedirs(os.path.join(a.out_dir, f), exist_ok=True)
    chunk = 25
    tasks = [(f, a.seed, lo, min(lo + chunk, a.documents), a.out_dir)
             for f in FOLDERS for lo in range(0, a.documents, chunk)]
    stats = {f: [0, 0] for f in FOLDERS}
    if a.jobs > 1 and len(tasks) > 1:
        with Pool(a.jobs) as pool:
            results = pool.imap_unordered(work, tasks)
            for f, n, b in results:
                stats[f][0] += n
                stats[f][1] += b
    else:
        for t in tasks:
            f, n, b = work(t)
            stats[f][0] += n
            stats[f][1] += b
    summary = ", ".join("%s: %d files %.1f MB" % (f, stats[f][0], stats[f][1] / 1e6) for f in FOLDERS)
    total = sum(v[1] for v in stats.values())
    print("%s -> %s; total %.1f MB in %.1f s" % (a.out_dir, summary, total / 1e6, time.time() - t0))
    return 0


if __name__ == "__main__":
    sys.exit(main())
