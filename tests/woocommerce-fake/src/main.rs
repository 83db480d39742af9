//! `woocommerce-fake`: serve a WooCommerce REST v3 test store from a SQLite file.
#![forbid(unsafe_code)]
// A test double of a real platform: a panic is a bug in the test rig, reported as such, and
// its clock is the platform's own wall clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Parser;
use woocommerce_fake::{AppState, Config, Permissions, serve};

/// A WooCommerce 9.4.3 REST v3 test store (quirks included), for tests and demos.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Address to listen on (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8090")]
    listen: SocketAddr,
    /// SQLite database file (created if missing).
    #[arg(long)]
    db: PathBuf,
    /// REST consumer key.
    #[arg(long, env = "WOO_FAKE_KEY", default_value = "ck_mostrador_test")]
    key: String,
    /// REST consumer secret.
    #[arg(long, env = "WOO_FAKE_SECRET", default_value = "cs_mostrador_test")]
    secret: String,
    /// The key may only read.
    #[arg(long)]
    read_only: bool,
    /// Enables /mostrador-fake/* (admin control, loopback only) with this bearer token.
    #[arg(long, env = "WOO_FAKE_ADMIN_TOKEN")]
    admin_token: Option<String>,
    /// A Mexican shop (MXN, 2 decimals) instead of the recorded Chilean one.
    #[arg(long)]
    mexico: bool,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    if cli.admin_token.is_some() && !cli.listen.ip().is_loopback() {
        bail!("refusing --admin-token on non-loopback {}", cli.listen);
    }
    let mut config = if cli.mexico {
        Config::mexico()
    } else {
        Config::default()
    };
    config.key = cli.key.clone();
    config.secret = cli.secret.clone();
    config.admin_token = cli.admin_token.clone();
    if cli.read_only {
        config.permissions = Permissions::Read;
    }
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cli.listen))?;
    let addr = listener.local_addr()?;
    let state = AppState::open(config, &cli.db)?;
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "listening on http://{addr}")?;
        out.flush()?;
    }
    tokio::select! {
        result = serve(state, listener) => result?,
        _ = tokio::signal::ctrl_c() => {}
    }
    Ok(())
}
