//! The owner's settings: language, theme, which notices notify, the bell of the counter PC,
//! the printer, the device's name. Kept in the state file; the UI edits them over IPC.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::attention::{AlarmSound, AlarmSpec};
pub use crate::text::Language;

/// Light, dark or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Theme {
    /// Light.
    Light,
    /// Dark.
    Dark,
    /// Follow the system.
    #[default]
    System,
}

/// Which notices notify.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct NotifyKinds {
    /// A new order.
    pub new_order: bool,
    /// First and second reminders.
    pub reminder: bool,
    /// "Se cancelará automáticamente a las…".
    pub auto_cancel_warning: bool,
    /// "Cancelado por falta de atención".
    pub auto_cancelled: bool,
    /// An order got an error.
    pub order_error: bool,
    /// The backend refused a queued action.
    pub action_failed: bool,
}

impl Default for NotifyKinds {
    fn default() -> Self {
        NotifyKinds {
            new_order: true,
            reminder: true,
            auto_cancel_warning: true,
            auto_cancelled: true,
            order_error: true,
            action_failed: true,
        }
    }
}

/// Hours without sound or banners, except auto-cancel warnings. Times are "HH:MM" local.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct QuietHours {
    /// Start, e.g. "22:00".
    pub start: String,
    /// End, e.g. "07:00" (may be before start: crosses midnight).
    pub end: String,
}

/// The owner's settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct Settings {
    /// Language of the app.
    pub language: Language,
    /// Theme.
    pub theme: Theme,
    /// Which notices notify.
    pub notify: NotifyKinds,
    /// Play a sound with notifications.
    pub sound: bool,
    /// Ring for a new order until it leaves pending or someone acknowledges it.
    pub ring_until_ack: bool,
    /// Seconds between rings.
    pub ring_every_s: u32,
    /// Quiet hours.
    pub quiet_hours: Option<QuietHours>,
    /// This device's name ("Caja 1"), sent as `Device-Name`; `None`: the host name.
    pub device_name: Option<String>,
    /// The printer; `None`: none set up.
    pub printer: Option<crate::print::PrinterSettings>,
    /// "Modo mostrador": this PC is the shop's bell — it rings with its own sound until
    /// someone acknowledges the order, and starts with the computer. A phone leaves it off and
    /// keeps the OS's notification sound.
    pub counter_mode: bool,
    /// The sound the counter PC rings with.
    pub alarm_sound: AlarmSound,
    /// Its volume, 0–100.
    pub alarm_volume: u8,
    /// Start with the computer, hidden in the tray (desktop).
    pub autostart: bool,
}

impl Settings {
    /// Seconds between rings that "Modo mostrador" sets when the owner had not chosen fewer.
    pub const COUNTER_RING_EVERY_S: u32 = 20;

    /// These settings with "Modo mostrador" turned on or off: on rings until acknowledged
    /// with this PC's own sound at a sensible cadence and starts with the computer; off
    /// stops both. Everything else stays as the owner left it.
    pub fn with_counter_mode(&self, on: bool) -> Settings {
        let mut next = self.clone();
        next.counter_mode = on;
        next.ring_until_ack = on;
        next.autostart = on;
        if on {
            next.sound = true;
            next.ring_every_s = next.ring_every_s.clamp(5, Self::COUNTER_RING_EVERY_S);
            if next.alarm_volume == 0 {
                next.alarm_volume = DEFAULT_ALARM_VOLUME;
            }
        }
        next
    }

    /// What the counter PC plays, when it plays its own sound.
    pub fn alarm(&self) -> Option<AlarmSpec> {
        self.counter_mode.then_some(AlarmSpec {
            sound: self.alarm_sound,
            volume: self.alarm_volume.min(100),
        })
    }
}

/// The alarm volume a new install starts with.
pub const DEFAULT_ALARM_VOLUME: u8 = 80;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            language: Language::default(),
            theme: Theme::System,
            notify: NotifyKinds::default(),
            sound: true,
            ring_until_ack: false,
            ring_every_s: 30,
            quiet_hours: None,
            device_name: None,
            printer: None,
            counter_mode: false,
            alarm_sound: AlarmSound::default(),
            alarm_volume: DEFAULT_ALARM_VOLUME,
            autostart: false,
        }
    }
}
