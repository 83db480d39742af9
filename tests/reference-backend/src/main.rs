//! `reference-backend`: serve the Orders API v1 from a SQLite file.
#![forbid(unsafe_code)]
// A test double of a real platform: a panic is a bug in the test rig, reported as such, and
// its clock is the platform's own wall clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::{Context, bail};
use clap::Parser;
use reference_backend::{AppState, Config, Currency, StatusLabels, server};

/// The reference backend of the Orders API v1 (docs/api.md).
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// SQLite database file (created if missing; data survives restarts).
    #[arg(long)]
    db: PathBuf,
    /// The store's bearer token.
    #[arg(long, env = "REFERENCE_BACKEND_TOKEN")]
    token: String,
    /// Enables /v1/admin/* with this bearer token.
    #[arg(long, env = "REFERENCE_BACKEND_ADMIN_TOKEN")]
    admin_token: Option<String>,
    /// Allows --admin-token on a non-loopback address.
    #[arg(long)]
    allow_remote_admin: bool,
    /// Demo generator: new orders per minute.
    #[arg(long)]
    demo_rate: Option<f64>,
    /// Historical orders to create when the database is empty.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Store currency: MXN or CLP.
    #[arg(long, default_value = "MXN", value_parser = parse_currency)]
    currency: Currency,
    /// Reminder schedule in seconds, comma-separated.
    #[arg(long, value_delimiter = ',')]
    reminders_after_s: Option<Vec<u64>>,
    /// Warning before auto-cancel, seconds after creation.
    #[arg(long)]
    warn_after_s: Option<u64>,
    /// Auto-cancel of unattended pending orders, seconds after creation.
    #[arg(long)]
    auto_cancel_after_s: Option<u64>,
    /// Days after creation during which the merchant may cancel.
    #[arg(long)]
    cancel_window_days: Option<u64>,
    /// SMTP server (HOST:PORT, plain SMTP) for e-mail escalations, with --owner-email.
    #[arg(long)]
    smtp: Option<String>,
    /// The store owner's e-mail: the second reminder of an unattended order goes there.
    #[arg(long)]
    owner_email: Option<String>,
    /// Status names served as `status_labels`: `default` or `hype`
    /// (Por confirmar / Confirmado / Listo para despacho / Despachado).
    #[arg(long, default_value = "default", value_parser = parse_labels)]
    status_labels: StatusLabels,
    /// Seconds between `: ping` comments on the event stream.
    #[arg(long, default_value_t = 15)]
    heartbeat_s: u64,
}

fn parse_currency(s: &str) -> Result<Currency, String> {
    Currency::parse(s).ok_or_else(|| format!("unknown currency {s:?}: use MXN or CLP"))
}

fn parse_labels(s: &str) -> Result<StatusLabels, String> {
    StatusLabels::named(s)
        .ok_or_else(|| format!("unknown status labels {s:?}: use default or hype"))
}

fn config_from(cli: &Cli) -> Config {
    let mut config = Config::default().with_currency(cli.currency);
    config.token = cli.token.clone();
    config.admin_token = cli.admin_token.clone();
    config.db_path = Some(cli.db.clone());
    config.demo_rate = cli.demo_rate;
    config.seed = cli.seed;
    config.smtp = cli.smtp.clone();
    config.owner_email = cli.owner_email.clone();
    config.status_labels = cli.status_labels.clone();
    config.heartbeat = Duration::from_secs(cli.heartbeat_s.max(1));
    if let Some(r) = &cli.reminders_after_s {
        config.attention.reminders_after_s = r.clone();
    }
    if let Some(w) = cli.warn_after_s {
        config.attention.warn_after_s = w;
    }
    if let Some(a) = cli.auto_cancel_after_s {
        config.attention.auto_cancel_after_s = a;
    }
    if let Some(d) = cli.cancel_window_days {
        config.cancel_window_days = d;
    }
    config
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if cli.admin_token.is_some() && !cli.listen.ip().is_loopback() && !cli.allow_remote_admin {
        bail!(
            "refusing --admin-token on non-loopback {}: admin control would be reachable from \
             the network; pass --allow-remote-admin if you really mean it",
            cli.listen
        );
    }
    let config = config_from(&cli);
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cli.listen))?;
    let addr = listener.local_addr()?;
    let state = tokio::task::spawn_blocking(move || AppState::open(config, &cli.db)).await??;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{addr}")?;
        out.flush()?;
    }
    tokio::select! {
        result = server::serve(state, listener) => result?,
        _ = shutdown_signal() => {}
    }
    Ok(())
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}
