//! Staff notes on Shopify. An order has one `note` (the customer's checkout note, which the
//! shop can edit in the admin); Mostrador appends each staff note to it as a block
//!
//! ```text
//! [Caja 1 · 2026-12-01 14:05 UTC · mostrador-nota:UUID]
//! Sin cebolla en la segunda
//! ```
//!
//! with `orderUpdate(input: {id, note})`, and reads the blocks back as staff notes (the text
//! before the first block stays the customer's note). The action's UUID in the header is the
//! marker: every attempt reads the order first and does not append a block that is already
//! there, so a retry after a lost answer never doubles a note. A device without a name
//! writes "Mostrador". Shopify writes the whole note at once: an edit made in the admin
//! between Mostrador's read and its write is overwritten (a few hundred milliseconds).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde_json::json;

use crate::model::StaffNote;
use crate::text::Text;

use super::actions::ApplyOutcome;
use super::client::ShopifyClient;
use super::documents;
use super::error::ShopifyError;
use super::wire;

/// The marker in a block's header: `mostrador-nota:UUID`.
pub const MARKER: &str = "mostrador-nota:";
const UNNAMED: &str = "Mostrador";
const TIME: &str = "%Y-%m-%d %H:%M UTC";

/// A block's header line.
pub fn header(device: Option<&str>, at: DateTime<Utc>, action_id: &str) -> String {
    let device = device
        .map(|d| d.replace(" · ", " ").replace(['[', ']', '\n'], " "))
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| UNNAMED.to_string());
    format!(
        "[{} · {} · {MARKER}{action_id}]",
        device.trim(),
        at.format(TIME)
    )
}

/// `(device, at, action id)` of a header line.
fn parse_header(line: &str) -> Option<(Option<String>, DateTime<Utc>, String)> {
    let inner = line.trim().strip_prefix('[')?.strip_suffix(']')?;
    let mut parts = inner.rsplitn(3, " · ");
    let id = parts.next()?.strip_prefix(MARKER)?.to_string();
    let at = NaiveDateTime::parse_from_str(parts.next()?, TIME)
        .ok()?
        .and_utc();
    let device = parts.next()?.trim().to_string();
    Some(((device != UNNAMED).then_some(device), at, id))
}

/// The order's `note` split into the customer's part and the staff notes, oldest first.
pub fn split(note: &str) -> (Option<String>, Vec<StaffNote>) {
    let mut customer = Vec::new();
    let mut staff: Vec<(StaffNote, Vec<&str>)> = Vec::new();
    for line in note.lines() {
        if let Some((device, at, id)) = parse_header(line) {
            let note = StaffNote {
                id: format!("shopify-note-{id}"),
                text: String::new(),
                at,
                device,
            };
            staff.push((note, Vec::new()));
        } else if let Some((_, lines)) = staff.last_mut() {
            lines.push(line);
        } else {
            customer.push(line);
        }
    }
    let customer = customer.join("\n").trim().to_string();
    let notes = staff
        .into_iter()
        .map(|(mut n, lines)| {
            n.text = lines.join("\n").trim().to_string();
            n
        })
        .collect();
    ((!customer.is_empty()).then_some(customer), notes)
}

/// `note` with a staff note block appended (unless the block of `action_id` is there).
pub fn appended(
    note: &str,
    device: Option<&str>,
    at: DateTime<Utc>,
    action_id: &str,
    text: &str,
) -> Option<String> {
    if has_block(note, action_id) {
        return None;
    }
    let block = format!("{}\n{}", header(device, at, action_id), text.trim());
    let before = note.trim_end();
    Some(if before.is_empty() {
        block
    } else {
        format!("{before}\n\n{block}")
    })
}

/// Whether the note already has the block of `action_id`.
pub fn has_block(note: &str, action_id: &str) -> bool {
    note.lines()
        .filter_map(parse_header)
        .any(|(_, _, id)| id == action_id)
}

impl ShopifyClient {
    /// Appends a staff note to the order's `note`, once.
    pub(super) async fn staff_note(
        &self,
        order: &wire::Order,
        action_id: &str,
        text: &str,
        device: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<Option<ApplyOutcome>, ShopifyError> {
        if text.trim().is_empty() {
            return Ok(Some(ApplyOutcome::Rejected(Text::new(
                "Escribe la nota.",
                "Write the note.",
            ))));
        }
        let current = order.note.as_deref().unwrap_or_default();
        let Some(note) = appended(current, device, at, action_id, text) else {
            // Done by an earlier attempt whose answer was lost.
            return Ok(None);
        };
        self.mutate(
            &documents::order_note(),
            "orderUpdate",
            json!({ "input": { "id": order.id, "note": note } }),
        )
        .await?;
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_round_trip_and_keep_the_customer_note() {
        let at: DateTime<Utc> = "2026-12-01T14:05:00Z".parse().unwrap();
        let a = appended(
            "Sin cebolla",
            Some("Caja 1"),
            at,
            "id-1",
            "Llamar al llegar",
        )
        .unwrap();
        let b = appended(&a, None, at, "id-2", "Dos líneas\nsegunda").unwrap();
        assert_eq!(appended(&b, None, at, "id-1", "otra vez"), None, "once");
        let (customer, notes) = split(&b);
        assert_eq!(customer.as_deref(), Some("Sin cebolla"));
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].text, "Llamar al llegar");
        assert_eq!(notes[0].device.as_deref(), Some("Caja 1"));
        assert_eq!(notes[0].at, at);
        assert_eq!(notes[1].text, "Dos líneas\nsegunda");
        assert_eq!(notes[1].device, None);
        assert_eq!(split("Solo cliente").1, Vec::new());
    }
}
