//! Escalation beyond the device: a plain SMTP client (RFC 5321, no TLS, no auth — the
//! reference backend talks to a local relay or a test sink) that sends the owner one e-mail
//! when an order reaches its second reminder unattended.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::params;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::Email;
use super::texts::{money, waited};
use crate::config::Config;
use crate::model::Order;
use crate::server::AppState;

/// Time allowed for the whole conversation.
const TIMEOUT: Duration = Duration::from_secs(10);

/// The e-mail for an order still unattended at its second reminder, in Spanish then English.
pub fn escalation_email(config: &Config, order: &Order, to: &str, now: DateTime<Utc>) -> Email {
    let n = &order.number;
    let w = waited((now - order.created_at).num_seconds().max(0));
    let total = money(order.total, &order.currency);
    let who = &order.customer.name;
    let subject = format!("Pedido #{n} sin atender / Order #{n} is waiting");
    let body = format!(
        "El pedido #{n} de {who} ({total}) lleva {w} sin atender en {store}.\n\
         Ábrelo en Mostrador para prepararlo antes de que se cancele.\n\
         \n\
         Order #{n} from {who} ({total}) has been waiting for {w} at {store}.\n\
         Open it in Mostrador to prepare it before it is cancelled.\n",
        store = config.store_name,
    );
    Email {
        order_id: order.id.clone(),
        to: to.to_string(),
        subject,
        body,
    }
}

/// Sends `email` and records how it went in `escalations`.
pub async fn send_escalation(state: AppState, email: Email) {
    let Some(server) = state.config.smtp.clone() else {
        return;
    };
    let from = state.config.smtp_from.clone();
    let result = tokio::time::timeout(TIMEOUT, send(&server, &from, &email)).await;
    let status = match result {
        Ok(Ok(())) => "sent".to_string(),
        Ok(Err(err)) => format!("failed: {err}"),
        Err(_) => "failed: timed out".to_string(),
    };
    let _ = tokio::task::spawn_blocking(move || {
        let conn = state.db.writer();
        let _ = conn.execute(
            "UPDATE escalations SET status = ?1 WHERE order_id = ?2",
            params![status, email.order_id],
        );
    })
    .await;
}

/// One SMTP conversation: greeting, EHLO, MAIL, RCPT, DATA, QUIT.
pub async fn send(server: &str, from: &str, email: &Email) -> Result<(), String> {
    let stream = TcpStream::connect(server)
        .await
        .map_err(|e| format!("connect {server}: {e}"))?;
    let (read, mut write) = stream.into_split();
    let mut read = BufReader::new(read);
    expect(&mut read, 220).await?;
    command(&mut write, &mut read, "EHLO reference-backend", 250).await?;
    command(&mut write, &mut read, &format!("MAIL FROM:<{from}>"), 250).await?;
    command(
        &mut write,
        &mut read,
        &format!("RCPT TO:<{}>", email.to),
        250,
    )
    .await?;
    command(&mut write, &mut read, "DATA", 354).await?;
    // The mail's Date header: the moment it is handed to the relay.
    #[allow(clippy::disallowed_methods)]
    let sent_at = Utc::now();
    let message = message(from, email, sent_at);
    write
        .write_all(message.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    write.write_all(b".\r\n").await.map_err(|e| e.to_string())?;
    expect(&mut read, 250).await?;
    command(&mut write, &mut read, "QUIT", 221).await?;
    Ok(())
}

/// The DATA part: headers, a blank line, the dot-stuffed body with CRLF line ends.
pub fn message(from: &str, email: &Email, now: DateTime<Utc>) -> String {
    let mut out = format!(
        "From: Mostrador <{from}>\r\nTo: <{to}>\r\nSubject: {subject}\r\nDate: {date}\r\n\
         MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\
         Content-Transfer-Encoding: 8bit\r\n\r\n",
        to = email.to,
        subject = encode_header(&email.subject),
        date = now.to_rfc2822(),
    );
    for line in email.body.lines() {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
        out.push_str("\r\n");
    }
    out
}

/// A header value as is when ASCII, else RFC 2047 base64 words.
fn encode_header(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    format!("=?UTF-8?B?{}?=", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

async fn command<W, R>(write: &mut W, read: &mut R, line: &str, want: u16) -> Result<(), String>
where
    W: AsyncWriteExt + Unpin,
    R: AsyncBufReadExt + Unpin,
{
    write
        .write_all(format!("{line}\r\n").as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    expect(read, want).await
}

/// Reads one (possibly multi-line) reply and checks its code.
async fn expect<R: AsyncBufReadExt + Unpin>(read: &mut R, want: u16) -> Result<(), String> {
    loop {
        let mut line = String::new();
        let n = read.read_line(&mut line).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("the SMTP server closed the connection".into());
        }
        let code: u16 = line.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
        if line.as_bytes().get(3) == Some(&b'-') {
            continue;
        }
        return if code == want {
            Ok(())
        } else {
            Err(format!(
                "SMTP answered {:?}, wanted {want}",
                line.trim_end()
            ))
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_rfc_4648_vectors() {
        for (plain, want) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), want, "base64 of {plain:?}");
        }
    }

    #[test]
    fn a_body_line_starting_with_a_dot_is_stuffed() {
        let email = Email {
            order_id: "o".into(),
            to: "a@b.c".into(),
            subject: "Pedido sin atención".into(),
            body: ".hidden\nok".into(),
        };
        let m = message("x@y.z", &email, Utc::now());
        assert!(m.contains("\r\n\r\n..hidden\r\nok\r\n"), "dot-stuffed: {m}");
        assert!(
            m.contains("Subject: =?UTF-8?B?"),
            "non-ASCII subject is encoded: {m}"
        );
    }
}
