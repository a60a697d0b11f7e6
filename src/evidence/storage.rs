//! Where evidence files live, behind one small interface: the local filesystem under the data
//! dir by default, S3-compatible object storage for deployments that outgrow one machine.
//!
//! Files are addressed by their SHA-256 and never change once stored. An upload is first
//! received into a local spool file (see [`super::spool`]) while it is hashed; only a complete,
//! hashed file is handed to [`BlobStore::put`], so a cut-off upload never reaches storage.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;
use futures_util::TryStreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload, WriteMultipart};
use sahayak_domain::evidence::Sha256Hex;
use tokio::io::{AsyncRead, AsyncReadExt};

use crate::config::S3Config;

/// Bytes of a stored file, read as they arrive.
pub type BlobReader = Box<dyn AsyncRead + Send + Unpin>;

/// A file found in storage (see [`BlobStore::list`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredBlob {
    pub sha256: String,
    pub size: u64,
    /// When it was stored, in epoch milliseconds.
    pub stored_at: i64,
}

#[async_trait]
pub trait BlobStore: Send + Sync {
    /// Where the files are, for logs and the verifier's report (no secrets).
    fn describe(&self) -> String;

    async fn exists(&self, sha: &Sha256Hex) -> io::Result<bool>;

    /// Stores the complete spool file `spool` (whose SHA-256 is `sha`) under its hash, unless a
    /// file with that hash is already stored. The spool may be moved away or left for its owner
    /// to delete.
    async fn put(&self, sha: &Sha256Hex, spool: &Path) -> io::Result<()>;

    /// The stored bytes; `NotFound` when there is no such file.
    async fn get(&self, sha: &Sha256Hex) -> io::Result<BlobReader>;

    /// Deletes a stored file (when its cases' retention has ended); a missing file is not an
    /// error, so an interrupted erasure can simply run again.
    async fn delete(&self, sha: &Sha256Hex) -> io::Result<()>;

    /// Every file stored, for finding those no record refers to (a crash between storing a
    /// file and recording it leaves one). Names that are not a hash are left out.
    async fn list(&self) -> io::Result<Vec<StoredBlob>>;
}

