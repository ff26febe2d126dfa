//! Script-aware transliteration to Latin for the scripts of the focus region.
//!
//! The tables follow the spellings that English-language text really uses, not a
//! scholarly standard: `Ստեփանակերտ` becomes `stepanakert`, `Ханкенди` becomes
//! `khankendi`, `თბილისი` becomes `tbilisi`. They work on lower-case input (the
//! normaliser folds case first) and write plain ASCII.
//!
//! Generic tables (any_ascii, deunicode) get these names wrong (`Ставрополь` →
//! `Stavropol'`, Armenian `ու` → `ow`), which is why the focus scripts are
//! transliterated here and only other scripts are left as they are.

/// The script of a character, as far as transliteration cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Basic Latin and Latin extensions.
    Latin,
    /// Cyrillic (Russian, Ukrainian, Belarusian, Serbian, Kazakh, Azerbaijani Cyrillic…).
    Cyrillic,
    /// Armenian.
    Armenian,
    /// Georgian (Mkhedruli and Mtavruli).
    Georgian,
    /// Anything else: left as it is.
    Other,
}

/// The script of the first letter of `text`, if it has a letter.
pub fn script_of_text(text: &str) -> Option<Script> {
    text.chars().find(|c| c.is_alphabetic()).map(script_of)
}

/// The script of `c`.
pub fn script_of(c: char) -> Script {
    match c as u32 {
        0x0041..=0x005A | 0x0061..=0x007A | 0x00C0..=0x024F | 0x1E00..=0x1EFF | 0x0250..=0x02AF => {
            Script::Latin
        }
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0531..=0x058F | 0xFB13..=0xFB17 => Script::Armenian,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
        _ => Script::Other,
    }
}

/// True for the vowels after which Cyrillic `е` is read `ye`.
fn is_cyrillic_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'ь' | 'ъ' | 'і' | 'ї' | 'є'
    )
}

/// Transliterates one lower-case Cyrillic character.
///
/// `prev` is the previous character of the same word (None at a word start).
/// Returns `None` for a character outside the table.
pub fn cyrillic(c: char, prev: Option<char>) -> Option<&'static str> {
    let word_start_or_vowel = prev.is_none_or(is_cyrillic_vowel);
    Some(match c {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' if word_start_or_vowel => "ye",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "y",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "kh",
        'ц' => "ts",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shch",
        'ъ' | 'ь' => "",
        'ы' => "y",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        // Ukrainian, Belarusian
        'і' => "i",
        'ї' => "yi",
        'є' => "ye",
        'ґ' => "g",
        'ў' => "u",
        // Serbian, Macedonian
        'ђ' => "dj",
        'ј' => "j",
        'љ' => "lj",
        'њ' => "nj",
        'ћ' => "c",
        'џ' => "dz",
        'ѓ' => "gj",
        'ќ' => "kj",
        'ѕ' => "dz",
        // Kazakh, Azerbaijani and other Turkic Cyrillic
        'ә' => "a",
        'ғ' => "gh",
        'қ' => "q",
        'ң' => "ng",
        'ө' => "o",
        'ұ' | 'ү' => "u",
        'һ' => "h",
        'ҹ' => "j",
        'ҝ' => "g",
        'ӣ' => "i",
        'ӯ' => "u",
        'ҳ' => "h",
        'ҷ' => "j",
        _ => return None,
    })
}

/// Transliterates one lower-case Armenian character.
///
/// `prev` is the previous character of the same word (None at a word start),
/// `next` the following one. `ու` is read `u`: the `ո` writes `u` and the `ւ`
/// after it writes nothing. Word-initial `ե` is `ye` and `ո` is `vo`
/// (Երևան → yerevan, Որոտան → vorotan).
pub fn armenian(c: char, prev: Option<char>, next: Option<char>) -> Option<&'static str> {
    Some(match c {
        'ա' => "a",
        'բ' => "b",
        'գ' => "g",
        'դ' => "d",
        'ե' if prev.is_none() => "ye",
        'ե' => "e",
        'զ' => "z",
        'է' => "e",
        'ը' => "y",
        'թ' => "t",
        'ժ' => "zh",
        'ի' => "i",
        'լ' => "l",
        'խ' => "kh",
        'ծ' => "ts",
        'կ' => "k",
        'հ' => "h",
        'ձ' => "dz",
        'ղ' => "gh",
        'ճ' => "ch",
        'մ' => "m",
        'յ' => "y",
        'ն' => "n",
        'շ' => "sh",
        'ո' if next == Some('ւ') => "u",
        'ո' if prev.is_none() => "vo",
        'ո' => "o",
        'չ' => "ch",
        'պ' => "p",
        'ջ' => "j",
        'ռ' => "r",
        'ս' => "s",
        'վ' => "v",
        'տ' => "t",
        'ր' => "r",
        'ց' => "ts",
        'ւ' if prev == Some('ո') => "",
        'ւ' => "v",
        'փ' => "p",
        'ք' => "k",
        'և' => "ev",
        'օ' => "o",
        'ֆ' => "f",
        // Armenian punctuation marks inside words (apostrophe, emphasis, question).
        '՚' | '՛' | '՜' | '՝' | '՞' | '՟' => "",
        _ => return None,
    })
}

