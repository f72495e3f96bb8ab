//! The only module that touches the output folder.
//!
//! The new site is written to a sibling folder first and swapped in by rename,
//! so a build that fails, or is killed, leaves the last good output as it was.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

/// Write `files` as the whole content of `output`, replacing what was there.
pub fn write_atomically(output: &Path, files: &[OutputFile]) -> io::Result<()> {
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
    let retired = parent.join(format!(".{name}.old-{}", std::process::id()));
    remove_if_present(&staging)?;
    remove_if_present(&retired)?;
    if let Err(error) = write_tree(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    let had_output = output.exists();
    if had_output {
        fs::rename(output, &retired)?;
    }
    if let Err(error) = fs::rename(&staging, output) {
        if had_output {
            let _ = fs::rename(&retired, output);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(error);
    }
    if had_output {
        fs::remove_dir_all(&retired)?;
    }
    Ok(())
}

fn remove_if_present(path: &Path) -> io::Result<()> {
    match fs::remove_dir_all(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

fn write_tree(root: &Path, files: &[OutputFile]) -> io::Result<()> {
    fs::create_dir_all(root)?;
    let mut made = std::collections::HashSet::new();
    for file in files {
        let path = root.join(&file.path);
        if let Some(folder) = path.parent()
            && made.insert(folder.to_path_buf())
        {
            fs::create_dir_all(folder)?;
        }
        fs::write(&path, &file.bytes)?;
    }
    Ok(())
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
}
