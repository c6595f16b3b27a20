//! Telling an article incimap cannot read: one whose first few hundred words hold few of
//! the function words of any language of the lexicon (`lexicon/*/function_words.txt`:
//! a quarter or more of the words of English or French news are such words, a few in a
//! hundred of Portuguese or German). Its language is then guessed by `whatlang`, to be
//! named in a warning, and no incident is read from it: words of another language would
//! only be misread.

use crate::gazetteer::normalize::normalize;
use crate::lexicon::lexicon;

/// Words read to tell the language: the first few hundred tell it as well as all.
const WORDS_READ: usize = 400;
/// Fewer words than this tell nothing: a headline, a list of names, or one sentence, whose
/// few function words may all be missing ("A blast killed 12 mine workers near T").
const WORDS_NEEDED: usize = 20;
/// The share of function words below which a text is in no language of the lexicon:
/// the articles of the corpora hold 0.24 or more, Spanish 0.13 (French "de", "la" and
/// "en" count), Italian and German 0.07, Portuguese 0.03.
const SHARE_NEEDED: f64 = 0.16;

/// The English name of the language an article is written in when it is none that
/// incimap reads, as `whatlang` guesses it; `None` for an article in a language of the
/// lexicon, or too short to tell.
///
/// ```
/// use incimap::article::language::unread_language;
/// let pt = "Homens armados mataram doze pessoas na aldeia de Mocímboa da Praia na \
///     terça-feira, disseram as autoridades locais. O ataque foi reivindicado pelo \
///     Estado Islâmico, que ataca a província de Cabo Delgado desde 2017.";
/// assert_eq!(unread_language(pt), Some("Portuguese"));
/// let en = "Gunmen killed twelve people in the village of Kati on Tuesday, local \
///     officials said. The attack was claimed by a group that has been active in the \
///     region for years.";
/// assert_eq!(unread_language(en), None);
/// assert_eq!(unread_language("Mali : douze morts à Kati"), None);
/// let one_sentence = "A blast killed 12 mine workers near Gao on Monday, officials said.";
/// assert_eq!(unread_language(one_sentence), None);
/// ```
pub fn unread_language(text: &str) -> Option<&'static str> {
    let lx = lexicon();
    // The words read lie in the first few kilobytes.
    let mut head = text.len().min(WORDS_READ * 16);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let key = normalize(&text[..head]);
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .take(WORDS_READ)
        .collect();
    if words.len() < WORDS_NEEDED {
        return None;
    }
    let known = words
        .iter()
        .filter(|w| lx.function_words.contains_key(**w))
        .count();
    if known as f64 >= SHARE_NEEDED * words.len() as f64 {
        return None;
    }
    let guessed = whatlang::detect(text)
        .filter(|info| info.is_reliable())?
        .lang();
    let read = lx
        .languages
        .iter()
        .any(|code| guessed.code().starts_with(code));
    (!read).then(|| guessed.eng_name())
}
