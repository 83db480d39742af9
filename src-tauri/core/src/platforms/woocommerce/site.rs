//! Whether two addresses are the same site: the approval page must be on the store's own
//! site, and WordPress's `site_url` must be the store the owner typed.

use reqwest::Url;

/// `(scheme, host, port, path segments)` of a site address, for [`same_site`].
fn site_parts(url: &str) -> Option<(String, String, Option<u16>, Vec<String>)> {
    let parsed = Url::parse(url.trim()).ok()?;
    let host = parsed
        .host_str()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    let segments = parsed
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    Some((
        parsed.scheme().to_string(),
        host,
        parsed.port_or_known_default(),
        segments,
    ))
}

/// Same scheme, host and port (the approval page must be on the store's own site).
pub fn same_origin(a: &str, b: &str) -> bool {
    match (site_parts(a), site_parts(b)) {
        (Some(a), Some(b)) => a.0 == b.0 && a.1 == b.1 && a.2 == b.2,
        _ => false,
    }
}

/// Whether WordPress's `site_url` is the store the owner typed: same scheme, host and port,
/// and one path inside the other (WordPress may live in a folder of the store,
/// `https://tienda.cl/wp`, or the store in a folder of the site).
pub fn same_site(store_url: &str, site_url: &str) -> bool {
    let (Some(a), Some(b)) = (site_parts(store_url), site_parts(site_url)) else {
        return false;
    };
    let inside = |x: &[String], y: &[String]| x.len() <= y.len() && y[..x.len()] == *x;
    a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && (inside(&a.3, &b.3) || inside(&b.3, &a.3))
}
