//! Writes an archive whose first post has one summary paragraph of N words,
//! to time `pprnet show` and the reader on very long text:
//!
//!     cargo run --release --example huge_paragraph -- 1000000 /tmp/huge.ron
//!     time target/release/pprnet --archive /tmp/huge.ron show 2023-11 > /dev/null

use anyhow::{Context, Result};

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: huge_paragraph WORDS OUT.ron";
    let words: usize = args.next().context(usage)?.parse().context(usage)?;
    let out = args.next().context(usage)?;
    let mut archive = pprnet::archive::bundled()?;
    archive.posts[0].summary = vec![paragraph(words)];
    std::fs::write(&out, pprnet::archive::to_ron(&archive)).with_context(|| out.clone())?;
    Ok(())
}

/// `words` words of ordinary prose, with a DOI now and then.
fn paragraph(words: usize) -> String {
    const WORDS: [&str; 12] = [
        "therapists",
        "who",
        "listen",
        "closely",
        "notice",
        "ruptures",
        "early,",
        "and",
        "repair",
        "them",
        "https://doi.org/10.1037/pst0000503",
        "together.",
    ];
    let mut text = String::with_capacity(words * 8);
    for i in 0..words {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(WORDS[i % WORDS.len()]);
    }
    text
}
