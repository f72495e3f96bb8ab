//! The only module that touches the output folder.
//!
//! The new site is written to a sibling folder, then swapped in by one
//! atomic exchange of names (Linux `renameat2(RENAME_EXCHANGE)`; two renames
//! elsewhere), so a build that fails, is killed or runs out of disk leaves
//! the last good output as it was, a reader never sees half of one site and
//! half of another, and the output never stops existing. A lock beside the
//! output keeps two builds from writing it at once, and lets the next build
//! clean up what a killed one left.
//!
//! Files whose bytes are unchanged are not written again but
//! hard-linked from the old output: that is cheaper, keeps their modification
//! times for caches and sync tools, and makes removing the old folder cheap,
//! since its unchanged files still belong to the new one (on this machine's
//! disk, freeing the blocks of ~20,000 rewritten files took 15–45 s).

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::render::OutputFile;

/// Where a build puts its files as it makes them; shared by every core.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> io::Result<()>;

    /// Put a file given in parts, as the renderer makes a file of tens of
    /// megabytes (the open data's datasets): a sink that writes each part
    /// as it comes never holds the whole file.
    fn put_parts(&self, path: String, parts: &mut dyn Iterator<Item = Vec<u8>>) -> io::Result<()> {
        let bytes = parts.flatten().collect();
        self.put(OutputFile { path, bytes })
    }

    /// Where the files go, for error messages.
    fn place(&self) -> &Path {
        Path::new("")
    }
}

/// Files kept in memory: a build whose output is [`crate::Output::Memory`].
#[derive(Default)]
pub struct Memory {
    /// Path → bytes; a path put twice keeps the last.
    files: Mutex<HashMap<String, Vec<u8>>>,
}

impl Memory {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let files = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        let mut files: Vec<OutputFile> = files
            .into_iter()
            .map(|(path, bytes)| OutputFile { path, bytes })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> io::Result<()> {
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(file.path, file.bytes);
        Ok(())
    }
}

/// Only the paths of the files put, for `check`: every page is made, so
/// template errors are found, but none is kept.
#[derive(Default)]
pub struct Paths {
    paths: Mutex<Vec<String>>,
}

impl Paths {
    /// The paths, sorted.
    pub fn into_paths(self) -> Vec<String> {
        let mut paths = self.paths.into_inner().unwrap_or_else(|e| e.into_inner());
        paths.sort();
        paths
    }
}

impl Sink for Paths {
    fn put(&self, file: OutputFile) -> io::Result<()> {
        self.paths
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(file.path);
        Ok(())
    }

    /// The parts are made (making them may put other files) and dropped.
    fn put_parts(&self, path: String, parts: &mut dyn Iterator<Item = Vec<u8>>) -> io::Result<()> {
        parts.for_each(drop);
        self.put(OutputFile {
            path,
            bytes: Vec::new(),
        })
    }
}

/// A new output folder being written beside the old one. Each file is written
/// the moment it is put and its bytes dropped, so a build never holds the
/// whole site; [`Staging::commit`] swaps the folder in, and dropping an
/// uncommitted one removes it, leaving the old output as it was.
///
/// Beside an output `public` live, at most:
/// - `.public.lock`: locked by the build writing `public` (kept between builds);
/// - `.public.tmp-PID`: a site being written, or a replaced one being removed;
///   never complete by name, so never restored;
/// - `.public.old-PID`: a complete site moved out of the way by the two-rename
///   fallback of [`swap_in`]; restored if a build died before putting the new
///   one in its place.
///
/// Whoever holds the lock owns these names: a build that finds them after
/// taking it knows their owner is dead (the kernel drops a lock with its
/// process, however it ended) and removes them.
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    /// The output being replaced, if any: unchanged files are linked from it.
    previous: Option<PathBuf>,
    committed: bool,
    /// Held until the build is committed or dropped.
    _lock: fs::File,
}

impl Staging {
    /// Start a new output folder that will replace `output`: take the lock,
    /// clean up after dead builds (restoring the last good output if a dead
    /// build had moved it away), then create the staging folder.
    pub fn begin(output: &Path) -> io::Result<Staging> {
        let (parent, name, lock) = lock_and_recover(output)?;
        let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
        fs::create_dir_all(&staging)?;
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            retired,
            previous: output.is_dir().then(|| output.to_path_buf()),
            committed: false,
            _lock: lock,
        })
    }

    /// Swap the new folder in for the old one, which is then removed.
    pub fn commit(self) -> io::Result<()> {
        self.commit_with(exchange)
    }

    /// [`Staging::commit`] with the exchange to try (tests give one that cannot).
    fn commit_with(
        mut self,
        exchange: impl Fn(&Path, &Path) -> io::Result<bool>,
    ) -> io::Result<()> {
        let garbage = swap_in(&self.staging, &self.output, &self.retired, exchange)?;
        self.committed = true;
        if let Some(garbage) = garbage {
            remove_any(&garbage)?;
        }
        Ok(())
    }
}

