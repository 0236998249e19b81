#!/usr/bin/env python3
"""Generates a deterministic benchmark corpus of news reports (bench/).

Writes --docs N documents into --out DIR as a mix of plain-text files with
metadata lines (docs/INPUT.md), HTML pages with the boilerplate of real news
sites, and JSON Lines batch files. The reports follow the patterns of
shared/PHRASING.md: strike reports with datelines and end-of-sentence
attribution, relative dates read against the publication date, hedged and
exact figures, running totals (some stale, some with slips), plan stories with
status cues, denials, trackers with dated items, background paragraphs,
Spanish reports (about 5%) and some unrelated news. All sentences come from
templates in this file; nothing is quoted from real reporting.

About 30% of the documents are wire copies: another document's text, verbatim
or lightly edited (new headline, paragraphs dropped, a line of credit added),
under a different outlet and URL, as syndicated copy appears in the wild.

The same --seed always gives the same bytes (stdlib only; no hash-ordered
iteration). --text-jsonl FILE also writes every document as one JSON line
with its article text ("text": headline, standfirst, paragraphs, captions,
list items, joined by blank lines), which is the form the extraction filter
and the peer libraries read; its UTF-8 size is the corpus's "text bytes".
A summary (counts and sizes) is printed on stdout as one JSON object.

  bench/gen_corpus.py --docs 10000 --seed 1 --out bench/out/corpus-10000 \
      --text-jsonl bench/out/corpus-10000.text.jsonl
"""

import argparse
import datetime as dt
import html
import json
import math
import os
import random
import sys

# ---------------------------------------------------------------------------
# Vocabulary

# (name, domain, wire, language)
OUTLETS = [
    ("Associated Press", "apnews.com", True, "en"),
    ("Reuters", "reuters.com", True, "en"),
    ("AFP", "afp.com", True, "en"),
    ("NBC News", "nbcnews.com", False, "en"),
    ("CNN", "cnn.com", False, "en"),
    ("The Washington Post", "washingtonpost.com", False, "en"),
    ("The New York Times", "nytimes.com", False, "en"),
    ("CBS News", "cbsnews.com", False, "en"),
    ("ABC News", "abcnews.go.com", False, "en"),
    ("Politico", "politico.com", False, "en"),
    ("The Guardian", "theguardian.com", False, "en"),
    ("Al Jazeera", "aljazeera.com", False, "en"),
    ("Miami Herald", "miamiherald.com", False, "en"),
    ("The Hill", "thehill.com", False, "en"),
    ("Daily Mail", "dailymail.co.uk", False, "en"),
    ("The Meridian Post", "meridianpost.example", False, "en"),
    ("The Daily Current", "dailycurrent.example", False, "en"),
    ("Lone Star Ledger", "lonestarledger.example", False, "en"),
    ("Gulf Coast Courier", "gulfcoastcourier.example", False, "en"),
    ("Harbor City Tribune", "harborcitytribune.example", False, "en"),
    ("The Northfield Register", "northfieldregister.example", False, "en"),
    ("Capitol Wire Daily", "capitolwiredaily.example", False, "en"),
    ("Pacific Sentinel", "pacificsentinel.example", False, "en"),
    ("The Evening Dispatch", "eveningdispatch.example", False, "en"),
    ("Diario del Norte", "diariodelnorte.example", False, "es"),
    ("El Heraldo de la Costa", "heraldodelacosta.example", False, "es"),
    ("La Voz del Pacífico", "vozdelpacifico.example", False, "es"),
    ("Agencia Sur", "agenciasur.example", True, "es"),
]
EN_OUTLETS = [o for o in OUTLETS if o[3] == "en"]
ES_OUTLETS = [o for o in OUTLETS if o[3] == "es"]
WIRES = [o for o in EN_OUTLETS if o[2]]

FIRST = ["Dana", "Lena", "Tomás", "Priya", "Marcus", "Rachel", "Jorge", "Aisha", "Kevin",
         "Sofía", "Daniel", "Grace", "Hiroshi", "Mariana", "Owen", "Fatima", "Luis", "Claire",
         "Ethan", "Valeria", "Nadia", "Samuel", "Ines", "Patrick", "Yolanda", "Chris"]
LAST = ["Whitcombe", "Okafor", "Ibarra", "Nandakumar", "Feld", "Amsel", "Castañeda", "Brennan",
        "Morales", "Lindqvist", "Esquivel", "Park", "Delgado", "Hartley", "Mensah", "Quintero",
        "Sato", "Rahman", "Villanueva", "O'Connell", "Adeyemi", "Ruiz", "Kowalski", "Herrera"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
AP_MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.",
             "Oct.", "Nov.", "Dec."]
REUTERS_MONTHS = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept",
                  "Oct", "Nov", "Dec"]
ES_MONTHS = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
             "septiembre", "octubre", "noviembre", "diciembre"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ES_WEEKDAYS = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"]

NUM_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
             "ten", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20"]
ES_NUM = ["cero", "una", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve",
          "diez"]


def num(n, cap=False):
    """AP style: words below 10, figures above."""
    s = NUM_WORDS[n] if 0 <= n < 10 else str(n)
    return s[0].upper() + s[1:] if cap else s


def es_num(n):
    return ES_NUM[n] if 0 <= n <= 10 else str(n)


def ordinal(n):
    if n == 1:
        return "first"
    if 10 <= n % 100 <= 20:
        suf = "th"
    else:
        suf = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return "%d%s" % (n, suf)


# ---------------------------------------------------------------------------
# The campaign: one timeline of strikes that every report is written against,
# so that dates, ordinals and running totals are consistent (and the errors
# we inject are errors against it).

CARIBBEAN_PLACES = ["in the Caribbean", "in the southern Caribbean", "off the coast of Venezuela",
                    "in international waters in the Caribbean", "in the Caribbean Sea",
                    "in the SOUTHCOM area of responsibility", "off Venezuela's northern coast",
                    "near Trinidad and Tobago"]
PACIFIC_PLACES = ["in the eastern Pacific", "in international waters in the eastern Pacific",
                  "off the coast of Colombia", "about 400 nautical miles southwest of Acapulco",
                  "off Colombia's Pacific coast", "in the eastern Pacific Ocean",
                  "west of the Galápagos Islands", "about 300 nautical miles off Ecuador"]
GROUPS = ["Tren de Aragua", "a designated terrorist organization", "the National Liberation Army",
          "the ELN", "a narco-terrorist organization", "the Cartel de los Soles",
          "a Designated Terrorist Organization", "narco-traffickers"]


class Strike:
    pass


def build_campaign(rng):
    strikes = []
    d = dt.date(2025, 9, 2)
    end = dt.date(2026, 2, 27)
    n_strikes = 0
    killed = 0
    vessels_total = 0
    while d <= end:
        s = Strike()
        s.date = d
        pacific_ok = d >= dt.date(2025, 10, 21)
        s.sea = "pacific" if pacific_ok and rng.random() < 0.6 else "caribbean"
        s.place = rng.choice(PACIFIC_PLACES if s.sea == "pacific" else CARIBBEAN_PLACES)
        s.vessels = 1 if rng.random() < 0.85 else rng.choice([2, 2, 3, 4])
        s.strikes = s.vessels if s.vessels == 1 else rng.choice([s.vessels, s.vessels - 1])
        s.per_vessel = [rng.choice([2, 3, 3, 3, 4, 4, 5, 6]) for _ in range(s.vessels)]
        s.killed = sum(s.per_vessel)
        s.survivors = 0 if rng.random() < 0.88 else rng.choice([1, 1, 2])
        s.group = rng.choice(GROUPS)
        if d < dt.date(2025, 9, 30):
            s.announcer = "trump"
        elif d < dt.date(2025, 12, 10):
            s.announcer = rng.choice(["hegseth", "hegseth", "hegseth", "trump"])
        else:
            s.announcer = rng.choice(["southcom", "southcom", "hegseth"])
        s.announced = d + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2, 4]))
        n_strikes += s.strikes
        killed += s.killed
        vessels_total += s.vessels
        s.ordinal = n_strikes
        s.total_strikes = n_strikes
        s.total_killed = killed
        s.total_vessels = vessels_total
        s.first_pacific = s.sea == "pacific" and not any(x.sea == "pacific" for x in strikes)
        strikes.append(s)
        d += dt.timedelta(days=rng.choice([1, 2, 3, 3, 4, 5, 6, 8]))
    return strikes


