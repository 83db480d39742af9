//! What can go wrong talking to Shopify, in the three outcome buckets of DESIGN.md, with the
//! owner's words in Spanish and English.

use std::time::Duration;

use crate::api::Bucket;
use crate::text::Text;

/// A failed call to Shopify's Admin API.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ShopifyError {
    /// The address is not a Shopify shop (`tienda.myshopify.com`), or not HTTPS.
    #[error("invalid shop domain: {0}")]
    InvalidDomain(String),
    /// 404 on the Admin API: no shop there.
    #[error("no Shopify shop answers at {0}")]
    NoShop(String),
    /// 401: the token was revoked or is wrong.
    #[error("Shopify refused the access token (401)")]
    Unauthorized,
    /// 402/423: the shop is frozen or locked.
    #[error("the shop is unavailable ({0})")]
    ShopUnavailable(u16),
    /// `ACCESS_DENIED` or 403: the custom app lacks a scope; Shopify's words name it.
    #[error("missing access scope: {0}")]
    MissingScope(String),
    /// `THROTTLED`, 429: wait this long.
    #[error("throttled by Shopify")]
    Throttled(Option<Duration>),
    /// 5xx.
    #[error("Shopify answered {0}")]
    Server(u16, Option<Duration>),
    /// No answer in time.
    #[error("Shopify did not answer in time")]
    Timeout,
    /// Could not connect.
    #[error("could not connect to Shopify: {0}")]
    Connect(String),
    /// The connection broke (outcome unknown).
    #[error("the connection to Shopify broke: {0}")]
    Transport(String),
    /// A redirect (never followed).
    #[error("Shopify redirected to {0}")]
    Redirect(String),
    /// An answer that is not what our documents asked for.
    #[error("Shopify's answer could not be read: {0}")]
    Decode(String),
    /// Other GraphQL errors.
    #[error("Shopify: {0}")]
    Graphql(String),
    /// `userErrors` of a mutation: a definite refusal, in Shopify's words.
    #[error("Shopify refused: {0}")]
    UserErrors(String),
}

impl ShopifyError {
    /// The outcome bucket.
    pub fn bucket(&self) -> Bucket {
        match self {
            ShopifyError::Unauthorized | ShopifyError::MissingScope(_) => Bucket::Unauthorized,
            ShopifyError::Throttled(_)
            | ShopifyError::Server(..)
            | ShopifyError::Timeout
            | ShopifyError::Connect(_)
            | ShopifyError::Transport(_)
            | ShopifyError::Decode(_) => Bucket::Unknown,
            ShopifyError::InvalidDomain(_)
            | ShopifyError::NoShop(_)
            | ShopifyError::ShopUnavailable(_)
            | ShopifyError::Redirect(_)
            | ShopifyError::Graphql(_)
            | ShopifyError::UserErrors(_) => Bucket::Rejected,
        }
    }

    /// How long Shopify asked to wait, if it did.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ShopifyError::Throttled(d) | ShopifyError::Server(_, d) => *d,
            _ => None,
        }
    }

    /// The network is down (not Shopify's answer).
    pub fn is_offline(&self) -> bool {
        matches!(self, ShopifyError::Connect(_) | ShopifyError::Timeout)
    }

    /// What the owner reads.
    pub fn reason(&self) -> Text {
        match self {
            ShopifyError::InvalidDomain(d) => Text::new(
                format!("«{d}» no es una tienda Shopify: escribe el dominio tienda.myshopify.com."),
                format!("“{d}” is not a Shopify shop: enter its domain, shop.myshopify.com."),
            ),
            ShopifyError::NoShop(d) => Text::new(
                format!(
                    "No hay una tienda Shopify en {d}. Revisa el dominio (tienda.myshopify.com)."
                ),
                format!("There is no Shopify shop at {d}. Check the domain (shop.myshopify.com)."),
            ),
            ShopifyError::Unauthorized => Text::new(
                "Shopify rechazó el token de acceso: puede haber sido revocado. Crea uno nuevo en la app personalizada de la tienda y vuelve a conectar.",
                "Shopify refused the access token: it may have been revoked. Create a new one in the shop's custom app and connect again.",
            ),
            ShopifyError::ShopUnavailable(_) => Text::new(
                "La tienda Shopify no está disponible (pausada o bloqueada). Revisa su plan en Shopify.",
                "The Shopify shop is unavailable (paused or locked). Check its plan in Shopify.",
            ),
            ShopifyError::MissingScope(words) => Text::new(
                format!(
                    "A la app personalizada le falta un permiso (necesita read_orders, write_orders, write_merchant_managed_fulfillment_orders): {words}"
                ),
                format!(
                    "The custom app lacks a permission (it needs read_orders, write_orders, write_merchant_managed_fulfillment_orders): {words}"
                ),
            ),
            ShopifyError::Throttled(_) => Text::new(
                "Shopify pidió esperar un momento; se reintenta solo.",
                "Shopify asked to wait a moment; retrying by itself.",
            ),
            ShopifyError::Server(status, _) => Text::new(
                format!("Shopify tuvo un problema ({status}); se reintenta solo."),
                format!("Shopify had a problem ({status}); retrying by itself."),
            ),
            ShopifyError::Timeout | ShopifyError::Connect(_) | ShopifyError::Transport(_) => {
                Text::new(
                    "No se pudo contactar a Shopify; se reintenta al volver la conexión.",
                    "Could not reach Shopify; retrying when the connection is back.",
                )
            }
            ShopifyError::Redirect(to) => Text::new(
                format!("Shopify redirigió a {to}: revisa el dominio de la tienda."),
                format!("Shopify redirected to {to}: check the shop's domain."),
            ),
            ShopifyError::Decode(_) => Text::new(
                "La respuesta de Shopify no se pudo leer; se reintenta solo.",
                "Shopify's answer could not be read; retrying by itself.",
            ),
            ShopifyError::Graphql(words) | ShopifyError::UserErrors(words) => Text::new(
                format!("Shopify no aceptó el cambio: {words}"),
                format!("Shopify refused the change: {words}"),
            ),
        }
    }
}
