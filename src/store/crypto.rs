//! Encryption at rest for the most sensitive fields (the victim's mobile and address, bank
//! account numbers, second-factor secrets, counselling notes).
//!
//! ChaCha20-Poly1305 with a random nonce per value and the column name as associated data,
//! so a value cannot be moved to another column unnoticed. Keys live outside the database, in
//! a key file (or the `SAHAYAK_KEYS` environment variable) holding several keys by id; new
//! values use the active key, old ones stay readable until `sahayak keys rotate` re-encrypts
//! them. A separate index key makes keyed hashes, so an encrypted mobile can still be found.

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use hmac::{Hmac, Mac};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

const PREFIX: &str = "enc1:";

/// The keys. `Debug` shows key ids only.
#[derive(Clone)]
pub struct Keyring {
    keys: BTreeMap<u32, [u8; 32]>,
    active: u32,
    index: [u8; 32],
}

impl fmt::Debug for Keyring {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keyring")
            .field("key_ids", &self.keys.keys().collect::<Vec<_>>())
            .field("active", &self.active)
            .finish()
    }
}

/// The key file's shape (base64 keys).
#[derive(Serialize, Deserialize)]
struct KeyFile {
    active: u32,
    keys: BTreeMap<String, String>,
    index: String,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read or write the key file {0}: {1}")]
    Io(String, std::io::Error),
    #[error("the key file is not valid: {0}")]
    Invalid(String),
    #[error("a value could not be decrypted (wrong key file, or the value was altered)")]
    Decrypt,
}

fn random_key() -> [u8; 32] {
    let mut k = [0u8; 32];
    rand::rng().fill_bytes(&mut k);
    k
}

fn decode_key(s: &str) -> Result<[u8; 32], KeyError> {
    STANDARD
        .decode(s.trim())
        .ok()
        .and_then(|v| <[u8; 32]>::try_from(v.as_slice()).ok())
        .ok_or_else(|| KeyError::Invalid("keys must be 32 bytes, base64".into()))
}

impl Keyring {
    /// A fresh keyring with one key (tests, first start).
    pub fn generate() -> Keyring {
        Keyring { keys: BTreeMap::from([(1, random_key())]), active: 1, index: random_key() }
    }

    pub fn from_json(text: &str) -> Result<Keyring, KeyError> {
        let f: KeyFile = serde_json::from_str(text).map_err(|e| KeyError::Invalid(e.to_string()))?;
        let mut keys = BTreeMap::new();
        for (id, k) in &f.keys {
            let id: u32 = id.parse().map_err(|_| KeyError::Invalid(format!("key id {id:?}")))?;
            keys.insert(id, decode_key(k)?);
        }
        if !keys.contains_key(&f.active) {
            return Err(KeyError::Invalid("the active key is not in the file".into()));
        }
        Ok(Keyring { keys, active: f.active, index: decode_key(&f.index)? })
    }

    pub fn to_json(&self) -> String {
        let f = KeyFile {
            active: self.active,
            keys: self.keys.iter().map(|(id, k)| (id.to_string(), STANDARD.encode(k))).collect(),
            index: STANDARD.encode(self.index),
        };
        serde_json::to_string_pretty(&f).unwrap_or_default()
    }

