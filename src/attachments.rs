//! The files achievements offer for download (`attachments`): each must be a
//! file the build copies from the site's `static/` folder, and its size is
//! read here, once, for the pages to show.

use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::entry::{Details, Entry};
use crate::load::{STATIC_DIR, is_copied_file};

/// Fill in each attachment's size; a file that is not there is an error at
/// the place its path is written.
pub fn measure(root: &Path, entries: &mut [Entry], diagnostics: &mut Diagnostics) {
    let folder = root.join(STATIC_DIR);
    for entry in entries {
        let Details::Achievement(achievement) = &mut entry.details else {
            continue;
        };
        for attachment in &mut achievement.attachments {
            let size = is_copied_file(&folder, &attachment.file)
                .then(|| std::fs::metadata(folder.join(&attachment.file)).ok())
                .flatten()
                .map(|meta| meta.len());
            match size {
                Some(size) => attachment.size = size,
                None => {
                    let place = &attachment.place;
                    diagnostics.push_at(
                        Diagnostic::error(
                            &place.path,
                            format!("the attachment \"{}\" does not exist", attachment.file),
                        )
                        .field("attachments")
                        .help(format!("put the file at static/{}", attachment.file)),
                        place,
                    );
                }
            }
        }
    }
}

/// What a reader sees of a file: its type from the extension (`PDF`).
pub fn file_type(file: &str) -> String {
    Path::new(file)
        .extension()
        .map(|ext| ext.to_string_lossy().to_ascii_uppercase())
        .unwrap_or_default()
}

/// A size in KB or MB (1 KB = 1,024 bytes), one decimal under 10.
pub fn readable_size(bytes: u64) -> String {
    let (value, unit) = if bytes >= 1024 * 1024 {
        (bytes as f64 / (1024.0 * 1024.0), "MB")
    } else {
        ((bytes as f64 / 1024.0).max(0.1), "KB")
    };
    if value < 10.0 {
        format!("{value:.1} {unit}")
    } else {
        format!("{value:.0} {unit}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_sizes_in_kb_and_mb() {
        assert_eq!(readable_size(0), "0.1 KB");
        assert_eq!(readable_size(1536), "1.5 KB");
        assert_eq!(readable_size(200 * 1024), "200 KB");
        assert_eq!(readable_size(3 * 1024 * 1024 + 300 * 1024), "3.3 MB");
        assert_eq!(file_type("brochures/a.pdf"), "PDF");
        assert_eq!(file_type("README"), "");
    }
}
