//! Turning the owner's search words into what SQLite can answer newest first without
//! collecting every match before the LIMIT.
//!
//! FTS5 answers a prefix query (`"conch"*`) without a prefix index by first merging the
//! doclists of every word with that prefix into one list: for a word in ~20% of 100,000 orders
//! that took 11–15 ms (~0.6 µs per matching order), for "a" ~55 ms. The index has no prefix
//! indexes (`0001_init.sql`: they were ~60% of building it on a first sync), so:
//! - a term is expanded into the indexed words it begins (`concha` → `concha`, `conchas`)
//!   through the `orders_fts_words` vocabulary, one seek per word (~15 µs), and matched as an
//!   OR of whole words, which FTS5 streams newest first like any single word;
//! - a term of up to [`SHORT`] characters that begins more than [`MAX_EXPANSION`] words ("a",
//!   "co", "55") is common: it is checked on the folded text of the orders instead
//!   ([`Search::scans`]), newest first, which meets LIMIT matches after a few rows because
//!   matches are dense — or on the rows the other terms' index match yields;
//! - a longer term that begins more than [`MAX_EXPANSION`] words (phone digits: "5512" begins
//!   ~900; "perez" begins `perez0`…`perez96` of e-mails) stays a prefix query: most of its
//!   words are rare, so the merge is small, and an OR of that many words costs more.
//!
//! - several common terms and nothing else: the one found in the fewest places (counted in the
//!   `instance` vocabulary, up to [`RARE_ENOUGH`]) becomes a prefix query after all, so two
//!   common terms that never meet in one order ("su bo": a warehouse word each) are answered
//!   from that term's few thousand entries instead of a scan of every order.
//!
//! Known worst case left: common short terms that never meet where each is in more than
//! [`RARE_ENOUGH`] places (or filters that exclude every match) scan every order's folded text
//! before answering "nothing": ~60 ms at 100,000 orders.

use rusqlite::{Connection, OptionalExtension};

use crate::Result;

/// The longest term that may be checked by a scan of the folded text when it begins many
/// words. Longer terms begin fewer orders, so the scan could walk far before the LIMIT.
const SHORT: usize = 3;

/// The most whole words a prefix is expanded into. Each costs a seek (~15 µs) and slows
/// every step of the OR: "ibañez rojas", two ORs of 98 words (e-mail names with digits,
/// `ibanez12`) that rarely meet, took 28 ms where merging each prefix's matches took 4 ms.
/// Words that many are mostly rare ones, so the merge stays small.
const MAX_EXPANSION: usize = 16;

/// A common term found in at most this many places (word occurrences) is matched by the index
/// when no other term is: FTS5 merges that many entries in ≤ ~2.5 ms (~0.6 µs each), where the
/// scan it replaces may read every order when the terms never meet.
const RARE_ENOUGH: usize = 4_000;

/// How a search is answered: an FTS5 MATCH for the terms the index answers well, and
/// substrings of the folded text (`orders.search`) for the common short ones.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Search {
    /// The MATCH expression, every part required; `None` when every term is common.
    pub matches: Option<String>,
    /// " term" for each common term: a word of `orders.search` begins with it exactly when
    /// the text holds this substring (see `row::push_words`).
    pub scans: Vec<String>,
}

/// How to find the orders holding every one of `terms` (folded words, see
/// `row::search_terms`), each as a prefix ("pere 10" finds "Pérez" in order 1042). `None`
/// when some term begins no indexed word, so nothing can match.
pub(crate) fn plan(conn: &Connection, terms: &[String]) -> Result<Option<Search>> {
    let mut parts = Vec::with_capacity(terms.len());
    let mut common: Vec<&str> = Vec::new();
    for term in terms {
        match term_expression(conn, term)? {
            Term::Match(part) => parts.push(part),
            Term::Common => common.push(term),
            Term::Nothing => return Ok(None),
        }
    }
    if parts.is_empty() && common.len() > 1 {
        // The index drives the rarest common term, when it is rare enough.
        let mut rarest: Option<(usize, usize)> = None;
        for (i, term) in common.iter().enumerate() {
            let places = places_of(conn, term, RARE_ENOUGH + 1)?;
            if places <= RARE_ENOUGH && rarest.is_none_or(|(_, n)| places < n) {
                rarest = Some((i, places));
            }
        }
        if let Some((i, _)) = rarest {
            parts.push(format!("\"{}\"*", common.remove(i)));
        }
    }
    let matches = (!parts.is_empty()).then(|| parts.join(" AND "));
    let scans = common.iter().map(|t| format!(" {t}")).collect();
    Ok(Some(Search { matches, scans }))
}

/// How one term is matched.
enum Term {
    /// This part of the MATCH (terms are alphanumeric, so quoting cannot be broken).
    Match(String),
    /// A short term beginning many words: checked on the folded text.
    Common,
    /// The term begins no indexed word.
    Nothing,
}

fn term_expression(conn: &Connection, term: &str) -> Result<Term> {
    let words = words_beginning(conn, term, MAX_EXPANSION + 1)?;
    Ok(match words.len() {
        0 => Term::Nothing,
        1 => Term::Match(format!("\"{}\"", words[0])),
        n if n > MAX_EXPANSION && term.chars().count() <= SHORT => Term::Common,
        n if n > MAX_EXPANSION => Term::Match(format!("\"{term}\"*")),
        _ => Term::Match(format!(
            "({})",
            words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(" OR ")
        )),
    })
}

/// How many places (word occurrences) hold a word beginning with `prefix`, counted up to `max`.
fn places_of(conn: &Connection, prefix: &str, max: usize) -> Result<usize> {
    // U+10FFFF sorts after every character a word can continue with.
    let end = format!("{prefix}\u{10FFFF}");
    let mut stmt = conn.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM orders_fts_words WHERE term >= ?1 AND term < ?2 LIMIT ?3)",
    )?;
    let n: i64 = stmt.query_row(rusqlite::params![prefix, end, max as i64], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(max))
}

/// Up to `max` indexed words that begin with `prefix`, in order. Each is found by a seek past
/// the previous one in the `instance` vocabulary (a `row` vocabulary would count every
/// order holding each word first).
fn words_beginning(conn: &Connection, prefix: &str, max: usize) -> Result<Vec<String>> {
    let mut stmt =
        conn.prepare_cached("SELECT term FROM orders_fts_words WHERE term >= ?1 LIMIT 1")?;
    let mut words: Vec<String> = Vec::new();
    while words.len() < max {
        // "\u{1}" sorts before any character a word can hold: the seek lands past `last`.
        let from = words
            .last()
            .map_or_else(|| prefix.to_string(), |last| format!("{last}\u{1}"));
        let next: Option<String> = stmt.query_row([from], |r| r.get(0)).optional()?;
        match next {
            Some(word) if word.starts_with(prefix) => words.push(word),
            _ => break,
        }
    }
    Ok(words)
}
