//! The only module that touches localStorage (through gloo-storage).
//!
//! It never panics: storage that the browser blocks is detected before use,
//! a refused write is reported as a typed error that the UI shows, data that
//! cannot be read is copied aside under a backup key instead of being
//! overwritten, and every write merges with what another tab may have
//! written since (read, merge, write).

use gloo_storage::{LocalStorage, Storage};
use quiz_core::SourceFile;
use quiz_core::progress::{self, MigrateError, Progress, VERSION};

/// Prefix of every key this app writes, so the app's data is easy to find
/// and never mixed with another app's on the same origin. Opened from
/// `file://`, where every page shares one storage origin, the prefix also
/// names this build, so two single-file apps never see each other's data.
pub fn prefix() -> &'static str {
    static PREFIX: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    PREFIX.get_or_init(|| {
        let protocol = web_sys::window().and_then(|w| w.location().protocol().ok());
        if protocol.as_deref() == Some("file:") {
            format!("kenshu.{}.", crate::BUILD_ID)
        } else {
            "kenshu.".to_owned()
        }
    })
}

/// Every key this app writes; nothing else in the app names one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Key {
    /// The learner's [`Progress`], as JSON.
    Progress,
    /// The UI language, `ja` or `en`.
    Lang,
    /// Question files a trainer kept in this browser, as JSON.
    LocalCourses,
    /// The last good version of each published course this browser saw,
    /// as JSON: learners keep it when a newer file fails the check.
    PublishedGood,
    /// The published list's entries of those files (a revision's entry
    /// names the shipped file it was made from), as JSON: offline, the
    /// files are checked against them.
    PublishedGoodList,
    /// xAPI statements waiting for the LRS (only when the deployment
    /// turned reporting on), as JSON.
    Outbox,
    /// The trainer's course draft in the form editor, as JSON.
    EditorDraft,
    /// A copy of stored progress that could not be used, by when it was kept.
    Backup(u64),
}

impl Key {
    /// The key's name in localStorage.
    pub fn name(&self) -> String {
        match self {
            Key::Progress => format!("{}progress", prefix()),
            Key::Lang => format!("{}lang", prefix()),
            Key::LocalCourses => format!("{}local-courses", prefix()),
            Key::PublishedGood => format!("{}published-good", prefix()),
            Key::PublishedGoodList => format!("{}published-good-list", prefix()),
            Key::Outbox => format!("{}outbox", prefix()),
            Key::EditorDraft => format!("{}editor-draft", prefix()),
            Key::Backup(ms) => format!("{}backup.{ms}", prefix()),
        }
    }
}

/// Why storage did not do what was asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// The browser gives no localStorage (disabled, or blocked in this mode).
    Unavailable,
    /// The browser refused the write (quota full, or private mode).
    WriteRefused(String),
    /// Stored progress could not be read; it was copied to a backup key
    /// (when `backed_up`) and a fresh record started.
    Corrupt {
        /// Whether the copy under the backup key succeeded.
        backed_up: bool,
    },
    /// Stored progress comes from a newer version of the app; it is left
    /// untouched and this tab does not write.
    Newer(u64),
    /// Stored progress of an older version could not be copied aside
    /// before its migration; this tab does not write, so it stays as it was.
    NotKeptAside,
}

/// True when localStorage can be used at all. `LocalStorage::raw()` throws
/// when the browser blocks storage, so this probes through web-sys first.
pub fn available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

/// Reads a raw string value.
pub fn get_raw(key: &Key) -> Result<Option<String>, StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    Ok(LocalStorage::raw().get_item(&key.name()).ok().flatten())
}

/// Writes a raw string value.
pub fn set_raw(key: &Key, value: &str) -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(&key.name(), value)
        .map_err(|e| StorageError::WriteRefused(format!("{e:?}")))
}

/// Copies a value aside under a new backup key (never over an earlier
/// copy), where Settings offers it for download. A value already kept is
/// not kept twice.
pub fn keep_aside(raw: &str, now_ms: u64) -> Result<(), StorageError> {
    if backups().iter().any(|(_, _, kept)| kept == raw) {
        return Ok(());
    }
    let free = (now_ms..now_ms.saturating_add(1_000))
        .find(|ms| matches!(get_raw(&Key::Backup(*ms)), Ok(None)))
        .ok_or(StorageError::Unavailable)?;
    set_raw(&Key::Backup(free), raw)
}

