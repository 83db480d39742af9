//! The counter PC's own alarm sounds, made here from sine waves (no sound files, nothing of
//! anyone else's): a bell, a two-tone door chime and a beeper. Pure: samples in, nothing played.
//! The shell plays them through the system's audio (rodio) at the owner's volume.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Which sound the counter PC rings with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AlarmSound {
    /// A struck bell, twice ("Campana").
    #[default]
    Campana,
    /// A door chime, high then low ("Timbre").
    Timbre,
    /// Three short beeps, twice ("Pitido").
    Pitido,
}

impl AlarmSound {
    /// Every sound, in the order Ajustes lists them.
    pub const ALL: [AlarmSound; 3] = [AlarmSound::Campana, AlarmSound::Timbre, AlarmSound::Pitido];
}

/// What the counter PC plays for one ring.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AlarmSpec {
    /// The sound.
    pub sound: AlarmSound,
    /// 0–100.
    pub volume: u8,
}

impl AlarmSpec {
    /// The volume as a gain from 0.0 to 1.0.
    pub fn gain(&self) -> f32 {
        f32::from(self.volume.min(100)) / 100.0
    }
}

/// The sample rate the sounds are made at.
pub const SAMPLE_RATE: u32 = 44_100;

/// Peak amplitude of every sound at full volume (headroom against clipping).
pub const PEAK: f32 = 0.8;

/// A decaying tone: `partials` are (frequency ratio, relative amplitude) over `base_hz`.
fn strike(out: &mut [f32], rate: u32, base_hz: f32, partials: &[(f32, f32)], decay_per_s: f32) {
    let total: f32 = partials.iter().map(|p| p.1).sum::<f32>().max(f32::EPSILON);
    let attack = (rate as f32 * 0.004).max(1.0);
    for (i, sample) in out.iter_mut().enumerate() {
        let t = i as f32 / rate as f32;
        let envelope = (i as f32 / attack).min(1.0) * (-decay_per_s * t).exp();
        let tone: f32 = partials
            .iter()
            .map(|&(ratio, amp)| amp * (std::f32::consts::TAU * base_hz * ratio * t).sin())
            .sum();
        *sample += envelope * tone / total;
    }
}

/// A flat beep with short ramps (no clicks).
fn beep(out: &mut [f32], rate: u32, hz: f32) {
    let ramp = (rate as f32 * 0.005).max(1.0);
    let n = out.len() as f32;
    for (i, sample) in out.iter_mut().enumerate() {
        let t = i as f32 / rate as f32;
        let edge = (i as f32 / ramp).min((n - i as f32) / ramp).clamp(0.0, 1.0);
        *sample += edge * (std::f32::consts::TAU * hz * t).sin();
    }
}

fn at(rate: u32, seconds: f32) -> usize {
    (rate as f32 * seconds) as usize
}

/// The mono samples of `sound` at `rate`, peaking at [`PEAK`]; about 1–1.6 s long.
pub fn synthesize(sound: AlarmSound, rate: u32) -> Vec<f32> {
    let rate = rate.max(8_000);
    let mut out;
    match sound {
        AlarmSound::Campana => {
            out = vec![0.0; at(rate, 1.6)];
            let partials = [(1.0, 1.0), (2.0, 0.5), (3.0, 0.25), (4.2, 0.12)];
            for start in [0.0, 0.55] {
                let from = at(rate, start);
                strike(&mut out[from..], rate, 880.0, &partials, 4.0);
            }
        }
        AlarmSound::Timbre => {
            out = vec![0.0; at(rate, 1.4)];
            let partials = [(1.0, 1.0), (2.0, 0.3), (3.0, 0.1)];
            strike(&mut out, rate, 659.25, &partials, 3.0);
            let from = at(rate, 0.5);
            strike(&mut out[from..], rate, 523.25, &partials, 3.0);
        }
        AlarmSound::Pitido => {
            out = vec![0.0; at(rate, 1.1)];
            for k in 0..6 {
                let start = at(rate, k as f32 * 0.18);
                let len = at(rate, 0.12);
                let hz = if k >= 3 { 1320.0 } else { 1100.0 };
                let end = (start + len).min(out.len());
                beep(&mut out[start..end], rate, hz);
            }
        }
    }
    let peak = out.iter().fold(0.0_f32, |m, s| m.max(s.abs()));
    if peak > 0.0 {
        let scale = PEAK / peak;
        out.iter_mut().for_each(|s| *s *= scale);
    }
    out
}

/// `samples` as a 16-bit mono PCM WAV file (for the shell on platforms that play files, and
/// to listen to a sound outside the app: `mostrador-cli` has no need of it).
pub fn wav(samples: &[f32], rate: u32) -> Vec<u8> {
    let data_len = (samples.len() * 2) as u32;
    let mut out = Vec::with_capacity(44 + samples.len() * 2);
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data_len).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&1u16.to_le_bytes()); // mono
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2).to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        let v = (s.clamp(-1.0, 1.0) * f32::from(i16::MAX)) as i16;
        out.extend_from_slice(&v.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rms(samples: &[f32]) -> f32 {
        (samples.iter().map(|s| s * s).sum::<f32>() / samples.len().max(1) as f32).sqrt()
    }

    #[test]
    fn every_sound_is_loud_enough_short_and_never_clips() {
        for sound in AlarmSound::ALL {
            let s = synthesize(sound, SAMPLE_RATE);
            let seconds = s.len() as f32 / SAMPLE_RATE as f32;
            assert!(
                (0.8..=2.0).contains(&seconds),
                "{sound:?} lasts {seconds} s: a ring is a short sound"
            );
            let peak = s.iter().fold(0.0_f32, |m, x| m.max(x.abs()));
            assert!((peak - PEAK).abs() < 1e-3, "{sound:?} peaks at {peak}");
            assert!(rms(&s) > 0.1, "{sound:?} is audible, rms {}", rms(&s));
            assert!(
                s.first().is_some_and(|x| x.abs() < 0.05),
                "{sound:?} starts without a click"
            );
        }
    }

    #[test]
    fn the_sounds_differ() {
        let a = synthesize(AlarmSound::Campana, 8_000);
        let b = synthesize(AlarmSound::Timbre, 8_000);
        let c = synthesize(AlarmSound::Pitido, 8_000);
        assert_ne!(a, b);
        assert_ne!(b, c);
    }

    #[test]
    fn volume_maps_to_a_gain_and_caps_at_full() {
        let spec = |volume| AlarmSpec {
            sound: AlarmSound::Campana,
            volume,
        };
        assert_eq!(spec(0).gain(), 0.0);
        assert_eq!(spec(50).gain(), 0.5);
        assert_eq!(spec(250).gain(), 1.0, "out of range is full, never louder");
    }

    #[test]
    fn a_wav_has_its_header_and_every_sample() {
        let s = synthesize(AlarmSound::Pitido, 8_000);
        let w = wav(&s, 8_000);
        assert_eq!(&w[0..4], b"RIFF");
        assert_eq!(&w[8..12], b"WAVE");
        assert_eq!(w.len(), 44 + s.len() * 2);
    }
}