# ---------------------------------------------------------------------------
# Phrases


def date_phrase(rng, when, pub, style):
    """A way of writing |when| in a report published on |pub|."""
    wd = WEEKDAYS[when.weekday()]
    delta = (pub - when).days
    if style == "reuters":
        months = REUTERS_MONTHS
    else:
        months = AP_MONTHS
    explicit = rng.choice([
        "on %s %d" % (months[when.month - 1], when.day),
        "on %s %d" % (MONTHS[when.month - 1], when.day),
        "(%s %d)" % (MONTHS[when.month - 1], when.day),
        "on %d %s" % (when.day, MONTHS[when.month - 1]),
        "on %s, %s %d" % (wd, months[when.month - 1], when.day),
    ])
    if delta > 6 or rng.random() < 0.2:
        return explicit
    if delta == 1 and rng.random() < 0.25:
        return "overnight"
    if delta in (1, 2) and when.weekday() >= 5 and pub.weekday() == 0 and rng.random() < 0.5:
        return "over the weekend"
    if rng.random() < 0.03:  # an outlet gets the weekday wrong
        wd = WEEKDAYS[(when.weekday() + rng.choice([1, 6])) % 7]
    return rng.choice(["on %s", "late %s", "early %s", "on %s", "%s", "on %s night"]) % wd


def killed_phrase(rng, n):
    return rng.choice([
        "killing %s people" % num(n),
        "killing all %s people on board" % num(n),
        "killing %s people aboard" % num(n),
        "killing %s men" % num(n),
        "leaving %s dead" % num(n),
        "killing %s alleged narco-terrorists" % num(n),
    ])


def announcer(rng, s):
    if s.announcer == "trump":
        return rng.choice(["President Donald Trump", "Trump", "President Trump"]), rng.choice(
            ["in a post on Truth Social", "on Truth Social", "in a video posted to social media"])
    if s.announcer == "hegseth":
        who = rng.choice(["Defense Secretary Pete Hegseth", "Secretary of War Pete Hegseth",
                          "War Secretary Pete Hegseth", "Pentagon chief Pete Hegseth",
                          "Hegseth", "Secretary Pete Hegseth"])
        return who, rng.choice(["in a post on X", "on X", "in a social media post",
                                "in a video posted to X", "in a statement"])
    return rng.choice(["U.S. Southern Command", "Southern Command", "SOUTHCOM",
                       "the U.S. military's Southern Command"]), rng.choice(
        ["in a post on X", "in a statement", "on social media"])


def running_total(rng, s, campaign, pub):
    """A running-total sentence; some are stale, some slip by a few."""
    strikes, killed, vessels = s.total_strikes, s.total_killed, s.total_vessels
    r = rng.random()
    if r < 0.12:  # stale: the total as of an earlier strike
        i = campaign.index(s)
        if i > 0:
            prev = campaign[max(0, i - rng.choice([1, 2]))]
            strikes, killed, vessels = prev.total_strikes, prev.total_killed, prev.total_vessels
    elif r < 0.18:  # arithmetic slip
        killed += rng.choice([-3, -2, -1, 1, 2])
    elif r < 0.24 and s.survivors:  # counts the presumed dead
        killed += s.survivors
    q = rng.choice(["at least ", "at least ", "more than ", "", "nearly ", "approximately "])
    k = killed if q != "more than " else killed - rng.choice([1, 2, 4])
    if q == "nearly ":
        k = killed + rng.choice([1, 2, 3])
    return rng.choice([
        "The strike brings the death toll of the campaign to %s%d." % (q, k),
        "The strikes have killed %s%d people since early September." % (q, k),
        "It was at least the %s strike since early September, bringing the death toll to %s%d." % (
            ordinal(strikes), q, k),
        "The U.S. has now carried out %d strikes that have destroyed %d boats and killed %s%d people." % (
            strikes, vessels, q, k),
        "By %s count, the military has killed %s%d people in %d strikes since the campaign began." % (
            rng.choice(["the AP's", "Reuters'", "our", "a CNN"]), q, k, strikes),
        "At least %d people have been killed in %s strikes so far, according to a tally of official announcements." % (
            k, num(strikes) if strikes < 10 else strikes),
        "The strikes have killed %s%d people in total." % (q, k),
    ])


def person(rng):
    return "%s %s" % (rng.choice(FIRST), rng.choice(LAST))


# ---------------------------------------------------------------------------
# Background paragraphs: no new events, many cues, numbers, dates and names.

