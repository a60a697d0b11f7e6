//! The typst `World` documents are compiled in: the templates, the fonts and one JSON file of
//! data, all in memory. Nothing is read from the machine (its fonts, its files) or fetched.
//!
//! The library, the font book, the fonts and the parsed templates are built once per process
//! and shared by every render ([`Shared`]); a render only adds its data file. Because typst
//! memoises on what a compilation reads, warm renders re-use the layout of everything that did
//! not change.

use std::collections::HashMap;
use std::sync::LazyLock;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::data::Kind;

/// Where templates find the document's data: `json("/data.json")`.
pub const DATA_PATH: &str = "/data.json";

/// The templates, compiled in. `common.typ` holds what every document shares.
pub(crate) const TEMPLATES: &[(&str, &str)] = &[
    ("common.typ", include_str!("../templates/common.typ")),
    ("portal-complaint.typ", include_str!("../templates/portal-complaint.typ")),
    ("police-letter.typ", include_str!("../templates/police-letter.typ")),
    ("bank-letter.typ", include_str!("../templates/bank-letter.typ")),
    ("restoration-petition.typ", include_str!("../templates/restoration-petition.typ")),
    ("s63-certificate.typ", include_str!("../templates/s63-certificate.typ")),
    ("victim-plan.typ", include_str!("../templates/victim-plan.typ")),
    ("case-summary.typ", include_str!("../templates/case-summary.typ")),
    ("restoration-application.typ", include_str!("../templates/restoration-application.typ")),
    ("participation-certificate.typ", include_str!("../templates/participation-certificate.typ")),
    ("monthly-report.typ", include_str!("../templates/monthly-report.typ")),
];

/// Noto Sans for Latin text, Noto Sans Devanagari for Hindi (SIL OFL 1.1, see fonts/OFL.txt).
const FONTS: &[&[u8]] = &[
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf"),
    include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf"),
];

/// What every render shares, built on first use.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    sources: HashMap<FileId, Source>,
    data: FileId,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONTS.iter().flat_map(|data| Font::iter(Bytes::new(*data))).collect();
    let sources = TEMPLATES
        .iter()
        .map(|(name, text)| {
            let id = file_id(&format!("/{name}"));
            (id, Source::new(id, (*text).to_owned()))
        })
        .collect();
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        sources,
        data: file_id(DATA_PATH),
    }
});

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a valid, fixed virtual path");
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// Builds the shared parts now (fonts parsed, templates parsed) rather than on the first
/// request.
pub fn warm_up() {
    LazyLock::force(&SHARED);
}

/// The families of the shipped fonts, for tests.
pub fn font_families() -> Vec<String> {
    SHARED.book.families().map(|(name, _)| name.to_owned()).collect()
}

/// One render: the shared parts plus this document's data.
pub struct DocWorld {
    main: FileId,
    data: Bytes,
}

impl DocWorld {
    pub fn new(kind: Kind, data: Vec<u8>) -> DocWorld {
        DocWorld::of_template(kind.code(), data)
    }

    /// A render of `templates/{name}.typ`.
    pub fn of_template(name: &str, data: Vec<u8>) -> DocWorld {
        DocWorld { main: file_id(&format!("/{name}.typ")), data: Bytes::new(data) }
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &SHARED.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &SHARED.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        SHARED.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == SHARED.data {
            return Ok(self.data.clone());
        }
        match SHARED.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.text().to_owned())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        SHARED.fonts.get(index).cloned()
    }

    /// Documents carry their own date (in IST) in their data; `datetime.today()` is not offered,
    /// so that the same data always gives the same document.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        None
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.vpath().get_with_slash().trim_start_matches('/').into())
}

/// `file:line` of a diagnostic, for error messages about templates.
pub fn location(world: &DocWorld, span: typst::syntax::DiagSpan) -> String {
    let Some(id) = span.id() else { return String::from("?") };
    let name = id.vpath().get_with_slash().to_owned();
    let line = world
        .source(id)
        .ok()
        .and_then(|s| {
            let range = typst::WorldExt::range(world, span)?;
            s.lines().byte_to_line(range.start)
        })
        .map(|l| l + 1);
    match line {
        Some(l) => format!("{name}:{l}"),
        None => name,
    }
}