fn millis(t: std::time::SystemTime) -> i64 {
    t.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Files under `<root>/ab/cd/<sha256>`, read-only once written.
pub struct FileStore {
    root: PathBuf,
}

impl FileStore {
    pub fn new(root: PathBuf) -> FileStore {
        FileStore { root }
    }

    /// The path of a stored file (two levels of fan-out keep directories small).
    pub fn path_of(&self, sha: &Sha256Hex) -> PathBuf {
        let s = sha.as_str();
        self.root.join(&s[..2]).join(&s[2..4]).join(s)
    }
}

#[async_trait]
impl BlobStore for FileStore {
    fn describe(&self) -> String {
        self.root.display().to_string()
    }

    async fn exists(&self, sha: &Sha256Hex) -> io::Result<bool> {
        tokio::fs::try_exists(self.path_of(sha)).await
    }

    async fn put(&self, sha: &Sha256Hex, spool: &Path) -> io::Result<()> {
        let dest = self.path_of(sha);
        if tokio::fs::try_exists(&dest).await? {
            return Ok(());
        }
        let parent = dest.parent().expect("blob paths have parents");
        tokio::fs::create_dir_all(parent).await?;
        let mut perms = tokio::fs::metadata(spool).await?.permissions();
        perms.set_readonly(true);
        tokio::fs::set_permissions(spool, perms).await?;
        // Same filesystem (the spool is under the data dir too): the file appears whole or not at all.
        tokio::fs::rename(spool, &dest).await?;
        sync_dir(parent).await
    }

    async fn get(&self, sha: &Sha256Hex) -> io::Result<BlobReader> {
        Ok(Box::new(tokio::fs::File::open(self.path_of(sha)).await?))
    }

    async fn delete(&self, sha: &Sha256Hex) -> io::Result<()> {
        match tokio::fs::remove_file(self.path_of(sha)).await {
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    async fn list(&self) -> io::Result<Vec<StoredBlob>> {
        let root = self.root.clone();
        tokio::task::spawn_blocking(move || {
            let mut found = Vec::new();
            let mut dirs = vec![root];
            while let Some(dir) = dirs.pop() {
                let entries = match std::fs::read_dir(&dir) {
                    Ok(e) => e,
                    Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
                    Err(e) => return Err(e),
                };
                for entry in entries {
                    let entry = entry?;
                    let meta = entry.metadata()?;
                    let name = entry.file_name().to_string_lossy().into_owned();
                    if meta.is_dir() {
                        dirs.push(entry.path());
                    } else if name.parse::<Sha256Hex>().is_ok() {
                        let stored_at = meta.modified().map(millis).unwrap_or(0);
                        found.push(StoredBlob { sha256: name, size: meta.len(), stored_at });
                    }
                }
            }
            Ok(found)
        })
        .await
        .map_err(io::Error::other)?
    }
}

/// Makes a rename durable: the directory entry is flushed too.
async fn sync_dir(dir: &Path) -> io::Result<()> {
    let dir = dir.to_owned();
    tokio::task::spawn_blocking(move || std::fs::File::open(dir)?.sync_all()).await.map_err(io::Error::other)?
}

/// Objects `<prefix>/<sha256>` in an S3-compatible bucket.
pub struct S3Store {
    store: Arc<dyn ObjectStore>,
    bucket: String,
    prefix: String,
}

/// Parts of a multipart upload; S3 wants at least 5 MiB per part but the last.
const PART_BYTES: usize = 8 << 20;

impl S3Store {
    pub fn new(c: &S3Config) -> Result<S3Store, String> {
        let mut b = AmazonS3Builder::from_env().with_bucket_name(&c.bucket).with_region(&c.region);
        if let Some(e) = &c.endpoint {
            // Path-style requests (`endpoint/bucket/key`) work with every S3-compatible server.
            b = b.with_endpoint(e).with_virtual_hosted_style_request(false);
        }
        if let Some(k) = &c.access_key_id {
            b = b.with_access_key_id(k);
        }
        if let Some(s) = &c.secret_access_key {
            b = b.with_secret_access_key(s.expose());
        }
        b = b.with_allow_http(c.allow_http);
        let store = b.build().map_err(|e| format!("S3 settings are not usable: {e}"))?;
        Ok(S3Store { store: Arc::new(store), bucket: c.bucket.clone(), prefix: c.prefix.trim_matches('/').to_owned() })
    }

    fn key(&self, sha: &Sha256Hex) -> ObjectPath {
        if self.prefix.is_empty() {
            ObjectPath::from(sha.as_str())
        } else {
            ObjectPath::from(format!("{}/{}", self.prefix, sha.as_str()))
        }
    }

    /// The underlying object store (tests use it to play the intruder).
    pub fn object_store(&self) -> Arc<dyn ObjectStore> {
        self.store.clone()
    }

    pub fn object_key(&self, sha: &Sha256Hex) -> ObjectPath {
        self.key(sha)
    }
}

fn s3_error(e: object_store::Error) -> io::Error {
    match e {
        object_store::Error::NotFound { .. } => io::Error::new(io::ErrorKind::NotFound, e),
        other => io::Error::other(other),
    }
}

#[async_trait]
impl BlobStore for S3Store {
    fn describe(&self) -> String {
        format!("s3://{}/{}", self.bucket, self.prefix)
    }

    async fn exists(&self, sha: &Sha256Hex) -> io::Result<bool> {
        match self.store.head(&self.key(sha)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(e) => Err(s3_error(e)),
        }
    }

    async fn put(&self, sha: &Sha256Hex, spool: &Path) -> io::Result<()> {
        if self.exists(sha).await? {
            return Ok(());
        }
        let key = self.key(sha);
        let mut file = tokio::fs::File::open(spool).await?;
        let size = file.metadata().await?.len();
        if size <= PART_BYTES as u64 {
            let mut buf = Vec::with_capacity(size as usize);
            file.read_to_end(&mut buf).await?;
            self.store.put(&key, PutPayload::from(buf)).await.map_err(s3_error)?;
            return Ok(());
        }
        let upload = self.store.put_multipart(&key).await.map_err(s3_error)?;
        let mut writer = WriteMultipart::new_with_chunk_size(upload, PART_BYTES);
        let mut buf = vec![0u8; 1 << 20];
        let sent: io::Result<()> = async {
            loop {
                let n = file.read(&mut buf).await?;
                if n == 0 {
                    return Ok(());
                }
                writer.wait_for_capacity(4).await.map_err(s3_error)?;
                writer.write(&buf[..n]);
            }
        }
        .await;
        match sent {
            Ok(()) => writer.finish().await.map(|_| ()).map_err(s3_error),
            Err(e) => {
                let _ = writer.abort().await;
                Err(e)
            }
        }
    }

    async fn get(&self, sha: &Sha256Hex) -> io::Result<BlobReader> {
        let got = self.store.get(&self.key(sha)).await.map_err(s3_error)?;
        let stream = got.into_stream().map_err(s3_error);
        Ok(Box::new(tokio_util::io::StreamReader::new(stream)))
    }

    async fn delete(&self, sha: &Sha256Hex) -> io::Result<()> {
        match self.store.delete(&self.key(sha)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(s3_error(e)),
        }
    }

    async fn list(&self) -> io::Result<Vec<StoredBlob>> {
        let prefix = (!self.prefix.is_empty()).then(|| ObjectPath::from(self.prefix.as_str()));
        let metas: Vec<object_store::ObjectMeta> =
            self.store.list(prefix.as_ref()).try_collect().await.map_err(s3_error)?;
        Ok(metas
            .into_iter()
            .filter_map(|m| {
                let name = m.location.filename()?.to_owned();
                name.parse::<Sha256Hex>().ok()?;
                Some(StoredBlob { sha256: name, size: m.size, stored_at: m.last_modified.timestamp_millis() })
            })
            .collect())
    }
}

/// Stands in when the configured storage could not be set up: every use fails with the reason
/// (which was also logged at start).
pub struct Unavailable(pub String);

#[async_trait]
impl BlobStore for Unavailable {
    fn describe(&self) -> String {
        format!("unavailable ({})", self.0)
    }

    async fn exists(&self, _: &Sha256Hex) -> io::Result<bool> {
        Err(io::Error::other(self.0.clone()))
    }

    async fn put(&self, _: &Sha256Hex, _: &Path) -> io::Result<()> {
        Err(io::Error::other(self.0.clone()))
    }

    async fn get(&self, _: &Sha256Hex) -> io::Result<BlobReader> {
        Err(io::Error::other(self.0.clone()))
    }

    async fn delete(&self, _: &Sha256Hex) -> io::Result<()> {
        Err(io::Error::other(self.0.clone()))
    }

    async fn list(&self) -> io::Result<Vec<StoredBlob>> {
        Err(io::Error::other(self.0.clone()))
    }
}
