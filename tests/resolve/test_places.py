"""resolve.places, with the modules it leans on: country_focus (the report's country) and place_roles."""

from dataclasses import replace
from datetime import date

from analysis_factory import make_analysis
from warlog.knowledge.gazetteer import distance_km
from warlog.pipeline import Pipeline
from warlog.records import EventMention, Place, PlaceMention, Report
from warlog.resolve.country_focus import report_country
from warlog.resolve.place_roles import place_role
from warlog.resolve.places import resolve_event_place
from warlog.toponyms import annotate

ABU_KAMAL = (34.45226, 40.91854)


def event_place(text, trigger, event_type="Battles", sub_event_type="Armed clash"):
    analysis = make_analysis(text)
    annotate(analysis)
    start = text.index(trigger)
    sentence = analysis.sentence_at(start)
    mention = EventMention(sentence, start, start + len(trigger), trigger, event_type, sub_event_type, 0.9)
    return resolve_event_place(analysis, mention), analysis


def test_the_town_where_it_happened_not_every_place_in_the_sentence():
    location, _ = event_place(
        "Gunmen from Deir ez-Zor clashed with IS fighters in al-Bukamal, 6 km from the Iraqi border.", "clashed"
    )
    assert location.name == "Albu Kamal"  # GeoNames' "Ālbū Kamāl" in plain letters, as ACLED writes names
    assert distance_km(location.place.lat, location.place.lon, *ABU_KAMAL) < 15
    assert location.geo_precision == 1
    assert (location.place.admin1, location.place.country) == ("Deir ez-Zor", "Syria")
    assert location.evidence.field == "location" and location.evidence.text == "al-Bukamal"


def test_near_a_town_is_precision_two_and_its_outskirts_precision_one():
    near, _ = event_place("Shelling was reported near Hajin on Monday.", "Shelling")
    outskirts, _ = event_place("Shelling was reported on the outskirts of Hajin on Monday.", "Shelling")
    assert (near.geo_precision, outskirts.geo_precision) == (2, 1)


def test_a_demonyms_capital_is_the_countrys_capital_city():
    location, analysis = event_place("At least 19 people were killed near the Syrian capital on Tuesday.", "killed")
    assert location.name == "Damascus" and location.geo_precision == 2
    assert [p.text for p in analysis.places] == ["Syrian"]  # the toponym stays the demonym


def test_only_a_region_named_is_precision_three_at_its_capital():
    location, _ = event_place("Airstrikes hit Idlib province on Monday.", "Airstrikes")
    assert location.geo_precision == 3
    assert location.place.kind == "city" and location.place.admin1 == "Idlib"


def test_a_sentence_without_a_place_inherits_the_last_one_named():
    location, analysis = event_place(
        "Cracks in IS rule in al-Bukamal deepened last week. On Wednesday, four IS members were killed.", "killed"
    )
    assert location.name == "Albu Kamal"  # GeoNames' "Ālbū Kamāl" in plain letters, as ACLED writes names
    assert location.evidence.sentence_start == analysis.sentences[0].start
    assert location.confidence < 1.0


def test_a_place_naming_an_organisation_is_not_the_event_place():
    location, _ = event_place("Gainesville Police arrested a man in Atlanta.", "arrested")
    assert location.name == "Atlanta"


def test_no_place_at_all():
    location, analysis = event_place("Gunmen killed two men on Monday.", "killed")
    assert location.place is None and location.geo_precision is None
    assert report_country(analysis) is None


def test_report_country_prefers_places_to_demonyms():
    _, analysis = event_place("Syrian troops shelled villages near Marib and Sanaa.", "shelled")
    assert report_country(analysis).country_code == "YE"


def test_report_country_counts_the_groups_said_of_one_country():
    _, analysis = event_place("Taliban militants killed 2 policemen in the Saleem Khil area.", "killed")
    assert report_country(analysis).country_code == "AF"


