//! Realistic orders: the demo generator, the historical seed and the filler of admin-created
//! orders. Spanish names with accents, bakery and grocery products, MX and CL flavours.

use chrono::{DateTime, Duration, Utc};

use crate::addresses;
use crate::config::{Config, Currency};
use crate::model::{
    Actor, Customer, Document, DocumentKind, DocumentStatus, Fulfillment, HistoryEntry, Item,
    Order, OrderError, Payment, PaymentMethod, PaymentRecord, PaymentStatus, Status,
};
use crate::rng::Rng;

const FIRST_NAMES: &[&str] = &[
    "Ana",
    "José",
    "María",
    "Sofía",
    "Andrés",
    "Lucía",
    "Martín",
    "Valentina",
    "Joaquín",
    "Camila",
    "Tomás",
    "Fernanda",
    "Matías",
    "Renata",
    "Héctor",
    "Ximena",
    "Ramón",
    "Begoña",
    "Íñigo",
    "Rocío",
    "Nicolás",
    "Paulina",
    "Agustín",
    "Inés",
];
const LAST_NAMES: &[&str] = &[
    "Pérez",
    "González",
    "Hernández",
    "Muñoz",
    "Rodríguez",
    "López",
    "Martínez",
    "Sánchez",
    "Núñez",
    "Ramírez",
    "Díaz",
    "Gutiérrez",
    "Rojas",
    "Peña",
    "Álvarez",
    "Jiménez",
    "Ibáñez",
    "Castañeda",
    "Fuentes",
    "Araya",
];
/// (SKU, name, price in MXN cents).
const PRODUCTS: &[(&str, &str, i64)] = &[
    ("PAN-001", "Concha", 1500),
    ("PAN-002", "Cuerno de mantequilla", 1800),
    ("PAN-003", "Bolillo", 400),
    ("PAN-004", "Oreja", 1600),
    ("PAN-005", "Rosca de reyes (mediana)", 38000),
    ("PAN-006", "Marraqueta", 500),
    ("PAN-007", "Pan de muerto", 4500),
    ("PAS-010", "Pastel tres leches", 42000),
    ("PAS-011", "Empanada de piña", 2200),
    ("PAS-012", "Kuchen de manzana", 26000),
    ("ABR-100", "Café de olla 500 g", 12900),
    ("ABR-101", "Azúcar mascabado 1 kg", 5400),
    ("ABR-102", "Harina de trigo 1 kg", 3200),
    ("ABR-103", "Leche entera 1 L", 2900),
    ("ABR-104", "Huevos (docena)", 4800),
    ("ABR-105", "Cajeta quemada 370 g", 7900),
    ("ABR-106", "Manjar 1 kg", 6900),
    ("ABR-107", "Chocolate de mesa", 5600),
];
const WAREHOUSES: &[&str] = &[
    "Bodega Centro",
    "Sucursal Norte",
    "Sucursal Sur",
    "Bodega Poniente",
];
const TAGS: &[&str] = &[
    "web",
    "whatsapp",
    "promo-buen-fin",
    "cliente-frecuente",
    "mayoreo",
    "instagram",
    "regalo",
];
const NOTES: &[&str] = &[
    "Sin azúcar",
    "Tocar el timbre dos veces",
    "Dejar con el conserje",
    "Con moño para regalo, por favor",
    "Pago exacto en efectivo",
    "Llamar al llegar",
];

fn ascii_lower(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'Á' => 'a',
            'é' | 'É' => 'e',
            'í' | 'Í' => 'i',
            'ó' | 'Ó' => 'o',
            'ú' | 'Ú' => 'u',
            'ñ' | 'Ñ' => 'n',
            c => c.to_ascii_lowercase(),
        })
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The order id that goes with an order number.
pub fn order_id(number: i64) -> String {
    let n = u64::try_from(number).unwrap_or(0);
    format!("ord_{}", base36(n.wrapping_mul(7919) + 104_729))
}

fn price(currency: Currency, mxn_cents: i64) -> i64 {
    match currency {
        Currency::Mxn => mxn_cents,
        // Roughly 50 CLP per MXN, rounded to 10 pesos: CLP has no decimals.
        Currency::Clp => (mxn_cents / 2).div_euclid(10) * 10,
    }
}

fn customer(rng: &mut Rng, currency: Currency) -> Customer {
    let first = *rng.pick(FIRST_NAMES);
    let last = *rng.pick(LAST_NAMES);
    let phone = match currency {
        Currency::Mxn => format!("+52 55 {:04} {:04}", rng.below(10_000), rng.below(10_000)),
        Currency::Clp => format!("+56 9 {:04} {:04}", rng.below(10_000), rng.below(10_000)),
    };
    let email = format!("{}.{}@example.com", ascii_lower(first), ascii_lower(last));
    Customer {
        name: format!("{first} {last}"),
        phone: Some(phone),
        email: rng.chance(0.8).then_some(email),
    }
}

fn items(rng: &mut Rng, currency: Currency) -> Vec<Item> {
    let count = rng.range(1, 4);
    (0..count)
        .map(|_| {
            let (sku, name, cents) = *rng.pick(PRODUCTS);
            let quantity = if cents < 2000 {
                rng.range(2, 12)
            } else {
                rng.range(1, 2)
            };
            let unit_price = price(currency, cents);
            Item {
                sku: sku.into(),
                name: name.into(),
                quantity,
                unit_price,
                total: quantity * unit_price,
            }
        })
        .collect()
}

