//! [`AnyPlatform`]: the platform a desk is connected to, whichever it is. The trait uses
//! `impl Future` returns (no `dyn`), so the desk holds this enum and it delegates.
//!
//! Our own Orders API keeps its richer path in the desk (event stream, versions, the
//! `Idempotency-Key` replay); WooCommerce and Shopify go through here.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::shopify::{ShopifyClient, ShopifyConfig, ShopifyError};
use super::woocommerce::{WooCommerce, WooConfig};
use super::{
    ApplyOutcome, Capabilities, ChangesPage, Cursor, Fetched, Platform, PlatformAction,
    PlatformError,
};
use crate::clock::Clock;
use crate::model::Shop;
use crate::text::Text;

/// Which platform a shop runs on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PlatformKind {
    /// Mostrador's own Orders API (API.md): URL + token.
    #[default]
    OrdersApi,
    /// WooCommerce REST v3: store URL + REST key and secret.
    Woocommerce,
    /// Shopify Admin GraphQL: shop domain + the custom app's access token.
    Shopify,
}

impl PlatformKind {
    /// The name kept in the state file and used by the CLI.
    pub fn as_str(self) -> &'static str {
        match self {
            PlatformKind::OrdersApi => "orders_api",
            PlatformKind::Woocommerce => "woocommerce",
            PlatformKind::Shopify => "shopify",
        }
    }

    /// From [`PlatformKind::as_str`] (and a few spellings an owner may type).
    pub fn parse(text: &str) -> Option<PlatformKind> {
        match text.trim().to_ascii_lowercase().as_str() {
            "orders_api" | "orders-api" | "mostrador" | "api" => Some(PlatformKind::OrdersApi),
            "woocommerce" | "woo" => Some(PlatformKind::Woocommerce),
            "shopify" => Some(PlatformKind::Shopify),
            _ => None,
        }
    }
}

/// What a platform needs to sign in, kept as one secret in the token store (the OS keychain
/// in the app): the API token, Shopify's access token, or WooCommerce's `key:secret`.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// REST key (WooCommerce); empty otherwise.
    pub key: String,
    /// REST secret (WooCommerce) or the token.
    pub secret: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Credentials(..)")
    }
}

impl Credentials {
    /// The one text the token store keeps for `kind`.
    pub fn to_secret(&self, kind: PlatformKind) -> String {
        match kind {
            PlatformKind::Woocommerce => format!("{}:{}", self.key.trim(), self.secret.trim()),
            _ => self.secret.trim().to_string(),
        }
    }

    /// Back from [`Credentials::to_secret`].
    pub fn from_secret(kind: PlatformKind, text: &str) -> Credentials {
        match (kind, text.split_once(':')) {
            (PlatformKind::Woocommerce, Some((key, secret))) => Credentials {
                key: key.to_string(),
                secret: secret.to_string(),
            },
            _ => Credentials {
                key: String::new(),
                secret: text.to_string(),
            },
        }
    }
}

/// A connected WooCommerce or Shopify shop.
#[derive(Clone, Debug)]
pub enum AnyPlatform {
    /// WooCommerce.
    Woocommerce(Box<WooCommerce>),
    /// Shopify.
    Shopify(Arc<ShopifyClient>),
}

