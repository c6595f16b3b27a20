//! Numbers written in words, in any language of the lexicon ("Fifty-three", "a dozen",
//! "one hundred and twenty", "quarante-deux"): what the toll and distance readers count
//! with.

use crate::extract::doc::Word;
use crate::lexicon::lexicon;

/// Reads a number written in words at `i` ("Fifty-three", "a dozen", "one hundred", "two
/// hundred and fifty"): its value and the number of tokens it spans.
pub(crate) fn number_words_at(t: &[Word], i: usize) -> Option<(u64, usize)> {
    let lx = lexicon();
    let first = &t[i];
    // Two-word vague or fixed phrases: "a dozen", "a hundred".
    if let Some(next) = t.get(i + 1) {
        if let Some(&(v, false)) = lx.numbers.get(&format!("{} {}", first.key, next.key)) {
            return Some((v, 2));
        }
    }
    let mut total = 0u64;
    let mut current = 0u64;
    let mut used = 0;
    while let Some(tok) = t.get(i + used) {
        // "twenty-one, eleven of them children": a comma ends a number.
        if used > 0 && t[i + used - 1].comma_after {
            break;
        }
        let parts: Vec<&str> = tok.key.split(' ').collect();
        let mut ok = true;
        let mut local = current;
        let mut local_total = total;
        for part in &parts {
            match lx.numbers.get(*part) {
                Some(&(v, true)) => {
                    local = local.max(1).saturating_mul(v);
                    if v >= 1000 {
                        local_total = local_total.saturating_add(local);
                        local = 0;
                    }
                }
                Some(&(v, false)) => local = local.saturating_add(v),
                None => ok = false,
            }
        }
        if !ok {
            break;
        }
        // "a" and "an" count as one only on their own.
        if used > 0 && matches!(tok.key, "a" | "an") {
            break;
        }
        current = local;
        total = local_total;
        used += 1;
        if matches!(tok.key, "a" | "an" | "one") && used == 1 {
            // "a hundred" is caught above; "a soldier" is one.
            if !t
                .get(i + 1)
                .is_some_and(|n| lx.numbers.get(n.key).is_some_and(|v| v.1))
            {
                break;
            }
        }
        if t.get(i + used).is_some_and(|n| n.key == "and")
            && t.get(i + used + 1).is_some_and(|n| {
                lx.numbers.get(n.key).is_some_and(|v| !v.1) && total.saturating_add(current) >= 100
            })
        {
            used += 1;
        }
    }
    (used > 0).then_some((total.saturating_add(current), used))
}
