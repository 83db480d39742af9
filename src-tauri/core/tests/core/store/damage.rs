//! Damage to each file in each way (issue 11, item 1): a desk with 5 queued actions (a cancel
//! with refund among them) and a saved connection is closed, one of its two files is damaged,
//! and the desk opens again. Every queued action whose bytes survive (in the state file, or in
//! the copy the cache file keeps) is kept, byte for byte; the backend URL is kept where its
//! bytes survive; the owner is told what was kept and lost; no
//! later run fails; the cache is synced again; and each action reaches the backend once.

use std::path::Path;

use mostrador_core::model::OrderStatus;
use mostrador_core::outbox::{Action, queue};
use mostrador_core::view::Settings;
use rusqlite::{Connection, OpenFlags};

use crate::desk::harness::{Backend, connected_desk, open_desk};

const PAGE: usize = 4096;
const CACHE: &str = "mostrador.db";
const STATE: &str = "mostrador.state.db";

#[derive(Clone, Copy, Debug)]
enum Damage {
    Empty,
    Half,
    FirstPage,
    Header,
    /// 4 KiB of garbage over a page of the named area.
    Garbage(Area),
}

#[derive(Clone, Copy, Debug)]
enum Area {
    /// Cache: order rows. State: settings and the connection (it holds no orders).
    Orders,
    /// Cache: the overlay of an order with a queued action. State: the outbox rows.
    Outbox,
    /// An index: orders by status (cache), actions by id (state).
    Index,
}

const DAMAGES: [Damage; 7] = [
    Damage::Empty,
    Damage::Half,
    Damage::FirstPage,
    Damage::Header,
    Damage::Garbage(Area::Orders),
    Damage::Garbage(Area::Outbox),
    Damage::Garbage(Area::Index),
];

/// Deterministic garbage (not one repeated byte, which SQLite might read as something sane).
fn garbage(n: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).max(1);
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    (from..hay.len().saturating_sub(needle.len()) + 1).find(|&i| hay[i..].starts_with(needle))
}

/// The first page holding `needle` whose b-tree page type is `kind` (0x0D table leaf).
fn page_with(bytes: &[u8], needle: &[u8], kind: u8) -> usize {
    let mut from = 0;
    while let Some(at) = find(bytes, needle, from) {
        let page = at / PAGE;
        if page > 0 && bytes[page * PAGE] == kind {
            return page;
        }
        from = at + 1;
    }
    panic!(
        "no page of kind {kind:#x} holds {}",
        String::from_utf8_lossy(needle)
    );
}

/// The root page (0-based) of `name` in the file at `path`.
fn root_page(path: &Path, name: &str) -> usize {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).expect("opens");
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_master WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .expect("the index exists");
    root as usize - 1
}

/// The bytes the damage leaves (page-aligned garbage, or a shorter file).
fn damaged(pristine: &[u8], damage: Damage, area_page: usize, seed: u32) -> Vec<u8> {
    let mut bytes = pristine.to_vec();
    match damage {
        Damage::Empty => bytes.clear(),
        Damage::Half => bytes.truncate(pristine.len() / 2),
        Damage::FirstPage => bytes.truncate(PAGE),
        Damage::Header => bytes[..100].copy_from_slice(&garbage(100, seed)),
        Damage::Garbage(_) => {
            let at = area_page * PAGE;
            bytes[at..at + PAGE].copy_from_slice(&garbage(PAGE, seed));
        }
    }
    bytes
}

/// Whether the bytes `pristine[from..to]` are still there, unchanged.
fn survives(pristine: &[u8], now: &[u8], from: usize, to: usize) -> bool {
    now.len() >= to && now[from..to] == pristine[from..to]
}

/// Where action `a`'s row lies in a file: its id followed closely by its body.
fn row_span(file: &[u8], a: &Action) -> (usize, usize) {
    let mut from = 0;
    while let Some(at) = find(file, a.id.as_bytes(), from) {
        if let Some(body) = find(&file[..(at + 600).min(file.len())], &a.body, at) {
            return (at, body + a.body.len());
        }
        from = at + 1;
    }
    panic!("the row of action {} is in the file", a.id);
}

