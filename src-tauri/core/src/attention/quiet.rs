//! Quiet hours: "HH:MM" to "HH:MM" in the store's local time, possibly crossing midnight.

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use crate::settings::QuietHours;

/// Whether `now` falls in the quiet hours, read in `tz`. Start is inclusive, end exclusive;
/// `22:00`–`07:00` crosses midnight. Equal or unreadable times mean no quiet hours: a typo in a
/// setting must never silence the desk.
pub fn is_quiet(hours: Option<&QuietHours>, tz: Tz, now: DateTime<Utc>) -> bool {
    let Some(hours) = hours else { return false };
    let (Some(start), Some(end)) = (parse_hhmm(&hours.start), parse_hhmm(&hours.end)) else {
        return false;
    };
    let local = now.with_timezone(&tz).time();
    if start < end {
        start <= local && local < end
    } else if start > end {
        local >= start || local < end
    } else {
        false
    }
}

fn parse_hhmm(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").ok()
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn hours(start: &str, end: &str) -> QuietHours {
        QuietHours {
            start: start.into(),
            end: end.into(),
        }
    }

    /// 2026-11-20 at `h:m` in Mexico City (UTC−6).
    fn mx(h: u32, m: u32) -> DateTime<Utc> {
        chrono_tz::America::Mexico_City
            .with_ymd_and_hms(2026, 11, 20, h, m, 0)
            .single()
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    #[test]
    fn quiet_hours_crossing_midnight_cover_late_night_and_early_morning() {
        let q = hours("22:00", "07:00");
        let tz = chrono_tz::America::Mexico_City;
        let cases = [
            (21, 59, false),
            (22, 0, true),
            (23, 30, true),
            (0, 0, true),
            (6, 59, true),
            (7, 0, false),
            (12, 0, false),
        ];
        for (h, m, want) in cases {
            assert_eq!(
                is_quiet(Some(&q), tz, mx(h, m)),
                want,
                "{h:02}:{m:02} local against 22:00–07:00"
            );
        }
    }

    #[test]
    fn quiet_hours_within_a_day_have_an_inclusive_start_and_exclusive_end() {
        let q = hours("13:00", "15:00");
        let tz = chrono_tz::America::Mexico_City;
        let cases = [
            (12, 59, false),
            (13, 0, true),
            (14, 59, true),
            (15, 0, false),
        ];
        for (h, m, want) in cases {
            assert_eq!(
                is_quiet(Some(&q), tz, mx(h, m)),
                want,
                "{h:02}:{m:02} local against 13:00–15:00"
            );
        }
    }

    #[test]
    fn unreadable_or_empty_quiet_hours_never_silence_the_desk() {
        let tz = chrono_tz::America::Mexico_City;
        for q in [
            hours("22:00", "22:00"),
            hours("late", "07:00"),
            hours("25:00", "07:00"),
        ] {
            assert!(
                !is_quiet(Some(&q), tz, mx(23, 0)),
                "{q:?} must not be read as quiet"
            );
        }
        assert!(
            !is_quiet(None, tz, mx(23, 0)),
            "no quiet hours set means never quiet"
        );
    }
}
