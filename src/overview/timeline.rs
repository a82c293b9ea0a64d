//! Articles per day, week or month: the unit chosen from the span so that a timeline has tens
//! to a few hundred bars, every bar from the first dated day to the last (empty ones too, so
//! that gaps show), and the articles that cannot be placed counted beside it.

use serde::{Deserialize, Serialize};

use crate::model::ArticleDate;

/// How long a bar of the timeline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// One day.
    Day,
    /// A week, Monday to Sunday (ISO 8601).
    Week,
    /// A calendar month.
    Month,
}

/// One bar: its first and last day (ISO dates, both included) and the articles dated in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bin {
    /// The first day.
    pub start: String,
    /// The last day.
    pub end: String,
    /// Articles dated from `start` to `end`.
    pub count: usize,
}

/// Articles over time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    /// How long each bar is.
    pub unit: Unit,
    /// The bars, oldest first, from the first dated article's to the last's.
    pub bins: Vec<Bin>,
    /// Articles with no date.
    pub undated: usize,
    /// Articles with a month and day but no year (`--12-07`): shown, not placed.
    pub partial: usize,
    /// Each article's bar (`None` for an undated or partial one), for the names' series.
    #[serde(skip)]
    pub(crate) placed: Vec<Option<usize>>,
}

/// Spans up to this many days are drawn a day a bar.
const DAYS: i64 = 92;

/// Spans up to this many days are drawn a week a bar; longer ones a month a bar.
const WEEKS: i64 = 2 * 366;

impl Timeline {
    /// The timeline of these dates (one an article).
    pub fn of(dates: &[Option<ArticleDate>]) -> Timeline {
        let days: Vec<Option<i64>> = dates
            .iter()
            .map(|d| d.as_ref().and_then(|d| parse(&d.value)))
            .collect();
        let partial = dates
            .iter()
            .filter(|d| d.as_ref().is_some_and(|d| d.value.starts_with("--")))
            .count();
        let undated = dates.iter().filter(|d| d.is_none()).count();
        let (Some(first), Some(last)) = (days.iter().flatten().min(), days.iter().flatten().max())
        else {
            return Timeline {
                unit: Unit::Day,
                bins: Vec::new(),
                undated,
                partial,
                placed: vec![None; dates.len()],
            };
        };
        let unit = match last - first {
            span if span < DAYS => Unit::Day,
            span if span < WEEKS => Unit::Week,
            _ => Unit::Month,
        };
        let origin = bar_start(unit, *first);
        let place = |day: i64| -> usize {
            match unit {
                Unit::Day => (day - origin) as usize,
                Unit::Week => ((day - origin) / 7) as usize,
                Unit::Month => (months(day) - months(origin)) as usize,
            }
        };
        let n = place(*last) + 1;
        let mut bins: Vec<Bin> = (0..n)
            .map(|i| {
                let start = match unit {
                    Unit::Day => origin + i as i64,
                    Unit::Week => origin + 7 * i as i64,
                    Unit::Month => {
                        let m = months(origin) + i as i64;
                        from_civil(m.div_euclid(12), (m.rem_euclid(12) + 1) as u32, 1)
                    }
                };
                let end = match unit {
                    Unit::Day => start,
                    Unit::Week => start + 6,
                    Unit::Month => {
                        let m = months(start) + 1;
                        from_civil(m.div_euclid(12), (m.rem_euclid(12) + 1) as u32, 1) - 1
                    }
                };
                Bin {
                    start: iso(start),
                    end: iso(end),
                    count: 0,
                }
            })
            .collect();
        let placed: Vec<Option<usize>> = days.iter().map(|d| d.map(place)).collect();
        for &bar in placed.iter().flatten() {
            bins[bar].count += 1;
        }
        Timeline {
            unit,
            bins,
            undated,
            partial,
            placed,
        }
    }
}

/// The first day of the bar holding `day`.
fn bar_start(unit: Unit, day: i64) -> i64 {
    match unit {
        Unit::Day => day,
        // Day 0 (1970-01-01) was a Thursday: Monday is 3 days before.
        Unit::Week => day - (day + 3).rem_euclid(7),
        Unit::Month => {
            let (y, m, _) = to_civil(day);
            from_civil(y, m, 1)
        }
    }
}

/// Months since year 0 of `day`'s month.
fn months(day: i64) -> i64 {
    let (y, m, _) = to_civil(day);
    y * 12 + i64::from(m) - 1
}

/// `2020-12-07` as days since 1970-01-01; `None` for anything else (`--12-07` among them).
pub(crate) fn parse(value: &str) -> Option<i64> {
    let b = value.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = value[..4].parse().ok()?;
    let m: u32 = value[5..7].parse().ok()?;
    let d: u32 = value[8..].parse().ok()?;
    Some(from_civil(y, m, d))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day number (Hinnant's `civil_from_days`).
fn to_civil(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// A day number as an ISO date.
fn iso(day: i64) -> String {
    let (y, m, d) = to_civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Every day from 1900 to 2100 goes to a date and back.
        #[test]
        fn days_and_dates_agree(day in -25_567i64..47_482) {
            let (y, m, d) = to_civil(day);
            proptest::prop_assert_eq!(from_civil(y, m, d), day);
            proptest::prop_assert_eq!(parse(&iso(day)), Some(day));
        }
    }

    #[test]
    fn known_days() {
        assert_eq!(parse("1970-01-01"), Some(0));
        assert_eq!(iso(parse("2020-02-29").unwrap() + 1), "2020-03-01");
        // 2020-12-07 was a Monday; its week starts on itself, the Sunday's on the Monday before.
        let monday = parse("2020-12-07").unwrap();
        assert_eq!(bar_start(Unit::Week, monday), monday);
        assert_eq!(bar_start(Unit::Week, monday + 6), monday);
        assert_eq!(bar_start(Unit::Week, monday - 1), monday - 7);
        assert_eq!(parse("--12-07"), None);
    }
}
