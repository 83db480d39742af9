//! WooCommerce's refusals in words for the owner, in Spanish and English.

use crate::platforms::PlatformError;
use crate::text::Text;

/// Why WooCommerce refused something about order `n`.
pub fn refusal(n: &str, error: &PlatformError) -> Text {
    let (status, code, message) = match error {
        PlatformError::Http {
            status,
            code,
            message,
            ..
        } => (*status, code.as_str(), message.as_str()),
        other => return transient(n, other),
    };
    match code {
        "woocommerce_rest_cannot_create_order_refund"
            if message.contains("Invalid refund amount") =>
        {
            Text::new(
                format!(
                    "WooCommerce no hizo la devolución del pedido #{n}: el monto es mayor que lo que queda por devolver."
                ),
                format!(
                    "WooCommerce did not refund order #{n}: the amount is more than what is left to refund."
                ),
            )
        }
        "woocommerce_rest_cannot_create_order_refund" if message.contains("automatic refunds") => {
            Text::new(
                format!(
                    "La forma de pago del pedido #{n} no permite devolver automáticamente; devuelve el dinero a mano."
                ),
                format!(
                    "The payment method of order #{n} cannot refund automatically; give the money back by hand."
                ),
            )
        }
        "woocommerce_rest_cannot_create_order_refund" | "woocommerce_rest_invalid_order_refund" => {
            Text::new(
                format!("WooCommerce no hizo la devolución del pedido #{n}: {message}"),
                format!("WooCommerce did not refund order #{n}: {message}"),
            )
        }
        "woocommerce_rest_shop_order_invalid_id" | "woocommerce_rest_invalid_order_id" => {
            Text::new(
                format!("El pedido #{n} ya no existe en WooCommerce."),
                format!("Order #{n} no longer exists in WooCommerce."),
            )
        }
        "woocommerce_rest_authentication_error" if message.contains("write permissions") => {
            Text::new(
                "Las claves de WooCommerce son de solo lectura: crea unas de lectura/escritura en WooCommerce › Ajustes › Avanzado › API REST.",
                "The WooCommerce keys are read-only: create read/write ones in WooCommerce › Settings › Advanced › REST API.",
            )
        }
        _ if status == 401 || status == 403 => Text::new(
            "WooCommerce no aceptó las claves: revisa la clave y el secreto en WooCommerce › Ajustes › Avanzado › API REST.",
            "WooCommerce did not accept the keys: check the key and secret in WooCommerce › Settings › Advanced › REST API.",
        ),
        "rest_invalid_param" => Text::new(
            format!("WooCommerce no aceptó el cambio del pedido #{n}: {message}"),
            format!("WooCommerce did not accept the change to order #{n}: {message}"),
        ),
        _ => Text::new(
            format!("WooCommerce rechazó el cambio del pedido #{n} ({status} {code}): {message}"),
            format!("WooCommerce refused the change to order #{n} ({status} {code}): {message}"),
        ),
    }
}

/// What happened when the outcome is not known.
pub fn transient(n: &str, error: &PlatformError) -> Text {
    match error {
        PlatformError::Http { status: 429, .. } => Text::new(
            format!("WooCommerce pidió esperar; el cambio del pedido #{n} se reintentará."),
            format!("WooCommerce asked to wait; the change to order #{n} will be retried."),
        ),
        PlatformError::Certificate(e) => Text::new(
            format!("El certificado de la tienda no es de confianza ({e})."),
            format!("The store's certificate is not trusted ({e})."),
        ),
        other => Text::new(
            format!(
                "No se supo si WooCommerce recibió el cambio del pedido #{n} ({other}); se revisará antes de reintentar."
            ),
            format!(
                "It is not known whether WooCommerce got the change to order #{n} ({other}); it is checked before retrying."
            ),
        ),
    }
}

/// Why connecting failed, for the connect screen.
pub fn connect_failure(error: &PlatformError) -> Text {
    match error {
        PlatformError::InvalidUrl(w) => w.clone(),
        PlatformError::WrongPlatform | PlatformError::Http { status: 404, .. } => Text::new(
            "Esa dirección no es una tienda WooCommerce (no responde /wp-json/wc/v3).",
            "That address is not a WooCommerce store (it does not answer /wp-json/wc/v3).",
        ),
        PlatformError::Certificate(e) => Text::new(
            format!("El certificado de la tienda no es de confianza: {e}"),
            format!("The store's certificate is not trusted: {e}"),
        ),
        PlatformError::Connect(_) | PlatformError::Timeout => Text::new(
            "No se pudo conectar con la tienda: revisa la dirección y la conexión a internet.",
            "Could not reach the store: check the address and the internet connection.",
        ),
        PlatformError::Redirect(to) => Text::new(
            format!("La tienda redirige a {to}: escribe esa dirección."),
            format!("The store redirects to {to}: type that address instead."),
        ),
        other => refusal("", other),
    }
}
