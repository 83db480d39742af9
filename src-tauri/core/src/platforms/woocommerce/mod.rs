//! The WooCommerce connector (REST v3): [`WooCommerce`] implements [`Platform`].
//!
//! - [`wire`]: the answers as they arrive, decoded tolerantly;
//! - [`map`]: pure mapping to [`crate::model::Order`] / [`crate::model::Shop`];
//! - [`client`]: HTTP (timeouts, no redirects, caps, HTTPS only but loopback, extra CA);
//! - [`sync`] and [`pager`]: first sync (pages read ahead while the desk writes), `modified_after` polls with overlap and dedupe, reconciliation;
//! - [`apply`]: outbox actions, tagged with their UUID, checked before any second attempt;
//! - [`counter`]: taking a payment and staff notes (private order notes), read back;
//! - [`words`]: refusals in Spanish and English;
//! - [`approval`]: WordPress's Application Password approval page and its `mostrador://` link.
//!
//! What WooCommerce lacks is said honestly through [`Capabilities`]: no auto-cancel, no
//! documents, no acknowledgements.

pub mod apply;
pub mod approval;
pub mod client;
pub mod counter;
pub mod map;
pub mod pager;
pub mod site;
pub mod sync;
pub mod wire;
pub mod words;

use std::sync::{Arc, Mutex};

pub use client::{CA_ENV, WooConfig};

use crate::clock::Clock;
use crate::model::Shop;
use crate::money::Currency;
use crate::platforms::{
    ApplyOutcome, Capabilities, ChangesPage, Cursor, Fetched, Platform, PlatformAction,
    PlatformError,
};
use wire::{Gateway, Setting, SiteIndex};

/// What the connector learnt about the store: currency, decimals, refunding gateways.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShopFacts {
    /// The store as Mostrador shows it.
    pub store: Shop,
    /// `woocommerce_price_num_decimals`.
    pub decimals: u32,
    /// Ids of enabled gateways whose `method_supports` lists `refunds`.
    pub refund_gateways: Vec<String>,
}

/// A WooCommerce store.
#[derive(Clone)]
pub struct WooCommerce {
    http: client::Http,
    config: WooConfig,
    clock: Arc<dyn Clock>,
    facts: Arc<Mutex<Option<ShopFacts>>>,
    pager: Arc<tokio::sync::Mutex<Option<pager::Pager>>>,
}

impl std::fmt::Debug for WooCommerce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WooCommerce")
            .field("url", &self.http.base())
            .finish_non_exhaustive()
    }
}

/// What WooCommerce can do.
pub const CAPABILITIES: Capabilities = Capabilities {
    advance: true,
    cancel: true,
    partial_refund: true,
    payments: true,
    notes: true,
    acknowledgements: false,
    auto_cancel: false,
    documents: false,
};

impl WooCommerce {
    /// A connector for `config` (nothing is sent yet).
    pub fn new(config: WooConfig, clock: Arc<dyn Clock>) -> Result<WooCommerce, PlatformError> {
        Ok(WooCommerce {
            http: client::Http::new(&config)?,
            config,
            clock,
            facts: Arc::new(Mutex::new(None)),
            pager: Arc::new(tokio::sync::Mutex::new(None)),
        })
    }

    /// The store's Application Password approval page (see [`client::Http::authorization_endpoint`]).
    pub async fn authorization_endpoint(&self) -> Result<Option<String>, PlatformError> {
        self.http.authorization_endpoint().await
    }

    /// The store URL.
    pub fn base_url(&self) -> &str {
        self.http.base()
    }

    /// Reads the store: site index, general settings, gateways. Cached for actions.
    pub async fn facts(&self) -> Result<ShopFacts, PlatformError> {
        let index_answer = self
            .http
            .send(reqwest::Method::GET, "/wp-json/", None)
            .await?;
        let index: SiteIndex = index_answer
            .json()
            .map_err(|_| PlatformError::WrongPlatform)?;
        if !index.namespaces.iter().any(|n| n == "wc/v3") {
            return Err(PlatformError::WrongPlatform);
        }
        let settings: Vec<Setting> = self.http.get("/settings/general").await?.json()?;
        let value = |id: &str| {
            settings
                .iter()
                .find(|s| s.id == id)
                .map(|s| match &s.value {
                    serde_json::Value::String(t) => t.clone(),
                    other => other.to_string(),
                })
        };
        let currency = value("woocommerce_currency")
            .and_then(|c| Currency::parse(&c))
            .ok_or_else(|| PlatformError::Decode("the store has no currency".into()))?;
        let decimals = value("woocommerce_price_num_decimals")
            .and_then(|d| d.trim().parse().ok())
            .unwrap_or(currency.decimals());
        let country = value("woocommerce_default_country").unwrap_or_default();
        let gateways: Vec<Gateway> = self.http.get("/payment_gateways").await?.json()?;
        let facts = ShopFacts {
            store: map::store(self.http.base(), &index, currency, &country),
            decimals,
            refund_gateways: gateways
                .into_iter()
                .filter(|g| g.enabled && g.method_supports.iter().any(|s| s == "refunds"))
                .map(|g| g.id)
                .collect(),
        };
        *self.facts.lock().unwrap_or_else(|e| e.into_inner()) = Some(facts.clone());
        Ok(facts)
    }

    /// The cached facts, reading them once when needed.
    pub async fn known_facts(&self) -> Result<ShopFacts, PlatformError> {
        let cached = self.facts.lock().unwrap_or_else(|e| e.into_inner()).clone();
        match cached {
            Some(f) => Ok(f),
            None => self.facts().await,
        }
    }

    /// Whether a refund of an order paid through `gateway` goes back through it.
    pub async fn refunds_through_gateway(&self, gateway: &str) -> Result<bool, PlatformError> {
        Ok(self
            .known_facts()
            .await?
            .refund_gateways
            .iter()
            .any(|g| g == gateway))
    }
}

impl Platform for WooCommerce {
    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }

    async fn shop(&self) -> Result<Shop, PlatformError> {
        Ok(self.facts().await?.store)
    }

    async fn changes(&self, cursor: Option<&Cursor>) -> Result<ChangesPage, PlatformError> {
        self.changes_impl(cursor).await
    }

    async fn order(&self, id: &str) -> Result<Option<Fetched>, PlatformError> {
        self.order_impl(id).await
    }

    async fn apply(&self, action: &PlatformAction) -> ApplyOutcome {
        self.apply_impl(action).await
    }

    async fn present_ids(&self, ids: &[String]) -> Result<Vec<String>, PlatformError> {
        self.present_impl(ids).await
    }
}
