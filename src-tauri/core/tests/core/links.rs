//! Which URLs leave the app, which stay, which are refused (issue 19).

use mostrador_core::links::{
    Link, LinkKind, classify, classify_with, copy_instead, handler_scheme,
};

use LinkKind::*;

#[test]
fn the_apps_own_pages_are_internal_and_nothing_else_is() {
    let internal = [
        "tauri://localhost",
        "tauri://localhost/",
        "tauri://localhost/index.html#orders",
        "tauri://localhost#/ajustes",
        "tauri://localhost?mock=1",
        "TAURI://LOCALHOST/?mock=1",
        "http://tauri.localhost/",
        "https://tauri.localhost/assets/app.js",
    ];
    for url in internal {
        assert_eq!(classify(url), Link::Internal, "{url} is the app's own page");
    }
    let refused = [
        "tauri://localhost.evil.com/",
        "tauri://localhostevil/",
        "http://tauri.localhost@evil.com/",
        "http://localhost:1420/",
        "https://example.com/",
        "http://wa.me/5215512345678",
        "https://wa.me.evil.com/52155",
        "https://evil.com/wa.me/52155",
        "https://wa.me@evil.com/52155",
        "https://wa.me:8443/52155",
        "https://wa.me/52155/../../x",
        "https://www.google.com/search?q=x",
        "https://myshopify.com/admin/orders/1",
        "https://shop.myshopify.com/collections/all",
        "https://evil.com/.myshopify.com/admin/orders/1",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "about:blank",
        "ftp://example.com/",
        "sms:+5215512345678",
        "tel:",
        "tel:+52 55 1234 5678\n",
        "tel:+52;ext=<script>",
        "tel:ab12345",
        "tel:12",
        "mailto:",
        "mailto:a@b.com,c@d.com",
        "mailto:not-an-address",
        "mailto:ana@tienda.mx\r\nBcc:x@y.z",
        "geo:abc",
        "geo:19.4",
        "",
        "   ",
        "wa.me/5215512345678",
    ];
    for url in refused {
        assert_eq!(classify(url), Link::Refused, "{url:?} is refused");
    }
}

#[test]
fn contact_and_map_links_go_to_the_system() {
    let table = [
        ("tel:+5215512345678", Phone),
        ("tel:+52%2055%201234%205678", Phone),
        ("tel:55-1234-5678", Phone),
        ("TEL:+5215512345678", Phone),
        ("https://wa.me/5215512345678", Whatsapp),
        ("https://wa.me/5215512345678?text=Hola", Whatsapp),
        ("https://WA.ME/5215512345678", Whatsapp),
        (
            "https://api.whatsapp.com/send?phone=5215512345678",
            Whatsapp,
        ),
        ("mailto:ana@tienda.mx", Email),
        (
            "mailto:ana.lopez+pedidos@tienda.com.mx?subject=Pedido%201042",
            Email,
        ),
        ("geo:19.4326,-99.1332", Map),
        ("geo:19.4326,-99.1332;u=35", Map),
        (
            "https://www.openstreetmap.org/?mlat=19.43&mlon=-99.13#map=17/19.43/-99.13",
            Map,
        ),
        (
            "https://www.google.com/maps/search/?api=1&query=19.43,-99.13",
            Map,
        ),
        ("https://maps.apple.com/?q=19.43,-99.13", Map),
        (
            "https://admin.shopify.com/store/mi-tienda/orders/1042",
            StoreAdmin,
        ),
        (
            "https://mi-tienda.myshopify.com/admin/orders/1042",
            StoreAdmin,
        ),
    ];
    for (url, kind) in table {
        assert_eq!(classify(url), Link::External(kind), "{url}");
    }
}

#[test]
fn the_dev_server_is_internal_only_when_the_shell_says_so() {
    let dev = ["http://localhost:1420"];
    assert_eq!(
        classify_with("http://localhost:1420/", &dev),
        Link::Internal
    );
    assert_eq!(
        classify_with("http://localhost:1420/#orders", &dev),
        Link::Internal
    );
    assert_eq!(
        classify_with("http://localhost:14200/", &dev),
        Link::Refused
    );
    assert_eq!(classify("http://localhost:1420/"), Link::Refused);
}

#[test]
fn a_phone_or_mail_link_names_what_to_copy_when_nothing_handles_it() {
    assert_eq!(
        copy_instead("tel:+5215512345678").as_deref(),
        Some("+5215512345678")
    );
    assert_eq!(
        copy_instead("tel:+52%2055%201234%205678").as_deref(),
        Some("+52 55 1234 5678"),
        "percent escapes are decoded for the owner"
    );
    assert_eq!(
        copy_instead("mailto:ana@tienda.mx?subject=x").as_deref(),
        Some("ana@tienda.mx")
    );
    assert_eq!(
        copy_instead("https://wa.me/5215512345678"),
        None,
        "a browser opens it"
    );
    assert_eq!(copy_instead("tel:12"), None, "refused links copy nothing");
    assert_eq!(handler_scheme("tel:+5215512345678"), Some("tel"));
    assert_eq!(handler_scheme("mailto:ana@tienda.mx"), Some("mailto"));
    assert_eq!(handler_scheme("https://wa.me/5215512345678"), None);
    assert_eq!(handler_scheme("https://example.com/"), None);
}
