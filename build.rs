//! Gathers the files that features add without touching shared code:
//! - `locales/<lang>/*.ftl` → one catalog per language (`$OUT_DIR/<lang>.ftl`);
//! - `migrations/{sqlite,postgres}/NNNN_name.sql` → the ordered migration list
//!   (`$OUT_DIR/migrations.rs`); every migration must exist for both backends.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn sorted_files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    files.sort();
    files
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));

    for lang in ["en", "hi"] {
        let dir = root.join("locales").join(lang);
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut catalog = String::new();
        for file in sorted_files(&dir, "ftl") {
            println!("cargo::rerun-if-changed={}", file.display());
            catalog.push_str(&std::fs::read_to_string(&file).expect("readable catalog"));
            catalog.push('\n');
        }
        std::fs::write(out.join(format!("{lang}.ftl")), catalog).expect("catalog written");
    }

    let sqlite = root.join("migrations/sqlite");
    let postgres = root.join("migrations/postgres");
    println!("cargo::rerun-if-changed={}", sqlite.display());
    println!("cargo::rerun-if-changed={}", postgres.display());
    let mut list = String::from("&[\n");
    for file in sorted_files(&sqlite, "sql") {
        let name = file.file_stem().expect("file name").to_string_lossy().into_owned();
        let version: i64 = name
            .split('_')
            .next()
            .and_then(|v| v.parse().ok())
            .unwrap_or_else(|| panic!("migration {name} must start with its number, e.g. 0002_name"));
        let pg = postgres.join(format!("{name}.sql"));
        assert!(pg.exists(), "migration {name} has no PostgreSQL version at {}", pg.display());
        writeln!(
            list,
            "    Migration {{ version: {version}, name: {name:?}, sqlite: include_str!({:?}), postgres: include_str!({:?}) }},",
            file.display().to_string(),
            pg.display().to_string()
        )
        .expect("string write");
    }
    for pg in sorted_files(&postgres, "sql") {
        let name = pg.file_stem().expect("file name").to_string_lossy().into_owned();
        assert!(sqlite.join(format!("{name}.sql")).exists(), "migration {name} has no SQLite version");
    }
    list.push(']');
    std::fs::write(out.join("migrations.rs"), list).expect("migration list written");
}
