//! The v1 additions on an order (API.md "v1 additions"): where it goes, when it is wanted,
//! what was collected at the counter and the shop's own notes. All optional on the wire.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PaymentMethod;

/// A latitude or longitude. Compared by its bits so an [`super::Order`] stays `Eq`.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize, TS)]
#[serde(transparent)]
#[ts(export, type = "number")]
pub struct Coordinate(pub f64);

impl PartialEq for Coordinate {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Coordinate {}

/// Where a delivery or parcel goes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Address {
    /// Street and number.
    pub line1: String,
    /// Apartment, floor, colonia.
    pub line2: Option<String>,
    /// City or comuna.
    pub city: String,
    /// State or región.
    pub region: String,
    /// Postal code.
    pub postal_code: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// How to find it ("portón verde").
    pub reference: Option<String>,
    /// Latitude, when known.
    pub lat: Option<Coordinate>,
    /// Longitude, when known.
    pub lng: Option<Coordinate>,
}

impl Address {
    /// The address on one line, as a map search or a slip wants it:
    /// "Av. Álvaro Obregón 182, Col. Roma Norte, Cuauhtémoc, CDMX, 06700, MX".
    pub fn one_line(&self) -> String {
        [
            Some(self.line1.as_str()),
            self.line2.as_deref(),
            Some(self.city.as_str()),
            Some(self.region.as_str()),
            Some(self.postal_code.as_str()),
            Some(self.country.as_str()),
        ]
        .into_iter()
        .flatten()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
    }
}

/// Money collected for an order; the order's `paid` is their sum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PaymentRecord {
    /// Id, unique in the order (a local, not yet sent one starts with `local-`).
    pub id: String,
    /// Minor units.
    #[ts(type = "number")]
    pub amount: i64,
    /// cash | transfer | card | other.
    pub method: PaymentMethod,
    /// When.
    pub at: DateTime<Utc>,
    /// Bank or terminal reference.
    #[serde(default)]
    pub reference: Option<String>,
    /// The device that took it ("Caja 1").
    #[serde(default)]
    pub device: Option<String>,
}

/// The shop's own note on an order, never shown to the customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StaffNote {
    /// Id, unique in the order (a local, not yet sent one starts with `local-`).
    pub id: String,
    /// The note.
    pub text: String,
    /// When.
    pub at: DateTime<Utc>,
    /// The device that wrote it.
    #[serde(default)]
    pub device: Option<String>,
}
