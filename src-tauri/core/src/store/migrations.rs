//! Schema migrations: numbered SQL files, only ever added to.

use rusqlite_migration::{M, Migrations};

const STEPS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_init.sql")),
    M::up(include_str!("../../migrations/0002_outbox.sql")),
    M::up(include_str!("../../migrations/0003_attention.sql")),
    // 0004–0008 belong to other second-wave changes; the integrator keeps this one last.
    M::up(include_str!("../../migrations/0009_outbox_acknowledge.sql")),
];

/// Every migration, in order.
pub static MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

#[cfg(test)]
mod tests {
    use super::MIGRATIONS;

    #[test]
    fn migrations_validate() {
        assert!(
            MIGRATIONS.validate().is_ok(),
            "every migration must apply to an empty database"
        );
    }
}
