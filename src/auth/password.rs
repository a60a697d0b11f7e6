//! Password hashing with Argon2id. Hashing is deliberately slow, so it runs off the async
//! workers.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

/// The fewest characters a new password may have. Length is what makes a password hard to
/// guess; there are no rules about kinds of characters and no forced changes.
pub const MIN_CHARS: usize = 10;

/// Passwords people pick first that are long enough to pass [`MIN_CHARS`] (lower-case, one a
/// line; made by `scripts/common-passwords.py`).
const COMMON: &str = include_str!("../../data/passwords/common.txt");

/// Why a new password is refused, as a catalog key; `Ok` when it may be used.
pub fn check_new(password: &str, username: &str) -> Result<(), &'static str> {
    let chars: Vec<char> = password.chars().collect();
    if chars.len() < MIN_CHARS {
        return Err("error-password-short");
    }
    if password.chars().count() > 200 {
        return Err("error-password-long");
    }
    let lower = password.trim().to_lowercase();
    let name = username.trim().to_lowercase();
    if !name.is_empty() && lower.contains(&name) {
        return Err("error-password-username");
    }
    let one_char = chars.iter().all(|c| *c == chars[0]);
    if one_char || COMMON.lines().any(|p| p == lower) {
        return Err("error-password-common");
    }
    Ok(())
}

#[derive(Clone, Copy)]
pub struct Hasher {
    params: (u32, u32, u32),
}

/// A hash with the production parameters, checked against when the username is unknown so
/// that a wrong username takes as long as a wrong password.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c2FoYXlha2R1bW15c2FsdA$V3i8qu2w7dqz/0XJMiTtm58Ulca7pS0ROXH1IRzmpnk";

impl Hasher {
    /// OWASP's Argon2id baseline (19 MiB, 2 passes); `fast` is for tests only.
    pub fn new(fast: bool) -> Hasher {
        let params = if fast {
            (Params::MIN_M_COST, 1, 1)
        } else {
            (Params::DEFAULT_M_COST, Params::DEFAULT_T_COST, Params::DEFAULT_P_COST)
        };
        Hasher { params }
    }

    fn argon2(&self) -> Argon2<'static> {
        let (m, t, p) = self.params;
        let params = Params::new(m, t, p, None).expect("valid Argon2 parameters");
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    pub async fn hash(&self, password: String) -> anyhow::Result<String> {
        let argon2 = self.argon2();
        tokio::task::spawn_blocking(move || {
            argon2.hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| anyhow::anyhow!("{e}"))
        })
        .await?
    }

    /// Checks `password` against a stored hash (or against a dummy when there is none).
    pub async fn verify(&self, password: String, stored: Option<String>) -> bool {
        let argon2 = self.argon2();
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_owned());
        let ok = tokio::task::spawn_blocking(move || {
            PasswordHash::new(&stored).is_ok_and(|h| argon2.verify_password(password.as_bytes(), &h).is_ok())
        })
        .await
        .unwrap_or(false);
        known && ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let h = Hasher::new(true);
        let a = h.hash("सही पासवर्ड 1".into()).await.unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, h.hash("सही पासवर्ड 1".into()).await.unwrap());
        assert!(h.verify("सही पासवर्ड 1".into(), Some(a.clone())).await);
        assert!(!h.verify("wrong".into(), Some(a)).await);
        assert!(!h.verify("anything".into(), None).await);
    }

    #[test]
    fn new_passwords_are_long_and_not_common() {
        assert_eq!(check_new("short1", "pooja"), Err("error-password-short"));
        assert_eq!(check_new("Password@123", "pooja"), Err("error-password-common"));
        assert_eq!(check_new("JAIPUR@2026", "pooja"), Err("error-password-common"));
        assert_eq!(check_new("1234567890", "pooja"), Err("error-password-common"));
        assert_eq!(check_new("zzzzzzzzzzzz", "pooja"), Err("error-password-common"));
        assert_eq!(check_new("pooja.meena-99", "pooja.meena"), Err("error-password-username"));
        assert_eq!(check_new(&"x".repeat(201), "pooja"), Err("error-password-long"));
        assert_eq!(check_new("चाय की पत्ती 42", "pooja"), Ok(()));
        assert_eq!(check_new("correct horse battery", "pooja"), Ok(()));
        // The list is what it says: lower-case, long enough to need it.
        assert!(COMMON.lines().count() > 1000);
        assert!(COMMON.lines().all(|p| p.chars().count() >= MIN_CHARS && p == p.to_lowercase()));
    }

    #[test]
    fn dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