BACKGROUND = [
    "Legal experts questioned the authority for the strikes. For decades the U.S. has treated drug smuggling at sea as a law enforcement matter, with the Coast Guard stopping boats, seizing cargo and detaining crews for prosecution.",
    "The administration has not made public any evidence that the boats were carrying drugs, nor the identities of those killed. Officials have said only that intelligence showed the vessels were operated by cartels.",
    "Past administrations have quietly deployed special operations forces to advise partner militaries in the region, but those missions rarely involved lethal force.",
    "The strikes follow weeks in which the Navy sent destroyers, an amphibious group and thousands of sailors and Marines to waters off South America.",
    "Venezuelan President Nicolás Maduro has denied any links to drug trafficking and accuses Washington of looking for a pretext to force him from power.",
    "Democrats in Congress have demanded that the Pentagon release the legal opinion justifying the strikes. A resolution to limit them failed in the Senate by a vote of {a} to {b}.",
    "The Pentagon has sent the aircraft carrier USS Gerald R. Ford and its strike group to the Caribbean, adding to {n} warships already in the region.",
    "Colombian President Gustavo Petro has called the strikes murder and said at least one of those killed was a Colombian fisherman, a claim the White House rejected.",
    "The families of two men from Trinidad and Tobago say their relatives were on one of the boats and were not drug traffickers.",
    "The State Department designated Tren de Aragua and several Mexican cartels as foreign terrorist organizations in February, a step the administration has cited as the basis for treating their members as combatants.",
    "Human rights groups said the killings amounted to extrajudicial executions. \"There is no armed conflict here,\" said {p}, a former military lawyer.",
    "The United Nations human rights office said the strikes violated international law and called for an independent investigation.",
    "Trump has said that land strikes in Venezuela could come next, though he has not said when. \"We're going to stop them by land,\" he said at the White House on {wd}.",
    "Officials have not said what weapons were used. Videos released by the Pentagon appear to show small boats exploding after being hit from the air, likely by drones or aircraft.",
    "Under the administration's legal theory, the U.S. is in a \"non-international armed conflict\" with cartels it has labeled unlawful combatants, according to a notice sent to Congress in {month}.",
    "Adm. Alvin Holsey, the head of Southern Command, announced in {month} that he would retire early, a year into what is usually a three-year assignment.",
    "Some {troops} U.S. troops are now deployed to the region, including Marines aboard amphibious ships and aircraft in Puerto Rico.",
    "Mexico's navy has led searches for survivors of at least one strike at the request of the U.S. government, covering an area of more than {big} square nautical miles.",
    "The Coast Guard seized more than {tons} tons of cocaine in the eastern Pacific in the last fiscal year, officials said, a record.",
    "Analysts note that most of the cocaine that reaches the United States travels through the eastern Pacific rather than the Caribbean.",
    "Two survivors of an October strike were repatriated to Colombia and Ecuador rather than detained, which critics said undercut the claim that the crews were combatants.",
    "The White House said the strikes were lawful and that the president was acting to protect Americans from drugs that kill tens of thousands of people a year.",
    "Since {month}, the Pentagon has announced strikes at a pace of roughly two a week, though weeks have passed without one.",
    "Secretary of State Marco Rubio said the cartels were \"no different from al-Qaida\" and would be treated accordingly.",
    "A senior administration official, speaking on condition of anonymity to discuss internal deliberations, said more strikes were expected in the coming weeks.",
    "Lawmakers from both parties said they had not been briefed on the intelligence behind the strikes, and several asked for a classified hearing before the end of {month}.",
    "It is not known how many of those killed were Venezuelan. Officials in Caracas have given no list of names.",
    "The Navy has about {n} ships in the Caribbean, including a guided-missile cruiser, several destroyers and a nuclear submarine, according to two U.S. officials.",
    "The Pentagon has moved F-35 fighter jets and MQ-9 Reaper drones to {place}, and the {ship} has been operating off the Venezuelan coast since {date}, {anon} said.",
    "{senator} said on {wd} that he had asked the Pentagon to explain how it identified the boats as drug-carrying vessels. \"We have seen no evidence,\" he said.",
    "A poll released on {wd} found that {pct}% of Americans approved of the strikes, with a sharp divide between Republicans and Democrats.",
    "Officials have said {cause} smuggled by cartels kills tens of thousands of Americans each year; the Centers for Disease Control and Prevention estimated about {deaths} overdose deaths last year.",
    "The Coast Guard, which has historically intercepted drug boats, said it had not been involved in any of the strikes. It has seized boats and detained crews in {n} separate interdictions since {date}.",
    "In a closed-door briefing on {wd}, administration lawyers told lawmakers that the president did not need congressional approval for the strikes because they did not amount to \"hostilities\" under the War Powers Resolution, {anon} said.",
    "The strikes have strained relations with Colombia, long Washington's closest ally in the region. Bogotá recalled its ambassador on {date} and suspended some intelligence sharing.",
    "Trinidad and Tobago's prime minister has backed the strikes, saying her country would allow U.S. forces to use its territory if needed. Grenada has been asked to host a radar installation.",
    "Since {date}, the military has flown B-52 and B-1 bombers near the Venezuelan coast in what officials described as demonstrations of capability, and {troops} troops have been deployed.",
    "Maduro has mobilized militia members and ordered military exercises along the coast, saying Venezuela would resist any attack. He has offered talks, which the White House has rejected.",
    "The operation, which the Pentagon named Operation Southern Spear, is overseen by a joint task force based in {place}, according to {anon}.",
    "Retired military lawyers said the orders raised the prospect that service members could face legal liability. \"Following an unlawful order is not a defense,\" said {p}, a former judge advocate.",
]

THREATS = [
    "\"If you are a narco-terrorist smuggling drugs in our hemisphere, we will treat you like we treat al-Qaida,\" Hegseth wrote. \"We will hunt you down and kill you.\"",
    "\"These strikes will continue until the attacks on the American people are over,\" Hegseth said.",
    "Trump said the strikes would go on \"until the cartels stop poisoning our people.\"",
    "\"We will find you, we will track you and we will kill you,\" the post said.",
]

NEGATED = [
    "No U.S. forces were harmed in the strike, {who} said.",
    "No U.S. forces were harmed.",
    "No American service members were hurt, the statement said.",
    "There were no U.S. casualties.",
]

ANON = ["two U.S. officials", "a U.S. official", "two current and two former US officials",
        "a person briefed on the matter", "three people familiar with the operation",
        "four sources familiar with the effort", "a defense official",
        "two people familiar with the intelligence"]

CITES = ["citing NBC News", "according to CNN", "as first reported by Reuters",
         "The Washington Post reported", "according to The New York Times",
         "CBS News reported", "according to the Associated Press"]

HEADLINE_STRIKE = [
    "{n_cap} dead in latest US attack on suspected drug boat, {who_short} says",
    "US military strikes another alleged drug boat {place}, killing {n}",
    "Pentagon says strike {place} killed {n}",
    "US strike on alleged drug vessel kills {n}, {who_short} says",
    "{who_short}: US forces hit drug boat {place}, {n} dead",
    "Latest US boat strike {place} leaves {n} dead",
    "US kills {n} more {place} as boat-strike count hits {count}",
    "Another US strike on a boat {place}; toll rises to {total}",
]


# ---------------------------------------------------------------------------
# Documents. A document is a dict: kind, lang, title, standfirst, paragraphs
# [(block kind, text)], outlet, url, author, published (date).


def dateline(rng, outlet, pub, style):
    city = rng.choice(["WASHINGTON", "WASHINGTON", "MIAMI", "MEXICO CITY", "BOGOTÁ, Colombia",
                       "CARACAS, Venezuela", "SAN JUAN, Puerto Rico", "SAN DIEGO, Calif.",
                       "PORT OF SPAIN, Trinidad"])
    name = outlet[0]
    if name == "Associated Press":
        return "%s (AP) — " % city
    if name == "Reuters":
        return rng.choice(["%s, %s %d (Reuters) - " % (city, REUTERS_MONTHS[pub.month - 1], pub.day),
                           "(Reuters) - "])
    if name == "AFP":
        return "%s (AFP) — " % city
    return rng.choice(["", "", "%s — " % city])