fn back_up(raw: &str, now_ms: u64) -> bool {
    keep_aside(raw, now_ms).is_ok()
}

/// Loads progress and, as JSON, what was stored (for a copy aside when a
/// later check changes it). A missing value is a fresh start; an older
/// version is migrated (the original kept as a backup, or nothing is
/// written when that fails); an unreadable one is copied aside and
/// reported, and the app goes on with a fresh record.
pub fn load_progress(now_ms: u64) -> (Progress, Option<String>, Option<StorageError>) {
    let raw = match get_raw(&Key::Progress) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (Progress::new(), None, None),
        Err(e) => return (Progress::new(), None, Some(e)),
    };
    match progress::migrate(&raw) {
        Ok((p, from)) => {
            let problem =
                (from < VERSION && !back_up(&raw, now_ms)).then_some(StorageError::NotKeptAside);
            (p, Some(raw), problem)
        }
        Err(MigrateError::FromTheFuture(v)) => {
            (Progress::new(), None, Some(StorageError::Newer(v)))
        }
        Err(_) => {
            let backed_up = back_up(&raw, now_ms);
            (
                Progress::new(),
                None,
                Some(StorageError::Corrupt { backed_up }),
            )
        }
    }
}

/// Reads a progress value that another tab wrote (from a `storage` event).
pub fn parse_progress(raw: &str) -> Option<Progress> {
    progress::migrate(raw).ok().map(|(p, _)| p)
}

/// Saves progress, merged with whatever is stored now (another tab may
/// have written since) and then tidied by `fit` (checked against the
/// courses; true when it changed something, and then what was stored is
/// copied aside first). Returns what was written.
pub fn save_progress(
    progress: &Progress,
    now_ms: u64,
    fit: impl Fn(&mut Progress) -> bool,
) -> Result<Progress, StorageError> {
    let raw = get_raw(&Key::Progress)?;
    let stored = raw.as_deref().and_then(parse_progress);
    let mut merged = match stored {
        Some(stored) => progress::merge(&stored, progress),
        None => progress.clone(),
    };
    if fit(&mut merged)
        && let Some(raw) = &raw
    {
        keep_aside(raw, now_ms)?;
    }
    let json =
        serde_json::to_string(&merged).map_err(|e| StorageError::WriteRefused(e.to_string()))?;
    set_raw(&Key::Progress, &json)?;
    Ok(merged)
}

/// Every backup kept so far: (key name, when, value), newest first.
pub fn backups() -> Vec<(String, u64, String)> {
    if !available() {
        return Vec::new();
    }
    let raw = LocalStorage::raw();
    let prefix = format!("{}backup.", prefix());
    let count = raw.length().unwrap_or(0);
    let mut out: Vec<(String, u64, String)> = (0..count)
        .filter_map(|i| raw.key(i).ok().flatten())
        .filter_map(|name| {
            let ms = name.strip_prefix(&prefix)?.parse().ok()?;
            let value = raw.get_item(&name).ok().flatten()?;
            Some((name, ms, value))
        })
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.1));
    out
}

/// Removes the app's progress (not its backups or settings): the reset the
/// learner confirmed in settings.
pub fn clear_progress() -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .remove_item(&Key::Progress.name())
        .map_err(|e| StorageError::WriteRefused(format!("{e:?}")))
}

/// The name localStorage `storage` events carry for progress.
pub fn progress_key_name() -> String {
    Key::Progress.name()
}

/// The question files a trainer kept in this browser: `[[name, text], …]`.
/// A value that cannot be read is copied aside (and reported), so the next
/// save cannot overwrite the only copy.
pub fn load_local_courses(now_ms: u64) -> Result<Vec<SourceFile>, StorageError> {
    let Some(raw) = get_raw(&Key::LocalCourses)? else {
        return Ok(Vec::new());
    };
    match files_from_json(&raw) {
        Ok(files) => Ok(files),
        Err(_) => {
            let backed_up = back_up(&raw, now_ms);
            Err(StorageError::Corrupt { backed_up })
        }
    }
}

/// Saves the question files a trainer keeps in this browser.
pub fn save_local_courses(files: &[SourceFile]) -> Result<(), StorageError> {
    set_raw(&Key::LocalCourses, &files_to_json(files)?)
}

/// Question files as stored: `[[name, text], …]`.
fn files_to_json(files: &[SourceFile]) -> Result<String, StorageError> {
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|f| (f.name.as_str(), f.text.as_str()))
        .collect();
    serde_json::to_string(&pairs).map_err(|e| StorageError::WriteRefused(e.to_string()))
}

