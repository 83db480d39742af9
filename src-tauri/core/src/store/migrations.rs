//! Schema migrations: numbered SQL files, only ever added to. Two files, two lists: the cache
//! (`migrations/NNNN_*.sql`) and the state kept apart from it (`migrations/state/`).

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_init.sql")),
    M::up(include_str!("../../migrations/0002_outbox.sql")),
    M::up(include_str!("../../migrations/0003_attention.sql")),
    M::up(include_str!("../../migrations/0004_state_apart.sql")),
    M::up(include_str!("../../migrations/0005_quarantine.sql")),
    M::up(include_str!("../../migrations/0006_counter.sql")),
];

/// The cache's migrations, in order.
pub static MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

/// The version of the cache from which the outbox, ledger and settings live in the state file.
pub const STATE_APART: usize = 4;

const STATE_STEPS: &[M<'static>] = &[M::up(include_str!("../../migrations/state/0001_state.sql"))];

/// The state file's migrations (outbox, notice ledger, settings, the connection), in order.
pub static STATE_MIGRATIONS: Migrations<'static> = Migrations::from_slice(STATE_STEPS);

#[cfg(test)]
mod tests {
    use super::{MIGRATIONS, STATE_MIGRATIONS};

    #[test]
    fn migrations_validate() {
        assert!(
            MIGRATIONS.validate().is_ok(),
            "every cache migration must apply to an empty database"
        );
        assert!(
            STATE_MIGRATIONS.validate().is_ok(),
            "every state migration must apply to an empty database"
        );
    }
}