impl AnyPlatform {
    /// A connector for `kind` at `url` (nothing is sent yet). Errors are in the owner's words.
    /// The extra CA of a test comes from `MOSTRADOR_WOO_CA` / `MOSTRADOR_SHOPIFY_CA`.
    pub fn new(
        kind: PlatformKind,
        url: &str,
        credentials: &Credentials,
        clock: Arc<dyn Clock>,
        fast: bool,
    ) -> Result<AnyPlatform, Text> {
        match kind {
            PlatformKind::Woocommerce => {
                if credentials.key.trim().is_empty() || credentials.secret.trim().is_empty() {
                    return Err(Text::new(
                        "Escribe la clave (ck_…) y el secreto (cs_…) de la API REST de WooCommerce.",
                        "Enter the WooCommerce REST API key (ck_…) and secret (cs_…).",
                    ));
                }
                let mut config = WooConfig::new(
                    url.trim(),
                    credentials.key.trim(),
                    credentials.secret.trim(),
                )
                .with_ca_from_env()
                .map_err(|e| super::woocommerce::words::connect_failure(&e))?;
                if fast {
                    config.connect_timeout = std::time::Duration::from_millis(500);
                    config.read_timeout = std::time::Duration::from_secs(3);
                    config.total_timeout = std::time::Duration::from_secs(6);
                }
                WooCommerce::new(config, clock)
                    .map(|w| AnyPlatform::Woocommerce(Box::new(w)))
                    .map_err(|e| super::woocommerce::words::connect_failure(&e))
            }
            PlatformKind::Shopify => {
                if credentials.secret.trim().is_empty() {
                    return Err(Text::new(
                        "Escribe el token de acceso de la API de administración (shpat_…) de la app personalizada.",
                        "Enter the custom app's Admin API access token (shpat_…).",
                    ));
                }
                let mut config = ShopifyConfig::default();
                if fast {
                    config.connect_timeout = std::time::Duration::from_millis(500);
                    config.read_timeout = std::time::Duration::from_secs(3);
                    config.total_timeout = std::time::Duration::from_secs(6);
                    config.job_poll_every = std::time::Duration::from_millis(20);
                }
                ShopifyClient::new(url, &credentials.secret, config)
                    .map(|c| AnyPlatform::Shopify(Arc::new(c)))
                    .map_err(|e| shopify_words(&e))
            }
            PlatformKind::OrdersApi => Err(Text::new(
                "La API propia de Mostrador se conecta con su dirección y token.",
                "Mostrador's own API connects with its address and token.",
            )),
        }
    }

    /// Which platform.
    pub fn kind(&self) -> PlatformKind {
        match self {
            AnyPlatform::Woocommerce(_) => PlatformKind::Woocommerce,
            AnyPlatform::Shopify(_) => PlatformKind::Shopify,
        }
    }

    /// The shop's base URL, as normalised.
    pub fn base_url(&self) -> &str {
        match self {
            AnyPlatform::Woocommerce(p) => p.base_url(),
            AnyPlatform::Shopify(p) => p.base_url(),
        }
    }

    /// Reads the shop to check the address and credentials; a failure in the owner's words
    /// (wrong URL, not this platform, refused keys, a missing Shopify scope by name).
    pub async fn check(&self) -> Result<Shop, Text> {
        match self {
            AnyPlatform::Woocommerce(p) => p
                .facts()
                .await
                .map(|f| f.store)
                .map_err(|e| super::woocommerce::words::connect_failure(&e)),
            AnyPlatform::Shopify(p) => {
                let shop = p.shop().await.map_err(|e| shopify_words(&e))?;
                // Reading an order needs `read_orders`: a missing scope is said now, by name,
                // instead of at the first sync.
                p.order_wire("gid://shopify/Order/0")
                    .await
                    .map_err(|e| shopify_words(&e))?;
                Ok(shop)
            }
        }
    }
}

fn shopify_words(err: &ShopifyError) -> Text {
    let reason = err.reason();
    Text::new(reason.es, reason.en)
}

impl Platform for AnyPlatform {
    fn capabilities(&self) -> Capabilities {
        match self {
            AnyPlatform::Woocommerce(p) => p.capabilities(),
            AnyPlatform::Shopify(p) => p.capabilities(),
        }
    }

    async fn shop(&self) -> Result<Shop, PlatformError> {
        match self {
            AnyPlatform::Woocommerce(p) => Platform::shop(&**p).await,
            AnyPlatform::Shopify(p) => Platform::shop(&**p).await,
        }
    }

    async fn changes(&self, cursor: Option<&Cursor>) -> Result<ChangesPage, PlatformError> {
        match self {
            AnyPlatform::Woocommerce(p) => Platform::changes(&**p, cursor).await,
            AnyPlatform::Shopify(p) => Platform::changes(&**p, cursor).await,
        }
    }

    async fn order(&self, id: &str) -> Result<Option<Fetched>, PlatformError> {
        match self {
            AnyPlatform::Woocommerce(p) => Platform::order(&**p, id).await,
            AnyPlatform::Shopify(p) => Platform::order(&**p, id).await,
        }
    }

    async fn apply(&self, action: &PlatformAction) -> ApplyOutcome {
        match self {
            AnyPlatform::Woocommerce(p) => Platform::apply(&**p, action).await,
            AnyPlatform::Shopify(p) => Platform::apply(&**p, action).await,
        }
    }

    async fn present_ids(&self, ids: &[String]) -> Result<Vec<String>, PlatformError> {
        match self {
            AnyPlatform::Woocommerce(p) => Platform::present_ids(&**p, ids).await,
            AnyPlatform::Shopify(p) => Platform::present_ids(&**p, ids).await,
        }
    }
}
