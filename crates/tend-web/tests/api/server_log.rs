//! The server's log as a test reads it: everything the app logs, at debug level and below
//! (more than `tend serve` writes by default), kept in memory for this test process.
//! nextest runs each test in its own process, so what is captured is that test's log alone.

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

static LOG: OnceLock<Captured> = OnceLock::new();

/// Starts capturing this process's log (once; later calls keep the same capture).
pub fn capture() {
    LOG.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new("debug"))
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("no other log is installed in a test process");
        captured
    });
}

/// What was logged since `capture`, as text.
pub fn text() -> String {
    let captured = LOG.get().expect("capture() first");
    String::from_utf8_lossy(&captured.0.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}
