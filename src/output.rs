//! CSV writing: atomic files and spreadsheet-safe cells.
//!
//! Every output is written to a temporary file in the output folder and renamed over the final name
//! only when complete, so a crash or a full disk never leaves a half-written CSV behind a good name.
//!
//! Spreadsheets execute cells that start with `=`, `+`, `-` or `@` (and some treat a leading tab or
//! carriage return the same way). Any such cell is written with a leading apostrophe `'`, which
//! spreadsheets display as text and do not evaluate. The apostrophe is the only change, so a reader
//! that needs the exact text strips one leading `'` from cells that start with `'=`, `'+`, `'-`, `'@`,
//! `'\t` or `'\r`. Offsets are integers and never start with these characters.

use anyhow::Context;
use std::borrow::Cow;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Returns `cell` neutralised against formula injection (see the module docs).
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// A file written under a temporary name and renamed into place by [`AtomicFile::commit`].
pub struct AtomicFile {
    tmp: PathBuf,
    dest: PathBuf,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates `dir/.name.tmp` ready for writing; `dir` is created if needed.
    pub fn create(dir: &Path, name: &str) -> anyhow::Result<AtomicFile> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create output folder {}", dir.display()))?;
        let tmp = dir.join(format!(".{name}.tmp"));
        let file =
            File::create(&tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
        Ok(AtomicFile {
            tmp,
            dest: dir.join(name),
            out: Some(BufWriter::with_capacity(1 << 16, file)),
        })
    }

    /// Flushes, syncs and renames the file to its final name.
    pub fn commit(mut self) -> anyhow::Result<PathBuf> {
        let out = self.out.take().expect("not yet committed");
        let file = out
            .into_inner()
            .map_err(|e| e.into_error())
            .with_context(|| format!("cannot write {}", self.tmp.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot write {}", self.tmp.display()))?;
        std::fs::rename(&self.tmp, &self.dest).with_context(|| {
            format!(
                "cannot rename {} to {}",
                self.tmp.display(),
                self.dest.display()
            )
        })?;
        Ok(self.dest.clone())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.as_mut().expect("not yet committed").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.as_mut().expect("not yet committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.is_some() {
            // Abandoned (an error happened): remove the partial file, keep any previous good output.
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// A CSV table written atomically with a fixed header and formula-safe cells.
pub struct CsvTable {
    writer: csv::Writer<AtomicFile>,
}

impl CsvTable {
    /// Creates `dir/name` (atomically) and writes the header row.
    pub fn create(dir: &Path, name: &str, header: &[&str]) -> anyhow::Result<CsvTable> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(AtomicFile::create(dir, name)?);
        writer.write_record(header)?;
        Ok(CsvTable { writer })
    }

    /// Writes one row; text cells are neutralised with [`safe_cell`].
    pub fn row<I, S>(&mut self, cells: I) -> anyhow::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        // Field by field, so a cell that needs no neutralising is never copied.
        for c in cells {
            self.writer.write_field(safe_cell(c.as_ref()).as_bytes())?;
        }
        self.writer.write_record(None::<&[u8]>)?;
        Ok(())
    }

    /// Finishes the table and moves it into place.
    pub fn commit(self) -> anyhow::Result<PathBuf> {
        let file = self
            .writer
            .into_inner()
            .map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.error()))?;
        file.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@x"), "'@x");
        assert_eq!(safe_cell("\tx"), "'\tx");
        assert_eq!(safe_cell("Iran"), "Iran");
    }

    #[test]
    fn tables_appear_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let mut t = CsvTable::create(dir.path(), "x.csv", &["a", "b"]).unwrap();
        t.row(["1", "=2"]).unwrap();
        assert!(!dir.path().join("x.csv").exists());
        t.commit().unwrap();
        let s = std::fs::read_to_string(dir.path().join("x.csv")).unwrap();
        assert_eq!(s, "a,b\r\n1,'=2\r\n");
        let abandoned = CsvTable::create(dir.path(), "y.csv", &["a"]).unwrap();
        drop(abandoned);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
