"""Event dyads (source and target) on real sentences of the 2019 wikinews dev articles
(../shared/gold/dev): one test per argument rule of ``whimbrel.annotate.events.coder`` and per
actor-layer fix the event arguments need. Each test names the dev article its text is from."""

from __future__ import annotations

from whimbrel.annotate.events import coder


def _of(events, plover):
    hits = [e for e in events if e.plover == plover]
    assert hits, [(e.plover, e.evidence.text) for e in events]
    return hits


def _code(arg):
    return arg.code if arg is not None else None


def test_the_subject_of_sanctions_is_their_target(code):
    # wikinews-2019-015: "X has been the subject of Y sanctions" (PATIENT_HOLDERS); sanctions are SANCTION
    evs = code("Germany on Monday banned Iranian airline Mahan Air from flying in the European nation, "
               "with officials saying this is for security reasons. Mahan has been the subject of United "
               "States sanctions since 2011.", "2019-01-23")
    e = [x for x in _of(evs, "SANCTION") if "sanctions" in x.evidence.text][0]
    assert _code(e.source) == "USA GOV"
    assert _code(e.target) == "IRN BUS"


def test_the_holder_of_a_suspended_permit_is_the_target(code):
    # wikinews-2019-015: lexicon row suspend + obj:permit, target poss|dobj
    evs = code("Germany on Monday banned Iranian airline Mahan Air from flying in the European nation. "
               "The Federal Aviation Office of Germany has suspended Mahan's permit, German officials said.",
               "2019-01-23")
    e = [x for x in _of(evs, "COERCE") if "suspended" in x.evidence.text][0]
    assert _code(e.source) == "DEU GOV"
    assert _code(e.target) == "IRN BUS"


def test_a_pronoun_for_the_source_is_no_recipient(code):
    # wikinews-2019-122: "denied that he made": he is Trump (_same_actor)
    evs = code("Trump said that he did indicate to the Ukrainians that the aid was contingent on their "
               "addressing corruption but denied that he made any specific deal about the Bidens.", "2019-09-30")
    e = _of(evs, "REJECT")[0]
    assert _code(e.source) == "USA GOV"
    assert e.target is None


def test_no_fallback_recipient_from_a_coordinated_clause(code):
    # wikinews-2019-120: the UN report is the subject of another clause (_in_coordinate_clause)
    evs = code("Saudi Arabia initially denied all claims that Khashoggi was slain, however, a UN report "
               "eventually concluded evidence supported his murder and dismemberment inside the consulate "
               "by Saudi agents.", "2019-09-29")
    e = _of(evs, "REJECT")[0]
    assert _code(e.source) == "SAU GOV"
    assert _code(e.target) is None


def test_a_relative_clause_with_its_own_subject_is_an_act_of_its_own(code):
    # wikinews-2019-069: "signed" is no content of "met" (it keeps its own parties)
    evs = code("Leaders of African Union (AU) member states met in Niamey, Niger's capital, for an AU summit "
               "where on Sunday Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin signed the "
               "African Continental Free Trade Area (AfCFTA) agreement.", "2019-07-08")
    meet = _of(evs, "CONSULT")[0]
    assert _code(meet.source) == "IGO" and meet.target is None
    signers = sorted(_code(e.source) for e in _of(evs, "SUPPORT"))
    assert signers == ["BEN GOV", "NGA GOV"]


def test_a_group_acts_through_the_member_it_names(code):
    # wikinews-2019-088: "his critics, which include … Greenpeace" (_named_member); the
    # coordinated clause is no report of Bolsonaro's (_reporting_subject)
    evs = code("Bolsonaro has said publicly the Amazon rainforest should be opened up to agriculture, amongst "
               "other economic uses, and his critics, which include non-governmental environmental activism "
               "group Greenpeace, blame him for encouraging farmers and agrobusiness to set fires.", "2019-08-24")
    e = _of(evs, "ACCUSE")[0]
    assert e.source.text.endswith("Greenpeace") and _code(e.source) == "--- NGO"
    assert _code(e.target) == "BRA GOV"


