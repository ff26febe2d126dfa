//! The format of one inflection table, `data/inflection/<lang>.tsv`, and its
//! parser. The build script compiles this very file (`#[path]`) to validate
//! the tables, so a broken row fails the build with its file and line; the
//! library parses the same text at first use. `data/FORMAT.md` describes the
//! format for the people who edit the tables.

/// What an ending is attached to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RuleKind {
    /// Glued to the name: `Мартакерта`, `Füzulidə`, `Jerewans`.
    Suffix,
    /// After an apostrophe: Turkish `Erivan'da`, `Tiflis'ten`.
    Apostrophe,
    /// A prefix elided before an apostrophe: `d'Erevan`, `all'Azerbaigian`.
    Elision,
}

/// A condition on the name a rule gives (its stem).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cond {
    /// The stem's last letter is (`true`) or is not in the class.
    Final(usize, bool),
    /// The stem's last vowel (a letter of the class `vowel`) is in the class.
    LastVowel(usize),
}

/// One row of a table: `ending` taken off a word and `stem` put on gives a
/// name, when every condition holds.
#[derive(Clone, Debug)]
pub struct Rule {
    /// Glued, after an apostrophe, or an elided prefix.
    pub kind: RuleKind,
    /// The ending as written, lower case (for an elision, the prefix).
    pub ending: String,
    /// Letters appended after the ending is removed.
    pub stem: String,
    /// Conditions on the resulting stem.
    pub when: Vec<Cond>,
    /// Line of the row in its file, for messages.
    pub line: usize,
}

/// The script a table's words are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableScript {
    /// Latin letters.
    Latin,
    /// Cyrillic.
    Cyrillic,
    /// Armenian.
    Armenian,
    /// Georgian.
    Georgian,
}

/// One language's inflection table.
#[derive(Clone, Debug)]
pub struct Table {
    /// The language of the file (its name: `ru` for `ru.tsv`).
    pub lang: String,
    /// The script of its words.
    pub script: TableScript,
    /// Languages (primary subtags) whose names a stem may match.
    pub langs: Vec<String>,
    /// Letter classes, by name.
    pub classes: Vec<(String, Vec<char>)>,
    /// Letters whose presence in a text shows the language.
    pub evidence_letters: Vec<char>,
    /// Words of which two distinct ones in a text show the language.
    pub evidence_words: Vec<String>,
    /// The rules, longest ending first.
    pub rules: Vec<Rule>,
    /// Indexes into `rules` of the glued suffixes, by the last byte of
    /// their ending (256 lists, each in rule order): a word is tried only
    /// with the rules that can end it.
    pub suffixes_by_last_byte: Vec<Vec<usize>>,
    /// Indexes into `rules` of the rules after an apostrophe, in rule order.
    pub after_apostrophe: Vec<usize>,
}

impl Table {
    /// Whether running text must show the language before this table's
    /// glued suffixes are read (Latin-script languages, whose endings an
    /// English word may end with as well).
    pub fn needs_evidence(&self) -> bool {
        !self.evidence_letters.is_empty() || !self.evidence_words.is_empty()
    }

    /// Whether `c` (lower case) is in class `k`.
    pub fn in_class(&self, k: usize, c: char) -> bool {
        self.classes.get(k).is_some_and(|(_, cs)| cs.contains(&c))
    }

    fn class(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|(n, _)| n == name)
    }

    /// Whether `stem` (lower case) meets every condition of `rule`.
    pub fn holds(&self, rule: &Rule, stem: &str) -> bool {
        rule.when.iter().all(|c| match *c {
            Cond::Final(k, yes) => {
                stem.chars()
                    .next_back()
                    .is_some_and(|l| self.in_class(k, l))
                    == yes
            }
            Cond::LastVowel(k) => {
                let vowel = self.class("vowel");
                stem.chars()
                    .rev()
                    .find(|&l| vowel.is_some_and(|v| self.in_class(v, l)))
                    .is_some_and(|l| self.in_class(k, l))
            }
        })
    }

    /// The stem a lower-case `word` gives under `rule`, if its ending matches
    /// and the conditions hold (glued suffixes only; an apostrophe rule is
    /// applied to the part after the apostrophe by the caller).
    pub fn apply(&self, rule: &Rule, word: &str) -> Option<String> {
        let base = word.strip_suffix(rule.ending.as_str())?;
        if base.chars().count() < 2 {
            return None;
        }
        let mut stem = String::with_capacity(base.len() + rule.stem.len());
        stem.push_str(base);
        stem.push_str(&rule.stem);
        self.holds(rule, &stem).then_some(stem)
    }
}

