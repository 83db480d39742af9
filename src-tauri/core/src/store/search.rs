//! Turning the owner's search words into an FTS5 MATCH that FTS5 can answer newest first
//! without collecting every match before the LIMIT.
//!
//! FTS5 answers a prefix query (`"conch"*`) from a prefix index when one exists for that many
//! characters, streaming rowids in order; without one it first merges the doclists of every
//! word with that prefix into one list, which for a word in ~20% of 100,000 orders took
//! 11–15 ms (~0.6 µs per matching order), for "a" ~55 ms. So:
//! - words of up to [`INDEXED_PREFIX`] characters are prefix queries on the prefix indexes
//!   (`prefix = '1 2 3'` in `0001_init.sql`);
//! - longer words are expanded into the indexed words they begin (`concha` → `concha`,
//!   `conchas`) through the `orders_fts_words` vocabulary, one seek per word (~15 µs), and
//!   matched as an OR of whole words, which FTS5 streams newest first like any single word;
//! - a prefix that begins more than [`MAX_EXPANSION`] different words (phone digits: "5512"
//!   begins ~900; "perez" begins `perez0`…`perez96` of e-mails) stays a prefix query: most of
//!   its words are rare, and an OR of that many words costs more than the merge.

use rusqlite::{Connection, OptionalExtension};

use crate::Result;

/// The longest prefix FTS5 keeps an index for (`prefix = '1 2 3'` in `0001_init.sql`).
const INDEXED_PREFIX: usize = 3;

/// The most whole words a longer prefix is expanded into. Each costs a seek (~15 µs) and
/// slows every step of the OR: "ibañez rojas", two ORs of 98 words (e-mail names with digits,
/// `ibanez12`) that rarely meet, took 28 ms where merging each prefix's matches took 4 ms.
/// Words that many are mostly rare ones, so the merge stays small.
const MAX_EXPANSION: usize = 16;

/// The MATCH expression for `terms` (folded words, see `row::search_terms`): every term
/// required, each matched as a prefix ("pere 10" finds "Pérez" in order 1042). `None` when
/// some term begins no indexed word, so nothing can match.
pub(crate) fn match_expression(conn: &Connection, terms: &[String]) -> Result<Option<String>> {
    let mut parts = Vec::with_capacity(terms.len());
    for term in terms {
        match term_expression(conn, term)? {
            Some(part) => parts.push(part),
            None => return Ok(None),
        }
    }
    Ok(Some(parts.join(" AND ")))
}

/// One term's part of the MATCH. Terms are alphanumeric, so quoting cannot be broken.
fn term_expression(conn: &Connection, term: &str) -> Result<Option<String>> {
    // Non-ASCII letters that `fold` leaves alone may be folded differently by FTS5's
    // tokenizer, so the vocabulary (FTS5's words) could miss them: let FTS5 fold the prefix.
    if term.chars().count() <= INDEXED_PREFIX || !term.is_ascii() {
        return Ok(Some(format!("\"{term}\"*")));
    }
    let words = words_beginning(conn, term, MAX_EXPANSION + 1)?;
    Ok(match words.len() {
        0 => None,
        1 => Some(format!("\"{}\"", words[0])),
        n if n > MAX_EXPANSION => Some(format!("\"{term}\"*")),
        _ => Some(format!(
            "({})",
            words
                .iter()
                .map(|w| format!("\"{w}\""))
                .collect::<Vec<_>>()
                .join(" OR ")
        )),
    })
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
