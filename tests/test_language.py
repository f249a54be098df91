import pytest

from warlog import language
from warlog.records import Analysis, Report


def analyse(text):
    analysis = Analysis(Report("r", text))
    language.annotate(analysis)
    return analysis


def test_sentences_break_on_punctuation_and_lines_with_exact_offsets():
    text = "Clashes in Raqqa\n\n  Gunmen killed four fighters. The army shelled Idlib on Monday.\nQ: What next?"
    analysis = analyse(text)
    assert [s.text for s in analysis.sentences] == [
        "Clashes in Raqqa",
        "Gunmen killed four fighters.",
        "The army shelled Idlib on Monday.",
        "Q: What next?",
    ]
    for sentence in analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_entities_carry_offsets_into_the_report_and_keep_only_useful_labels():
    text = "Headline\nSyrian troops entered the city of Aleppo in northern Syria, the BBC reported."
    analysis = analyse(text)
    assert {"GPE", "NORP"} <= {e.label for e in analysis.entities}
    assert all(e.label in language.KEPT_LABELS for e in analysis.entities)
    for entity in analysis.entities:
        assert text[entity.start : entity.end] == entity.text


def test_only_the_sentencizer_and_the_ner_run_with_their_products_outside_blis():
    pipeline = language.nlp()
    assert pipeline.pipe_names == ["sentencizer", "ner"]  # the shared tok2vec feeds only the left-out parser
    ner = pipeline.get_pipe("ner").model
    assert not ner.ops.use_blis  # blis's reference kernel on CPUs it does not know: 3 times slower


def test_batches_keep_reports_apart():
    reports = [Report(str(i), f"Report {i}. Police arrested {i} men in Kabul.") for i in range(40)]
    analyses = list(language.annotate_many((Analysis(r) for r in reports), batch_size=16))
    assert [a.report.id for a in analyses] == [str(i) for i in range(40)]
    assert all(len(a.sentences) == 2 for a in analyses)
    assert all(a.sentences[1].text.startswith("Police arrested") for a in analyses)


NOT_ENGLISH = {
    "ar": "قتل ثلاثة مدنيين في قندهار يوم الاثنين على يد مسلحين مجهولين.",
    "ru": "В понедельник в результате обстрела в Донецке погибли три мирных жителя, сообщили местные власти.",
    "fr": "Trois civils ont été tués lundi dans une attaque de groupes armés près de Gao, selon des sources "
    "locales. L'armée malienne a lancé une opération.",
    "es": "Hombres armados asesinaron a tres personas el lunes en Culiacán, según informó la fiscalía del estado.",
    "tr": "Pazartesi günü Diyarbakır'da düzenlenen saldırıda üç sivil hayatını kaybetti, yetkililer açıkladı.",
}


def test_a_report_in_another_language_is_named_and_not_parsed():
    for code, text in NOT_ENGLISH.items():
        analysis = analyse(text)
        assert analysis.language == code, text
        assert analysis.sentences == [] and analysis.entities == []


def test_english_headlines_and_place_lists_stay_english():
    # Few function words, names in Arabic script: langid alone calls such lines Pidgin or Egyptian Arabic.
    for text in (
        "Kurdish Peshmerga conrols Nineveh village hours after Islamic State attack",
        "April 12th 2017: (I496) الجامع الكبير  The Grand Mosque neighborhood, West Mosul, Nineveh province, Iraq",
        "Police shoot Turkana protesters; two deaths",
        "Gunmen killed 3",
    ):
        assert language.identify(text) == "en", text


def test_language_names_come_from_the_data_file():
    assert language.language_name("ar") == "Arabic (ar)"
    assert language.language_name("xx") == "xx"


def test_a_run_of_brackets_is_parsed_quickly_with_the_offsets_of_the_text():
    # spaCy's tokenizer took minutes on 20,000 brackets in a row; the model is given spaces inside the run.
    text = "Gunmen killed four men in Kabul. " + "(" * 20_000 + ")" * 20_000 + " Police arrested two men in Herat."
    analysis = analyse(text)
    assert analysis.sentences[0].text.startswith("Gunmen killed four men in Kabul.")
    assert analysis.sentences[-1].text.endswith("arrested two men in Herat.")
    assert {"Kabul", "Herat"} <= {entity.text for entity in analysis.entities}
    for item in analysis.sentences + analysis.entities:
        assert text[item.start : item.end] == item.text


def test_what_spacy_is_given_keeps_every_offset_and_ordinary_text():
    ordinary = "Clashes (in Raqqa) -- 'heavy' ... killed 4; see https://example.org/a/b?c=d!"
    assert language._tokenizable(ordinary) == ordinary
    hostile = "[" * 50 + "x" * 250
    given = language._tokenizable(hostile)
    assert len(given) == len(hostile) and given[0] == "[" and given[49] == "["
    assert given[1:49].strip() == "" and max(len(word) for word in given.split()) < language.MAX_WORD_CHARS


def test_a_semicolon_without_a_space_joins_headlines_not_clauses():
    text = "Car bombs kill 21 in Kirkuk;Syria 'ready to cooperate' over jihadists; talks go on"
    analysis = analyse(text)
    assert [s.text for s in analysis.sentences] == [
        "Car bombs kill 21 in Kirkuk",
        "Syria 'ready to cooperate' over jihadists; talks go on",
    ]
    for sentence in analysis.sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_a_wire_slug_is_no_part_of_the_headline_it_is_glued_to():
    text = "UPDATE 1-Iraqi army launches offensive;CORRECTED-(OFFICIAL)-Turkish forces kill 30. UPDATE on talks"
    analysis = analyse(text)
    assert [s.text for s in analysis.sentences] == [
        "Iraqi army launches offensive",
        "Turkish forces kill 30.",
        "UPDATE on talks",
    ]
    assert [(e.text, e.label) for e in analysis.entities][:1] == [("Iraqi", "NORP")]


def test_a_photo_credit_ends_its_caption():
    text = (
        "A man rides past burning tyres in Aleppo Syria August 1 2016 (Reuters Photo) Ten civilians were "
        "killed on Tuesday. ISIS (also called Daesh) holds the town."
    )
    analysis = analyse(text)
    assert [s.text for s in analysis.sentences] == [
        "A man rides past burning tyres in Aleppo Syria August 1 2016 (Reuters Photo)",
        "Ten civilians were killed on Tuesday.",
        "ISIS (also called Daesh) holds the town.",
    ]


def test_a_wires_name_in_parentheses_ends_a_caption_not_a_dateline():
    text = (
        "A checkpoint on a highway that connects Aleppo to Latakia June 6 2015 (Reuters) Two people were "
        "killed in the northwestern Latakia province. MOSCOW (Sputnik) Six people were killed."
    )
    assert [s.text for s in analyse(text).sentences] == [
        "A checkpoint on a highway that connects Aleppo to Latakia June 6 2015 (Reuters)",
        "Two people were killed in the northwestern Latakia province.",
        "MOSCOW (Sputnik) Six people were killed.",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkish Army Kills 5 PKK Members In Northern Iraq", True),
        ("MILITANTS KILL FIVE SOLDIERS IN KIDAL", True),
        ("The Turkish army killed five PKK members in northern Iraq.", False),
        ("Deir Ezzor", False),  # a name alone: too few words to tell
    ],
)
def test_a_headline_in_title_case_or_capitals_is_told_from_running_text(text, expected):
    assert language.capitalised_throughout(text) is expected
