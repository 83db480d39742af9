//! Reading the shop: the shop itself, one order, and pages of changes after an opaque cursor.
//!
//! The cursor (a JSON string the store keeps as it is) holds the newest `updatedAt` seen, the
//! orders at that boundary, and, while a run of pages is under way, Shopify's page cursor and
//! the lower bound of that run. Each run asks for `updated_at:>'since − overlap'`, so a change
//! made in the same second as the cursor is not missed, and skips an order whose
//! `(id, updatedAt)` it already has. Orders are decoded one by one: one that does not decode
//! is handed back raw in [`ShopifyPage::bad`] and the rest of the page goes on.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::model::{Order, Shop};
use crate::money::Currency;

use super::client::ShopifyClient;
use super::documents;
use super::error::ShopifyError;
use super::map::{map_order, map_shop};
use super::wire;

/// Entries of the boundary kept in the cursor at most.
const MAX_BOUNDARY: usize = 1000;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Cursor {
    #[serde(default)]
    since: Option<DateTime<Utc>>,
    /// `(id, updatedAt ms, hash of the JSON)` of the orders at the boundary: Shopify's
    /// `updatedAt` has one-second resolution, so two versions of an order can share it.
    #[serde(default)]
    boundary: Vec<(String, i64, u64)>,
    /// Shopify's page cursor while a run is under way.
    #[serde(default)]
    after: Option<String>,
    /// The lower bound of the run under way.
    #[serde(default)]
    from: Option<DateTime<Utc>>,
}

/// An order of a page that could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct BadOrder {
    /// Its id, when that much could be read.
    pub id: Option<String>,
    /// What is wrong.
    pub error: String,
    /// What Shopify sent.
    pub raw: Box<str>,
}

/// One page of changes.
#[derive(Clone, Debug, PartialEq)]
pub struct ShopifyPage {
    /// Orders changed, oldest change first.
    pub orders: Vec<Order>,
    /// The JSON each of `orders` arrived as.
    pub json: Vec<Box<str>>,
    /// Orders that did not decode.
    pub bad: Vec<BadOrder>,
    /// The cursor after this page (store it with the orders).
    pub cursor: String,
    /// More pages follow now.
    pub more: bool,
}

fn shopify_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

impl ShopifyClient {
    /// The shop.
    pub async fn shop(&self) -> Result<Shop, ShopifyError> {
        let data = self.run(&documents::shop(), json!({})).await?;
        let shop: wire::Shop = serde_json::from_value(data["shop"].clone())
            .map_err(|e| ShopifyError::Decode(format!("shop: {e}")))?;
        let store = map_shop(&shop).map_err(|e| ShopifyError::Decode(e.to_string()))?;
        *self.shop_currency.lock().unwrap_or_else(|e| e.into_inner()) = Some(store.currency);
        Ok(store)
    }

    /// One order as Shopify has it now (`None`: no such order).
    pub async fn order_wire(&self, id: &str) -> Result<Option<wire::Order>, ShopifyError> {
        let data = self.run(&documents::order(), json!({ "id": id })).await?;
        if data["order"].is_null() {
            return Ok(None);
        }
        serde_json::from_value(data["order"].clone())
            .map(Some)
            .map_err(|e| ShopifyError::Decode(format!("order {id}: {e}")))
    }

    /// One order in Mostrador's model.
    pub async fn order(&self, id: &str, currency: Currency) -> Result<Option<Order>, ShopifyError> {
        match self.order_wire(id).await? {
            Some(order) => map_order(&order, currency)
                .map(Some)
                .map_err(|e| ShopifyError::Decode(e.to_string())),
            None => Ok(None),
        }
    }

    /// The page of changes after `cursor` (`None` or empty: from the start).
    pub async fn changes(
        &self,
        cursor: Option<&str>,
        currency: Currency,
    ) -> Result<ShopifyPage, ShopifyError> {
        let mut c: Cursor = cursor
            .filter(|c| !c.is_empty())
            .map(serde_json::from_str)
            .transpose()
            .map_err(|e| ShopifyError::Decode(format!("stored cursor: {e}")))?
            .unwrap_or_default();
        let from = c.from.or(c.since);
        let overlap = chrono::Duration::from_std(self.config.overlap).unwrap_or_default();
        let query = from.map(|t| format!("updated_at:>'{}'", shopify_time(t - overlap)));
        let data = self
            .run(
                &documents::orders(self.config.page_size),
                json!({ "first": self.config.page_size, "after": c.after, "query": query }),
            )
            .await?;
        let connection = &data["orders"];
        let info: wire::PageInfo = serde_json::from_value(connection["pageInfo"].clone())
            .map_err(|e| ShopifyError::Decode(format!("pageInfo: {e}")))?;
        let nodes = connection["nodes"].as_array().cloned().unwrap_or_default();
        let mut page = ShopifyPage {
            orders: Vec::new(),
            json: Vec::new(),
            bad: Vec::new(),
            cursor: String::new(),
            more: info.has_next_page,
        };
        let mut newest = c.since;
        let mut boundary = std::mem::take(&mut c.boundary);
        for node in nodes {
            let raw: Box<str> = node.to_string().into();
            match decode(&node, currency) {
                Ok(order) => {
                    let key = (
                        order.id.clone(),
                        order.updated_at.timestamp_millis(),
                        fingerprint(&raw),
                    );
                    if boundary.contains(&key) {
                        continue;
                    }
                    newest = newest.max(Some(order.updated_at));
                    boundary.push(key);
                    page.orders.push(order);
                    page.json.push(raw);
                }
                Err(error) => {
                    tracing::warn!(%error, "a Shopify order could not be read; kept aside");
                    page.bad.push(BadOrder {
                        id: node["id"].as_str().map(str::to_string),
                        error,
                        raw,
                    });
                }
            }
        }
        // Keep only the boundary the next run can meet again.
        if let Some(newest) = newest {
            let edge = (newest - overlap - chrono::Duration::seconds(1)).timestamp_millis();
            boundary.retain(|(_, at, _)| *at >= edge);
            if boundary.len() > MAX_BOUNDARY {
                boundary.drain(..boundary.len() - MAX_BOUNDARY);
            }
        }
        let next = if info.has_next_page {
            Cursor {
                since: newest,
                boundary,
                after: info.end_cursor,
                from,
            }
        } else {
            Cursor {
                since: newest,
                boundary,
                after: None,
                from: None,
            }
        };
        page.cursor = serde_json::to_string(&next)
            .map_err(|e| ShopifyError::Decode(format!("cursor: {e}")))?;
        Ok(page)
    }
}

/// FNV-1a of the order's JSON: stable across builds, unlike std's hasher.
fn fingerprint(raw: &str) -> u64 {
    raw.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn decode(node: &Value, currency: Currency) -> Result<Order, String> {
    let order: wire::Order = serde_json::from_value(node.clone()).map_err(|e| e.to_string())?;
    map_order(&order, currency).map_err(|e| e.to_string())
}
