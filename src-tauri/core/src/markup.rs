//! Customer text inside desktop notifications (issue 11, item 7).
//!
//! A notification server that advertises the `body-markup` capability (GNOME Shell, KDE,
//! dunst…) reads the body as a small XML-like markup: `<b>`, `<i>`, `<u>`, `<a href>`,
//! `<img>`. A customer named `<b>URGENTE</b>` would then show in bold, and `Ana <3 & Co`
//! would break the body. The shell escapes bodies with [`escape_body`] for such servers
//! and sends them unchanged to the others (which show text as it is).

/// `text` with `&`, `<` and `>` written as entities, so a markup-parsing server shows it
/// exactly as typed. Quotes need no escaping in element content.
pub fn escape_body(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// The body to send to a server with these capabilities (`GetCapabilities` over D-Bus).
pub fn body_for_server(text: &str, capabilities: &[String]) -> String {
    if capabilities.iter().any(|c| c == "body-markup") {
        escape_body(text)
    } else {
        text.to_string()
    }
}