def test_a_territory_moved_into_is_no_recipient(code):
    # wikinews-2019-143: MOVEMENT_TYPES and event_arg_words.tsv "place"
    evs = code("According to Syrian state media, government forces began deploying into previously SDF "
               "controlled territory yesterday.", "2019-10-15")
    e = _of(evs, "MOBILIZE")[0]
    assert _code(e.source) == "SYR MIL"
    assert e.target is None


def test_the_from_phrase_of_a_withdrawal_is_the_place_left(parse):
    # wikinews_2019.csv row 115 (Brexit): "the withdrawal of the United Kingdom from the European
    # Union" — for a movement noun, "from" names where, not who (_nominal_source)
    art, doc = parse("He is widely suspected of asking for prorogation to prevent legislative interference in "
                     "his efforts to complete the withdrawal of the United Kingdom from the European Union (EU), "
                     "known as Brexit for British exit.")
    tok = next(t for t in doc if t.lower_ == "withdrawal")
    assert coder._nominal_source(tok) is not None and coder._nominal_source(tok).text == "Union"
    src = coder._nominal_source(tok, movement=True)
    assert src is None or src.text != "Union"


def test_a_one_letter_spelling_variant_names_the_same_person(code):
    # wikinews-2019-106: "Saree" after "Yahya Sarea" (actors: _variant_surname)
    evs = code("Speaking on al-Masirah TV in Yemen, Houthi military spokesperson Yahya Sarea said it had "
               "carried out the attack using ten drones. \"These attacks are our right, and we warn the Saudis "
               "that our targets will keep expanding\", Saree said.", "2019-09-15")
    e = _of(evs, "THREATEN")[0]
    assert _code(e.source) == "YEM REB"
    assert _code(e.target) == "SAU GOV"


def test_a_title_in_a_past_who_was_clause_makes_a_former_official(code):
    # wikinews-2019-133: actors read "who was <title>" as an apposition, past tense → CVL
    evs = code("Brett McGurk, who was Trump's Special Presidential Envoy to the international military "
               "intervention against ISIL until December, also criticized the decision via Twitter.",
               "2019-10-08")
    e = _of(evs, "ACCUSE")[0]
    assert _code(e.source) == "USA CVL"


def test_protest_without_protesters_is_by_the_civilians_named(code):
    # wikinews-2019-064: the parser makes "helmets" the subject; the protesters are named before
    # the trigger (_default_protester), and "last week's protests" continue them
    evs = code("On Friday, thousands of Hong Kong protesters wearing black clothes, face masks, and helmets "
               "gathered around Hong Kong's principal police complex, blocking the exits as they chanted "
               "slogans and threw eggs. This comes after weeks of protests against a proposed change to Hong "
               "Kong's extradition law that would allow the Chinese government to remove people who had been "
               "accused of crimes from Hong Kong to the mainland. The bill was suspended after last week's "
               "protests, one of which drew two million people.", "2019-06-23")
    protests = sorted(_of(evs, "PROTEST"), key=lambda e: e.evidence.start)
    first, later = protests[0], protests[-1]
    assert "last week's protests" in later.evidence.text
    assert _code(first.source) == "HKG CVL"
    assert first.target is None or _code(first.target).startswith("HKG")
    assert _code(later.source) == "HKG CVL"
    concede = _of(evs, "CONCEDE")[0]  # yields to the protest of its sentence (_concession_parties)
    assert (_code(concede.source), _code(concede.target)) == ("HKG GOV", "HKG CVL")


def test_aid_recipient_in_the_objects_relative_clause(code):
    # wikinews-2019-122: "delay … aid that had been slated for Ukraine" (prep target under dobj)
    evs = code("Shortly before the conversation, Trump had ordered his staff to delay around US$400 million "
               "in military aid that had been slated for Ukraine, which is currently in a military conflict "
               "with Russia.", "2019-09-30")
    e = _of(evs, "SANCTION")[0]
    assert _code(e.source) == "USA GOV"
    assert _code(e.target) == "UKR GOV"


