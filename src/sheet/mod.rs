//! Spreadsheets in and out: `chengguo import` makes entry files from the
//! rows of a CSV or XLSX sheet, `chengguo export` writes a type's entries in
//! the same columns, so an office can keep its list in Excel.

pub mod cells;
pub mod columns;
pub mod export;
pub mod import;
pub mod read;

/// What starts a formula in a spreadsheet; such a cell is written with a
/// leading `'` so that opening the file runs nothing.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
