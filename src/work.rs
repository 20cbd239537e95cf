//! An operation counter for the test that work per document grows no faster than its length.
//!
//! Every per-document stage must be O(n log n) or better in the document's length: a one-line
//! document of hundreds of MB is a real input. The loops that visit more than the current byte,
//! token or mention (a search through earlier names, the document's runs in capitals, a form's full
//! mentions, …) call [`add`] with the number of elements they visit. In the library's own tests the
//! count is kept per stage (the stage [`crate::isolate::enter_stage`] names); everywhere else
//! [`add`] compiles to nothing, so the counter costs the release binary no instructions.
//!
//! `tests` below analyses synthetic one-line documents of 1 MB and 8 MB and requires each stage's
//! count to grow at most 8 × 1.25 times.

/// Counts `n` operations for the current stage (only in the library's tests).
#[inline(always)]
pub fn add(n: usize) {
    #[cfg(test)]
    counter::add(n);
    #[cfg(not(test))]
    let _ = n;
}

#[cfg(test)]
pub(crate) mod counter {
    use std::cell::RefCell;
    use std::collections::BTreeMap;

    thread_local! {
        static OPS: RefCell<BTreeMap<&'static str, u64>> = const { RefCell::new(BTreeMap::new()) };
    }

    pub(crate) fn add(n: usize) {
        let stage = crate::isolate::current_stage();
        OPS.with(|o| *o.borrow_mut().entry(stage).or_default() += n as u64);
    }

    /// Runs `f` and returns what it counted on this thread, per stage.
    pub(crate) fn count<T>(f: impl FnOnce() -> T) -> (T, BTreeMap<&'static str, u64>) {
        OPS.with(|o| o.borrow_mut().clear());
        let out = f();
        (out, OPS.with(|o| std::mem::take(&mut *o.borrow_mut())))
    }
}

#[cfg(test)]
mod tests {
    use super::counter::count;
    use crate::corpus::Document;
    use crate::pipeline::analyze;

    /// A made-up name from a number: capitalised syllables ("Bakoti"), distinct for each `k`, so a
    /// longer document names more people, places and organisations, as a real one does.
    fn name(mut k: usize) -> String {
        const SYLLABLES: [&str; 16] = [
            "ba", "ko", "ti", "ra", "mu", "le", "so", "vi", "na", "de", "zu", "fe", "go", "hi",
            "ja", "pe",
        ];
        let mut out = String::new();
        loop {
            out.push_str(SYLLABLES[k % 16]);
            k /= 16;
            if k == 0 {
                break;
            }
        }
        if out.len() < 4 {
            out.push_str("ran");
        }
        crate::text::title_case(&out)
    }

    /// One line of `bytes` of news-like sentences: full names and surnames, titles, appositions,
    /// quotes with cues, acronyms in parentheses, organisations, places, clubs and scores, and
    /// text in capitals, with names that keep changing.
    fn document(bytes: usize) -> String {
        let mut text = String::with_capacity(bytes + 400);
        let mut k = 0;
        while text.len() < bytes {
            let (first, last, org, town) = (name(k), name(k + 7), name(k + 13), name(k + 29));
            let acronym: String = org.chars().take(3).collect::<String>().to_uppercase();
            let shouted = town.to_uppercase();
            let sentences = [
                format!("{first} {last}, a senior fellow at the {org} Institute, said the plan was dead. "),
                format!("“We will not go back to {town},” {last} said on Monday. "),
                format!("Mr {last} told reporters in Tehran that the {org} Party would win. "),
                format!("The {org} Energy Agency ({acronym}) met in London, and {acronym} said no. "),
                format!("According to {last}, {town} manager {first} Smith was happy after {town} 3 {org} 1. "),
                format!("{shouted} WIN IN IRAN AND {shouted} LOSE, said Reuters. "),
                format!("“It is over,” said {first} {last}. Analysts believe {last} will stay. "),
            ];
            text.push_str(&sentences[k % sentences.len()]);
            k += 1;
        }
        text
    }

    #[test]
    fn names_are_distinct() {
        let names: std::collections::HashSet<String> = (0..5000).map(name).collect();
        assert_eq!(names.len(), 5000);
    }

    #[test]
    fn work_grows_no_faster_than_document_length() {
        let gaz = crate::testing::bundled_gazetteer();
        let ops = |mb: usize| {
            let text = document(mb << 20);
            let doc = Document::from_text("long".into(), "long.txt".into(), &text);
            let (a, ops) = count(|| analyze(doc, gaz));
            assert!(a.mentions.len() > mb * 1000 && a.claims.len() > mb * 500);
            ops
        };
        let small = ops(1);
        let large = ops(8);
        assert!(small.len() >= 6, "stages counted: {small:?}");
        for (stage, &n) in &small {
            let m = large.get(stage).copied().unwrap_or(0);
            assert!(
                m as f64 <= 8.0 * 1.25 * n as f64,
                "{stage}: {n} operations on 1 MB, {m} on 8 MB ({:.1}x)",
                m as f64 / n as f64
            );
        }
    }
}