/// Clean up after dead builds beside `output`, putting back the last good
/// output if a dead build had moved it away, without writing anything else.
/// A build does this first, so that even a build that then fails on its
/// content leaves a site behind.
pub fn recover_output(output: &Path) -> io::Result<()> {
    lock_and_recover(output).map(drop)
}

/// Take the lock beside `output` and clean up; gives the folder `output` is
/// in, its name and the held lock.
fn lock_and_recover(output: &Path) -> io::Result<(PathBuf, String, fs::File)> {
    let parent = match output.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let name = output
        .file_name()
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "the output path has no folder name",
            )
        })?
        .to_string_lossy()
        .into_owned();
    let lock = lock(&parent.join(format!(".{name}.lock")), output)?;
    recover(&parent, &name, output)?;
    Ok((parent, name, lock))
}

/// Take the lock beside the output, or fail at once if another build holds
/// it. Failing rather than waiting: two builds writing the same output at
/// once is a mistake in a script or CI setup, better reported than hidden
/// behind a wait that may never end.
fn lock(path: &Path, output: &Path) -> io::Result<fs::File> {
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)?;
    match file.try_lock() {
        Ok(()) => {
            // The holder's pid, for the message another build would give.
            file.set_len(0)?;
            file.write_all(format!("{}\n", std::process::id()).as_bytes())?;
            Ok(file)
        }
        Err(fs::TryLockError::WouldBlock) => {
            let holder = fs::read_to_string(path).unwrap_or_default();
            let holder = holder.trim();
            let holder = if holder.is_empty() { "?" } else { holder };
            Err(io::Error::new(
                io::ErrorKind::WouldBlock,
                format!(
                    "another build (process {holder}) is writing {}; wait for it to end (lock file {})",
                    output.display(),
                    path.display()
                ),
            ))
        }
        Err(fs::TryLockError::Error(error)) => Err(error),
    }
}

/// Clean up what dead builds left beside `output` (the caller holds the lock,
/// so every staging or retired folder found is a dead build's). If there is
/// no output but a complete retired one, it is put back first.
fn recover(parent: &Path, name: &str, output: &Path) -> io::Result<()> {
    let (tmp, old) = (format!(".{name}.tmp-"), format!(".{name}.old-"));
    let mut staging = Vec::new();
    let mut retired = Vec::new();
    for entry in fs::read_dir(parent)? {
        let entry = entry?;
        let file_name = entry.file_name();
        let file_name = file_name.to_string_lossy();
        let owned_by_pid = |prefix: &str| {
            file_name
                .strip_prefix(prefix)
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        };
        if owned_by_pid(&tmp) {
            staging.push(entry.path());
        } else if owned_by_pid(&old) {
            let modified = entry.metadata().and_then(|m| m.modified()).ok();
            retired.push((modified, entry.path()));
        }
    }
    if output.symlink_metadata().is_err() {
        // Only one can exist unless builds died repeatedly; the newest is the last good.
        retired.sort();
        if let Some((_, last_good)) = retired.pop() {
            fs::rename(&last_good, output)?;
        }
    }
    for path in staging.iter().chain(retired.iter().map(|(_, path)| path)) {
        remove_any(path)?;
    }
    Ok(())
}

/// Put `staging` in the place of `output`, atomically where the system can:
/// `exchange` swaps the two names in one step, so `output` never stops
/// existing. Where it cannot (not Linux, or a file system without
/// `RENAME_EXCHANGE`), two renames: `output` to `retired`, `staging` to
/// `output`; a build killed between them leaves no output but a complete
/// `retired`, which the next build's [`recover`] puts back.
///
/// Returns the replaced output, under a name that marks it for removal.
fn swap_in(
    staging: &Path,
    output: &Path,
    retired: &Path,
    exchange: impl Fn(&Path, &Path) -> io::Result<bool>,
) -> io::Result<Option<PathBuf>> {
    if output.symlink_metadata().is_err() {
        fs::rename(staging, output)?;
        return Ok(None);
    }
    if exchange(staging, output)? {
        // The old site now sits at the staging name, which is never restored.
        return Ok(Some(staging.to_path_buf()));
    }
    fs::rename(output, retired)?;
    if let Err(error) = fs::rename(staging, output) {
        let _ = fs::rename(retired, output);
        return Err(error);
    }
    // Renamed before removal, so a half-removed site is never taken for a complete one.
    match fs::rename(retired, staging) {
        Ok(()) => Ok(Some(staging.to_path_buf())),
        Err(_) => Ok(Some(retired.to_path_buf())),
    }
}

