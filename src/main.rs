//! Wasm entry: panic screen, boot shell away, mount, a performance mark. Nothing else.

fn main() {
    kenshu::ui::crash::install();
    kenshu::ui::remove_boot_shell();
    leptos::mount::mount_to_body(kenshu::ui::App);
    kenshu::ui::mark_mounted();
}
