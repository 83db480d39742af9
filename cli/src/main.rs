//! `mostrador-cli`: Mostrador's order desk without a window, over `mostrador_core::desk::Desk`.
//! Exit codes and error lines are documented in [`exit`].
#![forbid(unsafe_code)]
// Doc comments on the arguments are the `--help` text, where URLs are written bare.
#![allow(rustdoc::bare_urls)]

mod args;
mod credentials;
mod exit;
mod output;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;
use mostrador_core::attention::{Notice, Notifier};
use mostrador_core::clock::SystemClock;
use mostrador_core::desk::{Desk, DeskConfig, DeskEvent};
use mostrador_core::model::{Locale, OrderStatus, PaymentMethod};
use mostrador_core::platforms::PlatformKind;
use mostrador_core::view::{OrderQuery, Period, SyncErrorKind, SyncState};
use mostrador_core::{Language, Text};

use args::{Cli, Command, ListArgs, PeriodArg};
use exit::Failure;

/// Prints notices to stderr (in `sync --watch`), and the bell of a data directory in Modo
/// mostrador as lines a script can follow ("timbre: suena (Campana, 80 %)", "timbre: silencio").
struct PrintNotifier(Language);

impl Notifier for PrintNotifier {
    fn notify(&self, notice: &Notice) {
        let notice_word = self.0.pick("aviso", "notice");
        eprintln!("{notice_word}: {} — {}", notice.title, notice.body);
    }
    fn play_alarm(&self, alarm: &mostrador_core::attention::AlarmSpec) {
        let bell = self.0.pick("timbre: suena", "bell: ringing");
        eprintln!("{bell} ({:?}, {} %)", alarm.sound, alarm.volume);
    }
    fn silence(&self) {
        eprintln!("{}", self.0.pick("timbre: silencio", "bell: silent"));
    }
}

fn default_data_dir() -> PathBuf {
    match std::env::var_os("XDG_DATA_HOME").or_else(|| std::env::var_os("HOME")) {
        Some(base) if std::env::var_os("XDG_DATA_HOME").is_some() => {
            PathBuf::from(base).join("mostrador")
        }
        Some(home) if cfg!(target_os = "macos") => {
            PathBuf::from(home).join("Library/Application Support/mostrador")
        }
        Some(home) => PathBuf::from(home).join(".local/share/mostrador"),
        None => PathBuf::from(".mostrador"),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error[internal]: {err}");
            return ExitCode::from(exit::OTHER);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => ExitCode::from(code),
        Err(failure) => {
            eprintln!("{}", failure.line);
            ExitCode::from(failure.exit)
        }
    }
}

