//! The only module that touches the output folder.
//!
//! A first build writes the site to a sibling folder and renames it into
//! place. Later builds update the folder in place: files whose bytes are
//! unchanged are left alone, changed and new files are written beside their
//! place and renamed over it (so no reader ever sees half a file), and files
//! the new site does not have are removed. Deleting and rewriting every file
//! of a large site costs far more than building it, on some disks by tens of
//! seconds. A build that fails never gets here, so the last good output stays
//! as it was.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::render::OutputFile;

/// The suffix of a file being written, before it is renamed into place.
const PARTIAL: &str = ".chengguo-partial";

/// Make `output` hold exactly `files`: write what is new or changed, remove
/// what is gone, leave the rest untouched.
pub fn write_atomically(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    if output.is_dir() {
        return update_in_place(output, files);
    }
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
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    remove_if_present(&staging)?;
    if let Err(error) = write_tree(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if output.exists() {
        // A file where the folder should be: replaced, as the folder would be.
        fs::remove_file(output)?;
    }
    if let Err(error) = fs::rename(&staging, output) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// The folders `files` need, parents before children.
fn folders(root: &Path, files: &[OutputFile]) -> Vec<PathBuf> {
    let mut made = HashSet::new();
    let mut folders = Vec::new();
    for file in files {
        if let Some((folder, _)) = file.path.rsplit_once('/')
            && made.insert(folder)
        {
            folders.push(root.join(folder));
        }
    }
    folders.sort();
    folders
}

fn write_tree(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    fs::create_dir_all(root)?;
    for folder in folders(root, files) {
        fs::create_dir_all(folder)?;
    }
    files
        .par_iter()
        .try_for_each(|file| fs::write(root.join(&file.path), &file.bytes))
}

fn update_in_place(output: &Path, files: &[OutputFile]) -> io::Result<()> {
    let wanted: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    // Remove what the new site does not have first, so that a file may become
    // a folder or a folder a file.
    let mut stale_folders = Vec::new();
    for item in walkdir::WalkDir::new(output)
        .min_depth(1)
        .contents_first(true)
    {
        let item = item.map_err(io::Error::other)?;
        let relative = relative_path(output, item.path());
        if item.file_type().is_dir() {
            stale_folders.push(item.into_path());
        } else if !wanted.contains(relative.as_str()) {
            fs::remove_file(item.path())?;
        }
    }
    // Children come before their parents; only empty folders go.
    for folder in stale_folders {
        if fs::read_dir(&folder)?.next().is_none() {
            fs::remove_dir(&folder)?;
        }
    }
    for folder in folders(output, files) {
        fs::create_dir_all(folder)?;
    }
    files.par_iter().try_for_each(|file| {
        let path = output.join(&file.path);
        if same_bytes(&path, &file.bytes) {
            return Ok(());
        }
        let mut partial = path.clone().into_os_string();
        partial.push(PARTIAL);
        fs::write(&partial, &file.bytes)?;
        fs::rename(&partial, &path)
    })
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

fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let leftovers: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("public")]);
        fs::remove_dir_all(dir).unwrap();
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
    fn an_update_in_place_gives_the_same_folder_as_a_fresh_write() {
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
        fs::remove_dir_all(dir).unwrap();
    }
}