    /// Reads the key file; `None` when it does not exist.
    pub fn load(path: &Path) -> Result<Option<Keyring>, KeyError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Keyring::from_json(&text).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(KeyError::Io(path.display().to_string(), e)),
        }
    }

    /// Reads the key file, creating it (readable by its owner only) when it does not exist.
    /// Two processes starting at once on an empty data dir end with the same keys: the file is
    /// written under a name of its own and linked into place only if none is there yet, and
    /// the process that finds one there reads it instead.
    pub fn load_or_create(path: &Path) -> Result<Keyring, KeyError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Keyring::from_json(&text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let ring = Keyring::generate();
                let mut r = [0u8; 8];
                rand::rng().fill_bytes(&mut r);
                let mine = path.with_file_name(format!(".sahayak-keys-{}", hex::encode(r)));
                ring.write_new(&mine)?;
                let linked = std::fs::hard_link(&mine, path);
                let _ = std::fs::remove_file(&mine);
                match linked {
                    Ok(()) => Ok(ring),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                        let text =
                            std::fs::read_to_string(path).map_err(|e| KeyError::Io(path.display().to_string(), e))?;
                        Keyring::from_json(&text)
                    }
                    Err(e) => Err(KeyError::Io(path.display().to_string(), e)),
                }
            }
            Err(e) => Err(KeyError::Io(path.display().to_string(), e)),
        }
    }

    /// Writes the keys to a new file (readable by its owner only), flushed to disk.
    fn write_new(&self, path: &Path) -> Result<(), KeyError> {
        use std::io::Write;
        let io = |e| KeyError::Io(path.display().to_string(), e);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.set_permissions(std::fs::Permissions::from_mode(0o600)).map_err(io)?;
        }
        file.write_all(self.to_json().as_bytes()).map_err(io)?;
        file.sync_all().map_err(io)
    }

    pub fn save(&self, path: &Path) -> Result<(), KeyError> {
        let io = |e| KeyError::Io(path.display().to_string(), e);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, self.to_json()).map_err(io)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
        }
        std::fs::rename(&tmp, path).map_err(io)
    }

    /// Adds a new key and makes it the active one; returns its id.
    pub fn rotate(&mut self) -> u32 {
        let id = self.keys.keys().max().copied().unwrap_or(0) + 1;
        self.keys.insert(id, random_key());
        self.active = id;
        id
    }

    pub fn active(&self) -> u32 {
        self.active
    }

    /// Encrypts `value` for `column` under the active key.
    pub fn encrypt(&self, column: &str, value: &str) -> String {
        let key = &self.keys[&self.active];
        let cipher = ChaCha20Poly1305::new(&Key::from(*key));
        let mut nonce = [0u8; 12];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(&Nonce::from(nonce), Payload { msg: value.as_bytes(), aad: column.as_bytes() })
            .expect("encryption of a bounded value cannot fail");
        let mut blob = nonce.to_vec();
        blob.extend_from_slice(&sealed);
        format!("{PREFIX}{}:{}", self.active, URL_SAFE_NO_PAD.encode(blob))
    }

    /// Decrypts a value written by [`Self::encrypt`]; plain text (from before encryption was
    /// switched on) passes through unchanged.
    pub fn decrypt(&self, column: &str, stored: &str) -> Result<String, KeyError> {
        let Some(rest) = stored.strip_prefix(PREFIX) else { return Ok(stored.to_owned()) };
        let (kid, b64) = rest.split_once(':').ok_or(KeyError::Decrypt)?;
        let key = kid.parse::<u32>().ok().and_then(|k| self.keys.get(&k)).ok_or(KeyError::Decrypt)?;
        let blob = URL_SAFE_NO_PAD.decode(b64).map_err(|_| KeyError::Decrypt)?;
        if blob.len() < 12 {
            return Err(KeyError::Decrypt);
        }
        let cipher = ChaCha20Poly1305::new(&Key::from(*key));
        let nonce: [u8; 12] = blob[..12].try_into().map_err(|_| KeyError::Decrypt)?;
        let plain = cipher
            .decrypt(&Nonce::from(nonce), Payload { msg: &blob[12..], aad: column.as_bytes() })
            .map_err(|_| KeyError::Decrypt)?;
        String::from_utf8(plain).map_err(|_| KeyError::Decrypt)
    }

    /// Whether a stored value is encrypted under the active key already.
    pub fn is_current(&self, stored: &str) -> bool {
        stored
            .strip_prefix(PREFIX)
            .and_then(|r| r.split_once(':'))
            .is_some_and(|(kid, _)| kid == self.active.to_string())
    }

    /// A keyed hash of a value, for finding encrypted values by equality.
    pub fn index(&self, value: &str) -> String {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&self.index).expect("HMAC takes any key length");
        mac.update(value.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }
}