async fn run(cli: Cli) -> Result<u8, Failure> {
    let lang = cli.lang.language();
    let fail = |err: mostrador_core::Error| Failure::from_error(&err, lang);
    let config = DeskConfig {
        data_dir: cli.data_dir.clone().unwrap_or_else(default_data_dir),
        clock: Arc::new(SystemClock),
        notifier: Arc::new(PrintNotifier(lang)),
        token_store: Arc::new(credentials::EnvTokens {
            token: cli.token.clone(),
        }),
    };
    let desk = Desk::open(config).await.map_err(fail)?;
    desk.set_language(Some(lang));
    // The state file is checked in full at open, the cache's full check runs at most once a
    // day (it costs ~0.35 s of CPU at 100,000 orders); one line says what a damaged file kept
    // and lost (the logs have the details).
    let check_every = std::time::Duration::from_secs(24 * 3600);
    if let Some(report) = desk.check_storage_every(check_every).await.map_err(fail)? {
        eprintln!("warning[storage]: {}", report.text(lang));
    }
    desk.set_host_name(host_name().as_deref());
    if let Some(device) = &cli.device {
        let settings = desk.settings().await.map_err(fail)?;
        let settings = mostrador_core::view::Settings {
            device_name: Some(device.clone()),
            ..settings
        };
        desk.set_settings(settings).await.map_err(fail)?;
    }
    let locale = desk
        .sync_status()
        .await
        .ok()
        .and_then(|s| s.store)
        .map_or(Locale::EsMx, |s| s.locale());
    match cli.command {
        Command::Connect {
            url,
            platform,
            demo,
        } => {
            let platform = match platform {
                args::PlatformArg::Api => PlatformKind::OrdersApi,
                args::PlatformArg::Woocommerce => PlatformKind::Woocommerce,
                args::PlatformArg::Shopify => PlatformKind::Shopify,
            };
            let creds = credentials::for_connect(platform, cli.token.as_deref(), lang)
                .map_err(|text| Failure::new(exit::USAGE, "invalid_input", text, lang))?;
            let status = if platform == PlatformKind::OrdersApi {
                desk.connect(&url, &creds.secret, demo).await
            } else {
                desk.connect_platform(platform, &url, creds).await
            }
            .map_err(fail)?;
            let name = status.store.map(|s| s.name).unwrap_or_default();
            println!("{}: {name} ({url})", lang.pick("conectado", "connected"));
            Ok(exit::OK)
        }
        Command::Sync { watch, retries } => sync(&desk, watch, retries, lang).await,
        Command::List(list) => {
            let page = desk.list_orders(query(&list, lang)?).await.map_err(fail)?;
            if list.json {
                output::json(&page)
            } else {
                output::page(&page, locale, lang)
            }
            Ok(exit::OK)
        }
        Command::Show { order, json } => {
            let detail = desk.get_order(&order).await.map_err(fail)?;
            if json {
                output::json(&detail)
            } else {
                output::detail(&detail, locale, lang)
            }
            Ok(exit::OK)
        }
        Command::Counts { json } => {
            let counts = desk.counts().await.map_err(fail)?;
            if json {
                output::json(&counts)
            } else {
                output::counts(&counts, lang)
            }
            Ok(exit::OK)
        }
        Command::Kpis { period, json } => {
            let period = match period {
                PeriodArg::Today => Period::Today,
                PeriodArg::Days7 => Period::Last7Days,
                PeriodArg::Days30 => Period::Last30Days,
                PeriodArg::Month => Period::ThisMonth,
            };
            let kpis = desk.kpis(period).await.map_err(fail)?;
            if json {
                output::json(&kpis)
            } else {
                output::kpis(&kpis, locale, lang)
            }
            Ok(exit::OK)
        }
        Command::Advance {
            order,
            status,
            json,
        } => {
            let to = parse_status(&status, lang)?;
            let action = desk.advance(&order, to).await.map_err(fail)?;
            if json {
                output::json(&action)
            } else {
                output::action(&action, lang)
            }
            Ok(exit::OK)
        }
        Command::Cancel {
            order,
            reason,
            refund,
            json,
        } => {
            let action = desk.cancel(&order, &reason, &refund).await.map_err(fail)?;
            if json {
                output::json(&action)
            } else {
                output::action(&action, lang)
            }
            Ok(exit::OK)
        }
        Command::RetryDocument { order, doc, json } => {
            let action = desk.retry_document(&order, &doc).await.map_err(fail)?;
            if json {
                output::json(&action)
            } else {
                output::action(&action, lang)
            }
            Ok(exit::OK)
        }
        Command::Pay {
            order,
            amount,
            method,
            reference,
            received,
            json,
        } => {
            let method = parse_method(&method, lang)?;
            let change = match &received {
                Some(received) => desk
                    .cash_change(&order, &amount, received)
                    .await
                    .map_err(fail)?,
                None => None,
            };
            if received.is_some() && change.is_none() {
                return Err(Failure::new(
                    exit::USAGE,
                    "invalid_input",
                    Text::new(
                        "Lo recibido no alcanza para el cobro.",
                        "The cash handed over does not cover the payment.",
                    ),
                    lang,
                ));
            }
            let action = desk
                .pay_received(
                    &order,
                    &amount,
                    method,
                    reference.as_deref(),
                    received.as_deref(),
                )
                .await
                .map_err(fail)?;
            if json {
                output::json(&action)
            } else {
                output::action(&action, lang);
                if let Some(change) = change {
                    println!(
                        "{}",
                        mostrador_core::outbox::counter::change_line(&change, locale, lang)
                    );
                }
            }
            Ok(exit::OK)
        }
        Command::Note { order, text, json } => {
            let action = desk.add_note(&order, &text).await.map_err(fail)?;
            if json {
                output::json(&action)
            } else {
                output::action(&action, lang)
            }
            Ok(exit::OK)
        }
        Command::Outbox { json } => {
            let actions = desk.outbox().await.map_err(fail)?;
            if json {
                output::json(&actions);
            } else {
                actions.iter().for_each(|a| output::action(a, lang));
            }
            Ok(exit::OK)
        }
    }
}

/// The machine's host name, the device name until one is given (read here, at the edge).
fn host_name() -> Option<String> {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
}

/// Spanish or wire names of a payment method: "efectivo" / "cash".
fn parse_method(text: &str, lang: Language) -> Result<PaymentMethod, Failure> {
    let method = match text.trim().to_lowercase().as_str() {
        "efectivo" => PaymentMethod::Cash,
        "transferencia" => PaymentMethod::Transfer,
        "tarjeta" => PaymentMethod::Card,
        "otro" => PaymentMethod::Other,
        other => PaymentMethod::from_wire(other),
    };
    if method == PaymentMethod::Unknown {
        return Err(Failure::new(
            exit::USAGE,
            "invalid_input",
            Text::new(
                format!(
                    "Forma de pago desconocida: {text:?} (efectivo, transferencia, tarjeta, otro)."
                ),
                format!("Unknown payment method: {text:?} (cash, transfer, card, other)."),
            ),
            lang,
        ));
    }
    Ok(method)
}

