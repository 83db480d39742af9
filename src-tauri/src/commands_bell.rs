//! The counter's bell, for the UI: acknowledging, Modo mostrador, "Probar sonido", a tap kept
//! until the UI asks, what rings now, and the quick actions a phone registers. One-line
//! delegations into the [`Desk`] and the shell's [`Alarm`]/[`Launch`]; no logic of their own.

use mostrador_core::attention::quick::{self, QuickResult};
use mostrador_core::attention::{AlarmSound, AlarmSpec, QuickAction};
use mostrador_core::desk::{Desk, QuickOutcome};
use mostrador_core::view::{Acknowledgement, Ringing, Settings};
use tauri::State;

use crate::alarm::Alarm;
use crate::autostart::Launch;
use crate::error::{IpcResult, to_ipc};

/// The owner has seen the order (opened it, pressed "Atendido"): it stops ringing here, and on
/// every device when the platform serves acknowledgements (`shared`).
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn acknowledge_order(
    desk: State<'_, Desk>,
    order_id: String,
) -> IpcResult<Acknowledgement> {
    to_ipc(&desk, desk.acknowledge(&order_id).await).await
}

/// Turns Modo mostrador on or off (ringing with this PC's sound, starting with the computer).
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk, launch), err(Debug))]
pub async fn set_counter_mode(
    desk: State<'_, Desk>,
    launch: State<'_, Launch>,
    on: bool,
) -> IpcResult<Settings> {
    let saved = match desk.settings().await {
        Ok(current) => desk.set_settings(current.with_counter_mode(on)).await,
        Err(err) => Err(err),
    };
    if let Ok(settings) = &saved {
        crate::autostart::follow(&launch, settings.autostart);
    }
    to_ipc(&desk, saved).await
}

/// Starting with the computer on or off, apart from Modo mostrador.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk, launch), err(Debug))]
pub async fn set_autostart(
    desk: State<'_, Desk>,
    launch: State<'_, Launch>,
    on: bool,
) -> IpcResult<Settings> {
    let saved = match desk.settings().await {
        Ok(mut current) => {
            current.autostart = on;
            desk.set_settings(current).await
        }
        Err(err) => Err(err),
    };
    if let Ok(settings) = &saved {
        crate::autostart::follow(&launch, settings.autostart);
    }
    to_ipc(&desk, saved).await
}

/// "Probar sonido": plays `sound` once at `volume`.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(alarm))]
pub async fn test_alarm(alarm: State<'_, Alarm>, sound: AlarmSound, volume: u8) -> IpcResult<()> {
    alarm.play(AlarmSpec { sound, volume });
    Ok(())
}

/// The order a notification asked to open while the UI was hidden or loading (taken once).
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk))]
pub async fn take_opened_notice(desk: State<'_, Desk>) -> IpcResult<Option<String>> {
    Ok(desk.take_opened())
}

/// A quick action pressed on a notification where the UI registers the buttons (iOS,
/// Android): the same path as the desktop's notification buttons.
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn quick_action(
    desk: State<'_, Desk>,
    order_id: String,
    action_id: String,
) -> IpcResult<Option<QuickResult>> {
    let outcome = desk
        .quick_action(&order_id, &action_id)
        .await
        .map(|o| match o {
            QuickOutcome::Open(_) => None,
            QuickOutcome::Done(r) | QuickOutcome::Stale(r) => Some(r),
        });
    to_ipc(&desk, outcome).await
}

/// Every quick action a notification may carry, in the owner's language (mobile action types).
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk))]
pub async fn quick_action_types(desk: State<'_, Desk>) -> IpcResult<Vec<QuickAction>> {
    let language = desk.language();
    Ok(quick::ALL
        .iter()
        .filter_map(|id| {
            Some(QuickAction {
                id: (*id).to_string(),
                label: quick::label(id, language)?.to_string(),
            })
        })
        .collect())
}

/// The order ringing now, if any ("Atendido" in the banner silences it).
#[tauri::command]
#[tracing::instrument(level = "debug", skip(desk), err(Debug))]
pub async fn ringing(desk: State<'_, Desk>) -> IpcResult<Option<Ringing>> {
    to_ipc(&desk, desk.ringing()).await
}
