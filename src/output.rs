//! Writing outputs: an output folder replaced as a set, and spreadsheet-safe CSV cells.
//!
//! # Output sets
//! A run's outputs (the CSV tables, `graph.gexf`, `report.html`) belong together: a `documents.csv`
//! beside the `mentions.csv` of another run is worse than no output. An [`OutputSet`] is the one way
//! they are written:
//! 1. [`OutputSet::open`] takes an advisory lock on the folder (`flock` on `DIR/.claimgraph.lock`,
//!    which holds the writer's pid and is removed when the set is committed or dropped), so a second
//!    run into the same folder fails at once with "DIR is being written by another claimgraph run,
//!    pid N" instead of mixing its rows in.
//! 2. [`OutputSet::create`] (or [`CsvTable::create`]) opens each output under a unique temporary
//!    name in the folder (`.claimgraph-<pid>-<name>-<random>.tmp`); a write error names the file
//!    and the cause ("No space left on device while writing out/mentions.csv").
//! 3. [`OutputSet::stage`] flushes a finished file, starts its disk write, starts its sync on a
//!    thread of its own and adds it to the set.
//! 4. [`OutputSet::commit`] waits for every staged file's sync (its data is on disk before any
//!    name changes), then renames each over its final name. The files being replaced
//!    are first hard-linked (or copied) aside, so if any rename fails the ones already renamed are
//!    put back: on every error, before or during the commit, the previous set stays as it was.
//!
//! The disk writes overlap the run's work instead of following it: while a file is written, each
//! [`WRITEBACK_CHUNK`] of it is handed to the disk at once (Linux `sync_file_range`, which starts
//! the write and does not wait for it), and a staged file's tail is handed over when it is staged,
//! so by the commit's syncs, after the last files are built, little is left to wait for. Where the
//! call is not available the syncs do all the writing, as before. Each staged file is synced on a
//! thread while the files staged after it are built (the per-document tables while the graph
//! tables, `graph.gexf` and `report.html` are), so the commit waits only for what is left.
//!
//! Dropping a set or a file without committing removes its temporary files, and so does SIGINT or
//! SIGTERM once [`remove_temporaries_on_signal`] is installed (the signal waits for a commit in
//! progress to finish, so it cannot leave a half-renamed set either). Temporary files left by a
//! process that was killed outright (SIGKILL, power loss) are removed by the next
//! [`OutputSet::open`] of the folder. Only `kill -9` during the commit's renames themselves — a few
//! system calls — can leave a mixed set.
//!
//! # Formula guard
//! Spreadsheets execute cells that start with `=`, `+`, `-` or `@` (and some treat a leading tab or
//! carriage return the same way). Any such cell is written with a leading apostrophe `'`, which
//! spreadsheets do not evaluate. So that the guard can always be undone, a cell whose text starts
//! with apostrophes followed by one of those characters (`'=x`, `''-x`) gets one more apostrophe
//! too. The apostrophe is the only change: a reader that needs the exact text strips one leading `'`
//! from every cell that matches `^'+[=+\-@\t\r]` ([`original_cell`]); cells that start with an
//! apostrophe followed by anything else (`'Golden period' ends`) are written as they are. Offsets
//! are integers and never start with these characters.

use crate::swar::{has_byte, le32, le64};
use anyhow::Context;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tempfile::{NamedTempFile, TempPath};

/// Characters that make a spreadsheet cell a formula when they start it.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` is guarded: it starts, after any apostrophes, with a formula character.
fn needs_guard(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// Returns `cell` neutralised against formula injection (see the module docs).
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    if needs_guard(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The text a cell written by [`safe_cell`] holds: the cell without the guard's apostrophe.
pub fn original_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => cell,
    }
}

/// The lock file every writer of an output folder locks (see the module docs).
pub const LOCK_FILE: &str = ".claimgraph.lock";
/// Names of temporary and backup files start with this, then the writer's pid and `-`.
const TEMP_PREFIX: &str = ".claimgraph-";

/// Temporary files that exist right now, removed on SIGINT/SIGTERM.
static LIVE: Mutex<BTreeSet<PathBuf>> = Mutex::new(BTreeSet::new());
/// Held while a set is committed, so that a signal waits for the renames to finish.
static COMMITTING: Mutex<()> = Mutex::new(());

/// Locks a mutex even if a thread panicked while holding it (the data is a plain set of paths).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file's path, registered in [`LIVE`] while it exists and removed when dropped unless
/// it was renamed into place.
struct Temp {
    path: Option<TempPath>,
}

impl Temp {
    /// Creates a temporary file by `create` and registers it in [`LIVE`], holding the registry's
    /// lock across both: a signal never finds a file on disk that it does not know about.
    fn create(create: impl FnOnce() -> io::Result<NamedTempFile>) -> io::Result<(File, Temp)> {
        let mut live = lock(&LIVE);
        let (file, path) = create()?.into_parts();
        live.insert(path.to_path_buf());
        Ok((file, Temp { path: Some(path) }))
    }

    /// Renames the file to `dest`; on failure the file stays where it was (and is removed on drop).
    fn rename_to(&mut self, dest: &Path) -> io::Result<()> {
        let path = self.path.take().expect("not yet renamed");
        let name = path.to_path_buf();
        match path.persist(dest) {
            Ok(()) => {
                lock(&LIVE).remove(&name);
                Ok(())
            }
            Err(e) => {
                self.path = Some(e.path);
                Err(e.error)
            }
        }
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if let Some(path) = self.path.take() {
            lock(&LIVE).remove(&path.to_path_buf());
            // TempPath's own drop removes the file.
        }
    }
}

/// Installs a handler that removes every temporary output file when the process gets SIGINT or
/// SIGTERM, then lets the signal end the process as it would have. Call once, early in `main`.
pub fn remove_temporaries_on_signal() -> anyhow::Result<()> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])
        .context("cannot install the signal handler")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                // Held to the end: no set starts or finishes committing after this point.
                let _commit = lock(&COMMITTING);
                // Also held to the end: no temporary file is created after they are removed.
                let live = lock(&LIVE);
                for path in live.iter() {
                    let _ = std::fs::remove_file(path);
                }
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        })
        .context("cannot start the signal thread")?;
    Ok(())
}

/// `e` as a sentence without Rust's " (os error N)" suffix: "No space left on device".
fn describe(e: &io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s,
    }
}

/// `e` with the file being written named: "No space left on device while writing out/mentions.csv".
fn while_writing(e: io::Error, dest: &Path) -> io::Error {
    io::Error::new(
        e.kind(),
        format!("{} while writing {}", describe(&e), dest.display()),
    )
}

