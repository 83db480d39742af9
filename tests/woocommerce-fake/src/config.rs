//! The store the fake pretends to be: keys, currency, time zone, products and gateways.
//! `Config::default()` is the recorded store: a Chilean shop (CLP, 0 decimals,
//! America/Santiago) with the two recorded products and WooCommerce's core gateways.

use std::path::PathBuf;

/// What the REST key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permissions {
    /// GET only.
    Read,
    /// Everything.
    ReadWrite,
}

/// A product the fake sells (line items name one by `product_id`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Product {
    /// Product id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// SKU.
    pub sku: String,
    /// Price in the store's minor units.
    pub price: i64,
    /// Whether stock is managed (a paid order then gets `_reduced_stock` item meta).
    pub manage_stock: bool,
}

/// A payment gateway of `GET /payment_gateways`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Gateway {
    /// `cod`, `bacs`, …
    pub id: String,
    /// What the customer saw.
    pub title: String,
    /// Whether `method_supports` lists `refunds` (then `api_refund: true` works).
    pub refunds: bool,
}

/// The fake's configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// REST consumer key.
    pub key: String,
    /// REST consumer secret.
    pub secret: String,
    /// What the key may do.
    pub permissions: Permissions,
    /// The WordPress user the approval page issues Application Passwords for.
    pub user_login: String,
    /// Enables `/mostrador-fake/*` with this bearer token.
    pub admin_token: Option<String>,
    /// Site title (`GET /wp-json/` `name`).
    pub name: String,
    /// ISO 4217.
    pub currency: String,
    /// `woocommerce_price_num_decimals`.
    pub decimals: u32,
    /// Site time zone (`timezone_string`); empty means a manual UTC offset.
    pub timezone: String,
    /// `gmt_offset` in hours when `timezone` is empty.
    pub gmt_offset_h: i32,
    /// `woocommerce_default_country`, e.g. `CL:CL-RM`.
    pub country: String,
    /// Products.
    pub products: Vec<Product>,
    /// Gateways.
    pub gateways: Vec<Gateway>,
    /// SQLite file; a temporary one when `None`.
    pub db_path: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            key: "ck_mostrador_test".into(),
            secret: "cs_mostrador_test".into(),
            permissions: Permissions::ReadWrite,
            user_login: "admin".into(),
            admin_token: Some("fake-admin".into()),
            name: "Empanadas Doña Ana".into(),
            currency: "CLP".into(),
            decimals: 0,
            timezone: "America/Santiago".into(),
            gmt_offset_h: -3,
            country: "CL:CL-RM".into(),
            products: vec![
                Product {
                    id: 12,
                    name: "Empanada de pino".into(),
                    sku: "EMP-PINO-1796110760".into(),
                    price: 2500,
                    manage_stock: true,
                },
                Product {
                    id: 13,
                    name: "Pebre 250g".into(),
                    sku: "PEBRE-1796110761".into(),
                    price: 1800,
                    manage_stock: false,
                },
            ],
            gateways: vec![
                gateway("bacs", "Transferencia", false),
                gateway("cheque", "Cheque", false),
                gateway("cod", "Pago contra entrega", false),
                gateway("stripe", "Tarjeta de crédito", true),
            ],
            db_path: None,
        }
    }
}

fn gateway(id: &str, title: &str, refunds: bool) -> Gateway {
    Gateway {
        id: id.into(),
        title: title.into(),
        refunds,
    }
}

impl Config {
    /// A Mexican shop: MXN with 2 decimals, America/Mexico_City.
    pub fn mexico() -> Config {
        let mut config = Config {
            name: "Panadería La Espiga".into(),
            currency: "MXN".into(),
            decimals: 2,
            timezone: "America/Mexico_City".into(),
            gmt_offset_h: -6,
            country: "MX:CMX".into(),
            ..Config::default()
        };
        for p in &mut config.products {
            p.price *= 2; // 2500 → $50.00
        }
        config
    }

    /// The site's time zone (a fixed offset when `timezone` is empty or unknown).
    pub fn tz(&self) -> SiteTz {
        match self.timezone.parse::<chrono_tz::Tz>() {
            Ok(tz) if !self.timezone.is_empty() => SiteTz::Named(tz),
            _ => SiteTz::Offset(
                chrono::FixedOffset::east_opt(self.gmt_offset_h * 3600)
                    .unwrap_or(chrono::FixedOffset::east_opt(0).expect("zero offset")),
            ),
        }
    }

    /// The gateway `id`, if the store has it.
    pub fn gateway(&self, id: &str) -> Option<&Gateway> {
        self.gateways.iter().find(|g| g.id == id)
    }
}

/// The site's time zone.
#[derive(Clone, Copy, Debug)]
pub enum SiteTz {
    /// An IANA zone.
    Named(chrono_tz::Tz),
    /// A manual UTC offset.
    Offset(chrono::FixedOffset),
}

impl SiteTz {
    /// `YYYY-MM-DDTHH:MM:SS` in the site's local time, as WooCommerce's non-`_gmt` dates.
    pub fn local(&self, at: chrono::DateTime<chrono::Utc>) -> String {
        match self {
            SiteTz::Named(tz) => at.with_timezone(tz).format(crate::db::DATE_FMT).to_string(),
            SiteTz::Offset(off) => at
                .with_timezone(off)
                .format(crate::db::DATE_FMT)
                .to_string(),
        }
    }

    /// A local `YYYY-MM-DDTHH:MM:SS` as UTC (the earlier one when ambiguous).
    pub fn to_utc(&self, local: chrono::NaiveDateTime) -> Option<chrono::DateTime<chrono::Utc>> {
        use chrono::TimeZone;
        match self {
            SiteTz::Named(tz) => tz
                .from_local_datetime(&local)
                .earliest()
                .map(|d| d.with_timezone(&chrono::Utc)),
            SiteTz::Offset(off) => off
                .from_local_datetime(&local)
                .earliest()
                .map(|d| d.with_timezone(&chrono::Utc)),
        }
    }
}