def strike_report(rng, campaign, outlet, brief=False):
    s = rng.choice(campaign)
    pub = s.announced + dt.timedelta(days=rng.choice([0, 0, 0, 1, 1, 2]))
    style = "reuters" if outlet[0] == "Reuters" else "ap"
    who, medium = announcer(rng, s)
    who_short = who.split()[-1] if s.announcer != "southcom" else "SOUTHCOM"
    when = date_phrase(rng, s.date, pub, style)
    place = s.place
    paras = []
    if s.vessels == 1:
        lead = rng.choice([
            "The U.S. military struck a boat {place} {when} that it said was carrying drugs, {killed}, {who} said {medium}.",
            "The U.S. military attacked an alleged drug-trafficking vessel {place} {when}, {killed}, {who} said.",
            "U.S. forces carried out a lethal strike on a vessel {place} {when}, {killed}, according to {who}.",
            "{who_cap} said {medium} that the military had struck a suspected drug boat {place} {when}, {killed}.",
            "A U.S. strike {when} on a boat {place} killed {n} people, {who} said {medium}.",
        ]).format(place=place, when=when, killed=killed_phrase(rng, s.killed), who=who,
                  who_cap=who[0].upper() + who[1:], medium=medium, n=num(s.killed))
    else:
        lead = rng.choice([
            "The U.S. military carried out {sw} strikes on {vw} vessels {place} {when}, killing {n} people, {who} said.",
            "{who_cap} said {medium} that U.S. forces had conducted {sw} strikes on {vw} boats {place} {when}, killing {n}.",
            "U.S. forces hit {vw} boats {place} {when} in {sw} strikes, killing {n} people, {who} said.",
        ]).format(sw=num(s.strikes), vw=num(s.vessels), place=place, when=when, n=num(s.killed),
                  who=who, who_cap=who[0].upper() + who[1:], medium=medium)
        if len(set(s.per_vessel)) == 1:
            lead += " %s people were killed on each boat." % num(s.per_vessel[0], cap=True)
    if s.survivors:
        lead = lead[:-1] + rng.choice([
            " and leaving %s survivor%s." % (num(s.survivors), "s" if s.survivors > 1 else ""),
            ". %s survivor%s jumped overboard and %s presumed dead after the search was suspended." % (
                num(s.survivors, cap=True), "s" if s.survivors > 1 else "",
                "are" if s.survivors > 1 else "is"),
            ". %s survivor%s were later repatriated." % (num(s.survivors, cap=True),
                                                         "s" if s.survivors > 1 else ""),
        ])
    paras.append(dateline(rng, outlet, pub, style) + lead)
    paras.append(rng.choice([
        "{who_cap} said the vessel was operated by {group} and was traveling along a known narco-trafficking route. No evidence was made public.",
        "In the post, {who} said intelligence had confirmed that the boat was linked to {group}. The post included a short video that appears to show a small boat exploding.",
        "The strike was carried out at the direction of Gen. Francis Donovan, the commander of Southern Command, the statement said, and targeted {group}.",
        "Officials said the boat belonged to {group}, but provided no evidence to support the claim.",
    ]).format(who=who, who_cap=who[0].upper() + who[1:], group=s.group))
    if rng.random() < 0.6:
        paras.append(rng.choice(NEGATED).format(who=who_short))
    if s.first_pacific and rng.random() < 0.7:
        paras.append("It was the first strike in the eastern Pacific, widening a campaign that until then had targeted boats in the Caribbean.")
    if rng.random() < 0.85:
        paras.append(running_total(rng, s, campaign, pub))
    if rng.random() < 0.35:
        paras.append(rng.choice(THREATS))
    if rng.random() < 0.4:
        paras.append("%s The %s strike was %s, %s said, speaking on condition of anonymity." % (
            rng.choice(["Details emerged slowly.", "The Pentagon released few details.",
                        "The White House referred questions to the Pentagon."]),
            rng.choice(["latest", "most recent"]),
            rng.choice(["planned days in advance", "carried out by an MQ-9 Reaper drone",
                        "launched from a warship", "approved by the president"]),
            rng.choice(ANON)))
    if not brief:
        target = int(rng.lognormvariate(math.log(3800), 0.4))
        bg = rng.sample(range(len(BACKGROUND)), len(BACKGROUND))
        i = 0
        while sum(len(p) for p in paras) < target and i < len(bg):
            paras.append(fill(rng, BACKGROUND[bg[i]], pub))
            i += 1
        if outlet[0] == "Associated Press":
            paras.append("___")
            paras.append("Associated Press writers %s in Mexico City and %s in Caracas, Venezuela, contributed to this report." % (
                person(rng), person(rng)))
        elif outlet[0] == "AFP" or rng.random() < 0.1:
            paras.append("AFP contributed to this report.")
    headline = rng.choice(HEADLINE_STRIKE).format(
        n=num(s.killed), n_cap=num(s.killed, cap=True), who_short=who_short, place=place,
        count=s.total_strikes, total=s.total_killed)
    headline = headline[0].upper() + headline[1:]
    standfirst = None
    if not brief and rng.random() < 0.5:
        standfirst = rng.choice([
            "The Pentagon's latest attack on an alleged drug boat came %s. The administration has still not said who was on board." % when,
            "The administration says the boats carry drugs bound for the United States. It has not released evidence.",
            "Critics in Congress say the campaign has no legal basis.",
        ])
    captions = []
    if not brief and rng.random() < 0.5:
        captions.append(rng.choice([
            "Pictured: a U.S. Navy guided-missile destroyer in the Caribbean in September. (U.S. Navy photo)",
            "Pictured: an image from a video posted by %s that appears to show a boat exploding." % who_short,
            "A still from video released by the Pentagon shows the strike. (Department of War via AP)",
            "Defense Secretary Pete Hegseth at the Pentagon in October. (Photo: Reuters)",
        ]))
    return dict(kind="brief" if brief else "strike", lang="en", title=headline,
                standfirst=standfirst, paragraphs=[("body", p) for p in paras],
                captions=captions, published=pub, reported=[s])


def fill(rng, template, pub):
    return template.format(
        a=rng.choice([48, 49, 51]), b=rng.choice([49, 51, 47]), n=rng.choice([8, 10, 12, 15]),
        p=person(rng), wd=rng.choice(WEEKDAYS), month=MONTHS[(pub.month - 2) % 12],
        big=rng.choice(["1,000", "2,500", "19,000"]), tons=rng.choice([200, 225, 510]),
        troops=rng.choice(["10,000", "12,000", "15,000", "more than 10,000"]),
        cause=rng.choice(["fentanyl", "cocaine", "synthetic opioids"]),
        deaths=rng.choice(["70,000", "80,000", "100,000"]),
        ship=rng.choice(["USS Iwo Jima", "USS Sampson", "USS Lake Erie", "USS Gravely"]),
        place=rng.choice(["Puerto Rico", "the U.S. Virgin Islands", "El Salvador", "Curaçao"]),
        date="%s %d" % (AP_MONTHS[(pub.month - 2) % 12], rng.randrange(1, 29)),
        pct=rng.randrange(30, 70), anon=rng.choice(ANON),
        senator=rng.choice(["Sen. Tim Kaine, D-Va.", "Sen. Rand Paul, R-Ky.",
                            "Sen. Adam Schiff, D-Calif.", "Sen. Roger Wicker, R-Miss."]))


def plan_story(rng, campaign, outlet):
    pub = dt.date(2025, 10, 1) + dt.timedelta(days=rng.randrange(140))
    n_src = rng.choice([2, 3, 4, 5])
    src = rng.choice(["%s sources familiar with the effort" % num(n_src),
                      "two current and two former US officials",
                      "%s people briefed on the planning" % num(n_src),
                      "a person briefed on the matter"])
    cited = rng.choice(["NBC News", "CNN", "The New York Times", "The Washington Post"])
    paras = [
        rng.choice([
            "The Trump administration is planning a mission to send U.S. troops and intelligence officers into Mexico to target drug cartels, according to {src}, {cited} reported.",
            "The U.S. military has begun training for a possible mission inside Mexico that would include drone strikes on drug labs and cartel leaders, {cited} reported, citing {src}.",
            "The Pentagon is weighing options for strikes on cartel targets on Mexican soil, {src} told {cited}.",
        ]).format(src=src, cited=cited),
        rng.choice([
            "The planning is in early stages, and a deployment is not imminent, the sources said. The operation, if green-lit, could begin within weeks.",
            "The mission would include special operations forces and CIA officers, and could begin as early as {month}, if approved.",
            "No final decision has been made, and officials cautioned that the planning could be shelved.",
        ]).format(month=MONTHS[pub.month % 12]),
        rng.choice([
            "President Donald Trump has not ruled out strikes in Mexico. Asked last week whether he would approve them, he said he would be OK with it.",
            "Trump said on {wd} that he would be \"proud\" to strike cartels in Mexico if that stopped the flow of fentanyl.",
            "The White House declined to comment on the report. A Pentagon spokesperson said the department does not discuss future operations.",
        ]).format(wd=rng.choice(WEEKDAYS)),
        rng.choice([
            "Mexican President Claudia Sheinbaum rejected any form of intervention, saying on {wd} that Mexico would not accept U.S. troops on its territory.",
            "Sheinbaum has repeatedly said that Mexico will cooperate with the U.S. but will not allow foreign forces to operate inside the country.",
        ]).format(wd=rng.choice(WEEKDAYS)),
        rng.choice([
            "Mexico sent {n} cartel suspects to the United States in {month}, the second such transfer this year, after sending 29 in February.",
            "Mexico deployed 10,000 National Guard troops to the northern border in February after Trump threatened tariffs.",
            "In February the State Department designated six Mexican cartels as foreign terrorist organizations.",
        ]).format(n=rng.choice([26, 37]), month=rng.choice(["August", "January"])),
    ]
    target = int(rng.lognormvariate(math.log(3300), 0.35))
    bg = rng.sample(range(len(BACKGROUND)), 16)
    for i in bg:
        if sum(len(p) for p in paras) >= target:
            break
        paras.append(fill(rng, BACKGROUND[i], pub))
    title = rng.choice([
        "US planning possible mission against cartels inside Mexico, report says",
        "Pentagon weighs drone strikes on Mexican cartels, officials say",
        "Trump administration prepares options for strikes in Mexico",
    ])
    return dict(kind="plan", lang="en", title=title, standfirst=None,
                paragraphs=[("body", p) for p in paras], captions=[], published=pub)


