//! Realistic delivery addresses (Ciudad de México and Santiago) and scheduled times for the
//! demo orders. Drawn from their own generator, so adding them did not change the other
//! fields a given seed produces.

use chrono::{DateTime, Duration, DurationRound, Utc};

use crate::config::Currency;
use crate::model::{Address, Fulfillment};
use crate::rng::Rng;

/// (street, colonia, postal code, alcaldía, lat, lng) in Ciudad de México.
const CDMX: &[(&str, &str, &str, &str, f64, f64)] = &[
    (
        "Av. Álvaro Obregón",
        "Roma Norte",
        "06700",
        "Cuauhtémoc",
        19.4180,
        -99.1620,
    ),
    (
        "Calle Durango",
        "Roma Norte",
        "06700",
        "Cuauhtémoc",
        19.4195,
        -99.1640,
    ),
    (
        "Av. Ámsterdam",
        "Hipódromo Condesa",
        "06100",
        "Cuauhtémoc",
        19.4115,
        -99.1705,
    ),
    (
        "Calle Querétaro",
        "Roma Sur",
        "06760",
        "Cuauhtémoc",
        19.4110,
        -99.1600,
    ),
    (
        "Av. Coyoacán",
        "Del Valle Centro",
        "03100",
        "Benito Juárez",
        19.3870,
        -99.1680,
    ),
    (
        "Calle Francisco Sosa",
        "Santa Catarina",
        "04010",
        "Coyoacán",
        19.3470,
        -99.1700,
    ),
    (
        "Av. Miguel Ángel de Quevedo",
        "Chimalistac",
        "01070",
        "Álvaro Obregón",
        19.3450,
        -99.1820,
    ),
    (
        "Calle Ignacio Allende",
        "Del Carmen",
        "04100",
        "Coyoacán",
        19.3520,
        -99.1620,
    ),
    (
        "Av. Insurgentes Sur",
        "Nápoles",
        "03810",
        "Benito Juárez",
        19.3940,
        -99.1740,
    ),
    (
        "Calle Montes Urales",
        "Lomas de Chapultepec",
        "11000",
        "Miguel Hidalgo",
        19.4260,
        -99.2100,
    ),
];

/// (street, comuna, postal code, lat, lng) in Santiago.
const SANTIAGO: &[(&str, &str, &str, f64, f64)] = &[
    (
        "Av. Providencia",
        "Providencia",
        "7500000",
        -33.4280,
        -70.6150,
    ),
    (
        "Calle José Miguel de la Barra",
        "Santiago",
        "8320000",
        -33.4370,
        -70.6440,
    ),
    ("Av. Irarrázaval", "Ñuñoa", "7750000", -33.4540, -70.5980),
    (
        "Calle Condell",
        "Providencia",
        "7500000",
        -33.4380,
        -70.6280,
    ),
    ("Av. Apoquindo", "Las Condes", "7550000", -33.4150, -70.5830),
    ("Calle Bandera", "Santiago", "8320000", -33.4400, -70.6520),
    (
        "Av. Pedro de Valdivia",
        "Ñuñoa",
        "7750000",
        -33.4450,
        -70.6050,
    ),
    (
        "Calle Ricardo Cumming",
        "Santiago",
        "8350000",
        -33.4420,
        -70.6690,
    ),
];

const LINE2: &[&str] = &[
    "Depto. 301",
    "Casa 4",
    "Piso 2",
    "Interior B",
    "Depto. 1204",
];
const REFERENCES: &[&str] = &[
    "Portón verde junto a la farmacia",
    "Frente al parque, timbre 3",
    "Edificio con conserjería",
    "Casa de esquina, reja negra",
    "Entre la panadería y la tintorería",
];

/// A generator of addresses and schedules, keyed by the order number.
fn rng_for(seed: u64, number: i64) -> Rng {
    let n = u64::try_from(number).unwrap_or(0);
    Rng::new(seed ^ 0xADD7_E55E ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

/// A plausible address in the store's city.
pub fn address(rng: &mut Rng, currency: Currency) -> Address {
    let number = rng.range(12, 2400);
    let line2 = rng.chance(0.5).then(|| rng.pick(LINE2).to_string());
    let reference = rng.chance(0.4).then(|| rng.pick(REFERENCES).to_string());
    let jitter = |rng: &mut Rng| (rng.unit() - 0.5) * 0.004;
    match currency {
        Currency::Mxn => {
            let (street, colonia, cp, alcaldia, lat, lng) = *rng.pick(CDMX);
            Address {
                line1: format!("{street} {number}"),
                line2: Some(match line2 {
                    Some(l) => format!("{l}, Col. {colonia}"),
                    None => format!("Col. {colonia}"),
                }),
                city: format!("{alcaldia}, Ciudad de México"),
                region: "CDMX".into(),
                postal_code: cp.into(),
                country: "MX".into(),
                reference,
                lat: Some(lat + jitter(rng)),
                lng: Some(lng + jitter(rng)),
            }
        }
        Currency::Clp => {
            let (street, comuna, cp, lat, lng) = *rng.pick(SANTIAGO);
            Address {
                line1: format!("{street} {number}"),
                line2,
                city: comuna.into(),
                region: "Región Metropolitana".into(),
                postal_code: cp.into(),
                country: "CL".into(),
                reference,
                lat: Some(lat + jitter(rng)),
                lng: Some(lng + jitter(rng)),
            }
        }
    }
}

/// The address and scheduled time of a new demo order: an address on delivery and
/// parcel orders, and about one order in four scheduled 1–6 hours ahead, on a quarter hour.
pub fn place(
    seed: u64,
    number: i64,
    currency: Currency,
    fulfillment: Fulfillment,
    created_at: DateTime<Utc>,
) -> (Option<Address>, Option<DateTime<Utc>>) {
    let mut rng = rng_for(seed, number);
    let address = (fulfillment != Fulfillment::Pickup).then(|| address(&mut rng, currency));
    let scheduled = rng.chance(0.25).then(|| {
        let ahead = created_at + Duration::minutes(rng.range(60, 360));
        ahead.duration_trunc(Duration::minutes(15)).unwrap_or(ahead)
    });
    (address, scheduled)
}
