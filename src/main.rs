//! Wasm entry: panic hook, then mount. Nothing else.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(kenshu::ui::App);
}
