//! The `claimcheck` binary: parse flags, run, map the outcome to an exit
//! code. Everything else lives in the library.

use std::io::{self, Write};
use std::process::ExitCode;

use claimcheck::app;
use claimcheck::cli::Options;

fn main() -> ExitCode {
    let options = Options::from_env();
    if let Some(jobs) = options.jobs {
        // Only fails when the pool was already built: nothing to do then.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global();
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let mut err = io::stderr();
    let result = app::run(&options, &mut out, &mut err).and_then(|outcome| {
        out.flush()?;
        Ok(outcome)
    });
    match result {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let _ = writeln!(err, "claimcheck: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `claimcheck | head` closes the pipe early: that is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
