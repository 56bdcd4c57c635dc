"""Articles left out of a build: other languages (named in one warning) and repeated texts."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kgbuild.errors import InputError
from kgbuild.ingest import detect_language, in_language, normalised_text, read_articles, unique_articles
from kgbuild.types import Article

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"
GERMAN = DATA / "udhr-article-1-5.de.txt"
FRENCH = DATA / "udhr-article-1-5.fr.txt"
BBC = DATA / "bbc-sample.jsonl"


def test_languages_of_real_texts():
    german, french = read_articles([GERMAN, FRENCH])
    english = next(read_articles([BBC]))

    assert detect_language(german.text).code == "de"
    assert detect_language(french.text).code == "fr"
    assert detect_language(english.text).code == "en"


def test_short_text_is_not_judged():
    assert detect_language("Kyiv: talks resume.") is None


def test_other_languages_are_skipped_with_one_warning_naming_them():
    articles = list(read_articles([GERMAN, BBC, FRENCH]))
    skipped: list[InputError] = []

    kept = list(in_language(articles, "en", on_skip=skipped.append))

    assert [a.id for a in kept] == ["bbc-business-001", "bbc-business-007", "bbc-business-253"]
    [warning] = [str(e) for e in skipped]
    assert warning.startswith("2 articles not in the pipeline's language 'en' skipped: ")
    assert f"{GERMAN} (de)" in warning and f"{FRENCH} (fr)" in warning
    assert "--model" in warning and "\n" not in warning


def test_a_pipeline_for_the_language_keeps_its_articles():
    articles = list(read_articles([GERMAN, FRENCH]))
    skipped: list[InputError] = []

    assert [a.id for a in in_language(articles, "de", on_skip=skipped.append)] == ["udhr-article-1-5.de"]
    assert [str(e).split(": ", 1)[1] for e in skipped] == [f"{FRENCH} (fr); build them with --model "
                                                           f"naming a pipeline for their language"]
    assert len(list(in_language(articles, "xx", on_skip=skipped.append))) == 2  # multi-language
    assert len(skipped) == 1


def test_without_a_handler_the_skip_is_logged(caplog):
    articles = list(read_articles([GERMAN]))

    with caplog.at_level(logging.WARNING, logger="kgbuild"):
        assert list(in_language(articles, "en")) == []

    assert "1 article not in the pipeline's language 'en' skipped" in caplog.text


# Short news items written for these tests, each as a wire service would open a story.
CHINESE = ("俄罗斯总统普京周二在莫斯科会见了来访的中国外交部长王毅。双方就乌克兰局势、能源合作以及两国贸易交换了意见。"
           "王毅表示，中方愿与俄方加强战略沟通，共同维护地区和平稳定。")
JAPANESE = ("東京都は二十日、新型の感染症対策として、都内の飲食店に営業時間の短縮を要請すると発表した。"
            "小池百合子知事は記者会見で「感染の拡大を防ぐため、都民の皆様のご協力をお願いしたい」と述べた。")
ARABIC = ("قال وزير الخارجية المصري يوم الثلاثاء إن بلاده تبذل جهودا مكثفة للتوصل إلى وقف لإطلاق النار في غزة، "
          "مشيرا إلى أن المحادثات مع الجانبين مستمرة في القاهرة. وأضاف أن الأمم المتحدة ستشارك في إيصال المساعدات "
          "الإنسانية إلى السكان خلال الأيام المقبلة، وأن المعابر ستفتح أمام الشاحنات.")
RUSSIAN = ("Президент России Владимир Путин во вторник провёл переговоры с премьер-министром Индии в Москве. "
           "Стороны обсудили поставки нефти, торговлю и ситуацию на Украине. По словам пресс-секретаря Кремля "
           "Дмитрия Пескова, встреча прошла в конструктивной атмосфере, а следующий раунд консультаций "
           "состоится осенью в Нью-Дели.")
ENGLISH_WITH_NAMES = (
    'Chinese President Xi Jinping (习近平) met Russian President Vladimir Putin in Moscow on Tuesday. '
    '"Мы готовы к переговорам," Mr Putin told reporters, meaning "we are ready for talks". The two leaders '
    "discussed energy supplies, trade in yuan and roubles, and the war in Ukraine, the Kremlin said. Egypt's "
    "foreign minister, Sameh Shoukry (سامح شكري), is due in Beijing next month.")
ENGLISH_WITH_A_QUOTE = (
    "Japanese Prime Minister Fumio Kishida (岸田文雄) said on Friday that defence spending would double within "
    "five years. Protesters outside parliament in Tokyo carried banners reading 「戦争反対」 (no to war), while "
    "business leaders welcomed the orders the plan would bring to the country's shipyards and steelmakers.")


@pytest.mark.parametrize("text, code", [(CHINESE, "zh"), (JAPANESE, "ja"), (ARABIC, "ar"), (RUSSIAN, "ru")],
                         ids=["chinese", "japanese", "arabic", "russian"])
def test_news_in_other_scripts_is_not_taken_for_english(text, code):
    article = Article(id=f"news.{code}", text=text)
    skipped: list[InputError] = []

    assert list(in_language([article], "en", on_skip=skipped.append)) == []
    assert [str(e) for e in skipped] == [f"1 article not in the pipeline's language 'en' skipped: news.{code} "
                                         f"({code}); build them with --model naming a pipeline for their language"]
    # ... and a pipeline for the language keeps it.
    assert list(in_language([article], code, on_skip=skipped.append)) == [article]


def test_a_short_chinese_story_is_judged_as_its_characters_say_much():
    """82 characters: too few letters counted one by one, but each stands for a morpheme."""
    found = detect_language(CHINESE)
    assert len(CHINESE) < 100 and found is not None
    assert found.code == "zh" and found.scripts[0][0] == "Han"
    assert found.is_not("en")  # py3langid alone is unsure (zh, wuu, yue share its probability)
    assert detect_language("北京今天下雨。") is None  # a headline is still too short to judge


@pytest.mark.parametrize("text", [ENGLISH_WITH_NAMES, ENGLISH_WITH_A_QUOTE], ids=["names", "quote"])
def test_english_news_with_foreign_names_and_quotes_is_kept(text):
    article = Article(id="news.en", text=text)
    skipped: list[InputError] = []

    found = detect_language(text)
    assert found is not None and found.code == "en" and not found.is_not("en")
    assert 0 < sum(share for script, share in found.scripts if script != "Latin") < 0.5
    assert list(in_language([article], "en", on_skip=skipped.append)) == [article] and skipped == []


def test_a_latin_script_text_is_not_russian():
    english = next(read_articles([BBC]))
    assert detect_language(english.text).is_not("ru")


def test_duplicate_texts_are_passed_once_and_the_copy_reported():
    copies: list[tuple[str, str]] = []

    kept = list(unique_articles(read_articles([BBC]),
                                on_duplicate=lambda copy, first: copies.append((copy.id, first.id))))

    assert [a.id for a in kept] == ["bbc-business-001", "bbc-business-007"]
    assert copies == [("bbc-business-253", "bbc-business-007")]


def test_texts_differing_only_in_spacing_case_and_quotes_are_duplicates():
    first = Article(id="a", text="Russia said on “Monday” it would talk.\n\nTalks begin.")
    copy = Article(id="b", text="russia said on \"Monday\" it would talk. Talks   begin.")
    other = Article(id="c", text="Russia said on Monday it would not talk.")
    copies = []

    kept = list(unique_articles([first, copy, other], on_duplicate=lambda c, f: copies.append((c.id, f.id))))

    assert [a.id for a in kept] == ["a", "c"]
    assert copies == [("b", "a")]
    assert normalised_text(first.text) == normalised_text(copy.text)
