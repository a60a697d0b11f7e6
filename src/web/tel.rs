//! Phone numbers a person should be able to tap: 1930 (and the other national helplines) and
//! the centre's own number become `tel:` links wherever a page names them.

/// National helplines named in the catalogs: cyber fraud, legal aid, women, children, police.
const HELPLINES: [&str; 5] = ["1930", "15100", "181", "1098", "112"];

/// `text` escaped for HTML, with each helpline and each of `phones` that it names as a
/// `tel:` link. A number inside a longer run of digits (an amount, a date) is left alone.
pub fn links(text: &str, phones: &[&str]) -> String {
    let mut numbers: Vec<&str> = HELPLINES.to_vec();
    numbers.extend(phones.iter().copied().filter(|p| p.chars().filter(char::is_ascii_digit).count() >= 3));
    // Longest first, so a centre number that contains "112" is linked whole.
    numbers.sort_by_key(|n| std::cmp::Reverse(n.len()));
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    'scan: while !rest.is_empty() {
        for n in &numbers {
            if rest.starts_with(n)
                && !digit_before(text, rest)
                && !rest[n.len()..].starts_with(|c: char| c.is_ascii_digit())
            {
                let dial: String = n.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                out.push_str(&format!("<a href=\"tel:{dial}\" class=\"tel\">{}</a>", escape(n)));
                rest = &rest[n.len()..];
                continue 'scan;
            }
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push_str(&escape(&c.to_string()));
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn digit_before(whole: &str, rest: &str) -> bool {
    whole[..whole.len() - rest.len()].ends_with(|c: char| c.is_ascii_digit())
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helplines_and_the_centre_number_become_links_and_the_rest_is_escaped() {
        assert_eq!(
            links("Call 1930 <now> & 0141-2222333", &["0141-2222333"]),
            "Call <a href=\"tel:1930\" class=\"tel\">1930</a> &lt;now&gt; &amp; \
             <a href=\"tel:01412222333\" class=\"tel\">0141-2222333</a>"
        );
        assert_eq!(links("तुरंत 1930 पर कॉल करें", &[]), "तुरंत <a href=\"tel:1930\" class=\"tel\">1930</a> पर कॉल करें");
        // Amounts, years and references that contain the digits are not numbers to dial.
        assert_eq!(links("₹19300 on 07-12-2026, ref 41930", &[]), "₹19300 on 07-12-2026, ref 41930");
    }
}
