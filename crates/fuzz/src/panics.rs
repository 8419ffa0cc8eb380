//! A panic hook that keeps the last panic's message and place instead of printing it: the
//! engine reports it with the input that caused it.

use std::sync::Mutex;

static LAST: Mutex<Option<String>> = Mutex::new(None);

/// Installs the hook (once, at start).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        if let Ok(mut last) = LAST.lock() {
            *last = Some(info.to_string());
        }
    }));
}

/// The last panic's message, taken.
pub fn take() -> Option<String> {
    LAST.lock().ok().and_then(|mut last| last.take())
}