/// The output folder of one writer, locked, and the files it will replace together on
/// [`OutputSet::commit`] (see the module docs).
pub struct OutputSet {
    dir: PathBuf,
    /// Holds the `flock` (None for [`OutputSet::unlocked`]).
    _lock: Option<File>,
    staged: Vec<Staged>,
}

/// A finished file of an [`OutputSet`], waiting for the commit.
struct Staged {
    /// Its temporary name (removed if it is dropped before the rename).
    temp: Temp,
    /// Its final name.
    dest: PathBuf,
    /// Its sync, which [`OutputSet::commit`] waits for (None once waited for).
    sync: Option<Syncing>,
}

/// The sync of a staged file: on a thread of its own from when the file is staged, so that it
/// overlaps the building of the files staged after it; or, where no thread could be started, the
/// file, open, synced by [`OutputSet::commit`] itself.
enum Syncing {
    /// The thread syncing the file (through its own handle of it).
    Running(std::thread::JoinHandle<io::Result<()>>),
    /// The file, not yet synced.
    Waiting(File),
}

impl Syncing {
    /// Starts the sync of `file` on a thread of its own, if one can be started.
    fn start(file: File) -> Syncing {
        let Ok(handle) = file.try_clone() else {
            return Syncing::Waiting(file);
        };
        match std::thread::Builder::new()
            .name("sync".into())
            .spawn(move || handle.sync_all())
        {
            Ok(thread) => Syncing::Running(thread),
            Err(_) => Syncing::Waiting(file),
        }
    }

    /// Waits for the sync (or syncs the file): its result.
    fn finish(self) -> io::Result<()> {
        match self {
            Syncing::Running(thread) => thread
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("the sync thread panicked"))),
            Syncing::Waiting(file) => file.sync_all(),
        }
    }
}

impl OutputSet {
    /// Creates `dir` if needed and locks it for this process. Fails at once, naming the other
    /// process, when another claimgraph process holds the lock. Removes temporary files left in the
    /// folder by processes that no longer exist.
    pub fn open(dir: &Path) -> anyhow::Result<OutputSet> {
        create_dir(dir)?;
        let lock_path = dir.join(LOCK_FILE);
        let mut file = loop {
            let file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&lock_path)
                .with_context(|| format!("cannot open the lock file {}", lock_path.display()))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut pid = String::new();
                    let _ = (&file).read_to_string(&mut pid);
                    let pid = match pid.trim() {
                        "" => "unknown",
                        p => p,
                    };
                    anyhow::bail!(
                        "{} is being written by another claimgraph run, pid {pid}; wait for it to \
                         finish or choose another --out",
                        dir.display()
                    );
                }
                Err(TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", lock_path.display()));
                }
            }
            // The previous holder removes the file before it unlocks it: if it did so between our
            // open and our lock, we hold a lock on a file no one else can see; start again.
            if same_file(&file, &lock_path) {
                break file;
            }
        };
        lock(&LIVE).insert(lock_path.clone());
        let mut write_pid = || -> io::Result<()> {
            file.set_len(0)?;
            file.rewind()?;
            writeln!(file, "{}", std::process::id())
        };
        write_pid().with_context(|| format!("cannot write {}", lock_path.display()))?;
        remove_stale_temporaries(dir);
        Ok(OutputSet {
            dir: dir.to_path_buf(),
            _lock: Some(file),
            staged: Vec::new(),
        })
    }

    /// A set for a file written beside another writer's outputs (such as `evaluate`'s error list
    /// in `output/`): the same temporary files and commit, but no lock, so it never waits for nor
    /// blocks a run.
    pub fn unlocked(dir: &Path) -> anyhow::Result<OutputSet> {
        create_dir(dir)?;
        Ok(OutputSet {
            dir: dir.to_path_buf(),
            _lock: None,
            staged: Vec::new(),
        })
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Opens the output `name` under a temporary name, ready for writing.
    pub fn create(&self, name: &str) -> anyhow::Result<OutputFile> {
        let dest = self.dir.join(name);
        let prefix = format!("{TEMP_PREFIX}{}-{name}-", std::process::id());
        let (file, temp) = Temp::create(|| {
            tempfile::Builder::new()
                .prefix(&prefix)
                .suffix(".tmp")
                .permissions(default_permissions())
                .tempfile_in(&self.dir)
        })
        .map_err(|e| while_writing(e, &dest))?;
        Ok(OutputFile {
            out: BufWriter::with_capacity(1 << 16, Target::new(file, dest)),
            temp,
        })
    }

    /// An anonymous scratch file in the folder (removed by the operating system however the process
    /// ends), for data assembled into an output at the end.
    pub fn scratch(&self) -> anyhow::Result<File> {
        tempfile::tempfile_in(&self.dir)
            .with_context(|| format!("cannot create a temporary file in {}", self.dir.display()))
    }

    /// Flushes a finished file, starts the disk write of what is not yet on its way and its sync
    /// (see the module docs) and adds it to the set; [`OutputSet::commit`] waits for the sync.
    pub fn stage(&mut self, file: OutputFile) -> anyhow::Result<()> {
        let OutputFile { out, temp } = file;
        let target = out.into_inner().map_err(|e| e.into_error())?;
        start_writeback(
            &target.file,
            target.started,
            target.written - target.started,
        );
        self.staged.push(Staged {
            temp,
            dest: target.dest,
            sync: Some(Syncing::start(target.file)),
        });
        Ok(())
    }

    /// Waits for the sync of every staged file, then renames each into place, all or none (see the
    /// module docs); returns their final paths in staging order and releases the lock.
    pub fn commit(mut self) -> anyhow::Result<Vec<PathBuf>> {
        for Staged { sync, dest, .. } in &mut self.staged {
            if let Some(sync) = sync.take() {
                sync.finish().map_err(|e| while_writing(e, dest))?;
            }
        }
        let _commit = lock(&COMMITTING);
        // Keep each file about to be replaced, so a failed rename can be undone.
        let mut backups: Vec<Option<PathBuf>> = Vec::with_capacity(self.staged.len());
        for Staged { dest, .. } in &self.staged {
            match self.back_up(dest) {
                Ok(b) => backups.push(b),
                Err(e) => {
                    remove_all(backups.iter().flatten());
                    return Err(e);
                }
            }
        }
        for i in 0..self.staged.len() {
            let Staged { temp, dest, .. } = &mut self.staged[i];
            if let Err(e) = temp.rename_to(dest) {
                let dest = dest.clone();
                let mut undone = true;
                for (Staged { dest: done, .. }, backup) in self.staged[..i].iter().zip(&backups) {
                    let restored = match backup {
                        Some(b) => std::fs::rename(b, done),
                        None => std::fs::remove_file(done),
                    };
                    undone &= restored.is_ok();
                }
                remove_all(backups.iter().flatten());
                anyhow::bail!(
                    "{} while replacing {}; {}",
                    describe(&e),
                    dest.display(),
                    if undone {
                        "the previous outputs were left as they were"
                    } else {
                        "the previous outputs could not all be restored: rerun the job"
                    }
                );
            }
        }
        remove_all(backups.iter().flatten());
        // Make the renames durable; a failure here cannot be undone and loses nothing.
        if let Ok(d) = File::open(&self.dir) {
            let _ = d.sync_all();
        }
        Ok(self.staged.drain(..).map(|s| s.dest).collect())
    }

    /// Hard-links (or, where links are not supported, copies) `dest` aside before it is replaced;
    /// None when there is no previous file (or something no file can replace, such as a folder:
    /// the rename will fail and say so).
    fn back_up(&self, dest: &Path) -> anyhow::Result<Option<PathBuf>> {
        if !std::fs::symlink_metadata(dest).is_ok_and(|m| m.is_file()) {
            return Ok(None);
        }
        let name = dest.file_name().unwrap_or_default().to_string_lossy();
        let backup = self
            .dir
            .join(format!("{TEMP_PREFIX}{}-{name}.old", std::process::id()));
        let _ = std::fs::remove_file(&backup);
        lock(&LIVE).insert(backup.clone());
        std::fs::hard_link(dest, &backup)
            .or_else(|_| std::fs::copy(dest, &backup).map(|_| ()))
            .map_err(|e| {
                anyhow::anyhow!(
                    "{} while keeping a copy of {} to replace the outputs as a set; nothing was \
                     replaced",
                    describe(&e),
                    dest.display()
                )
            })?;
        Ok(Some(backup))
    }
}

