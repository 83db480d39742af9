//! Printing: a kitchen/pick slip and a customer receipt as ESC/POS bytes ([`slip`],
//! [`escpos`]), sent to a thermal printer over raw TCP (port 9100) or to a device file (USB
//! on Linux). A failed print says why and never touches the order or the outbox.
//! The system printer is the UI's (a print stylesheet through the webview).

pub mod escpos;
pub mod slip;

use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;
use ts_rs::TS;

use crate::error::{Error, ErrorCode, Result};

pub use escpos::PaperWidth;

/// Where the bytes go.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum PrintTarget {
    /// The system printer, through the app's print dialog (the UI does it).
    System,
    /// An ESC/POS printer on the network: raw TCP, usually port 9100.
    Network {
        /// Host name or IP address.
        host: String,
        /// Port (9100 on most printers).
        port: u16,
    },
    /// An ESC/POS printer as a device file, e.g. `/dev/usb/lp0`.
    Device {
        /// The device path.
        path: String,
    },
}

/// The owner's printer settings (Ajustes → Impresora).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PrinterSettings {
    /// Where to print.
    pub target: PrintTarget,
    /// 58 or 80 mm paper.
    pub width: PaperWidth,
    /// Print a kitchen slip for every new order.
    #[serde(default)]
    pub auto_print: bool,
}

/// Which document to print.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SlipKind {
    /// Kitchen/pick slip.
    Kitchen,
    /// Customer receipt.
    Receipt,
}

fn failed(target: &str, why: impl std::fmt::Display) -> Error {
    Error::new(
        ErrorCode::Network,
        format!("No se pudo imprimir en {target}: {why}. El pedido sigue igual."),
        format!("Could not print to {target}: {why}. The order is unchanged."),
    )
}

/// Sends `bytes` to the printer, giving up after `timeout`.
pub async fn send(target: &PrintTarget, bytes: &[u8], timeout: Duration) -> Result<()> {
    match target {
        PrintTarget::System => Err(Error::new(
            ErrorCode::InvalidInput,
            "La impresora del sistema se usa desde la ventana de impresión.",
            "The system printer is used from the print dialog.",
        )),
        PrintTarget::Network { host, port } => {
            let name = format!("{host}:{port}");
            let work = async {
                let mut stream = tokio::net::TcpStream::connect((host.as_str(), *port)).await?;
                stream.write_all(bytes).await?;
                stream.flush().await?;
                stream.shutdown().await
            };
            match tokio::time::timeout(timeout, work).await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(err)) => Err(failed(&name, err)),
                Err(_) => Err(failed(&name, "no respondió a tiempo / timed out")),
            }
        }
        PrintTarget::Device { path } => {
            let work = async {
                let mut file = tokio::fs::OpenOptions::new().write(true).open(path).await?;
                file.write_all(bytes).await?;
                file.flush().await
            };
            match tokio::time::timeout(timeout, work).await {
                Ok(Ok(())) => Ok(()),
                Ok(Err(err)) => Err(failed(path, err)),
                Err(_) => Err(failed(path, "no respondió a tiempo / timed out")),
            }
        }
    }
}