def test_the_event_place_lies_in_the_reports_country():
    # Al Hishah is also a village in Syria; the LNA and GNA fight in Libya, and Misrata holds it.
    location, _ = event_place(
        "LNA air force targeted GNA positions and alleged Syrian mercenaries in Al Hishah (Misrata).", "targeted"
    )
    assert location.place.country_code == "LY"


def test_the_holder_named_first_is_not_the_event_place():
    location, _ = event_place("IS arrested its police chief in the eastern Deir e-Zor town of al-Bukamal.", "arrested")
    assert distance_km(location.place.lat, location.place.lon, *ABU_KAMAL) < 15


def test_report_country_falls_back_on_the_source_named_for_a_country():
    analysis = make_analysis("Gunmen killed two men on Monday.")
    analysis.report = replace(analysis.report, source="Star (Kenya)")
    annotate(analysis)
    assert report_country(analysis).country_code == "KE"


def test_the_text_outweighs_the_sources_country():
    analysis = make_analysis("Gunmen killed two men in Mogadishu on Monday.", [("Mogadishu", "GPE")])
    analysis.report = replace(analysis.report, source="Daily Nation (Kenya)")
    annotate(analysis)
    assert report_country(analysis).country_code == "SO"


def test_report_country_falls_back_on_towns_the_entities_are_named_for():
    # The small model often tags a local name ORG: too weak for the event's place, enough for its country.
    analysis = make_analysis("Kapsabet University students protested over fees.", [("Kapsabet University", "ORG")])
    annotate(analysis)
    assert report_country(analysis).country_code == "KE"


def test_an_arabic_names_article_names_no_town():
    # "al Qaeda" once gave Belgium, for a town called Al.
    analysis = make_analysis("Air force strikes city to try to oust al Qaeda", [("al Qaeda", "ORG")])
    annotate(analysis)
    assert report_country(analysis) is None


def test_a_small_town_abroad_nothing_supports_yields_to_the_country_the_report_names():
    # Sri Lanka has a Matale; nothing else in the report points there.
    location, analysis = event_place("Police dispersed protesters in Matare, in western Kenya.", "dispersed")
    assert location.place.country_code == "KE"
    assert report_country(analysis).country_code == "KE"


def test_where_people_came_from_is_not_where_the_event_happened():
    location, analysis = event_place("Bandits from Ethiopia killed two herders in Marsabit.", "killed")
    assert location.name == "Marsabit"
    # A list after "from" comes from each of its countries.
    location, _ = event_place(
        "Clashes broke out in Marsabit on Monday. Fighters from Sudan and Chad were killed.", "killed"
    )
    assert location.name == "Marsabit"
    _, analysis = event_place("Ethiopian raiders shot two Kenyan police officers.", "shot")
    assert report_country(analysis).country_code == "KE"
    _, analysis = event_place("Ethiopian raiders shoot two civilians in Kenyan village raid", "shoot")
    assert report_country(analysis).country_code == "KE"


def test_a_country_whose_arms_strike_is_not_where_they_strike():
    # "Russian warplanes" say who struck; the Syrian town is where
    location, analysis = event_place("Russian warplanes struck the market in Huraytan on Tuesday.", "struck")
    assert location.place is not None and location.place.country_code == "SY"
    # only a demonym right before its arms names a state that strikes: "in Iraq with drones" is where
    _, analysis = event_place("US strikes IS targets in Iraq with drones and jets", "strikes")
    assert report_country(analysis).country_code == "IQ"
    # nor is a country named after a locative: "in northern Iraq air strikes" is where they struck
    _, analysis = event_place("Turkish army says 34 militants killed in northern Iraq air strikes", "killed")
    assert report_country(analysis).country_code == "IQ"