impl Drop for OutputSet {
    /// Removes the lock file, then (closing it) releases the lock; staged files not yet renamed are
    /// removed with their [`Temp`]s.
    fn drop(&mut self) {
        if self._lock.is_some() {
            let path = self.dir.join(LOCK_FILE);
            let _ = std::fs::remove_file(&path);
            lock(&LIVE).remove(&path);
        }
    }
}

/// Whether the open `file` is the one at `path` now.
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Removes the given backup files (and forgets them).
fn remove_all<'a>(paths: impl Iterator<Item = &'a PathBuf>) {
    let mut live = lock(&LIVE);
    for p in paths {
        let _ = std::fs::remove_file(p);
        live.remove(p);
    }
}

fn create_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", dir.display()))
}

/// The mode of a file created with `File::create` (the umask applies), not tempfile's 0600.
fn default_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o666)
}

/// Removes `.claimgraph-<pid>-…` files whose process no longer exists (left by a killed writer).
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !process_exists(pid)) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id exists.
fn process_exists(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: kill with signal 0 sends nothing; it only checks that the process exists.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// The file an [`OutputFile`] writes to, naming its final path in every error.
/// Bytes of an output written between two starts of its write-back (see the module docs): large
/// enough that the call is rare (one per 8 MiB), small enough that little is left for the final
/// sync.
pub const WRITEBACK_CHUNK: u64 = 8 << 20;

/// The file under a [`BufWriter`]: names the output in every write error, and starts the disk
/// write of each [`WRITEBACK_CHUNK`] as soon as it is written.
struct Target {
    file: File,
    dest: PathBuf,
    /// Bytes written so far.
    written: u64,
    /// Bytes whose write-back has been started.
    started: u64,
}

impl Target {
    fn new(file: File, dest: PathBuf) -> Target {
        Target {
            file,
            dest,
            written: 0,
            started: 0,
        }
    }
}

/// Starts the disk write of `len` bytes of `file` from `offset` without waiting for it. Advisory:
/// an error (a file system without the call, such as some network ones) is ignored, since the sync
/// at the end writes whatever is left and reports its errors.
#[cfg(target_os = "linux")]
fn start_writeback(file: &File, offset: u64, len: u64) {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open for the life of `file`; the call reads no memory of ours.
    unsafe {
        libc::sync_file_range(
            file.as_raw_fd(),
            offset as libc::off64_t,
            len as libc::off64_t,
            libc::SYNC_FILE_RANGE_WRITE,
        );
    }
}

/// Elsewhere the sync at the end does all the writing.
#[cfg(not(target_os = "linux"))]
fn start_writeback(_file: &File, _offset: u64, _len: u64) {}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self
            .file
            .write(buf)
            .map_err(|e| while_writing(e, &self.dest))?;
        self.written += n as u64;
        if self.written - self.started >= WRITEBACK_CHUNK {
            start_writeback(&self.file, self.started, self.written - self.started);
            self.started = self.written;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().map_err(|e| while_writing(e, &self.dest))
    }
}

