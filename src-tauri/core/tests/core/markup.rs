//! Customer text in notification bodies is shown as typed (issue 11, item 7).

use mostrador_core::markup::{body_for_server, escape_body};

#[test]
fn markup_characters_are_escaped_and_everything_else_is_kept() {
    let table = [
        ("Ana López", "Ana López"),
        ("Ana <3 & Co", "Ana &lt;3 &amp; Co"),
        (
            "<b>URGENTE: TU PAGO FALLÓ</b> <u>llama al 555-0000</u>",
            "&lt;b&gt;URGENTE: TU PAGO FALLÓ&lt;/b&gt; &lt;u&gt;llama al 555-0000&lt;/u&gt;",
        ),
        ("&amp; ya escapado", "&amp;amp; ya escapado"),
        (
            "<a href=\"http://x\">pagar</a>",
            "&lt;a href=\"http://x\"&gt;pagar&lt;/a&gt;",
        ),
        ("O'Brien \"Toño\"", "O'Brien \"Toño\""),
        ("<img src=x>", "&lt;img src=x&gt;"),
        ("", ""),
        ("Lleva 6 s esperando · Ana", "Lleva 6 s esperando · Ana"),
    ];
    for (text, escaped) in table {
        assert_eq!(escape_body(text), escaped, "{text:?}");
    }
}

#[test]
fn only_servers_that_parse_markup_get_escaped_bodies() {
    let markup = vec!["actions".to_string(), "body".into(), "body-markup".into()];
    let plain = vec!["actions".to_string(), "body".into()];
    assert_eq!(
        body_for_server("Ana <3 & Co", &markup),
        "Ana &lt;3 &amp; Co"
    );
    assert_eq!(
        body_for_server("Ana <3 & Co", &plain),
        "Ana <3 & Co",
        "a server that shows text as it is gets it unchanged"
    );
    assert_eq!(body_for_server("Ana <3", &[]), "Ana <3");
}
