//! Wasm entry: panic screen, the hand-out page remembered, boot shell away,
//! mount, a performance mark. Nothing else.

fn main() {
    kenshu::ui::crash::install();
    // The hand-out file is saved anew from the page as it was opened.
    kenshu::course_files::remember_page();
    kenshu::ui::remove_boot_shell();
    leptos::mount::mount_to_body(kenshu::ui::App);
    kenshu::ui::mark_mounted();
}
