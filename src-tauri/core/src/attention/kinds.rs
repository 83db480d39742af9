//! Small value types the planner and the ledger share: a set of [`NoticeKind`]s and what became
//! of each announcement ([`Outcome`]).

use serde::{Deserialize, Serialize};

use super::NoticeKind;

/// The kinds already announced for one subject (an order, or a failed action), as a bit set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct KindSet(u16);

impl KindSet {
    /// No kind.
    pub const EMPTY: KindSet = KindSet(0);

    /// Whether `kind` is in the set.
    pub fn contains(self, kind: NoticeKind) -> bool {
        self.0 & bit(kind) != 0
    }

    /// Adds `kind`.
    pub fn insert(&mut self, kind: NoticeKind) {
        self.0 |= bit(kind);
    }

    /// The bits as the ledger stores them: bit n is the n-th variant of [`NoticeKind`].
    pub fn bits(self) -> i64 {
        i64::from(self.0)
    }

    /// A set from the ledger's bits (unknown high bits, from a newer build, are kept).
    pub fn from_bits(bits: i64) -> KindSet {
        KindSet(bits as u16)
    }

    /// The set with `kind` added.
    pub fn with(mut self, kind: NoticeKind) -> KindSet {
        self.insert(kind);
        self
    }
}

impl FromIterator<NoticeKind> for KindSet {
    fn from_iter<I: IntoIterator<Item = NoticeKind>>(iter: I) -> KindSet {
        iter.into_iter().fold(KindSet::EMPTY, KindSet::with)
    }
}

fn bit(kind: NoticeKind) -> u16 {
    1 << (kind as u16)
}

/// The ledger's name of a kind (the serde name, so SQL and JSON read alike).
pub fn kind_name(kind: NoticeKind) -> &'static str {
    match kind {
        NoticeKind::NewOrder => "new_order",
        NoticeKind::FirstReminder => "first_reminder",
        NoticeKind::SecondReminder => "second_reminder",
        NoticeKind::AutoCancelWarning => "auto_cancel_warning",
        NoticeKind::AutoCancelled => "auto_cancelled",
        NoticeKind::OrderError => "order_error",
        NoticeKind::ActionFailed => "action_failed",
        NoticeKind::Summary => "summary",
    }
}

/// Parses a ledger kind name; `None` for a name this build does not know (a newer build wrote
/// it), which the planner then simply does not see.
pub fn kind_from_name(name: &str) -> Option<NoticeKind> {
    Some(match name {
        "new_order" => NoticeKind::NewOrder,
        "first_reminder" => NoticeKind::FirstReminder,
        "second_reminder" => NoticeKind::SecondReminder,
        "auto_cancel_warning" => NoticeKind::AutoCancelWarning,
        "auto_cancelled" => NoticeKind::AutoCancelled,
        "order_error" => NoticeKind::OrderError,
        "action_failed" => NoticeKind::ActionFailed,
        "summary" => NoticeKind::Summary,
        _ => return None,
    })
}

/// What became of a due announcement. Every due (subject, kind) is recorded with one of these,
/// so it is never due again — whether or not the owner saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Shown as its own notice.
    Shown,
    /// Folded into a burst's summary notice.
    Summarized,
    /// Folded into the summary of the first sync of an existing shop (the backlog): never rings.
    Backlog,
    /// Came due in quiet hours: dropped, not delayed (by morning the list says more than a pile
    /// of stale banners would).
    Quiet,
    /// Its kind is turned off in Settings: dropped, so turning it back on does not flood.
    Off,
    /// An earlier step the clock jumped past: the latest step was announced instead.
    Stale,
}

impl Outcome {
    /// The ledger's name of an outcome.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Shown => "shown",
            Outcome::Summarized => "summarized",
            Outcome::Backlog => "backlog",
            Outcome::Quiet => "quiet",
            Outcome::Off => "off",
            Outcome::Stale => "stale",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [NoticeKind; 8] = [
        NoticeKind::NewOrder,
        NoticeKind::FirstReminder,
        NoticeKind::SecondReminder,
        NoticeKind::AutoCancelWarning,
        NoticeKind::AutoCancelled,
        NoticeKind::OrderError,
        NoticeKind::ActionFailed,
        NoticeKind::Summary,
    ];

    #[test]
    fn every_kind_name_parses_back_to_its_kind() {
        for kind in ALL {
            assert_eq!(
                kind_from_name(kind_name(kind)),
                Some(kind),
                "the ledger must read what it wrote"
            );
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(
                json,
                format!("\"{}\"", kind_name(kind)),
                "ledger and JSON names agree"
            );
        }
    }

    #[test]
    fn a_kind_set_holds_exactly_what_was_inserted() {
        let set: KindSet = [NoticeKind::NewOrder, NoticeKind::AutoCancelWarning]
            .into_iter()
            .collect();
        for kind in ALL {
            let want = matches!(kind, NoticeKind::NewOrder | NoticeKind::AutoCancelWarning);
            assert_eq!(
                set.contains(kind),
                want,
                "{kind:?} membership must follow the inserts"
            );
        }
    }
}
