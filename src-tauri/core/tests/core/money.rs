//! Money: parsing what the owner types and formatting per currency and locale.

use mostrador_core::model::Locale;
use mostrador_core::money::{Currency, Money, MoneyError};
use proptest::prelude::*;

fn parse(text: &str, currency: Currency) -> Result<i64, MoneyError> {
    Money::parse(text, currency).map(|m| m.minor)
}

/// One case of tests/fixtures/money.json (the UI's Vitest reads the same file).
#[derive(serde::Deserialize)]
struct Case {
    input: String,
    currency: String,
    minor: Option<i64>,
    error: Option<String>,
    es: Option<String>,
    en: Option<String>,
}

fn kind_of(err: &MoneyError) -> &'static str {
    match err {
        MoneyError::Empty => "empty",
        MoneyError::NotANumber(_) => "not_a_number",
        MoneyError::Negative => "negative",
        MoneyError::TooManyDecimals { .. } => "too_many_decimals",
        MoneyError::TooLarge => "too_large",
        MoneyError::Ambiguous { .. } => "ambiguous",
    }
}

#[test]
fn the_shared_money_table_reads_as_the_ui_reads_it() {
    let table: serde_json::Value =
        serde_json::from_str(include_str!("../../../../tests/fixtures/money.json"))
            .expect("tests/fixtures/money.json is JSON");
    let cases: Vec<Case> =
        serde_json::from_value(table["cases"].clone()).expect("every case has the known fields");
    assert!(cases.len() > 30, "the table holds the cases");
    for case in cases {
        let currency = Currency::parse(&case.currency).expect("a currency code");
        let got = Money::parse(&case.input, currency);
        let text = &case.input;
        match (case.minor, case.error.as_deref()) {
            (Some(minor), None) => assert_eq!(
                got.as_ref().map(|m| m.minor),
                Ok(minor),
                "{text:?} in {currency} is {minor} minor units"
            ),
            (None, Some(kind)) => {
                let err = got.expect_err(&format!("{text:?} in {currency} must be refused"));
                assert_eq!(kind_of(&err), kind, "{text:?} in {currency}: the reason");
                if let Some(es) = &case.es {
                    assert_eq!(&err.text().es, es, "{text:?}: the Spanish sentence");
                }
                if let Some(en) = &case.en {
                    assert_eq!(&err.text().en, en, "{text:?}: the English sentence");
                }
            }
            _ => panic!("{text:?}: a case has either `minor` or `error`"),
        }
    }
}

/// One case of the table's `formats`: how an amount is written in a locale.
#[derive(serde::Deserialize)]
struct FormatCase {
    minor: i64,
    currency: String,
    locale: Locale,
    text: String,
}

#[test]
fn the_shared_formatting_table_writes_as_the_ui_writes_it() {
    let table: serde_json::Value =
        serde_json::from_str(include_str!("../../../../tests/fixtures/money.json"))
            .expect("tests/fixtures/money.json is JSON");
    let cases: Vec<FormatCase> = serde_json::from_value(table["formats"].clone())
        .expect("every formatting case has the known fields");
    assert!(cases.len() > 10, "the table holds the formatting cases");
    for case in cases {
        let currency = Currency::parse(&case.currency).expect("a currency code");
        assert_eq!(
            Money::new(case.minor, currency).format(case.locale),
            case.text,
            "{} {currency} in {:?}: written as the UI's formatMoney writes it",
            case.minor,
            case.locale
        );
    }
}

#[test]
fn an_ambiguous_amount_is_never_read_as_thousands() {
    for text in ["12.505", "450,505", "$1,234"] {
        let got = parse(text, Currency::MXN);
        assert!(
            matches!(got, Err(MoneyError::Ambiguous { .. })),
            "{text:?} MXN could be thousands or cents: asked, not guessed (got {got:?})"
        );
    }
    assert_eq!(
        parse("12.505", Currency::CLP),
        Ok(12505),
        "CLP has no decimals: the dot can only group thousands"
    );
}

#[test]
fn formatting_follows_the_currency_and_the_locale() {
    let mx = Money::new(123450, Currency::MXN);
    let cl = Money::new(45000, Currency::CLP);
    assert_eq!(
        mx.format(Locale::EsMx),
        "$1,234.50",
        "Mexico groups with commas"
    );
    assert_eq!(mx.format(Locale::En), "$1,234.50", "English as in Mexico");
    assert_eq!(
        mx.format(Locale::EsCl),
        "$1.234,50",
        "Chile groups with dots"
    );
    assert_eq!(cl.format(Locale::EsCl), "$45.000", "CLP has no decimals");
    assert_eq!(
        cl.format(Locale::EsMx),
        "$45.000",
        "CLP is always grouped with dots"
    );
    assert_eq!(
        Money::new(5, Currency::MXN).format(Locale::EsMx),
        "$0.05",
        "centavos padded"
    );
    assert_eq!(
        Money::new(-150, Currency::MXN).format(Locale::EsMx),
        "-$1.50",
        "sign first"
    );
}

fn locale() -> impl Strategy<Value = Locale> {
    prop_oneof![Just(Locale::EsMx), Just(Locale::EsCl), Just(Locale::En)]
}

proptest! {
    #[test]
    fn formatted_mxn_parses_back_to_the_same_amount(minor in 0i64..1_000_000_000_000, l in locale()) {
        let money = Money::new(minor, Currency::MXN);
        let text = money.format(l);
        prop_assert_eq!(Money::parse(&text, Currency::MXN), Ok(money), "{} must read back", text);
    }

    #[test]
    fn formatted_clp_parses_back_to_the_same_amount(minor in 0i64..1_000_000_000_000, l in locale()) {
        let money = Money::new(minor, Currency::CLP);
        let text = money.format(l);
        prop_assert_eq!(Money::parse(&text, Currency::CLP), Ok(money), "{} must read back", text);
    }

    #[test]
    fn plain_digits_with_two_decimals_parse_either_mark(int in 0i64..10_000_000, cents in 0i64..100) {
        let want = int * 100 + cents;
        for mark in ['.', ','] {
            let text = format!("{int}{mark}{cents:02}");
            prop_assert_eq!(parse(&text, Currency::MXN), Ok(want), "{} is {}", text, want);
        }
    }
}

#[test]
fn one_decimal_parser_serves_every_platform() {
    use mostrador_core::money::{Currency, ExtraDigits, decimal_to_minor};
    let round = |t: &str, c| decimal_to_minor(t, c, ExtraDigits::Round, true);
    let strict = |t: &str, c| decimal_to_minor(t, c, ExtraDigits::Refuse, false);
    assert_eq!(
        round("450.005", Currency::MXN),
        Ok(45_001),
        "half away from zero"
    );
    assert_eq!(round("-2500", Currency::CLP), Ok(-2500));
    assert_eq!(round("-0.005", Currency::MXN), Ok(-1));
    assert_eq!(round(".5", Currency::MXN), Ok(50));
    assert_eq!(
        strict("16800.0", Currency::CLP),
        Ok(16_800),
        "zeros past the decimals"
    );
    assert!(strict("450.001", Currency::MXN).is_err());
    assert!(strict("-1", Currency::MXN).is_err());
    for bad in ["", ".", "1e3", "1,5", "99999999999999999999"] {
        assert!(round(bad, Currency::MXN).is_err(), "{bad:?}");
        assert!(strict(bad, Currency::MXN).is_err(), "{bad:?}");
    }
}
