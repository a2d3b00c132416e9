//! The only module that touches localStorage (through gloo-storage).
//!
//! It never panics: storage that the browser blocks is detected before use,
//! a refused write is reported as a typed error that the UI shows, and data
//! that cannot be read is copied aside under a backup key instead of being
//! overwritten.

use gloo_storage::{LocalStorage, Storage};
use quiz_core::progress::{Progress, VERSION};

/// Every key this app writes; nothing else in the app names one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// The learner's [`Progress`], as JSON.
    Progress,
    /// The UI language, `ja` or `en`.
    Lang,
    /// The last unreadable progress value, kept for download.
    ProgressBackup,
}

impl Key {
    /// The key's name in localStorage, namespaced by app.
    pub fn name(self) -> &'static str {
        match self {
            Key::Progress => "kenshu.progress",
            Key::Lang => "kenshu.lang",
            Key::ProgressBackup => "kenshu.progress.backup",
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
    /// A stored value could not be read; it was kept under the backup key.
    Corrupt {
        /// Whether the copy under the backup key succeeded.
        backed_up: bool,
    },
}

/// True when localStorage can be used at all. `LocalStorage::raw()` throws
/// when the browser blocks storage, so this probes through web-sys first.
pub fn available() -> bool {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

/// Reads a raw string value.
pub fn get_raw(key: Key) -> Result<Option<String>, StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    Ok(LocalStorage::raw().get_item(key.name()).ok().flatten())
}

/// Writes a raw string value.
pub fn set_raw(key: Key, value: &str) -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::raw()
        .set_item(key.name(), value)
        .map_err(|e| StorageError::WriteRefused(format!("{e:?}")))
}

/// Loads progress. A missing value is a fresh start; an unreadable one is
/// copied to [`Key::ProgressBackup`] and reported, and the app goes on with
/// a fresh record.
pub fn load_progress() -> (Progress, Option<StorageError>) {
    let raw = match get_raw(Key::Progress) {
        Ok(Some(raw)) => raw,
        Ok(None) => return (Progress::new(), None),
        Err(e) => return (Progress::new(), Some(e)),
    };
    match serde_json::from_str::<Progress>(&raw) {
        Ok(p) if p.version == VERSION => (p, None),
        _ => {
            let backed_up = set_raw(Key::ProgressBackup, &raw).is_ok();
            (Progress::new(), Some(StorageError::Corrupt { backed_up }))
        }
    }
}

/// Saves progress.
pub fn save_progress(progress: &Progress) -> Result<(), StorageError> {
    if !available() {
        return Err(StorageError::Unavailable);
    }
    LocalStorage::set(Key::Progress.name(), progress)
        .map_err(|e| StorageError::WriteRefused(e.to_string()))
}
