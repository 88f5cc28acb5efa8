//! Numbers, shares and dates written as a reader expects them in French
//! ("12,5 %", "200 000", "3 janvier 2026") and in English.

use super::clock::{Day, Month};
use crate::locale::Lang;

/// No-break space (before `:` and `%`, in « »).
pub const NBSP: char = '\u{a0}';
/// Narrow no-break space (thousands, before `;`, `!`, `?`).
pub const NNBSP: char = '\u{202f}';

const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SHORT_FR: [&str; 12] = [
    "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.",
    "déc.",
];
const SHORT_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `200 000` / `200,000`.
pub fn count(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let separator = match lang {
        Lang::Fr => NNBSP,
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + 4);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A share as a percentage with one decimal when it is small: `12 %`,
/// `3,5 %` / `12%`, `3.5%`.
pub fn percent(part: u64, whole: u64, lang: Lang) -> String {
    let value = if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    };
    let number = if value > 0.0 && value < 10.0 && (value * 10.0).round() % 10.0 != 0.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.0}")
    };
    match lang {
        Lang::Fr => format!("{}{NBSP}%", number.replace('.', ",")),
        Lang::En => format!("{number}%"),
    }
}

/// A decimal number: `2,5` / `2.5`.
pub fn decimal(value: f64, lang: Lang) -> String {
    let text = if (value - value.round()).abs() < 0.05 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    };
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

/// `1er mars 2026`, `15 mars 2026` / `1 March 2026`.
pub fn date(day: Day, lang: Lang) -> String {
    let (y, m, d) = day.ymd();
    match lang {
        Lang::Fr if d == 1 => format!("1er {} {y}", MONTHS_FR[m as usize - 1]),
        Lang::Fr => format!("{d} {} {y}", MONTHS_FR[m as usize - 1]),
        Lang::En => format!("{d} {} {y}", MONTHS_EN[m as usize - 1]),
    }
}

/// `mars 2026` / `March 2026`.
pub fn month(month: Month, lang: Lang) -> String {
    let names = match lang {
        Lang::Fr => MONTHS_FR,
        Lang::En => MONTHS_EN,
    };
    format!("{} {}", names[month.number() as usize - 1], month.year())
}

/// `mars 26` / `Mar 26`: chart labels.
pub fn month_short(month: Month, lang: Lang) -> String {
    let names = match lang {
        Lang::Fr => SHORT_FR,
        Lang::En => SHORT_EN,
    };
    format!(
        "{} {:02}",
        names[month.number() as usize - 1],
        month.year().rem_euclid(100)
    )
}

/// `n publication` / `n publications`.
pub fn posts(n: u64, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Fr, 0 | 1) => format!("{} publication", count(n, lang)),
        (Lang::Fr, _) => format!("{} publications", count(n, lang)),
        (Lang::En, 1) => "1 post".to_string(),
        (Lang::En, _) => format!("{} posts", count(n, lang)),
    }
}

/// `n compte(s) différent(s)` / `n different account(s)`.
pub fn accounts(n: u64, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Fr, 0 | 1) => format!("{n} compte"),
        (Lang::Fr, _) => format!("{} comptes", count(n, lang)),
        (Lang::En, 1) => "1 account".to_string(),
        (Lang::En, _) => format!("{} accounts", count(n, lang)),
    }
}

/// `n jour(s)` / `n day(s)`.
pub fn days(n: u64, lang: Lang) -> String {
    match (lang, n) {
        (Lang::Fr, 0 | 1) => format!("{n} jour"),
        (Lang::Fr, _) => format!("{} jours", count(n, lang)),
        (Lang::En, 1) => "1 day".to_string(),
        (Lang::En, _) => format!("{} days", count(n, lang)),
    }
}

/// Picks the French or English text.
pub fn tr<'a>(lang: Lang, fr: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

/// French typography for a message template: the plain space written
/// before `:`, `;`, `?`, `!` and inside « » becomes the no-break space it
/// should be. Addresses are untouched (`https://` has no space before `:`).
pub fn typography(template: &str) -> String {
    template
        .replace(" :", "\u{a0}:")
        .replace(" ;", "\u{202f};")
        .replace(" ?", "\u{202f}?")
        .replace(" !", "\u{202f}!")
        .replace("« ", "«\u{a0}")
        .replace(" »", "\u{a0}»")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_in_both_languages() {
        assert_eq!(count(200_000, Lang::Fr), "200\u{202f}000");
        assert_eq!(count(1_234_567, Lang::En), "1,234,567");
        assert_eq!(count(999, Lang::Fr), "999");
        assert_eq!(percent(1, 8, Lang::Fr), "12\u{a0}%");
        assert_eq!(percent(7, 200, Lang::Fr), "3,5\u{a0}%");
        assert_eq!(percent(7, 200, Lang::En), "3.5%");
        assert_eq!(percent(0, 0, Lang::En), "0%");
        assert_eq!(
            date(Day::from_ymd(2025, 9, 1), Lang::Fr),
            "1er septembre 2025"
        );
        assert_eq!(date(Day::from_ymd(2026, 3, 22), Lang::En), "22 March 2026");
        assert_eq!(posts(1, Lang::Fr), "1 publication");
        assert_eq!(posts(2, Lang::En), "2 posts");
    }

    #[test]
    fn french_spaces_before_double_punctuation() {
        assert_eq!(
            typography("Période : « ok » ; vraiment ? oui ! https://x.fr"),
            "Période\u{a0}: «\u{a0}ok\u{a0}»\u{202f}; vraiment\u{202f}? oui\u{202f}! https://x.fr"
        );
    }
}
