use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dbctl::cli::Cli::parse();
    let json = cli.global.json;
    match dbctl::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A program reading --json output gets the error as a document on stdout too.
            if json {
                println!("{}", err.to_json());
            }
            eprintln!("error: {err}");
            ExitCode::from(err.exit_code())
        }
    }
}
