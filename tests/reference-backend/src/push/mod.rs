//! Devices and push (API.md "v1 additions"): phones register where the platform should push,
//! and a pass on the backend's clock pushes every attention step — new order, reminders, the
//! auto-cancel warning, the auto-cancellation, an error — to every device, at most once per
//! device (a unique row per device, order and step, written before delivery: a crash loses a
//! push, never repeats one).
//!
//! UnifiedPush is a plain HTTP POST of the JSON to the endpoint ([`deliver`]); APNs and FCM
//! cannot be reached from a test backend, so their pushes are recorded and shown at
//! `GET /v1/admin/pushes`. With an SMTP server and the owner's e-mail configured, the second
//! reminder of an unattended order also sends the owner one e-mail ([`smtp`]).

pub mod deliver;
pub mod routes;
pub mod smtp;
pub mod texts;

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use serde_json::json;

use crate::config::Config;
use crate::db;
use crate::model::{Actor, Order, Status, rfc3339};
use crate::problem::Problem;
use crate::server::AppState;

/// Tables of devices, pushes and e-mail escalations (created at open, never dropped).
pub const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    platform TEXT NOT NULL,
    token TEXT NOT NULL,
    lang TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    since_seq INTEGER NOT NULL,
    UNIQUE (platform, token)
);
CREATE TABLE IF NOT EXISTS pushes (
    id INTEGER PRIMARY KEY,
    device_id TEXT NOT NULL,
    platform TEXT NOT NULL,
    order_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL,
    UNIQUE (device_id, order_id, kind)
);
CREATE TABLE IF NOT EXISTS escalations (
    order_id TEXT PRIMARY KEY,
    to_addr TEXT NOT NULL,
    status TEXT NOT NULL,
    at TEXT NOT NULL
);
";

/// `meta` key: the last order `seq` the pass looked at for cancellations and errors.
const CURSOR: &str = "push_seq";

/// One attention step, named as the app's notice ledger names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// A new order.
    NewOrder,
    /// `reminders_after_s[0]`.
    FirstReminder,
    /// `reminders_after_s[1]`.
    SecondReminder,
    /// `warn_after_s`.
    AutoCancelWarning,
    /// The backend cancelled it for lack of attention.
    AutoCancelled,
    /// The order has an error.
    OrderError,
}

impl Step {
    /// The `kind` of the pushed JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::NewOrder => "new_order",
            Step::FirstReminder => "first_reminder",
            Step::SecondReminder => "second_reminder",
            Step::AutoCancelWarning => "auto_cancel_warning",
            Step::AutoCancelled => "auto_cancelled",
            Step::OrderError => "order_error",
        }
    }
}

/// The ladder of a pending order, earliest first: new order at creation, the first two
/// reminders, the warning (the app's planner walks the same ladder).
pub fn ladder(order: &Order, config: &Config) -> Vec<(Step, DateTime<Utc>)> {
    let after = |s: u64| order.created_at + Duration::seconds(i64::try_from(s).unwrap_or(i64::MAX));
    let a = &config.attention;
    let mut steps = vec![(Step::NewOrder, order.created_at)];
    for (step, s) in [Step::FirstReminder, Step::SecondReminder]
        .into_iter()
        .zip(&a.reminders_after_s)
    {
        steps.push((step, after(*s)));
    }
    steps.push((Step::AutoCancelWarning, after(a.warn_after_s)));
    steps.sort_by_key(|&(step, at)| (at, step));
    steps
}

/// The ladder step a pending order is on at `now`: the latest one reached (when the clock
/// jumps past several, only the latest is pushed, as the app announces only the latest).
pub fn current_step(
    order: &Order,
    config: &Config,
    now: DateTime<Utc>,
) -> Option<(Step, DateTime<Utc>)> {
    ladder(order, config)
        .into_iter()
        .rfind(|(_, at)| *at <= now)
}

/// A registered device, as the pass needs it.
#[derive(Debug, Clone)]
pub struct Device {
    /// Id.
    pub id: String,
    /// `apns | fcm | unifiedpush`.
    pub platform: String,
    /// Token or endpoint URL.
    pub token: String,
    /// `es | en`.
    pub lang: String,
    /// Registration time, unix seconds: ladder steps before it are not pushed to it.
    pub created_at: i64,
    /// Max order seq at registration: cancellations and errors before it are not pushed.
    pub since_seq: i64,
}

/// A UnifiedPush delivery to make after the pass commits.
#[derive(Debug, Clone)]
pub struct Delivery {
    /// Row in `pushes`.
    pub push_id: i64,
    /// Device.
    pub device_id: String,
    /// Endpoint URL.
    pub endpoint: String,
    /// The JSON body.
    pub payload: String,
}

/// An e-mail to send after the pass commits.
#[derive(Debug, Clone)]
pub struct Email {
    /// The order.
    pub order_id: String,
    /// Recipient.
    pub to: String,
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub body: String,
}

/// What one pass left to send.
#[derive(Debug, Default)]
pub struct Outgoing {
    /// UnifiedPush POSTs.
    pub deliveries: Vec<Delivery>,
    /// E-mails.
    pub emails: Vec<Email>,
}

/// Every registered device.
pub fn devices(conn: &Connection) -> rusqlite::Result<Vec<Device>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, platform, token, lang, created_at, since_seq FROM devices ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Device {
            id: r.get(0)?,
            platform: r.get(1)?,
            token: r.get(2)?,
            lang: r.get(3)?,
            created_at: r.get(4)?,
            since_seq: r.get(5)?,
        })
    })?;
    rows.collect()
}