/// Question files from their stored form.
fn files_from_json(raw: &str) -> Result<Vec<SourceFile>, serde_json::Error> {
    let pairs: Vec<(String, String)> = serde_json::from_str(raw)?;
    Ok(pairs
        .into_iter()
        .map(|(name, text)| SourceFile::new(name, text))
        .collect())
}

/// The last good published files this browser kept (empty when none, or
/// when the value cannot be read: it is only a fallback copy).
pub fn load_published_good() -> Vec<SourceFile> {
    let Ok(Some(raw)) = get_raw(&Key::PublishedGood) else {
        return Vec::new();
    };
    files_from_json(&raw).unwrap_or_default()
}

/// True when this browser keeps last good published files (not just an
/// empty list): they must be checked again even when the site lists none.
pub fn keeps_published_good() -> bool {
    matches!(get_raw(&Key::PublishedGood), Ok(Some(raw)) if raw.trim() != "[]")
}

/// Keeps the published files that passed, and their list's entries, for
/// the next time one fails or the site cannot be reached.
pub fn save_published_good(
    files: &[SourceFile],
    entries: &quiz_core::published::PublishedIndex,
) -> Result<(), StorageError> {
    set_raw(&Key::PublishedGood, &files_to_json(files)?)?;
    set_raw(&Key::PublishedGoodList, &entries.to_json())
}

/// The list entries kept with the last good published files (empty when
/// none, or when the value cannot be read: it is only a fallback copy).
pub fn load_published_good_list() -> quiz_core::published::PublishedIndex {
    get_raw(&Key::PublishedGoodList)
        .ok()
        .flatten()
        .and_then(|raw| quiz_core::published::PublishedIndex::parse(&raw).ok())
        .unwrap_or_default()
}

/// Reads the outbox, lets `change` work on it, and writes it back: read,
/// change, write in one go (synchronously, so two tabs never lose a
/// statement). An outbox that cannot be read is copied aside (never
/// overwritten unread) and a new one started; one from a newer version is
/// left as it is. Every failure is returned, for the learner to see.
pub fn update_outbox<R>(
    now_ms: u64,
    change: impl FnOnce(&mut quiz_core::lms::outbox::Outbox) -> R,
) -> Result<R, StorageError> {
    use quiz_core::lms::outbox::Outbox;
    let mut outbox = match get_raw(&Key::Outbox)? {
        None => Outbox::new(),
        Some(raw) => match Outbox::from_json(&raw) {
            Ok(o) => o,
            Err(Some(newer)) => return Err(StorageError::Newer(u64::from(newer))),
            Err(None) => {
                keep_aside(&raw, now_ms).map_err(|_| StorageError::NotKeptAside)?;
                Outbox::new()
            }
        },
    };
    let result = change(&mut outbox);
    let json =
        serde_json::to_string(&outbox).map_err(|e| StorageError::WriteRefused(e.to_string()))?;
    set_raw(&Key::Outbox, &json)?;
    Ok(result)
}

/// The trainer's course draft, if one is being written. A value that
/// cannot be read is copied aside (where Settings offers it) and reported,
/// so the next save cannot overwrite the only copy.
pub fn load_draft(now_ms: u64) -> Result<Option<quiz_core::editor::Draft>, StorageError> {
    let Some(raw) = get_raw(&Key::EditorDraft)? else {
        return Ok(None);
    };
    match serde_json::from_str(&raw) {
        Ok(draft) => Ok(Some(draft)),
        Err(_) => {
            let backed_up = back_up(&raw, now_ms);
            if backed_up {
                // Kept aside: the editor may start afresh.
                let _ = clear_draft();
            }
            Err(StorageError::Corrupt { backed_up })
        }
    }
}

/// Saves the trainer's course draft (after every change in the form).
pub fn save_draft(draft: &quiz_core::editor::Draft) -> Result<(), StorageError> {
    let json =
        serde_json::to_string(draft).map_err(|e| StorageError::WriteRefused(e.to_string()))?;
    set_raw(&Key::EditorDraft, &json)
}

/// Removes the trainer's course draft (discarded after confirming).
pub fn clear_draft() -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .remove_item(&Key::EditorDraft.name())
        .map_err(|e| StorageError::WriteRefused(format!("{e:?}")))
}
