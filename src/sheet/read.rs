//! A sheet read into rows of text: CSV in UTF-8 (with or without a byte-order
//! mark), UTF-16 with its mark, or GB18030, told apart by their bytes; or the
//! first worksheet of an XLSX workbook.

use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use crate::diag::messages::Message;

/// The cells of a sheet as text, and the name of the worksheet they came from.
#[derive(Debug)]
pub struct Table {
    /// `Sheet1` for a workbook; `None` for CSV.
    pub sheet: Option<String>,
    pub rows: Vec<Vec<String>>,
}

pub fn read(path: &Path) -> Result<Table, String> {
    let is_xlsx = path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("xlsx"));
    if is_xlsx {
        read_xlsx(path)
    } else {
        let bytes = std::fs::read(path).map_err(|error| format!("cannot read: {error}"))?;
        read_csv(&bytes)
    }
}

/// Text from bytes: a byte-order mark decides; else UTF-8 if the bytes are
/// valid UTF-8, else GB18030 (which Excel writes for 中文 Windows).
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _, had_errors) = encoding.decode(bytes);
        return (!had_errors)
            .then(|| text.into_owned())
            .ok_or_else(|| Message::SheetBadEncoding.english(&[encoding.name()]));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err("the file is neither UTF-8 nor GB18030 text".into());
    }
    Ok(text.into_owned())
}

fn read_csv(bytes: &[u8]) -> Result<Table, String> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| format!("not CSV: {error}"))?;
        rows.push(record.iter().map(unquote_formula).collect());
    }
    Ok(Table { sheet: None, rows })
}

/// Cells that a spreadsheet would take for a formula are written with a
/// leading `'` ([`super::export`]); it is not part of the value.
pub fn unquote_formula(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(super::FORMULA_STARTS) => rest.to_string(),
        _ => cell.to_string(),
    }
}

fn read_xlsx(path: &Path) -> Result<Table, String> {
    let mut workbook: Xlsx<_> =
        calamine::open_workbook(path).map_err(|error| format!("not an XLSX workbook: {error}"))?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or("the workbook has no worksheet")?;
    let range = workbook.worksheet_range(&sheet).map_err(|error| {
        Message::SheetUnreadableWorksheet.english(&[&sheet, &error.to_string()])
    })?;
    // Rows and columns count from A1 even when the sheet's first cells are blank.
    let (top, left) = range.start().unwrap_or((0, 0));
    let mut rows = vec![Vec::new(); top as usize];
    for row in range.rows() {
        let mut cells = vec![String::new(); left as usize];
        cells.extend(row.iter().map(cell_text));
        rows.push(cells);
    }
    Ok(Table {
        sheet: Some(sheet),
        rows,
    })
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        // 500000 typed into a cell is stored as 500000.0.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(date) => excel_date(date.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => text.clone(),
        Data::Error(error) => format!("#{error:?}"),
    }
}

/// An Excel date (days since 1899-12-30) as `2023-05-30`.
fn excel_date(serial: f64) -> String {
    let days = serial.floor() as i64 - 25569; // to days since 1970-01-01
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_a_mark_and_gb18030() {
        let text = "slug,标题\n";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        let marked = [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat();
        assert_eq!(decode(&marked).unwrap(), text);
        let (gb, _, _) = encoding_rs::GB18030.encode(text);
        assert_ne!(gb.as_ref(), text.as_bytes());
        assert_eq!(decode(&gb).unwrap(), text);
    }

    #[test]
    fn reads_excel_dates() {
        assert_eq!(excel_date(45076.0), "2023-05-30");
        assert_eq!(excel_date(36526.5), "2000-01-01");
    }
}