/// `s` split at its first apostrophe (any of the normaliser's apostrophes):
/// (before, after).
pub fn split_apostrophe(s: &str) -> Option<(&str, &str)> {
    // most words are ASCII without one: a byte search up to the first
    // ASCII apostrophe or non-ASCII character
    let first = s
        .bytes()
        .position(|b| b == b'\'' || b == b'`' || b >= 0x80)?;
    if s.as_bytes()[first] < 0x80 {
        return Some((&s[..first], &s[first + 1..]));
    }
    let (i, c) = s[first..]
        .char_indices()
        .map(|(i, c)| (first + i, c))
        .find(|&(_, c)| crate::normalize::is_apostrophe(c))?;
    Some((&s[..i], &s[i + c.len_utf8()..]))
}

impl Table {
    /// The name `rule` reads in the lower-case form `low`, split at its
    /// apostrophe as [`split_apostrophe`] splits it (`split`, worked out once
    /// for all the rules): for a glued suffix, `low` (which holds no
    /// apostrophe) less the ending plus the stem letters; after an
    /// apostrophe, the part before it plus the stem letters; for an elision,
    /// the part after it. `None` when the rule does not fit or a condition
    /// fails.
    pub fn reading(&self, rule: &Rule, low: &str, split: Option<(&str, &str)>) -> Option<String> {
        match (rule.kind, split) {
            (RuleKind::Suffix, None) => self.apply(rule, low),
            (RuleKind::Apostrophe, Some((base, suffix)))
                if suffix == rule.ending && base.chars().count() >= 2 =>
            {
                let mut stem = base.to_string();
                stem.push_str(&rule.stem);
                self.holds(rule, &stem).then_some(stem)
            }
            (RuleKind::Elision, Some((prefix, name))) if prefix == rule.ending => {
                Some(name.to_string())
            }
            _ => None,
        }
    }
}

