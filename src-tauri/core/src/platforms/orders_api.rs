//! Mostrador's own Orders API (API.md) behind the [`Platform`] trait: [`OrdersApi`] wraps the
//! [`ApiClient`] the desk uses. Exactly-once is the backend's `Idempotency-Key` (the action's
//! UUID); a refusal that carries the order as it is now, showing the action's effect (an
//! earlier attempt's answer was lost), counts as applied — as the desk's sender does.
//!
//! The desk itself keeps its own path for this platform (the event stream, the server clock,
//! `expected_version` conflicts, quarantine with seqs); this implementation is what the
//! generic connector contract runs against, beside WooCommerce and Shopify.

use crate::api::{ApiClient, ApiError, Bucket};
use crate::model::Shop;
use crate::outbox::kind::ActionState;
use crate::outbox::reasons::{local_rejection_reason, rejection_reason};
use crate::outbox::reconcile::shows_effect;
use crate::outbox::{Action, request_for};

use super::{
    ApplyOutcome, Capabilities, ChangesPage, Cursor, Fetched, Malformed, Platform, PlatformAction,
    PlatformError,
};
use crate::text::Text;

/// Orders a page.
const PAGE: u32 = 500;

/// Our own Orders API.
#[derive(Clone, Debug)]
pub struct OrdersApi(pub ApiClient);

/// What the Orders API can do (a backend without the v1 additions lacks payments and notes:
/// the desk reads those from the store's `features`).
pub const CAPABILITIES: Capabilities = Capabilities {
    advance: true,
    cancel: true,
    partial_refund: true,
    payments: true,
    notes: true,
    acknowledgements: false,
    auto_cancel: true,
    documents: true,
};

impl From<ApiError> for PlatformError {
    fn from(err: ApiError) -> Self {
        match err {
            ApiError::Problem(p) => PlatformError::Http {
                status: p.status,
                code: p.code,
                message: p.detail,
                retry_after: p.retry_after,
            },
            ApiError::Timeout => PlatformError::Timeout,
            ApiError::Connect(e) => PlatformError::Connect(e),
            ApiError::Transport(e) => PlatformError::Transport(e),
            ApiError::TooLarge(n) => PlatformError::TooLarge(n),
            ApiError::Decode(e) => PlatformError::Decode(e),
            ApiError::InvalidUrl(e) => PlatformError::InvalidUrl(Text::new(e.clone(), e)),
            ApiError::Redirect(to) => PlatformError::Redirect(to),
            ApiError::SignIn => PlatformError::WrongPlatform,
        }
    }
}

fn outbox_row(action: &PlatformAction, path: String, body: Vec<u8>) -> Action {
    Action {
        seq: 0,
        id: action.id.clone(),
        order_id: action.order_id.clone(),
        order_number: action.order_number.clone(),
        kind: action.kind.clone(),
        path,
        body,
        state: ActionState::Pending,
        attempts: 1,
        created_at: chrono::DateTime::UNIX_EPOCH,
        next_attempt_at: None,
        error: None,
    }
}

fn fetched(order: crate::model::Order) -> Option<Box<Fetched>> {
    let json = serde_json::to_string(&order).ok()?.into_boxed_str();
    Some(Box::new(Fetched { order, json }))
}

impl Platform for OrdersApi {
    fn capabilities(&self) -> Capabilities {
        CAPABILITIES
    }

    async fn shop(&self) -> Result<Shop, PlatformError> {
        Ok(self.0.store().await?)
    }

    async fn changes(&self, cursor: Option<&Cursor>) -> Result<ChangesPage, PlatformError> {
        let after = cursor
            .and_then(|c| c.as_str().parse::<i64>().ok())
            .unwrap_or(0);
        let page = self.0.orders_page(after, PAGE).await?;
        Ok(ChangesPage {
            orders: page.orders,
            json: page.json,
            gone: Vec::new(),
            malformed: page
                .bad
                .into_iter()
                .map(|b| Malformed {
                    id: b.order_id,
                    error: b.error,
                })
                .collect(),
            next: Cursor::new(page.next_after.to_string()),
            more: page.has_more,
        })
    }

    async fn order(&self, id: &str) -> Result<Option<Fetched>, PlatformError> {
        match self.0.order(id).await {
            Ok(order) => Ok(fetched(order).map(|f| *f)),
            Err(ApiError::Problem(p)) if p.status == 404 => Ok(None),
            Err(err) => Err(err.into()),
        }
    }

    async fn apply(&self, action: &PlatformAction) -> ApplyOutcome {
        // No `expected_version`: the platform action does not carry the version the owner saw.
        let (path, body) = request_for(&action.order_id, &action.kind, None);
        let err = match self.0.post_action(&path, &action.id, &body).await {
            Ok(order) => return ApplyOutcome::Applied(order.and_then(fetched)),
            Err(err) => err,
        };
        let row = outbox_row(action, path, body);
        match err.bucket() {
            Bucket::Rejected => {
                if let Some(current) = err.problem().and_then(|p| p.current.as_deref())
                    && shows_effect(&row, current)
                {
                    return ApplyOutcome::Applied(fetched(current.clone()));
                }
                let reason = match err.problem() {
                    Some(problem) => rejection_reason(&row, Some(problem)),
                    None => local_rejection_reason(&row, &err),
                };
                ApplyOutcome::Rejected(Text::new(reason.es, reason.en))
            }
            // A refused token: the action stays queued (sync sees the same 401 and pauses).
            Bucket::Unknown | Bucket::Unauthorized => ApplyOutcome::Unknown {
                retry_after: err.retry_after(),
                why: Text::new(
                    format!("No se supo si el servidor recibió el cambio: {err}"),
                    format!("It is not known whether the server got the change: {err}"),
                ),
            },
        }
    }

    async fn present_ids(&self, ids: &[String]) -> Result<Vec<String>, PlatformError> {
        let mut present = Vec::with_capacity(ids.len());
        for id in ids {
            if self.order(id).await?.is_some() {
                present.push(id.clone());
            }
        }
        Ok(present)
    }
}