def test_a_country_named_only_as_a_side_is_not_the_reports_country():
    # The striking state's arms, a speaking capital: the town struck is unknown, so is its country.
    for text, trigger in [
        ("Russian aircrafts shell Tal Jebin with rockets.", "shell"),
        ("Turkish warplanes target Kurdish militants, at least 27 killed", "target"),
        ("Destruction in the public market as a result of the Russian attacks", "attacks"),
        ("A series of raids of Russian aggression on the city", "raids"),
    ]:
        location, analysis = event_place(text, trigger)
        assert report_country(analysis) is None and location.place is None, text
    # beside a country something else points to, it stands aside
    _, analysis = event_place("Russian aircrafts shell Tal Jebin in Aleppo province.", "shell")
    assert report_country(analysis).country_code == "SY"


def test_an_event_known_only_by_its_country_is_pinned_at_the_capital_and_named_for_the_country():
    location, _ = event_place("Youths rioted after the vote, Kenyan police said.", "rioted")
    assert (location.name, location.geo_precision, location.place.name) == ("Kenya", 3, "Nairobi")


def test_a_place_opening_a_name_abroad_is_no_event_place():
    # Orange, California opens the name of a Kenyan party.
    location, _ = event_place("Orange Democratic Movement (ODM) supporters fought the police.", "fought")
    assert location.place is None or location.place.country_code == "KE"


def test_candidates_without_the_sides_still_code_the_whole_reports_country():
    text = "Benin authorities fired tear gas at protesting traders on Monday."
    location, analysis = event_place(text, "fired")
    assert location.place.country_code == "BJ"
    start = text.index("fired")
    mention = EventMention(analysis.sentence_at(start), start, start + 5, "fired", "Protests", "Protest", 0.9)
    # The caller dropped "Benin" from the candidates: it names a side, not a place.
    assert resolve_event_place(analysis, mention, candidates=[], country_places=[]).place is None
    location = resolve_event_place(analysis, mention, candidates=[])
    assert (location.place.country_code, location.geo_precision) == ("BJ", 3)


def test_an_acronym_names_an_organisation_not_the_towns_sharing_its_letters():
    analysis = make_analysis("UN staff protest the hire of a new director.", [("UN", "ORG")])
    annotate(analysis)
    assert report_country(analysis) is None


def protest_place(text, trigger):
    return event_place(text, trigger, "Protests", "Peaceful protest")


def test_what_a_protest_condemns_or_supports_is_not_where_it_was_held():
    location, analysis = protest_place(
        "Students staged a rally in Chittagong, condemning the aggression on Gaza and expressing solidarity with "
        "Palestine.",
        "rally",
    )
    assert location.place.country_code == "BD"
    assert report_country(analysis).country_code == "BD"


def test_a_demonstrations_grievance_yields_to_its_setting():
    location, _ = protest_place("Somali residents of Nairobi held a protest against the Mogadishu bombing.", "protest")
    assert location.name == "Nairobi"


def test_a_grievance_word_places_a_violent_event_but_not_a_protest():
    text = "Residents protested over the attack on Mandera."
    analysis = make_analysis(text)
    annotate(analysis)
    mandera = next(p for p in analysis.places if p.text == "Mandera")
    assert place_role(mandera, text, demonstration=True) == "topic"
    assert place_role(mandera, text, demonstration=False) is None


def test_a_protest_against_someone_in_a_town_is_in_that_town():
    text = "Traders staged a protest against the police in Kisumu."
    analysis = make_analysis(text)
    annotate(analysis)
    kisumu = next(p for p in analysis.places if p.text == "Kisumu")
    assert place_role(kisumu, text, demonstration=True) is None


def test_where_a_bus_was_bound_for_is_not_where_it_was_bombed():
    # Kampala, named twice, would otherwise make Uganda the report's country.
    location, analysis = event_place(
        "A bomb exploded on a bus in Nairobi before it left for Kampala, killing three. "
        "The bus belonged to a Kampala company.",
        "exploded",
    )
    assert location.name == "Nairobi"
    assert report_country(analysis).country_code == "KE"


def test_where_a_speaker_spoke_is_never_where_the_event_happened():
    location, _ = event_place(
        "Shelling hit Douma near Damascus on Monday. An opposition leader said in Turkey the shelling killed 30.",
        "shelling killed",
    )
    assert location.name == "Damascus"  # the place told last, as for a sentence naming none


