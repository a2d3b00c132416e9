//! The site's published courses (`courses/published.json` and the files it
//! lists): fetched and checked in a later chunk before any learner sees
//! them, the last good versions kept in this browser for when a newer file
//! fails or the site cannot be reached.

use leptos::prelude::*;
use quiz_core::item_check::ItemOptions;
use quiz_core::published::{Accepted, PublishedEntry, PublishedIndex, Refused, accept};
use quiz_core::{CourseSummary, SourceFile};

use super::Catalog;
use crate::course_files::{self, FetchError};
use crate::storage;
use crate::ui::state::clock::today_date;

impl Catalog {
    /// Fetches the site's published courses and checks them (in a later
    /// chunk) before any learner sees them.
    pub(super) fn load_published(&self) {
        let catalog = self.clone();
        leptos::task::spawn_local(async move {
            let list = course_files::fetch_published_list().await;
            // The single-file page carries its published courses in the page.
            if !course_files::is_single_file()
                && !storage::keeps_published_good()
                && course_files::names_no_course(&list)
            {
                catalog.published_ready.set(true);
                return;
            }
            let loaded = fetch_and_check_published(catalog.shipped.to_vec(), list).await;
            // Only what changed is set: a site that publishes nothing must
            // not re-render the course list a second after it appeared.
            if loaded.index.is_some() {
                catalog.published_index.set(loaded.index);
            }
            if loaded.error.is_some() {
                catalog.published_error.set(loaded.error);
            }
            if !loaded.accepted.is_empty() {
                catalog.published.set(loaded.accepted);
            }
            if !loaded.refused.is_empty() {
                catalog.published_refused.set(loaded.refused);
            }
            catalog.published_ready.set(true);
        });
    }
}

/// A last good file's list entry (offline, the list cannot be had): the
/// one kept with it, or one made from its name (kept before entries were).
fn entry_of(file: &SourceFile, kept: &PublishedIndex) -> PublishedEntry {
    if let Some(entry) = kept.courses.iter().find(|e| e.file == file.name) {
        return PublishedEntry {
            digest: file.digest(),
            ..entry.clone()
        };
    }
    let id = file
        .name
        .strip_suffix(".toml")
        .unwrap_or(&file.name)
        .to_owned();
    PublishedEntry {
        title: id.clone(),
        id,
        file: file.name.clone(),
        digest: file.digest(),
        published_on: String::new(),
        revises: None,
    }
}

/// The site's published courses as this browser may show them.
#[derive(Default)]
pub struct PublishedLoad {
    /// The site's list, or `None` when it publishes nothing.
    index: Option<PublishedIndex>,
    /// Why the list could not be fetched (the last good versions are used).
    error: Option<FetchError>,
    /// What learners see.
    accepted: Vec<Accepted>,
    /// What they do not, and why.
    refused: Vec<Refused>,
}

/// Fetches the published list and files and decides what learners see
/// ([`quiz_core::published::accept`]); keeps what passed as the last good
/// versions. A split point: none of it is part of the first load.
#[cfg_attr(kenshu_split, leptos::lazy)]
async fn fetch_and_check_published(
    shipped: Vec<CourseSummary>,
    list: Result<Option<String>, FetchError>,
) -> PublishedLoad {
    let last_good = storage::load_published_good();
    let mut load = PublishedLoad::default();
    let fetched = match course_files::fetch_published(list).await {
        Ok(Some((index, files))) => {
            load.index = Some(index);
            files
        }
        Ok(None) => Vec::new(),
        Err(e) => {
            // Offline: the last good versions, as they were.
            load.error = Some(e);
            let kept = storage::load_published_good_list();
            last_good
                .iter()
                .map(|f| (entry_of(f, &kept), Ok(f.clone())))
                .collect()
        }
    };
    if fetched.is_empty() {
        return load;
    }
    let options = ItemOptions::new(today_date());
    // Each shipped course's file digest: a revision must have been made from it.
    let digests: Vec<(String, String)> = crate::SHIPPED
        .iter()
        .map(|c| (c.id.to_owned(), c.digest.to_owned()))
        .collect();
    let (accepted, refused) = accept(&shipped, &digests, &fetched, &last_good, &options);
    let good: Vec<SourceFile> = accepted.iter().map(|a| a.file.clone()).collect();
    let mut entries = PublishedIndex::new();
    entries.courses = fetched
        .iter()
        .map(|(entry, _)| entry)
        .filter(|e| good.iter().any(|f| f.name == e.file))
        .cloned()
        .collect();
    // Only a fallback copy: a refused write costs nothing now.
    let _ = storage::save_published_good(&good, &entries);
    load.accepted = accepted;
    load.refused = refused;
    load
}