/// Transliterates one Georgian character (Mkhedruli; Mtavruli is folded to it
/// by case folding), following the national system without apostrophes.
pub fn georgian(c: char) -> Option<&'static str> {
    Some(match c {
        'ა' => "a",
        'ბ' => "b",
        'გ' => "g",
        'დ' => "d",
        'ე' => "e",
        'ვ' => "v",
        'ზ' => "z",
        'თ' => "t",
        'ი' => "i",
        'კ' => "k",
        'ლ' => "l",
        'მ' => "m",
        'ნ' => "n",
        'ო' => "o",
        'პ' => "p",
        'ჟ' => "zh",
        'რ' => "r",
        'ს' => "s",
        'ტ' => "t",
        'უ' => "u",
        'ფ' => "p",
        'ქ' => "k",
        'ღ' => "gh",
        'ყ' => "q",
        'შ' => "sh",
        'ჩ' => "ch",
        'ც' => "ts",
        'ძ' => "dz",
        'წ' => "ts",
        'ჭ' => "ch",
        'ხ' => "kh",
        'ჯ' => "j",
        'ჰ' => "h",
        // archaic letters
        'ჱ' => "e",
        'ჲ' => "y",
        'ჳ' => "w",
        'ჴ' => "q",
        'ჵ' => "o",
        _ => return None,
    })
}

/// Latin letters that are letters of their own, not a base letter plus a mark,
/// and so survive canonical decomposition: folded to the ASCII that English text
/// writes for them. `ə` (Azerbaijani schwa) folds to `e`; the `a` spelling is a
/// key variant (see `normalize::name_keys`).
pub fn latin_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ə' | 'ǝ' => "e",
        'ı' => "i",
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ð' => "d",
        'ħ' => "h",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        'ŋ' => "ng",
        'ƒ' => "f",
        'ɨ' => "i",
        'ɛ' => "e",
        'ɔ' => "o",
        'ŀ' => "l",
        'ĸ' => "q",
        'ſ' => "s",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        // A tiny driver over one word, enough to test the tables.
        let chars: Vec<char> = s.chars().collect();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let prev = if i == 0 { None } else { Some(chars[i - 1]) };
            let next = chars.get(i + 1).copied();
            let t = match script_of(c) {
                Script::Cyrillic => cyrillic(c, prev),
                Script::Armenian => armenian(c, prev, next),
                Script::Georgian => georgian(c),
                _ => None,
            };
            out.push_str(t.unwrap_or("?"));
        }
        out
    }

    #[test]
    fn armenian_names() {
        assert_eq!(run("ստեփանակերտ"), "stepanakert");
        assert_eq!(run("երևան"), "yerevan");
        assert_eq!(run("որոտան"), "vorotan");
        assert_eq!(run("գյումրի"), "gyumri");
        assert_eq!(run("շուշի"), "shushi");
        assert_eq!(run("բերձոր"), "berdzor");
        assert_eq!(run("ակնա"), "akna");
    }

    #[test]
    fn cyrillic_names() {
        assert_eq!(run("степанакерт"), "stepanakert");
        assert_eq!(run("ханкенди"), "khankendi");
        assert_eq!(run("ереван"), "yerevan");
        assert_eq!(run("шуша"), "shusha");
        assert_eq!(run("київ"), "kiyiv");
        assert_eq!(run("йошкар"), "yoshkar");
    }

    #[test]
    fn georgian_names() {
        assert_eq!(run("თბილისი"), "tbilisi");
        assert_eq!(run("ქუთაისი"), "kutaisi");
        assert_eq!(run("ხანკენდი"), "khankendi");
    }

    #[test]
    fn scripts() {
        assert_eq!(script_of('a'), Script::Latin);
        assert_eq!(script_of('ə'), Script::Latin);
        assert_eq!(script_of('ж'), Script::Cyrillic);
        assert_eq!(script_of('ա'), Script::Armenian);
        assert_eq!(script_of('ა'), Script::Georgian);
        assert_eq!(script_of('東'), Script::Other);
    }
}