def test_an_act_naming_no_recipient_continues_the_sources_last_one(code):
    # wikinews-2019-006: Schiff and Durbin questioned the President's power, then each speaks again
    evs = code("United States President Donald Trump said on Friday he can and may declare a national state "
               "of emergency. Senate Minority Whip Dick Durbin and incoming chair of the House Intelligence Committee "
               "Represenative Adam Schiff both yesterday questioned the President's power to do as he proposed. "
               "Schiff called it \"a non-starter\".", "2019-01-07")
    e = [x for x in _of(evs, "ACCUSE") if x.evidence.text.startswith("Schiff called")][0]
    assert _code(e.source) == "USA LEG"
    assert _code(e.target) == "USA GOV"


def test_demands_of_protesters_are_theirs_and_made_of_their_government(code):
    # wikinews-2019-096: "the demands of the protesters" (AGENTIVE_OF_TYPES); no addressee, so
    # their government (DEFAULT_TARGET_SOURCE_ROLES); the withdrawal yields to them
    evs = code("On Wednesday, Carrie Lam, the chief executive of Hong Kong, announced that her government will "
               "officially withdraw a proposed bill that would have allowed China to extradite accused criminals "
               "from Hong Kong to be tried under the mainland's criminal justice system. This was one of the "
               "five demands of the protesters, sometimes numbering in the millions, who have filled downtown "
               "streets since early this June.", "2019-09-06")
    req = _of(evs, "REQUEST")[0]
    assert (_code(req.source), _code(req.target)) == ("HKG CVL", "HKG GOV")
    concede = _of(evs, "CONCEDE")[0]
    assert (_code(concede.source), _code(concede.target)) == ("HKG GOV", "HKG CVL")


def test_a_stated_nationality_sets_the_persons_country(code):
    # wikinews-2019-120: "Hatice Cengiz is a Turkish national" (actors: _stated_nationality)
    evs = code("On Thursday, Hatice Cengiz, fiancée of journalist Jamal Khashoggi, addressed reporters in New "
               "York, New York, calling for the killers of Khashoggi to be brought to justice. Hatice Cengiz is "
               "a Turkish national now living in London. Cengiz called Mohammad's admission a \"political "
               "maneuver.\"", "2019-09-29")
    e = [x for x in _of(evs, "ACCUSE") if x.evidence.text.startswith("Cengiz")][0]
    assert _code(e.source) == "TUR CVL"


def test_concession_is_not_taken_to_a_later_demand_outside_its_paragraph():
    # _concession_parties on records: a demand after the concession counts only in its paragraph
    from whimbrel.model import Event, EventArgument, Sentence, Span

    def ev(plover, start, src, tgt):
        arg = lambda c: EventArgument(start=0, end=1, text="x", name=c, code=c) if c else None  # noqa: E731
        return Event(plover=plover, evidence=Span(start, start + 5, "words"), sentence=Sentence(start, start + 10),
                     source=arg(src), target=arg(tgt))

    concede = ev("CONCEDE", 10, "USA GOV", None)
    demand = ev("REQUEST", 500, "TUR GOV", "USA GOV")
    same_para = coder._concession_parties([concede, demand], ((0, 1000),))
    assert _code(same_para[0].target) == "TUR GOV"
    other_para = coder._concession_parties([concede, demand], ((0, 100), (100, 1000)))
    assert other_para[0].target is None


def test_the_opponent_against_whom_the_clause_acts_is_the_target(code):
    # wikinews-2019-106: "supporting … against the Houthi rebellion, providing airstrikes" (_against_object)
    evs = code("In 2015, Saudi Arabia started supporting the government of Abdrabbuh Mansur Hadi against the "
               "Houthi rebellion, providing airstrikes with the Royal Saudi Air Force.", "2019-09-15")
    e = _of(evs, "ASSAULT")[0]
    assert _code(e.source).startswith("SAU")
    assert _code(e.target) == "YEM REB"


def test_the_reporter_of_an_attack_is_not_its_source(code):
    # wikinews-2019-016: the subject of "reported" governs the attack noun (_nominal_source material)
    evs = code("Reuters reported Monday's attack the deadliest since an assault in Ghazni in August 2018, "
               "with officials reporting at the time 150 security forces, 95 civilians, and hundreds of Taliban "
               "killed.", "2019-01-24")
    assert all(_code(e.source) != "GBR MED" for e in _of(evs, "ASSAULT"))


