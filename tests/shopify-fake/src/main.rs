//! `shopify-fake [--listen 127.0.0.1:0]`: prints `listening on http://ADDR` first.
#![forbid(unsafe_code)]
// A test double of a real platform: a panic is a bug in the test rig, reported as such, and
// its clock is the platform's own wall clock.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::disallowed_methods)]

use std::net::SocketAddr;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut listen: SocketAddr = "127.0.0.1:0".parse()?;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--listen" => listen = args.next().unwrap_or_default().parse()?,
            other => {
                anyhow::bail!("unknown argument {other:?} (usage: shopify-fake [--listen ADDR])")
            }
        }
    }
    anyhow::ensure!(
        listen.ip().is_loopback(),
        "the fake listens on loopback only"
    );
    let listener = tokio::net::TcpListener::bind(listen).await?;
    println!("listening on http://{}", listener.local_addr()?);
    let dump = std::env::var_os("MOSTRADOR_SHOPIFY_ANSWERS").map(std::path::PathBuf::from);
    axum::serve(listener, shopify_fake::server::router(dump)).await?;
    Ok(())
}
