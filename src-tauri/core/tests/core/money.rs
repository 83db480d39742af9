//! Money: parsing what the owner types and formatting per currency and locale.

use mostrador_core::model::Locale;
use mostrador_core::money::{Currency, Money, MoneyError};
use proptest::prelude::*;

fn parse(text: &str, currency: Currency) -> Result<i64, MoneyError> {
    Money::parse(text, currency).map(|m| m.minor)
}

#[test]
fn the_ways_owners_type_pesos_parse_to_minor_units() {
    let cases: [(&str, Currency, i64); 11] = [
        ("450", Currency::MXN, 45000),
        ("450.50", Currency::MXN, 45050),
        ("450,50", Currency::MXN, 45050),
        ("$1.234,50", Currency::MXN, 123450),
        ("1,234.50", Currency::MXN, 123450),
        ("$1,234", Currency::MXN, 123400),
        (" 0.5 ", Currency::MXN, 50),
        ("$45.000", Currency::CLP, 45000),
        ("45000", Currency::CLP, 45000),
        ("45.000 CLP", Currency::CLP, 45000),
        ("1.234.567", Currency::CLP, 1234567),
    ];
    for (text, currency, want) in cases {
        assert_eq!(
            parse(text, currency),
            Ok(want),
            "{text:?} in {currency} is {want} minor units"
        );
    }
}

#[test]
fn unusable_amounts_are_refused_with_the_reason() {
    let mx = Currency::MXN;
    assert_eq!(parse("", mx), Err(MoneyError::Empty), "nothing typed");
    assert_eq!(
        parse("   ", mx),
        Err(MoneyError::Empty),
        "only spaces is nothing typed"
    );
    assert!(
        matches!(parse("abc", mx), Err(MoneyError::NotANumber(_))),
        "letters are not money"
    );
    assert_eq!(
        parse("-5", mx),
        Err(MoneyError::Negative),
        "refunds are never negative"
    );
    assert_eq!(
        parse("$-5", mx),
        Err(MoneyError::Negative),
        "negative after the sign too"
    );
    assert!(
        matches!(
            parse("4.505,123", mx),
            Err(MoneyError::TooManyDecimals { .. })
        ),
        "three decimals are too many for MXN"
    );
    assert!(
        matches!(
            parse("450.5", Currency::CLP),
            Err(MoneyError::TooManyDecimals { .. })
        ),
        "CLP has no decimals"
    );
    assert!(
        matches!(parse("1,23,4", mx), Err(MoneyError::NotANumber(_))),
        "bad grouping"
    );
    assert_eq!(
        parse("99999999999999999999", mx),
        Err(MoneyError::TooLarge),
        "overflow refused"
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
