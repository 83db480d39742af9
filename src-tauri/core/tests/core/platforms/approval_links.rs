//! WordPress's Application Password approval, the pure half: the page's URL, the
//! `mostrador://` link read and checked against the pending approval, and which site
//! addresses count as the store the owner started with. Tables.

use chrono::{DateTime, Duration, Utc};
use mostrador_core::ErrorCode;
use mostrador_core::platforms::woocommerce::approval::{
    self, APP_ID, APPROVAL_TTL, Callback, PendingApproval, Refusal, authorize_url, check_callback,
    parse_callback, same_origin, same_site,
};
use reqwest::Url;

const STATE: &str = "0123456789abcdef0123456789abcdef";

fn at(text: &str) -> DateTime<Utc> {
    text.parse().expect("a time")
}

fn pending(store: &str) -> PendingApproval {
    PendingApproval {
        store_url: store.into(),
        app_id: APP_ID.into(),
        state: STATE.into(),
        started_at: at("2026-12-01T15:00:00Z"),
        authorize_url: approval::default_endpoint(store),
    }
}

fn connected(state: &str, site: &str, user: &str, password: &str) -> String {
    format!(
        "mostrador://woocommerce/connected?state={state}&site_url={}&user_login={user}&password={password}",
        site.replace(':', "%3A").replace('/', "%2F")
    )
}

#[test]
fn the_approval_page_carries_the_app_and_both_callbacks_with_the_state() {
    let url = authorize_url(
        &approval::default_endpoint("https://tienda.cl/"),
        APP_ID,
        STATE,
    )
    .expect("a URL");
    let parsed = Url::parse(&url).expect("parses");
    assert_eq!(parsed.scheme(), "https");
    assert_eq!(parsed.host_str(), Some("tienda.cl"));
    assert_eq!(parsed.path(), "/wp-admin/authorize-application.php");
    let pairs: Vec<(String, String)> = parsed.query_pairs().into_owned().collect();
    let expected = [
        ("app_name", "Mostrador".to_string()),
        ("app_id", APP_ID.to_string()),
        (
            "success_url",
            format!("mostrador://woocommerce/connected?state={STATE}"),
        ),
        (
            "reject_url",
            format!("mostrador://woocommerce/rejected?state={STATE}"),
        ),
    ];
    for (name, value) in expected {
        assert!(
            pairs.iter().any(|(k, v)| k == name && *v == value),
            "{name}={value} in {url}"
        );
    }
    assert!(
        !url.contains("success_url=mostrador://"),
        "the callback is encoded: {url}"
    );
    assert!(uuid_like(APP_ID), "WordPress wants a UUID app_id");
    assert!(authorize_url("not a url", APP_ID, STATE).is_err());
}

fn uuid_like(text: &str) -> bool {
    let lens: Vec<usize> = text.split('-').map(str::len).collect();
    lens == [8, 4, 4, 4, 12] && text.chars().all(|c| c == '-' || c.is_ascii_hexdigit())
}

#[test]
fn links_are_read_as_approved_rejected_or_not_ours() {
    type Row = (&'static str, Option<&'static str>);
    // (link, Some("approved"|"rejected") or None when not Mostrador's)
    let rows: &[Row] = &[
        (
            "mostrador://woocommerce/connected?state=s&site_url=https%3A%2F%2Ft.cl&user_login=ana&password=abc",
            Some("approved"),
        ),
        (
            "mostrador://woocommerce/connected/?state=s",
            Some("approved"),
        ),
        (
            "mostrador://woocommerce/connected?state=s&success=false",
            Some("rejected"),
        ),
        (
            "mostrador://woocommerce/rejected?state=s&success=false",
            Some("rejected"),
        ),
        ("mostrador://woocommerce/rejected", Some("rejected")),
        ("https://woocommerce/connected?state=s", None),
        ("otraapp://woocommerce/connected?state=s", None),
        ("mostrador://shopify/connected?state=s", None),
        ("mostrador://woocommerce/other?state=s", None),
        ("mostrador://woocommerce", None),
        ("not a link", None),
        ("", None),
    ];
    for (link, expected) in rows {
        let got = parse_callback(link);
        match (expected, &got) {
            (Some("approved"), Ok(Callback::Approved { .. }))
            | (Some("rejected"), Ok(Callback::Rejected { .. })) => {}
            (None, Err(err)) => {
                assert_eq!(err.code, ErrorCode::InvalidInput, "{link}");
                assert!(err.text.es.contains("no reconoce") && err.text.en.contains("recognise"));
            }
            _ => panic!("{link}: expected {expected:?}, got {got:?}"),
        }
    }
    let Ok(Callback::Approved {
        state,
        site_url,
        user_login,
        password,
    }) = parse_callback(
        "mostrador://woocommerce/connected?state=s1&site_url=https%3A%2F%2Ft.cl&user_login=Ana+Mar%C3%ADa&password=abcd%20EFGH",
    )
    else {
        panic!("approved");
    };
    assert_eq!(state, "s1");
    assert_eq!(site_url.as_deref(), Some("https://t.cl"));
    assert_eq!(
        user_login.as_deref(),
        Some("Ana María"),
        "PHP's + is a space"
    );
    assert_eq!(password.as_deref(), Some("abcd EFGH"));
}