/// A new pending order as a customer would place it at `created_at`.
pub fn random_order(
    rng: &mut Rng,
    config: &Config,
    number: i64,
    created_at: DateTime<Utc>,
) -> Order {
    let currency = config.currency;
    let fulfillment = match rng.below(20) {
        0..=8 => Fulfillment::Pickup,
        9..=15 => Fulfillment::Delivery,
        _ => Fulfillment::Parcel,
    };
    let method = match rng.below(20) {
        0..=10 => PaymentMethod::Card,
        11..=14 => PaymentMethod::Cash,
        15..=18 => PaymentMethod::Transfer,
        _ => PaymentMethod::Other,
    };
    let unpaid = match method {
        PaymentMethod::Card => false,
        PaymentMethod::Cash => rng.chance(0.5),
        _ => rng.chance(0.15),
    };
    let items = items(rng, currency);
    let total: i64 = items.iter().map(|i| i.total).sum();
    let paid = if unpaid { 0 } else { total };
    let gateway = (method == PaymentMethod::Card).then(|| match currency {
        Currency::Mxn => "conekta".to_string(),
        Currency::Clp => "transbank".to_string(),
    });
    let mut documents = Vec::new();
    let mut error = None;
    if paid > 0 && rng.chance(0.7) {
        let kind = if rng.chance(0.15) {
            DocumentKind::Invoice
        } else {
            DocumentKind::Receipt
        };
        let failed = rng.chance(0.06);
        let prefix = if kind == DocumentKind::Invoice {
            "F"
        } else {
            "B"
        };
        documents.push(Document {
            id: format!("doc_{number}_1"),
            kind,
            number: (!failed).then(|| format!("{prefix}-{}", 4000 + number)),
            status: if failed {
                DocumentStatus::Error
            } else {
                DocumentStatus::Issued
            },
            error: failed.then(|| match currency {
                Currency::Mxn => "El PAC rechazó el timbrado: RFC del receptor inválido".into(),
                Currency::Clp => "El SII no respondió a tiempo".into(),
            }),
        });
        if failed {
            error = Some(OrderError {
                code: "document_error".into(),
                message: "No se pudo emitir el documento tributario".into(),
                retryable: true,
            });
        }
    }
    if error.is_none() && rng.chance(0.03) {
        let item = &items[0];
        error = Some(OrderError {
            code: "oversell".into(),
            message: format!(
                "Sin stock suficiente de {} (pedido {}, disponible {})",
                item.name,
                item.quantity,
                item.quantity / 2
            ),
            retryable: false,
        });
    }
    let tag_count = rng.below(3);
    let mut tags: Vec<String> = Vec::new();
    for _ in 0..tag_count {
        let tag = rng.pick(TAGS).to_string();
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let auto_cancel_s = i64::try_from(config.attention.auto_cancel_after_s).unwrap_or(1200);
    let (shipping_address, scheduled_for) =
        addresses::place(config.rng_seed, number, currency, fulfillment, created_at);
    let payments = if paid > 0 {
        vec![PaymentRecord {
            id: format!("pay_{number}_1"),
            amount: paid,
            method,
            at: created_at,
            reference: None,
            device: None,
        }]
    } else {
        Vec::new()
    };
    Order {
        id: order_id(number),
        number: number.to_string(),
        version: 1,
        seq: 0,
        status: Status::Pending,
        fulfillment,
        created_at,
        updated_at: created_at,
        auto_cancel_at: Some(created_at + Duration::seconds(auto_cancel_s)),
        customer: customer(rng, currency),
        warehouse: rng.pick(WAREHOUSES).to_string(),
        tags,
        currency: currency.code().into(),
        total,
        paid,
        refunded: 0,
        payment: Payment {
            method,
            gateway,
            status: if paid > 0 {
                PaymentStatus::Paid
            } else {
                PaymentStatus::Unpaid
            },
        },
        items,
        documents,
        error,
        cancellation: None,
        history: vec![HistoryEntry {
            status: Status::Pending,
            at: created_at,
            by: Actor::Customer,
            device: None,
        }],
        notes: rng.chance(0.3).then(|| rng.pick(NOTES).to_string()),
        shipping_address,
        scheduled_for,
        payments,
        staff_notes: Vec::new(),
        acknowledged_at: None,
        acknowledged_by: None,
    }
}

/// Plays a past order forward to a plausible final state (mostly delivered, some
/// cancelled), with a history spaced over minutes to hours.
pub fn age_order(order: &mut Order, rng: &mut Rng, config: &Config) {
    let mut at = order.created_at;
    let mut step = |rng: &mut Rng| {
        at += Duration::minutes(rng.range(3, 240));
        at
    };
    let roll = rng.below(100);
    if roll < 10 {
        let now = step(rng);
        let by = if rng.chance(0.5) {
            Actor::Customer
        } else {
            Actor::Merchant
        };
        let request = crate::rules::CancelOrder {
            reason: if by == Actor::Customer {
                "El cliente ya no lo necesita".into()
            } else {
                "Sin stock del producto".into()
            },
            refund_amount: order.paid,
            by,
            enforce_window: false,
            device: None,
        };
        let _ = crate::rules::cancel(order, &request, now, config);
    } else {
        let path: &[Status] = match order.fulfillment {
            Fulfillment::Pickup => &[Status::Preparing, Status::Ready, Status::Delivered],
            _ => &[
                Status::Preparing,
                Status::Ready,
                Status::Shipped,
                Status::Delivered,
            ],
        };
        let stop = if roll < 97 {
            path.len()
        } else {
            1 + (roll as usize % (path.len() - 1))
        };
        for to in &path[..stop] {
            let now = step(rng);
            let _ = crate::rules::transition(order, *to, now);
        }
        if order.error.as_ref().is_some_and(|e| e.code == "oversell") {
            order.error = None;
        }
    }
    order.auto_cancel_at = None;
    order.updated_at = order.history.last().map_or(order.created_at, |h| h.at);
    order.version = order.history.len() as i64;
}
