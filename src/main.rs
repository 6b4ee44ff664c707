use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = dbctl::cli::Cli::parse();
    let json = cli.global.json;
    let log_json = cli.global.log_format == Some(dbctl::values::LogFormat::Json);
    match dbctl::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A program reading --json output gets the error as a document on stdout too.
            if json {
                println!("{}", err.to_json());
            }
            if log_json {
                let fields = serde_json::json!({ "exit_code": err.exit_code(), "kind": err.kind() });
                eprintln!("{}", dbctl::output::log_line("error", "error", &err.to_string(), fields));
            } else {
                eprintln!("error: {err}");
            }
            ExitCode::from(err.exit_code())
        }
    }
}
