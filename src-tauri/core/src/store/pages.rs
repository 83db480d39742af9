//! Reading rows straight out of a damaged SQLite file's pages, without SQLite.
//!
//! When the header, the schema or an interior page is destroyed, SQLite refuses the whole
//! file, yet the rows themselves often still sit intact in their leaf pages. This walks every
//! page of the file (with the newest copy of each page from its `-wal`, when there is one),
//! decodes the cells of every table leaf and index leaf page (following overflow chains), and
//! hands back the records; [`super::salvage`] recognises the outbox, ledger and settings rows
//! among them by their shape. Format: <https://sqlite.org/fileformat2.html>.

use std::collections::BTreeMap;

use rusqlite::types::Value;

/// One decoded cell.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cell {
    /// The rowid of a table-leaf cell; `None` for an index cell (a `WITHOUT ROWID` row).
    pub rowid: Option<i64>,
    /// The record's values, in column order.
    pub values: Vec<Value>,
}

/// The file's pages by number (1-based): the main file's, overridden by the newest `-wal`
/// frame of each page.
pub(crate) struct Pages {
    size: usize,
    pages: BTreeMap<u32, Vec<u8>>,
}

const MAGIC: &[u8] = b"SQLite format 3\0";

impl Pages {
    /// Splits `main` (and `wal`) into pages. The page size comes from the header when it is
    /// sound, else from the WAL header, else SQLite's default 4096.
    pub(crate) fn new(main: &[u8], wal: Option<&[u8]>) -> Pages {
        let from_header = (main.len() >= 100 && &main[..16] == MAGIC)
            .then(|| match u16::from_be_bytes([main[16], main[17]]) {
                1 => 65536,
                n => usize::from(n),
            })
            .filter(|n| n.is_power_of_two() && (512..=65536).contains(n));
        let from_wal = wal
            .filter(|w| w.len() >= 32)
            .map(|w| u32::from_be_bytes([w[8], w[9], w[10], w[11]]) as usize)
            .filter(|n| n.is_power_of_two() && (512..=65536).contains(n));
        let size = from_header.or(from_wal).unwrap_or(4096);
        let mut pages = BTreeMap::new();
        for (i, chunk) in main.chunks(size).enumerate() {
            if chunk.len() == size {
                pages.insert(i as u32 + 1, chunk.to_vec());
            }
        }
        if let Some(wal) = wal.filter(|w| w.len() >= 32) {
            // Frames: a 24-byte header (page number first) and the page. Later frames win.
            for frame in wal[32..].chunks(24 + size) {
                if frame.len() == 24 + size {
                    let number = u32::from_be_bytes([frame[0], frame[1], frame[2], frame[3]]);
                    if number > 0 {
                        pages.insert(number, frame[24..].to_vec());
                    }
                }
            }
        }
        Pages { size, pages }
    }

    /// Every cell of every leaf page that decodes; damaged cells and pages are skipped.
    pub(crate) fn cells(&self) -> Vec<Cell> {
        let mut out = Vec::new();
        for (&number, page) in &self.pages {
            let start = if number == 1 { 100 } else { 0 };
            let Some(&kind) = page.get(start) else {
                continue;
            };
            let table = match kind {
                0x0D => true,
                0x0A => false,
                _ => continue,
            };
            let count = usize::from(be16(page, start + 3).unwrap_or(0));
            for i in 0..count {
                let Some(offset) = be16(page, start + 8 + 2 * i) else {
                    break;
                };
                if let Some(cell) = self.cell(page, usize::from(offset), table) {
                    out.push(cell);
                }
            }
        }
        out
    }

    fn cell(&self, page: &[u8], offset: usize, table: bool) -> Option<Cell> {
        let usable = self.size;
        let (payload_len, mut at) = varint(page, offset)?;
        let payload_len = usize::try_from(payload_len).ok()?;
        let rowid = if table {
            let (rowid, next) = varint(page, at)?;
            at = next;
            Some(rowid)
        } else {
            None
        };
        // How much of the payload is on this page (fileformat2 §1.6).
        let max_local = if table {
            usable - 35
        } else {
            (usable - 12) * 64 / 255 - 23
        };
        let min_local = (usable - 12) * 32 / 255 - 23;
        let local = if payload_len <= max_local {
            payload_len
        } else {
            let k = min_local + (payload_len - min_local) % (usable - 4);
            if k <= max_local { k } else { min_local }
        };
        let mut payload = page.get(at..at + local)?.to_vec();
        if local < payload_len {
            let mut next =
                u32::from_be_bytes(page.get(at + local..at + local + 4)?.try_into().ok()?);
            let mut hops = 0;
            while payload.len() < payload_len {
                hops += 1;
                let overflow = self.pages.get(&next).filter(|_| hops <= self.pages.len())?;
                let take = (payload_len - payload.len()).min(usable - 4);
                payload.extend_from_slice(overflow.get(4..4 + take)?);
                next = u32::from_be_bytes(overflow[..4].try_into().ok()?);
            }
        }
        Some(Cell {
            rowid,
            values: record(&payload)?,
        })
    }
}

