
use builtin;
use str;

set edit:completion:arg-completer[dbctl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'dbctl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'dbctl'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand health 'Check the database, Redis and their vital signs; exit with the worst status'
            cand config 'Show or check the effective configuration'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;health'= {
            cand --format 'Output format [default: human, or json with --json]'
            cand -o 'Write the report to FILE atomically (temporary file, then rename) instead of stdout'
            cand --output 'Write the report to FILE atomically (temporary file, then rename) instead of stdout'
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;config'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand show 'Print every setting with its value and where it came from; secrets are redacted'
            cand check 'Validate the configuration file (every profile) and the environment; exit 2 on error'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;config;show'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;config;check'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;config;help'= {
            cand show 'Print every setting with its value and where it came from; secrets are redacted'
            cand check 'Validate the configuration file (every profile) and the environment; exit 2 on error'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;config;help;show'= {
        }
        &'dbctl;config;help;check'= {
        }
        &'dbctl;config;help;help'= {
        }
        &'dbctl;completions'= {
            cand --config 'Configuration file [env: DBCTL_CONFIG] [default: ./dbctl.toml when present]'
            cand --env 'Profile: settings of the file''s `[env.NAME]` table override its top level [env: DBCTL_ENV]'
            cand --database-url 'Database URL: postgres://…, postgresql://…, sqlite://PATH, sqlite::memory: or a file path [env: DATABASE_URL]'
            cand --redis-url 'Redis URL: redis://[:PASSWORD@]HOST[:PORT][/DB], rediss://… for TLS [env: REDIS_URL]'
            cand --connect-timeout 'How long one connection attempt may take, e.g. 5s [env: DBCTL_CONNECT_TIMEOUT] [default: 5s]'
            cand --wait 'Retry connecting until the servers accept connections, for at most DURATION [default: 60s]'
            cand --json 'Print machine-readable JSON on stdout'
            cand -q 'Print nothing but errors and problems (for cron)'
            cand --quiet 'Print nothing but errors and problems (for cron)'
            cand -v 'Explain what is being done, on stderr'
            cand --verbose 'Explain what is being done, on stderr'
            cand --no-color 'Never color output (also when NO_COLOR is set)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'dbctl;help'= {
            cand health 'Check the database, Redis and their vital signs; exit with the worst status'
            cand config 'Show or check the effective configuration'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'dbctl;help;health'= {
        }
        &'dbctl;help;config'= {
            cand show 'Print every setting with its value and where it came from; secrets are redacted'
            cand check 'Validate the configuration file (every profile) and the environment; exit 2 on error'
        }
        &'dbctl;help;config;show'= {
        }
        &'dbctl;help;config;check'= {
        }
        &'dbctl;help;completions'= {
        }
        &'dbctl;help;help'= {
        }
    ]
    $completions[$command]
}
