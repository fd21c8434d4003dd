//! A spinner on stderr naming the current stage of a long run: drawn only
//! when stderr is a terminal and the run has lasted a second; silent when
//! piped or in CI.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its spinner shows.
pub const SHOW_AFTER: Duration = Duration::from_secs(1);

/// A spinner naming the current stage.
#[derive(Debug)]
pub struct Progress(ProgressBar);

impl Progress {
    /// A spinner that shows after [`SHOW_AFTER`] when stderr is a
    /// terminal, and never otherwise.
    pub fn new() -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}") {
            bar.set_style(style);
        }
        let shown = bar.clone();
        std::thread::spawn(move || {
            std::thread::sleep(SHOW_AFTER);
            if !shown.is_finished() {
                shown.set_draw_target(ProgressDrawTarget::stderr());
                shown.enable_steady_tick(Duration::from_millis(120));
            }
        });
        Progress(bar)
    }

    /// A progress that never draws.
    pub fn hidden() -> Progress {
        Progress(ProgressBar::hidden())
    }

    /// Name the current stage.
    pub fn stage(&self, message: String) {
        self.0.set_message(message);
    }

    /// Clear the spinner (before anything is printed).
    pub fn done(&self) {
        self.0.finish_and_clear();
    }
}

impl Default for Progress {
    fn default() -> Self {
        Progress::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_progress_takes_stages_and_finishes() {
        let progress = Progress::hidden();
        progress.stage("reading".to_string());
        progress.done();
        assert!(progress.0.is_finished());
    }
}