/// One output being written under a temporary name (see [`OutputSet::create`]); hand it to
/// [`OutputSet::stage`] when complete. Dropped without staging, its temporary file is removed.
pub struct OutputFile {
    out: BufWriter<Target>,
    temp: Temp,
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.out.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Appends `cell` to `out` as one CSV field, formula-guarded ([`safe_cell`]): quoted when it holds a
/// comma, a double quote, CR or LF (a quote inside is doubled), as the `csv` crate's
/// `QuoteStyle::Necessary` writes it.
///
/// Most cells are short names, ids and types that need neither the guard nor quotes: those are
/// told in a few register operations (no loop over their bytes, see [`short_needs_quotes`]) and
/// copied, inline in the caller. Longer cells, guarded ones and those that need quotes take
/// [`push_field_checked`], which finds the bytes that need quoting by a vectorised search (memchr).
#[inline(always)]
pub fn push_cell(out: &mut Vec<u8>, cell: &str) {
    let bytes = cell.as_bytes();
    if is_plain_short(bytes) {
        out.extend_from_slice(bytes);
    } else {
        push_field_checked(out, cell);
    }
}

/// Whether a cell is copied as it is with no further test: short, needing neither the guard
/// (a cell that starts with a letter or digit is never guarded) nor quotes.
#[inline(always)]
fn is_plain_short(bytes: &[u8]) -> bool {
    !maybe_guarded(bytes) && bytes.len() <= SHORT && !short_needs_quotes(bytes)
}

/// Whether a cell's first byte may make it guarded (see [`needs_guard`]): false means it is not.
#[inline(always)]
fn maybe_guarded(bytes: &[u8]) -> bool {
    matches!(
        bytes.first(),
        Some(b'\'' | b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    )
}

/// [`push_cell`] of a cell that may need the guard, quotes, or is long.
#[inline(never)]
fn push_field_checked(out: &mut Vec<u8>, cell: &str) {
    write_field(out, cell.as_bytes(), needs_guard(cell));
}

/// Appends an integer cell (never guarded nor quoted).
pub fn push_number(out: &mut Vec<u8>, n: u64) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// Appends one row of at most `bound` bytes to `out`, written by `write` straight into the room
/// made for it: the buffer's capacity is tested and its length set once for the row, and the
/// writes are not tested against the room at all (in the crate's unit tests and debug builds
/// they are, and panic past it), not once per cell and separator as by [`push_cell`].
///
/// # Safety
///
/// `bound` is at least the sum of the bounds of the calls `write` makes: [`RowWriter::byte`] one,
/// [`RowWriter::bytes`] and [`RowWriter::made_cell`] as many as they are given,
/// [`RowWriter::cell`] [`cell_bound`] of the cell's length, [`RowWriter::number`] and
/// [`RowWriter::comma_number`] [`NUMBER_BOUND`] each, whatever the digits (they store a whole
/// eight-byte word and keep only the digits' bytes, so a bound made from the digits written is
/// too small). A row written past its bound writes past the buffer's room.
#[inline(always)]
pub unsafe fn push_within(out: &mut Vec<u8>, bound: usize, write: impl FnOnce(&mut RowWriter)) {
    out.reserve(bound);
    let len = out.len();
    let mut row = RowWriter {
        room: &mut out.spare_capacity_mut()[..bound],
        at: 0,
    };
    write(&mut row);
    let written = row.at;
    // SAFETY: `written <= bound <= capacity - len` (the caller's promise), and every `RowWriter`
    // method initialises the bytes of `room` it moves `at` over before it moves it, so `len +
    // written` bytes are initialised.
    unsafe { out.set_len(len + written) };
}

/// The most bytes [`RowWriter::cell`] writes for a cell of `n` bytes: the guard's apostrophe, two
/// quotes and each byte a doubled quote.
pub const fn cell_bound(n: usize) -> usize {
    2 * n + 3
}

/// The most bytes [`RowWriter::number`] and [`RowWriter::comma_number`] write (a comma and the 20
/// digits of the largest `u64`).
pub const NUMBER_BOUND: usize = 21;

/// A row being written into the room [`push_within`] made for it.
pub struct RowWriter<'a> {
    /// The room: the spare capacity of the buffer, `bound` bytes of it.
    room: &'a mut [std::mem::MaybeUninit<u8>],
    /// Bytes written so far; `room[..at]` is initialised.
    at: usize,
}

impl RowWriter<'_> {
    /// The `n` bytes of room from the row's end, not tested against the room's end: the caller
    /// of [`push_within`] promised that the row fits in its bound, the room's length. The crate's
    /// unit tests and debug builds assert it.
    #[inline(always)]
    fn room_for(&mut self, n: usize) -> &mut [std::mem::MaybeUninit<u8>] {
        let end = self.at + n;
        if cfg!(any(test, debug_assertions)) {
            assert!(end <= self.room.len(), "a row written past its bound");
        }
        // SAFETY: `end` is within the room, by `push_within`'s contract.
        unsafe { self.room.get_unchecked_mut(self.at..end) }
    }

    /// Writes one byte.
    #[inline(always)]
    pub fn byte(&mut self, b: u8) {
        self.room_for(1)[0].write(b);
        self.at += 1;
    }

    /// Writes `bytes` as they are.
    #[inline(always)]
    pub fn bytes(&mut self, bytes: &[u8]) {
        self.room_for(bytes.len()).write_copy_of_slice(bytes);
        self.at += bytes.len();
    }

    /// Writes `cell` as [`push_cell`] appends it. A short cell is copied by the very words its
    /// test for quotes reads ([`short_quote_scan`]), stored into the room as they are read: no
    /// second pass over it and no call to copy it. When it turns out to need quotes, the bytes
    /// stored stay beyond the row's end and [`RowWriter::field_checked`] writes over them.
    ///
    /// A cell of eight bytes or more, of any length, is copied and tested by [`copy_quote_scan`]
    /// instead (on x86_64 sixteen bytes at a time, in one pass).
    #[inline(always)]
    pub fn cell(&mut self, cell: &str) {
        let bytes = cell.as_bytes();
        let n = bytes.len();
        if !maybe_guarded(bytes) {
            if !self.copy_scan(bytes) {
                self.at += n;
                return;
            }
            // Not guarded, and the scan found a byte that quotes it: no second test.
            self.field_quoted(bytes);
            return;
        }
        self.field_checked(cell);
    }

    /// Copies `bytes` into the room at the row's end, without moving it, and tells whether they
    /// hold a byte that makes a field quoted: eight bytes or more by [`copy_quote_scan`], fewer
    /// by the words of [`short_quote_scan`], inline either way.
    #[inline(always)]
    fn copy_scan(&mut self, bytes: &[u8]) -> bool {
        let room = self.room_for(bytes.len());
        if bytes.len() >= 8 {
            copy_quote_scan(bytes, room)
        } else {
            short_quote_scan(bytes, |at, part| {
                let end = at + part.len();
                if cfg!(any(test, debug_assertions)) {
                    assert!(end <= room.len(), "a part beyond the cell");
                }
                // SAFETY: the parts `short_quote_scan` hands lie within `bytes`, which is as
                // long as `room`.
                unsafe { room.get_unchecked_mut(at..end) }.write_copy_of_slice(part);
            })
        }
    }

    /// Writes `bytes`, a short word, as they are, copied inline by the loads and stores of
    /// [`RowWriter::copy_scan`] (its test unused), not by a call to `memcpy` as by
    /// [`RowWriter::bytes`]: for a word of a few bytes the call costs more than the copy (for
    /// the id cells of some 45 bytes, no less).
    #[inline(always)]
    fn copied(&mut self, bytes: &[u8]) {
        self.copy_scan(bytes);
        self.at += bytes.len();
    }

    /// Writes `cell`, a word the program makes from a fixed list (an entity type, how a mention
    /// was found, a claim's kind, its speaker's type, its rule, its confidence), as it is: such a
    /// word holds no byte that quotes a cell and starts with none that guards it, so
    /// [`RowWriter::cell`] would copy it unchanged, and it is copied without the test. A cell read
    /// back from a partial goes through [`RowWriter::cell`] whatever its column.
    #[inline(always)]
    pub fn made_cell(&mut self, cell: &str) {
        debug_assert!(
            !maybe_guarded(cell.as_bytes()) && !needs_quotes(cell.as_bytes()),
            "{cell:?} is no word the program makes"
        );
        self.copied(cell.as_bytes());
    }

    /// [`RowWriter::cell`] of a cell that may need the guard (as [`push_cell`]): every other
    /// cell, of any length, [`RowWriter::cell`] has already copied or quoted.
    #[inline(never)]
    fn field_checked(&mut self, cell: &str) {
        write_field(self, cell.as_bytes(), needs_guard(cell));
    }

