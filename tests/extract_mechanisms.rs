//! The extraction mechanisms on small made-up articles: each test names one way real
//! reports are written and checks the incident read from it.

use incimap::article::Article;
use incimap::extract::{extract_article, ArticleIncidents, Incident};
use incimap::gazetteer::Gazetteer;

fn extract(text: &str) -> ArticleIncidents {
    let gaz = Gazetteer::default_only().expect("default gazetteer");
    extract_article(&Article::parse("test.txt", text), &gaz)
}

fn places(found: &ArticleIncidents) -> Vec<String> {
    found
        .incidents
        .iter()
        .filter_map(|i| i.place.as_ref().map(|p| p.name.clone()))
        .collect()
}

fn assert_every(found: &ArticleIncidents, holds: impl Fn(&Incident) -> bool) {
    assert!(found.incidents.iter().all(holds), "{:?}", found.incidents);
}

/// Asserts that some incident read from `text` is dated `day` (YYYY-MM-DD).
fn assert_some_incident_on(text: &str, day: &str) {
    let found = extract(text);
    assert!(
        found
            .incidents
            .iter()
            .any(|i| i.date.is_some_and(|d| d.date.to_string() == day)),
        "{text}: {:?}",
        found.incidents
    );
}

#[test]
fn a_section_heading_places_and_dates_the_paragraph_below_it() {
    let found = extract(
        "Weekly security report\n\nIssued: 7 October 2024\n\n\
         Guerrero – Chilpancingo, 3 October\n\n\
         Gunmen opened fire on a council meeting, killing two officials.\n",
    );
    assert_eq!(places(&found), ["Chilpancingo"]);
    let date = found.incidents[0].date.expect("a date");
    assert_eq!(date.date.to_string(), "2024-10-03");
}

#[test]
fn a_heading_holds_only_until_the_next_heading() {
    let found = extract(
        "Weekly security report\n\nIssued: 7 October 2024\n\n\
         Guerrero – Chilpancingo, 3 October\n\n\
         Gunmen opened fire on a council meeting, killing two officials.\n\n\
         OUTLOOK\n\n\
         Gunmen opened fire on a bus on 5 October, killing four.\n",
    );
    assert_eq!(places(&found), ["Chilpancingo"]);
}

#[test]
fn a_region_summary_folds_into_the_incident_at_a_place_in_it() {
    let found = extract(
        "Issued: 7 October 2024\n\n\
         - A gang massacre in Artibonite kills at least 70.\n\n\
         On 3 October gunmen attacked Saint-Marc, killing at least 70 people.\n",
    );
    assert_eq!(places(&found), ["Saint-Marc"]);
    assert_eq!(found.incidents[0].tellings.len(), 2);
}

#[test]
fn a_region_with_a_far_different_toll_stays_another_incident() {
    let found = extract(
        "Issued: 7 October 2024\n\n\
         On 3 October gunmen attacked Saint-Marc, killing at least 70 people.\n\n\
         In Artibonite, a soldier was killed on 3 October in a separate ambush.\n",
    );
    let mut names = places(&found);
    names.sort();
    assert_eq!(names, ["Artibonite", "Saint-Marc"]);
}

#[test]
fn a_date_that_opens_a_period_is_not_the_incident_day() {
    let found = extract(
        "Issued: 7 October 2024\n\n\
         Gunmen have abducted 200 people in Culiacán since the fighting erupted on 9 September.\n",
    );
    assert_every(&found, |i| {
        i.date.is_none_or(|d| d.date.to_string() != "2024-09-09")
    });
}

#[test]
fn a_forecast_is_not_an_incident() {
    let found = extract(
        "Issued: 7 October 2024\n\n\
         Targeted killings of officials in Chilpancingo are likely to continue.\n",
    );
    assert!(found.incidents.is_empty(), "{:?}", found.incidents);
}

#[test]
fn a_village_the_gazetteer_lacks_is_placed_from_the_text_under_its_own_name() {
    let found = extract(
        "Published at: **2022-06-21T10:00:00+00:00**\n\n\
         On Sunday gunmen attacked the village of Zorokoro in the Mopti region, killing 30 civilians, Malian officials said.\n\n\
         Bankass lies some 40 kilometres north of Zorokoro.\n",
    );
    let place = found.incidents[0].place.as_ref().expect("a place");
    assert_eq!(place.name, "Zorokoro");
    assert_eq!(found.incidents[0].geo_precision, 2);
    assert!(
        (place.lat - (14.0775 - 40.0 / 111.32)).abs() < 0.01,
        "{}",
        place.lat
    );
}

#[test]
fn the_town_refers_back_to_the_last_town_named() {
    let found = extract(
        "Published at: **2022-06-21T10:00:00+00:00**\n\n\
         Survivors fled to Bankass after the raid.\n\n\
         On Tuesday, a crowd demonstrated in the town to demand protection.\n",
    );
    assert_eq!(places(&found), ["Bankass"]);
}

#[test]
fn nationality_words_decide_the_country_of_an_area_named_place() {
    // "Bui" is also a name of Bowie, Maryland; "division" and "Cameroonian" say otherwise.
    let found = extract(
        "Published at: **2020-02-25T10:00:00+00:00**\n\n\
         Cameroonian soldiers killed 21 civilians in a raid on Friday in Bui division.\n",
    );
    assert_every(&found, |i| {
        i.place.as_ref().is_none_or(|p| p.country_code != "US")
    });
}

#[test]
fn the_ends_of_a_stretch_of_road_are_one_incident() {
    let found = extract(
        "Issued: 7 October 2024\n\n\
         On 1 October soldiers opened fire on a truck on the highway between Villa Comaltitlán and Huixtla, killing six migrants.\n",
    );
    assert_eq!(found.incidents.len(), 1, "{:?}", places(&found));
}

#[test]
fn a_toll_by_a_later_day_and_a_claim_do_not_date_the_incident() {
    let found = extract(
        "Issued: Tuesday 23 March 2021\n\n\
         - Gao region, near Ansongo (Mon 15 Mar). Fighters ambushed an army column near Ansongo. \
         By Tuesday night the army was reporting 11 soldiers killed. \
         The Islamic State claimed the attack on Sunday 21 March.\n",
    );
    assert_eq!(places(&found), ["Ansongo"]);
    let inc = &found.incidents[0];
    assert_eq!(inc.date.expect("a date").date.to_string(), "2021-03-15");
    assert_eq!(inc.event_type, "Battles", "'21 March' is no protest march");
}

#[test]
fn two_tolls_joined_by_and_are_two_incidents() {
    let found = extract(
        "Published at: **2022-06-14T10:00:00+00:00**\n\n\
         On Thursday four gendarmes were killed in the Boucle du Mouhoun region, and a soldier \
         and a civilian died when gunmen raided a gold-mining site about 15 km from Ouahigouya, \
         Burkinabe officials said.\n",
    );
    let mut names = places(&found);
    names.sort();
    assert_eq!(names, ["Boucle du Mouhoun", "Ouahigouya"]);
}

#[test]
fn the_same_day_counts_from_the_story_and_a_respelt_village_is_found() {
    let found = extract(
        "Published at: **2020-03-25T10:00:00+00:00**\n\n\
         Boko Haram fighters overran an army base in Maiduguri on Monday, killing 92 Nigerian soldiers.\n\n\
         On the same day, insurgents killed at least 50 soldiers in an ambush near Goneri, a village in Yobe State.\n",
    );
    let goniri = found
        .incidents
        .iter()
        .find(|i| i.place.as_ref().is_some_and(|p| p.name == "Goniri"))
        .expect("Goneri is Goniri");
    assert_eq!(goniri.date.expect("a date").date.to_string(), "2020-03-23");
}

#[test]
fn a_sentence_without_a_place_of_its_own_continues_its_paragraph_incident() {
    let found = extract(
        "Published at: **2020-03-25T10:00:00+00:00**\n\n\
         On Monday insurgents ambushed soldiers near Damaturu, killing 50. \
         The troops had been on an offensive that began over the weekend when they were attacked from the rear \
         with rocket-propelled grenades.\n",
    );
    assert_eq!(places(&found), ["Damaturu"]);
}

#[test]
fn titles_nicknames_and_peoples_are_not_places() {
    let found = extract(
        "Published at: **2023-12-04T10:00:00+00:00**\n\n\
         Lanao del Sur Governor Mamintal Adiong denounced the bombing in Marawi on Sunday, which killed four. \
         Officials blamed a unit led by the commander known as \"Calarcá\". \
         Most of the dead were ethnic Amhara.\n",
    );
    assert_eq!(places(&found), ["Marawi City"]);
}

#[test]
fn a_french_wire_story_is_read_with_the_french_lexicon() {
    let found = extract(
        "# Mali : au moins 14 civils tués dans une attaque près de Bandiagara\n\n\
         Publié le : **2023-07-03T18:00:00+00:00**\n\n\
         BAMAKO, 3 juillet (AFP) – Au moins quatorze civils ont été tués samedi soir dans \
         l'attaque de deux villages du cercle de Bandiagara, dans le centre du Mali, a-t-on \
         appris lundi de sources locales.\n\n\
         L'armée malienne a confirmé l'attaque dans un communiqué, sans donner de bilan.\n",
    );
    assert_eq!(
        places(&found),
        ["Bandiagara"],
        "the dateline is where it was filed"
    );
    let inc = &found.incidents[0];
    assert_eq!(inc.date.expect("a date").date.to_string(), "2023-07-01");
    let killed: Vec<u64> = inc.figures.iter().map(|f| f.value).collect();
    assert!(
        killed.iter().all(|&k| k == 14),
        "{killed:?}: 'un communiqué' counts nothing"
    );
}

