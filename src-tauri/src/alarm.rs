//! The counter PC's own alarm: plays the core's synthesized sounds
//! ([`mostrador_core::attention::synthesize`]) through the system's audio with rodio, so a
//! ring is heard even where the notification server is silent. When to ring, and with what,
//! is the core's decision ([`mostrador_core::attention::Attention`]); this only plays and stops.
//!
//! One thread owns the audio device (cpal streams are not `Send` everywhere) and takes
//! commands over a channel. The device is opened at the first sound and kept; if opening fails
//! (no audio device), it is retried at the next sound and the failure is logged once.

#[cfg(desktop)]
mod imp {
    use std::num::NonZero;
    use std::sync::Mutex;
    use std::sync::mpsc::{Receiver, Sender, channel};

    use mostrador_core::attention::{AlarmSpec, SAMPLE_RATE, synthesize};

    enum Command {
        Play(AlarmSpec),
        Stop,
    }

    /// The player; managed as app state.
    pub struct Alarm {
        commands: Mutex<Option<Sender<Command>>>,
    }

    impl std::fmt::Debug for Alarm {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Alarm").finish_non_exhaustive()
        }
    }

    impl Default for Alarm {
        fn default() -> Self {
            Alarm::new()
        }
    }

    impl Alarm {
        /// Starts the audio thread (it opens no device until the first sound).
        pub fn new() -> Alarm {
            let (tx, rx) = channel();
            let spawned = std::thread::Builder::new()
                .name("mostrador-alarm".into())
                .spawn(move || run(rx));
            if let Err(err) = &spawned {
                tracing::warn!(%err, "no alarm thread: the counter PC cannot play its sound");
            }
            Alarm {
                commands: Mutex::new(spawned.ok().map(|_| tx)),
            }
        }

        fn send(&self, command: Command) {
            let guard = self.commands.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(tx) = guard.as_ref() {
                let _ = tx.send(command);
            }
        }

        /// Plays `spec` once (a sound still playing is replaced).
        pub fn play(&self, spec: AlarmSpec) {
            self.send(Command::Play(spec));
        }

        /// Stops any sound at once.
        pub fn stop(&self) {
            self.send(Command::Stop);
        }
    }

    fn run(rx: Receiver<Command>) {
        let mut device: Option<rodio::MixerDeviceSink> = None;
        let mut player: Option<rodio::Player> = None;
        let mut warned = false;
        while let Ok(command) = rx.recv() {
            match command {
                Command::Stop => {
                    if let Some(p) = &player {
                        p.stop();
                    }
                }
                Command::Play(spec) => {
                    if device.is_none() {
                        match rodio::DeviceSinkBuilder::open_default_sink() {
                            Ok(mut sink) => {
                                sink.log_on_drop(false);
                                device = Some(sink);
                                warned = false;
                            }
                            Err(err) => {
                                if !warned {
                                    tracing::warn!(%err, "no audio device: the alarm is silent");
                                    warned = true;
                                }
                                continue;
                            }
                        }
                    }
                    let Some(sink) = &device else { continue };
                    if let Some(p) = player.take() {
                        p.stop();
                    }
                    let p = rodio::Player::connect_new(sink.mixer());
                    p.set_volume(spec.gain());
                    let samples = synthesize(spec.sound, SAMPLE_RATE);
                    let (Some(channels), Some(rate)) = (NonZero::new(1), NonZero::new(SAMPLE_RATE))
                    else {
                        continue;
                    };
                    p.append(rodio::buffer::SamplesBuffer::new(channels, rate, samples));
                    tracing::info!(sound = ?spec.sound, volume = spec.volume, "alarm sound");
                    player = Some(p);
                }
            }
        }
    }
}

#[cfg(desktop)]
pub use imp::Alarm;

/// Plays `spec` unless alarms are paused from the tray.
pub fn play<R: tauri::Runtime>(
    app: &tauri::AppHandle<R>,
    spec: mostrador_core::attention::AlarmSpec,
) {
    use tauri::Manager;
    let paused = app
        .try_state::<std::sync::Arc<crate::notifier::Alarms>>()
        .is_some_and(|a| a.paused());
    if paused {
        return;
    }
    if let Some(alarm) = app.try_state::<Alarm>() {
        alarm.play(spec);
    }
}

/// Stops the sound (acknowledged here or elsewhere, or the order moved on).
pub fn silence<R: tauri::Runtime>(app: &tauri::AppHandle<R>) {
    use tauri::Manager;
    if let Some(alarm) = app.try_state::<Alarm>() {
        alarm.stop();
    }
}

/// Phones keep the OS's notification sound: nothing to play.
#[cfg(not(desktop))]
#[derive(Debug, Default)]
pub struct Alarm;

#[cfg(not(desktop))]
impl Alarm {
    /// Nothing to start.
    pub fn new() -> Alarm {
        Alarm
    }
    /// Nothing to play.
    pub fn play(&self, _spec: mostrador_core::attention::AlarmSpec) {}
    /// Nothing to stop.
    pub fn stop(&self) {}
}