/// Spanish or wire names: "listo" / "ready".
fn parse_status(text: &str, lang: Language) -> Result<OrderStatus, Failure> {
    let status = match text.trim().to_lowercase().as_str() {
        "preparando" | "preparar" => OrderStatus::Preparing,
        "listo" | "listo para entrega" => OrderStatus::Ready,
        "enviado" => OrderStatus::Shipped,
        "entregado" => OrderStatus::Delivered,
        "pendiente" => OrderStatus::Pending,
        other => OrderStatus::from_wire(other),
    };
    if status == OrderStatus::Unknown {
        return Err(Failure::new(
            exit::USAGE,
            "invalid_input",
            Text::new(
                format!("Estado desconocido: {text:?} (preparando, listo, enviado, entregado)."),
                format!("Unknown status: {text:?} (preparing, ready, shipped, delivered)."),
            ),
            lang,
        ));
    }
    Ok(status)
}

fn query(list: &ListArgs, lang: Language) -> Result<OrderQuery, Failure> {
    let statuses = list
        .statuses
        .iter()
        .map(|s| match s.as_str() {
            "cancelled" | "cancelado" => Ok(OrderStatus::Cancelled),
            other => parse_status(other, lang),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(OrderQuery {
        statuses,
        paid: if list.paid {
            Some(true)
        } else if list.unpaid {
            Some(false)
        } else {
            None
        },
        has_error: list.errors.then_some(true),
        incomplete: list.incomplete.then_some(true),
        search: list.search.clone(),
        limit: Some(list.limit),
        ..OrderQuery::default()
    })
}

async fn sync(desk: &Desk, watch: bool, retries: u32, lang: Language) -> Result<u8, Failure> {
    let fail = |err: mostrador_core::Error| Failure::from_error(&err, lang);
    if watch {
        let mut events = desk.subscribe();
        desk.start();
        loop {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => return Ok(exit::OK),
                event = events.recv() => match event {
                    Ok(DeskEvent::OrdersChanged(c)) if c.all => {
                        println!("{}", lang.pick("pedidos: recarga completa", "orders: full reload"))
                    }
                    Ok(DeskEvent::OrdersChanged(c)) => println!(
                        "{}: {}",
                        lang.pick("pedidos cambiados", "orders changed"),
                        c.ids.join(" ")
                    ),
                    Ok(DeskEvent::SyncStatus(s)) => output::sync_status(&s, lang),
                    Ok(DeskEvent::PrintFailed(p)) => eprintln!("{}", p.message),
                    Ok(DeskEvent::NoticeOpened(_)) | Ok(DeskEvent::Approval(_)) | Err(_) => {}
                },
            }
        }
    }
    let mut status = desk.sync_now().await.map_err(fail)?;
    for attempt in 1..=retries {
        let transient = matches!(status.state, SyncState::Error { .. });
        if status.pending_actions == 0 && !transient {
            break;
        }
        if matches!(
            status.state,
            SyncState::Offline { .. } | SyncState::NeedsReconnect
        ) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200 * u64::from(attempt))).await;
        status = desk.sync_now().await.map_err(fail)?;
    }
    output::sync_status(&status, lang);
    match status.state {
        SyncState::NeedsReconnect | SyncState::NotConnected => Err(Failure::new(
            exit::NOT_CONNECTED,
            "not_connected",
            Text::new(
                "El servidor rechazó el token; conecta de nuevo con `connect`. Las acciones en cola se conservan.",
                "The server refused the token; run `connect` again. Queued actions are kept.",
            ),
            lang,
        )),
        SyncState::Error {
            kind: SyncErrorKind::BadAnswer,
            reason,
            reason_en,
        } => Err(Failure::new(
            exit::BAD_ANSWER,
            "bad_answer",
            Text::new(reason, reason_en),
            lang,
        )),
        _ if status.pending_actions > 0 => Err(Failure::new(
            exit::OFFLINE,
            "network",
            Text::new(
                format!(
                    "No se pudo completar el envío; quedan {} acciones en cola.",
                    status.pending_actions
                ),
                format!(
                    "Could not send everything; {} actions are still queued.",
                    status.pending_actions
                ),
            ),
            lang,
        )),
        SyncState::Offline { .. } => Err(Failure::new(
            exit::OFFLINE,
            "network",
            Text::new(
                "No se pudo contactar al servidor.",
                "Could not reach the server.",
            ),
            lang,
        )),
        SyncState::Error {
            kind,
            reason,
            reason_en,
        } => {
            let code = match kind {
                SyncErrorKind::SignIn => "network_sign_in",
                _ => "server",
            };
            Err(Failure::new(
                exit::OFFLINE,
                code,
                Text::new(reason, reason_en),
                lang,
            ))
        }
        _ => Ok(exit::OK),
    }
}