def denial_story(rng, campaign, outlet):
    s = rng.choice(campaign)
    pub = s.announced + dt.timedelta(days=rng.choice([1, 2, 3]))
    leader, country = rng.choice([("Venezuelan President Nicolás Maduro", "Venezuela"),
                                  ("Colombian President Gustavo Petro", "Colombia"),
                                  ("Mexican President Claudia Sheinbaum", "Mexico")])
    paras = [
        dateline(rng, outlet, pub, "ap") + rng.choice([
            "{leader} on {wd} denied that the boat struck by the U.S. military {when} was carrying drugs, and said Washington had provided no evidence.",
            "{leader} rejected any form of U.S. intervention in {country} on {wd}, a day after the latest strike on a boat {place}.",
            "The government of {country} denied U.S. claims about the vessel hit {place}, saying those killed were fishermen.",
        ]).format(leader=leader, country=country, wd=WEEKDAYS[pub.weekday()],
                  when=date_phrase(rng, s.date, pub, "ap"), place=s.place),
        "The U.S. military said the strike killed %s people. It has not named them." % num(s.killed),
        rng.choice(["\"They are killing people without trial,\" %s said." % leader.split()[-1],
                    "%s's foreign ministry called the strike \"an act of aggression.\"" % country,
                    "%s said the claims were \"lies\" meant to justify an invasion." % leader.split()[-1]]),
        running_total(rng, s, campaign, pub),
    ]
    for i in rng.sample(range(len(BACKGROUND)), rng.choice([7, 9, 11, 13])):
        paras.append(fill(rng, BACKGROUND[i], pub))
    title = rng.choice(["%s denies US claims about boat strike" % leader.split()[-1],
                        "%s rejects US intervention after latest strike" % country,
                        "'No evidence': %s disputes Pentagon account of strike" % country])
    return dict(kind="denial", lang="en", title=title, standfirst=None,
                paragraphs=[("body", p) for p in paras], captions=[], published=pub)


def tracker(rng, campaign, outlet):
    last = rng.randrange(5, len(campaign))
    pub = campaign[last].announced + dt.timedelta(days=1)
    upto = [s for s in campaign if s.announced <= pub]
    s = upto[-1]
    paras = [("body", "Since early September, the U.S. military has attacked boats that the Trump administration says were smuggling drugs, first in the Caribbean and, since late October, in the eastern Pacific. This list is based on official announcements and will be updated as new strikes are reported."),
             ("body", "Running total as of %s %d: %d strikes, at least %d people killed." % (
                 AP_MONTHS[pub.month - 1], pub.day, s.total_strikes, s.total_killed))]
    for x in upto:
        d = "%s %d" % (AP_MONTHS[x.date.month - 1], x.date.day)
        if x.vessels == 1:
            item = rng.choice([
                "%s: A strike %s kills %s people on a boat %s says belonged to %s." % (
                    d, x.place, num(x.killed), announcer(rng, x)[0], x.group),
                "%s: %s people are killed in a strike %s." % (d, num(x.killed, cap=True), x.place),
                "%s: %s says %s men were killed on a boat %s." % (d, announcer(rng, x)[0],
                                                                   num(x.killed), x.place),
            ])
        else:
            item = "%s: %s strikes on %s vessels %s kill %d people." % (
                d, num(x.strikes, cap=True), num(x.vessels), x.place, x.killed)
        if x.survivors:
            item += " %s survivor%s." % (num(x.survivors, cap=True),
                                         "s are reported" if x.survivors > 1 else " is reported")
        paras.append(("item", item))
    paras.append(("body", "How we count: we list each attack the administration says it carried out. Survivors presumed dead are not included in the death toll."))
    return dict(kind="tracker", lang="en",
                title="Every US strike on an alleged drug boat so far: a running list",
                standfirst=None, paragraphs=paras, captions=[], published=pub, reported=upto)


def designation_story(rng, campaign, outlet):
    pub = dt.date(2025, 8, 1) + dt.timedelta(days=rng.randrange(200))
    group = rng.choice(["Cartel de los Soles", "Tren de Aragua", "the Sinaloa Cartel",
                        "the Jalisco New Generation Cartel", "the Gulf Cartel"])
    paras = [
        rng.choice([
            "The State Department said on {wd} it would designate {group} a foreign terrorist organization, effective {d}, a step that gives the Pentagon more options, officials said.",
            "The Treasury Department imposed sanctions on {n} people it said were leaders of {group}, freezing any assets they hold in the United States.",
            "Mexico sent {n} people accused of cartel crimes to the United States on {wd}, the third such transfer this year, Mexican officials said.",
        ]).format(wd=WEEKDAYS[pub.weekday()], group=group, n=rng.choice([8, 13, 26, 37]),
                  d="%s %d" % (AP_MONTHS[(pub.month) % 12], rng.randrange(1, 28))),
        "Secretary of State Marco Rubio said in a statement that the group was responsible for violence across the region.",
        "The designation makes it a crime to provide material support to the group. Critics said it could be used to justify military action.",
    ]
    for i in rng.sample(range(len(BACKGROUND)), rng.choice([8, 10, 12, 14])):
        paras.append(fill(rng, BACKGROUND[i], pub))
    return dict(kind="designation", lang="en",
                title="US moves against %s" % group.replace("the ", ""), standfirst=None,
                paragraphs=[("body", p) for p in paras], captions=[], published=pub)


OFFTOPIC = [
    "The Federal Reserve held interest rates steady on {wd}, saying inflation remained above its 2% target, and signaled that it could cut rates {n} times next year.",
    "Shares rose 1.{n}% in early trading after the company reported quarterly revenue of ${big} million, beating analysts' forecasts.",
    "The city council voted {a} to {b} on {wd} to approve a $45 million budget for road repairs, ending a months-long dispute.",
    "Heavy rain is expected across the region through the weekend, with up to {n} inches in some areas, the National Weather Service said.",
    "The team won its {ord} straight game on {wd}, beating its rivals 3-1 in front of 40,000 fans.",
    "About {big} people attended the festival over three days, organizers said, the largest crowd since 2019.",
    "The school district said it would hire {n} new teachers before the start of the spring term in January.",
    "Officials said the bridge would reopen in early December after repairs that cost more than $12 million.",
]


def offtopic_story(rng, campaign, outlet):
    pub = dt.date(2025, 9, 1) + dt.timedelta(days=rng.randrange(180))
    paras = []
    for _ in range(rng.choice([10, 14, 18, 22])):
        paras.append(rng.choice(OFFTOPIC).format(
            wd=rng.choice(WEEKDAYS), n=rng.randrange(2, 9), big=rng.choice(["1,250", "640", "3,400"]),
            a=rng.randrange(5, 9), b=rng.randrange(1, 4), ord=ordinal(rng.randrange(3, 12))))
    return dict(kind="offtopic", lang="en",
                title=rng.choice(["Fed holds rates steady", "Council approves road budget",
                                  "Storm to bring heavy rain", "Home team extends streak"]),
                standfirst=None, paragraphs=[("body", p) for p in paras], captions=[],
                published=pub)


