//! Receiving one file: written to a temporary file under the data dir while its SHA-256 is
//! computed (in pieces of at most 64 KiB), so that no file is ever held whole in memory.
//!
//! A [`Spool`] deletes its file when dropped, on every path out: an error, a size limit, or the
//! request future being dropped because the client went away. Only [`super::storage`] moving it
//! into place keeps the bytes.

use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use std::io::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use bytes::Bytes;
use rand::RngCore;
use sahayak_domain::evidence::Sha256Hex;
use sha2::{Digest, Sha256};

/// Bytes hashed (and read back by the verifier) at a time: 16–128 KiB is fastest for SHA-256
/// here (see the engineering notes); larger buffers fall out of the cache.
pub const CHUNK: usize = 64 * 1024;

/// How many first bytes are kept to tell the file's type.
pub const HEAD: usize = 8 * 1024;

pub struct Spool {
    path: PathBuf,
    /// Chunks on their way to the writer thread; `None` once finished.
    to_disk: Option<tokio::sync::mpsc::Sender<Bytes>>,
    writer: Option<tokio::task::JoinHandle<io::Result<()>>>,
    cancelled: Arc<AtomicBool>,
    hasher: Sha256,
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
        // Unfinished: the writer thread stops at its next chunk, and the file goes.
        self.cancelled.store(true, Ordering::Relaxed);
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

/// Bytes written to disk at a time by the writer thread (fewer system calls than 64 KiB).
const WRITE: usize = 1 << 20;

/// Chunks that may wait for the disk before the sender waits too.
const QUEUE: usize = 64;

impl Spool {
    /// A new, empty spool file in `dir` (created if missing). The name is random: a file's own
    /// name never becomes a path. Writing happens on a thread of its own, so that hashing the
    /// next chunk never waits for the disk.
    pub async fn create(dir: &Path) -> io::Result<Spool> {
        tokio::fs::create_dir_all(dir).await?;
        let mut r = [0u8; 16];
        rand::rng().fill_bytes(&mut r);
        let path = dir.join(format!("upload-{}.part", hex::encode(r)));
        let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path)?;
        let (tx, rx) = tokio::sync::mpsc::channel::<Bytes>(QUEUE);
        let cancelled = Arc::new(AtomicBool::new(false));
        let stop = cancelled.clone();
        let writer = tokio::task::spawn_blocking(move || write_all(file, rx, &stop));
        Ok(Spool {
            path,
            to_disk: Some(tx),
            writer: Some(writer),
            cancelled,
            hasher: Sha256::new(),
            head: Vec::new(),
            size: 0,
        })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// Adds bytes as they arrive: hashed here, written by the writer thread.
    pub async fn write(&mut self, data: Bytes) -> io::Result<()> {
        self.size += data.len() as u64;
        if self.head.len() < HEAD {
            let n = (HEAD - self.head.len()).min(data.len());
            self.head.extend_from_slice(&data[..n]);
        }
        for piece in data.chunks(CHUNK) {
            self.hasher.update(piece);
        }
        let tx = self.to_disk.as_ref().expect("spool open until finished");
        if tx.send(data).await.is_err() {
            // The writer stopped: its error says why.
            return Err(self.stop_writer().await.err().unwrap_or_else(|| io::Error::other("spool writer stopped")));
        }
        Ok(())
    }

    async fn stop_writer(&mut self) -> io::Result<()> {
        self.to_disk = None;
        match self.writer.take() {
            Some(w) => w.await.map_err(io::Error::other)?,
            None => Ok(()),
        }
    }

    /// Waits until everything is on disk (and durable).
    pub async fn finish(mut self) -> io::Result<Spooled> {
        self.stop_writer().await?;
        let sha256 = Sha256Hex::of_digest(&std::mem::take(&mut self.hasher).finalize());
        // The path moves to the `Spooled`, which deletes it from now on.
        let path = std::mem::take(&mut self.path);
        Ok(Spooled { path, sha256, size: self.size, head: std::mem::take(&mut self.head) })
    }
}

/// The writer thread: gathers chunks into 1 MiB writes; at the end, makes the file durable.
fn write_all(
    mut file: std::fs::File,
    mut rx: tokio::sync::mpsc::Receiver<Bytes>,
    cancelled: &AtomicBool,
) -> io::Result<()> {
    let mut buf: Vec<u8> = Vec::with_capacity(WRITE);
    while let Some(chunk) = rx.blocking_recv() {
        if cancelled.load(Ordering::Relaxed) {
            return Ok(());
        }
        if buf.len() + chunk.len() > WRITE && !buf.is_empty() {
            file.write_all(&buf)?;
            buf.clear();
        }
        if chunk.len() >= WRITE {
            file.write_all(&chunk)?;
        } else {
            buf.extend_from_slice(&chunk);
        }
    }
    if cancelled.load(Ordering::Relaxed) {
        return Ok(());
    }
    file.write_all(&buf)?;
    file.sync_data()
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
            s.write(Bytes::copy_from_slice(part)).await.unwrap();
        }
        let done = s.finish().await.unwrap();
        assert_eq!(done.size, 200_000);
        assert_eq!(done.sha256.as_str(), hex::encode(Sha256::digest(&data)));
        assert_eq!(std::fs::read(done.path()).unwrap(), data);
        assert_eq!(done.head.len(), HEAD);
        drop(done);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "dropped spool removed");

        let mut s = Spool::create(dir.path()).await.unwrap();
        s.write(Bytes::from_static(b"half an upload")).await.unwrap();
        drop(s);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "abandoned spool removed");
    }
}