/// One pass at the backend's `now`: records every push and e-mail due, in one transaction,
/// and returns what must go out over the network.
pub fn pass(state: &AppState) -> Result<Outgoing, Problem> {
    let config = &state.config;
    let escalate = config.smtp.is_some() && config.owner_email.is_some();
    let mut conn = state.db.writer();
    let now = state.clock.now();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let max_seq: i64 =
        tx.query_row("SELECT COALESCE(MAX(seq), 0) FROM orders", [], |r| r.get(0))?;
    let cursor = match db::meta_get(&tx, CURSOR)? {
        Some(c) => c,
        // The first pass of a database: history before it is nobody's news.
        None => max_seq,
    };
    let devices = devices(&tx)?;
    let mut out = Outgoing::default();
    if devices.is_empty() && !escalate {
        if cursor != max_seq || db::meta_get(&tx, CURSOR)?.is_none() {
            db::meta_set(&tx, CURSOR, max_seq)?;
            tx.commit()?;
        }
        return Ok(out);
    }
    let tz: chrono_tz::Tz = config.timezone.parse().unwrap_or(chrono_tz::UTC);
    for order in pending(&tx)? {
        if let Some((step, at)) = current_step(&order, config, now) {
            for d in devices.iter().filter(|d| at.timestamp() >= d.created_at) {
                push_one(&tx, d, &order, step, tz, now, &mut out)?;
            }
        }
        if escalate {
            escalation(&tx, config, &order, now, &mut out)?;
        }
    }
    for order in changed_since(&tx, cursor)? {
        let step = if order.status == Status::Cancelled
            && order
                .cancellation
                .as_ref()
                .is_some_and(|c| c.by == Actor::Auto)
        {
            Some(Step::AutoCancelled)
        } else if order.error.is_some() {
            Some(Step::OrderError)
        } else {
            None
        };
        let Some(step) = step else { continue };
        for d in devices.iter().filter(|d| order.seq > d.since_seq) {
            push_one(&tx, d, &order, step, tz, now, &mut out)?;
        }
    }
    db::meta_set(&tx, CURSOR, max_seq.max(cursor))?;
    tx.commit()?;
    Ok(out)
}

/// Pending orders not acknowledged. Through the partial index on `auto_cancel_at`, which is
/// set exactly while an order is pending: a store of 100,000 old orders costs nothing here.
fn pending(conn: &Connection) -> Result<Vec<Order>, Problem> {
    let mut stmt = conn.prepare_cached(
        "SELECT json FROM orders INDEXED BY orders_auto_cancel
         WHERE auto_cancel_at IS NOT NULL AND status = 'pending'
           AND json_extract(json, '$.acknowledged_at') IS NULL",
    )?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(serde_json::from_str(&json?)?);
    }
    Ok(out)
}

fn changed_since(conn: &Connection, cursor: i64) -> Result<Vec<Order>, Problem> {
    let mut stmt = conn.prepare_cached(
        "SELECT json FROM orders WHERE seq > ?1
           AND (status = 'cancelled' OR json_extract(json, '$.error') IS NOT NULL)
         ORDER BY seq",
    )?;
    let rows = stmt.query_map([cursor], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for json in rows {
        out.push(serde_json::from_str(&json?)?);
    }
    Ok(out)
}

/// Records the push of `step` for `order` to `d` unless it was already recorded.
fn push_one(
    tx: &Connection,
    d: &Device,
    order: &Order,
    step: Step,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    out: &mut Outgoing,
) -> Result<(), Problem> {
    let (title, body) = texts::words(step, order, &d.lang, tz, now);
    let payload = json!({
        "order_id": order.id,
        "kind": step.as_str(),
        "title": title,
        "body": body,
        "seq": order.seq,
    })
    .to_string();
    let status = if d.platform == "unifiedpush" {
        "pending"
    } else {
        "recorded"
    };
    let inserted = tx.execute(
        "INSERT OR IGNORE INTO pushes (device_id, platform, order_id, kind, payload, status, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            d.id,
            d.platform,
            order.id,
            step.as_str(),
            payload,
            status,
            rfc3339(now)
        ],
    )?;
    if inserted == 1 && d.platform == "unifiedpush" {
        out.deliveries.push(Delivery {
            push_id: tx.last_insert_rowid(),
            device_id: d.id.clone(),
            endpoint: d.token.clone(),
            payload,
        });
    }
    Ok(())
}

/// The second reminder of an unattended order came: e-mail the owner, once per order.
fn escalation(
    tx: &Connection,
    config: &Config,
    order: &Order,
    now: DateTime<Utc>,
    out: &mut Outgoing,
) -> Result<(), Problem> {
    let (Some(to), Some(&after)) = (
        &config.owner_email,
        config.attention.reminders_after_s.get(1),
    ) else {
        return Ok(());
    };
    let at = order.created_at + Duration::seconds(i64::try_from(after).unwrap_or(i64::MAX));
    if at > now {
        return Ok(());
    }
    let known: Option<String> = tx
        .query_row(
            "SELECT status FROM escalations WHERE order_id = ?1",
            [&order.id],
            |r| r.get(0),
        )
        .optional()?;
    if known.is_some() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO escalations (order_id, to_addr, status, at) VALUES (?1, ?2, 'pending', ?3)",
        params![order.id, to, rfc3339(now)],
    )?;
    out.emails
        .push(smtp::escalation_email(config, order, to, now));
    Ok(())
}

/// Starts the network side of what a pass left: each delivery and e-mail on its own task.
pub fn send(state: &AppState, outgoing: Outgoing) {
    for delivery in outgoing.deliveries {
        tokio::spawn(deliver::unifiedpush(state.clone(), delivery));
    }
    for email in outgoing.emails {
        tokio::spawn(smtp::send_escalation(state.clone(), email));
    }
}
