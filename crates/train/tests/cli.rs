//! The trainer's command line as someone trying an experiment meets it: a misspelt switch is
//! an error, not a run with the switch silently ignored (as a misspelt environment variable
//! was), and missing data says where it was looked for and how to say where it is.

use std::process::Command;

fn train(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_train"))
        .args(args)
        .env_remove("FOLIO_DATA")
        .output()
        .expect("train runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_misspelt_switch_is_a_usage_error() {
    let (status, stdout, stderr) = train(&["fit", "--holliday"]);
    assert_eq!(status, 2, "{stderr}");
    assert!(stderr.contains("--holliday"), "{stderr}");
    assert!(stdout.is_empty(), "nothing trained: {stdout}");
    // Lists of their own are one at a time.
    let (status, _, stderr) = train(&["fit", "--org-list", "--name-parts"]);
    assert_eq!(status, 2, "{stderr}");
}

#[test]
fn every_experiment_switch_is_in_the_help() {
    let (status, help, _) = train(&["fit", "--help"]);
    assert_eq!(status, 0);
    for switch in [
        "--seed",
        "--epochs",
        "--out",
        "--data",
        "--no-title-case",
        "--augment-datelines",
        "--augment-mentions",
        "--augment-caps",
        "--no-gazetteer",
        "--holidays",
        "--org-list",
        "--name-parts",
        "--own-list",
        "--own-list-new-only",
        "--no-name-list",
        "--no-words",
        "--no-clusters",
        "--clusters",
        "--today-clusters",
        "--today-casing",
        "--shared-casing",
        "--extra",
        "--min-count",
        "--drop-identity",
        "--prune",
        "--dump",
        "--dump-shown",
        "--dump-wikigold",
    ] {
        assert!(help.contains(switch), "{switch} missing from:\n{help}");
    }
}

#[test]
fn missing_data_says_where_it_looked_and_how_to_point_elsewhere() {
    let empty = std::env::temp_dir().join(format!("folio-train-no-data-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    // Every switch of `fit` is read before the data is looked for: `--own-list` and
    // `--own-list-new-only` once made clap panic (an argument and a group of one name).
    let every: Vec<&str> = vec![
        "fit",
        "--own-list",
        "list.txt",
        "--own-list-new-only",
        "--holidays",
        "--today-casing",
        "casing.txt",
        "--clusters",
        "c.txt",
        "--min-count",
        "2",
        "--drop-identity",
        "0.1",
        "--prune",
        "3",
        "--seed",
        "7",
        "--epochs",
        "3",
        "--augment-caps",
        "--shared-casing",
    ];
    for mut args in [vec!["fit"], vec!["score", "models/ner.bin"], every] {
        args.extend(["--data", empty.to_str().unwrap()]);
        let (status, _, stderr) = train(&args);
        assert_eq!(status, 2, "{stderr}");
        assert!(
            stderr.contains(
                &empty
                    .join("conll2003")
                    .join("eng.train")
                    .display()
                    .to_string()
            ) || stderr.contains(
                &empty
                    .join("conll2003")
                    .join("eng.testa")
                    .display()
                    .to_string()
            ),
            "{stderr}"
        );
        assert!(
            stderr.contains("--data") && stderr.contains("FOLIO_DATA"),
            "{stderr}"
        );
    }
    std::fs::remove_dir(&empty).ok();
}