#[test]
fn a_link_is_checked_against_the_approval_being_waited_for() {
    let store = "https://tienda.cl";
    let p = pending(store);
    let now = at("2026-12-01T15:05:00Z");
    let good = connected(STATE, store, "ana", "abcdEFGH1234ijklMNOP5678");
    // (case, link, pending, now, refusal (None: connects), words in Spanish, in English)
    type Row<'a> = (
        &'a str,
        String,
        Option<&'a PendingApproval>,
        DateTime<Utc>,
        Option<Refusal>,
        &'a str,
        &'a str,
    );
    let late = p.started_at + APPROVAL_TTL + Duration::seconds(1);
    let rows: Vec<Row> = vec![
        ("approved", good.clone(), Some(&p), now, None, "", ""),
        (
            "approved at the last second",
            good.clone(),
            Some(&p),
            p.started_at + APPROVAL_TTL,
            None,
            "",
            "",
        ),
        (
            "another scheme",
            good.replace("mostrador://", "otra://"),
            Some(&p),
            now,
            Some(Refusal::NotOurs),
            "no reconoce",
            "does not recognise",
        ),
        (
            "another host",
            good.replace("//woocommerce/", "//shopify/"),
            Some(&p),
            now,
            Some(Refusal::NotOurs),
            "no reconoce",
            "does not recognise",
        ),
        (
            "nothing pending",
            good.clone(),
            None,
            now,
            Some(Refusal::NothingPending),
            "no está esperando",
            "not waiting",
        ),
        (
            "another state",
            connected("ffff", store, "ana", "abc"),
            Some(&p),
            now,
            Some(Refusal::OtherState),
            "no corresponde",
            "does not belong",
        ),
        (
            "no state",
            good.replace(&format!("state={STATE}&"), ""),
            Some(&p),
            now,
            Some(Refusal::OtherState),
            "no corresponde",
            "does not belong",
        ),
        (
            "expired",
            good.clone(),
            Some(&p),
            late,
            Some(Refusal::Expired),
            "expiró",
            "expired",
        ),
        (
            "rejected",
            format!("mostrador://woocommerce/rejected?state={STATE}&success=false"),
            Some(&p),
            now,
            Some(Refusal::Rejected),
            "Rechazaste",
            "refused",
        ),
        (
            "rejected on the success link",
            format!("mostrador://woocommerce/connected?state={STATE}&success=false"),
            Some(&p),
            now,
            Some(Refusal::Rejected),
            "Rechazaste",
            "refused",
        ),
        (
            "no password",
            good.replace("&password=abcdEFGH1234ijklMNOP5678", ""),
            Some(&p),
            now,
            Some(Refusal::Missing),
            "contraseña de aplicación",
            "application password",
        ),
        (
            "empty password",
            good.replace("password=abcdEFGH1234ijklMNOP5678", "password=%20"),
            Some(&p),
            now,
            Some(Refusal::Missing),
            "contraseña",
            "password",
        ),
        (
            "no user",
            good.replace("&user_login=ana", ""),
            Some(&p),
            now,
            Some(Refusal::Missing),
            "sin el usuario",
            "without the user",
        ),
        (
            "a user Basic auth cannot carry",
            good.replace("user_login=ana", "user_login=a%3Ab"),
            Some(&p),
            now,
            Some(Refusal::Missing),
            "válidos",
            "valid",
        ),
        (
            "no site",
            good.replace("site_url=https%3A%2F%2Ftienda.cl&", ""),
            Some(&p),
            now,
            Some(Refusal::Missing),
            "dirección del sitio",
            "site address",
        ),
        (
            "another site",
            connected(STATE, "https://otra.cl", "ana", "abc"),
            Some(&p),
            now,
            Some(Refusal::OtherSite),
            "https://otra.cl",
            "you started it with https://tienda.cl",
        ),
        (
            "the same site over plain http",
            connected(STATE, "http://tienda.cl", "ana", "abc"),
            Some(&p),
            now,
            Some(Refusal::OtherSite),
            "la iniciaste con https://tienda.cl",
            "nothing was connected",
        ),
    ];
    for (case, link, pending, now, refusal, es, en) in rows {
        match (check_callback(&link, pending, now), refusal) {
            (Ok(ok), None) => {
                assert_eq!(ok.store_url, store, "{case}");
                assert_eq!(ok.user_login, "ana", "{case}");
                assert_eq!(ok.password, "abcdEFGH1234ijklMNOP5678", "{case}");
            }
            (Err(refused), Some(kind)) => {
                assert_eq!(refused.kind, kind, "{case}");
                assert!(
                    refused.error.text.es.contains(es) && refused.error.text.en.contains(en),
                    "{case}: {:?}",
                    refused.error
                );
                assert!(
                    !refused.error.text.es.contains("abcdEFGH")
                        && !refused.error.text.en.contains("abcdEFGH"),
                    "{case}: the password never shows"
                );
                assert_eq!(
                    kind.keeps_waiting(),
                    matches!(
                        kind,
                        Refusal::NotOurs | Refusal::NothingPending | Refusal::OtherState
                    ),
                    "{case}"
                );
            }
            (got, _) => panic!("{case}: expected {refusal:?}, got {got:?}"),
        }
    }
}

