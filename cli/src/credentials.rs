//! Credentials for each platform, read from the environment on every run and never written
//! to disk: MOSTRADOR_TOKEN (Mostrador's own API), MOSTRADOR_WOO_KEY + MOSTRADOR_WOO_SECRET
//! (WooCommerce), MOSTRADOR_SHOPIFY_TOKEN (Shopify). `connect` asks on the terminal for what
//! is missing.

use std::io::{BufRead, IsTerminal, Write};

use mostrador_core::desk::TokenStore;
use mostrador_core::platforms::{Credentials, PlatformKind};
use mostrador_core::{Language, Text};

/// The environment variables.
pub const WOO_KEY: &str = "MOSTRADOR_WOO_KEY";
/// The WooCommerce REST secret.
pub const WOO_SECRET: &str = "MOSTRADOR_WOO_SECRET";
/// The Shopify Admin API access token.
pub const SHOPIFY_TOKEN: &str = "MOSTRADOR_SHOPIFY_TOKEN";

fn var(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The token store the CLI hands the desk: each platform's secret from its variables.
pub struct EnvTokens {
    /// `--token` / MOSTRADOR_TOKEN.
    pub token: Option<String>,
}

impl TokenStore for EnvTokens {
    fn get(&self) -> mostrador_core::Result<Option<String>> {
        Ok(self.token.clone())
    }

    fn set(&self, _token: &str) -> mostrador_core::Result<()> {
        // Never written: read again from the environment on the next run.
        Ok(())
    }

    fn clear(&self) -> mostrador_core::Result<()> {
        Ok(())
    }

    fn get_for(&self, platform: PlatformKind) -> mostrador_core::Result<Option<String>> {
        Ok(match platform {
            PlatformKind::OrdersApi => self.token.clone(),
            PlatformKind::Woocommerce => match (var(WOO_KEY), var(WOO_SECRET)) {
                (Some(key), Some(secret)) => Some(Credentials { key, secret }.to_secret(platform)),
                _ => None,
            },
            PlatformKind::Shopify => var(SHOPIFY_TOKEN),
        })
    }
}

fn ask(prompt: &str) -> Option<String> {
    if !std::io::stdin().is_terminal() {
        return None;
    }
    eprint!("{prompt}: ");
    let _ = std::io::stderr().flush();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).ok()?;
    Some(line.trim().to_string()).filter(|l| !l.is_empty())
}

/// The credentials `connect --platform` uses: the variables, else asked on a terminal.
/// `Err` names what is missing, in Spanish and English.
pub fn for_connect(
    platform: PlatformKind,
    token: Option<&str>,
    lang: Language,
) -> Result<Credentials, Text> {
    let missing_token = Text::new(
        "Falta el token: usa --token o la variable MOSTRADOR_TOKEN.",
        "Missing token: pass --token or set MOSTRADOR_TOKEN.",
    );
    match platform {
        PlatformKind::OrdersApi => token
            .map(|t| Credentials {
                key: String::new(),
                secret: t.to_string(),
            })
            .ok_or(missing_token),
        PlatformKind::Woocommerce => {
            let key = var(WOO_KEY).or_else(|| {
                ask(lang.pick(
                    "Clave REST de WooCommerce (ck_…)",
                    "WooCommerce REST key (ck_…)",
                ))
            });
            let secret = var(WOO_SECRET).or_else(|| {
                ask(lang.pick(
                    "Secreto REST de WooCommerce (cs_…)",
                    "WooCommerce REST secret (cs_…)",
                ))
            });
            match (key, secret) {
                (Some(key), Some(secret)) => Ok(Credentials { key, secret }),
                _ => Err(Text::new(
                    "Faltan la clave y el secreto de WooCommerce: usa las variables MOSTRADOR_WOO_KEY y MOSTRADOR_WOO_SECRET (WooCommerce › Ajustes › Avanzado › API REST).",
                    "Missing the WooCommerce key and secret: set MOSTRADOR_WOO_KEY and MOSTRADOR_WOO_SECRET (WooCommerce › Settings › Advanced › REST API).",
                )),
            }
        }
        PlatformKind::Shopify => var(SHOPIFY_TOKEN)
            .or_else(|| {
                ask(lang.pick(
                    "Token de acceso de la API de administración de Shopify (shpat_…)",
                    "Shopify Admin API access token (shpat_…)",
                ))
            })
            .map(|secret| Credentials {
                key: String::new(),
                secret,
            })
            .ok_or(Text::new(
                "Falta el token de Shopify: usa la variable MOSTRADOR_SHOPIFY_TOKEN (la app personalizada de la tienda, con permisos de pedidos, preparación de envíos y reembolsos).",
                "Missing the Shopify token: set MOSTRADOR_SHOPIFY_TOKEN (the shop's custom app, with the orders, fulfillments and refunds scopes).",
            )),
    }
}
