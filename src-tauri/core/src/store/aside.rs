//! Damaged files are moved aside, never deleted on the spot: `<file>.damaged-<UTC time>` (with
//! its `-wal` and `-shm`), kept for [`KEEP_DAYS`] days for a later look, then removed at open.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, Utc};

use crate::{Error, Result};

/// How long a file moved aside is kept.
pub const KEEP_DAYS: i64 = 7;

const STAMP: &str = "%Y%m%dT%H%M%SZ";

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Renames `path` (and its WAL and shared-memory files) to `<path>.damaged-<now>`, or
/// `…-<now>-<n>` when that name is taken. Returns the new name of the main file.
pub fn move_aside(path: &Path, now: DateTime<Utc>) -> Result<PathBuf> {
    let stamp = now.format(STAMP).to_string();
    let suffix = (1..)
        .map(|n| match n {
            1 => format!(".damaged-{stamp}"),
            n => format!(".damaged-{stamp}-{n}"),
        })
        .find(|s| !with_suffix(path, s).exists())
        .unwrap_or_default();
    let aside = with_suffix(path, &suffix);
    if path.exists() {
        std::fs::rename(path, &aside).map_err(Error::storage)?;
    }
    for extra in ["-wal", "-shm"] {
        let from = with_suffix(path, extra);
        if from.exists() {
            std::fs::rename(&from, with_suffix(&aside, extra)).map_err(Error::storage)?;
        }
    }
    Ok(aside)
}

/// Removes files moved aside from `path` more than [`KEEP_DAYS`] ago (by the time in their
/// name). Failures are logged, never fatal: an old file left behind harms nothing.
pub fn prune(path: &Path, now: DateTime<Utc>) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!("{}.damaged-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file.strip_prefix(&prefix) else {
            continue;
        };
        let Some(when) = rest
            .get(..16)
            .and_then(|s| NaiveDateTime::parse_from_str(s, STAMP).ok())
        else {
            continue;
        };
        if (now - when.and_utc()).num_days() >= KEEP_DAYS
            && let Err(err) = std::fs::remove_file(entry.path())
        {
            tracing::warn!(%file, %err, "could not remove an old damaged file");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_file_moved_aside_is_kept_a_week_and_then_removed() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let path = dir.path().join("mostrador.db");
        let then = Utc
            .with_ymd_and_hms(2026, 3, 1, 10, 0, 0)
            .single()
            .expect("a time");
        std::fs::write(&path, b"one").expect("written");
        std::fs::write(with_suffix(&path, "-wal"), b"wal").expect("written");
        let first = move_aside(&path, then).expect("moved");
        std::fs::write(&path, b"two").expect("written");
        let second = move_aside(&path, then).expect("moved");

        assert_ne!(
            first, second,
            "a second damaged file never overwrites the first"
        );
        assert_eq!(
            std::fs::read(with_suffix(&first, "-wal")).expect("the wal went with it"),
            b"wal"
        );
        prune(&path, then + chrono::Duration::days(6));
        assert!(first.exists(), "a damaged file is kept for a while");
        prune(&path, then + chrono::Duration::days(KEEP_DAYS));
        assert!(
            !first.exists() && !second.exists() && !with_suffix(&first, "-wal").exists(),
            "after {KEEP_DAYS} days the damaged copies are removed"
        );
    }
}
