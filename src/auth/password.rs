//! Password hashing with Argon2id. Hashing is deliberately slow, so it runs off the async
//! workers.

use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::{Algorithm, Argon2, Params, Version};

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
    fn dummy_hash_parses() {
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
    }
}