#[test]
fn french_dates_are_read_as_written_with_accents_and_apostrophes() {
    use incimap::extract::annotate::dates::{find_dates, DateWords};
    let words = |s: &str| -> Vec<DateWords> { find_dates(s).iter().map(|d| d.words).collect() };
    assert_eq!(
        words("Des hommes armés ont attaqué le camp le 5 février."),
        [DateWords::MonthDay(2, 5)]
    );
    assert_eq!(
        words("L'attaque du 14 décembre 2023 a fait 20 morts."),
        [DateWords::Full(
            chrono::NaiveDate::from_ymd_opt(2023, 12, 14).unwrap()
        )]
    );
    for (text, offset) in [
        ("L'attaque de la semaine dernière a fait 12 morts.", -1),
        ("Un poste a été attaqué aujourd’hui près de Gao.", 0),
        ("Un poste a été attaqué aujourd'hui près de Gao.", 0),
        ("Le camp avait été attaqué l’an dernier.", -1),
    ] {
        let found = words(text);
        assert!(
            matches!(found.as_slice(), [DateWords::Relative(o, _)] if *o == offset)
                || matches!(found.as_slice(), [DateWords::Past(0)]),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn a_headline_toll_folds_into_the_dated_incident_nearby_not_into_a_protest() {
    let found = extract(
        "# Mali says 132 civilians killed in raids on villages near Bankass\n\n\
         Published at: **2022-06-21T10:00:00+00:00**\n\n\
         Gunmen attacked the village of Zorokoro in the Mopti region on Sunday, killing 101 \
         civilians, Malian officials said.\n\n\
         Bankass lies some 40 kilometres north of Zorokoro.\n\n\
         On Tuesday, several dozen people demonstrated in Bankass to demand protection.\n",
    );
    let mut names = places(&found);
    names.sort();
    assert_eq!(names, ["Bankass", "Zorokoro"], "{:?}", found.incidents);
    let protest = found
        .incidents
        .iter()
        .find(|i| i.place.as_ref().is_some_and(|p| p.name == "Bankass"))
        .expect("the protest");
    assert_eq!(protest.event_type, "Protests");
    assert!(
        protest.figures.is_empty(),
        "the headline's toll is not the protest's"
    );
}

#[test]
fn a_deck_that_tells_an_event_is_no_section_label() {
    let found = extract(
        "# Mali: army sweeps villages\n\n\
         Gunmen kill 12 in Kati as army sweeps villages\n\n\
         Published at: **2022-07-23T10:00:00+00:00**\n\n\
         Gunmen killed 12 people in Kati on Friday.\n\n\
         Separately, an army convoy hit a mine on Thursday, killing two soldiers.\n",
    );
    assert_eq!(places(&found), ["Kati"], "the mine has no place");
}

#[test]
fn a_french_elided_article_does_not_hide_the_event_word() {
    for text in [
        "L'attaque a fait 42 morts dimanche à Tessit.",
        "L’embuscade a fait 42 morts dimanche à Tessit.",
        "Selon l'armée, l'assaut a fait 42 morts dimanche à Tessit.",
    ] {
        let found = extract(&format!(
            "Publié le : 2022-03-23\n\n{text} Les assaillants ont fui.\n"
        ));
        assert_eq!(places(&found), ["Tessit"], "{text}");
        let killed: Vec<u64> = found.incidents[0].figures.iter().map(|f| f.value).collect();
        assert_eq!(killed, [42], "{text}");
    }
}

#[test]
fn an_elided_article_opening_the_sentence_is_no_part_of_the_place_name() {
    // "L'attaque de Tessit" opens the sentence with a capital: the name is "Tessit".
    for text in [
        "L'attaque de Tessit a fait 42 morts dimanche.",
        "L’embuscade de Tessit a fait 42 morts dimanche.",
        "D'après l'armée, 42 soldats ont été tués dimanche à Tessit.",
    ] {
        let found = extract(&format!("Publié le : 2022-03-23\n\n{text}\n"));
        assert_eq!(places(&found), ["Tessit"], "{text}");
    }
}

#[test]
fn an_event_word_then_of_names_the_incidents_place() {
    for text in [
        "Publié le : 2022-03-23\n\nLe massacre de Tessit a fait 42 morts dimanche.\n",
        "Publié le : 2022-03-23\n\nDimanche, 42 soldats ont péri dans l'embuscade de Tessit.\n",
        "Published: 2022-03-23\n\nOn Sunday the massacre of Tessit left 42 people dead.\n",
    ] {
        assert_eq!(places(&extract(text)), ["Tessit"], "{text}");
    }
}

#[test]
fn a_capital_named_as_the_source_is_not_the_place() {
    for text in [
        "Publié le : 2020-06-14\n\nSelon Abidjan, l'opération a permis de tuer huit jihadistes samedi.\n",
        "Publié le : 2020-06-14\n\nL'opération lancée samedi a permis, selon Bamako, de tuer huit jihadistes.\n",
        "Published: 2020-06-14\n\nThe strike killed eight soldiers on Saturday, according to Kyiv.\n",
    ] {
        assert!(places(&extract(text)).is_empty(), "{text}");
    }
}

#[test]
fn a_date_before_according_to_stays_the_incidents() {
    for text in [
        "Published: 2019-10-02\n\nGunmen killed 25 soldiers in Mopti on Monday, according to a government statement.\n",
        "Publié le : 2019-10-02\n\nDes hommes armés ont tué 25 soldats lundi à Mopti, selon l'armée.\n",
        "Published: 2019-10-02\n\nOn Monday, according to the army, gunmen killed 25 soldiers in Mopti.\n",
    ] {
        assert_some_incident_on(text, "2019-09-30");
    }
}

#[test]
fn a_town_abroad_named_by_another_of_its_names_is_not_the_place() {
    // "Boni" is an old name of Bonn; "the White House" one of Casablanca.
    let found = extract(
        "Published at: **2018-01-27T10:00:00+00:00**\n\n\
         Malian soldiers patrolled the road between Douentza and Mopti on Friday. On Thursday \
         a vehicle taking traders to the weekly fair at Boni, in central Mali, drove over a \
         landmine, killing 13 people.\n",
    );
    assert!(
        !places(&found).iter().any(|p| p == "Bonn"),
        "{:?}",
        places(&found)
    );
    let found = extract(
        "Published at: **2021-08-27T10:00:00+00:00**\n\n\
         A suicide bomber killed 13 people at the gates of Kabul airport on Thursday. \
         President Biden, speaking at the White House on Thursday, promised to hunt down those \
         behind the attack that killed 13 troops.\n",
    );
    assert!(
        !places(&found).iter().any(|p| p == "Casablanca"),
        "{:?}",
        places(&found)
    );
    // A transliteration of the town's own name is its name, abroad too.
    let found = extract(
        "Published at: **2024-03-23T10:00:00+00:00**\n\n\
         Russian officials said on Saturday that the death toll in Krasnogorsk rose to 133. \
         Russian forces also shelled Zaporizhzhya on Friday, killing three people.\n",
    );
    assert!(
        places(&found).iter().any(|p| p == "Zaporizhzhya"),
        "{:?}",
        places(&found)
    );
}

/// The one incident of `text`, with its place.
fn placed(text: &str) -> (String, f64, f64, u8) {
    let found = extract(text);
    assert_eq!(found.incidents.len(), 1, "{:?}", found.incidents);
    let i = &found.incidents[0];
    let p = i.place.as_ref().expect("a place");
    (p.name.clone(), p.lat, p.lon, i.geo_precision)
}

const NIAMEY: (f64, f64) = (13.51366, 2.10980);
const BANKASS: (f64, f64) = (14.0775, -3.51594);

#[test]
fn an_incident_a_distance_and_bearing_from_a_town_sits_that_far_that_way() {
    // 35 km south-east: about 0.22 degrees south and 0.23 east of Niamey.
    let (name, lat, lon, precision) = placed(
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Gunmen attacked a market some 35 km south-east of Niamey on Sunday, killing 12 civilians.\n",
    );
    assert_eq!(name, "35 km south-east of Niamey");
    assert_eq!(precision, 2);
    assert!((lat - (NIAMEY.0 - 0.2225)).abs() < 0.02, "{lat}");
    assert!((lon - (NIAMEY.1 + 0.229)).abs() < 0.02, "{lon}");
}

#[test]
fn a_distance_in_words_counts_like_one_in_digits() {
    let (_, lat, lon, precision) = placed(
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         On Sunday jihadists killed eight villagers about thirty kilometres north of Bankass.\n",
    );
    assert_eq!(precision, 2);
    assert!((lat - (BANKASS.0 + 30.0 / 111.2)).abs() < 0.02, "{lat}");
    assert!((lon - BANKASS.1).abs() < 0.01, "{lon}");
}

#[test]
fn a_french_distance_and_bearing_sit_the_incident_that_far_that_way() {
    let (_, lat, lon, precision) = placed(
        "Publié le : **2023-03-21T10:00:00+00:00**\n\n\
         Dimanche, des hommes armés ont tué huit civils à une trentaine de kilomètres au sud de Bankass.\n",
    );
    assert_eq!(precision, 2);
    assert!((lat - (BANKASS.0 - 30.0 / 111.2)).abs() < 0.02, "{lat}");
    assert!((lon - BANKASS.1).abs() < 0.01, "{lon}");
}

#[test]
fn a_village_described_by_its_distance_from_a_town_is_placed_from_it() {
    for text in [
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         On Sunday gunmen attacked Tanakoumbou, some 60 km east of Niamey, killing 12 civilians.\n",
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Twelve civilians were killed on Sunday in Tanakoumbou, sixty kilometres east of Niamey.\n",
        "Publié le : **2023-03-21T10:00:00+00:00**\n\n\
         Dimanche, des hommes armés ont tué douze civils à Tanakoumbou, à une soixantaine de kilomètres à l'est de Niamey.\n",
    ] {
        let (name, lat, lon, precision) = placed(text);
        assert_eq!(name, "Tanakoumbou", "{text}");
        assert_eq!(precision, 2);
        assert!((lat - NIAMEY.0).abs() < 0.02, "{lat}");
        assert!((lon - (NIAMEY.1 + 60.0 / 108.0)).abs() < 0.03, "{lon}");
    }
}

#[test]
fn a_town_far_from_the_incident_does_not_place_it() {
    for text in [
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         On Sunday gunmen attacked an army camp some 500 km north-east of Bamako, killing 12 soldiers.\n",
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         On Sunday gunmen attacked an army camp about 400 kilometres from Bamako, killing 12 soldiers.\n",
        "Publié le : **2023-03-21T10:00:00+00:00**\n\n\
         Dimanche, des hommes armés ont attaqué un camp militaire à 500 km de Bamako, tuant 12 soldats.\n",
    ] {
        assert!(extract(text).incidents.is_empty(), "{text}");
    }
}

#[test]
fn a_village_measured_later_in_its_sentence_is_placed_from_the_distance() {
    // 20 km north-east of Niamey: about 0.127 degrees north and 0.131 east.
    for text in [
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         On Sunday gunmen killed twelve farmers in Tanakoumbou.\n\n\
         Tanakoumbou, a farming village in the rural commune of Karma, lies about twenty kilometres north-east of Niamey.\n",
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         On Sunday gunmen killed twelve farmers in Tanakoumbou.\n\n\
         Tanakoumbou sits some 20 km north-east of Niamey, the capital.\n",
        "Publié le : **2023-03-21T10:00:00+00:00**\n\n\
         Dimanche, des hommes armés ont tué douze paysans à Tanakoumbou.\n\n\
         Tanakoumbou, situé à une vingtaine de kilomètres au nord-est de Niamey, compte 2 000 habitants.\n",
    ] {
        let (name, lat, lon, precision) = placed(text);
        assert_eq!(name, "Tanakoumbou", "{text}");
        assert_eq!(precision, 2);
        assert!((lat - (NIAMEY.0 + 0.127)).abs() < 0.02, "{lat} {text}");
        assert!((lon - (NIAMEY.1 + 0.131)).abs() < 0.02, "{lon} {text}");
    }
}

#[test]
fn a_distance_that_names_no_place_stops_the_search_for_one() {
    // "some 100 km to the south" measures the column's start from Kidal, unnamed; the
    // distance to Kidal later in the sentence is another matter.
    let found = extract(
        "Publié le : **2023-11-14T10:00:00+00:00**\n\n\
         La colonne partie de Tanakoumbou, à une centaine de kilomètres au sud, a été attaquée samedi à une vingtaine de kilomètres de Kidal, faisant 12 morts.\n",
    );
    assert!(
        found
            .incidents
            .iter()
            .all(|i| i.place.as_ref().is_none_or(|p| p.name != "Tanakoumbou")),
        "{:?}",
        found.incidents
    );
}

#[test]
fn far_from_the_town_measured_from_the_named_district_places_a_village_better() {
    let ouallam = (14.31806, 2.08588);
    let (name, lat, lon, _) = placed(
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Gunmen killed twelve farmers on Sunday in Tanakoumbou, Ouallam department, some 90 km north of Niamey.\n",
    );
    assert_eq!(name, "Tanakoumbou");
    assert!(
        (lat - ouallam.0).abs() < 0.01 && (lon - ouallam.1).abs() < 0.01,
        "{lat},{lon}"
    );
}

#[test]
fn a_part_of_a_city_without_its_name_is_in_the_city_named_before() {
    for text in [
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Somalia's president visited Mogadishu on Monday.\n\n\
         On Tuesday a car bomb exploded outside the Turkish embassy, killing nine people.\n",
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Somalia's president visited Mogadishu on Monday.\n\n\
         On Tuesday a suicide bomber struck the crowded Bakara market, killing nine people.\n",
        "Publié le : **2023-03-21T10:00:00+00:00**\n\n\
         Le président somalien était à Mogadiscio lundi.\n\n\
         Mardi, une voiture piégée a explosé devant l'ambassade de Turquie, tuant neuf personnes.\n",
    ] {
        let (name, _, _, precision) = placed(text);
        assert_eq!(name, "Mogadishu", "{text}");
        assert_eq!(precision, 2, "{text}");
    }
}

#[test]
fn the_capital_is_the_capital_of_the_country_the_article_is_about() {
    for text in [
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Malian soldiers patrolled Gao and Timbuktu last week.\n\n\
         On Tuesday police shot dead three protesters in the capital.\n",
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Malian soldiers patrolled Gao and Timbuktu last week.\n\n\
         Three protesters were killed on Tuesday when police fired on a march across the capital.\n",
        "Publié le : **2023-03-21T10:00:00+00:00**\n\n\
         Les soldats maliens ont patrouillé à Gao et à Tombouctou la semaine dernière.\n\n\
         Mardi, la police a tué trois manifestants dans la capitale.\n",
    ] {
        let (name, _, _, precision) = placed(text);
        assert_eq!(name, "Bamako", "{text}");
        assert_eq!(precision, 2, "{text}");
    }
}

#[test]
fn a_city_part_far_from_the_article_or_a_named_unknown_place_takes_no_city() {
    for text in [
        // The last town named is abroad: talks in Doha say nothing of where the market is.
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Fighting went on around Kandahar, Herat and Kunduz this week.\n\n\
         Afghan Taliban officials met US envoys in Doha.\n\n\
         On Tuesday a bomb exploded in the market, killing nine people.\n",
        // The clause names its own place, unknown to the gazetteer.
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Heavy fighting continued around Mogadishu on Monday.\n\n\
         On Tuesday shells hit Tanakoumbou, near the market, killing nine people.\n",
        // Where the wounded went is no incident place.
        "Published at: **2023-03-21T10:00:00+00:00**\n\n\
         Heavy fighting continued around Mogadishu on Monday.\n\n\
         On Tuesday nine wounded were flown to the capital.\n",
    ] {
        let found = extract(text);
        assert!(
            found.incidents.iter().all(|i| i.tellings.len() == 1
                && i.place.as_ref().is_none_or(|p| p.name != "Mogadishu"
                    && p.name != "Kabul"
                    && p.name != "Doha")),
            "{text}: {:?}",
            found.incidents
        );
    }
}

#[test]
fn the_region_refers_back_to_the_last_region_named() {
    for text in [
        "Published at: **2022-08-21T10:00:00+00:00**\n\n\
         Al Shabaab fighters attacked army posts in the Hiiraan region on Sunday.\n\n\
         Commanders in the region said 14 soldiers were killed on Sunday.\n",
        "Published at: **2022-08-21T10:00:00+00:00**\n\n\
         Al Shabaab fighters attacked army posts in the Hiiraan region on Sunday.\n\n\
         Fourteen soldiers were killed on Sunday across the region, commanders said.\n",
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Des combattants shebab ont attaqué dimanche des postes de l'armée dans la région de Hiiraan.\n\n\
         Dans la région, 14 soldats ont été tués dimanche, selon des officiers.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        assert_eq!(found.incidents[0].place.as_ref().expect("a place").name, "Hiiraan");
    }
}

#[test]
fn a_unit_word_before_the_name_makes_it_the_unit() {
    for text in [
        "Published at: **2022-08-21T10:00:00+00:00**\n\n\
         Gunmen attacked a village in the region of Mopti on Sunday, killing 3 civilians.\n",
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Des hommes armés ont attaqué dimanche un village dans la région de Mopti, tuant 3 civils.\n",
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Dimanche, trois civils ont été tués dans un village de la région du Mopti.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        let i = &found.incidents[0];
        assert_eq!(i.place.as_ref().expect("a place").kind, incimap::gazetteer::Kind::Admin1, "{text}");
        assert_eq!(i.geo_precision, 3, "{text}");
    }
}

#[test]
fn where_people_arrived_or_fled_is_not_where_it_happened() {
    for text in [
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Des déplacés arrivés à Bourzanga ont raconté que 12 civils avaient été tués samedi.\n",
        "Published at: **2022-08-21T10:00:00+00:00**\n\n\
         Displaced people who arrived in Kaya said 12 civilians were killed on Saturday.\n",
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Des familles réfugiées à Djibo affirment que 12 civils ont été tués samedi.\n",
    ] {
        assert!(places(&extract(text)).is_empty(), "{text}");
    }
}

#[test]
fn a_capital_that_announces_is_its_government_in_french_too() {
    for text in [
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Niamey a annoncé que 45 assaillants avaient été tués samedi à Tanakoumbou.\n",
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Bamako a indiqué samedi que 12 soldats avaient été tués dans une embuscade.\n",
        "Published at: **2022-08-21T10:00:00+00:00**\n\n\
         Bamako has announced that 12 soldiers were killed on Saturday.\n",
    ] {
        assert!(places(&extract(text)).is_empty(), "{text}");
    }
}

#[test]
fn each_place_says_how_its_point_was_found() {
    use incimap::extract::annotate::places::Basis;
    for (text, basis) in [
        (
            "Published at: **2023-03-21T10:00:00+00:00**\n\n\
             Gunmen attacked a market in Bankass on Sunday, killing 12 civilians.\n",
            Basis::Gazetteer,
        ),
        (
            "Published at: **2023-03-21T10:00:00+00:00**\n\n\
             Gunmen attacked a market some 35 km south-east of Niamey on Sunday, killing 12 civilians.\n",
            Basis::Offset,
        ),
        (
            "Published at: **2023-03-21T10:00:00+00:00**\n\n\
             Gunmen attacked a market about 20 km from Niamey on Sunday, killing 12 civilians.\n",
            Basis::Near,
        ),
        (
            "Published at: **2023-03-21T10:00:00+00:00**\n\n\
             On Sunday gunmen killed 12 civilians in Tanakoumbou, a village in the Tillabéri region.\n",
            Basis::EnclosingUnit,
        ),
        (
            "Published at: **2023-03-21T10:00:00+00:00**\n\n\
             Malian soldiers patrolled Gao and Timbuktu last week.\n\n\
             On Tuesday police shot dead three protesters in the capital.\n",
            Basis::CityPart,
        ),
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        assert_eq!(found.incidents[0].location_basis, basis, "{text}");
    }
}

#[test]
fn a_district_named_with_its_unit_word_is_the_district() {
    use incimap::gazetteer::Kind;
    for text in [
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Les soldats maliens patrouillent à Mopti et à Sévaré.\n\n\
         Dimanche, des hommes armés ont tué 12 civils dans le cercle de Bankass.\n",
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Les soldats burkinabè patrouillent à Djibo et à Dori.\n\n\
         Dimanche, des hommes armés ont tué 12 civils dans la province du Soum.\n",
        "Published at: **2022-08-21T10:00:00+00:00**\n\n\
         Nigerian troops patrolled Maiduguri and Bama last week.\n\n\
         On Sunday jihadists killed 12 farmers in Gwoza LGA.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        let i = &found.incidents[0];
        assert_eq!(
            i.place.as_ref().expect("a place").kind,
            Kind::Admin2,
            "{text}"
        );
        assert_eq!(i.geo_precision, 2, "{text}");
    }
}

#[test]
fn euphemisms_of_killing_count_the_dead() {
    for text in [
        "Published at: **2022-08-21T10:00:00+00:00**\n\n\
         On Sunday soldiers neutralised 15 militants in an attack near Bankass.\n",
        "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
         Dimanche, 15 terroristes ont été neutralisés lors d'une attaque près de Bankass.\n",
        "Published at: **2022-08-21T10:00:00+00:00**\n\n\
         Fifteen villagers were slain on Sunday in an attack on Bankass.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        let killed: Vec<u64> = found.incidents[0]
            .figures
            .iter()
            .filter(|f| f.role == incimap::lexicon::CasualtyRole::Killed)
            .map(|f| f.value)
            .collect();
        assert_eq!(killed, [15], "{text}");
    }
}

#[test]
fn a_small_town_after_a_french_cue_and_de_is_a_place() {
    for cue in ["près de", "non loin de", "à proximité de"] {
        let text = format!(
            "Publié le : **2022-08-21T10:00:00+00:00**\n\n\
             Dimanche, 15 civils ont été tués lors d'une attaque {cue} Bankass.\n"
        );
        assert_eq!(places(&extract(&text)), ["Bankass"], "{text}");
    }
}

#[test]
fn a_persons_name_is_no_place_in_the_whole_article() {
    // Keïta is a town of Niger and a surname: after a title or described by an
    // occupation, the name is a person's, here and later in the article.
    for text in [
        "Attack in Niger\n\nGunmen killed seven villagers in Tahoua region on Sunday, said \
         Moussa Keita, a local teacher, adding that Keita had fled.\n",
        "Attack in Niger\n\nKeita Moussa, a teacher, said gunmen killed seven villagers on \
         Sunday near Tahoua.\n",
        "Attaque au Niger\n\nKeïta Moussa, un enseignant, a indiqué que des hommes armés ont \
         tué sept villageois dimanche près de Tahoua.\n",
        "Attaque au Niger\n\nSelon Moussa Keïta, chercheur à Niamey, des hommes armés ont tué \
         sept villageois dimanche dans la région de Tahoua. Keïta a précisé que les \
         assaillants ont fui.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Tahoua"], "{text}");
    }
}

#[test]
fn a_place_cue_keeps_a_persons_name_a_place() {
    // "attacked Keita": the text makes the name a place, whoever else bears it.
    let found = extract(
        "Attack in Niger\n\nIbrahim Keita, a local teacher, was among seven people killed on \
         Sunday when gunmen attacked Keita, in Tahoua region.\n",
    );
    assert!(
        places(&found).iter().any(|p| p == "Keïta"),
        "{:?}",
        places(&found)
    );
}

#[test]
fn a_repeated_name_of_a_town_abroad_does_not_make_the_article_about_its_country() {
    // Moura is a town in Portugal and a village of Mali that the gazetteer lacks: said
    // seven times, it still weighs as one name against the article's Malian places.
    let found = extract(
        "Killings in Moura\n\n\
         Malian soldiers killed at least 500 people in Moura, the UN said on Friday. \
         The killings took place in Moura, also spelt Mourrah, a trading village in the \
         Djenné district of the Mopti region. Troops sealed Moura. Survivors fled Moura \
         for Mopti and Bamako. Moura had a weekly market. Helicopters landed at Moura.\n",
    );
    assert!(!found.incidents.is_empty());
    for i in &found.incidents {
        let place = i.place.as_ref().expect("a place");
        assert_eq!(place.country_code, "ML", "{place:?}");
    }
}

#[test]
fn a_french_preposition_opening_the_sentence_is_not_part_of_the_place() {
    for text in [
        "Tchad\n\nPublié le : 2022-10-21\n\nÀ Moundou, des hommes armés ont tué trois civils jeudi.\n",
        "Tchad\n\nPublié le : 2022-10-21\n\nA Moundou, des hommes armés ont tué trois civils jeudi.\n",
        "Tchad\n\nPublié le : 2022-10-21\n\nÀ Moundou, deuxième ville du pays, les rassemblements \
         ont été dispersés jeudi à coups de gaz lacrymogène.\n",
        "Tchad\n\nPublié le : 2022-10-21\n\nPrès de Moundou, des hommes armés ont tué trois civils jeudi.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Moundou"], "{text}");
    }
}

