//! One running app per data directory (issue 11, item 10).

use mostrador_core::instance::single_instance_id;

fn valid_dbus_name(name: &str) -> bool {
    name.len() <= 255
        && name.split('.').count() >= 2
        && name.split('.').all(|e| {
            !e.is_empty()
                && !e.starts_with(|c: char| c.is_ascii_digit())
                && e.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

#[test]
fn the_default_directory_uses_the_app_identifier() {
    assert_eq!(
        single_instance_id("mx.mostrador.desk", None),
        "mx.mostrador.desk"
    );
}

#[test]
fn each_data_directory_has_its_own_stable_valid_id() {
    let a = single_instance_id("mx.mostrador.desk", Some("/tmp/demo"));
    let b = single_instance_id("mx.mostrador.desk", Some("/tmp/e2e/app-data"));
    assert_ne!(a, b, "a demo profile runs beside the owner's desk");
    assert_eq!(
        a,
        single_instance_id("mx.mostrador.desk", Some("/tmp/demo")),
        "two launches on one directory meet"
    );
    let suffix = a
        .strip_prefix("mx.mostrador.desk.d")
        .expect("the app identifier, then the directory's hash");
    assert!(
        suffix.len() == 16 && suffix.chars().all(|c| c.is_ascii_hexdigit()),
        "{a}"
    );
    for id in [
        a,
        b,
        single_instance_id("mx.mostrador.desk", Some("/home/ana/Mis Pedidos/ñ")),
        single_instance_id("com.2shop.my-app", Some("C:\\Users\\ana")),
    ] {
        assert!(valid_dbus_name(&id), "{id} is a valid D-Bus name");
    }
}
