//! Self-paced review: a Leitner system over question cards.
//!
//! Every question the learner has answered has a [`Card`] in one of six
//! boxes. A right answer moves it up one box, a wrong one back to box 1.
//! A card is due for review when today reaches its due day:
//!
//! | box | due again after |
//! |---|---|
//! | 1 | the same day (answered wrongly) |
//! | 2 | 1 day |
//! | 3 | 3 days |
//! | 4 | 7 days |
//! | 5 | 16 days |
//! | 6 | 35 days |
//!
//! A question counts as **known** (for mastery) while its card is in box 2
//! or higher, that is, while the learner's latest answer to it was right.
//! Days are whole days since the Unix epoch in the learner's time zone,
//! passed in by the caller.

use serde::{Deserialize, Serialize};

/// Days until a card in box `n` (index `n - 1`) is due again.
pub const INTERVAL_DAYS: [i64; 6] = [0, 1, 3, 7, 16, 35];

/// Days until a card in `stage` is due again; a stage past the last box
/// gets the last box's interval.
fn interval_days(stage: u8) -> i64 {
    let index = usize::from(stage.clamp(1, 6) - 1);
    INTERVAL_DAYS.get(index).copied().unwrap_or(35)
}

/// The review state of one question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    /// Leitner box, 1 to 6.
    #[serde(rename = "b")]
    pub stage: u8,
    /// The day it is due for review.
    #[serde(rename = "d")]
    pub due_day: i64,
    /// How many times it was answered.
    #[serde(rename = "n")]
    pub seen: u32,
    /// How many times it was answered wrongly.
    #[serde(rename = "w")]
    pub lapses: u32,
    /// When it was last answered, ms since the Unix epoch.
    #[serde(rename = "t")]
    pub last_ms: u64,
}

impl Card {
    /// The card after a first answer.
    pub fn first(right: bool, today: i64, now_ms: u64) -> Card {
        let blank = Card {
            stage: 1,
            due_day: today,
            seen: 0,
            lapses: 0,
            last_ms: 0,
        };
        blank.answered(right, today, now_ms)
    }

    /// The card after another answer.
    pub fn answered(self, right: bool, today: i64, now_ms: u64) -> Card {
        // A stored box outside 1..=6 (damaged data) counts as its nearest box.
        let stage = if right {
            self.stage.clamp(1, 6).saturating_add(1).min(6)
        } else {
            1
        };
        Card {
            stage,
            due_day: today.saturating_add(interval_days(stage)),
            seen: self.seen.saturating_add(1),
            lapses: self.lapses.saturating_add(u32::from(!right)),
            last_ms: now_ms,
        }
    }

    /// Due for review on `today`.
    pub fn is_due(&self, today: i64) -> bool {
        self.due_day <= today
    }

    /// The latest answer was right.
    pub fn is_known(&self) -> bool {
        self.stage >= 2
    }
}

/// The day number of a moment, given the time zone offset in minutes east
/// of UTC (Japan is +540).
pub fn day_of(ms: u64, utc_offset_minutes: i64) -> i64 {
    let ms = i64::try_from(ms).unwrap_or(i64::MAX);
    let local_ms = ms.saturating_add(utc_offset_minutes.saturating_mul(60_000));
    local_ms.div_euclid(86_400_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_answers_climb_and_a_wrong_one_drops_to_box_one() {
        let c = Card::first(true, 100, 1);
        assert_eq!((c.stage, c.due_day, c.seen, c.lapses), (2, 101, 1, 0));
        assert!(c.is_known() && !c.is_due(100) && c.is_due(101));
        let c = c.answered(true, 101, 2).answered(true, 104, 3);
        assert_eq!((c.stage, c.due_day), (4, 111));
        let c = c.answered(false, 111, 4);
        assert_eq!((c.stage, c.due_day, c.lapses, c.seen), (1, 111, 1, 4));
        assert!(!c.is_known() && c.is_due(111));
    }

    #[test]
    fn a_damaged_box_number_counts_as_the_nearest_box() {
        let damaged = |stage| Card {
            stage,
            due_day: 0,
            seen: u32::MAX,
            lapses: 0,
            last_ms: 0,
        };
        let c = damaged(255).answered(true, 10, 1);
        assert_eq!((c.stage, c.due_day, c.seen), (6, 45, u32::MAX));
        let c = damaged(0).answered(true, 10, 1);
        assert_eq!((c.stage, c.due_day), (2, 11));
        assert_eq!(day_of(u64::MAX, i64::MAX), i64::MAX / 86_400_000);
    }

    #[test]
    fn the_top_box_holds() {
        let mut c = Card::first(true, 0, 0);
        for day in 0..20 {
            c = c.answered(true, day, 0);
        }
        assert_eq!((c.stage, c.due_day), (6, 19 + 35));
    }

    #[test]
    fn days_follow_the_local_calendar() {
        // 2026-11-24 23:30 in Japan is still the 24th there, the 24th in UTC 14:30.
        let ms = 1_795_530_600_000; // 2026-11-24T14:30:00Z
        assert_eq!(day_of(ms, 540), day_of(ms, 0));
        // 2026-11-24T15:30Z is already the 25th in Japan.
        assert_eq!(day_of(ms + 3_600_000, 540), day_of(ms, 0) + 1);
    }
}