def test_the_announcer_of_restrictions_imposes_them(code):
    # wikinews-2019-151: "announce" performs the act it names (no "reporter" word)
    evs = code("On Friday, the United States Department of Transportation announced new restrictions on "
               "flights to Cuba.", "2019-10-27")
    e = _of(evs, "COERCE")[0]
    assert _code(e.source) == "USA GOV"
    assert _code(e.target) == "CUB GOV"


def test_a_threat_is_addressed_to_the_partner_of_the_threatened_act(code):
    # PLOVER gold-standard record (shared/data plover_gold_cameo_examples, CAMEO manual example):
    # INTENT_PARTNER_TYPES extends the intended act's partner to threats and refusals
    evs = code("The Azerbaijani parliament threatened on Monday to break relations with Russia unless the "
               "Kremlin closed its radar base in the republic.", "1993-01-18")
    e = _of(evs, "THREATEN")[0]
    assert _code(e.source) == "AZE LEG"
    assert _code(e.target) == "RUS GOV"


def test_what_is_demanded_is_not_who_is_asked(code):
    # wikinews-2019-133 and -122: actors inside the for-object (_demanded_thing, _owner_of_thing)
    # and the holder of a place (_controller_of_place) are no addressees
    evs = code("The Turkish statement called for the safe zone for refugees to be set up East of the Euphrates "
               "River, which is territory controlled by the SDF.", "2019-10-08")
    e = _of(evs, "REQUEST")[0]
    assert _code(e.source) == "TUR GOV"
    assert _code(e.target) is None
    evs = code("It also called for records relating to the Trump administration's temporary withholding of "
               "security aid to Ukraine, as well as files relating to attempts by Rudy Giuliani to encourage "
               "investigations into Democratic challenger former Vice President Joe Biden.", "2019-09-30")
    assert _code(_of(evs, "REQUEST")[0].target) is None


def test_the_owner_of_a_demanded_act_is_asked(code):
    # wikinews-2019-088: "called for G7 action" — the G7 is asked to act
    evs = code("On Thursday, French President Emmanuel Macron called for G7 action to correct what he named the "
               "international crisis of wildfires currently destroying Amazon rainforest in and around Brazil.",
               "2019-08-24")
    e = _of(evs, "REQUEST")[0]
    assert _code(e.source) == "FRA GOV"
    assert _code(e.target) == "IGO"


def test_an_occupied_place_stands_for_its_owner(code):
    # wikinews-2019-045: "the territory, which belonged to Syria" (_owner_of_place)
    evs = code("This proclamation contradicted the United Nations' official position on status of the territory, "
               "which belonged to Syria and was occupied by Israel.", "2019-03-31")
    e = _of(evs, "COERCE")[0]
    assert _code(e.source) == "ISR GOV"
    assert _code(e.target) == "SYR GOV"


def test_a_promise_of_aid_is_made_to_its_recipient_not_to_the_aid(code):
    # PLOVER gold-standard record (CAMEO manual example): the object "military aid" is a thing,
    # its to-object the partner (_intent_partner)
    evs = code("British Defence Secretary Tom King has promised to continue military aid to war-torn Mozambique.",
               "1990-03-01")
    e = _of(evs, "AGREE")[0]
    assert _code(e.source) == "GBR GOV"
    assert _code(e.target) == "MOZ GOV"


def test_a_named_protest_target_is_kept_over_the_default_government(code):
    # wikinews_2019.csv row 67: "protesting against white supremacists" names its target, so
    # the default recipient (the protesters' government) does not replace it
    evs = code("On Friday, United States Federal District Judge Michael Urbanski sentenced Ohio man James Alex "
               "Fields, now 22, to life in prison without the possibility of parole for driving his car into a "
               "crowd of people who were counter-protesting against white supremacists attending the August 2017 "
               "Unite the Right rally in Charlottesville, Virginia. The Unite the Right rally drew national "
               "attention within the United States partly because President Donald Trump claimed there were "
               "\"fine people on both sides,\"", "2019-07-01")
    e = _of(evs, "PROTEST")[0]
    assert e.target is not None and "supremacists" in e.target.text


