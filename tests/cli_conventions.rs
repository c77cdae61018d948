//! CLI conventions (issue 12): one `pprnet: ` prefix for every error,
//! usage errors included; `--help` saying what no command does and naming
//! PPRNET_DATA_DIR; shell completions and the man page.

use std::io::Write;
use std::process::{Command, Stdio};

#[path = "common/cli.rs"]
#[allow(dead_code)]
mod common_cli;

use common_cli::{pprnet, stderr, stdout};

#[test]
fn help_says_that_no_command_opens_the_reader_and_names_the_environment() {
    let help = stdout(&pprnet(&["--help"]));
    assert!(
        help.contains("Run `pprnet` with no command to open the reader"),
        "{help}"
    );
    assert!(help.contains("[env: PPRNET_DATA_DIR="), "{help}");
    for command in ["completions", "man", "bookmarks", "show"] {
        assert!(help.contains(&format!("  {command} ")), "{command} missing");
    }
}

#[test]
fn usage_errors_have_the_same_prefix_as_every_error() {
    for args in [
        &["bogus"][..],
        &["list", "--topc", "x"],
        &["show"],
        &["search", "x", "--limit", "0"],
        &["bookmarks", "export", "--format", "pdf"],
        &["completions", "tcsh"],
    ] {
        let output = pprnet(args);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {message}");
        assert!(message.starts_with("pprnet: "), "{args:?}: {message}");
        assert!(!message.contains("error:"), "{args:?}: {message}");
        assert!(output.stdout.is_empty());
    }
    // Help and version are not errors.
    let version = pprnet(&["--version"]);
    assert_eq!(version.status.code(), Some(0));
    assert!(stdout(&version).starts_with("pprnet "));
}

#[test]
fn the_bash_completion_script_registers_and_completes_subcommands() {
    let script = pprnet(&["completions", "bash"]);
    assert!(script.status.success());
    let mut bash = Command::new("bash")
        .args([
            "--norc",
            "-c",
            "source /dev/stdin; complete -p pprnet; \
             COMP_WORDS=(pprnet bookm); COMP_CWORD=1; _pprnet pprnet bookm pprnet; \
             echo \"${COMPREPLY[@]}\"",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    bash.stdin
        .take()
        .unwrap()
        .write_all(&script.stdout)
        .unwrap();
    let output = bash.wait_with_output().unwrap();
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains("-F _pprnet pprnet"),
        "{said}{}",
        stderr(&output)
    );
    assert!(said.lines().last().unwrap().contains("bookmarks"), "{said}");
}

#[test]
fn zsh_and_fish_scripts_name_every_command() {
    for shell in ["zsh", "fish"] {
        let output = pprnet(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        let script = stdout(&output);
        for command in ["list", "show", "bookmarks", "export", "sessions", "rename"] {
            assert!(script.contains(command), "{shell}: {command}");
        }
    }
    assert!(stdout(&pprnet(&["completions", "zsh"])).starts_with("#compdef pprnet"));
}

#[test]
fn the_man_page_is_roff_that_groff_formats() {
    let output = pprnet(&["man"]);
    assert!(output.status.success());
    let page = stdout(&output);
    assert!(page.contains(".TH pprnet 1"), "{page}");
    assert!(page.contains(".SH NAME") && page.contains(".SH SUBCOMMANDS"));
    // One page: no reference to a page per command (pprnet-list(1)...) that
    // nothing installs; the commands are listed with their usage instead.
    assert!(!page.contains("(1)"), "{page}");
    for usage in [
        "\\fBpprnet list [OPTIONS]\\fR",
        "\\fBpprnet bookmarks sessions [OPTIONS] [COMMAND]\\fR",
        "\\fBpprnet library remove [OPTIONS] [ID]...\\fR",
    ] {
        assert!(page.contains(usage), "{usage} in {page}");
    }
    let Ok(mut groff) = Command::new("groff")
        .args(["-man", "-Tutf8"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        return; // No groff here: the roff checks above stand.
    };
    groff
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let formatted = groff.wait_with_output().unwrap();
    assert!(formatted.status.success());
    let text = String::from_utf8_lossy(&formatted.stdout);
    assert!(
        text.contains("pprnet(1)") && text.contains("PPRNet psychotherapy"),
        "{text}"
    );
    assert!(
        formatted.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&formatted.stderr)
    );
}

#[test]
fn data_dir_is_offered_only_where_it_is_used_and_after_the_command_too() {
    let data = tempfile::tempdir().unwrap();
    let dir = |name: &str| data.path().join(name);
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_pprnet"))
            .args(args)
            .env("PPRNET_DATA_DIR", dir("env"))
            .env("XDG_CACHE_HOME", dir("cache"))
            .env("XDG_CONFIG_HOME", dir("config"))
            .output()
            .unwrap()
    };
    for args in [
        &["check", "--data-dir", "x"][..],
        &["config", "--data-dir", "x"],
        &["man", "--data-dir", "x"],
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&output).starts_with("pprnet: unexpected argument '--data-dir'"),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let post = "2022-06";
    let after = dir("after");
    let before = dir("before");
    let inner = dir("inner");
    let (after, before, inner) = (
        after.to_str().unwrap(),
        before.to_str().unwrap(),
        inner.to_str().unwrap(),
    );
    // After the command (and after bookmarks' own command), it beats both
    // the environment and the option before the command.
    for args in [
        &[
            "--data-dir",
            before,
            "bookmarks",
            "add",
            post,
            "--data-dir",
            after,
        ][..],
        &["bookmarks", "--data-dir", inner, "add", post],
        &["--data-dir", before, "bookmarks", "add", post],
        &["bookmarks", "add", post],
    ] {
        assert!(run(args).status.success(), "{args:?}");
    }
    for name in ["after", "inner", "before", "env"] {
        assert!(dir(name).join("bookmarks.ron").is_file(), "{name}");
    }
    let listed = stdout(&run(&["list", "--data-dir", after]));
    assert_eq!(listed.lines().count(), 6);
    let help = stdout(&run(&["list", "--help"]));
    assert!(help.contains("--data-dir <DIR>"), "{help}");
    assert!(!stdout(&run(&["check", "--help"])).contains("--data-dir"));
}

#[test]
fn an_empty_pprnet_data_dir_counts_as_unset() {
    let home = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_pprnet"))
        .args(["bookmarks", "add", "2022-06"])
        .env("PPRNET_DATA_DIR", "")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        home.path().join("data/pprnet/bookmarks.ron").is_file(),
        "the platform data dir"
    );
}
