//! The command line, run as a user would run it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn sahayak(data: &std::path::Path, args: &[&str], stdin: &str) -> Output {
    sahayak_bytes(data, args, stdin.as_bytes())
}

fn sahayak_bytes(data: &std::path::Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sahayak"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("SAHAYAK_DATABASE_URL")
        .env_remove("SAHAYAK_CONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn extract_prints_json_with_byte_offsets() {
    let dir = tempfile::tempdir().unwrap();
    let text = "खाते से ₹5,000 कटे; UPI 9876543210@ybl, call +91-70234-81956";
    let out = sahayak(dir.path(), &["extract"], text);
    assert!(out.status.success());
    let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let kinds: Vec<&str> = found.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["phone", "upi", "phone"]);
    for f in &found {
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], f["raw"].as_str().unwrap());
    }
}

#[test]
fn extract_jsonl_prints_one_object_a_line_as_the_array_does() {
    let dir = tempfile::tempdir().unwrap();
    let message = "Fwd: call +91 98765\n43210 now, UTR of the last payment 412345678901\n\n\
                   Mail from jobs@abc-careers.in; upload at Abc-Careers.In/apply\n\n\
                   स्क्रीनशॉट @TaskManager_Anita (टेलीग्राम) पर भेजें\n\n";
    let text = message.repeat(200);
    let out = sahayak(dir.path(), &["extract", "--jsonl"], &text);
    assert!(out.status.success(), "{out:?}");
    let lines: Vec<serde_json::Value> =
        String::from_utf8(out.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 200 * 6);
    let kinds: Vec<&str> = lines[..6].iter().map(|f| f["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["phone", "txn_ref", "email", "url", "domain", "handle"]);
    for f in &lines {
        let (s, e) = (f["start"].as_u64().unwrap() as usize, f["end"].as_u64().unwrap() as usize);
        assert_eq!(&text[s..e], f["raw"].as_str().unwrap());
    }
    let array = sahayak(dir.path(), &["extract"], &text);
    let array: Vec<serde_json::Value> = serde_json::from_slice(&array.stdout).unwrap();
    assert_eq!(array, lines);

    let out = sahayak_bytes(dir.path(), &["extract", "--jsonl"], b"call 9876543210\n\n\xff");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8 text (byte 17)"), "{out:?}");
}

#[test]
fn districts_and_users_are_added_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = sahayak(
        dir.path(),
        &["user", "add", "pooja", "--role", "counsellor", "--district", "jaipur"],
        "long enough pass\n",
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no district \"jaipur\""), "{out:?}");

    let out = sahayak(
        dir.path(),
        &["district", "add", "jaipur", "--prefix", "JPR", "--name-en", "Jaipur", "--name-hi", "जयपुर"],
        "",
    );
    assert!(out.status.success(), "{out:?}");
    let out = sahayak(dir.path(), &["user", "add", "pooja", "--role", "counsellor", "--district", "jaipur"], "short\n");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least 10 characters"));
    let out =
        sahayak(dir.path(), &["user", "add", "pooja", "--role", "chief", "--district", "jaipur"], "long enough pass\n");
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown role"));

    let out = sahayak(
        dir.path(),
        &["user", "add", "pooja", "--role", "counsellor", "--district", "jaipur"],
        "long enough pass\n",
    );
    assert!(out.status.success(), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Added user pooja"));
    let out = sahayak(
        dir.path(),
        &["user", "add", "pooja", "--role", "counsellor", "--district", "jaipur"],
        "long enough pass\n",
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    // The password never shows up in what the command printed.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("long enough pass"));

    let out = sahayak(dir.path(), &["migrate"], "");
    assert!(out.status.success());
    let out = sahayak(dir.path(), &["district", "list"], "");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "jaipur\tJPR\tJaipur\tजयपुर");
}

#[test]
fn retention_and_account_commands_run_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = sahayak(dir.path(), &["retention", "run", "--dry-run"], "");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0 closed case(s) checked; 0 would be erased.");
    let out = sahayak(dir.path(), &["user", "sign-out", "nobody"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no active user named \"nobody\""), "{out:?}");
    sahayak(
        dir.path(),
        &["district", "add", "jaipur", "--prefix", "JPR", "--name-en", "Jaipur", "--name-hi", "जयपुर"],
        "",
    );
    let out =
        sahayak(dir.path(), &["user", "add", "meena", "--role", "admin", "--district", "jaipur"], "long enough pass\n");
    assert!(out.status.success(), "{out:?}");
    let out = sahayak(dir.path(), &["user", "sign-out", "meena"], "");
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "Ended 0 session(s) of meena.");
    let out = sahayak(dir.path(), &["user", "reset-two-step", "meena"], "");
    assert!(out.status.success(), "{out:?}");
}
