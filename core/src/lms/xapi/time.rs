//! The time formats of xAPI: RFC 3339 timestamps (written in UTC with
//! milliseconds, read with any offset) and ISO 8601 durations.

/// Milliseconds as an ISO 8601 duration with centiseconds, e.g. `PT95.25S`.
pub fn iso_duration(ms: u64) -> String {
    format!("PT{}.{:02}S", ms / 1000, (ms % 1000) / 10)
}

/// Milliseconds since the Unix epoch as an RFC 3339 UTC timestamp with
/// milliseconds, e.g. `2026-12-01T04:28:17.123Z`.
pub fn timestamp(ms: u64) -> String {
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    let days = ms.div_euclid(86_400_000);
    let in_day = ms.rem_euclid(86_400_000);
    let date = crate::date::Date::from_days_since_epoch(days);
    format!(
        "{date}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000
    )
}

/// Reads an RFC 3339 timestamp (any offset, optional fraction) as
/// milliseconds since the Unix epoch; `None` when it is not one.
pub fn parse_timestamp(text: &str) -> Option<u64> {
    let date = crate::date::Date::parse(text.get(..10)?)?;
    let rest = text.get(10..)?;
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let number = |s: &str| -> Option<i64> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
    };
    let (h, m, s) = (
        number(rest.get(..2)?)?,
        number(rest.get(3..5)?)?,
        number(rest.get(6..8)?)?,
    );
    let mut tail = rest.get(8..)?;
    let mut millis = 0;
    if let Some(fraction) = tail.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        let padded = format!("{:0<3}", fraction.get(..digits.min(3))?);
        millis = padded.parse::<i64>().ok()?;
        tail = fraction.get(digits..)?;
    }
    let offset_minutes = match tail {
        "Z" | "z" | "" => 0,
        _ => {
            let sign = match tail.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            sign * (number(tail.get(1..3)?)? * 60 + number(tail.get(4..6)?)?)
        }
    };
    let total = date.days_since_epoch() * 86_400_000
        + ((h * 60 + m - offset_minutes) * 60 + s) * 1000
        + millis;
    u64::try_from(total).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_and_durations_are_iso_8601() {
        assert_eq!(timestamp(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(timestamp(1_795_530_600_123), "2026-11-24T14:30:00.123Z");
        assert_eq!(
            parse_timestamp("2026-11-24T14:30:00.123Z"),
            Some(1_795_530_600_123)
        );
        assert_eq!(
            parse_timestamp("2026-11-24T23:30:00.123+09:00"),
            Some(1_795_530_600_123)
        );
        assert_eq!(
            parse_timestamp("2026-11-24T14:30:00.123456+00:00"),
            Some(1_795_530_600_123)
        );
        assert_eq!(
            parse_timestamp("2026-11-24T14:30:00Z"),
            Some(1_795_530_600_000)
        );
        for bad in [
            "",
            "2026-11-24",
            "2026-11-24T7:10:00Z",
            "2026-11-24T07:10:00.1x",
            "x026-11-24T07:10:00Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
        assert_eq!(iso_duration(95_254), "PT95.25S");
    }
}