    /// [`RowWriter::cell`] of a cell that needs quotes and not the guard: quoted, with its quote
    /// marks doubled ([`write_quoted`]).
    #[inline(never)]
    fn field_quoted(&mut self, bytes: &[u8]) {
        write_quoted(self, bytes, false);
    }

    /// Writes a comma and the integer `n` (a cell never guarded nor quoted).
    #[inline(always)]
    pub fn comma_number(&mut self, n: u64) {
        match u32::try_from(n) {
            // Most numbers of a row (offsets in a news article, sentence numbers) have at most
            // four digits, read from a table.
            Ok(n) if n < 10_000 => {
                let (digits, len) = ascii_digits_four(n);
                let word = digits << 8 | u64::from(b',');
                self.room_for(8).write_copy_of_slice(&word.to_le_bytes());
                self.at += len + 1;
            }
            Ok(n) if n < 10_000_000 => {
                // At most seven digits: the comma and the digits are one word.
                let (digits, len) = ascii_digits(n);
                let word = digits << 8 | u64::from(b',');
                self.room_for(8).write_copy_of_slice(&word.to_le_bytes());
                self.at += len + 1;
            }
            _ => {
                self.byte(b',');
                self.bytes(itoa::Buffer::new().format(n).as_bytes());
            }
        }
    }

    /// Writes the integer `n` (a cell never guarded nor quoted).
    #[inline(always)]
    pub fn number(&mut self, n: u64) {
        match u32::try_from(n) {
            Ok(n) if n < 100_000_000 => {
                let (digits, len) = if n < 10_000 {
                    ascii_digits_four(n)
                } else {
                    ascii_digits(n)
                };
                self.room_for(8).write_copy_of_slice(&digits.to_le_bytes());
                self.at += len;
            }
            _ => self.bytes(itoa::Buffer::new().format(n).as_bytes()),
        }
    }
}

/// The decimal digits of `n` (below 10^8) as ASCII in the low bytes of a word, the first digit
/// in the lowest byte (so stored little-endian they read in order), and how many there are. All
/// eight digits are made at once in the lanes of one word (two of four, four of two, eight of
/// one) by multiplications that divide each lane by 100 or 10, then the leading zeros shifted
/// out: no loop, no table and no branch.
#[inline(always)]
fn ascii_digits(n: u32) -> (u64, usize) {
    debug_assert!(n < 100_000_000);
    // Two lanes of 32 bits: the first four digits, then the last four.
    let fours = u64::from(n / 10_000) | u64::from(n % 10_000) << 32;
    // x / 100 for x < 10,000 is x * 10,486 >> 20; a lane's product stays below 2^32, and the
    // bits the shift brings down from the next lane land above the mask.
    let hundreds = ((fours * 10_486) >> 20) & 0x0000_007f_0000_007f;
    // Four lanes of 16 bits, two digits each.
    let twos = hundreds | (fours - hundreds * 100) << 16;
    // x / 10 for x < 100 is x * 103 >> 10, likewise within 16-bit lanes.
    let tens = ((twos * 103) >> 10) & 0x000f_000f_000f_000f;
    // Eight lanes of 8 bits, one digit each, the first in the lowest byte.
    let ones = tens | (twos - tens * 10) << 8;
    // Leading zero digits are zero bytes at the bottom; a zero keeps its last digit.
    let zeros = (ones.trailing_zeros() / 8).min(7) as usize;
    ((ones | 0x3030_3030_3030_3030) >> (8 * zeros), 8 - zeros)
}

/// The ASCII digits of each number below 10^4 (`0` for zero, no leading zeros), the first digit
/// in the lowest byte, so that stored little-endian they read in order; the bytes above the last
/// digit are zero, which tells how many there are. Row offsets and sentence numbers are nearly
/// all below 10^4: one load makes them, where dividing by 100 and two lookups in a table of
/// digit pairs took about twice the instructions (40 KB, of which a document's rows read the
/// part up to its length).
static DIGITS_BELOW_10K: [u32; 10_000] = {
    let mut digits = [0; 10_000];
    let mut n = 0;
    while n < 10_000 {
        // From the last digit to the first, each shifted up past those before it: the first
        // ends in the lowest byte.
        let (mut word, mut rest) = (0u32, n as u32);
        loop {
            word = word << 8 | (b'0' as u32 + rest % 10);
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        digits[n] = word;
        n += 1;
    }
    digits
};

/// [`ascii_digits`] of `n` below 10^4, read from [`DIGITS_BELOW_10K`]: the digits, and their
/// number from the highest nonzero byte.
#[inline(always)]
fn ascii_digits_four(n: u32) -> (u64, usize) {
    debug_assert!(n < 10_000);
    let digits = DIGITS_BELOW_10K[n as usize];
    // Never zero (every number has a digit); the `| 1` tells the compiler so.
    let len = (digits | 1).ilog2() / 8 + 1;
    (u64::from(digits), len as usize)
}

/// Nonzero exactly when one of the eight bytes of `w` makes a field quoted (`,` `"` LF CR).
#[inline(always)]
fn quote_bytes(w: u64) -> u64 {
    has_byte(w, b',') | has_byte(w, b'"') | has_byte(w, b'\n') | has_byte(w, b'\r')
}

/// The longest cell [`short_needs_quotes`] tests; longer ones get memchr.
const SHORT: usize = 32;

/// Whether a field of at most [`SHORT`] bytes holds a byte that makes it quoted.
#[inline(always)]
fn short_needs_quotes(b: &[u8]) -> bool {
    short_quote_scan(b, |_, _| {})
}

/// Whether a field of at most [`SHORT`] bytes holds a byte that makes it quoted. Its bytes are read
/// as at most five overlapping words (a byte read twice changes nothing), padded with zero bytes,
/// which never need quotes: no loop over single bytes and no table. Each part read is handed to
/// `store` with its offset in `b` (eight bytes, four, or one), so that together they cover `b`
/// exactly: storing each at its offset copies the field.
#[inline(always)]
fn short_quote_scan(b: &[u8], mut store: impl FnMut(usize, &[u8])) -> bool {
    let n = b.len();
    let found = if n >= 8 {
        let last = le64(&b[n - 8..]);
        store(n - 8, &last.to_le_bytes());
        let mut found = quote_bytes(last);
        let mut at = 0;
        while at + 8 < n {
            let w = le64(&b[at..]);
            store(at, &w.to_le_bytes());
            found |= quote_bytes(w);
            at += 8;
        }
        found
    } else if n >= 4 {
        let (first, last) = (le32(b), le32(&b[n - 4..]));
        store(0, &(first as u32).to_le_bytes());
        store(n - 4, &(last as u32).to_le_bytes());
        quote_bytes(first | last << 32)
    } else if n > 0 {
        let (first, middle, last) = (b[0], b[n / 2], b[n - 1]);
        store(0, &[first]);
        store(n / 2, &[middle]);
        store(n - 1, &[last]);
        quote_bytes(u64::from(first) | u64::from(middle) << 8 | u64::from(last) << 16)
    } else {
        0
    };
    found != 0
}

/// Copies `b` (at least eight bytes) into `room` (as long as `b`) and tells whether it holds a
/// byte that makes it quoted (`,` `"` LF CR), in one pass of sixteen bytes at a time with SSE2,
/// which every x86_64 processor has: each part is loaded once, stored as it is and compared with
/// the four bytes at once (sixteen bytes of a vector against eight of a word in
/// [`short_quote_scan`], and no second pass to copy as after [`needs_quotes`]). The last part
/// is the last sixteen bytes, overlapping the one before (a byte read and stored twice changes
/// nothing); a cell of eight to fifteen bytes is its first and last eight, likewise.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn copy_quote_scan(b: &[u8], room: &mut [std::mem::MaybeUninit<u8>]) -> bool {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
        _mm_set_epi64x, _mm_setzero_si128, _mm_storeu_si128,
    };
    let n = b.len();
    assert!(n >= 8 && room.len() == n);
    // SAFETY: SSE2 is part of x86_64: every x86_64 processor has it. Every load reads sixteen
    // bytes of `b` at an offset at most `n - 16`, or eight at most `n - 8`; every store writes
    // as many bytes of `room` (as long as `b`) at the same offset.
    unsafe {
        let quotes = |v: __m128i| {
            let is = |c: u8| _mm_cmpeq_epi8(v, _mm_set1_epi8(c as i8));
            _mm_or_si128(
                _mm_or_si128(is(b','), is(b'"')),
                _mm_or_si128(is(b'\n'), is(b'\r')),
            )
        };
        let (src, dst) = (b.as_ptr(), room.as_mut_ptr().cast::<u8>());
        if n < 16 {
            let (first, last) = (le64(b), le64(&b[n - 8..]));
            dst.cast::<[u8; 8]>().write_unaligned(first.to_le_bytes());
            dst.add(n - 8)
                .cast::<[u8; 8]>()
                .write_unaligned(last.to_le_bytes());
            let v = _mm_set_epi64x(last as i64, first as i64);
            return _mm_movemask_epi8(quotes(v)) != 0;
        }
        let mut found = _mm_setzero_si128();
        let mut at = 0;
        loop {
            let v = _mm_loadu_si128(src.add(at).cast::<__m128i>());
            _mm_storeu_si128(dst.add(at).cast::<__m128i>(), v);
            found = _mm_or_si128(found, quotes(v));
            if at + 16 == n {
                break;
            }
            at = (at + 16).min(n - 16);
        }
        _mm_movemask_epi8(found) != 0
    }
}

