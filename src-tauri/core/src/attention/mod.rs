//! Attention: which notifications are due for new and unattended orders, and when.
//!
//! A pure planner ([`plan()`]) decides, a ledger in SQLite ([`ledger`], migration 0003)
//! remembers what was dealt with, and a scheduler ([`Attention`]) sleeps until the next due
//! time by the wall clock and hands [`Notice`]s to a [`Notifier`] (the shell shows them; tests
//! record them).
//!
//! ```no_run
//! # async fn demo(store: std::sync::Arc<mostrador_core::store::Store>) {
//! use std::sync::Arc;
//! use mostrador_core::attention::{Attention, RecordingNotifier};
//! use mostrador_core::clock::SystemClock;
//! let attention = Arc::new(Attention::new(store, Arc::new(RecordingNotifier::default()), Arc::new(SystemClock)));
//! tokio::spawn(attention.clone().run());
//! attention.wake(); // after each sync
//! # }
//! ```

pub mod ahead;
mod input;
mod kinds;
pub mod ledger;
pub(crate) mod load;
mod notice;
mod plan;
mod push;
pub mod quick;
mod quiet;
mod ring;
mod scheduler;
mod sound;
mod text;
mod tray;

pub use ahead::{ScheduleDiff, ScheduledNotice, plan_ahead};
pub use input::{Candidate, PlanInput};
pub use kinds::{KindSet, Outcome, kind_from_name, kind_name};
#[cfg(any(test, feature = "testing"))]
pub use notice::RecordingNotifier;
pub use notice::{Notice, NoticeKind, Notifier, QuickAction};
pub use plan::{AUTO_CANCELLED_RECENT, BURST, Plan, Recorded, plan};
pub use push::{PushNotice, PushOutcome};
pub use quiet::is_quiet;
pub use ring::{RingStep, ring_step};
pub use scheduler::{Attention, MAX_NAP};
pub use sound::{AlarmSound, AlarmSpec, PEAK, SAMPLE_RATE, synthesize, wav};
pub use tray::{TrayMenu, tray_label, tray_menu, tray_tooltip};
