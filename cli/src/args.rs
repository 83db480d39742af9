//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Exit codes, printed by `--help`.
const EXIT_CODES: &str = "Exit codes: 0 ok · 1 other error · 2 usage or bad input (nothing queued) · \
3 order or document not found · 4 not connected or token refused (run `connect`) · \
5 backend unreachable (or a network sign-in page, or a server error), actions still queued · \
6 backend reached but its answer could not be read, actions still queued.\n\
Errors go to stderr as one line: error[<code>]: <message> (Spanish; --lang en for English).\n\
The token is read from MOSTRADOR_TOKEN (or --token) on every run and never written to disk.";

/// Mostrador's order desk without a window: connect, sync, list, and act on orders.
///
/// Actions (advance, cancel, retry-document) are queued locally and go out with the next
/// `sync`, so they work offline. The token is read from MOSTRADOR_TOKEN on every run and
/// never written to disk.
#[derive(Debug, Parser)]
#[command(name = "mostrador-cli", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// Where the local database lives.
    #[arg(long, global = true, env = "MOSTRADOR_DATA_DIR")]
    pub data_dir: Option<PathBuf>,
    /// Language of messages.
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "es",
        env = "MOSTRADOR_LANG"
    )]
    pub lang: Lang,
    /// This device's name, sent as `Device-Name` with every action ("Caja 1"); remembered in
    /// the data directory's settings. Without it: the saved name, else the host name.
    #[arg(long, global = true, env = "MOSTRADOR_DEVICE")]
    pub device: Option<String>,
    /// The store's API token.
    #[arg(long, global = true, env = "MOSTRADOR_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// A shop platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PlatformArg {
    /// Mostrador's own Orders API.
    Api,
    /// WooCommerce (REST key and secret).
    Woocommerce,
    /// Shopify (custom app access token).
    Shopify,
}

/// Message language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// Español.
    Es,
    /// English.
    En,
}

impl Lang {
    /// The core's language.
    pub fn language(self) -> mostrador_core::Language {
        match self {
            Lang::Es => mostrador_core::Language::Es,
            Lang::En => mostrador_core::Language::En,
        }
    }
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Checks the address and credentials against the shop and remembers the address.
    /// Mostrador's API: MOSTRADOR_TOKEN; WooCommerce: MOSTRADOR_WOO_KEY + MOSTRADOR_WOO_SECRET;
    /// Shopify: MOSTRADOR_SHOPIFY_TOKEN (asked on a terminal when missing).
    Connect {
        /// Backend URL (http://127.0.0.1:8080), WooCommerce store URL (https://tienda.cl) or
        /// Shopify domain (tienda.myshopify.com).
        url: String,
        /// Which platform the shop runs on.
        #[arg(long, value_enum, default_value = "api")]
        platform: PlatformArg,
        /// Mark it as the local demo backend.
        #[arg(long)]
        demo: bool,
    },
    /// Pulls new orders and sends queued actions.
    Sync {
        /// Keep running, following the event stream.
        #[arg(long)]
        watch: bool,
        /// Extra passes while the server answers with transient errors.
        #[arg(long, default_value_t = 3)]
        retries: u32,
    },
    /// Lists cached orders, newest first.
    List(ListArgs),
    /// Shows one order (by id or number).
    Show {
        /// Order id or number.
        order: String,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Counts per status.
    Counts {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Sales for a period.
    Kpis {
        /// today | 7d | 30d | month.
        #[arg(long, value_enum, default_value = "today")]
        period: PeriodArg,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Queues a status change.
    Advance {
        /// Order id or number.
        order: String,
        /// preparing | ready | shipped | delivered.
        status: String,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Queues a cancellation with a refund.
    Cancel {
        /// Order id or number.
        order: String,
        /// Why.
        #[arg(long)]
        reason: String,
        /// Refund as you would type it: "450,50", "450.50", "$45.000".
        #[arg(long)]
        refund: String,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Queues a retry of a document in error.
    RetryDocument {
        /// Order id or number.
        order: String,
        /// Document id.
        doc: String,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Queues a payment taken at the counter (or a transfer seen in the bank).
    Pay {
        /// Order id or number.
        order: String,
        /// Amount as you would type it: "450", "450,50", "$45.000".
        amount: String,
        /// cash | transfer | card | other (efectivo, transferencia, tarjeta, otro).
        #[arg(long, default_value = "cash")]
        method: String,
        /// Bank or terminal reference.
        #[arg(long)]
        reference: Option<String>,
        /// Cash handed over, to print the change ("500").
        #[arg(long)]
        received: Option<String>,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Queues a staff note (never shown to the customer).
    Note {
        /// Order id or number.
        order: String,
        /// The note, 1-1000 characters.
        text: String,
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
    /// Pending and failed actions.
    Outbox {
        /// JSON output.
        #[arg(long)]
        json: bool,
    },
}

/// Filters of `list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these statuses (repeatable).
    #[arg(long = "status")]
    pub statuses: Vec<String>,
    /// Only paid orders.
    #[arg(long, conflicts_with = "unpaid")]
    pub paid: bool,
    /// Only unpaid orders.
    #[arg(long)]
    pub unpaid: bool,
    /// Only orders with an error.
    #[arg(long)]
    pub errors: bool,
    /// Only orders neither delivered nor cancelled.
    #[arg(long)]
    pub incomplete: bool,
    /// Free text: number, customer, phone, e-mail, tags, SKUs, items.
    #[arg(long)]
    pub search: Option<String>,
    /// Rows.
    #[arg(long, default_value_t = 50)]
    pub limit: u32,
    /// JSON output.
    #[arg(long)]
    pub json: bool,
}

/// `kpis --period`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum PeriodArg {
    /// Today so far.
    Today,
    /// Last 7 days.
    #[value(name = "7d")]
    Days7,
    /// Last 30 days.
    #[value(name = "30d")]
    Days30,
    /// This month.
    Month,
}
