//! `dbctl keys check`: which recipients each backup is encrypted to, and which backups the
//! configured recipients and given identities open, from the manifests alone.

use crate::support::Backend;
use crate::support::fixtures::{age_key, seeded};

#[test]
fn keys_check_tells_what_a_lost_or_leaked_key_affects() {
    let p = seeded(Backend::Sqlite, "keys_check");
    let (old_key, old) = age_key(p.path());
    let other = p.path().join("new");
    std::fs::create_dir(&other).unwrap();
    let (new_key, new) = age_key(&other);
    let a = p.cmd().args(["backup", "--json"]).env("BACKUP_ENCRYPTION_KEY", &old).code(0).run().json();
    let b = p.cmd().args(["backup", "--json"]).env("BACKUP_ENCRYPTION_KEY", &new).code(0).run().json();
    let both = p
        .cmd()
        .args(["backup", "--json", "--recipient", &old])
        .env("BACKUP_ENCRYPTION_KEY", &new)
        .code(0)
        .run()
        .json();
    let plain = p.cmd().args(["backup", "--json", "--no-encryption"]).code(0).run().json();
    let id = |m: &serde_json::Value| m["id"].as_str().unwrap().to_string();

    // The configured recipient (the new key) and the old identity file.
    let out = p
        .cmd()
        .args(["keys", "check", "-i", old_key.to_str().unwrap()])
        .env("BACKUP_ENCRYPTION_KEY", &new)
        .code(0)
        .run();
    let key_name = old_key.file_name().unwrap().to_str().unwrap();
    let row = |m: &serde_json::Value| out.stdout.lines().find(|l| l.contains(&id(m))).unwrap().to_string();
    assert!(row(&a).contains(&format!("({key_name})")) && !row(&a).contains("configured"), "{}", out.stdout);
    assert!(row(&b).contains("(configured)"), "{}", out.stdout);
    assert!(
        row(&both).contains("(configured)") && row(&both).contains(&format!("({key_name})")),
        "{}",
        out.stdout
    );
    assert!(row(&plain).contains("not encrypted"), "{}", out.stdout);
    assert!(out.stdout.contains("configured opens 3 of 4"), "{}", out.stdout);
    assert!(out.stdout.contains(&format!("{key_name} opens 3 of 4")), "{}", out.stdout);
    assert!(
        out.stdout
            .contains(&format!("1 backup(s) open with none of the identities given: {} (local)", id(&b))),
        "{}",
        out.stdout
    );

    // JSON, with both identities: every encrypted backup opens with one of them.
    let doc = p
        .cmd()
        .args(["keys", "check", "--json", "-i", old_key.to_str().unwrap(), "-i", new_key.to_str().unwrap()])
        .code(0)
        .run()
        .json();
    assert_eq!(doc["backups"].as_array().unwrap().len(), 4, "{doc:#}");
    assert!(doc["opened_by_no_identity_given"].as_array().unwrap().is_empty(), "{doc:#}");
    // Not a key: a clear error.
    std::fs::write(p.path().join("junk.txt"), "hello\n").unwrap();
    p.cmd().args(["keys", "check", "-i", "junk.txt"]).code(1).run().stderr_has("holds no age identity");
}