/// Parses the table of language `lang` from `text`; an error names the line.
pub fn parse(lang: &str, text: &str) -> Result<Table, (usize, String)> {
    let mut t = Table {
        lang: lang.to_string(),
        script: TableScript::Latin,
        langs: Vec::new(),
        classes: Vec::new(),
        evidence_letters: Vec::new(),
        evidence_words: Vec::new(),
        rules: Vec::new(),
        suffixes_by_last_byte: Vec::new(),
        after_apostrophe: Vec::new(),
    };
    let mut script_seen = false;
    let mut header_seen = false;
    // class conditions are resolved after every @class line is read
    let mut pending: Vec<(usize, String, String, String, String)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = i + 1;
        let row = raw.trim_end_matches('\r');
        if row.trim().is_empty() || row.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = row.split('\t').collect();
        if let Some(directive) = cols[0].strip_prefix('@') {
            let arg = |n: usize| cols.get(n).map(|s| s.trim()).filter(|s| !s.is_empty());
            match directive {
                "script" => {
                    t.script = match arg(1) {
                        Some("Latn") => TableScript::Latin,
                        Some("Cyrl") => TableScript::Cyrillic,
                        Some("Armn") => TableScript::Armenian,
                        Some("Geor") => TableScript::Georgian,
                        other => {
                            return Err((
                                line,
                                format!("unknown script {other:?} (Latn, Cyrl, Armn, Geor)"),
                            ))
                        }
                    };
                    script_seen = true;
                }
                "langs" => {
                    let langs = arg(1).ok_or((line, "@langs needs languages".to_string()))?;
                    t.langs = langs.split_whitespace().map(str::to_string).collect();
                }
                "class" => {
                    let (Some(name), Some(letters)) = (arg(1), arg(2)) else {
                        return Err((line, "@class needs a name and letters".to_string()));
                    };
                    if t.class(name).is_some() {
                        return Err((line, format!("class {name} defined twice")));
                    }
                    if letters
                        .chars()
                        .any(|c| c.is_uppercase() || c.is_whitespace())
                    {
                        return Err((line, format!("class {name}: lower-case letters only")));
                    }
                    t.classes
                        .push((name.to_string(), letters.chars().collect()));
                }
                "evidence" => match (arg(1), arg(2)) {
                    (Some("letters"), Some(l)) => t
                        .evidence_letters
                        .extend(l.chars().filter(|c| !c.is_whitespace())),
                    (Some("words"), Some(w)) => t
                        .evidence_words
                        .extend(w.split_whitespace().map(str::to_lowercase)),
                    _ => {
                        return Err((
                            line,
                            "@evidence needs `letters X` or `words A B`".to_string(),
                        ))
                    }
                },
                other => return Err((line, format!("unknown directive @{other}"))),
            }
            continue;
        }
        // an optional header row
        if !header_seen && cols.first() == Some(&"kind") {
            header_seen = true;
            continue;
        }
        header_seen = true;
        if cols.len() != 5 {
            return Err((
                line,
                format!(
                    "{} columns, expected 5 (kind ending stem when example)",
                    cols.len()
                ),
            ));
        }
        pending.push((
            line,
            cols[0].to_string(),
            cols[1].to_string(),
            cols[2].to_string(),
            cols[3].to_string(),
        ));
        let example = cols[4];
        if !example.contains(" → ") {
            return Err((line, format!("example {example:?} is not `FORM → NAME`")));
        }
    }
    if !script_seen {
        return Err((1, "no @script line".to_string()));
    }
    if t.langs.is_empty() {
        return Err((1, "no @langs line".to_string()));
    }
    for (line, kind, ending, stem, when) in pending {
        let kind = match kind.as_str() {
            "suffix" => RuleKind::Suffix,
            "apostrophe" => RuleKind::Apostrophe,
            "elision" => RuleKind::Elision,
            other => {
                return Err((
                    line,
                    format!("unknown kind {other:?} (suffix, apostrophe, elision)"),
                ))
            }
        };
        if ending.is_empty()
            || ending
                .chars()
                .any(|c| c.is_uppercase() || c.is_whitespace())
        {
            return Err((
                line,
                format!("ending {ending:?}: lower-case letters, not empty"),
            ));
        }
        if kind == RuleKind::Elision && (!stem.is_empty() || !when.is_empty()) {
            return Err((line, "an elision has no stem or condition".to_string()));
        }
        let mut conds = Vec::new();
        for c in when.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            let cond = if let Some(k) = c.strip_prefix("final!=") {
                t.class(k).map(|k| Cond::Final(k, false))
            } else if let Some(k) = c.strip_prefix("final=") {
                t.class(k).map(|k| Cond::Final(k, true))
            } else if let Some(k) = c.strip_prefix("lastvowel=") {
                if t.class("vowel").is_none() {
                    return Err((line, "lastvowel= needs a class named vowel".to_string()));
                }
                t.class(k).map(Cond::LastVowel)
            } else {
                return Err((
                    line,
                    format!("condition {c:?}: final=, final!= or lastvowel="),
                ));
            };
            conds.push(cond.ok_or((line, format!("condition {c:?} names no @class")))?);
        }
        t.rules.push(Rule {
            kind,
            ending,
            stem,
            when: conds,
            line,
        });
    }
    // Longest ending first: the most specific reading is tried first.
    t.rules.sort_by(|a, b| {
        b.ending
            .chars()
            .count()
            .cmp(&a.ending.chars().count())
            .then(a.line.cmp(&b.line))
    });
    t.suffixes_by_last_byte = vec![Vec::new(); 256];
    for (i, rule) in t.rules.iter().enumerate() {
        match (rule.kind, rule.ending.as_bytes().last()) {
            (RuleKind::Suffix, Some(&b)) => t.suffixes_by_last_byte[b as usize].push(i),
            (RuleKind::Apostrophe, _) => t.after_apostrophe.push(i),
            _ => {}
        }
    }
    Ok(t)
}

/// The `(form, name)` of a row's example column `FORM → NAME` (for the
/// build script and the tests).
#[allow(dead_code)]
pub fn example(text: &str, line: usize) -> Option<(String, String)> {
    let row = text.lines().nth(line.checked_sub(1)?)?;
    let (form, name) = row.split('\t').nth(4)?.split_once(" → ")?;
    Some((form.trim().to_string(), name.trim().to_string()))
}