def spanish_story(rng, campaign, outlet):
    s = rng.choice(campaign)
    pub = s.announced + dt.timedelta(days=rng.choice([0, 1, 1, 2]))
    wd = ES_WEEKDAYS[s.date.weekday()]
    lugar = "en el Pacífico oriental" if s.sea == "pacific" else "en el Caribe"
    paras = [
        rng.choice([
            "WASHINGTON.— El ejército de Estados Unidos atacó una lancha {lugar} el {wd}, con un saldo de {n} muertos, informó el secretario de Guerra, Pete Hegseth, en una publicación en X.",
            "CIUDAD DE MÉXICO.— Estados Unidos realizó un nuevo ataque contra una embarcación {lugar} el pasado {d} de {m}, en el que murieron {n} personas, según el Pentágono.",
        ]).format(lugar=lugar, wd=wd, n=es_num(s.killed), d=s.date.day, m=ES_MONTHS[s.date.month - 1]),
        "Hegseth aseguró que la embarcación era operada por una organización terrorista designada, pero no presentó pruebas.",
        "Desde principios de septiembre, el Pentágono ha anunciado {k} ataques contra embarcaciones en el Caribe y el Pacífico oriental, con al menos {t} muertos.".format(
            k=s.total_strikes, t=s.total_killed),
        rng.choice([
            "La presidenta Claudia Sheinbaum rechazó este {wd} cualquier forma de intervención de Estados Unidos en territorio mexicano.",
            "El presidente de Colombia, Gustavo Petro, calificó los ataques como asesinatos y pidió una investigación internacional.",
        ]).format(wd=ES_WEEKDAYS[pub.weekday()]),
        "Recordó que el pasado 27 de octubre la Secretaría de Marina encabezó la búsqueda de un sobreviviente a unas 400 millas náuticas al suroeste de Acapulco, a petición del gobierno estadounidense, y que la búsqueda se suspendió sin resultados.",
        "En febrero, el Departamento de Estado designó como organizaciones terroristas extranjeras al Cártel de Sinaloa, al Cártel Jalisco Nueva Generación, al Cártel del Golfo y al Tren de Aragua.",
        "Expertos en derecho internacional señalaron que los ataques podrían violar el derecho internacional, ya que no existe un conflicto armado con los cárteles.",
        "Según cuatro funcionarios y exfuncionarios estadounidenses citados por NBC News, el gobierno de Donald Trump prepara una posible misión con tropas y drones contra los cárteles en México, aunque un despliegue no es inminente.",
        "México envió a Estados Unidos a 26 integrantes de organizaciones criminales en agosto, tras el traslado de 29 en febrero.",
    ]
    extra = [
        "El gobierno de Nicolás Maduro negó cualquier vínculo con el narcotráfico y acusó a Washington de buscar un pretexto para una intervención militar en Venezuela.",
        "Organizaciones de derechos humanos calificaron los ataques como ejecuciones extrajudiciales y exigieron que el Pentágono publique las pruebas sobre la carga de las embarcaciones.",
        "Familias de Trinidad y Tobago aseguran que dos de sus parientes iban a bordo de una de las lanchas y que eran pescadores, no narcotraficantes.",
        "El Pentágono ha desplegado en la región más de 10 mil efectivos, varios destructores, un submarino nuclear y el portaaviones USS Gerald R. Ford, según funcionarios estadounidenses.",
        "En el Senado de Estados Unidos, una resolución para limitar los ataques fue rechazada por 49 votos contra 51, en una votación dividida casi por completo según líneas partidistas.",
        "La Secretaría de Relaciones Exteriores informó que mantiene comunicación con el Departamento de Estado y que México no permitirá operaciones militares extranjeras en su territorio.",
        "Analistas señalaron que la mayor parte de la cocaína que llega a Estados Unidos viaja por el Pacífico oriental y no por el Caribe, donde comenzaron los ataques a principios de septiembre.",
    ]
    paras.extend(rng.sample(extra, rng.choice([3, 5, 7])))
    title = rng.choice(["EU ataca otra lancha %s; mueren %s" % (lugar, es_num(s.killed)),
                        "Nuevo ataque de EU contra embarcación deja %s muertos" % es_num(s.killed),
                        "Sheinbaum rechaza intervención militar de EU tras nuevo ataque"])
    return dict(kind="es", lang="es", title=title, standfirst=None,
                paragraphs=[("body", p) for p in paras], captions=[], published=pub,
                reported=[s])


KINDS = [  # (weight, builder)
    (33, lambda r, c, o: strike_report(r, c, o)),
    (10, lambda r, c, o: strike_report(r, c, o, brief=True)),
    (14, plan_story),
    (12, denial_story),
    (4, tracker),
    (10, designation_story),
    (7, offtopic_story),
]


def slug(title):
    out = []
    for ch in title.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")[:70]


def place_doc(rng, doc, outlet, serial):
    doc["outlet"] = outlet
    doc["author"] = person(rng) if rng.random() < 0.8 else ""
    doc["url"] = "https://%s%s/%04d/%02d/%02d/%s-%06d" % (
        "www." if rng.random() < 0.6 else "", outlet[1], doc["published"].year,
        doc["published"].month, doc["published"].day, slug(doc["title"]), serial)
    return doc


def copy_doc(rng, orig, serial):
    """A wire copy of |orig| under another outlet: verbatim or lightly edited."""
    pool = ES_OUTLETS if orig["lang"] == "es" else EN_OUTLETS
    outlet = rng.choice([o for o in pool if o[0] != orig["outlet"][0]])
    doc = dict(orig)
    doc["paragraphs"] = list(orig["paragraphs"])
    doc["captions"] = list(orig["captions"])
    doc["published"] = orig["published"] + dt.timedelta(days=rng.choice([0, 0, 0, 1]))
    if rng.random() < 0.45:
        doc["copy"] = "verbatim"
        if rng.random() < 0.5:  # the same wire text with a new headline
            doc["title"] = rng.choice(["", "WATCH: ", "UPDATE: "]) + orig["title"].rstrip(".") + \
                rng.choice([" (report)", "", " | " + outlet[0]])
    else:
        doc["copy"] = "edited"
        ps = doc["paragraphs"]
        if len(ps) > 4 and rng.random() < 0.7:  # trimmed for space
            del ps[len(ps) - rng.choice([1, 2, 3]):]
        if orig["lang"] == "en" and rng.random() < 0.6:
            credit = "%s This story was first reported by %s." % (
                rng.choice(["", "(Updated)"]), orig["outlet"][0])
            ps.append(("body", credit.strip()))
        if ps and ps[0][0] == "body" and rng.random() < 0.5:
            first = ps[0][1]
            for dl in (" (AP) — ", " (Reuters) - ", "(Reuters) - ", " (AFP) — "):
                cut = first.find(dl)
                if cut >= 0 and cut < 60:
                    first = first[cut + len(dl):]
                    break
            if orig["lang"] == "en":
                first = first.rstrip(".") + ", according to %s." % orig["outlet"][0]
            ps[0] = ("body", first)
        if rng.random() < 0.7:
            doc["title"] = rng.choice(["", "Report: ", "US military: "]) + orig["title"]
        doc["standfirst"] = None if rng.random() < 0.5 else orig.get("standfirst")
    return place_doc(rng, doc, outlet, serial)


def article_text(doc):
    """The article text: what a reader (and the peers) sees."""
    parts = [doc["title"]]
    if doc.get("standfirst"):
        parts.append(doc["standfirst"])
    for kind, p in doc["paragraphs"]:
        parts.append(p)
    parts.extend(doc["captions"])
    return "\n\n".join(parts)


# ---------------------------------------------------------------------------
# Renderers


