//! Phone-only glue (`#[cfg(mobile)]`), kept small: every decision is the core's and tested on
//! desktop (`attention::ahead`, `Desk::app_background`, `Desk::push_received`, …). This file
//! has never been compiled: these machines have no Xcode and no Android NDK (docs/mobile.md).
//!
//! - At start: the action types of the scheduled notifications ("Preparar", "Reintentar
//!   documento"). A press on them, like one on a live notice's buttons
//!   ([`crate::plugin_buttons`]), is `notifier::on_tap`'s: one handler, `Desk::quick_action`.
//! - First connect: ask for permission to notify, once the shop is known.
//! - Background: hand the OS the ladder the desk plans, as scheduled local notifications;
//!   foreground: withdraw what is still waiting (the live scheduler takes over).
//! - Push: [`on_push_token`] and [`on_push`] are what a push plugin calls with the platform's
//!   token and with a payload that arrives while the app is open.

use mostrador_core::attention::ahead::{
    DEFAULT_HORIZON, ScheduleDiff, action_type_for, action_types,
};
use mostrador_core::desk::{Desk, DeskEvent, PushPlatform};
use mostrador_core::view::{Language, SyncState};
use tauri::{AppHandle, Manager, RunEvent, Runtime, WindowEvent};
use tauri_plugin_notification::{Action, ActionType, NotificationExt, Schedule};

use crate::notifier::ORDER_KEY;

/// Registers the action types and waits for the first connection to ask for permission.
pub fn setup<R: Runtime>(app: &AppHandle<R>) {
    register_action_types(app);
    let desk = app.state::<Desk>().inner().clone();
    let handle = app.clone();
    let mut events = desk.subscribe();
    tauri::async_runtime::spawn(async move {
        while let Ok(event) = events.recv().await {
            if let DeskEvent::SyncStatus(status) = event
                && status.state == SyncState::Online
            {
                crate::notifier::ask_permission(&handle);
                return;
            }
        }
    });
}

fn register_action_types<R: Runtime>(app: &AppHandle<R>) {
    let desk = app.state::<Desk>().inner().clone();
    let language = desk.language();
    let types = action_types(language)
        .into_iter()
        .map(|spec| {
            let actions = spec
                .actions
                .iter()
                .map(|a| Action::builder(&a.id, &a.label).build())
                .collect();
            ActionType::builder(spec.id).actions(actions).build()
        })
        .collect();
    if let Err(err) = app.notification().register_action_types(types) {
        tracing::warn!(%err, "notification buttons will not show");
    }
}

/// Background and foreground hand-over.
pub fn on_run_event<R: Runtime>(app: &AppHandle<R>, event: &RunEvent) {
    let RunEvent::WindowEvent { event, .. } = event else {
        return;
    };
    let desk = app.state::<Desk>().inner().clone();
    match event {
        // The OS may freeze the app right after this: plan and hand over before returning.
        WindowEvent::Suspended => {
            match tauri::async_runtime::block_on(desk.app_background(DEFAULT_HORIZON)) {
                Ok(diff) => hand_over(app, &diff),
                Err(err) => tracing::warn!(%err, "could not plan the reminders for the background"),
            }
        }
        WindowEvent::Resumed => match tauri::async_runtime::block_on(desk.app_foreground()) {
            Ok(ids) if !ids.is_empty() => {
                if let Err(err) = app.notification().cancel(ids) {
                    tracing::warn!(%err, "could not withdraw scheduled notifications");
                }
            }
            Ok(_) => {}
            Err(err) => tracing::warn!(%err, "could not take the reminders back"),
        },
        _ => {}
    }
}

fn hand_over<R: Runtime>(app: &AppHandle<R>, diff: &ScheduleDiff) {
    let notification = app.notification();
    if !diff.cancel.is_empty()
        && let Err(err) = notification.cancel(diff.cancel.clone())
    {
        tracing::warn!(%err, "could not withdraw scheduled notifications");
    }
    for n in &diff.schedule {
        let Ok(date) = time::OffsetDateTime::from_unix_timestamp(n.at.timestamp()) else {
            continue;
        };
        let mut builder = notification
            .builder()
            .id(n.id)
            .title(&n.title)
            .body(&n.body)
            .extra(ORDER_KEY, &n.order_id)
            .schedule(Schedule::At {
                date,
                repeating: false,
                allow_while_idle: true,
            });
        if let Some(kind) = action_type_for(&n.actions) {
            builder = builder.action_type_id(kind);
        }
        if n.sound {
            builder = builder.sound(crate::notifier::SOUND);
        }
        if let Err(err) = builder.show() {
            tracing::warn!(%err, id = n.id, "could not schedule a notification");
        }
    }
}

/// The platform gave (or rotated) the push token: register it with the backend. A push
/// plugin calls this (docs/mobile.md); the desk makes it a no-op when nothing changed.
pub fn on_push_token<R: Runtime>(app: &AppHandle<R>, platform: PushPlatform, token: String) {
    let desk = app.state::<Desk>().inner().clone();
    let name = device_name();
    tauri::async_runtime::spawn(async move {
        let language = desk.language();
        if let Err(err) = desk.register_push(&name, platform, &token, language).await {
            tracing::warn!(%err, "could not register for pushes");
        }
    });
}

/// A push arrived while the app is open: the desk shows it unless that step already rang.
pub fn on_push<R: Runtime>(app: &AppHandle<R>, payload: String) {
    let desk = app.state::<Desk>().inner().clone();
    tauri::async_runtime::spawn(async move {
        if let Err(err) = desk.push_received(&payload).await {
            tracing::warn!(%err, "an unreadable push");
        }
    });
}

fn device_name() -> String {
    if cfg!(target_os = "ios") {
        "iPhone".to_string()
    } else {
        "Android".to_string()
    }
}
