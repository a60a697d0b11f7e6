//! What every page template knows: the language, the signed-in user, the form token.

use fluent_bundle::FluentValue;
use sahayak_domain::case::Lang;

use super::i18n::catalogs;
use crate::store::User;

#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub user: Option<User>,
    /// The session's anti-forgery token, put in every form.
    pub csrf: String,
    /// The current path and query, for the language switch and the login redirect.
    pub path: String,
    pub centre: String,
    /// The request's "now" (from the store's clock), for the echo under time fields; none on
    /// pages built without the app's state.
    pub now: Option<chrono::DateTime<chrono::Utc>>,
}

impl Page {
    pub fn anonymous(lang: Lang, path: &str) -> Page {
        Page { lang, user: None, csrf: String::new(), path: path.to_owned(), centre: String::new(), now: None }
    }

    /// The translation of `key`.
    pub fn t(&self, key: &str) -> String {
        catalogs().get(self.lang, key)
    }

    /// The translation of `key` with one argument.
    pub fn t1<'a>(&self, key: &str, name: &str, value: impl Into<FluentValue<'a>>) -> String {
        catalogs().get_with(self.lang, key, &[(name, value.into())])
    }

    pub fn lang_code(&self) -> &'static str {
        self.lang.code()
    }

    pub fn other_lang(&self) -> Lang {
        match self.lang {
            Lang::Hi => Lang::En,
            Lang::En => Lang::Hi,
        }
    }

    /// The other language's own name, written in that language (हिंदी / English).
    pub fn other_lang_name(&self) -> String {
        catalogs().get(self.other_lang(), "lang-self")
    }

    /// The current page in the other language.
    pub fn other_lang_href(&self) -> String {
        let other = self.other_lang().code();
        let (path, query) = self.path.split_once('?').unwrap_or((&self.path, ""));
        let mut pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap_or_default();
        pairs.retain(|(k, _)| k != "lang");
        pairs.push(("lang".into(), other.into()));
        format!(
            "{}?{}",
            if path.is_empty() { "/" } else { path },
            serde_urlencoded::to_string(pairs).unwrap_or_default()
        )
    }

    pub fn is_signed_in(&self) -> bool {
        self.user.is_some()
    }

    pub fn user_name(&self) -> &str {
        self.user.as_ref().map_or("", |u| u.display_name.as_str())
    }

    /// Supervisors and administrators answer people's requests for their data.
    pub fn answers_data_requests(&self) -> bool {
        self.user.as_ref().is_some_and(crate::privacy::export::may_export)
    }

    /// District and state admins manage the staff of their districts.
    pub fn manages_staff(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.manages_users())
    }

    /// District and state admins edit the district directory.
    pub fn edits_directory(&self) -> bool {
        self.user.as_ref().is_some_and(|u| crate::directory::edits_directory(u.role))
    }

    /// `text` as HTML with the helplines it names as `tel:` links (see [`super::tel`]).
    pub fn tel_links(&self, text: impl AsRef<str>) -> String {
        super::tel::links(text.as_ref(), &[])
    }

    /// [`Page::tel_links`], with `phone` (the centre's number) linked too.
    pub fn tel_links_with(&self, text: impl AsRef<str>, phone: &str) -> String {
        super::tel::links(text.as_ref(), &[phone])
    }

    /// No field error (for time fields in parts of a page that show errors elsewhere).
    pub fn no_error(&self) -> Option<&'static str> {
        None
    }

    /// What a typed time means, shown under a time field (see [`super::when::echo`]).
    pub fn when_echo(&self, text: impl AsRef<str>) -> String {
        match self.now {
            Some(now) => super::when::echo(self, text.as_ref(), now),
            None => String::new(),
        }
    }

    /// The quick choices of every time field, in this page's language.
    pub fn when_choices(&self) -> Vec<String> {
        super::when::choices(self)
    }

    pub fn user_role(&self) -> String {
        self.user.as_ref().map(|u| self.t(&u.role.label_key())).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_switch_keeps_the_query() {
        let p = Page::anonymous(Lang::Hi, "/cases?status=new&lang=hi");
        assert_eq!(p.other_lang_href(), "/cases?status=new&lang=en");
        assert_eq!(Page::anonymous(Lang::En, "").other_lang_href(), "/?lang=hi");
    }
}