def render_txt(rng, doc):
    pub = doc["published"]
    meta = []
    date_style = rng.random()
    if date_style < 0.6:
        date = pub.isoformat()
    elif date_style < 0.8:
        date = "%s %d, %d" % (AP_MONTHS[pub.month - 1].rstrip("."), pub.day, pub.year)
    else:
        date = "%d %s %d" % (pub.day, MONTHS[pub.month - 1], pub.year)
    meta.append("title: " + doc["title"])
    meta.append(rng.choice(["date: ", "published: ", "date "]) + date)
    meta.append("url: " + doc["url"])
    meta.append(rng.choice(["outlet: ", "source: "]) + doc["outlet"][0])
    if doc["author"]:
        meta.append("author: " + doc["author"])
    if doc["lang"] != "en" and rng.random() < 0.5:
        meta.append("lang: " + doc["lang"])
    body = [doc["title"]]
    if doc.get("standfirst"):
        body.append(doc["standfirst"])
    items = []
    for kind, p in doc["paragraphs"]:
        if kind == "item":
            items.append(p)
            continue
        if items:
            body.append("\n".join(items))
            items = []
        body.append(p)
    if items:
        body.append("\n".join(items))
    for c in doc["captions"]:
        body.insert(min(len(body), 3), c)
    return "\n".join(meta) + "\n\n" + "\n\n".join(body) + "\n"


SCRIPT_BLOB = (
    "window.__SITE_STATE__ = {\"page\":{\"section\":\"world\",\"subsection\":\"americas\","
    "\"tags\":[\"military\",\"latin-america\",\"drugs\"],\"paywall\":{\"metered\":true,"
    "\"limit\":5}},\"ads\":{\"slots\":[\"top\",\"mpu-1\",\"mpu-2\",\"inline-1\",\"inline-2\"],"
    "\"lazy\":true,\"refresh\":30},\"experiments\":{\"headline_test\":\"b\",\"rec_model\":\"v7\"}};\n"
    "(function(w,d,s,l,i){w[l]=w[l]||[];w[l].push({'gtm.start':new Date().getTime(),event:'gtm.js'});"
    "var f=d.getElementsByTagName(s)[0],j=d.createElement(s),dl=l!='dataLayer'?'&l='+l:'';j.async=true;"
    "j.src='https://www.googletagmanager.com/gtm.js?id='+i+dl;f.parentNode.insertBefore(j,f);})"
    "(window,document,'script','dataLayer','GTM-XXXX');\n")

NAV = ["News", "World", "US", "Politics", "Business", "Opinion", "Tech", "Science", "Health",
       "Sport", "Culture", "Travel", "Video", "Podcasts", "Newsletters"]
RELATED = ["Fourteen killed as US hits four boats in Pacific",
           "US takes boat strikes to the Pacific for the first time",
           "Trump cuts Colombia aid as feud with Petro deepens",
           "Senate rejects bid to limit boat strikes",
           "Caracas questions video of first US strike",
           "What the Fed's next move means for mortgages",
           "Why the Pentagon is sending its biggest carrier to the Caribbean",
           "Government shutdown enters second month", "World Series goes the distance"]


def render_html(rng, doc):
    e = html.escape
    pub = doc["published"]
    outlet = doc["outlet"]
    ts = "%sT%02d:%02d:00-05:00" % (pub.isoformat(), rng.randrange(6, 22), rng.randrange(60))
    layout = rng.randrange(3)
    head = [
        "<!DOCTYPE html>",
        "<html lang=\"%s\">" % doc["lang"],
        "<head>",
        "<meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>%s | %s</title>" % (e(doc["title"]), e(outlet[0])),
        "<meta property=\"og:title\" content=\"%s\">" % e(doc["title"]),
        "<meta property=\"og:site_name\" content=\"%s\">" % e(outlet[0]),
        "<meta property=\"og:url\" content=\"%s\">" % e(doc["url"]),
        "<meta property=\"article:published_time\" content=\"%s\">" % ts,
        "<link rel=\"canonical\" href=\"%s\">" % e(doc["url"]),
        "<link rel=\"stylesheet\" href=\"/static/css/main.%06x.css\">" % rng.randrange(1 << 24),
    ]
    if layout == 2:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": doc["title"],
              "datePublished": ts, "url": doc["url"],
              "publisher": {"@type": "Organization", "name": outlet[0]}}
        if doc["author"]:
            ld["author"] = {"@type": "Person", "name": doc["author"]}
        head.append("<script type=\"application/ld+json\">%s</script>" %
                    json.dumps(ld, ensure_ascii=False))
    head.append("<script>%s</script>" % (SCRIPT_BLOB * rng.choice([1, 2, 3])))
    head.append("</head>")
    body = ["<body class=\"pg pg--story\">",
            "<div id=\"cc-bar\" class=\"cc-bar\" role=\"dialog\"><div class=\"cc-bar__txt\">We use cookies to personalise content and ads and to analyse our traffic. By clicking \"Accept all\" you agree to our use of cookies. <a href=\"/privacy\">Privacy policy</a></div><button class=\"cc-accept\">Accept all</button></div>",
            "<header class=\"top\"><a href=\"/\"><img src=\"/static/img/logo.svg\" alt=\"%s\"></a>" % e(outlet[0]),
            "<nav class=\"top-menu\"><ul>" + "".join(
                "<li class=\"mi\"><a href=\"/%s\">%s</a></li>" % (n.lower(), n) for n in NAV) +
            "</ul></nav></header>",
            "<div class=\"crumbs\"><a href=\"/\">Home</a> &rsaquo; <a href=\"/world\">World</a></div>"]
    art = []
    art.append("<h1>%s</h1>" % e(doc["title"]))
    if doc.get("standfirst"):
        art.append("<p class=\"standfirst\">%s</p>" % e(doc["standfirst"]))
    by = "<span class=\"by\">By %s</span> " % e(doc["author"]) if doc["author"] else ""
    art.append("<div class=\"by-row\">%s<time datetime=\"%s\">%s %d, %d</time></div>" % (
        by, ts, MONTHS[pub.month - 1], pub.day, pub.year))
    art.append("<div class=\"share\"><a href=\"#\">Share on X</a> <a href=\"#\">Facebook</a> <a href=\"#\">Email</a></div>")
    for c in doc["captions"]:
        art.append("<figure><img src=\"https://cdn.%s/img/%d.jpg\" alt=\"\" width=\"800\" height=\"450\"><figcaption>%s</figcaption></figure>" % (
            outlet[1], rng.randrange(10 ** 6), e(c)))
    in_list = False
    for i, (kind, p) in enumerate(doc["paragraphs"]):
        if kind == "item" and not in_list:
            art.append("<ul class=\"tracker\">")
            in_list = True
        elif kind != "item" and in_list:
            art.append("</ul>")
            in_list = False
        art.append(("<li>%s</li>" if kind == "item" else "<p>%s</p>") % e(p))
        if kind != "item" and i in (2, 6) and rng.random() < 0.6:
            art.append("<div class=\"inl-more\">Read more: <a href=\"/news/%d\">%s</a></div>" % (
                rng.randrange(10 ** 6), e(rng.choice(RELATED))))
        if kind != "item" and i == 4 and rng.random() < 0.4:
            art.append("<div class=\"vid-slot\" data-player=\"p\"><div class=\"vid-cap\">WATCH: What we know about the US strikes on boats near Venezuela (2:41)</div></div>")
    if in_list:
        art.append("</ul>")
    nl = ("<div class=\"nl-box\"><div class=\"nl-h\">Get the %s Briefing</div><div class=\"nl-t\">The five stories you need, in your inbox every weekday morning.</div><form action=\"/newsletters\" method=\"post\"><input type=\"email\" name=\"email\"><button type=\"submit\">Sign up</button></form></div>" % e(outlet[0]))
    if layout == 0:
        body.append("<main><article><div itemprop=\"articleBody\">")
        body.extend(art)
        body.append("</div>")
        body.append(nl)
        body.append("</article>")
    elif layout == 1:
        body.append("<div class=\"wrap\"><div class=\"col-main\"><div class=\"txt-blk\">")
        body.extend(art)
        body.append("</div>" + nl + "</div>")
    else:
        body.append("<main role=\"main\"><div class=\"story\">")
        body.extend(art)
        body.append("</div>" + nl)
    rel = rng.sample(RELATED, 5)
    body.append("<aside class=\"rel\"><div class=\"rel-h\">Related Articles</div>" + "".join(
        "<div class=\"rel-i\"><a href=\"/news/%d\">%s</a></div>" % (rng.randrange(10 ** 6), e(r))
        for r in rel) + "</aside>")
    body.append("<div class=\"ad-slot\"><script>window.ads && ads.slot('mpu-1');</script></div>")
    if layout == 1:
        body.append("</div>")
    else:
        body.append("</main>")
    body.append("<footer><a href=\"/about\">About us</a> <a href=\"/contact\">Contact</a> <a href=\"/privacy\">Privacy</a> &copy; %d %s. All rights reserved.</footer>" % (
        pub.year, e(outlet[0])))
    body.append("<script src=\"/static/js/player.min.js\"></script>")
    body.append("</body>\n</html>")
    return "\n".join(head + body) + "\n"