fn killed(inc: &Incident) -> Option<u64> {
    incimap::fuse::toll(&inc.figures, incimap::lexicon::CasualtyRole::Killed).0
}

/// Asserts that a text tells one incident, and that `toll` were killed in it.
fn assert_killed(text: &str, toll: u64) {
    let found = extract(text);
    assert_eq!(
        found.incidents.iter().map(killed).collect::<Vec<_>>(),
        [Some(toll)],
        "{text}"
    );
}

#[test]
fn a_village_the_gazetteer_lacks_keeps_its_toll_apart_from_the_town_told_before() {
    for text in [
        "On Saturday gunmen killed 132 people in Gao, Mali, officials said.\n\n\
         A few hours earlier armed men attacked Tadaryat, another village of the region, killing thirteen civilians.\n",
        "On Saturday gunmen killed 132 people in Gao, Mali, officials said.\n\n\
         The same night armed men attacked the village of Tadaryat, killing thirteen civilians.\n",
        "Samedi, des hommes armés ont tué 132 personnes à Gao, au Mali, selon des responsables.\n\n\
         La même nuit, des hommes armés ont attaqué le village de Tadaryat, tuant treize civils.\n",
    ] {
        let found = extract(text);
        let gao = found
            .incidents
            .iter()
            .find(|i| i.place.as_ref().is_some_and(|p| p.name == "Gao"))
            .unwrap_or_else(|| panic!("Gao: {text}"));
        assert_eq!(killed(gao), Some(132), "{text}");
        assert_eq!(found.incidents.len(), 1, "{text}");
    }
}

#[test]
fn a_village_named_as_such_lies_in_the_unit_named_right_after_it() {
    for (text, unit) in [
        (
            "On Friday gunmen attacked the village of Tadaryat in the Mopti region, killing 13 civilians.\n",
            "Mopti",
        ),
        (
            "On Friday gunmen attacked the village of Tadaryat in central Mali's Mopti region, killing 13 civilians.\n",
            "Mopti",
        ),
        (
            "Vendredi, des hommes armés ont attaqué le village de Tadaryat, dans la région de Mopti, tuant 13 civils.\n",
            "Mopti",
        ),
    ] {
        let found = extract(text);
        let place = found.incidents[0].place.as_ref().expect("a place");
        assert_eq!(place.name, "Tadaryat", "{text}");
        assert_eq!(place.admin1, unit, "{text}");
        assert_eq!(found.incidents[0].location_basis.as_str(), "enclosing_unit");
    }
}

#[test]
fn villages_listed_together_lie_in_the_unit_named_after_the_list() {
    // Even where the article tells other incidents in that unit: a named village is no
    // summary of the region's incidents.
    for (text, unit) in [
        (
            "On Friday gunmen attacked the villages of Zabrakuta and Mbolingaza in Kaduna State, killing 12 people.\n\n\
             On Saturday bandits killed three farmers in Kaduna.\n",
            "Kaduna",
        ),
        (
            "On Friday the train was attacked between the villages of Zabrakuta and Mbolingaza, on the Kaduna State side of the route, and eight people were killed.\n\n\
             On Saturday bandits killed three farmers in Kaduna.\n",
            "Kaduna",
        ),
        (
            "Vendredi, des hommes armés ont attaqué les villages de Zabrakuta et Mbolingaza, dans la région de Mopti, tuant douze civils.\n\n\
             Samedi, des hommes armés ont tué trois civils à Mopti.\n",
            "Mopti",
        ),
    ] {
        let found = extract(text);
        let village = found
            .incidents
            .iter()
            .find_map(|i| i.place.as_ref().filter(|p| p.name == "Zabrakuta"))
            .unwrap_or_else(|| panic!("Zabrakuta in {:?}: {text}", places(&found)));
        assert_eq!(village.admin1, unit, "{text}");
    }
}

#[test]
fn two_villages_of_one_region_the_gazetteer_lacks_are_two_incidents() {
    let found = extract(
        "On Friday gunmen attacked the village of Tadaryat in the Mopti region, killing 13 civilians.\n\n\
         On Friday gunmen also attacked the village of Zorokoro in the Mopti region, killing 20 civilians.\n",
    );
    let mut names = places(&found);
    names.sort();
    assert_eq!(names, ["Tadaryat", "Zorokoro"]);
    let tolls: Vec<_> = found.incidents.iter().map(killed).collect();
    assert!(
        tolls.contains(&Some(13)) && tolls.contains(&Some(20)),
        "{tolls:?}"
    );
}

#[test]
fn a_kind_of_village_is_no_village_of_that_name() {
    for text in [
        "On Friday gunmen burned a Fulani village near Mopti, killing 13 civilians.\n",
        "On Friday gunmen burned another Dogon village near Mopti, killing 13 civilians.\n",
        "On Friday gunmen burned an Arab village near Mopti, killing 13 civilians.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Mopti"], "{text}");
    }
}

#[test]
fn a_road_distance_with_a_direction_offsets_the_place() {
    for text in [
        "A bomb exploded in a church in Kasindi on Sunday, killing ten people. Kasindi lies some 75 kilometres by road south-east of the city of Beni.\n",
        "A bomb exploded in a church in Kasindi on Sunday, killing ten people. Kasindi sits 75 km by road to the south-east of Beni.\n",
        "Une bombe a explosé dans une église à Kasindi dimanche, tuant dix personnes. Kasindi se trouve à 75 km par la route au sud-est de la ville de Beni.\n",
    ] {
        let found = extract(text);
        let inc = &found.incidents[0];
        assert_eq!(inc.location_basis.as_str(), "offset", "{text}");
        let place = inc.place.as_ref().expect("a place");
        assert!(place.lat < 0.2 && place.lon > 29.8, "{text}: {place:?}");
    }
}

#[test]
fn a_french_preposition_a_is_no_indefinite_article() {
    for text in [
        "Le principal camp de l'armée malienne à Kati, localité proche de la capitale, a été attaqué mardi par des hommes armés.\n",
        "Des hommes armés ont attaqué mardi un poste à Kati, ville garnison, tuant deux soldats maliens.\n",
        "Un camp militaire à Kati, localité du cercle du même nom, a été attaqué mardi.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Kati"], "{text}");
    }
}

fn date_of(inc: &Incident) -> String {
    inc.date.map_or("none".into(), |d| d.date.to_string())
}

#[test]
fn a_counted_span_before_publication_dates_the_incident() {
    for (text, day) in [
        ("Published: 2023-03-10\n\nThree days ago, gunmen killed five civilians in Mopti.\n", "2023-03-07"),
        ("Publié le : 2023-03-10\n\nIl y a 3 jours, des hommes armés ont tué cinq civils à Mopti.\n", "2023-03-07"),
        ("Publié le : 2023-03-10\n\nDes hommes armés ont tué cinq civils à Mopti il y a deux jours.\n", "2023-03-08"),
        ("Published: 2023-03-10\n\nTwo weeks ago, a bomb killed 12 people in Gao.\n", "2023-02-24"),
        ("Publié le : 2023-03-10\n\nIl y a une semaine, à Gao, une marche dispersée a fait trois morts.\n", "2023-03-03"),
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.iter().map(date_of).collect::<Vec<_>>(), [day], "{text}");
    }
}

#[test]
fn a_counted_span_after_the_story_day_dates_from_it() {
    for text in [
        "Published: 2023-03-10\n\nGunmen killed five civilians in Mopti on 1 March. Four days later, an ambush killed two soldiers near Gao.\n",
        "Published: 2023-03-10\n\nGunmen killed five civilians in Mopti on 1 March. 4 days later, an ambush killed two soldiers near Gao.\n",
        "Publié le : 2023-03-10\n\nDes hommes armés ont tué cinq civils à Mopti le 1er mars. Quatre jours plus tard, une embuscade a tué deux soldats près de Gao.\n",
    ] {
        let found = extract(text);
        let gao = found.incidents.iter().find(|i| i.place.as_ref().is_some_and(|p| p.name == "Gao"));
        assert_eq!(gao.map(date_of).as_deref(), Some("2023-03-05"), "{text}");
    }
}

#[test]
fn a_day_counted_from_the_story_is_counted_once_for_its_paragraph() {
    for text in [
        "Publié le : 2022-08-11\n\nDimanche, une embuscade a tué cinq soldats près de Gao.\n\nDeux jours plus tôt, c'est le centre qui était endeuillé. À Bankass, des hommes armés ont abattu deux civils. Quand des parents sont venus, une charge a explosé, tuant dix autres personnes.\n",
        "Published: 2022-08-11\n\nOn Sunday an ambush killed five soldiers near Gao.\n\nTwo days earlier, it was the centre that mourned. In Bankass, gunmen shot dead two civilians. When relatives came, a charge exploded, killing ten more people.\n",
        "Published: 2022-08-11\n\nOn Sunday an ambush killed five soldiers near Gao.\n\n2 days earlier, the centre was in mourning. In Bankass, gunmen shot dead two civilians. When relatives came, a charge exploded, killing ten more people.\n",
    ] {
        let found = extract(text);
        let days: Vec<String> = found
            .incidents
            .iter()
            .filter(|i| i.place.as_ref().is_some_and(|p| p.name == "Bankass"))
            .map(date_of)
            .collect();
        assert!(!days.is_empty() && days.iter().all(|d| d == "2022-08-05"), "{text}: {days:?}");
    }
}

#[test]
fn a_place_hit_counts_no_one_in_a_list_of_the_dead() {
    for text in [
        "On Sunday in Gao, gunmen attacked a camp and 42 soldiers were killed.\n",
        "On Sunday in Gao, gunmen raided a military base and 42 soldiers were killed.\n",
        "On Sunday in Gao, gunmen ambushed a convoy and 42 soldiers were killed.\n",
    ] {
        let found = extract(text);
        assert_eq!(
            found.incidents.iter().map(killed).collect::<Vec<_>>(),
            [Some(42)],
            "{text}"
        );
    }
}