/// Exchange the names `a` and `b` in one step; `Ok(false)` if this system or
/// file system cannot, so the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let c_path = |path: &Path| {
        CString::new(path.as_os_str().as_bytes())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "a path holds a NUL byte"))
    };
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call. The raw
    // system call rather than glibc's wrapper, which older glibc lacks.
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Remove a folder, file or link, if it is there.
fn remove_any(path: &Path) -> io::Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(error) => Err(error),
    };
    match result {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        result => result,
    }
}

impl Sink for Staging {
    fn place(&self) -> &Path {
        &self.output
    }

    /// Write one file; a file with the same bytes in the old output is
    /// hard-linked from there instead.
    fn put(&self, file: OutputFile) -> io::Result<()> {
        let target = self.staging.join(&file.path);
        let linked = self.previous.as_ref().is_some_and(|previous| {
            let old = previous.join(&file.path);
            same_bytes(&old, &file.bytes)
                && with_parent(&target, |t| fs::hard_link(&old, t)).is_ok()
        });
        if !linked {
            with_parent(&target, create_new)?.write_all(&file.bytes)?;
        }
        Ok(())
    }

    /// Write one file part by part. It is written anew even if the old
    /// output has the same bytes: these are a few large files, and
    /// comparing them would mean holding them whole.
    fn put_parts(&self, path: String, parts: &mut dyn Iterator<Item = Vec<u8>>) -> io::Result<()> {
        let mut file = with_parent(&self.staging.join(&path), create_new)?;
        for part in parts {
            file.write_all(&part)?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Create a file that should not exist yet. If it does (two files of the
/// same path), it is replaced, not written through: it may be a hard link to
/// the old output, which must stay as it was until the swap.
fn create_new(path: &Path) -> io::Result<fs::File> {
    let open = || {
        fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    match open() {
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(path)?;
            open()
        }
        result => result,
    }
}

/// Run `make` on `path`, creating its folder first if it is missing.
fn with_parent<T>(path: &Path, make: impl Fn(&Path) -> io::Result<T>) -> io::Result<T> {
    match make(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            make(path)
        }
        result => result,
    }
}

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// Make `output` hold exactly `files`, replacing what was there in one step.
    fn write_atomically(output: &Path, files: &[OutputFile]) -> io::Result<()> {
        let staging = Staging::begin(output)?;
        files
            .par_iter()
            .try_for_each(|file| staging.put(file.clone()))?;
        staging.commit()
    }

    /// `path` relative to `root`, with `/` separators, as output paths are written.
    fn relative_path(root: &Path, path: &Path) -> String {
        path.strip_prefix(root)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn replaces_the_whole_folder() {
        let dir = std::env::temp_dir().join(format!("chengguo-write-{}", std::process::id()));
        let output = dir.join("public");
        write_atomically(
            &output,
            &[file("a/index.html", "one"), file("old.html", "x")],
        )
        .unwrap();
        write_atomically(&output, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(
            fs::read_to_string(output.join("a/index.html")).unwrap(),
            "two"
        );
        assert!(!output.join("old.html").exists());
        assert_eq!(names(&dir), [".public.lock", "public"]);
        fs::remove_dir_all(dir).unwrap();
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("chengguo-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn tree(root: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(root)
            .min_depth(1)
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let bytes = if e.file_type().is_file() {
                    fs::read(e.path()).unwrap()
                } else {
                    b"<folder>".to_vec()
                };
                (relative_path(root, e.path()), bytes)
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn rewriting_a_folder_gives_the_same_folder_as_a_fresh_write() {
        let dir = std::env::temp_dir().join(format!("chengguo-update-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let (updated, fresh) = (dir.join("updated"), dir.join("fresh"));
        write_atomically(
            &updated,
            &[
                file("same.html", "same"),
                file("changed.html", "old"),
                file("gone/deep/index.html", "gone"),
                file("becomes-folder", "file"),
                file("becomes-file/index.html", "folder"),
                file("resized.html", "short"),
            ],
        )
        .unwrap();
        let before = fs::metadata(updated.join("same.html"))
            .unwrap()
            .modified()
            .unwrap();
        fs::write(updated.join("stray.txt"), "not ours").unwrap();
        let next = [
            file("same.html", "same"),
            file("changed.html", "new"),
            file("becomes-folder/index.html", "now a folder"),
            file("becomes-file", "now a file"),
            file("resized.html", "much longer now"),
            file("added/index.html", "added"),
        ];
        std::thread::sleep(std::time::Duration::from_millis(20));
        write_atomically(&updated, &next).unwrap();
        write_atomically(&fresh, &next).unwrap();
        assert_eq!(tree(&updated), tree(&fresh));
        let after = fs::metadata(updated.join("same.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(before, after, "an unchanged file is not rewritten");
        assert_eq!(
            names(&dir),
            [".fresh.lock", ".updated.lock", "fresh", "updated"],
            "no staging or old folder is left"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_path_put_twice_never_writes_through_to_the_old_output() {
        let dir = std::env::temp_dir().join(format!("chengguo-twice-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let output = dir.join("public");
        write_atomically(&output, &[file("style.css", "old")]).unwrap();
        let staging = Staging::begin(&output).unwrap();
        // The first is linked from the old output, the second replaces it.
        staging.put(file("style.css", "old")).unwrap();
        staging.put(file("style.css", "new")).unwrap();
        assert_eq!(fs::read_to_string(output.join("style.css")).unwrap(), "old");
        staging.commit().unwrap();
        assert_eq!(fs::read_to_string(output.join("style.css")).unwrap(), "new");
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_put_in_parts_is_written_whole_in_a_new_folder_and_never_through_to_the_old_output() {
        let dir = scratch("parts");
        let output = dir.join("public");
        write_atomically(&output, &[file("data/a.json", "[1,2]")]).unwrap();
        let staging = Staging::begin(&output).unwrap();
        // Linked from the old output, then replaced by the parts.
        staging.put(file("data/a.json", "[1,2]")).unwrap();
        let parts = |texts: &[&str]| {
            texts
                .iter()
                .map(|t| t.as_bytes().to_vec())
                .collect::<Vec<_>>()
        };
        let mut json = parts(&["[3,", "", "4]"]).into_iter();
        staging.put_parts("data/a.json".into(), &mut json).unwrap();
        let mut csv = parts(&["a,b\r\n", "1,2\r\n"]).into_iter();
        staging
            .put_parts("data/new/b.csv".into(), &mut csv)
            .unwrap();
        assert_eq!(
            fs::read_to_string(output.join("data/a.json")).unwrap(),
            "[1,2]"
        );
        staging.commit().unwrap();
        let expected = |path: &str, text: &str| (path.to_string(), text.as_bytes().to_vec());
        assert_eq!(
            tree(&output),
            [
                expected("data", "<folder>"),
                expected("data/a.json", "[3,4]"),
                expected("data/new", "<folder>"),
                expected("data/new/b.csv", "a,b\r\n1,2\r\n"),
            ]
        );
        let memory = Memory::default();
        let mut json = parts(&["[3,", "", "4]"]).into_iter();
        memory.put_parts("data/a.json".into(), &mut json).unwrap();
        assert_eq!(memory.into_files(), [file("data/a.json", "[3,4]")]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_failed_write_leaves_the_last_good_output() {
        let dir = std::env::temp_dir().join(format!("chengguo-failed-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let output = dir.join("public");
        write_atomically(&output, &[file("index.html", "good")]).unwrap();
        // A file and a folder of the same name cannot both be written.
        let clash = [
            file("a", "file"),
            file("a/index.html", "folder"),
            file("index.html", "new"),
        ];
        assert!(write_atomically(&output, &clash).is_err());
        assert_eq!(
            tree(&output),
            vec![("index.html".to_string(), b"good".to_vec())]
        );
        assert_eq!(
            names(&dir),
            [".public.lock", "public"],
            "the staging folder is cleaned up"
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_second_build_of_the_same_output_fails_while_the_first_runs() {
        let dir = scratch("locked");
        let output = dir.join("public");
        let first = Staging::begin(&output).unwrap();
        let error = Staging::begin(&output).err().expect("the output is locked");
        let message = error.to_string();
        assert!(
            message.contains(&format!("another build (process {})", std::process::id())),
            "{message}"
        );
        assert!(message.contains(".public.lock"), "{message}");
        first.put(file("index.html", "first")).unwrap();
        first.commit().unwrap();
        // The lock goes with the build that held it.
        write_atomically(&output, &[file("index.html", "second")]).unwrap();
        assert_eq!(
            tree(&output),
            [("index.html".to_string(), b"second".to_vec())]
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_build_killed_between_the_two_renames_leaves_a_site_the_next_build_restores() {
        let dir = scratch("killed-between");
        let output = dir.join("public");
        write_atomically(&output, &[file("index.html", "good"), file("a/b.css", "b")]).unwrap();
        let good = tree(&output);
        // What the fallback leaves when killed after its first rename: the old
        // site retired, the new one staged, no output.
        fs::rename(&output, dir.join(".public.old-4000001")).unwrap();
        fs::create_dir_all(dir.join(".public.tmp-4000001/a")).unwrap();
        fs::write(dir.join(".public.tmp-4000001/index.html"), "new").unwrap();
        let staging = Staging::begin(&output).unwrap();
        assert_eq!(
            tree(&output),
            good,
            "the retired site is back before anything is written"
        );
        assert_eq!(
            names(&dir),
            [
                ".public.lock".to_string(),
                format!(".public.tmp-{}", std::process::id()),
                "public".to_string()
            ]
        );
        drop(staging);
        assert_eq!(names(&dir), [".public.lock", "public"]);
        assert_eq!(tree(&output), good);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn leftovers_of_dead_builds_are_removed_and_never_replace_an_existing_output() {
        let dir = scratch("leftovers");
        let output = dir.join("public");
        write_atomically(&output, &[file("index.html", "current")]).unwrap();
        for leftover in [".public.tmp-17", ".public.old-18", ".public.tmp-19"] {
            fs::create_dir_all(dir.join(leftover).join("deep")).unwrap();
            fs::write(dir.join(leftover).join("index.html"), leftover).unwrap();
        }
        // Not ours: another output's, or no pid.
        fs::create_dir_all(dir.join(".other.tmp-20")).unwrap();
        fs::create_dir_all(dir.join(".public.tmp-x")).unwrap();
        write_atomically(&output, &[file("index.html", "next")]).unwrap();
        assert_eq!(
            tree(&output),
            [("index.html".to_string(), b"next".to_vec())]
        );
        assert_eq!(
            names(&dir),
            [".other.tmp-20", ".public.lock", ".public.tmp-x", "public"]
        );
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_retired_site_being_removed_is_never_restored() {
        let dir = scratch("half-removed");
        let output = dir.join("public");
        // A build killed while removing the site it replaced, then public/ deleted by hand.
        fs::create_dir_all(dir.join(".public.tmp-21")).unwrap();
        fs::write(dir.join(".public.tmp-21/index.html"), "half").unwrap();
        let staging = Staging::begin(&output).unwrap();
        assert!(!output.exists());
        staging.put(file("index.html", "fresh")).unwrap();
        staging.commit().unwrap();
        assert_eq!(
            tree(&output),
            [("index.html".to_string(), b"fresh".to_vec())]
        );
        assert_eq!(names(&dir), [".public.lock", "public"]);
        fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_two_rename_fallback_gives_what_the_exchange_gives() {
        let dir = scratch("fallback");
        let first = [file("same.html", "same"), file("gone/index.html", "gone")];
        let next = [file("same.html", "same"), file("new.html", "new")];
        let mut trees = Vec::new();
        for (name, can_exchange) in [("exchanged", true), ("renamed", false)] {
            let output = dir.join(name);
            write_atomically(&output, &first).unwrap();
            let staging = Staging::begin(&output).unwrap();
            for file in &next {
                staging.put(file.clone()).unwrap();
            }
            staging
                .commit_with(|a, b| {
                    if can_exchange {
                        exchange(a, b)
                    } else {
                        Ok(false)
                    }
                })
                .unwrap();
            trees.push(tree(&output));
        }
        assert_eq!(trees[0], trees[1]);
        assert_eq!(
            names(&dir),
            [".exchanged.lock", ".renamed.lock", "exchanged", "renamed"]
        );
        fs::remove_dir_all(dir).unwrap();
    }

    /// The exchange is what keeps the output in place; a silent fallback on
    /// the file system the tests run on would hide its loss.
    #[cfg(target_os = "linux")]
    #[test]
    fn names_are_exchanged_in_one_step_on_linux() {
        let dir = scratch("exchange");
        fs::create_dir_all(dir.join("a")).unwrap();
        fs::write(dir.join("a/x"), "a").unwrap();
        fs::write(dir.join("b"), "b").unwrap();
        assert!(exchange(&dir.join("a"), &dir.join("b")).unwrap());
        assert_eq!(fs::read_to_string(dir.join("a")).unwrap(), "b");
        assert_eq!(fs::read_to_string(dir.join("b/x")).unwrap(), "a");
        fs::remove_dir_all(dir).unwrap();
    }
}