fn be16(page: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(page.get(at..at + 2)?.try_into().ok()?))
}

/// SQLite's varint: 1–9 bytes, big-endian, 7 bits a byte (the ninth gives 8).
fn varint(bytes: &[u8], at: usize) -> Option<(i64, usize)> {
    let mut value: u64 = 0;
    for i in 0..9 {
        let byte = *bytes.get(at + i)?;
        if i == 8 {
            return Some((((value << 8) | u64::from(byte)) as i64, at + 9));
        }
        value = (value << 7) | u64::from(byte & 0x7f);
        if byte & 0x80 == 0 {
            return Some((value as i64, at + i + 1));
        }
    }
    None
}

/// Decodes a record: a header of serial types, then the values. `None` when it does not add up.
fn record(payload: &[u8]) -> Option<Vec<Value>> {
    let (header_len, mut at) = varint(payload, 0)?;
    let header_len = usize::try_from(header_len).ok()?;
    if header_len > payload.len() || header_len == 0 {
        return None;
    }
    let mut types = Vec::new();
    while at < header_len {
        let (t, next) = varint(payload, at)?;
        types.push(t);
        at = next;
    }
    if at != header_len {
        return None;
    }
    let mut body = header_len;
    let mut values = Vec::with_capacity(types.len());
    for t in types {
        let int = |n: usize| -> Option<i64> {
            let bytes = payload.get(body..body + n)?;
            let mut v: i64 = if bytes.first()? & 0x80 != 0 { -1 } else { 0 };
            for &b in bytes {
                v = (v << 8) | i64::from(b);
            }
            Some(v)
        };
        let (value, len) = match t {
            0 => (Value::Null, 0),
            1..=4 => (Value::Integer(int(t as usize)?), t as usize),
            5 => (Value::Integer(int(6)?), 6),
            6 => (Value::Integer(int(8)?), 8),
            7 => {
                let bytes: [u8; 8] = payload.get(body..body + 8)?.try_into().ok()?;
                (Value::Real(f64::from_be_bytes(bytes)), 8)
            }
            8 => (Value::Integer(0), 0),
            9 => (Value::Integer(1), 0),
            t if t >= 12 && t % 2 == 0 => {
                let n = usize::try_from((t - 12) / 2).ok()?;
                (Value::Blob(payload.get(body..body + n)?.to_vec()), n)
            }
            t if t >= 13 => {
                let n = usize::try_from((t - 13) / 2).ok()?;
                let text = std::str::from_utf8(payload.get(body..body + n)?).ok()?;
                (Value::Text(text.to_string()), n)
            }
            _ => return None,
        };
        values.push(value);
        body += len;
    }
    (body == payload.len()).then_some(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_from_the_pages_even_with_the_header_destroyed() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("t.db");
        let conn = rusqlite::Connection::open(&path).expect("opens");
        let long = "x".repeat(9000);
        conn.execute_batch(&format!(
            "CREATE TABLE t (a INTEGER PRIMARY KEY, b TEXT, c BLOB, d INTEGER, e REAL);
             INSERT INTO t VALUES (7, 'hola', X'00FF', -300, 1.5), (8, '{long}', NULL, 1, 0);
             CREATE TABLE k (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
             INSERT INTO k VALUES ('url', 'http://x'), ('big', '{long}');"
        ))
        .expect("rows are written");
        drop(conn);
        let mut bytes = std::fs::read(&path).expect("reads");
        bytes[..100].fill(0x5a);

        let cells = Pages::new(&bytes, None).cells();

        let find = |want: &[Value]| cells.iter().any(|c| c.values == want);
        assert!(
            find(&[
                Value::Null,
                Value::Text("hola".into()),
                Value::Blob(vec![0, 255]),
                Value::Integer(-300),
                Value::Real(1.5)
            ]),
            "a small row decodes, negative integers and reals included"
        );
        assert!(
            cells
                .iter()
                .any(|c| c.rowid == Some(8) && c.values[1] == Value::Text(long.clone())),
            "a row larger than a page is put back together from its overflow pages"
        );
        assert!(
            find(&[Value::Text("url".into()), Value::Text("http://x".into())]),
            "a WITHOUT ROWID row is read from its index leaf"
        );
        assert!(
            find(&[Value::Text("big".into()), Value::Text(long)]),
            "a large WITHOUT ROWID row is put back together too"
        );
    }
}
