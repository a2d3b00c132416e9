//! Wasm entry: panic screen, mount, and a performance mark. Nothing else.

fn main() {
    kenshu::ui::crash::install();
    leptos::mount::mount_to_body(kenshu::ui::App);
    kenshu::ui::mark_mounted();
}