#[test]
fn spaces_in_the_password_are_dropped() {
    let p = pending("https://tienda.cl");
    let link = connected(
        STATE,
        "https://tienda.cl",
        "ana",
        "abcd%20EFGH%201234%20ijkl%20MNOP%205678",
    );
    let ok = check_callback(&link, Some(&p), at("2026-12-01T15:01:00Z")).expect("connects");
    assert_eq!(ok.password, "abcdEFGH1234ijklMNOP5678");
    assert!(!format!("{ok:?}").contains("abcd"), "Debug hides it");
}

#[test]
fn which_site_addresses_are_the_store_the_owner_started_with() {
    let rows: &[(&str, &str, bool)] = &[
        ("https://tienda.cl", "https://tienda.cl", true),
        ("https://tienda.cl", "https://tienda.cl/", true),
        ("https://tienda.cl", "https://TIENDA.cl", true),
        ("https://tienda.cl", "https://tienda.cl:443", true),
        ("https://tienda.cl", "https://tienda.cl/wp", true),
        ("https://tienda.cl/tienda", "https://tienda.cl", true),
        (
            "https://tienda.cl/tienda",
            "https://tienda.cl/tienda/wp",
            true,
        ),
        ("https://tienda.cl/tienda", "https://tienda.cl/otra", false),
        ("https://tienda.cl", "http://tienda.cl", false),
        ("https://tienda.cl", "https://tienda.cl:8443", false),
        ("https://tienda.cl", "https://www.tienda.cl", false),
        ("https://tienda.cl", "https://tienda.cl.evil.com", false),
        ("https://tienda.cl", "https://evil.com/tienda.cl", false),
        ("http://127.0.0.1:8090", "http://127.0.0.1:8090", true),
        ("http://127.0.0.1:8090", "http://127.0.0.1:8091", false),
        ("https://tienda.cl", "no es una dirección", false),
    ];
    for (store, site, same) in rows {
        assert_eq!(same_site(store, site), *same, "{store} vs {site}");
    }
    assert!(same_origin(
        "https://tienda.cl/tienda",
        "https://tienda.cl/wp/wp-admin/authorize-application.php"
    ));
    assert!(!same_origin(
        "https://tienda.cl",
        "https://evil.com/wp-admin/authorize-application.php"
    ));
}

#[test]
fn the_waiting_view_says_until_when() {
    let p = pending("https://tienda.cl");
    let view = p.view();
    assert_eq!(view.store_url, "https://tienda.cl");
    assert_eq!(view.expires_at - view.started_at, APPROVAL_TTL);
    assert_eq!(
        view.authorize_url, p.authorize_url,
        "to open the page again"
    );
    assert!(
        !format!("{p:?}").contains(STATE),
        "Debug leaves the state out"
    );
}
