//! Cashtags (`$GOV`), as twitter-text finds them: `$` at the start of the
//! text or after a space, then 1 to 6 ASCII letters, optionally `.` or `_`
//! and 1 or 2 more letters, followed by the end, a space or punctuation.
//! `$TEST.` gives `TEST`; `$123`, `$TOOLONGX` and `text$NO` give nothing.

use super::chars::{JS_WHITESPACE, PUNCTUATION, SPACES, char_at, char_before};

/// A cashtag: the byte range of `$TAG`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct CashtagMatch {
    pub start: usize,
    pub end: usize,
}

/// May a cashtag end before byte `i`? (End, JavaScript space, punctuation.)
fn may_end_at(text: &str, i: usize) -> bool {
    match char_at(text, i) {
        None => true,
        Some(c) => JS_WHITESPACE.contains(c) || PUNCTUATION.contains(c),
    }
}

/// Every cashtag of `text` (`extractCashtagsWithIndices`).
pub(crate) fn scan_cashtags(text: &str) -> Vec<CashtagMatch> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut last = 0;
    let mut i = 0;
    while let Some(offset) = memchr::memchr(b'$', &bytes[i..]) {
        let d = i + offset;
        i = d + 1;
        let preceded = match char_before(text, d) {
            None => last == 0,
            Some((p, c)) => p >= last && SPACES.contains(c),
        };
        if !preceded {
            continue;
        }
        let letters = |from: usize, max: usize| {
            bytes[from.min(bytes.len())..]
                .iter()
                .take(max)
                .take_while(|b| b.is_ascii_alphabetic())
                .count()
        };
        let start = d + 1;
        let run = letters(start, 6);
        // The regex's order of preference: most letters first, then with the
        // longest suffix, then without it; the first that may end wins.
        let mut matched = None;
        'search: for n in (1..=run).rev() {
            let after = start + n;
            if matches!(bytes.get(after), Some(b'.' | b'_')) {
                let suffix = letters(after + 1, 2);
                for k in (1..=suffix).rev() {
                    if may_end_at(text, after + 1 + k) {
                        matched = Some(after + 1 + k);
                        break 'search;
                    }
                }
            }
            if may_end_at(text, after) {
                matched = Some(after);
                break;
            }
        }
        if let Some(end) = matched {
            found.push(CashtagMatch { start: d, end });
            last = end;
            i = end;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(text: &str) -> Vec<&str> {
        scan_cashtags(text)
            .into_iter()
            .map(|c| &text[c.start + 1..c.end])
            .collect()
    }

    #[test]
    fn cashtags() {
        assert_eq!(
            tags("$GOV $gov.uk $TEST. $123 $TOOLONGX text$NO"),
            vec!["GOV", "gov.uk", "TEST"]
        );
        assert_eq!(tags("$TEST.TTT"), vec!["TEST"]);
        assert_eq!(tags("$OK$NG$BAD .$NG $$NG"), vec!["OK"]);
    }
}