/// Copies `b` into `room` (as long as `b`) and tells whether it holds a byte that makes it
/// quoted (`,` `"` LF CR): on targets other than x86_64, a copy and [`needs_quotes`].
#[cfg(not(target_arch = "x86_64"))]
#[inline(always)]
fn copy_quote_scan(b: &[u8], room: &mut [std::mem::MaybeUninit<u8>]) -> bool {
    room.write_copy_of_slice(b);
    needs_quotes(b)
}

/// Whether a field holds a byte that makes it quoted (`,` `"` LF CR).
#[inline]
fn needs_quotes(bytes: &[u8]) -> bool {
    if bytes.len() <= SHORT {
        return short_needs_quotes(bytes);
    }
    memchr::memchr3(b',', b'"', b'\n', bytes).is_some() || memchr::memchr(b'\r', bytes).is_some()
}

/// Where a CSV field is written: a byte vector, or a row's room ([`RowWriter`]).
trait FieldSink {
    fn put(&mut self, b: u8);
    fn put_all(&mut self, bytes: &[u8]);
}

impl FieldSink for Vec<u8> {
    #[inline(always)]
    fn put(&mut self, b: u8) {
        self.push(b);
    }
    #[inline(always)]
    fn put_all(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

impl FieldSink for RowWriter<'_> {
    #[inline(always)]
    fn put(&mut self, b: u8) {
        self.byte(b);
    }
    #[inline(always)]
    fn put_all(&mut self, bytes: &[u8]) {
        self.bytes(bytes);
    }
}

/// Writes `bytes` as one CSV field, with the guard's apostrophe first when `guard` is set:
/// quoted, with its quote marks doubled, when it holds a byte that needs it ([`needs_quotes`]).
#[inline]
fn write_field(out: &mut impl FieldSink, bytes: &[u8], guard: bool) {
    if !needs_quotes(bytes) {
        if guard {
            out.put(b'\'');
        }
        out.put_all(bytes);
        return;
    }
    write_quoted(out, bytes, guard);
}

/// Writes `bytes`, which need quotes ([`needs_quotes`]), as one quoted CSV field with its quote
/// marks doubled, with the guard's apostrophe after the opening quote when `guard` is set.
#[inline]
fn write_quoted(out: &mut impl FieldSink, bytes: &[u8], guard: bool) {
    out.put(b'"');
    if guard {
        out.put(b'\'');
    }
    let mut rest = bytes;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.put_all(&rest[..=i]);
        out.put(b'"');
        rest = &rest[i + 1..];
    }
    out.put_all(rest);
    out.put(b'"');
}

/// Appends one CSV row of formula-guarded cells ([`push_cell`]) and its CRLF terminator. A row
/// of one empty cell is written `""`, as the `csv` crate does, so that it is not a blank line.
pub fn push_row<I, S>(out: &mut Vec<u8>, cells: I)
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let start = out.len();
    for (n, c) in cells.into_iter().enumerate() {
        if n > 0 {
            out.push(b',');
        }
        push_cell(out, c.as_ref());
    }
    if out.len() == start {
        out.extend_from_slice(b"\"\"");
    }
    out.extend_from_slice(b"\r\n");
}

/// A CSV table written into an [`OutputSet`] with a fixed header and formula-safe cells (CRLF
/// line ends, fields quoted only where needed: see [`push_cell`]).
pub struct CsvTable {
    out: OutputFile,
    /// The row being formatted, reused from row to row.
    line: Vec<u8>,
}

