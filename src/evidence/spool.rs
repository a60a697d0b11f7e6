//! Receiving one file: written to a temporary file under the data dir while its SHA-256 is
//! computed, in 64 KiB buffers, so that no file is ever held whole in memory.
//!
//! A [`Spool`] deletes its file when dropped, on every path out: an error, a size limit, or the
//! request future being dropped because the client went away. Only [`super::storage`] moving it
//! into place keeps the bytes.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rand::RngCore;
use sahayak_domain::evidence::Sha256Hex;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

/// Bytes hashed and written at a time: 16–128 KiB is fastest for SHA-256 here (see the
/// engineering notes); larger buffers fall out of the cache.
pub const CHUNK: usize = 64 * 1024;

/// How many first bytes are kept to tell the file's type.
pub const HEAD: usize = 8 * 1024;

pub struct Spool {
    path: PathBuf,
    file: Option<tokio::fs::File>,
    hasher: Sha256,
    buf: Vec<u8>,
    head: Vec<u8>,
    size: u64,
}

/// A complete, hashed spool file. Still deleted on drop unless storage moved it.
pub struct Spooled {
    path: PathBuf,
    pub sha256: Sha256Hex,
    pub size: u64,
    pub head: Vec<u8>,
}

impl Spooled {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        remove_quietly(&self.path);
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        remove_quietly(&self.path);
    }
}

fn remove_quietly(path: &Path) {
    if path.as_os_str().is_empty() {
        return;
    }
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            tracing::warn!(error = %e, path = %path.display(), "could not remove a spool file")
        }
        _ => {}
    }
}

impl Spool {
    /// A new, empty spool file in `dir` (created if missing). The name is random: a file's own
    /// name never becomes a path.
    pub async fn create(dir: &Path) -> io::Result<Spool> {
        tokio::fs::create_dir_all(dir).await?;
        let mut r = [0u8; 16];
        rand::rng().fill_bytes(&mut r);
        let path = dir.join(format!("upload-{}.part", hex::encode(r)));
        let file = tokio::fs::OpenOptions::new().write(true).create_new(true).open(&path).await?;
        Ok(Spool {
            path,
            file: Some(file),
            hasher: Sha256::new(),
            buf: Vec::with_capacity(CHUNK),
            head: Vec::new(),
            size: 0,
        })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Adds bytes as they arrive.
    pub async fn write(&mut self, mut data: &[u8]) -> io::Result<()> {
        self.size += data.len() as u64;
        if self.head.len() < HEAD {
            let n = (HEAD - self.head.len()).min(data.len());
            self.head.extend_from_slice(&data[..n]);
        }
        while !data.is_empty() {
            let n = (CHUNK - self.buf.len()).min(data.len());
            self.buf.extend_from_slice(&data[..n]);
            data = &data[n..];
            if self.buf.len() == CHUNK {
                self.flush_buf().await?;
            }
        }
        Ok(())
    }

    async fn flush_buf(&mut self) -> io::Result<()> {
        self.hasher.update(&self.buf);
        let file = self.file.as_mut().expect("spool open until finished");
        // tokio's file takes the buffer and writes it on a blocking thread: the next chunk is
        // hashed while this one goes to disk.
        file.write_all(&self.buf).await?;
        self.buf.clear();
        Ok(())
    }

    /// Hashes and writes what is left, and makes the file durable.
    pub async fn finish(mut self) -> io::Result<Spooled> {
        if !self.buf.is_empty() {
            self.flush_buf().await?;
        }
        let mut file = self.file.take().expect("spool open until finished");
        file.flush().await?;
        file.sync_data().await?;
        drop(file);
        let sha256 = Sha256Hex::of_digest(&std::mem::take(&mut self.hasher).finalize());
        // The path moves to the `Spooled`, which deletes it from now on.
        let path = std::mem::take(&mut self.path);
        Ok(Spooled { path, sha256, size: self.size, head: std::mem::take(&mut self.head) })
    }
}

/// Removes spool files left behind by a crash (a process killed mid-upload cannot clean up).
pub fn sweep(dir: &Path, older_than: Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let now = SystemTime::now();
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .filter(|e| {
            e.metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| now.duration_since(t).unwrap_or_default() > older_than)
        })
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_while_writing_and_cleans_up_unless_finished() {
        let dir = tempfile::tempdir().unwrap();
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut s = Spool::create(dir.path()).await.unwrap();
        for part in data.chunks(7_777) {
            s.write(part).await.unwrap();
        }
        let done = s.finish().await.unwrap();
        assert_eq!(done.size, 200_000);
        assert_eq!(done.sha256.as_str(), hex::encode(Sha256::digest(&data)));
        assert_eq!(std::fs::read(done.path()).unwrap(), data);
        assert_eq!(done.head.len(), HEAD);
        drop(done);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "dropped spool removed");

        let mut s = Spool::create(dir.path()).await.unwrap();
        s.write(b"half an upload").await.unwrap();
        drop(s);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "abandoned spool removed");
    }
}