def test_a_day_after_a_town_opens_no_name():
    location, _ = event_place("A bomb exploded on a bus in central Nairobi Monday.", "exploded")
    assert (location.name, location.geo_precision) == ("Nairobi", 1)


def test_a_roads_end_towns_yield_to_any_other_place_of_the_sentence():
    location, _ = protest_place("Workers staged a protest at Dhaka-Mymensingh highway, Gazipur city.", "protest")
    assert location.name == "Gazipur"
    alone, _ = protest_place("Rioters blocked the Nairobi-Mombasa highway.", "blocked")
    assert alone.place is not None and alone.place.country_code == "KE"  # a road's end is better than nothing


def test_a_name_after_a_title_is_a_persons():
    # Ruto is also a hamlet in Indonesia.
    titled = make_analysis("Protesters asked Deputy President Ruto to resign.", [("Ruto", "GPE")])
    annotate(titled)
    assert report_country(titled) is None
    untitled = make_analysis("Protesters marched to Ruto.", [("Ruto", "GPE")])
    annotate(untitled)
    assert report_country(untitled) is not None


def test_a_hamlet_known_by_the_name_only_as_another_name_tells_no_country():
    # A Ukrainian village, Kybaky, is also written Kibaki.
    analysis = make_analysis("Kibaki supporters marched.", [("Kibaki", "GPE")])
    annotate(analysis)
    assert report_country(analysis) is None


def test_a_town_named_with_its_division_or_settlement_word_is_a_place_not_an_organisation():
    # Somalia, named as where the attackers fled, would otherwise take the event.
    location, _ = event_place(
        "Gunmen killed a worker in Mandera County before fleeing across the border into Somalia.", "killed"
    )
    assert location.place.country_code == "KE"
    town, _ = event_place("Gunmen killed a trader in Mandera Town on Monday.", "killed")
    assert (town.name, town.geo_precision) == ("Mandera", 1)


def test_a_name_the_gazetteer_lacks_passes_its_locative_to_the_first_place_locating_it():
    # Shwe Hlan is in no gazetteer; Pakokku, its district's town, stands nearer the trigger.
    location, _ = event_place(
        "On 11 December 2021, in Shwe Hlan village (Yesagyo township, Pakokku district, Magway region), "
        "soldiers fired artillery shells on the village.",
        "fired",
    )
    assert location.name == "Yesagyo"
    # A place named before the parenthesis keeps its own locative.
    placed, _ = event_place(
        "On 11 December 2021, in Yesagyo township (Pakokku district, Magway region), soldiers fired shells.", "fired"
    )
    assert placed.name == "Yesagyo"


def test_a_country_named_without_a_locative_does_not_outweigh_a_town_named_with_one():
    location, _ = event_place("A United States conservationist was found dead in his house in Nairobi.", "found dead")
    assert location.name == "Nairobi"


def test_a_country_named_as_peoples_nationality_is_not_the_event_place():
    location, _ = event_place("A UK national's home was burnt down by Pokot raiders.", "burnt")
    assert location.place is None or location.place.country_code != "GB"


def test_a_demonym_that_qualifies_a_town_supports_its_country():
    text = "Houthi rebels fired a missile at the Saudi city of Jazan on Friday."
    location, _ = event_place(text, "fired", "Explosions/Remote violence", "Shelling/artillery/missile attack")
    assert location.place.country == "Saudi Arabia" and location.geo_precision == 1


def test_the_country_across_a_border_is_no_event_place():
    text = "Police shot a man in an IDP camp at Kutulo, near the border with Somalia."
    location, analysis = event_place(text, "shot")
    somalia = next(p for p in analysis.places if p.text == "Somalia")
    assert place_role(somalia, text) == "neighbour"
    # Kutulo is unknown to the gazetteer: the event falls back on the report's country, not told by the
    # sentence; and with a Kenyan outlet that country is Kenya.
    assert location.evidence is None and location.geo_precision == 3
    analysis.report = replace(analysis.report, source="Daily Nation (Kenya)")
    assert report_country(analysis).country_code == "KE"