impl super::Store {
    /// Re-encrypts every encrypted value not yet under the active key (after a rotation, or
    /// values written before encryption was switched on). Returns how many changed.
    pub async fn reencrypt_all(&self) -> super::StoreResult<u64> {
        let mut changed = 0;
        for (table, column) in [
            ("cases", "victim_mobile"),
            ("cases", "victim_address"),
            ("cases", "victim_code"),
            ("money_trail", "from_account"),
            ("money_trail", "to_account"),
            ("users", "totp_secret"),
            ("victim_requests", "victim_message"),
            ("counselling_sessions", "counselling_notes"),
            ("installation", "key_check"),
        ] {
            // Erased values are empty strings: nothing to re-encrypt.
            let select = format!(
                "SELECT id, {column} FROM {table}
                 WHERE {column} IS NOT NULL AND {column} <> '' AND id > $1 ORDER BY id LIMIT 500"
            );
            let update = format!("UPDATE {table} SET {column} = $1 WHERE id = $2");
            let mut after = 0i64;
            loop {
                let rows: Vec<(i64, String)> =
                    sqlx::query_as(sqlx::AssertSqlSafe(select.clone())).bind(after).fetch_all(self.pool()).await?;
                let Some(last) = rows.last() else { break };
                after = last.0;
                let mut w = self.write().await?;
                for (id, stored) in rows {
                    if self.keys.is_current(&stored) {
                        continue;
                    }
                    let clear =
                        self.keys.decrypt(column, &stored).map_err(|e| super::StoreError::Crypto(e.to_string()))?;
                    sqlx::query(sqlx::AssertSqlSafe(update.clone()))
                        .bind(self.keys.encrypt(column, &clear))
                        .bind(id)
                        .execute(w.conn())
                        .await?;
                    changed += 1;
                }
                w.commit().await?;
            }
        }
        // Values written before the mobile had an index get one.
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, victim_mobile FROM cases WHERE victim_mobile_idx IS NULL AND victim_mobile <> ''",
        )
        .fetch_all(self.pool())
        .await?;
        for chunk in rows.chunks(500) {
            let mut w = self.write().await?;
            for (id, stored) in chunk {
                let clear =
                    self.keys.decrypt("victim_mobile", stored).map_err(|e| super::StoreError::Crypto(e.to_string()))?;
                sqlx::query("UPDATE cases SET victim_mobile_idx = $1 WHERE id = $2")
                    .bind(self.keys.index(&clear))
                    .bind(*id)
                    .execute(w.conn())
                    .await?;
            }
            w.commit().await?;
        }
        Ok(changed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip_and_are_bound_to_their_column() {
        let k = Keyring::generate();
        let c = k.encrypt("victim_mobile", "+919876543210");
        assert!(c.starts_with("enc1:1:"));
        assert!(!c.contains("9876543210"));
        assert_ne!(c, k.encrypt("victim_mobile", "+919876543210"), "a fresh nonce each time");
        assert_eq!(k.decrypt("victim_mobile", &c).unwrap(), "+919876543210");
        assert!(k.decrypt("victim_address", &c).is_err(), "moved to another column");
        let mut tampered = c.clone();
        tampered.pop();
        tampered.push(if c.ends_with('A') { 'B' } else { 'A' });
        assert!(k.decrypt("victim_mobile", &tampered).is_err());
        assert_eq!(k.decrypt("victim_mobile", "plain from before").unwrap(), "plain from before");
    }

    #[test]
    fn rotation_keeps_old_values_readable_and_the_index_stable() {
        let mut k = Keyring::generate();
        let old = k.encrypt("x", "secret");
        let index = k.index("+919876543210");
        assert_eq!(k.rotate(), 2);
        assert!(!k.is_current(&old));
        assert_eq!(k.decrypt("x", &old).unwrap(), "secret");
        assert!(k.encrypt("x", "secret").starts_with("enc1:2:"));
        assert_eq!(k.index("+919876543210"), index);
        let reread = Keyring::from_json(&k.to_json()).unwrap();
        assert_eq!(reread.decrypt("x", &old).unwrap(), "secret");
        assert!(!format!("{k:?}").contains(&STANDARD.encode(k.index)), "Debug shows no key");
    }

    #[test]
    fn a_wrong_key_file_is_refused() {
        assert!(Keyring::from_json("{}").is_err());
        assert!(Keyring::from_json(r#"{"active": 2, "keys": {"1": "AAAA"}, "index": "AAAA"}"#).is_err());
    }
}