def test_a_subpoena_is_addressed_to_whom_the_documents_are_demanded_from(code):
    # wikinews-2019-122: "a subpoena for documents from Secretary of State Mike Pompeo" (_owner_of_thing)
    evs = code("Friday, the United States House of Representatives issued a subpoena for documents from "
               "Secretary of State Mike Pompeo as part of its impeachment investigation into alleged misconduct "
               "by sitting President Donald Trump.", "2019-09-30")
    e = _of(evs, "REQUEST")[0]
    assert _code(e.source) == "USA LEG"
    assert e.target is not None and "Pompeo" in e.target.text


def test_cities_flown_to_are_no_partner(code):
    # wikinews-2019-151: a place noun is no recipient of a cooperative act (PLACE_IS_NO_RECIPIENT)
    evs = code("American Airlines and JetBlue are among the airlines affected, as they both offer flights to "
               "Cuban cities other than Havana.", "2019-10-27")
    assert all(e.target is None for e in _of(evs, "AGREE"))


def test_a_relative_clause_above_a_trigger_does_not_free_it(code):
    # wikinews-2019-064: only the trigger's own relative clause is an act of its own; the
    # "allegations" inside "which the BBC describes as 'marred by …'" stay no event
    evs = code("The bill in question would allow people living in or visiting Hong Kong, including fugitives, to "
               "be removed to mainland China and subjected to its legal system, which the BBC describes as "
               "\"marred by allegations of torture, forced confessions and arbitrary detentions.\"", "2019-06-23")
    assert not [e for e in evs if e.plover == "ACCUSE"]


def test_an_attack_hits_whom_its_clause_killed(code):
    # PLOVER gold-standard record (CAMEO manual example): "killed 46 Afghan civilians in an
    # attack on a village" — the victims of the clause are the attack's target (_victims_of_frame)
    evs = code("Russian aircraft including helicopter gunships killed 46 Afghan civilians in an attack on a "
               "village in the western province of Herat.", "1986-05-01")
    e = _of(evs, "ASSAULT")[0]
    assert _code(e.source).startswith("RUS")
    assert _code(e.target) == "AFG CVL"


def test_what_an_attack_noun_struck_is_its_target(code):
    # wikinews-2019-019: the bombings are the subject of a verb of harm (_victims_of_frame)
    evs = code("Twin bombings yesterday struck the Jolo Cathedral in Mindanao, Philippines.", "2019-01-28")
    e = _of(evs, "ASSAULT")[0]
    assert _code(e.target) == "PHL REL"


def test_a_mobilization_for_a_war_against_someone_targets_them(code):
    # PLOVER gold-standard record (CAMEO manual example): the "against" phrase sits in the
    # purpose of the act (_against_object)
    evs = code("Britain mobilized army reservists for a possible war against Iraq on Tuesday while UN arms "
               "inspectors said they needed more time.", "2003-01-07")
    e = _of(evs, "MOBILIZE")[0]
    assert _code(e.source) == "GBR GOV"
    assert _code(e.target) == "IRQ GOV"


def test_coordinated_requesters_continue_the_first_ones_request(code):
    # wikinews-2019-137: "he" (Adderley) asked the US Embassy before; the embassy declines the
    # request of the first requester (_continued_recipient over coordinated sources, _anaphor_author)
    evs = code("Northamptonshire's chief constable Nick Adderley wrote to the US Embassy in London asking to waive "
               "her diplomatic immunity. Both he and the county's Police and Crime Commissioner Stephen Mold, urged "
               "the immunity be waived. The embassy declined the request and said the Socoolas family left per "
               "advice from the United States Department of State.", "2019-10-10")
    urged = [e for e in _of(evs, "REQUEST") if e.evidence.text.startswith("Both he")]
    assert urged and all(_code(e.target) == "USA GOV" for e in urged)
    e = _of(evs, "REJECT")[0]
    assert _code(e.source) == "USA GOV"
    assert _code(e.target) == "GBR COP"
