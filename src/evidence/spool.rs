//! Receiving one file: written to a temporary file under the data dir while its SHA-256 is
//! computed, in 64 KiB buffers, so that no file is ever held whole in memory.
//!
//! A [`Spool`] deletes its file when dropped, on every path out: an error, a size limit, or the
//! request future being dropped because the client went away. Only [`super::storage`] moving it
//! into place keeps the bytes.

use std::io;
use std::path::{Path, PathBuf};

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

/// This process's spool directory, `<tmp>/<random>`, locked (an advisory lock on the directory
/// itself) for as long as the process lives. The lock goes with the process however it ends,
/// so the start-up [`sweep`] of another server on the same data dir can tell a directory in use
/// from one a crash left behind.
pub struct SpoolDir {
    path: PathBuf,
    _lock: Option<std::fs::File>,
}

impl SpoolDir {
    /// Claims a new spool directory under `tmp`. It is made and locked under a hidden name and
    /// only then renamed into view, so no sweep can take it for abandoned in between.
    pub fn claim(tmp: &Path) -> io::Result<SpoolDir> {
        std::fs::create_dir_all(tmp)?;
        let mut r = [0u8; 8];
        rand::rng().fill_bytes(&mut r);
        let name = hex::encode(r);
        let hidden = tmp.join(format!(".new-{name}"));
        std::fs::create_dir(&hidden)?;
        let lock = std::fs::File::open(&hidden)?;
        lock.try_lock().map_err(io::Error::other)?;
        let path = tmp.join(name);
        std::fs::rename(&hidden, &path)?;
        Ok(SpoolDir { path, _lock: Some(lock) })
    }

    /// `tmp` itself, unlocked: when no directory could be claimed (logged by the caller).
    pub fn unclaimed(tmp: &Path) -> SpoolDir {
        SpoolDir { path: tmp.to_owned(), _lock: None }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Removes what crashed processes left under `tmp`: every spool directory whose owner is gone
/// (its lock can be taken) with everything in it, and loose spool files of older versions.
/// Directories of running servers are left alone. Returns how many files were removed.
pub fn sweep(tmp: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(tmp) else { return 0 };
    let mut removed = 0;
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_file() && name.ends_with(".part") {
            removed += usize::from(std::fs::remove_file(&path).is_ok());
        } else if kind.is_dir() && !name.starts_with('.') {
            let Ok(dir) = std::fs::File::open(&path) else { continue };
            if dir.try_lock().is_err() {
                continue; // a live server's
            }
            let files = std::fs::read_dir(&path).map_or(0, |d| d.filter_map(Result::ok).count());
            if std::fs::remove_dir_all(&path).is_ok() {
                removed += files;
            }
        }
    }
    removed
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

    #[tokio::test]
    async fn the_start_up_sweep_removes_what_dead_processes_left_and_nothing_in_use() {
        let tmp = tempfile::tempdir().unwrap();
        let tmp = tmp.path();
        // A live server's directory with an upload in progress.
        let live = SpoolDir::claim(tmp).unwrap();
        let mut upload = Spool::create(live.path()).await.unwrap();
        upload.write(b"arriving").await.unwrap();
        // A crashed server's directory (nobody holds its lock) and an older version's file.
        let dead = tmp.join("0123456789abcdef");
        std::fs::create_dir(&dead).unwrap();
        std::fs::write(dead.join("upload-1.part"), b"half").unwrap();
        std::fs::write(dead.join("upload-2.part"), b"half").unwrap();
        std::fs::write(tmp.join("upload-old.part"), b"half").unwrap();
        assert_eq!(sweep(tmp), 3);
        assert!(!dead.exists() && !tmp.join("upload-old.part").exists());
        assert_eq!(std::fs::read_dir(live.path()).unwrap().count(), 1, "the live upload is kept");
        drop(upload);
        // Once its owner is gone, the live one is swept too.
        drop(live);
        sweep(tmp);
        assert_eq!(std::fs::read_dir(tmp).unwrap().count(), 0);
    }
}