#[tokio::test]
async fn every_damage_to_either_file_keeps_every_action_whose_bytes_survive() {
    let backend = Backend::spawn(400);
    let mut made = Vec::new();
    for _ in 0..5 {
        made.push(backend.pickup_order().await);
    }
    let golden = tempfile::tempdir().expect("temp dir");
    let url = backend.server.base_url();
    let (queued, overlay_order) = {
        let desk = connected_desk(&backend, golden.path()).await;
        desk.set_settings(Settings::default())
            .await
            .expect("settings saved");
        desk.advance(&made[0].id, OrderStatus::Preparing)
            .await
            .expect("queued");
        desk.advance(&made[1].id, OrderStatus::Preparing)
            .await
            .expect("queued");
        desk.cancel(&made[2].id, "Sin existencias", "450,00")
            .await
            .expect("a refund queued");
        let receipt = &made[3].documents[0].id;
        desk.retry_document(&made[3].id, receipt)
            .await
            .expect("queued");
        desk.advance(&made[4].id, OrderStatus::Preparing)
            .await
            .expect("queued");
        let queued = desk.store().read(queue::pending).expect("the queue reads");
        (queued, made[0].id.clone())
    };
    assert_eq!(queued.len(), 5, "five actions wait, unsent");
    assert!(
        !golden.path().join(format!("{STATE}-wal")).exists(),
        "a closed desk leaves no WAL behind: the damage below hits every byte there is"
    );
    let cache = std::fs::read(golden.path().join(CACHE)).expect("reads");
    let state = std::fs::read(golden.path().join(STATE)).expect("reads");
    let seeded = backend.all_orders().await;
    let areas = |file: &str, area: Area| -> usize {
        match (file, area) {
            (CACHE, Area::Orders) => page_with(&cache, seeded[200].id.as_bytes(), 0x0D),
            (CACHE, Area::Outbox) => page_with(&cache, overlay_order.as_bytes(), 0x0D),
            (CACHE, Area::Index) => root_page(&golden.path().join(CACHE), "orders_status"),
            (_, Area::Orders) => page_with(&state, b"backend.url", 0x0A),
            (_, Area::Outbox) => page_with(&state, queued[0].id.as_bytes(), 0x0D),
            (_, Area::Index) => root_page(&golden.path().join(STATE), "sqlite_autoindex_outbox_1"),
        }
    };
    let url_at = find(&state, b"backend.url", 0).expect("the URL is in the state file");
    let url_span = (
        url_at,
        find(&state, url.as_bytes(), url_at).expect("its value") + url.len(),
    );
    let url_at = page_with(&cache, b"backend.url", 0x0A) * PAGE;
    let url_at = find(&cache, b"backend.url", url_at).expect("the cache keeps a copy of the URL");
    let cache_url = (
        url_at,
        find(&cache, url.as_bytes(), url_at).expect("its value") + url.len(),
    );

    let mut failures = Vec::new();
    let mut seed = 1;
    // Each damage to each file; then each damage to the state file once more with the cache
    // file gone too, so the salvage has only the state file's own pages to read.
    let mut scenarios: Vec<(&str, Damage, bool)> = Vec::new();
    for file in [CACHE, STATE] {
        scenarios.extend(DAMAGES.iter().map(|&d| (file, d, true)));
    }
    scenarios.extend(
        DAMAGES
            .iter()
            .filter(|d| !matches!(d, Damage::Empty))
            .map(|&d| (STATE, d, false)),
    );
    for (file, damage, with_copy) in scenarios {
        {
            seed += 1;
            let case = format!(
                "{damage:?} in {file}{}",
                if with_copy { "" } else { " (no cache file)" }
            );
            let pristine = if file == CACHE { &cache } else { &state };
            let area_page = match damage {
                Damage::Garbage(area) => areas(file, area),
                _ => 0,
            };
            let bytes = damaged(pristine, damage, area_page, seed);
            let dir = tempfile::tempdir().expect("temp dir");
            std::fs::copy(golden.path().join(CACHE), dir.path().join(CACHE)).expect("copied");
            std::fs::copy(golden.path().join(STATE), dir.path().join(STATE)).expect("copied");
            std::fs::write(dir.path().join(file), &bytes).expect("damaged");
            if !with_copy {
                std::fs::remove_file(dir.path().join(CACHE)).expect("the cache file goes");
            }
            // An action's bytes survive when its row in the state file, or its copy in the
            // cache file, is still there unchanged.
            let state_now = std::fs::read(dir.path().join(STATE)).expect("reads");
            let cache_now = std::fs::read(dir.path().join(CACHE)).unwrap_or_default();
            let must_keep: Vec<&Action> = queued
                .iter()
                .filter(|a| {
                    let (from, to) = row_span(&state, a);
                    let (cfrom, cto) = row_span(&cache, a);
                    survives(&state, &state_now, from, to)
                        || survives(&cache, &cache_now, cfrom, cto)
                })
                .collect();
            let url_survives = survives(&state, &state_now, url_span.0, url_span.1)
                || survives(&cache, &cache_now, cache_url.0, cache_url.1);
            if with_copy {
                assert_eq!(
                    must_keep.len(),
                    5,
                    "{case}: one file is damaged, so every action survives in the other"
                );
            }

            let (desk, _) = open_desk(dir.path(), Some(backend.server.token())).await;
            desk.check_storage().await.expect("the full check runs");
            let status = desk.sync_status().await.expect("status");
            let kept = desk.store().read(queue::pending).expect("the queue reads");
            let mut problems = Vec::new();
            for a in &must_keep {
                match kept.iter().find(|k| k.id == a.id) {
                    Some(k) if k.body == a.body && k.path == a.path && k.kind == a.kind => {}
                    Some(_) => problems.push(format!("action {} changed", a.id)),
                    None => problems.push(format!("action {} ({:?}) lost", a.id, a.kind)),
                }
            }
            if url_survives && status.backend_url.as_deref() != Some(url.trim_end_matches('/')) {
                problems.push(format!("backend URL lost: {:?}", status.backend_url));
            }
            let report = status.storage.clone();
            let damaged_cache = file == CACHE && !matches!(damage, Damage::Empty);
            match &report {
                None if damaged_cache || file == STATE => {
                    problems.push("the owner was not told".into())
                }
                Some(r) if damaged_cache && !r.cache_reset => {
                    problems.push(format!("the damaged cache was not noticed: {}", r.en))
                }
                Some(r) if file == STATE && !r.state_damaged => {
                    problems.push(format!("the damaged state file was not noticed: {}", r.en))
                }
                Some(r) if r.kept_actions as usize != kept.len() && file == STATE => {
                    problems.push(format!(
                        "the report says {} kept, {} are",
                        r.kept_actions,
                        kept.len()
                    ))
                }
                Some(r)
                    if file == STATE && kept.len() < 5 && r.lost_actions == 0 && r.losses_known =>
                {
                    problems.push(format!("actions were lost silently: {}", r.en))
                }
                Some(r) if r.es.is_empty() || r.en.is_empty() || r.es == r.en => {
                    problems.push("the message is not in Spanish and English".into())
                }
                _ => {}
            }
            eprintln!(
                "{case}: {} of 5 kept ({} had bytes left), URL {}: {}",
                kept.len(),
                must_keep.len(),
                if url_survives { "survives" } else { "gone" },
                report.as_ref().map_or("(no report)", |r| r.en.as_str())
            );
            drop(desk);

            // The next run opens cleanly, says nothing more, and syncs everything again.
            let (desk, _) = open_desk(dir.path(), Some(backend.server.token())).await;
            desk.check_storage().await.expect("the full check runs");
            let again = desk.sync_status().await.expect("status");
            if again.storage.is_some() {
                problems.push("the next run still finds damage".into());
            }
            if again.backend_url.is_none() {
                desk.connect(&url, backend.server.token(), false)
                    .await
                    .expect("reconnects");
            }
            if let Err(err) = desk.sync_now().await {
                problems.push(format!("sync fails after the damage: {}", err.text.en));
            }
            let all = desk.counts().await.expect("counts").all;
            if all as usize != seeded.len() {
                problems.push(format!("the cache holds {all} of {} orders", seeded.len()));
            }
            let left = desk.store().read(queue::pending).expect("reads");
            if !left.is_empty() {
                problems.push(format!("{} actions still wait after a sync", left.len()));
            }
            if !problems.is_empty() {
                failures.push(format!("{case}: {}", problems.join("; ")));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "damage lost or jammed something:\n{}",
        failures.join("\n")
    );

    for a in &queued {
        let effects = backend.effects(Some(&a.order_id)).await;
        let mut kinds: Vec<String> = effects
            .iter()
            .filter(|e| e["idempotency_key"] == a.id.as_str())
            .map(|e| e["kind"].to_string())
            .collect();
        let n = kinds.len();
        kinds.dedup();
        assert!(
            n > 0 && kinds.len() == n,
            "action {:?} reached the backend exactly once over 20 runs: {kinds:?}",
            a.kind
        );
    }
    let refunds = backend.effects(Some(&made[2].id)).await;
    assert!(
        refunds.iter().any(|e| e.to_string().contains("45000")),
        "the $450.00 refund was applied: {refunds:?}"
    );
}

#[tokio::test]
async fn the_app_start_finds_garbage_in_the_orders_area_and_syncs_a_fresh_cache() {
    let backend = Backend::spawn(300);
    let dir = tempfile::tempdir().expect("temp dir");
    let seeded = {
        let desk = connected_desk(&backend, dir.path()).await;
        desk.counts().await.expect("counts").all
    };
    let path = dir.path().join(CACHE);
    let mut bytes = std::fs::read(&path).expect("reads");
    let orders = backend.all_orders().await;
    let page = page_with(&bytes, orders[150].id.as_bytes(), 0x0D);
    bytes[page * PAGE..(page + 1) * PAGE].copy_from_slice(&garbage(PAGE, 99));
    std::fs::write(&path, bytes).expect("damaged");

    let (desk, _) = open_desk(dir.path(), Some(backend.server.token())).await;
    desk.start();
    let mut status = desk.sync_status().await.expect("status");
    for _ in 0..100 {
        if status.storage.is_some() && desk.counts().await.expect("counts").all == seeded {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        status = desk.sync_status().await.expect("status");
    }
    assert!(
        status.storage.as_ref().is_some_and(|r| r.cache_reset),
        "the full check at start finds the damaged orders page: {:?}",
        status.storage
    );
    assert_eq!(
        desk.counts().await.expect("counts").all,
        seeded,
        "a fresh cache is synced again from the backend"
    );
}

/// The CLI's full check of the cache runs at most once a day (`Desk::check_storage_every`):
/// within the day a command skips it, even over a damaged order page (opening does not read
/// it); once the day has passed the check runs, finds the page and the cache is synced again.
#[tokio::test]
async fn the_clis_full_check_of_the_cache_runs_once_a_day() {
    use std::sync::Arc;
    use std::time::Duration;

    use mostrador_core::clock::{Clock, ManualClock};
    use mostrador_core::desk::{Desk, DeskConfig, MemoryTokenStore, Tuning};
    use mostrador_core::store::kv;
    use mostrador_core::store::meta::KEY_CACHE_CHECKED;

    const DAY: Duration = Duration::from_secs(24 * 3600);
    let backend = Backend::spawn(400);
    let dir = tempfile::tempdir().expect("dir");
    let t0 = chrono::DateTime::parse_from_rfc3339("2026-12-01T09:00:00Z")
        .expect("a date")
        .with_timezone(&chrono::Utc);
    let clock = Arc::new(ManualClock::new(t0));
    let open = |clock: Arc<ManualClock>| async {
        let config = DeskConfig {
            data_dir: dir.path().to_path_buf(),
            clock,
            notifier: Arc::new(mostrador_core::attention::RecordingNotifier::default()),
            token_store: Arc::new(MemoryTokenStore::with(Some(
                backend.server.token().to_string(),
            ))),
        };
        Desk::open_tuned(config, Tuning::fast())
            .await
            .expect("the desk opens")
    };
    let checked_at = |desk: &Desk| {
        desk.store()
            .read(|conn| kv::get(conn, KEY_CACHE_CHECKED))
            .expect("reads")
    };

    let desk = open(clock.clone()).await;
    desk.connect(&backend.server.base_url(), backend.server.token(), false)
        .await
        .expect("connects");
    desk.sync_now().await.expect("syncs");
    assert_eq!(desk.check_storage_every(DAY).await.expect("checks"), None);
    assert_eq!(
        checked_at(&desk),
        Some(t0.to_rfc3339()),
        "the first run checks"
    );
    drop(desk);

    // Within the day, over a damaged order page: skipped, nothing is said.
    let path = dir.path().join(CACHE);
    let mut bytes = std::fs::read(&path).expect("reads");
    let seeded = backend.all_orders().await;
    let page = page_with(&bytes, seeded[200].id.as_bytes(), 0x0D);
    bytes[page * PAGE..(page + 1) * PAGE].copy_from_slice(&garbage(PAGE, 7));
    std::fs::write(&path, &bytes).expect("damaged");
    clock.advance(chrono::Duration::hours(5));
    let desk = open(clock.clone()).await;
    assert_eq!(desk.check_storage_every(DAY).await.expect("runs"), None);
    assert_eq!(
        checked_at(&desk),
        Some(t0.to_rfc3339()),
        "a command 5 h later skips the full check"
    );
    drop(desk);

    // A day later the check runs, finds the page, and a fresh cache is synced again.
    clock.advance(chrono::Duration::hours(20));
    let desk = open(clock.clone()).await;
    let report = desk.check_storage_every(DAY).await.expect("checks");
    let report = report.expect("the damage is reported");
    assert!(
        report.cache_reset,
        "the damaged cache was set aside: {}",
        report.en
    );
    assert_eq!(
        checked_at(&desk),
        Some(clock.now().to_rfc3339()),
        "the fresh cache records its check"
    );
    desk.sync_now().await.expect("syncs again");
    assert_eq!(
        desk.counts().await.expect("counts").all as usize,
        seeded.len(),
        "every order is back"
    );
}
