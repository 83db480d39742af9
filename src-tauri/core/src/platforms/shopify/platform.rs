//! Shopify behind the [`Platform`] trait: what sync and the outbox call.

use crate::model::Shop;
use crate::money::Currency;
use crate::platforms::{
    ApplyOutcome, Capabilities, ChangesPage, Cursor, Fetched, Malformed, Platform, PlatformAction,
    PlatformError,
};
use crate::text::Text;

use super::actions::ApplyOutcome as ShopifyOutcome;
use super::client::ShopifyClient;
use super::error::ShopifyError;

/// What Shopify can do through Mostrador: every stage, cancel with a full or partial refund,
/// payments and notes; it never cancels an unattended order by itself, issues no tax
/// documents and has no shop-wide acknowledgement (it stays on each device).
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

fn words(reason: Text) -> Text {
    Text::new(reason.es, reason.en)
}

impl From<ShopifyError> for PlatformError {
    fn from(err: ShopifyError) -> Self {
        let retry_after = err.retry_after();
        match err {
            ShopifyError::InvalidDomain(_) => PlatformError::InvalidUrl(words(err.reason())),
            ShopifyError::NoShop(_) => PlatformError::WrongPlatform,
            ShopifyError::Timeout => PlatformError::Timeout,
            ShopifyError::Connect(e) => PlatformError::Connect(e),
            ShopifyError::Transport(e) => PlatformError::Transport(e),
            ShopifyError::Decode(e) => PlatformError::Decode(e),
            ShopifyError::Redirect(to) => PlatformError::Redirect(to),
            ShopifyError::Unauthorized => PlatformError::Http {
                status: 401,
                code: "unauthorized".into(),
                message: err.reason().en,
                retry_after,
            },
            ShopifyError::ShopUnavailable(status) => PlatformError::Http {
                status,
                code: "shop_unavailable".into(),
                message: err.reason().en,
                retry_after,
            },
            ShopifyError::MissingScope(ref words) => PlatformError::Http {
                status: 403,
                code: "access_denied".into(),
                message: words.clone(),
                retry_after,
            },
            ShopifyError::Throttled(_) => PlatformError::Http {
                status: 429,
                code: String::new(),
                message: "throttled".into(),
                retry_after,
            },
            ShopifyError::Server(status, _) => PlatformError::Http {
                status,
                code: String::new(),
                message: "server error".into(),
                retry_after,
            },
            ShopifyError::Graphql(ref words) | ShopifyError::UserErrors(ref words) => {
                PlatformError::Http {
                    status: 422,
                    code: "user_errors".into(),
                    message: words.clone(),
                    retry_after,
                }
            }
        }
    }
}

impl ShopifyClient {
    async fn currency(&self) -> Result<Currency, ShopifyError> {
        if let Some(currency) = *self.shop_currency.lock().unwrap_or_else(|e| e.into_inner()) {
            return Ok(currency);
        }
        Ok(self.shop().await?.currency)
    }
}

impl Platform for ShopifyClient {
    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }

    async fn shop(&self) -> Result<Shop, PlatformError> {
        Ok(ShopifyClient::shop(self).await?)
    }

    async fn changes(&self, cursor: Option<&Cursor>) -> Result<ChangesPage, PlatformError> {
        let currency = self.currency().await?;
        let page = ShopifyClient::changes(self, cursor.map(Cursor::as_str), currency).await?;
        Ok(ChangesPage {
            orders: page.orders,
            json: page.json,
            gone: Vec::new(),
            malformed: page
                .bad
                .into_iter()
                .map(|bad| Malformed {
                    id: bad.id,
                    error: bad.error,
                })
                .collect(),
            next: Cursor::new(page.cursor),
            more: page.more,
        })
    }

    async fn order(&self, id: &str) -> Result<Option<Fetched>, PlatformError> {
        let currency = self.currency().await?;
        let Some(wire) = self.order_wire(id).await? else {
            return Ok(None);
        };
        let order = super::map::map_order(&wire, currency)
            .map_err(|e| PlatformError::Decode(e.to_string()))?;
        let json = serde_json::to_string(&order)
            .map_err(|e| PlatformError::Decode(e.to_string()))?
            .into_boxed_str();
        Ok(Some(Fetched { order, json }))
    }

    async fn apply(&self, action: &PlatformAction) -> ApplyOutcome {
        let currency = match self.currency().await {
            Ok(currency) => currency,
            Err(err) => {
                return ApplyOutcome::Unknown {
                    retry_after: err.retry_after(),
                    why: words(err.reason()),
                };
            }
        };
        match ShopifyClient::apply(self, action, currency).await {
            ShopifyOutcome::Applied(order) => ApplyOutcome::Applied(order.and_then(|order| {
                let json = serde_json::to_string(&order).ok()?.into_boxed_str();
                Some(Box::new(Fetched {
                    order: *order,
                    json,
                }))
            })),
            ShopifyOutcome::Rejected(reason) => ApplyOutcome::Rejected(words(reason)),
            ShopifyOutcome::Unknown {
                retry_after,
                reason,
            } => ApplyOutcome::Unknown {
                retry_after,
                why: words(reason),
            },
            // A refused token pauses the sender upstream (sync sees the same 401); the action
            // stays queued, never dropped.
            ShopifyOutcome::Paused(reason) => ApplyOutcome::Unknown {
                retry_after: None,
                why: words(reason),
            },
        }
    }

    async fn present_ids(&self, ids: &[String]) -> Result<Vec<String>, PlatformError> {
        // Shopify keeps cancelled and archived orders readable; a deleted one reads as null.
        let mut present = Vec::with_capacity(ids.len());
        for id in ids {
            if self.order_wire(id).await?.is_some() {
                present.push(id.clone());
            }
        }
        Ok(present)
    }
}
