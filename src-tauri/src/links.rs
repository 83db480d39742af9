//! Links that leave the app (issue 19): a customer's phone, WhatsApp, e-mail, a map, the
//! platform's admin page. The core decides which URLs are allowed
//! ([`mostrador_core::links::classify`]); here they are handed to the system's handler
//! through tauri-plugin-opener, and the main window's navigation guard keeps the webview on
//! the app's own pages.
//!
//! Where no app handles a phone or mail link (a desktop without a phone app), the number or
//! address is copied to the clipboard (tauri-plugin-clipboard-manager) and the UI says so.
//! On Linux "is there a handler?" is asked the way `xdg-open` itself finds one
//! (`xdg-mime query default x-scheme-handler/<scheme>`), because the opener starts `xdg-open`
//! detached and cannot report that it found nothing.
//!
//! Phones (`#[cfg(mobile)]`, untested here: no Android SDK or Xcode on these machines): the
//! opener hands `tel:`, `mailto:` and `https://wa.me/…` to the OS (an Android intent,
//! iOS `openURL`), which has a dialer and a mail app, so nothing is copied there.

use mostrador_core::links::{self, Link, LinkOpened};
use mostrador_core::{Error, ErrorCode};
use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime, Url};
use tauri_plugin_clipboard_manager::ClipboardExt;
use tauri_plugin_opener::OpenerExt;

/// [`open`] for the app's runtime, managed as state so the `open_link` command needs no
/// runtime parameter.
pub struct Opener(Box<OpenFn>);

/// How a link is handed to the system (the real opener, or a test's stand-in).
pub type OpenFn = dyn Fn(&str) -> mostrador_core::Result<LinkOpened> + Send + Sync;

impl Opener {
    /// Opens through `app`'s opener and clipboard plugins.
    pub fn new<R: Runtime>(app: AppHandle<R>) -> Opener {
        Opener(Box::new(move |url| open(&app, url)))
    }

    /// See [`open`].
    pub fn open(&self, url: &str) -> mostrador_core::Result<LinkOpened> {
        (self.0)(url)
    }
}

/// The app's own origins besides the bundled UI's: the dev server in a debug build.
fn dev_origins<R: Runtime>(app: &AppHandle<R>) -> Vec<String> {
    if !cfg!(debug_assertions) {
        return Vec::new();
    }
    app.config()
        .build
        .dev_url
        .as_ref()
        .map(|url| vec![url.origin().ascii_serialization()])
        .unwrap_or_default()
}

/// The core's verdict on `url` for this build.
pub fn classify<R: Runtime>(app: &AppHandle<R>, url: &str) -> Link {
    let extra = dev_origins(app);
    let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
    links::classify_with(url, &extra)
}

/// The navigation guard: `true` lets the webview show `url` (the app's own pages only);
/// an allowed outside link is handed to the system instead, anything else is refused.
pub fn allow_navigation<R: Runtime>(app: &AppHandle<R>, url: &Url) -> bool {
    match classify(app, url.as_str()) {
        Link::Internal => true,
        Link::External(kind) => {
            tracing::info!(?kind, "a link tried to leave the app: opening it outside");
            if let Err(err) = open(app, url.as_str()) {
                tracing::warn!(%err, "could not open the link outside the app");
            }
            false
        }
        Link::Refused => {
            tracing::warn!(url = %url, "navigation refused: not the app's own page");
            false
        }
    }
}

/// The navigation guard as a plugin, so it covers the main window whichever way it is made.
pub fn navigation_guard<R: Runtime>() -> TauriPlugin<R> {
    tauri::plugin::Builder::new("navigation-guard")
        .on_navigation(|webview, url| allow_navigation(webview.app_handle(), url))
        .build()
}

/// Opens an allowed outside link in the system's handler, or copies the number/address
/// when no app on this device handles it.
pub fn open<R: Runtime>(app: &AppHandle<R>, url: &str) -> mostrador_core::Result<LinkOpened> {
    let Link::External(kind) = classify(app, url) else {
        tracing::warn!(url, "open_link refused a link");
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "Mostrador no abre este enlace.",
            "Mostrador does not open this link.",
        ));
    };
    let copy = links::copy_instead(url);
    if let (Some(text), Some(false)) = (&copy, links::handler_scheme(url).and_then(has_handler)) {
        return copied(app, kind, text);
    }
    match app.opener().open_url(url, None::<&str>) {
        Ok(()) => {
            tracing::info!(?kind, "link handed to the system");
            Ok(LinkOpened::Opened { kind })
        }
        Err(err) => {
            tracing::warn!(%err, ?kind, "the system could not open the link");
            match &copy {
                Some(text) => copied(app, kind, text),
                None => Err(Error::new(
                    ErrorCode::Internal,
                    format!("No se pudo abrir el enlace: {err}"),
                    format!("Could not open the link: {err}"),
                )),
            }
        }
    }
}

fn copied<R: Runtime>(
    app: &AppHandle<R>,
    kind: links::LinkKind,
    text: &str,
) -> mostrador_core::Result<LinkOpened> {
    app.clipboard().write_text(text).map_err(|err| {
        Error::new(
            ErrorCode::Internal,
            format!("No hay una app para abrirlo y no se pudo copiar «{text}»: {err}"),
            format!("No app opens it and «{text}» could not be copied: {err}"),
        )
    })?;
    tracing::info!(?kind, "no app handles the link here: copied instead");
    Ok(LinkOpened::Copied {
        kind,
        text: text.to_string(),
    })
}

/// Whether an app is registered for `scheme` links (`None`: cannot tell, so try to open).
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn has_handler(scheme: &str) -> Option<bool> {
    let output = std::process::Command::new("xdg-mime")
        .args(["query", "default", &format!("x-scheme-handler/{scheme}")])
        .stderr(std::process::Stdio::null())
        .output()
        .ok()?;
    Some(!String::from_utf8_lossy(&output.stdout).trim().is_empty())
}

/// macOS and Windows always offer an app (FaceTime, "choose an app"); phones have a dialer.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
fn has_handler(_scheme: &str) -> Option<bool> {
    None
}