#[test]
fn french_casualty_phrases_of_several_words_count() {
    for (text, toll) in [
        ("Publié le : 2023-03-10\n\nDimanche, l'attaque du camp de Gao a fait des victimes : 42 militaires ont perdu la vie et 22 autres ont été blessés.\n", 42),
        ("Publié le : 2023-03-10\n\nDimanche, douze personnes ont trouvé la mort dans l'attaque d'un car à Gao.\n", 12),
        ("Publié le : 2023-03-10\n\nDimanche, lors de l'attaque de Gao, quarante-deux militaires ont perdu la vie.\n", 42),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn thousands_parted_by_a_space_are_one_number() {
    // Plain, no-break and narrow no-break spaces part thousands in French and in many
    // style guides; a day and a year before a count stay apart from it.
    for (text, toll) in [
        ("Publié le : 2023-03-10\n\nDimanche, l'attaque de Gao a fait 1 200 morts.\n", 1200),
        ("Publié le : 2023-03-10\n\nDimanche, l'attaque de Gao a fait 10\u{a0}000 morts.\n", 10000),
        ("Published: 2023-03-10\n\nOn Sunday the attack on Gao killed 2\u{202f}500 people.\n", 2500),
        ("Publié le : 2023-03-10\n\nLe 5 mars 2023 120 civils ont été tués lors de l'attaque de Gao.\n", 120),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn more_told_with_a_casualty_word_of_their_own_are_not_more_dead() {
    // "and two more …" adds to the dead only when no other casualty word tells what
    // befell them.
    for (text, toll) in [
        ("Published: 2023-03-10\n\nOn Sunday gunmen attacked a patrol near Gao; one gendarme and one civilian were killed and two more gendarmes were wounded.\n", 2),
        ("Published: 2023-03-10\n\nOn Sunday three soldiers died in an ambush near Gao and two more were injured.\n", 3),
        ("Published: 2023-03-10\n\nOn Sunday four migrants died in an attack near Gao and two more at the hospital.\n", 6),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn a_vague_quantity_gives_no_bound_the_source_did_not() {
    // "hundreds" is at least 200 and says no more: the range is 200 to 200, not to 999.
    for (text, least) in [
        ("Published: 2023-03-10\n\nOn Sunday gunmen killed hundreds of villagers in Gao.\n", 200),
        ("Publié le : 2023-03-10\n\nDimanche, des centaines de civils ont été tués à Gao.\n", 200),
        ("Published: 2023-03-10\n\nOn Sunday dozens of people were killed in an attack on Gao.\n", 24),
    ] {
        let found = extract(text);
        let tolls: Vec<_> = found
            .incidents
            .iter()
            .map(|i| incimap::fuse::toll(&i.figures, incimap::lexicon::CasualtyRole::Killed))
            .collect();
        assert_eq!(tolls, [(Some(least), Some(least), Some(least))], "{text}");
    }
}

#[test]
fn a_distance_in_words_is_no_toll() {
    for (text, toll) in [
        ("Publié le : 2023-03-10\n\nDimanche, l'armée a attaqué une base à Gao, à moins de cinq kilomètres de la frontière, et tué huit jihadistes.\n", 8),
        ("Published: 2023-03-10\n\nOn Sunday gunmen ambushed a convoy two miles from Gao and killed eight soldiers.\n", 8),
        ("Published: 2023-03-10\n\nOn Sunday soldiers raided a camp some three kilometres from Gao, killing eight militants.\n", 8),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn shelling_told_with_an_assault_on_the_ground_is_a_battle() {
    for text in [
        "Publié le : 2023-03-10\n\nDimanche, des hommes armés ont attaqué le camp de Gao à coups d'obus, tuant 12 soldats.\n",
        "Publié le : 2023-03-10\n\nDimanche, après des tirs d'obus, les assaillants ont pris d'assaut le camp de Gao et tué 12 soldats.\n",
        "Publié le : 2023-03-10\n\nDimanche, une embuscade appuyée par des tirs de mortier a tué 12 soldats près de Gao.\n",
        "Published: 2023-03-10\n\nOn Sunday gunmen shelled and then stormed the camp in Gao, killing 12 soldiers.\n",
    ] {
        let found = extract(text);
        let types: Vec<&str> = found.incidents.iter().map(|i| i.event_type.as_str()).collect();
        assert_eq!(types, ["Battles"], "{text}");
    }
}

#[test]
fn a_french_toll_update_with_an_elided_word_is_read() {
    // "s'est alourdi à", "s'élève à", "s'établit à" (toll_updates.txt) carry the count
    // of the casualty word before them.
    for (text, toll) in [
        ("Publié le : 2023-03-15\n\nSamedi, des hommes armés ont attaqué le camp de Gao : le nombre de morts s'est alourdi à 22, selon l'armée.\n", 22),
        ("Publié le : 2023-03-15\n\nSamedi, des hommes armés ont attaqué le camp de Gao : le nombre de morts s’élève à 30.\n", 30),
        ("Publié le : 2023-03-15\n\nSamedi, des hommes armés ont attaqué le camp de Gao : le nombre de morts s'établit à 40.\n", 40),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn the_missing_are_counted_apart_from_the_dead() {
    // (The attackers' dead join the soldiers': 17 + 7; the missing join no one.)
    for (text, toll) in [
        ("Published: 2023-03-10\n\nOn Sunday an attack on the camp in Gao left 17 soldiers killed, nine soldiers missing and seven attackers killed.\n", 24),
        ("Publié le : 2023-03-10\n\nDimanche, l'attaque du camp de Gao a fait 17 soldats tués, neuf militaires portés disparus et sept ennemis abattus.\n", 24),
        ("Published: 2023-03-10\n\nOn Sunday gunmen attacked a bus near Gao: 12 passengers are missing and three were killed.\n", 3),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn a_stated_total_is_the_toll_over_its_parts() {
    for text in [
        "Publié le : 2022-08-11\n\nVendredi à Bankass, des hommes armés ont abattu deux civils. La charge a explosé, tuant au moins dix autres personnes, soit au moins douze morts au total.\n",
        "Published: 2022-08-11\n\nOn Friday in Bankass, gunmen shot dead two civilians. The charge exploded, killing at least ten more people, at least twelve dead in all.\n",
        "Published: 2022-08-11\n\nOn Friday in Bankass, gunmen shot dead two civilians. The charge exploded, killing ten more; a total of 12 people were killed.\n",
    ] {
        assert_killed(text, 12);
    }
}

#[test]
fn of_two_dates_in_a_clause_the_one_by_the_event_word_is_its_day() {
    for text in [
        "Publié le : 2022-08-11\n\nLe président a décrété un deuil national après la publication, mercredi soir, d'un bilan de l'attaque qui a visé dimanche le camp de Tessit, tuant 42 soldats.\n",
        "Published: 2022-08-11\n\nThe president declared national mourning after the publication on Wednesday night of the toll of the attack that hit the camp in Tessit on Sunday, killing 42 soldiers.\n",
        "Published: 2022-08-11\n\nA toll released on Wednesday says the ambush on Sunday near Tessit killed 42 soldiers.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.iter().map(date_of).collect::<Vec<_>>(), ["2022-08-07"], "{text}");
    }
}

#[test]
fn a_weekday_gives_way_to_the_full_date_of_a_later_telling() {
    for text in [
        "ABIDJAN (AFP) - Une dizaine de soldats ont été tués jeudi dans l'attaque d'un poste de l'armée à Kafolo. Le poste de Kafolo a été attaqué « ce jeudi 11 juin 2020, vers 3 heures ».\n",
        "ABIDJAN (AFP) - About ten soldiers were killed on Thursday in an attack on an army post in Kafolo. The Kafolo post was attacked \"this Thursday, 11 June 2020, at about 3 a.m.\".\n",
        "ABIDJAN (AFP) - About ten soldiers were killed on Thursday in an attack on an army post in Kafolo. The attack on Kafolo came on 11 June 2020.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.iter().map(date_of).collect::<Vec<_>>(), ["2020-06-11"], "{text}");
    }
}

#[test]
fn a_distance_from_a_town_at_home_overrules_a_same_name_city_abroad() {
    // Palma, Mozambique, is not in the default gazetteer; Palma de Mallorca is.
    for text in [
        "PEMBA, March 29 – Insurgents stormed Palma in Mozambique on Wednesday, killing 12 \
         people. Palma lies some sixty-five kilometres north of Mocímboa da Praia.\n",
        "Insurgents stormed the town of Palma in northern Mozambique on Wednesday, killing \
         12 people, residents of nearby Mocímboa da Praia, about 65 km south of Palma, said.\n",
        "Des insurgés ont attaqué mercredi la ville de Palma, au Mozambique, tuant 12 \
         personnes. Palma se trouve à 65 kilomètres au nord de Mocímboa da Praia.\n",
    ] {
        let found = extract(text);
        let palma: Vec<_> = found
            .incidents
            .iter()
            .filter_map(|i| i.place.as_ref())
            .filter(|p| p.name == "Palma")
            .collect();
        assert!(!palma.is_empty(), "{text}: {:?}", found.incidents);
        assert!(
            palma.iter().all(|p| p.country_code == "MZ"),
            "{text}: {palma:?}"
        );
    }
}

#[test]
fn the_region_an_article_names_picks_among_same_name_towns() {
    for (text, region) in [
        (
            "Gunmen attacked the town hall of Villa Unión, a small town in the state of \
             Coahuila, on Saturday, killing 14 people.\n",
            "Coahuila de Zaragoza",
        ),
        (
            "Bandits killed 12 villagers in Lere, Bauchi State, on Monday, police said.\n",
            "Bauchi",
        ),
        (
            "Des bandits ont tué douze villageois lundi à Lere, dans l'État de Bauchi, \
             selon la police.\n",
            "Bauchi",
        ),
    ] {
        let found = extract(text);
        assert!(!found.incidents.is_empty(), "{text}");
        assert_every(&found, |i| {
            i.place.as_ref().is_some_and(|p| p.admin1 == region)
        });
    }
}

#[test]
fn the_attackers_own_dead_add_to_a_toll_of_the_other_side() {
    for (text, killed) in [
        (
            "Gunmen attacked an army post in Mopti on Sunday. Fifteen soldiers were killed, \
             the army said, adding that 30 attackers were killed.\n",
            45,
        ),
        (
            "Jihadists stormed a village near Djibo on 3 May, killing 12 civilians. Troops \
             who arrived later neutralised eight of the assailants.\n",
            20,
        ),
        (
            "Des jihadistes ont attaqué dimanche un poste de l'armée à Mopti. Quinze \
             militaires ont été tués. L'armée affirme avoir neutralisé 30 terroristes.\n",
            45,
        ),
        // "also": the other side's dead, told after the toll of one side.
        (
            "Gunmen attacked an army post in Mopti on Sunday. Twelve soldiers were killed. \
             Four attackers were also killed.\n",
            16,
        ),
        (
            "Gunmen attacked an army post in Mopti on Sunday, killing twelve soldiers; four \
             of the assailants were also killed.\n",
            16,
        ),
        (
            "Des jihadistes ont attaqué dimanche un poste de l'armée à Mopti. Douze soldats \
             ont été tués. Quatre assaillants ont également été tués.\n",
            16,
        ),
        // Counted together already, or a toll that names no side: nothing is added.
        (
            "Gunmen attacked an army post in Mopti on Sunday; two soldiers and five \
             attackers were killed. The army said five attackers were neutralised.\n",
            7,
        ),
        (
            "Gunmen attacked an army post in Mopti on Sunday. Twenty people were killed. \
             Five attackers were among the dead.\n",
            20,
        ),
    ] {
        let found = extract(text);
        let tolls: Vec<Option<u64>> = found
            .incidents
            .iter()
            .map(|i| incimap::fuse::toll(&i.figures, incimap::lexicon::CasualtyRole::Killed).0)
            .collect();
        assert_eq!(tolls, [Some(killed)], "{text}");
    }
}

#[test]
fn a_day_counted_back_from_a_date_told_just_before_is_the_incident_day() {
    for (text, day) in [
        (
            "Mourners gathered in Mopti on Saturday 14 March 2026, the day after gunmen \
             attacked the market, killing nine people.\n",
            "2026-03-13",
        ),
        (
            "The dead were buried in Djibo on 5 May 2025, two days after jihadists attacked \
             the town and killed 12 villagers.\n",
            "2025-05-03",
        ),
        (
            "The dead were buried in Djibo on 5 May 2025, two days after the attack in which \
             jihadists killed 12 villagers.\n",
            "2025-05-03",
        ),
        (
            "Un deuil national a commencé ce samedi 22 mars 2025, au lendemain de l'attaque \
             qui a tué 44 fidèles à Mopti.\n",
            "2025-03-21",
        ),
        (
            "Le 10 juin 2024, trois jours après l'embuscade qui a coûté la vie à sept soldats \
             près de Kati, l'armée a lancé une opération.\n",
            "2024-06-07",
        ),
    ] {
        assert_some_incident_on(text, day);
    }
}

#[test]
fn the_day_a_report_was_made_public_is_not_the_incident_day() {
    for text in [
        "Published at: 2025-03-21\n\nOn Saturday 15 March, special forces raided an Islamic \
         State camp near Tillabéri. According to a report published on Wednesday, 45 \
         assailants were killed.\n",
        "Published at: 2025-03-21\n\nLe samedi 15 mars, les forces spéciales ont attaqué un \
         camp de l'EIGS près de Tillabéri. Selon le bulletin des opérations rendu public \
         mercredi, 45 assaillants ont été neutralisés.\n",
        "Published at: 2025-03-21\n\nLe samedi 15 mars, l'armée a attaqué un camp de l'EIGS \
         près de Tillabéri. Selon un rapport publié lundi, 45 assaillants ont été tués.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        let raid = &found.incidents[0];
        assert_eq!(
            raid.date.expect("a date").date.to_string(),
            "2025-03-15",
            "{text}"
        );
        assert_eq!(killed(raid), Some(45), "{text}");
    }
}

#[test]
fn the_day_a_statement_was_made_after_the_incident_does_not_date_it() {
    for (text, day) in [
        (
            "Publié le : 2024-03-14\n\nDes jihadistes ont tué dix civils à Ménaka dimanche. Mardi, \
             l'armée a annoncé que les assaillants avaient été repoussés.\n",
            "2024-03-10",
        ),
        (
            "Publié le : 2024-03-14\n\nDes hommes armés ont tué huit civils samedi dans le village \
             de Kati. Lundi soir, le gouverneur a déclaré que les assaillants avaient fui.\n",
            "2024-03-09",
        ),
        (
            "Publié le : 2024-03-14\n\nDes hommes armés ont tué huit civils dans le village de Kati \
             samedi. Dimanche, selon un communiqué de l'armée, les assaillants ont fui vers le \
             nord.\n",
            "2024-03-09",
        ),
        (
            "Publié le : 2024-03-14\n\nDes jihadistes ont tué dix civils à Ménaka dimanche. Mardi \
             soir, l’armée a rapporté que les assaillants avaient été repoussés.\n",
            "2024-03-10",
        ),
        (
            "Published: 2024-03-14\n\nGunmen killed six villagers near Mopti on Sunday. On Tuesday, \
             the governor warned that more attacks could follow.\n",
            "2024-03-10",
        ),
    ] {
        let found = extract(text);
        assert!(!found.incidents.is_empty(), "{text}");
        assert_every(&found, |i| date_of(i) == day);
    }
}

#[test]
fn without_a_publication_date_a_day_is_read_in_the_story_told() {
    for (text, day) in [
        (
            "The inquiry into the ambush of 4 October 2017 near Niamey found failures.\n\n\
             On 21 October that year, gunmen attacked the gendarmerie post at Ayorou, \
             killing thirteen gendarmes.\n",
            "2017-10-21",
        ),
        (
            "Victims of the bombing were brought to hospitals on September 29, 2023.\n\n\
             Two bombers attacked a police station in Hangu on Friday, killing five people.\n",
            "2023-09-29",
        ),
        (
            "Le 28 décembre 2019, l'armée a repoussé une attaque près de Mopti.\n\n\
             Le 3 janvier, des hommes armés ont attaqué le village de Kati, tuant six civils.\n",
            "2020-01-03",
        ),
    ] {
        assert_some_incident_on(text, day);
    }
}

#[test]
fn a_count_told_as_more_adds_to_the_one_told_before() {
    for (text, toll) in [
        (
            "Gunmen attacked a market in Mopti on Sunday, killing 12 people. Rescuers later \
             found five more bodies in the rubble.\n",
            17,
        ),
        (
            "Twelve soldiers were killed when jihadists attacked an army post near Djibo on \
             3 May. Two more soldiers died of their wounds in hospital.\n",
            14,
        ),
        (
            "Twelve soldiers were killed when jihadists attacked an army post near Djibo on \
             3 May. Two others died of their wounds in hospital.\n",
            14,
        ),
        (
            "Douze soldats ont été tués lors de l'attaque d'un poste de l'armée près de Djibo \
             le 3 mai. Deux autres soldats sont morts à l'hôpital.\n",
            14,
        ),
        // Told alone, it is the toll.
        (
            "Troops clashed with jihadists near Kati on Sunday, and seven more militants were \
             killed.\n",
            7,
        ),
    ] {
        let found = extract(&format!("Published at: 2025-05-05\n\n{text}"));
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        let figures = &found.incidents[0].figures;
        let decision = incimap::fuse::toll(figures, incimap::lexicon::CasualtyRole::Killed);
        assert_eq!(decision.0, Some(toll), "{text}: {figures:?}");
    }
}

#[test]
fn a_name_before_an_event_noun_places_the_event() {
    for text in [
        "Toll from Bankass massacre rises to 132\n\nPublished: 21 June 2022\n",
        "Survivors recount the Bankass massacre that killed 132 people on Sunday.\n",
        "Mourners bury the victims of Sunday's Bankass attack, which killed 132.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Bankass"], "{text}");
    }
    // A name before a verb is its subject, not a place cued by the event.
    let spotted = incimap::extract::annotate::places::spot("Dakar attacked the plan on Sunday.");
    assert!(spotted.iter().all(|m| !m.cued), "{spotted:?}");
    let spotted = incimap::extract::annotate::places::spot("He spoke of the Dakar attack.");
    assert!(spotted.iter().any(|m| m.cued), "{spotted:?}");
}

#[test]
fn a_day_told_with_the_incident_before_a_speech_tag_is_the_incidents() {
    for text in [
        "Published: 22 June 2022\n\nGunmen killed 40 people in Bankass on Sunday, officials said.\n",
        "Published: 22 June 2022\n\nTen soldiers died in an ambush near Mopti on Sunday, the army said in a statement.\n",
        "Publié le 22 juin 2022\n\nDes hommes armés ont tué 40 civils à Bankass dimanche, a annoncé le gouvernement.\n",
    ] {
        assert_some_incident_on(text, "2022-06-19");
    }
    // A toll update's day is the day it was given, not the incident's.
    let found = extract(
        "Published: 22 June 2022\n\nGunmen attacked Bankass on Saturday, killing 40. \
         The toll rose to 50 on Tuesday, officials said.\n",
    );
    assert_every(&found, |i| {
        i.date.is_some_and(|d| d.date.to_string() == "2022-06-18")
    });
}

#[test]
fn a_weekend_gives_way_to_a_day_within_it() {
    for text in [
        "Published: 22 June 2022\n\nGunmen stormed Bankass over the weekend, killing 40. \
         Survivors said the gunmen opened fire in Bankass on Saturday afternoon.\n",
        "Published: 22 June 2022\n\nGunmen attacked Bankass last weekend. Residents said \
         the attack on Bankass began on Saturday night and killed 40.\n",
        "Publié le 22 juin 2022\n\nDes hommes armés ont attaqué Bankass ce week-end, tuant 40 \
         civils. Selon des rescapés, les assaillants sont entrés à Bankass samedi soir.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        let date = found.incidents[0].date.expect("a date");
        assert_eq!(
            (date.date.to_string(), date.precision),
            ("2022-06-18".into(), 1),
            "{text}"
        );
    }
}

#[test]
fn fighting_since_a_day_of_the_week_is_an_incident_of_that_day() {
    for text in [
        "Publié le 17 mai 2017\n\nÀ Bria, des affrontements opposent depuis lundi des miliciens \
         centrafricains rivaux. La mission de l'ONU a communiqué un bilan de cinq morts.\n",
        "Published: 17 May 2017\n\nFighting has raged in Bria, Central African Republic, since \
         Monday between rival militias, killing five people.\n",
        "Published: 17 May 2017\n\nIn the Central African Republic, clashes between rival \
         militias have gone on in Bria since Monday, leaving five dead.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Bria"], "{text}");
        assert_some_incident_on(text, "2017-05-15");
    }
    // A campaign that opened weeks before is no day of an incident.
    let found = extract(
        "Published: 4 October 2024\n\nClose to 200 people have been abducted in Culiacán \
         since the violence erupted on 9 September.\n",
    );
    assert_every(&found, |i| {
        i.date.is_none_or(|d| d.date.to_string() != "2024-09-09")
    });
}

#[test]
fn an_acronym_is_no_town_that_goes_by_it() {
    // "ONU" is another name of Auneau, in France: read as a place it made the article
    // French and the town of the incident foreign.
    for text in [
        "Publié le 17 mai 2017\n\nÀ Bria, des combats ont fait cinq morts lundi. \
         La mission de l'ONU a communiqué ce bilan.\n",
        "Publié le 17 mai 2017\n\nÀ Bria, des combats ont fait cinq morts lundi. \
         Le représentant de l'ONU a condamné ces violences.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Bria"], "{text}");
    }
    // A town's own name in capitals is the town.
    let found = extract("GAO, 3 mars 2020 - Des hommes armés ont tué cinq civils dans la ville.\n");
    assert_eq!(places(&found), ["Gao"]);
}

#[test]
fn a_month_named_alone_dates_an_incident_of_last_month_and_makes_older_ones_background() {
    for (text, day) in [
        (
            "Published: 30 November 2020\n\nIn October, insurgents killed 22 farmers in fields outside Maiduguri.\n",
            "2020-10-15",
        ),
        (
            "Publié le 30 novembre 2020\n\nEn octobre, des insurgés ont tué 22 paysans près de Maiduguri.\n",
            "2020-10-15",
        ),
        (
            "Published: 30 November 2020\n\nEarlier in November, gunmen killed 22 farmers near Maiduguri.\n",
            "2020-11-15",
        ),
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        let date = found.incidents[0].date.expect("a date");
        assert_eq!((date.date.to_string(), date.precision), (day.to_string(), 3), "{text}");
    }
    // Months before the last one are the past; an abbreviation or a word that is also a
    // number ("sept autres blessés") is no month.
    let found =
        extract("Published: 30 November 2020\n\nIn June, fighters killed 81 people near Gubio.\n");
    assert!(found.incidents.is_empty(), "{:?}", found.incidents);
    let found = extract(
        "Publié le 30 novembre 2020\n\nNeuf soldats ont été tués mardi à Maiduguri et sept autres blessés.\n",
    );
    assert_eq!(found.incidents.len(), 1, "{:?}", found.incidents);
    assert_eq!(found.incidents[0].date.map(|d| d.precision), Some(1));
}

#[test]
fn the_town_is_never_where_someone_spoke() {
    for text in [
        "Published: 2 December 2020\n\nGunmen killed 12 villagers in Gwoza on Sunday. In Abuja, \
         the presidency issued a statement condemning the killings. On Tuesday, gunmen killed \
         five more people outside the town.\n",
        "Published: 2 December 2020\n\nGunmen killed 12 villagers in Gwoza on Sunday. The \
         president told reporters in Abuja that the killers would be found. On Tuesday, gunmen \
         killed five more people near the town.\n",
        "Published: 2 December 2020\n\nDes hommes armés ont tué 12 villageois à Gwoza dimanche. \
         À Abuja, la présidence a publié un communiqué. Mardi, des hommes armés ont tué cinq \
         personnes près de la ville.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Gwoza", "Gwoza"], "{text}");
    }
}

#[test]
fn a_dateline_without_a_year_takes_the_year_of_the_day_the_body_gives_in_full() {
    for (text, older) in [
        (
            "ABIDJAN, 11 juin (AFP) - Des hommes armés ont tué dix soldats à Kafolo dans la nuit \
             de mercredi à jeudi, a annoncé l'état-major, qui situe l'attaque « ce jeudi 11 juin \
             2020 ».\n\nC'est l'attaque la plus meurtrière depuis l'attentat de Grand-Bassam, le \
             13 mars 2016, qui avait fait 19 morts.\n\nLe 13 mai, des soldats avaient tué huit \
             jihadistes à Kafolo.\n",
            "2020-05-13",
        ),
        (
            "BAMAKO, Oct 2 (Reuters) - Gunmen killed 25 soldiers in Boni on Tuesday, October 1, \
             2019, the army said.\n\nIt was the deadliest attack since an ambush near Gao on 12 \
             January 2016 killed 30 soldiers.\n\nOn September 20, gunmen killed five herders in \
             Douentza.\n",
            "2019-09-20",
        ),
        (
            "NIAMEY, Dec 12 (AFP) - Jihadists killed 71 soldiers at Inates on Tuesday, December \
             10, 2019, the defence ministry said.\n\nThe army had lost 16 soldiers near Ayorou on \
             14 May 2017.\n\nOn November 18, an ambush killed 12 soldiers near Tillabéri.\n",
            "2019-11-18",
        ),
    ] {
        assert_some_incident_on(text, older);
    }
}

#[test]
fn a_name_next_to_a_river_word_is_the_river_not_the_place() {
    for (text, place) in [
        (
            "Published: 12 June 2020\n\nGunmen killed ten soldiers in Kafolo on Thursday. \
             Residents said the shooting went on for hours along the Comoé River.\n",
            "Kafolo",
        ),
        (
            "Publié le 12 juin 2020\n\nDes hommes armés ont tué dix soldats à Kafolo jeudi. \
             D'après des habitants, les tirs se sont prolongés sur la rive du fleuve Comoé.\n",
            "Kafolo",
        ),
        (
            "Publié le 12 juin 2020\n\nDes assaillants ont tué six pêcheurs à Ouidah mardi. Les \
             tirs ont duré des heures le long de la rivière Mono.\n",
            "Ouidah",
        ),
    ] {
        let found = extract(text);
        assert_eq!(places(&found), [place], "{text}: {:?}", found.incidents);
    }
}

#[test]
fn a_report_told_after_the_lead_without_a_day_takes_the_storys_day_to_the_week() {
    for (text, place, day) in [
        (
            "Publié le 20 octobre 2022\n\nUne cinquantaine de manifestants ont été tués jeudi à \
             N'Djamena, a annoncé le Premier ministre.\n\nÀ Moundou, deuxième ville du pays, les \
             rassemblements ont été dispersés à balles réelles. Une centaine de blessés ont été \
             admis à l'hôpital.\n",
            "Moundou",
            "2022-10-20",
        ),
        (
            "Published: 21 October 2022\n\nPolice killed 50 protesters in N'Djamena on Thursday, \
             the prime minister said.\n\nIn Moundou, the second city, security forces fired on \
             crowds, wounding about 100 people.\n",
            "Moundou",
            "2022-10-20",
        ),
        (
            "Published: 4 March 2023\n\nGunmen killed 12 villagers in Kati on Friday, officials \
             said.\n\nIn Koulikoro, two soldiers were wounded when their patrol was ambushed.\n",
            "Koulikoro",
            "2023-03-03",
        ),
    ] {
        let found = extract(text);
        let inc = found
            .incidents
            .iter()
            .find(|i| i.place.as_ref().is_some_and(|p| p.name == place))
            .unwrap_or_else(|| panic!("{text}: {:?}", found.incidents));
        let date = inc.date.expect("the story's day");
        assert_eq!(
            (date.date.to_string(), date.precision),
            (day.to_string(), 2),
            "{text}"
        );
    }
}

#[test]
fn a_count_its_parts_follow_between_commas_is_the_whole_toll() {
    for text in [
        "Published: 2 October 2023\n\nOn Friday two gunmen stormed a police station in Gao; one \
         was shot dead at the gate. Five people, a policeman and four civilians, were killed, \
         police said, although early reports put the dead at four.\n",
        "Published: 2 October 2023\n\nOn Friday a suicide bomber attacked a mosque in Gao. \
         Six people, two soldiers and four worshippers, died, officials said; a first count \
         gave three dead.\n",
        "Publié le 2 octobre 2023\n\nVendredi, deux assaillants ont attaqué un commissariat à \
         Gao ; l'un a été abattu à l'entrée. Cinq personnes, un policier et quatre civils, ont \
         été tuées, selon la police, qui avait d'abord annoncé trois morts.\n",
    ] {
        let whole = if text.contains("Six") { 6 } else { 5 };
        assert_killed(text, whole);
    }
}

#[test]
fn a_count_cut_from_its_passive_verb_by_an_aside_is_the_toll() {
    for (text, toll) in [
        (
            "Published: 3 January 2021\n\nOn Saturday two French soldiers of Operation \
             Barkhane, a sergeant and a corporal, were killed when their vehicle struck a \
             roadside bomb near Gao.\n",
            2,
        ),
        (
            "Published: 3 January 2021\n\nOn Saturday seven members of the National Guard \
             (GN), the force that patrols the border, were killed in an ambush near Gao.\n",
            7,
        ),
        (
            "Publié le 3 janvier 2021\n\nSamedi, six militaires et 34 Volontaires pour la \
             défense de la patrie (VDP), les supplétifs civils de l'armée, avaient été tués \
             dans une attaque près de Gao.\n",
            40,
        ),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn a_count_with_its_thousands_grouped_by_dots_is_read() {
    for (text, toll) in [
        (
            "Published: 2 October 2023\n\nOn Friday gunmen attacked Gao, killing 1.200 people.\n",
            1200,
        ),
        (
            "Publié le 2 octobre 2023\n\nVendredi, des hommes armés ont attaqué Gao, faisant \
             2.500 morts et 1.300 blessés.\n",
            2500,
        ),
        (
            "Publié le 2 octobre 2023\n\nVendredi, au moins 1.050 civils ont été tués lors \
             d'une attaque à Gao.\n",
            1050,
        ),
    ] {
        assert_killed(text, toll);
    }
    // A decimal or a time is no count.
    let found = extract(
        "Published: 2 October 2023\n\nOn Friday gunmen attacked Gao at 10.30, killing 1.5 people.\n",
    );
    assert_every(&found, |i| killed(i).is_none());
}

#[test]
fn a_camp_or_a_base_lies_in_the_town_named_before() {
    for (text, place) in [
        (
            "Publié le 15 novembre 2023\n\nL'armée a repris la ville de Kidal mardi.\n\nLe 7 \
             novembre, des frappes de drones avaient visé l'ancien camp de la Minusma, tuant dix \
             civils.\n",
            "Kidal",
        ),
        (
            "Published: 15 November 2023\n\nThe army entered Kidal on Tuesday.\n\nOn November 7, \
             drone strikes hit the former UN camp, killing ten civilians.\n",
            "Kidal",
        ),
        (
            "Published: 4 March 2023\n\nGunmen killed two herders near Diffa on Thursday.\n\nOn \
             Friday, gunmen attacked the army base, killing five soldiers.\n",
            "Diffa",
        ),
    ] {
        let found = extract(text);
        assert!(
            found
                .incidents
                .iter()
                .any(|i| i.place.as_ref().is_some_and(|p| p.name == place)
                    && i.figures.iter().any(|f| f.value >= 5)),
            "{text}: {:?}",
            found.incidents
        );
    }
}

#[test]
fn a_count_before_a_colon_does_not_take_the_verb_of_the_count_after_it() {
    for (text, toll) in [
        (
            "Publié le 5 novembre 2021\n\nUne embuscade a eu lieu mardi près de Tillabéri, dans \
             la zone dite des « trois frontières » : soixante-neuf personnes ont été tuées.\n",
            69,
        ),
        (
            "Published: 5 November 2021\n\nAn ambush took place on Tuesday near Tillabéri, in \
             the three borders area: sixty-nine people were killed.\n",
            69,
        ),
        (
            "Published: 5 November 2021\n\nGunmen blocked the two main roads near Tillabéri on \
             Tuesday: forty-one travellers were killed.\n",
            41,
        ),
    ] {
        assert_killed(text, toll);
    }
}

/// Asserts that a text tells one incident, at Gao, on `day`.
fn assert_one_incident_on(text: &str, day: &str) {
    let found = extract(text);
    assert_eq!(places(&found), ["Gao"], "{text}: {:?}", found.incidents);
    assert_some_incident_on(text, day);
}

#[test]
fn a_burial_on_a_later_day_is_no_incident_of_its_own() {
    for text in [
        "Published: 2 October 2023\n\nOn Friday gunmen attacked Gao, killing 12 villagers.\n\n\
         Twelve bodies were buried in Gao on Sunday.\n",
        "Published: 2 October 2023\n\nOn Friday gunmen attacked Gao, killing 12 villagers.\n\n\
         The funerals of the 12 people killed were held in Gao on Sunday.\n",
        "Publié le 2 octobre 2023\n\nVendredi, des hommes armés ont attaqué Gao, tuant 12 \
         villageois.\n\nLes 12 personnes tuées ont été inhumées dimanche à Gao.\n",
    ] {
        assert_one_incident_on(text, "2023-09-29");
    }
}

#[test]
fn a_toll_update_on_a_later_day_belongs_to_the_incident_it_updates() {
    for text in [
        "Published: 2 October 2023\n\nOn Friday gunmen attacked Gao, killing 12 villagers.\n\n\
         On Sunday the governor put the total at 20 killed in Gao.\n",
        "Published: 2 October 2023\n\nOn Friday gunmen attacked Gao, killing 12 villagers.\n\n\
         On Sunday officials in Gao raised the death toll to 20 killed.\n",
        "Publié le 2 octobre 2023\n\nVendredi, des hommes armés ont attaqué Gao, tuant 12 \
         villageois.\n\nDimanche, le bilan de l'attaque de Gao est passé à 15 morts, dont \
         trois soldats.\n",
    ] {
        assert_one_incident_on(text, "2023-09-29");
    }
}

#[test]
fn a_town_people_were_coming_back_from_is_not_where_they_were_attacked() {
    for (text, place) in [
        (
            "Publié le 25 octobre 2021\n\nLe 20 octobre, une embuscade tendue près de Bankilaré \
             contre le convoi du préfet, qui rentrait de Téra, a tué onze soldats.\n",
            "Bankilaré",
        ),
        (
            "Publié le 25 octobre 2021\n\nMardi, un bus qui revenait de Dori a sauté sur une \
             mine près de Gorom-Gorom, tuant dix passagers.\n",
            "Gorom-Gorom",
        ),
        (
            "Publié le 25 octobre 2021\n\nJeudi, des soldats rentrant de Kati ont été tués dans \
             une embuscade à Kolokani.\n",
            "Kolokani",
        ),
    ] {
        let found = extract(text);
        assert_eq!(places(&found), [place], "{text}: {:?}", found.incidents);
    }
}

#[test]
fn a_town_a_convoy_was_heading_for_is_not_where_it_was_attacked() {
    for (text, place) in [
        (
            "Published: 2 October 2023\n\nOn Monday a fuel convoy heading for Gao was ambushed \
             near Bourem, killing nine soldiers.\n",
            "Bourem",
        ),
        (
            "Published: 2 October 2023\n\nOn Tuesday a bus bound for Mopti hit a mine near \
             Bandiagara, killing ten passengers.\n",
            "Bandiagara",
        ),
        (
            "Published: 2 October 2023\n\nOn Monday a truck headed for Kaya was attacked \
             outside Kongoussi, killing five drivers.\n",
            "Kongoussi",
        ),
        (
            "Publié le 2 octobre 2023\n\nLundi, un convoi en direction de Dori est tombé dans \
             une embuscade près de Gorom-Gorom, tuant neuf soldats.\n",
            "Gorom-Gorom",
        ),
        (
            "Publié le 2 octobre 2023\n\nMardi, un car à destination de Niamey a sauté sur une \
             mine près de Téra, tuant dix passagers.\n",
            "Téra",
        ),
        (
            "Publié le 2 octobre 2023\n\nLundi, un camion en direction de Kaya a été attaqué \
             près de Kongoussi, tuant cinq chauffeurs.\n",
            "Kongoussi",
        ),
    ] {
        let found = extract(text);
        assert_eq!(places(&found), [place], "{text}: {:?}", found.incidents);
    }
}

#[test]
fn a_building_or_market_of_a_village_makes_the_village_a_place() {
    // Villages of a few hundred people, named only after "the mosque of", "le marché de":
    // the words make them places of the country the article is about.
    for (text, place) in [
        (
            "Published: 2 October 2023\n\nGunmen attacked Kaya and Dori on Thursday, killing \
             four soldiers.\n\nOn Friday gunmen killed 12 worshippers at the mosque of Nanom.\n",
            "Nanom",
        ),
        (
            "Published: 2 October 2023\n\nGunmen attacked Kaya and Dori on Thursday, killing \
             four soldiers.\n\nOn Friday a bomb killed six traders at the market of Gonna.\n",
            "Gonna",
        ),
        (
            "Publié le 2 octobre 2023\n\nJeudi, des hommes armés ont attaqué Kaya et Dori, \
             tuant quatre soldats.\n\nVendredi, des hommes armés ont tué douze fidèles dans la \
             mosquée de Nanom.\n",
            "Nanom",
        ),
        (
            "Publié le 2 octobre 2023\n\nJeudi, des hommes armés ont attaqué Kaya et Dori, \
             tuant quatre soldats.\n\nVendredi, une bombe a tué six commerçants au marché de \
             Gonna.\n",
            "Gonna",
        ),
        (
            "Publié le 2 octobre 2023\n\nJeudi, des hommes armés ont attaqué Kaya et Dori, \
             tuant quatre soldats.\n\nDimanche, des hommes armés ont tué cinq fidèles devant \
             l’église de Sièn.\n",
            "Sièn",
        ),
    ] {
        let found = extract(text);
        assert!(
            places(&found).iter().any(|p| p == place),
            "{text}: {:?}",
            found.incidents
        );
    }
}

#[test]
fn a_place_learned_under_one_spelling_places_the_same_name_written_together() {
    for text in [
        "Published: 2 October 2023\n\nGunmen attacked Intahara on Sunday, killing five \
         herders.\n\nInta Hara, as the name is often written, lies about twenty kilometres \
         north of Gao.\n",
        "Published: 2 October 2023\n\nTin Keri lies some thirty kilometres east of Mopti.\n\n\
         On Sunday gunmen attacked Tinkeri, killing five herders.\n",
        "Published: 2 October 2023\n\nOn Sunday gunmen attacked Tinkeri, killing five \
         herders. Tin Keri sits about thirty kilometres south of Mopti.\n",
        "Publié le 2 octobre 2023\n\nDimanche, des hommes armés ont attaqué Intahara, tuant \
         cinq éleveurs.\n\nInta Hara, comme on l’écrit souvent, se trouve à une vingtaine de \
         kilomètres au nord de Gao.\n",
        "Publié le 2 octobre 2023\n\nTin Keri se trouve à une trentaine de kilomètres à l’est \
         de Mopti.\n\nDimanche, des hommes armés ont attaqué Tinkeri, tuant cinq éleveurs.\n",
        "Publié le 2 octobre 2023\n\nDimanche, des hommes armés ont attaqué Tinkeri, tuant cinq \
         éleveurs. Tin Keri, situé à une trentaine de kilomètres au sud de Mopti.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        let place = found.incidents[0].place.as_ref().expect("a place");
        assert!(place.unlisted && place.score == 0.0, "{text}: {place:?}");
    }
}

#[test]
fn a_second_blast_is_another_incident_whose_toll_stays_its_own_not_a_second_victim() {
    for text in [
        "Published: 16 October 2017\n\nA truck bomb exploded in Kismayo on Saturday, \
         killing 80 people.\n\nAbout two hours later a second, smaller device exploded in \
         Hawl Wadaag district; officials said two people were killed there.\n",
        "Published: 16 October 2017\n\nA truck bomb exploded in Kismayo on Saturday, \
         killing 80 people.\n\nLater that day a second bomb went off in Hawl Wadaag \
         district. Two people were killed.\n",
        "Publié le 16 octobre 2017\n\nUn camion piégé a explosé samedi à Kismayo, tuant \
         80 personnes.\n\nDeux heures plus tard, une seconde explosion a secoué le quartier \
         de Hawl Wadaag ; deux personnes y ont été tuées.\n",
    ] {
        let found = extract(text);
        let kismayo = found
            .incidents
            .iter()
            .find(|i| i.place.as_ref().is_some_and(|p| p.name == "Kismayo"))
            .unwrap_or_else(|| panic!("Kismayo: {text}"));
        assert_eq!(killed(kismayo), Some(80), "{text}: {:?}", found.incidents);
    }
    // A second victim of the same incident is no second incident.
    for text in [
        "Published: 16 October 2017\n\nGunmen attacked a checkpoint in Kismayo on \
         Saturday, killing a soldier. A second soldier was killed later in the fighting.\n",
        "Publié le 16 octobre 2017\n\nDes hommes armés ont attaqué un poste à Kismayo \
         samedi, tuant un soldat. Un second soldat a été tué plus tard dans les combats.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
    }
}

#[test]
fn a_region_told_with_a_vague_toll_folds_into_the_incident_at_a_place_in_it() {
    for text in [
        "Issued: 7 October 2024\n\n\
         - Gang attacks leave dozens dead in Artibonite.\n\n\
         On 3 October gunmen attacked Saint-Marc, killing at least 54 people.\n",
        "Issued: 7 October 2024\n\n\
         - Dozens killed as gunmen raid Artibonite.\n\n\
         On 3 October gunmen attacked Saint-Marc, killing 61 people.\n",
        "Publié le 7 octobre 2024\n\n\
         - Des dizaines de morts dans une attaque en Artibonite.\n\n\
         Le 3 octobre, des hommes armés ont attaqué Saint-Marc, tuant au moins 54 personnes.\n",
    ] {
        let found = extract(text);
        assert_eq!(
            places(&found),
            ["Saint-Marc"],
            "{text}: {:?}",
            found.incidents
        );
    }
}

#[test]
fn a_claim_on_a_later_day_reports_on_the_incident_told_before() {
    for text in [
        "Published: 23 March 2025\n\nGunmen attacked the mosque in Gao on Friday, killing 44 \
         worshippers.\n\nOn Saturday morning the attack on the mosque had not been claimed.\n",
        "Published: 23 March 2025\n\nGunmen attacked the mosque in Gao on Friday, killing 44 \
         worshippers.\n\nOn Saturday the Islamic State group claimed the attack in Gao.\n",
        "Publié le 23 mars 2025\n\nVendredi, des hommes armés ont attaqué la mosquée de Gao, \
         tuant 44 fidèles.\n\nSamedi matin, l'attaque contre la mosquée n'avait pas été \
         revendiquée.\n",
    ] {
        assert_one_incident_on(text, "2025-03-21");
    }
}

#[test]
fn a_count_of_a_list_may_carry_its_own_hedge() {
    for (text, toll) in [
        (
            "Two soldiers and at least three civilians were killed in an attack on Gao on Sunday.\n",
            5,
        ),
        (
            "Gunmen killed four soldiers and more than ten villagers in Gao on Sunday.\n",
            15,
        ),
        (
            "Deux soldats et au moins trois civils ont été tués dans une attaque à Gao dimanche.\n",
            5,
        ),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn a_part_told_after_a_comma_leaves_the_count_before_it_whole() {
    for (text, toll) in [
        (
            "Gunmen attacked Gao on Sunday, and the rebels put the number of dead at \
             twenty-one, eleven of them children.\n",
            21,
        ),
        (
            "Gunmen attacked Gao on Sunday, killing thirty, twelve of them women.\n",
            30,
        ),
        (
            "Le bilan de l'attaque de Gao dimanche a été porté à quarante-deux, onze d'entre \
             eux des soldats.\n",
            42,
        ),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn one_more_person_named_in_a_list_after_a_count_adds_one() {
    for (text, toll) in [
        (
            "On Sunday gunmen killed six aid workers, their driver and their guide in Gao.\n",
            8,
        ),
        (
            "On Sunday gunmen killed five engineers, their driver and an interpreter in Gao.\n",
            7,
        ),
        (
            "Dimanche, des hommes armés ont tué six humanitaires, leur chauffeur et leur guide \
             à Gao.\n",
            8,
        ),
        // Not a list of the dead: who spoke, and a plural without a count.
        (
            "Gunmen attacked Gao on Sunday, killing five soldiers, a spokesman said.\n",
            5,
        ),
        (
            "Gunmen attacked Gao on Sunday, killing five soldiers and their children.\n",
            5,
        ),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn a_number_before_a_capitalised_name_is_part_of_the_name() {
    for text in [
        "Gunmen attacked Gao on Sunday, killing three people. The governor visited the \
         wounded at the 44 Nigerian Army Reference Hospital.\n",
        "Gunmen attacked Gao on Sunday, killing three people. Doctors treated the wounded at \
         the 68 Nigerian Army Reference Hospital in Yaba.\n",
        "Gunmen attacked Gao on Sunday, killing three people. The minister visited the \
         injured at the 7 Division Medical Centre.\n",
    ] {
        let found = extract(text);
        let injured: Vec<_> = found
            .incidents
            .iter()
            .map(|i| incimap::fuse::toll(&i.figures, incimap::lexicon::CasualtyRole::Injured).0)
            .collect();
        assert!(injured.iter().all(Option::is_none), "{text}: {injured:?}");
    }
    // A name before a word for people is who is counted.
    assert_killed(
        "Gunmen killed 13 Afghan National Army soldiers in Gao on Sunday.\n",
        13,
    );
}

#[test]
fn a_toll_told_verb_first_in_french_is_read() {
    for (text, toll) in [
        (
            "L'embuscade tendue à Gao dimanche a coûté la vie à onze soldats.\n",
            11,
        ),
        (
            "Dimanche, l'attaque de Gao a coûté la vie à trois civils.\n",
            3,
        ),
        (
            "Les combats à Gao dimanche ont coûté la vie à une vingtaine de soldats.\n",
            20,
        ),
        (
            "The ambush in Gao on Sunday claimed the lives of eleven soldiers.\n",
            11,
        ),
    ] {
        assert_killed(text, toll);
    }
}

#[test]
fn a_count_known_believed_or_feared_dead_is_a_toll() {
    for (text, toll) in [
        (
            "Gunmen attacked Gao on Sunday. Officials said 358 people are now known to have \
             died.\n",
            358,
        ),
        (
            "Gunmen attacked Gao on Sunday; twenty people were feared dead.\n",
            20,
        ),
        (
            "Gunmen attacked Gao on Sunday; five people were reported killed.\n",
            5,
        ),
    ] {
        assert_killed(text, toll);
    }
}

/// The date of the incident read from `text` at `place`, or "none".
fn date_at(text: &str, place: &str) -> String {
    let found = extract(text);
    let at = found
        .incidents
        .iter()
        .find(|i| i.place.as_ref().is_some_and(|p| p.name == place));
    at.map_or("no incident".into(), date_of)
}

#[test]
fn a_weekday_said_before_the_storys_day_is_counted_back_from_it() {
    // Published Friday 10 March 2023; the story's day is Thursday 2 March: "the previous
    // Saturday" is 25 February, not the Saturday before publication (4 March).
    for text in [
        "Publié le : 2023-03-10\n\nLe jeudi 2 mars, des hommes armés ont tué cinq soldats à Gao.\n\n\
         Le samedi précédent, des jihadistes avaient tué trois civils à Ménaka.\n",
        "Publié le : 2023-03-10\n\nDes hommes armés ont tué cinq soldats à Gao le jeudi 2 mars. \
         Trois civils avaient été tués le samedi d'avant à Ménaka.\n",
        "Published: 2023-03-10\n\nOn Thursday, March 2, gunmen killed five soldiers in Gao.\n\n\
         The previous Saturday, militants had killed three civilians in Ménaka.\n",
        "Published: 2023-03-10\n\nGunmen killed five soldiers in Gao on Thursday, March 2. Three \
         civilians had been killed the Saturday before in Ménaka.\n",
    ] {
        assert_eq!(date_at(text, "Ménaka"), "2023-02-25", "{text}");
    }
}

#[test]
fn last_weekday_and_a_weekday_of_last_week_are_before_the_week_of_publication() {
    for (text, day) in [
        // Published on a Tuesday: "last Tuesday" is a week before, not the same day.
        ("Publié le : 2023-03-07\n\nMardi dernier, des hommes armés ont tué cinq soldats à Gao.\n", "2023-02-28"),
        ("Published: 2023-03-07\n\nLast Tuesday, gunmen killed five soldiers in Gao.\n", "2023-02-28"),
        // Published on a Friday: Thursday of last week, not yesterday.
        ("Publié le : 2023-03-10\n\nLes faits remontent au jeudi de la semaine dernière : des hommes armés ont tué cinq soldats à Gao.\n", "2023-03-02"),
        ("Publié le : 2023-03-10\n\nCinq soldats ont été tués à Gao jeudi de la semaine passée.\n", "2023-03-02"),
        ("Published: 2023-03-10\n\nFive soldiers were killed in Gao on Thursday of last week.\n", "2023-03-02"),
    ] {
        assert_eq!(date_at(text, "Gao"), day, "{text}");
    }
}

#[test]
fn the_day_before_yesterday_and_last_night_count_from_publication() {
    for (text, day) in [
        ("Published: 2023-03-10\n\nThe day before yesterday, gunmen killed five soldiers in Gao.\n", "2023-03-08"),
        ("Published: 2023-03-10\n\nFive soldiers were killed the day before yesterday in Gao.\n", "2023-03-08"),
        ("Publié le : 2023-03-10\n\nAvant-hier, des hommes armés ont tué cinq soldats à Gao.\n", "2023-03-08"),
        ("Published: 2023-03-10\n\nLast night, gunmen killed five soldiers in Gao.\n", "2023-03-09"),
        ("Published: 2023-03-10\n\nFive soldiers were killed late last night in Gao.\n", "2023-03-09"),
        ("Publié le : 2023-03-10\n\nHier soir, des hommes armés ont tué cinq soldats à Gao.\n", "2023-03-09"),
        // Published on a Monday: the end of the week is the weekend just past.
        ("Publié le : 2023-03-13\n\nEn fin de semaine, des hommes armés ont tué cinq soldats à Gao.\n", "2023-03-11"),
        ("Publié le : 2023-03-13\n\nCinq soldats ont été tués à Gao en fin de semaine dernière.\n", "2023-03-11"),
        ("Published: 2023-03-13\n\nOver the weekend, gunmen killed five soldiers in Gao.\n", "2023-03-11"),
    ] {
        assert_eq!(date_at(text, "Gao"), day, "{text}");
    }
}

#[test]
fn the_day_before_the_story_in_a_clause_that_tells_no_incident_does_not_date_what_follows() {
    // The convoy left the day before; the attack told next, with no place of its own,
    // is the story's, on its day.
    for text in [
        "Publié le : 2021-11-05\n\nLe mardi 2 novembre, une embuscade a fait 20 morts à Ménaka.\n\n\
         Partis la veille de Gao, les membres du convoi avaient passé la nuit à Ansongo. \
         Ils se sont heurtés à des jihadistes, qui en ont tué dix.\n",
        "Publié le : 2021-11-05\n\nLe mardi 2 novembre, une embuscade a fait 20 morts à Ménaka.\n\n\
         Deux jours plus tôt, le convoi avait quitté Gao pour Ansongo. \
         Il est tombé dans une embuscade qui a fait dix morts.\n",
        "Published: 2021-11-05\n\nOn Tuesday, November 2, an ambush killed 20 people in Ménaka.\n\n\
         The day before, the convoy had left Gao for Ansongo. \
         Militants ambushed it, killing ten passengers.\n",
        "Published: 2021-11-05\n\nOn Tuesday, November 2, an ambush killed 20 people in Ménaka.\n\n\
         Two days earlier, the traders had set out from Gao to Ansongo. \
         Militants attacked them, killing ten.\n",
    ] {
        let found = extract(text);
        assert!(!found.incidents.is_empty(), "{text}");
        assert_every(&found, |i| date_of(i) == "2021-11-02");
    }
    // A clause that names a place of its own tells another story on the day told back.
    let text = "Publié le : 2021-11-05\n\nLe mardi 2 novembre, une embuscade a fait 20 morts à \
                Ménaka.\n\nLa veille, c'est le centre qui était endeuillé. À Bankass, des hommes \
                armés ont tué deux civils.\n";
    assert_eq!(date_at(text, "Bankass"), "2021-11-01", "{text}");
}

#[test]
fn after_a_colon_a_statement_with_its_own_place_and_day_tells_the_incident() {
    // The attack before the colon is told elsewhere; the clause's incident is in Gao.
    for (text, day) in [
        ("Publié le : 2023-03-10\n\nL'attaque de dimanche survient dans un contexte tendu : il y a trois jours, à Gao, des militaires ont tué deux manifestants.\n", "2023-03-07"),
        ("Publié le : 2023-03-10\n\nLe raid de lundi n'est pas le premier : mardi dernier, à Gao, une embuscade a fait quatre morts.\n", "2023-03-07"),
        ("Publié le : 2023-03-10\n\nCette attaque de jeudi rappelle un drame récent : le 2 mars, à Gao, des jihadistes ont tué six civils.\n", "2023-03-02"),
        ("Published: 2023-03-10\n\nSunday's attack comes amid tension: three days ago, soldiers killed two protesters in Gao.\n", "2023-03-07"),
        ("Published: 2023-03-10\n\nMonday's raid was not the first: last Tuesday, an ambush killed four soldiers in Gao.\n", "2023-03-07"),
        ("Published: 2023-03-10\n\nThursday's attack recalls a recent tragedy: on March 2, militants killed six civilians in Gao.\n", "2023-03-02"),
    ] {
        assert_eq!(date_at(text, "Gao"), day, "{text}");
    }
}

#[test]
fn a_place_after_a_comma_is_not_an_adjective_of_the_noun_that_follows() {
    // "in Gao, soldiers killed…": the comma ends the name; "soldiers" opens the clause.
    for text in [
        "Published: 2023-03-10\n\nThree days ago, in Gao, soldiers killed two protesters.\n",
        "Published: 2023-03-10\n\nOn Tuesday, in Gao, troops shot dead six civilians.\n",
        "Published: 2023-03-10\n\nYesterday, in Gao, militants killed four people.\n",
        "Publié le : 2023-03-10\n\nIl y a trois jours, à Gao, des militaires ont tué deux manifestants.\n",
        "Publié le : 2023-03-10\n\nMardi, à Gao, des soldats ont abattu six civils.\n",
        "Publié le : 2023-03-10\n\nHier, à Gao, des jihadistes ont tué quatre personnes.\n",
    ] {
        assert_eq!(places(&extract(text)), ["Gao"], "{text}");
    }
}

#[test]
fn the_place_where_a_source_sits_is_not_the_scene() {
    use incimap::extract::annotate::places::{spot, Role};
    // A source is who spoke: the place after "source in" is where it sits, even when no
    // verb of speaking follows.
    for (sentence, name) in [
        (
            "A security source in Niamey put the number of missing at thirty.",
            "Niamey",
        ),
        ("Sources in Bamako gave a toll of 15 dead.", "Bamako"),
        ("A local source in Mopti counted twelve bodies.", "Mopti"),
        (
            "Une source sécuritaire à Niamey a évoqué une trentaine de disparus.",
            "Niamey",
        ),
        ("Des sources à Bamako font état de 15 morts.", "Bamako"),
        ("Une source locale à Mopti a compté douze corps.", "Mopti"),
    ] {
        let found = spot(sentence);
        let m = found.iter().find(|m| m.text == name).expect(sentence);
        assert_eq!(m.role, Role::Venue, "{sentence}");
    }
}

/// A town people left by a part of it ("withdrew from their camp in X", "quittant le camp
/// de X") is where they came from, not the incident's place.
#[test]
fn a_town_left_by_a_part_of_it_is_no_place_of_the_incident() {
    for text in [
        "Gunmen killed 12 villagers in Bankass on Tuesday, hours after soldiers withdrew from their camp in Kati.",
        "Families fleeing from the market of Kati said gunmen had killed 12 people in Bankass on Tuesday.",
        "Residents who had come back from the camp at Kati said that gunmen killed 12 people in Bankass on Tuesday.",
        "Des hommes armés ont tué 12 villageois mardi à Bankass, quelques heures après des soldats quittant le camp de Kati.",
        "Des familles revenant du marché de Kati racontent que des hommes armés ont tué 12 personnes mardi à Bankass.",
        "Un convoi en direction du camp de Kati a croisé des hommes armés qui ont tué 12 personnes mardi à Bankass.",
    ] {
        let found = places(&extract(text));
        assert!(found.iter().any(|p| p == "Bankass"), "{text}: {found:?}");
        assert!(!found.iter().any(|p| p == "Kati"), "{text}: {found:?}");
    }
}

/// A generic word or phrase of a unit ("Local Government Area", "LGA", "District")
/// written capitalised ends the unit's name before the connector to its state, and its
/// words are no titles ("Government" is no title of "Maru").
#[test]
fn a_capitalised_unit_then_its_state_is_the_unit() {
    for (text, name) in [
        (
            "On Sunday bandits killed nine people in Maru Local Government Area of Zamfara State.\n",
            "Maru",
        ),
        (
            "On Sunday bandits killed nine people in Gwoza LGA of Borno State, police said.\n",
            "Gwoza",
        ),
        (
            "On Sunday gunmen killed nine herders in Kutum District of North Darfur State.\n",
            "Kutum",
        ),
    ] {
        let found = places(&extract(text));
        assert!(
            found.len() == 1 && found[0].starts_with(name),
            "{text}: {found:?}"
        );
    }
}

/// A distance given again in another unit in brackets still measures from the place after
/// it, with its direction.
#[test]
fn a_distance_with_its_conversion_in_brackets_offsets_the_place() {
    for text in [
        "On Wednesday fighters killed 16 farmers in fields 40 km (25 miles) north of Maiduguri.\n",
        "On Wednesday fighters killed 16 farmers about 25 miles (40 km) north of Maiduguri.\n",
        "On Wednesday fighters killed 16 farmers some 40 kilometres (25 miles) to the north of Maiduguri.\n",
        "Mercredi, des combattants ont tué 16 paysans à 40 km (25 miles) au nord de Maiduguri.\n",
    ] {
        let found = extract(text);
        let inc = &found.incidents[0];
        assert_eq!(inc.location_basis.as_str(), "offset", "{text}");
        let place = inc.place.as_ref().expect("a place");
        assert!(place.lat > 12.15 && place.lat < 12.25, "{text}: {place:?}");
    }
}

/// A past year that dates an event noun ("the 2019 bombing", "le massacre de 2020") names
/// an earlier incident: the clause's own day still tells a new one.
#[test]
fn a_year_dating_an_earlier_incident_leaves_the_clause_current() {
    for text in [
        "Issued: 15 March 2024\n\nMilitants from the group blamed for the 2019 bombing attacked a police station in Afgooye on Wednesday, killing four officers.\n",
        "Issued: 15 March 2024\n\nThe militia, which carried out a 2020 massacre in the area, killed four villagers in Afgooye on Wednesday.\n",
        "Issued: 15 March 2024\n\nThe militia behind the massacre of 2020 killed four villagers in Afgooye on Wednesday.\n",
        "Issued: 15 March 2024\n\nLe groupe responsable du massacre de 2020 a tué quatre villageois à Afgooye mercredi.\n",
        "Issued: 15 March 2024\n\nLa milice, auteure de l'attentat de 2019, a tué quatre policiers à Afgooye mercredi.\n",
    ] {
        assert_some_incident_on(text, "2024-03-13");
        assert_eq!(places(&extract(text)), ["Afgooye"], "{text}");
    }
    // A year of the main clause is still history.
    let found =
        extract("Issued: 15 March 2024\n\nGunmen attacked Afgooye in 2019, killing 20 people.\n");
    assert!(found.incidents.is_empty(), "{:?}", found.incidents);
}

/// "Residents of X said", "des habitants de X ont affirmé": civilians of a place speak as
/// its witnesses; X is the incident's place, not a venue, at the head of a sentence too.
#[test]
fn residents_of_a_place_speak_for_the_place() {
    for text in [
        "Residents of Kukawa said gunmen killed 11 people on Friday.\n",
        "Gunmen killed 11 people on Friday, villagers of Kukawa said.\n",
        "Villagers of Kukawa were burying their dead on Sunday after the Friday raid, which killed 11 people.\n",
        "Des habitants de Kukawa ont affirmé que des hommes armés avaient tué 11 personnes vendredi.\n",
        "Des hommes armés ont tué 11 personnes vendredi, ont indiqué des villageois de Kukawa.\n",
        "Selon des habitants de Kukawa, des hommes armés ont tué 11 personnes vendredi.\n",
    ] {
        assert_eq!(places(&extract(text)), ["Kukawa"], "{text}");
    }
}

/// A road named by its two ends joined by a dash ("the Djibo-Ouahigouya road", "l'axe
/// Gao-Ansongo") is placed at one of its ends, not lost as one unknown name.
#[test]
fn a_road_named_by_its_dashed_ends_is_placed_at_an_end() {
    for (text, ends) in [
        (
            "On Monday gunmen killed 8 traders on the Djibo-Ouahigouya road.\n",
            ["Djibo", "Ouahigouya"],
        ),
        (
            "On Monday an IED killed 5 soldiers on the Mora-Kousseri highway.\n",
            ["Mora", "Kousséri"],
        ),
        (
            "On Monday gunmen ambushed a convoy on the Gao-Ansongo axis, killing eight.\n",
            ["Gao", "Ansongo"],
        ),
        (
            "Lundi, des hommes armés ont tué 8 commerçants sur l'axe Djibo-Ouahigouya.\n",
            ["Djibo", "Ouahigouya"],
        ),
        (
            "Lundi, un engin explosif a tué 5 soldats sur la route Mora-Kousseri.\n",
            ["Mora", "Kousséri"],
        ),
        (
            "Lundi, huit personnes ont été tuées sur le tronçon Gao-Ansongo.\n",
            ["Gao", "Ansongo"],
        ),
    ] {
        let found = places(&extract(text));
        assert!(
            found.len() == 1 && ends.contains(&found[0].as_str()),
            "{text}: {found:?}"
        );
    }
    // A dashed town's name stays one name.
    let found = places(&extract(
        "On Monday gunmen killed 8 people on the road near Bobo-Dioulasso.\n",
    ));
    assert_eq!(found, ["Bobo-Dioulasso"]);
}

/// A wire dateline in title case ("Bamako, 12 mars 2024 (AFP) -") dates the article, so a
/// weekday in the body resolves, and its place is where the report was filed, not the
/// incident's place named after it.
#[test]
fn a_title_case_wire_dateline_dates_the_weekday_and_is_no_incident_place() {
    for (text, place, day) in [
        (
            "Mali : des civils tués\n\nBamako, 12 mars 2024 (AFP) - Une vingtaine de civils ont été tués dimanche dans l'attaque de leur village près de Bandiagara, a indiqué une source locale.",
            "Bandiagara",
            "2024-03-10",
        ),
        (
            "Haïti\n\nPort-au-Prince, 5 mai 2024 (AFP) - Au moins quinze personnes ont été tuées samedi à Mirebalais, a indiqué la police.",
            "Mirebalais",
            "2024-05-04",
        ),
        (
            "Niger\n\nNiamey, 4 janvier 2025 (AFP) - Des hommes armés ont tué trente-neuf civils jeudi à Ouallam, a annoncé le gouvernement.",
            "Ouallam",
            "2025-01-02",
        ),
        (
            "Mali\n\nBamako, March 12, 2024 (Reuters) - Gunmen killed twenty civilians on Sunday in Bandiagara, a local official said.",
            "Bandiagara",
            "2024-03-10",
        ),
        (
            "Haiti\n\nPort-au-Prince, 5 May 2024 (AFP) - Gangs killed fifteen people on Saturday in Mirebalais, police said.",
            "Mirebalais",
            "2024-05-04",
        ),
        (
            "Niger\n\nNiamey, Jan. 4, 2025 (AP) — Gunmen killed 39 civilians on Thursday in Ouallam, the government said.",
            "Ouallam",
            "2025-01-02",
        ),
    ] {
        let found = extract(text);
        assert_eq!(places(&found), [place], "{text}");
        assert_some_incident_on(text, day);
    }
}

/// "neutralisé", "neutralised": the army's word for attackers it killed tells an incident
/// of its own, with them as its dead.
#[test]
fn attackers_neutralised_are_an_incident_and_its_toll() {
    for (text, place, toll) in [
        (
            "Publié le 23 février 2024\n\nL'armée a annoncé avoir neutralisé une quinzaine de terroristes mercredi près de Djibo.\n",
            "Djibo",
            15,
        ),
        (
            "Publié le 23 février 2024\n\nVingt jihadistes ont été neutralisés lundi à Ménaka, selon l'état-major.\n",
            "Ménaka",
            20,
        ),
        (
            "Publié le 23 février 2024\n\nLes forces armées ont neutralisé douze assaillants samedi à Diffa.\n",
            "Diffa",
            12,
        ),
        (
            "Published: 2024-02-23\n\nThe army said it had neutralised about fifteen terrorists on Wednesday near Djibo.\n",
            "Djibo",
            15,
        ),
        (
            "Published: 2024-02-23\n\nTwenty jihadists were neutralized on Monday in Ménaka, the army said.\n",
            "Ménaka",
            20,
        ),
        (
            "Published: 2024-02-23\n\nTroops neutralised twelve attackers on Saturday in Diffa.\n",
            "Diffa",
            12,
        ),
    ] {
        let found = extract(text);
        assert_eq!(places(&found), [place], "{text}");
        assert_killed(text, toll);
    }
}

/// "une quinzaine de" is a quantity (15), like "une vingtaine de", not a hedge of a number
/// after it: read as a hedge it swallowed the count.
#[test]
fn une_quinzaine_counts_fifteen_like_about_fifteen() {
    for text in [
        "Publié le 23 février 2024\n\nDes hommes armés ont tué une quinzaine de civils mercredi à Djibo.\n",
        "Publié le 23 février 2024\n\nUne quinzaine de soldats ont été tués lundi dans une embuscade près de Ménaka.\n",
        "Publié le 23 février 2024\n\nL'attaque a fait une quinzaine de morts dimanche à Diffa.\n",
        "Published: 2024-02-23\n\nGunmen killed about fifteen civilians on Wednesday in Djibo.\n",
        "Published: 2024-02-23\n\nSome fifteen soldiers were killed on Monday in an ambush near Ménaka.\n",
        "Published: 2024-02-23\n\nThe attack left about fifteen dead on Sunday in Diffa.\n",
    ] {
        assert_killed(text, 15);
    }
}

/// A casualty verb that also acts on things ("neutralised", "neutralisé") counts no one
/// when its object is a thing (`things.txt`): the devices, vehicles or weapons are no toll,
/// and the people it counts beside them still are.
#[test]
fn a_count_of_things_is_no_toll() {
    for text in [
        "Soldiers neutralised two explosive devices near Gao on Monday, the army said.",
        "Troops neutralized three IEDs on the road outside Gao on Monday.",
        "Des soldats ont neutralisé deux engins explosifs près de Gao lundi, selon l'armée.",
        "L'armée a neutralisé trois mines à Gao lundi.",
    ] {
        let found = extract(text);
        assert!(
            found.incidents.iter().all(|i| killed(i).is_none()),
            "{text}"
        );
    }
    for (text, toll) in [
        (
            "Soldiers neutralised two explosive devices and killed five militants near Gao on Monday.",
            5,
        ),
        (
            "L'armée a neutralisé quatre terroristes et saisi deux motos à Gao lundi.",
            4,
        ),
        (
            "Gunmen killed two vehicle drivers near Gao on Monday, residents said.",
            2,
        ),
        (
            "A blast killed 12 mine workers near Gao on Monday, officials said.",
            12,
        ),
    ] {
        assert_killed(text, toll);
    }
}

/// A kicker ("Mopti: …", "Mopti : …") labels the story with a place, as a section heading
/// does: the place the clause names for the incident wins over it, and the kicker alone
/// still places the story.
#[test]
fn a_kicker_yields_to_the_place_the_headline_names_for_the_incident() {
    for text in [
        "Mopti: gunmen kill 12 villagers in Bankass\n",
        "Gao: three soldiers killed as jihadists attack Ansongo camp\n",
        "Mopti: attack on Bankass market leaves 12 dead\n",
        "Mopti : des hommes armés tuent 12 villageois à Bankass\n",
        "Gao : trois soldats tués dans l'attaque du camp d'Ansongo\n",
        "Mopti : l'attaque du marché de Bankass fait 12 morts\n",
    ] {
        let found = places(&extract(text));
        assert!(!found.is_empty(), "{text}: {found:?}");
        assert!(
            found.iter().all(|p| p == "Bankass" || p == "Ansongo"),
            "{text}: {found:?}"
        );
    }
    for text in [
        "Gao: gunmen kill 12 villagers\n",
        "Gao : des hommes armés tuent 12 villageois\n",
    ] {
        assert_eq!(places(&extract(text)), ["Gao"], "{text}");
    }
}

/// A plan told in the present ("are preparing to send troops", "s'apprêtent à déployer")
/// is what may come, not an incident.
#[test]
fn a_plan_of_troops_or_aircraft_is_no_incident() {
    for text in [
        "Neighbouring countries are preparing to deploy troops and attack aircraft in Gao.\n",
        "The army plans to deploy troops and attack aircraft in Gao.\n",
        "France prepares to station troops and combat aircraft in Gao.\n",
        "Les pays voisins s'apprêtent à déployer des soldats et des avions de combat à Gao.\n",
        "L'armée prévoit de déployer des soldats et des avions de combat à Gao.\n",
        "La France se prépare à stationner des soldats et des avions de combat à Gao.\n",
    ] {
        let found = extract(text);
        assert!(found.incidents.is_empty(), "{text}: {:?}", found.incidents);
    }
}

/// A claim's toll told without a place of its own ("The claim said 50 soldiers had been
/// killed", "Le communiqué de revendication fait état de 50 morts") is the claimed toll of
/// the incident just told, on whatever day it was claimed: no second incident.
#[test]
fn a_claimed_toll_without_a_place_joins_the_incident_told_before() {
    for text in [
        "Published: 2023-03-10\n\nGunmen killed 12 soldiers in Ansongo on Sunday. \
         On Monday the group claimed the attack. The claim said more than 50 soldiers had been killed.\n",
        "Published: 2023-03-10\n\nJihadists attacked the army camp in Ansongo on Sunday, killing 12 soldiers.\n\n\
         On Tuesday the Islamic State claimed the raid, saying 40 soldiers were killed.\n",
        "Published: 2023-03-10\n\nTwelve soldiers were killed in Ansongo on Sunday.\n\n\
         In a statement claiming the ambush on Monday, the group said it had killed 30 troops.\n",
        "Publié le : 2023-03-10\n\nDes hommes armés ont tué 12 soldats dimanche à Ansongo. \
         Lundi, le groupe a revendiqué l'attaque. La revendication fait état de plus de 50 soldats tués.\n",
        "Publié le : 2023-03-10\n\nDes jihadistes ont attaqué dimanche le camp militaire situé à Ansongo, tuant 12 soldats.\n\n\
         Mardi, l'État islamique a revendiqué le raid, affirmant avoir tué 40 soldats.\n",
        "Publié le : 2023-03-10\n\nDouze soldats ont été tués dimanche à Ansongo.\n\n\
         Dans un communiqué revendiquant l'embuscade lundi, le groupe affirme avoir tué 30 militaires.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Ansongo"], "{text}: {:?}", found.incidents);
    }
}

/// Stripping accents makes "marché" (a market) the key of "marche" (a march): a market
/// named in the sentence is the place of an attack, no protest; a march written as such
/// still is one.
#[test]
fn a_market_is_no_march() {
    for text in [
        "Des hommes armés ont tué sept personnes au marché de Gao mardi, selon des sources locales.",
        "Gao : sept morts dans une attaque au marché central mardi.",
        "Mardi, une explosion a fait sept morts près du grand marché de Gao.",
    ] {
        let found = extract(text);
        assert!(!found.incidents.is_empty(), "{text}");
        assert_every(&found, |i| i.event_type != "Protests");
    }
    for text in [
        "Des milliers de personnes ont participé mardi à une marche à Gao contre l'insécurité.",
        "Des centaines de manifestants ont pris part mardi à une marche à Gao.",
        "La police a dispersé mardi à Gao une marche de l'opposition à coups de gaz lacrymogène.",
    ] {
        let found = extract(text);
        assert!(
            found.incidents.iter().any(|i| i.event_type == "Protests"),
            "{text}"
        );
    }
}

/// The day of the incident read at `place` from `text`, as YYYY-MM-DD.
fn day_at(text: &str, place: &str) -> Option<String> {
    extract(text)
        .incidents
        .iter()
        .find(|i| i.place.as_ref().is_some_and(|p| p.name == place))
        .and_then(|i| i.date)
        .map(|d| d.date.to_string())
}

#[test]
fn a_day_counted_from_a_named_incident_starts_from_that_incident() {
    // The lead is on the 11th, the story last told the 16th: "the day before the raid"
    // counts from the raid.
    let lead = "Attacks in Mali\n\n\
                Gunmen killed 20 villagers in a raid on Gao on Tuesday, April 11, 2023.\n\n\
                On Sunday, April 16, 2023, gunmen killed three people in Kidal.\n\n";
    for (told, place, day) in [
        (
            "The day before the raid, gunmen killed five villagers in Niono.",
            "Niono",
            "2023-04-10",
        ),
        (
            "Two days after the raid, an ambush killed four soldiers in Mopti.",
            "Mopti",
            "2023-04-13",
        ),
        (
            "Hours before the raid, a bomb killed two people in Tombouctou.",
            "Tombouctou",
            "2023-04-11",
        ),
    ] {
        let text = format!("{lead}{told}\n");
        assert_eq!(day_at(&text, place).as_deref(), Some(day), "{told}");
    }
    let lead = "Attaques au Mali\n\n\
                Des hommes armés ont tué 20 villageois lors d'une attaque contre Gao \
                le mardi 11 avril 2023.\n\n\
                Le dimanche 16 avril 2023, des hommes armés ont tué trois personnes à Kidal.\n\n";
    for (told, place, day) in [
        (
            "La veille de l'attaque, des hommes armés ont tué cinq villageois à Niono.",
            "Niono",
            "2023-04-10",
        ),
        (
            "Deux jours après l’attaque, une embuscade a tué quatre soldats à Mopti.",
            "Mopti",
            "2023-04-13",
        ),
        (
            "Au lendemain de l'attaque, une bombe a tué deux civils à Tombouctou.",
            "Tombouctou",
            "2023-04-12",
        ),
    ] {
        let text = format!("{lead}{told}\n");
        assert_eq!(day_at(&text, place).as_deref(), Some(day), "{told}");
    }
}

#[test]
fn a_day_after_a_date_still_counts_back_from_that_date() {
    // "On Sunday, two days after the raid": the date comes first, the phrase counts back.
    let text = "Published: April 18, 2023\n\n\
                On Sunday, two days after the raid, gunmen killed five villagers in Niono.\n";
    assert_eq!(day_at(text, "Niono").as_deref(), Some("2023-04-14"));
}

#[test]
fn an_attack_told_after_a_march_is_another_incident_not_the_marchs_toll() {
    for text in [
        "Hundreds of demonstrators gathered in Bamako on Friday in support of the army, \
         after more than 50 soldiers died in an attack on an army post in the north.\n",
        "Thousands of protesters rallied in Niamey on Sunday to honour the troops, \
         a week after an ambush killed 30 soldiers near the border.\n",
        "Protesters took to the streets of Ouagadougou on Saturday, \
         after 12 gendarmes were killed in a raid on their post in the north.\n",
        "Des centaines de manifestants se sont rassemblés vendredi à Bamako pour soutenir \
         l'armée, après la mort de plus de 50 soldats dans une attaque contre un poste \
         militaire dans le nord.\n",
        "Des milliers de personnes ont manifesté dimanche à Niamey en soutien aux soldats, \
         une semaine après une embuscade qui a tué 30 militaires près de la frontière.\n",
        "Des manifestants sont descendus dans la rue samedi à Ouagadougou, \
         après un raid qui a tué 12 gendarmes dans le nord.\n",
    ] {
        let found = extract(text);
        assert_eq!(found.incidents.len(), 1, "{text}: {:?}", found.incidents);
        assert_eq!(killed(&found.incidents[0]), None, "{text}");
    }
    // Casualty words alone tell no incident of their own: the march's dead are its toll.
    assert_killed(
        "Police fired on demonstrators in Bamako on Friday. Three people died.\n",
        3,
    );
    assert_killed(
        "La police a tiré sur des manifestants vendredi à Bamako. Trois personnes sont mortes.\n",
        3,
    );
}

/// A facility of a town named with the town after a connector ("le poste de gendarmerie
/// de T", "le détachement militaire de T", "the army garrison of T"): the town is the
/// incident's place, though "de" and "of" alone cue no place.
#[test]
fn a_facility_of_a_town_places_the_incident_in_the_town() {
    for (text, town) in [
        (
            "Publié le : 2023-03-10\n\nDes hommes armés ont attaqué dimanche le poste de gendarmerie de Téra, tuant cinq gendarmes.\n",
            "Téra",
        ),
        (
            "Publié le : 2023-03-10\n\nDes jihadistes ont attaqué dimanche le détachement militaire de Djibo, tuant cinq soldats.\n",
            "Djibo",
        ),
        (
            "Publié le : 2023-03-10\n\nCinq gendarmes ont été tués dimanche dans l'attaque de la brigade de Diffa.\n",
            "Diffa",
        ),
        (
            "Publié le : 2023-03-10\n\nDes assaillants ont incendié dimanche le commissariat de Ménaka, tuant deux policiers.\n",
            "Ménaka",
        ),
        (
            "Published: 2023-03-10\n\nGunmen attacked the army garrison of Tera on Sunday, killing five soldiers.\n",
            "Téra",
        ),
        (
            "Published: 2023-03-10\n\nFive soldiers were killed on Sunday when militants overran the military outpost of Djibo.\n",
            "Djibo",
        ),
        (
            "Published: 2023-03-10\n\nFive officers died on Sunday in an assault on the gendarmerie outpost of Diffa.\n",
            "Diffa",
        ),
    ] {
        let found = extract(text);
        assert_eq!(places(&found), [town], "{text}: {:?}", found.incidents);
    }
}

/// A person's name described by the post he holds ("le général X Y, le poste mixte de
/// T", "Colonel X Y, the camp commander in T") is no place lying in T: the incident stays
/// at T, one event.
#[test]
fn a_person_described_by_a_post_in_a_town_is_no_place() {
    for text in [
        "Publié le : 2023-03-10\n\nSelon le général Moussa Kané, le poste de gendarmerie de Téra a été attaqué dimanche. \
         Cinq gendarmes ont été tués.\n",
        "Publié le : 2023-03-10\n\nD'après le colonel Issa Baldé, le camp militaire de Téra a été attaqué dimanche, faisant cinq morts.\n",
        "Published: 2023-03-10\n\nAccording to Colonel Issa Balde, the camp commander in Tera, five soldiers were killed on Sunday.\n",
        "Published: 2023-03-10\n\nGeneral Moussa Kane, the garrison chief at Tera, said five soldiers were killed there on Sunday.\n",
    ] {
        let found = extract(text);
        assert_eq!(places(&found), ["Téra"], "{text}: {:?}", found.incidents);
    }
}

/// A distance and a direction from a town ("30 km north of T", "à 30 km au nord de T") put
/// the incident at that point, finer than the region the clause names around it ("in the
/// R region", "dans la région de R"), whichever comes first.
#[test]
fn a_distance_from_a_town_beats_the_region_around_it() {
    for (text, town) in [
        (
            "Published: 2023-03-10\n\nGunmen killed five civilians on Sunday 30 km north of Tera in the Tillaberi region.\n",
            "Tera",
        ),
        (
            "Published: 2023-03-10\n\nFive civilians were killed on Sunday in an attack some 25 kilometres south-east of Djibo, in Burkina Faso's Sahel region.\n",
            "Djibo",
        ),
        (
            "Published: 2023-03-10\n\nIn the Tillaberi region, gunmen killed five civilians on Sunday about 40 km west of Tera.\n",
            "Tera",
        ),
        (
            "Publié le : 2023-03-10\n\nDes hommes armés ont tué dimanche cinq civils à 30 km au nord de Téra, dans la région de Tillabéri.\n",
            "Téra",
        ),
        (
            "Publié le : 2023-03-10\n\nCinq civils ont été tués dimanche à une vingtaine de kilomètres au sud-est de Djibo, dans la région du Sahel.\n",
            "Djibo",
        ),
        (
            "Publié le : 2023-03-10\n\nDans la région de Tillabéri, des hommes armés ont tué dimanche cinq civils à 40 km à l'ouest de Téra.\n",
            "Téra",
        ),
    ] {
        let found = extract(text);
        let names = places(&found);
        assert!(
            names.len() == 1 && names[0].ends_with(town),
            "{text}: {:?}",
            found.incidents
        );
    }
}

#[test]
fn a_later_toll_beats_the_first_count() {
    for text in [
        "Gunmen attacked Gao on Monday, killing 18 people. The toll later rose to 25, officials said.\n",
        "Gunmen attacked Gao on Monday, killing 18 people. Officials later revised the toll upward to 25 dead.\n",
        "Gunmen attacked Gao on Monday, killing about 18 people. A new toll puts the number of dead at 25.\n",
        "Des hommes armés ont attaqué Gao lundi, faisant 18 morts. Le bilan s'est alourdi à 25 morts.\n",
        "Des hommes armés ont attaqué Gao lundi, tuant 18 personnes. Le bilan est passé à 25 morts mardi.\n",
        "Des hommes armés ont attaqué Gao lundi, faisant 18 morts. Un nouveau bilan fait état de 25 morts.\n",
    ] {
        assert_killed(text, 25);
    }
}

#[test]
fn a_first_count_yields_to_a_plain_count_told_beside_it() {
    for text in [
        "Gunmen attacked Gao on Monday. A first toll gave 18 dead. Hospital staff said 25 people had died.\n",
        "Gunmen attacked Gao on Monday, killing 18 people according to a provisional toll. Officials said 25 people were killed.\n",
        "Gunmen attacked Gao on Monday. An initial toll put the dead at 18. In Gao, 25 people were killed, officials said.\n",
        "Lundi, des hommes armés ont attaqué un marché à Gao. Un premier bilan faisait état de 18 morts. Vingt-cinq personnes ont été tuées.\n",
        "Des hommes armés ont attaqué Gao lundi, tuant 18 personnes selon un bilan provisoire. 25 civils ont été tués.\n",
        "Des hommes armés ont attaqué Gao lundi. Le bilan initial était de 18 morts. Au total, 25 personnes ont été tuées.\n",
    ] {
        assert_killed(text, 25);
    }
}

#[test]
fn a_later_count_already_holds_the_bodies_found_since() {
    for text in [
        "Gunmen attacked Gao on Monday. The number of people killed has risen to 25, after rescuers found three more bodies.\n",
        "Gunmen attacked Gao on Monday. The death toll climbed to 25 as two more bodies were found.\n",
        "Des hommes armés ont attaqué Gao lundi. Le bilan est passé à 25 morts, après la découverte de trois autres corps.\n",
    ] {
        assert_killed(text, 25);
    }
}

#[test]
fn a_sum_over_several_incidents_is_no_toll_of_one() {
    for text in [
        "Gunmen attacked Gao on Sunday, killing 48 people. Taken together, the two raids killed 64 people.\n",
        "Gunmen attacked Gao on Sunday, killing 48 people. The combined toll of the two raids reached 64.\n",
        "Gunmen attacked Gao on Sunday, killing 48 people. The cumulative death toll of the week's raids has risen to 64.\n",
        "Des hommes armés ont attaqué Gao dimanche, tuant 48 personnes. Le bilan cumulé des deux attaques s'élève à 64 morts.\n",
        "Des hommes armés ont attaqué Gao dimanche, tuant 48 personnes. Au cumul, les deux attaques ont fait 64 morts.\n",
        "Des hommes armés ont attaqué Gao dimanche, tuant 48 personnes. En cumulé, les raids de la semaine ont fait 64 morts.\n",
    ] {
        assert_killed(text, 48);
    }
}

#[test]
fn a_toll_put_at_a_figure_is_a_later_count() {
    for text in [
        "Gunmen attacked Gao on Monday, killing 18 people. On Tuesday officials put the death toll at 25.\n",
        "Gunmen attacked Gao on Monday, killing 18 people. The government put the toll at 25.\n",
        "Gunmen attacked Gao on Monday, killing 18 people. Officials raised the death toll to 25.\n",
        "Des hommes armés ont attaqué Gao lundi, faisant 18 morts. Un responsable a porté le bilan à 25 morts.\n",
        "Des hommes armés ont attaqué Gao lundi, faisant 18 morts. Trois blessés sont morts mardi, portant le bilan à 25 morts.\n",
        "Des hommes armés ont attaqué Gao lundi, faisant 18 morts. Le bilan a grimpé à 25 morts.\n",
    ] {
        assert_killed(text, 25);
    }
}

/// The types of the incidents read from `text`.
fn types_of(text: &str) -> Vec<String> {
    extract(text)
        .incidents
        .iter()
        .map(|i| i.event_type.clone())
        .collect()
}

#[test]
fn demonstrators_who_loot_attack_or_kill_riot() {
    for text in [
        "Demonstrators looted shops in Bamako on Monday, witnesses said.",
        "Protesters attacked a police station in Bamako on Friday.",
        "Hundreds of demonstrators fought the police in Bamako on Tuesday and two people were killed.",
        "Des manifestants ont pillé des boutiques à Bamako lundi, selon des témoins.",
        "Des manifestants ont attaqué un commissariat à Bamako vendredi.",
        "À Bamako, des manifestants ont incendié des véhicules mardi.",
    ] {
        assert_eq!(types_of(text), ["Riots"], "{text}");
    }
}

#[test]
fn police_who_only_speak_do_not_make_a_killing_of_villagers_a_battle() {
    for text in [
        "Gunmen attacked a village near Bamako on Sunday, killing 12 villagers, police said.",
        "Armed men killed nine worshippers at a mosque in Bamako on Friday before the army arrived.",
        "Gunmen shot dead five passengers on a bus in Bamako on Monday, the military said.",
    ] {
        assert_eq!(types_of(text), ["Violence against civilians"], "{text}");
    }
}

#[test]
fn a_protest_against_a_bombing_is_a_protest() {
    for text in [
        "Thousands of demonstrators marched in Mogadishu on Wednesday against the bombing.",
        "On Wednesday protesters held a demonstration in Mogadishu to denounce the bombing.",
        "Des milliers de manifestants ont pris part mercredi à Mogadiscio à une manifestation contre l'attentat.",
    ] {
        assert_eq!(types_of(text), ["Protests"], "{text}");
    }
}

#[test]
fn a_demonstration_and_its_violence_are_one_incident() {
    let found = extract(
        "Published 21 October 2022\n\n\
         Thousands of demonstrators marched in Bamako on Thursday.\n\n\
         Later, rioters set fire to cars in Bamako on Thursday.\n",
    );
    assert_eq!(found.incidents.len(), 1, "{:?}", found.incidents);
}