impl CsvTable {
    /// Opens the table `name` in `set` (under a temporary name) and writes the header row.
    pub fn create(set: &OutputSet, name: &str, header: &[&str]) -> anyhow::Result<CsvTable> {
        let mut out = set.create(name)?;
        let mut line = Vec::new();
        for (n, h) in header.iter().enumerate() {
            if n > 0 {
                line.push(b',');
            }
            write_field(&mut line, h.as_bytes(), false);
        }
        line.extend_from_slice(b"\r\n");
        out.write_all(&line)?;
        Ok(CsvTable { out, line })
    }

    /// Writes one row; text cells are neutralised with [`safe_cell`].
    pub fn row<I, S>(&mut self, cells: I) -> anyhow::Result<()>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        self.line.clear();
        push_row(&mut self.line, cells);
        self.out.write_all(&self.line)?;
        Ok(())
    }

    /// Writes bytes already formatted as whole rows (or parts of rows: the caller completes them).
    pub fn raw(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        self.out.write_all(bytes)?;
        Ok(())
    }

    /// Finishes the table and adds it to `set`.
    pub fn finish(self, set: &mut OutputSet) -> anyhow::Result<()> {
        set.stage(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes that make a CSV field quoted, as a table.
    const QUOTED: [bool; 256] = {
        let mut table = [false; 256];
        table[b',' as usize] = true;
        table[b'"' as usize] = true;
        table[b'\n' as usize] = true;
        table[b'\r' as usize] = true;
        table
    };

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe_cell("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(safe_cell("-1"), "'-1");
        assert_eq!(safe_cell("@x"), "'@x");
        assert_eq!(safe_cell("\tx"), "'\tx");
        assert_eq!(safe_cell("Iran"), "Iran");
        assert_eq!(safe_cell("'=x"), "''=x");
        assert_eq!(safe_cell("'Golden period' ends"), "'Golden period' ends");
        for text in ["=x", "'=x", "''=x", "'\rx", "'x", "'", "", "x"] {
            assert_eq!(original_cell(&safe_cell(text)), text);
        }
    }

    /// What the `csv` crate writes for `cells` guarded by [`safe_cell`], as the tables were
    /// written before [`push_row`].
    fn csv_crate_row(cells: &[String]) -> Vec<u8> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for c in cells {
            w.write_field(safe_cell(c).as_bytes()).unwrap();
        }
        w.write_record(None::<&[u8]>).unwrap();
        w.into_inner().unwrap()
    }

    #[test]
    fn rows_are_written_as_the_csv_crate_writes_them() {
        let cases: &[&[&str]] = &[
            &[
                "a",
                "b,c",
                "say \"hi\"",
                "x\ny",
                "cr\r",
                "=1+1",
                "'=x",
                "-\"q\"",
                "",
            ],
            &[""],
            &["", ""],
            &["\"", "\"\"", ",", "'", "@x,y"],
        ];
        for cells in cases {
            let cells: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
            let mut mine = Vec::new();
            push_row(&mut mine, &cells);
            assert_eq!(
                String::from_utf8(mine).unwrap(),
                String::from_utf8(csv_crate_row(&cells)).unwrap()
            );
        }
    }

    #[test]
    fn a_byte_that_needs_quotes_is_found_at_any_place() {
        for len in 0..80 {
            let plain = vec![b'a'; len];
            assert!(!needs_quotes(&plain));
            for at in 0..len {
                for b in [b',', b'"', b'\n', b'\r', 0xE2, b'\t', b'-'] {
                    let mut cell = plain.clone();
                    cell[at] = b;
                    assert_eq!(
                        needs_quotes(&cell),
                        QUOTED[usize::from(b)],
                        "{len} {at} {b}"
                    );
                    if b.is_ascii() && len > 0 {
                        // The cell as a whole row: the short path of push_cell and the long one.
                        let cells = [String::from_utf8(cell).unwrap()];
                        let mut mine = Vec::new();
                        push_row(&mut mine, &cells);
                        assert_eq!(mine, csv_crate_row(&cells), "{len} {at} {b}");
                        // And written into a row's room, which copies short cells as it tests
                        // them, after bytes it must not disturb and before a byte that follows.
                        let mut within = b"row,".to_vec();
                        // SAFETY: a cell and a byte (asserted in tests).
                        unsafe {
                            push_within(&mut within, cell_bound(len) + 1, |row| {
                                row.cell(&cells[0]);
                                row.byte(b'|');
                            })
                        };
                        let mut want = b"row,".to_vec();
                        push_cell(&mut want, &cells[0]);
                        want.push(b'|');
                        assert_eq!(within, want, "{len} {at} {b}");
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_row_is_written_as_the_csv_crate_writes_it(
            cells in proptest::collection::vec("[a-z,\"'=+@\\-\t\r\n é]{0,70}", 1..6)
        ) {
            let mut mine = Vec::new();
            push_row(&mut mine, &cells);
            proptest::prop_assert_eq!(mine, csv_crate_row(&cells));
        }
    }

    #[test]
    fn numbers_are_written_as_itoa_writes_them() {
        let mut ns: Vec<u64> = vec![0, 1, 9, 10, 99, 100, 9_999_999, 10_000_000, 99_999_999];
        ns.extend([100_000_000, u64::from(u32::MAX), u64::MAX, 1 << 40]);
        for p in 0..20u32 {
            let t = 10u64.pow(p);
            ns.extend([t - 1, t, t + 1, t * 3 + 7, t / 2 + 1]);
        }
        ns.extend((0..200_000u64).map(|k| k * 7919 % 123_456_789));
        // Every number of up to four digits (`ascii_digits_four`) and past them.
        ns.extend(0..20_000);
        for n in ns {
            let mut mine = b"x".to_vec();
            // SAFETY: two numbers (asserted in tests).
            unsafe {
                push_within(&mut mine, 2 * NUMBER_BOUND, |row| {
                    row.number(n);
                    row.comma_number(n);
                })
            };
            let mut want = b"x".to_vec();
            push_number(&mut want, n);
            want.push(b',');
            push_number(&mut want, n);
            assert_eq!(mine, want, "{n}");
        }
    }

    proptest::proptest! {
        #[test]
        fn a_row_written_within_its_bound_is_the_row_of_push_cell(
            cells in proptest::collection::vec("[a-z,\"'=+@\\-\t\r\n é]{0,70}", 1..6),
            n in 0..u64::MAX,
        ) {
            let bound = cells.iter().map(|c| cell_bound(c.len()) + 1).sum::<usize>()
                + NUMBER_BOUND + 2;
            let mut mine = b"head".to_vec();
            // SAFETY: the bound counts each cell at its bound and the byte after it, a number
            // and two bytes (asserted in tests).
            unsafe {
                push_within(&mut mine, bound, |row| {
                    for c in &cells {
                        row.cell(c);
                        row.byte(b',');
                    }
                    row.comma_number(n);
                    row.bytes(b"\r\n");
                })
            };
            let mut want = b"head".to_vec();
            for c in &cells {
                push_cell(&mut want, c);
                want.push(b',');
            }
            want.push(b',');
            push_number(&mut want, n);
            want.extend_from_slice(b"\r\n");
            proptest::prop_assert_eq!(mine, want);
        }
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_staged_file_is_synced_on_its_own_thread_and_the_commit_waits_for_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut set = OutputSet::open(dir.path()).unwrap();
        for name in ["a.csv", "b.csv"] {
            let mut f = set.create(name).unwrap();
            f.write_all(name.as_bytes()).unwrap();
            set.stage(f).unwrap();
        }
        // Each sync started when its file was staged, before the commit.
        assert!(set
            .staged
            .iter()
            .all(|s| matches!(s.sync, Some(Syncing::Running(_)))));
        // A file whose thread could not start is synced by the commit itself, as before.
        let mut f = set.create("c.csv").unwrap();
        f.write_all(b"c").unwrap();
        set.stage(f).unwrap();
        let last = set.staged.last_mut().unwrap();
        let Some(Syncing::Running(thread)) = last.sync.take() else {
            panic!("not started");
        };
        thread.join().unwrap().unwrap();
        let file = File::open(last.temp.path.as_ref().unwrap()).unwrap();
        last.sync = Some(Syncing::Waiting(file));
        let files = set.commit().unwrap();
        assert_eq!(files.len(), 3);
        for (name, body) in [("a.csv", "a.csv"), ("b.csv", "b.csv"), ("c.csv", "c")] {
            assert_eq!(
                std::fs::read_to_string(dir.path().join(name)).unwrap(),
                body
            );
        }
        assert_eq!(names(dir.path()), ["a.csv", "b.csv", "c.csv"]);
    }

    #[test]
    fn tables_appear_only_when_the_set_is_committed() {
        let dir = tempfile::tempdir().unwrap();
        let mut set = OutputSet::open(dir.path()).unwrap();
        let mut t = CsvTable::create(&set, "x.csv", &["a", "b"]).unwrap();
        t.row(["1", "=2"]).unwrap();
        t.finish(&mut set).unwrap();
        let mut g = set.create("g.txt").unwrap();
        g.write_all(b"graph").unwrap();
        set.stage(g).unwrap();
        let abandoned = CsvTable::create(&set, "y.csv", &["a"]).unwrap();
        drop(abandoned);
        assert!(!dir.path().join("x.csv").exists());
        assert!(dir.path().join(LOCK_FILE).exists());
        assert_eq!(set.commit().unwrap().len(), 2);
        let s = std::fs::read_to_string(dir.path().join("x.csv")).unwrap();
        assert_eq!(s, "a,b\r\n1,'=2\r\n");
        assert_eq!(names(dir.path()), ["g.txt", "x.csv"]);
    }

    #[test]
    fn a_file_of_several_writeback_chunks_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut set = OutputSet::open(dir.path()).unwrap();
        let mut f = set.create("big.bin").unwrap();
        // Uneven pieces, so chunk ends fall inside writes; 2.5 chunks in all.
        let total = (WRITEBACK_CHUNK * 5 / 2) as usize;
        let mut expected = Vec::with_capacity(total);
        let mut i = 0u32;
        while expected.len() < total {
            let len = (1 + (i as usize * 7919) % 300_000).min(total - expected.len());
            let piece: Vec<u8> = (0..len).map(|k| (k as u32 ^ i) as u8).collect();
            f.write_all(&piece).unwrap();
            expected.extend_from_slice(&piece);
            i += 1;
        }
        f.flush().unwrap();
        let target = f.out.get_ref();
        assert_eq!(target.written, total as u64);
        // Write-back was started twice, each time for all that was written since the last.
        assert!(target.started >= 2 * WRITEBACK_CHUNK && target.started < 3 * WRITEBACK_CHUNK);
        set.stage(f).unwrap();
        set.commit().unwrap();
        assert!(std::fs::read(dir.path().join("big.bin")).unwrap() == expected);
    }

    #[test]
    fn a_set_dropped_before_commit_leaves_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("x.csv"), "old").unwrap();
        let mut set = OutputSet::open(dir.path()).unwrap();
        let mut t = CsvTable::create(&set, "x.csv", &["new"]).unwrap();
        t.row(["row"]).unwrap();
        t.finish(&mut set).unwrap();
        drop(set);
        assert_eq!(names(dir.path()), ["x.csv"]);
        assert_eq!(std::fs::read(dir.path().join("x.csv")).unwrap(), b"old");
    }

    #[test]
    fn a_second_writer_is_refused_with_the_first_ones_pid() {
        let dir = tempfile::tempdir().unwrap();
        let first = OutputSet::open(dir.path()).unwrap();
        let err = OutputSet::open(dir.path()).err().unwrap().to_string();
        let want = format!(
            "{} is being written by another claimgraph run, pid {}",
            dir.path().display(),
            std::process::id()
        );
        assert!(err.starts_with(&want), "{err}");
        drop(first);
        OutputSet::open(dir.path()).unwrap();
    }

    #[test]
    fn a_failed_rename_restores_the_files_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.csv", "b.csv"] {
            std::fs::write(dir.path().join(name), format!("old {name}")).unwrap();
        }
        // A non-empty folder where the last file goes: renaming a file over it fails.
        std::fs::create_dir_all(dir.path().join("c.csv/inside")).unwrap();
        let mut set = OutputSet::open(dir.path()).unwrap();
        for name in ["a.csv", "b.csv", "new.csv", "c.csv"] {
            let mut f = set.create(name).unwrap();
            f.write_all(b"new").unwrap();
            set.stage(f).unwrap();
        }
        let err = set.commit().err().unwrap().to_string();
        assert!(
            err.contains("c.csv; the previous outputs were left as they were"),
            "{err}"
        );
        assert_eq!(names(dir.path()), ["a.csv", "b.csv", "c.csv"]);
        for name in ["a.csv", "b.csv"] {
            let old = format!("old {name}");
            assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), old);
        }
    }

    #[test]
    fn temporaries_of_dead_processes_are_removed_on_open() {
        let dir = tempfile::tempdir().unwrap();
        // pid_max is at most 2^22 on Linux, so this process cannot exist.
        let stale = dir.path().join(".claimgraph-99999999-x.csv-abc.tmp");
        let ours = dir
            .path()
            .join(format!(".claimgraph-{}-y.csv-abc.tmp", std::process::id()));
        std::fs::write(&stale, "").unwrap();
        std::fs::write(&ours, "").unwrap();
        let _set = OutputSet::open(dir.path()).unwrap();
        assert!(!stale.exists());
        assert!(ours.exists());
    }
}