def jsonl_record(rng, doc, ident, as_html):
    pub = doc["published"]
    rec = {"id": ident}
    rec[rng.choice(["url", "url", "link"])] = doc["url"]
    rec[rng.choice(["title", "headline"])] = doc["title"]
    rec[rng.choice(["outlet", "source", "site_name"])] = doc["outlet"][0]
    rec[rng.choice(["published", "date", "published_at"])] = (
        pub.isoformat() if rng.random() < 0.5 else
        "%sT%02d:%02d:00Z" % (pub.isoformat(), rng.randrange(24), rng.randrange(60)))
    if doc["author"]:
        rec["author"] = doc["author"]
    if doc["lang"] != "en":
        rec["lang"] = doc["lang"]
    if as_html:
        rec["html"] = render_html(rng, doc)
    else:
        rec["text"] = article_text(doc)
    return rec


# ---------------------------------------------------------------------------


def write_gold(out, docs):
    """The ledger the corpus should give (docs/EVENTS.md, "Evaluation"):
    every strike some generated report states as its own news or lists, with
    the campaign file beside it, so `vigil eval OUT` scores the resolver at
    scale. Plans, denials and running totals report no strike of their own."""
    strikes = {}
    for doc in docs:
        for s in doc.get("reported", []):
            strikes[s.date] = s
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "examples", "campaigns.ini"), encoding="utf-8") as f:
        campaigns = f.read()
    with open(os.path.join(out, "campaigns.ini"), "w", encoding="utf-8") as f:
        f.write(campaigns)
    gold = {
        "gold_version": 1,
        "about": "Generated by bench/gen_corpus.py: the campaign's strikes that the corpus reports.",
        "campaigns_file": "campaigns.ini",
        "campaign": "us-boat-strikes",
        "events": [{"date": s.date.isoformat(),
                    "place": "sea:eastern-pacific" if s.sea == "pacific" else "sea:caribbean",
                    "killed": s.killed, "strikes": s.strikes}
                   for _, s in sorted(strikes.items())],
    }
    with open(os.path.join(out, "ledger.gold.json"), "w", encoding="utf-8") as f:
        json.dump(gold, f, indent=1)
        f.write("\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, required=True, help="number of documents")
    ap.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    ap.add_argument("--out", required=True, help="directory to write (created; must be empty)")
    ap.add_argument("--text-jsonl", help="also write every document's article text here")
    ap.add_argument("--jsonl-batch", type=int, default=250, help="documents per .jsonl file")
    args = ap.parse_args()
    if args.docs < 1:
        ap.error("--docs must be at least 1")
    if os.path.isdir(args.out) and os.listdir(args.out):
        ap.error("%s is not empty" % args.out)

    rng = random.Random(args.seed)
    campaign = build_campaign(random.Random(args.seed * 7919 + 1))
    weights = [w for w, _ in KINDS]
    builders = [b for _, b in KINDS]

    docs = []
    originals = []
    for i in range(args.docs):
        if originals and rng.random() < 0.30:
            # Wires are copied most; recent stories more than old ones.
            wire = [d for d in originals[-200:] if d["outlet"][2]]
            src = rng.choice(wire) if wire and rng.random() < 0.7 else rng.choice(originals[-400:])
            doc = copy_doc(rng, src, i)
        else:
            if rng.random() < 0.05:
                outlet = rng.choice(ES_OUTLETS)
                doc = spanish_story(rng, campaign, outlet)
            else:
                outlet = rng.choice(WIRES) if rng.random() < 0.4 else rng.choice(EN_OUTLETS)
                doc = rng.choices(builders, weights)[0](rng, campaign, outlet)
            doc["copy"] = ""
            place_doc(rng, doc, outlet, i)
            originals.append(doc)
        r = rng.random()
        doc["format"] = "txt" if r < 0.55 else ("html" if r < 0.80 else "jsonl")
        docs.append(doc)

    os.makedirs(args.out, exist_ok=True)
    stats = {"docs": args.docs, "seed": args.seed, "files": 0, "disk_bytes": 0, "text_bytes": 0,
             "by_format": {"txt": 0, "html": 0, "jsonl": 0}, "by_kind": {},
             "copies_verbatim": 0, "copies_edited": 0, "spanish": 0}
    text_out = open(args.text_jsonl, "w", encoding="utf-8") if args.text_jsonl else None
    batch = []
    batch_no = 0

    def flush_batch():
        nonlocal batch, batch_no
        if not batch:
            return
        path = os.path.join(args.out, "jsonl", "batch-%05d.jsonl" % batch_no)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in batch).encode("utf-8")
        with open(path, "wb") as f:
            f.write(data)
        stats["files"] += 1
        stats["disk_bytes"] += len(data)
        batch = []
        batch_no += 1

    for i, doc in enumerate(docs):
        text = article_text(doc)
        stats["text_bytes"] += len(text.encode("utf-8"))
        stats["by_format"][doc["format"]] += 1
        stats["by_kind"][doc["kind"]] = stats["by_kind"].get(doc["kind"], 0) + 1
        if doc["copy"]:
            stats["copies_" + doc["copy"]] += 1
        if doc["lang"] == "es":
            stats["spanish"] += 1
        ident = "doc-%06d" % i
        if doc["format"] == "jsonl":
            batch.append(jsonl_record(rng, doc, ident, as_html=rng.random() < 0.1))
            if len(batch) >= args.jsonl_batch:
                flush_batch()
        else:
            content = render_txt(rng, doc) if doc["format"] == "txt" else render_html(rng, doc)
            data = content.encode("utf-8")
            path = os.path.join(args.out, doc["format"], "%03d" % (i // 1000),
                                "%s-%s.%s" % (ident, slug(doc["title"])[:40], doc["format"]))
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as f:
                f.write(data)
            stats["files"] += 1
            stats["disk_bytes"] += len(data)
        if text_out:
            text_out.write(json.dumps({
                "id": ident, "url": doc["url"], "title": doc["title"],
                "outlet": doc["outlet"][0], "published": doc["published"].isoformat(),
                "lang": doc["lang"], "text": text}, ensure_ascii=False) + "\n")
    flush_batch()
    if text_out:
        text_out.close()
    write_gold(args.out, docs)
    json.dump(stats, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