def test_a_country_behind_a_group_barely_counts_for_the_report_country():
    text = "Kenyan officials said suspected members of the Somalia-based group attacked a convoy."
    _, analysis = event_place(text, "attacked")
    assert report_country(analysis).country_code == "KE"


def test_a_countrys_possessive_holds_the_place_named_after_it():
    for country in ("Syria's", "Syrias"):  # scraped text often loses the apostrophe
        location, _ = event_place(
            f"At least 11 people were killed when jets struck a neighbourhood in western {country} Idlib province.",
            "struck",
        )
        assert location.place.admin1 == "Idlib", country


def test_a_place_followed_by_its_country_opens_no_name():
    # "near Deir ez-Zor, Syria" with the comma lost in scraping: the country holds the town, names nothing.
    text = "Jets have killed 304 militants near Deir ez-Zor Syria, the ministry in Moscow said."
    analysis = make_analysis(text)
    named = {
        "Deir ez-Zor": Place("Deir ez-Zor", 35.34, 40.14, "SY", "Syria", "Deir ez-Zor", kind="city"),
        "Syria": Place("Syria", 35.0, 38.0, "SY", "Syria", kind="country"),
        "Moscow": Place("Moscow", 55.75, 37.62, "RU", "Russia", "Moscow", kind="city"),
    }
    analysis.places = [
        PlaceMention(text.index(name), text.index(name) + len(name), name, place, 0.9) for name, place in named.items()
    ]
    start = text.index("killed")
    mention = EventMention(analysis.sentence_at(start), start, start + 6, "killed", "Battles", "Armed clash", 0.9)
    assert resolve_event_place(analysis, mention).place.name == "Deir ez-Zor"


def test_a_headlines_source_after_the_place_opens_no_name():
    # "At least 70 killed in north of Syria's Aleppo - monitor", the dash lost and the headline capitalised.
    location, _ = event_place("At least 70 killed in north of Syrias Aleppo Monitor AFP Thursday.", "killed")
    assert location.place.admin1 == "Aleppo"


def test_a_lede_without_a_place_takes_the_town_of_the_next_sentence_naming_one():
    # The report says where the lede's event happened right after it, then turns to other news.
    text = (
        "Five people were killed and 12 wounded on Monday. The district of Sarmin in Idlib province was hit "
        "by a vacuum bomb. Strikes on Aleppo went on; in Aleppo, hospitals are full, and Aleppo lacks water."
    )
    location, _ = event_place(text, "killed")
    assert location.place.admin1 == "Idlib"


def placed_by(text: str, source: str):
    [event] = Pipeline().run(Report("caption", text, date(2016, 2, 1), source=source)).events
    return event.location, event.geo_precision


def test_a_report_naming_no_place_is_placed_near_the_town_its_local_outlet_is_named_for():
    assert placed_by("Watch: Russian warplanes hovering and targeting", "مكتب اعزاز الإعلامي-Azaz media centre") == (
        "Izaz",
        2,
    )
    # the text's own place comes first; a listed outlet gives its country only
    assert placed_by("Russian warplanes struck Idlib", "Azaz media centre") == ("Idlib", 1)
    assert placed_by("Watch: Russian warplanes hovering and targeting", "SMART News Agency") == ("Syria", 3)


def test_a_place_past_a_semicolon_is_another_clauses():
    # Tikrit, a town and the target of a storming, would outrank Kirkuk province in one clause.
    location, _ = event_place("Two car bombs kill 12 in Kirkuk province; gunmen storm Tikrit", "kill")
    assert location.place is not None and location.place.name == "Kirkuk"


def test_a_place_of_the_earlier_event_a_sentence_measures_its_own_by_is_that_events():
    text = "At least 19 people were killed in Idlib province on Tuesday, hours after a chemical attack in Khan Sheikhun"
    location, _ = event_place(text, "killed")
    assert location.place is not None and location.place.name == "Idlib"
