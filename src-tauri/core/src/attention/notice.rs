//! What the attention engine hands to the platform: a [`Notice`], through a [`Notifier`].

#[cfg(any(test, feature = "testing"))]
use std::sync::Mutex;

use chrono::{DateTime, Utc};

use super::AlarmSpec;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The kinds of notice, each announced at most once per order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NoticeKind {
    /// A new order arrived.
    NewOrder,
    /// First reminder (`reminders_after_s[0]`).
    FirstReminder,
    /// Second reminder (`reminders_after_s[1]`).
    SecondReminder,
    /// "Se cancelará automáticamente a las 14:05".
    AutoCancelWarning,
    /// The platform cancelled it for lack of attention (`by: auto`).
    AutoCancelled,
    /// The order got an error (oversell, document).
    OrderError,
    /// The backend refused one of the owner's queued actions.
    ActionFailed,
    /// Several due at once: "12 pedidos pendientes".
    Summary,
}

/// A button on a notification ("Preparar").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuickAction {
    /// Stable id the shell reports back, e.g. "prepare".
    pub id: String,
    /// What the button says.
    pub label: String,
}

/// One notification to show.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Notice {
    /// What it is about.
    pub kind: NoticeKind,
    /// The order a tap opens (`None` for a summary).
    pub order_id: Option<String>,
    /// Title line.
    pub title: String,
    /// Body text.
    pub body: String,
    /// Quick actions that make sense for it.
    pub actions: Vec<QuickAction>,
    /// Whether to play a sound.
    pub sound: bool,
    /// When it became due.
    pub due_at: DateTime<Utc>,
}

/// Shows notices. The shell implements it with tauri-plugin-notification; tests record.
pub trait Notifier: Send + Sync + 'static {
    /// Show one notice now.
    fn notify(&self, notice: &Notice);
    /// Ring again for an order that is still waiting ("ring until acknowledged").
    fn ring(&self, order_id: &str) {
        let _ = order_id;
    }
    /// Play this PC's own alarm sound once (Modo mostrador): with a sounding notice about a
    /// pending order, and at each ring instead of re-showing the notice.
    fn play_alarm(&self, alarm: &AlarmSpec) {
        let _ = alarm;
    }
    /// Nothing rings any more (acknowledged here or elsewhere, or moved on): stop a sound
    /// still playing.
    fn silence(&self) {}
}

/// A notifier that keeps what it was given (tests; the `testing` feature).
#[cfg(any(test, feature = "testing"))]
#[derive(Debug, Default)]
pub struct RecordingNotifier {
    notices: Mutex<Vec<Notice>>,
    rings: Mutex<Vec<String>>,
    silences: Mutex<u32>,
    alarms: Mutex<Vec<AlarmSpec>>,
}

#[cfg(any(test, feature = "testing"))]
impl RecordingNotifier {
    /// Everything notified so far, oldest first.
    pub fn notices(&self) -> Vec<Notice> {
        self.notices
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Alarm sounds played, oldest first.
    pub fn alarms(&self) -> Vec<AlarmSpec> {
        self.alarms
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// How many times ringing stopped.
    pub fn silences(&self) -> u32 {
        *self.silences.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Orders rung for, oldest first.
    pub fn rings(&self) -> Vec<String> {
        self.rings.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

#[cfg(any(test, feature = "testing"))]
impl Notifier for RecordingNotifier {
    fn notify(&self, notice: &Notice) {
        self.notices
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(notice.clone());
    }

    fn ring(&self, order_id: &str) {
        self.rings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(order_id.to_string());
    }

    fn play_alarm(&self, alarm: &AlarmSpec) {
        self.alarms
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(*alarm);
    }

    fn silence(&self) {
        *self.silences.lock().unwrap_or_else(|e| e.into_inner()) += 1;
    }
}
