//! Writing export files safely: atomically (a temporary file in the same
//! directory, then a rename), never over an input, and with the output
//! checked for writability before any long work starts.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::ExportFile;
use crate::error::Error;

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: crate::text::shown(&path.display().to_string()),
        source,
    }
}

fn invalid(path: &Path, message: &str) -> Error {
    io(
        path,
        std::io::Error::new(std::io::ErrorKind::InvalidInput, message.to_owned()),
    )
}

/// The directory a file path lives in (`.` for a bare file name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A fresh temporary file name beside `path`.
fn temp_beside(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let stem = path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Keep the name short whatever the target's length.
    let stem: String = stem.chars().take(40).collect();
    parent_of(path).join(format!(".{stem}.{}-{n}.tmp", std::process::id()))
}

fn write_temp(path: &Path, contents: &[u8]) -> Result<PathBuf, Error> {
    let tmp = temp_beside(path);
    let result = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .and_then(|mut f| {
            f.write_all(contents)?;
            f.sync_all()
        });
    match result {
        Ok(()) => Ok(tmp),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(io(path, e))
        }
    }
}

fn check_target(path: &Path) -> Result<(), Error> {
    if path.as_os_str().is_empty() {
        return Err(invalid(path, "the output path is empty; give a file name"));
    }
    if path.is_dir() {
        return Err(invalid(
            path,
            "it is a directory; give a file name (or a directory where a directory is expected)",
        ));
    }
    Ok(())
}

/// Writes `contents` to `path` atomically: into a temporary file in the same
/// directory, then renamed over `path`. On failure `path` is untouched and
/// no temporary file is left.
///
/// ```
/// let dir = std::env::temp_dir().join(format!("flexline-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("roster.csv");
/// flexline::export::write_atomic(&path, b"worker,date\n")?;
/// assert_eq!(std::fs::read_to_string(&path)?, "worker,date\n");
/// assert!(flexline::export::write_atomic(std::path::Path::new(""), b"x").is_err());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), Error> {
    check_target(path)?;
    let tmp = write_temp(path, contents)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        io(path, e)
    })
}

/// Writes every file into `dir` (created if missing): each is first written
/// to a temporary file, and only when all are written are they renamed into
/// place, so a failure (a full disk, a read-only directory) leaves no
/// partial set.
pub fn write_files_atomic(dir: &Path, files: &[ExportFile]) -> Result<(), Error> {
    if dir.as_os_str().is_empty() {
        return Err(invalid(
            dir,
            "the output directory is empty; give a directory",
        ));
    }
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(files.len());
    for f in files {
        let path = dir.join(&f.name);
        let step = check_target(&path).and_then(|()| write_temp(&path, f.contents.as_bytes()));
        match step {
            Ok(tmp) => written.push((tmp, path)),
            Err(e) => {
                for (tmp, _) in &written {
                    let _ = std::fs::remove_file(tmp);
                }
                return Err(e);
            }
        }
    }
    for (tmp, path) in &written {
        std::fs::rename(tmp, path).map_err(|e| io(path, e))?;
    }
    Ok(())
}

/// Checks, before any long work, that a file can be written at `path`: the
/// path is not empty, not a directory, and its directory exists and accepts
/// a new file (one is created and removed).
pub fn check_writable_file(path: &Path) -> Result<(), Error> {
    check_target(path)?;
    let dir = parent_of(path);
    if !dir.is_dir() {
        return Err(invalid(
            path,
            "its directory does not exist; create it first or give another path",
        ));
    }
    let tmp = write_temp(path, b"")?;
    std::fs::remove_file(&tmp).map_err(|e| io(&tmp, e))
}

/// Checks, before any long work, that files can be written into `dir`: it is
/// created if missing (it must not be a file), and must accept a new file.
pub fn check_writable_dir(dir: &Path) -> Result<(), Error> {
    if dir.as_os_str().is_empty() {
        return Err(invalid(
            dir,
            "the output directory is empty; give a directory",
        ));
    }
    if dir.exists() && !dir.is_dir() {
        return Err(invalid(dir, "it is a file, not a directory"));
    }
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let tmp = write_temp(&dir.join("probe"), b"")?;
    std::fs::remove_file(&tmp).map_err(|e| io(&tmp, e))
}

/// The path made absolute with its existing part resolved (symbolic links
/// followed); a missing file name is kept as given.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let name = path.file_name()?;
    let dir = parent_of(path).canonicalize().ok()?;
    Some(dir.join(name))
}

/// True if writing `output` would overwrite the file `input`: the same path
/// once resolved (symbolic links followed), or a hard link to it.
///
/// ```
/// use std::path::Path;
/// let here = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"));
/// let again = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/../Cargo.toml"));
/// assert!(flexline::export::same_file(here, again));
/// assert!(!flexline::export::same_file(here, Path::new("elsewhere.csv")));
/// ```
pub fn same_file(input: &Path, output: &Path) -> bool {
    if let (Some(a), Some(b)) = (resolved(input), resolved(output)) {
        if a == b {
            return true;
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(input), std::fs::metadata(output)) {
            return a.dev() == b.dev() && a.ino() == b.ino();
        }
    }
    false
}
