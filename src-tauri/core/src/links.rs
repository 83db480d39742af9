//! Which URLs the app may open, and where (issue 19).
//!
//! The webview shows only the app's own pages. A link that leaves the app (a customer's phone,
//! WhatsApp, e-mail, a map of the delivery address, the platform's admin page of an order)
//! goes to the system's handler through the shell's opener; anything else is refused. The
//! shell's navigation guard and its `open_link` command both ask [`classify`], so one table
//! decides.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of place an allowed outside link leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LinkKind {
    /// `tel:` — the phone app.
    Phone,
    /// `https://wa.me/…` or `https://api.whatsapp.com/send…` — WhatsApp.
    Whatsapp,
    /// `mailto:` — the mail app.
    Email,
    /// `geo:` or a map site (OpenStreetMap, Google Maps, Apple Maps).
    Map,
    /// The platform's admin page of an order (Shopify).
    StoreAdmin,
}

/// The verdict on one URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Link {
    /// One of the app's own pages: the webview may show it.
    Internal,
    /// Allowed outside: the system's handler opens it; the webview never does.
    External(LinkKind),
    /// Anything else: neither the webview nor the system opens it.
    Refused,
}

/// What `open_link` did, for the UI to tell the owner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[ts(export)]
pub enum LinkOpened {
    /// Handed to the system's handler.
    Opened {
        /// Where it leads.
        kind: LinkKind,
    },
    /// No app handles it here (no phone app on a desktop): `text` was copied instead.
    Copied {
        /// Where it would have led.
        kind: LinkKind,
        /// The phone number or address put on the clipboard.
        text: String,
    },
}

/// The app's own origins: the bundled UI on each platform (`tauri://localhost` on Linux and
/// macOS, `http(s)://tauri.localhost` on Windows and Android).
pub const APP_ORIGINS: &[&str] = &[
    "tauri://localhost",
    "http://tauri.localhost",
    "https://tauri.localhost",
];

/// Hosts of map sites a delivery address may link to (https only).
const MAP_HOSTS: &[&str] = &[
    "www.openstreetmap.org",
    "openstreetmap.org",
    "www.google.com",
    "maps.google.com",
    "maps.apple.com",
];

/// [`classify`] with the production origins only.
pub fn classify(url: &str) -> Link {
    classify_with(url, &[])
}

/// Decides what may happen to `url`. `extra_origins` are more of the app's own origins (the
/// dev server, `http://localhost:1420`, in a development build).
pub fn classify_with(url: &str, extra_origins: &[&str]) -> Link {
    let url = url.trim();
    // Control characters or spaces inside a URL are never something the UI produced.
    if url.is_empty() || url.chars().any(|c| c.is_control() || c == ' ') {
        return Link::Refused;
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Link::Refused;
    };
    let scheme = scheme.to_ascii_lowercase();
    if APP_ORIGINS
        .iter()
        .chain(extra_origins)
        .any(|origin| same_origin(url, origin))
    {
        return Link::Internal;
    }
    match scheme.as_str() {
        "tel" if phone_number(rest).is_some() => Link::External(LinkKind::Phone),
        "mailto" if email_address(rest).is_some() => Link::External(LinkKind::Email),
        "geo" if is_geo(rest) => Link::External(LinkKind::Map),
        "https" => classify_https(rest),
        _ => Link::Refused,
    }
}

/// Whether `url` is `origin` itself or a path under it (not `origin.evil.com`, not
/// `origin@evil`).
fn same_origin(url: &str, origin: &str) -> bool {
    let (Some(head), Some(tail)) = (url.get(..origin.len()), url.get(origin.len()..)) else {
        return false;
    };
    head.eq_ignore_ascii_case(origin) && (tail.is_empty() || tail.starts_with(['/', '?', '#']))
}

/// `//host/path…` of an https URL, judged by its host and path.
fn classify_https(rest: &str) -> Link {
    let Some(after) = rest.strip_prefix("//") else {
        return Link::Refused;
    };
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, path) = after.split_at(end);
    // No user info (`wa.me@evil.com`), no port: the host alone decides.
    if authority.contains(['@', ':', '\\']) || authority.is_empty() {
        return Link::Refused;
    }
    let host = authority.to_ascii_lowercase();
    let path_only = path.split(['?', '#']).next().unwrap_or("");
    match host.as_str() {
        "wa.me" if wa_me_path(path_only) => Link::External(LinkKind::Whatsapp),
        "api.whatsapp.com" if path_only == "/send" || path_only == "/send/" => {
            Link::External(LinkKind::Whatsapp)
        }
        "www.google.com" if path_only.starts_with("/maps") => Link::External(LinkKind::Map),
        "www.google.com" => Link::Refused,
        "admin.shopify.com" if path_only.starts_with("/store/") => {
            Link::External(LinkKind::StoreAdmin)
        }
        h if MAP_HOSTS.contains(&h) => Link::External(LinkKind::Map),
        h if is_shopify_store(h) && path_only.starts_with("/admin/") => {
            Link::External(LinkKind::StoreAdmin)
        }
        _ => Link::Refused,
    }
}

/// `/<digits>` (a number to chat with) or `/` (WhatsApp's "choose a chat").
fn wa_me_path(path: &str) -> bool {
    let digits = path.trim_start_matches('/');
    path.starts_with('/') && digits.chars().all(|c| c.is_ascii_digit()) && digits.len() <= 15
}

/// `name.myshopify.com`, one label of letters, digits and dashes before it.
fn is_shopify_store(host: &str) -> bool {
    host.strip_suffix(".myshopify.com").is_some_and(|name| {
        !name.is_empty()
            && !name.starts_with('-')
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// The number of a `tel:` link (`+52 55 1234 5678`, separators allowed), if it is one.
fn phone_number(rest: &str) -> Option<String> {
    let number = percent_decode(rest.split([';', '?']).next()?)?;
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let valid = number.chars().enumerate().all(|(i, c)| {
        c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')') || (c == '+' && i == 0)
    });
    (valid && (3..=15).contains(&digits)).then(|| number.trim().to_string())
}

/// The address of a `mailto:` link, if it is one plain address.
fn email_address(rest: &str) -> Option<String> {
    let address = percent_decode(rest.split('?').next()?)?;
    let (local, domain) = address.split_once('@')?;
    let plain = |s: &str| {
        !s.is_empty()
            && s.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '\'' | '%')
            })
    };
    (plain(local) && plain(domain) && domain.contains('.') && !address.contains(','))
        .then_some(address)
}

/// `geo:lat,lng` (optionally `;u=…` or `?q=…`).
fn is_geo(rest: &str) -> bool {
    let coords = rest.split([';', '?']).next().unwrap_or("");
    let parts: Vec<&str> = coords.split(',').collect();
    (2..=3).contains(&parts.len()) && parts.iter().all(|p| p.trim().parse::<f64>().is_ok())
}

/// Decodes `%XX` escapes; `None` when they are malformed or not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// What to put on the clipboard when no app on this device handles `url`: the number of a
/// phone link, the address of a mail link; `None` for the others (a browser handles them).
pub fn copy_instead(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once(':')?;
    match (scheme.to_ascii_lowercase().as_str(), classify(url)) {
        ("tel", Link::External(LinkKind::Phone)) => phone_number(rest),
        ("mailto", Link::External(LinkKind::Email)) => email_address(rest),
        _ => None,
    }
}

/// The URL scheme whose registered handler decides whether [`copy_instead`] applies (`tel`,
/// `mailto`); `None` for links any browser opens.
pub fn handler_scheme(url: &str) -> Option<&'static str> {
    match classify(url) {
        Link::External(LinkKind::Phone) => Some("tel"),
        Link::External(LinkKind::Email) => Some("mailto"),
        _ => None,
    }
}
