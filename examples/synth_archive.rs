//! Writes a deterministic synthetic archive of N realistic posts, for benchmarks.
//!
//!     cargo run --release --example synth_archive -- N OUT.ron [--lines OUT.txt] [--seed S]
//!
//! Every post has a generated title, one or two APA citations (several authors,
//! some with accented names, a DOI), two to six curated topics, a research type,
//! a summary of about 300 words and practice implications of about 100. The body
//! text comes from a word-bigram chain trained on the bundled archive, with words
//! from a domain lexicon and rarer coined terms mixed in, so that the vocabulary
//! keeps growing with the corpus the way real text does (Heaps' law) instead of
//! saturating at the bundled archive's 900 words.
//!
//! With `--lines`, the same posts are also written one per line: every field the
//! filter searches (title, citations, topics, summary, implications) joined by
//! spaces, for comparison with line-based tools such as `fzf --filter`.
//!
//! The same N and seed always give byte-identical files.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use pprnet::archive::{self, Archive, Citation, Month, Post};
use pprnet::text::slug;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("synth_archive: {message}");
            eprintln!("usage: synth_archive N OUT.ron [--lines OUT.txt] [--seed S]");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut lines_path: Option<PathBuf> = None;
    let mut seed: u64 = 2023;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lines" => lines_path = Some(args.next().ok_or("--lines needs a file")?.into()),
            "--seed" => {
                seed = args
                    .next()
                    .ok_or("--seed needs a number")?
                    .parse()
                    .map_err(|_| "--seed needs a number")?
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => positional.push(arg),
        }
    }
    let [count, out] = positional.as_slice() else {
        return Err("expected N and OUT.ron".into());
    };
    let count: usize = count
        .parse()
        .map_err(|_| format!("N must be a number, not {count:?}"))?;

    let bundled = archive::bundled().map_err(|e| e.to_string())?;
    let archive = generate(&bundled, count, seed);
    let ron = archive::to_ron(&archive);
    std::fs::write(out, ron).map_err(|e| format!("{out}: {e}"))?;
    if let Some(path) = lines_path {
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut file = std::io::BufWriter::new(file);
        for post in &archive.posts {
            let line: Vec<&str> = post.fields().map(|(_, text)| text).collect();
            let line = line.join(" ").replace(['\t', '\n', '\r'], " ");
            writeln!(file, "{line}").map_err(|e| format!("{}: {e}", path.display()))?;
        }
        file.flush()
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    eprintln!("synth_archive: wrote {count} posts to {out}");
    Ok(())
}

/// SplitMix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True with probability `p`.
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// An index in `0..n`, small ones much more often (roughly Zipf's law).
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        let x = ((n as f64 + 1.0).powf(u) - 1.0) as usize;
        x.min(n - 1)
    }
}

/// Words of psychotherapy research beyond the bundled archive's own.
#[rustfmt::skip]
const LEXICON: &[&str] = &[
    "adolescents", "adults", "affect", "agoraphobia", "alexithymia", "ambivalence", "anger",
    "anhedonia", "antidepressant", "anxiety", "appraisal", "arousal", "assessment",
    "attachment", "attrition", "autonomy", "avoidance", "behavioural", "benchmarking",
    "bereavement", "bipolar", "borderline", "brief", "burnout", "caregivers", "catharsis",
    "change", "childhood", "chronic", "clients", "clinicians", "cognition", "cohort",
    "collaboration", "comorbidity", "compassion", "competence", "compliance", "confidence",
    "conflict", "congruence", "consensus", "containment", "control", "coping",
    "countertransference", "couples", "crisis", "cultural", "curiosity", "defence",
    "deliberate", "depression", "deterioration", "dialectical", "disclosure",
    "dissociation", "distress", "dosage", "dropout", "dynamics", "dysregulation", "eating",
    "effectiveness", "efficacy", "emotion", "emotional", "engagement", "epistemic",
    "evidence", "expectancy", "experiential", "exposure", "families", "fidelity",
    "flexibility", "focus", "follow-up", "formulation", "functioning", "generalised",
    "goals", "grief", "group", "guilt", "heterogeneity", "homework", "hope", "hopelessness",
    "hostility", "humility", "identity", "impairment", "implementation", "impulsivity",
    "inpatients", "insight", "insomnia", "integrative", "intensive", "interpretation",
    "intervention", "interview", "isolation", "loneliness", "longitudinal", "maintenance",
    "measurement", "mechanisms", "mediation", "medication", "mentalization",
    "meta-regression", "mindfulness", "moderators", "monitoring", "motivation", "narrative",
    "neuroticism", "nonresponse", "obsessive", "outpatients", "outcome", "panic",
    "parenting", "perfectionism", "persistence", "personality", "pharmacotherapy", "phobia",
    "placebo", "posttraumatic", "preferences", "presence", "prevention", "primary",
    "process", "prognosis", "psychoeducation", "psychodynamic", "psychosis",
    "psychotherapy", "qualitative", "randomised", "rapport", "reactance", "recovery",
    "reflective", "regulation", "relapse", "reliability", "remission", "repair",
    "resilience", "resistance", "responsiveness", "rumination", "rupture", "schema",
    "self-criticism", "self-efficacy", "self-esteem", "sessions", "severity", "shame",
    "skills", "sleep", "social", "somatic", "stigma", "stress", "substance", "suicidality",
    "supervision", "supportive", "symptoms", "telehealth", "termination", "therapeutic",
    "tolerance", "trainees", "transdiagnostic", "trauma", "trust", "uncertainty",
    "validation", "veterans", "vulnerability", "warmth", "wellbeing", "withdrawal", "worry",
    "youth",
];

/// Words titles are built from.
#[rustfmt::skip]
const TITLE_NOUNS: &[&str] = &[
    "Alliance", "Empathy", "Feedback", "Outcomes", "Dropout", "Ruptures", "Repair",
    "Expectations", "Attachment", "Supervision", "Training", "Humility",
    "Countertransference", "Resistance", "Homework", "Termination", "Deterioration",
    "Self-Disclosure", "Competence", "Responsiveness", "Mentalization", "Mindfulness",
    "Relapse", "Recovery", "Shame", "Preferences", "Placebo", "Dosage", "Medication",
    "Trauma", "Grief", "Perfectionism", "Loneliness", "Suicidality", "Insomnia",
    "Rumination", "Compassion", "Warmth", "Interpersonal Skills", "Progress Monitoring",
    "Group Cohesion", "Session Frequency",
];
#[rustfmt::skip]
const TITLE_ADJECTIVES: &[&str] = &[
    "Therapist", "Patient", "Client", "Early", "Brief", "Long-term", "Online", "Group",
    "Psychodynamic", "Cognitive", "Emotion-Focused", "Interpersonal", "Routine",
    "Deliberate", "Culturally Adapted", "Transdiagnostic", "Adolescent", "Couple", "Family",
    "Intensive",
];
#[rustfmt::skip]
const TITLE_LINKS: &[&str] = &[
    "and", "Predict", "Improve", "Moderate", "Mediate", "in", "Versus", "Reduce", "Shape",
    "Explain",
];
#[rustfmt::skip]
const POPULATIONS: &[&str] = &[
    "Depression", "Anxiety Disorders", "Borderline Personality Disorder", "PTSD",
    "Eating Disorders", "Primary Care", "Adolescents", "Older Adults",
    "University Students", "Routine Practice", "Veterans", "Couples", "Inpatient Settings",
    "Telehealth",
];
#[rustfmt::skip]
const JOURNALS: &[&str] = &[
    "Psychotherapy", "Psychotherapy Research",
    "Journal of Consulting and Clinical Psychology", "Clinical Psychology Review",
    "Journal of Counseling Psychology", "Counselling and Psychotherapy Research",
    "Psychological Medicine", "Behaviour Research and Therapy",
    "Journal of Clinical Psychology", "Clinical Psychology & Psychotherapy",
];
#[rustfmt::skip]
const SURNAMES: &[&str] = &[
    "Alfonsson", "Fagernäs", "Sjöstrand", "Tyrberg", "Norcross", "Karpiak", "Nissen-Lie",
    "Heinonen", "Delgadillo", "Deisenhofer", "Probst", "Shimokawa", "Lambert",
    "Kleinstäuber", "Wampold", "Owen", "Barkham", "Lutz", "Castonguay", "Tasca", "Safran",
    "Muran", "Eubanks", "Hill", "Elliott", "Greenberg", "Flückiger", "Del Re", "Horvath",
    "Constantino", "Goldfried", "Anderson", "Hilsenroth", "Levy", "Kivlighan",
    "Zilcha-Mano", "Falkenström", "Rubel", "Schiefele", "Boswell", "Swift", "Callahan",
    "Ogrodniczuk", "Piper", "Joyce", "Ryum", "Høglend", "Ulvenes", "Solbakken", "Lingiardi",
    "Dazzi", "Gómez Penedo", "Roussos", "Muñoz", "Ngo", "Nguyễn", "Kim", "Park", "Chen",
    "Wang", "Li", "Zhang", "Müller", "Schröder", "Løvgren", "Åberg", "Lindqvist",
    "Ó Súilleabháin", "O'Shea", "McAleavey", "Čolić", "Dvořák", "Kowalski", "Smith",
    "Jones", "Brown", "Taylor", "Wilson", "Johnson", "García", "Martínez", "Rodríguez",
    "López", "Hernández", "González", "Pérez", "Sánchez", "Ramírez",
];
#[rustfmt::skip]
const SYLLABLES: &[&str] = &[
   
    "ka", "lo", "ber", "sen", "mar", "ti", "no", "vo", "strö", "hei", "nen", "dal", "gren", "ri",
    "ch", "ton", "wa", "mi", "zu", "ko", "lé", "fa", "gé", "sch", "ul", "rik", "an", "der", "son",
    "ez", "ova", "ić", "ski", "ham", "ley", "ford", "ma", "ri", "us", "tä",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ae", "io", "ou"];
#[rustfmt::skip]
const CONSONANTS: &[&str] = &[
   
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "th", "ch",
    "st", "pr", "tr", "ph", "gn", "sc",
];
#[rustfmt::skip]
const SUFFIXES: &[&str] = &[
    "ation", "ism", "ity", "ology", "osis", "ic", "al", "ive", "ment", "ence", "ia", "ing",
];

/// Word-bigram chain over the bundled archive's body text.
struct Chain {
    words: Vec<String>,
    next: HashMap<usize, Vec<usize>>,
    starts: Vec<usize>,
}

impl Chain {
    fn train(archive: &Archive) -> Chain {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut words: Vec<String> = Vec::new();
        let mut next: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut starts = Vec::new();
        for post in &archive.posts {
            for paragraph in post.summary.iter().chain(&post.implications) {
                let mut prev: Option<usize> = None;
                for word in paragraph.split_whitespace() {
                    let id = *ids.entry(word).or_insert_with(|| {
                        words.push(word.to_string());
                        words.len() - 1
                    });
                    match prev {
                        Some(p) => next.entry(p).or_default().push(id),
                        None => starts.push(id),
                    }
                    // The word after a full stop starts a new sentence.
                    prev = (!word.ends_with('.')).then_some(id);
                }
            }
        }
        let starts: Vec<usize> = starts
            .into_iter()
            .filter(|&id| !words[id].ends_with('.'))
            .filter(|&id| words[id].starts_with(|c: char| c.is_uppercase()))
            .collect();
        Chain {
            words,
            next,
            starts,
        }
    }
}

struct Generator<'a> {
    rng: Rng,
    chain: Chain,
    topics: &'a [String],
    types: &'a [String],
    coined: Vec<String>,
    surnames: Vec<String>,
}

impl Generator<'_> {
    /// A coined technical term, e.g. "prathotic" (one of a large Zipf-used pool).
    fn coined(&mut self) -> String {
        let i = self.rng.zipf(self.coined.len());
        self.coined[i].clone()
    }

    /// One sentence of body text.
    fn sentence(&mut self, out: &mut Vec<String>) {
        let start = *self.rng.pick(&self.chain.starts);
        let mut current = start;
        let mut length = 0;
        loop {
            let word = self.chain.words[current].clone();
            let roll = self.rng.below(1000);
            let word = if roll < 35 && length > 0 && !word.ends_with('.') {
                LEXICON[self.rng.zipf(LEXICON.len())].to_string()
            } else if roll < 47 && length > 0 && !word.ends_with('.') {
                self.coined()
            } else if roll < 50 && length > 0 && !word.ends_with('.') {
                format!("{}%", self.rng.range(1, 99))
            } else {
                word
            };
            length += 1;
            let ends = word.ends_with('.');
            out.push(word);
            if ends {
                break;
            }
            match self.chain.next.get(&current) {
                Some(options) if length < 40 => current = *self.rng.pick(options),
                _ => {
                    if let Some(last) = out.last_mut() {
                        last.push('.');
                    }
                    break;
                }
            }
        }
    }

    /// Paragraphs of about `words` words in total.
    fn paragraphs(&mut self, words: usize, count: usize) -> Vec<String> {
        let per = words / count;
        (0..count)
            .map(|_| {
                let mut out = Vec::new();
                while out.len() < per {
                    self.sentence(&mut out);
                }
                out.join(" ")
            })
            .collect()
    }

    fn title(&mut self) -> String {
        let mut parts = vec![self.rng.pick(TITLE_ADJECTIVES).to_string()];
        parts.push(self.rng.pick(TITLE_NOUNS).to_string());
        parts.push(self.rng.pick(TITLE_LINKS).to_string());
        if self.rng.chance(0.5) {
            parts.push(self.rng.pick(TITLE_ADJECTIVES).to_string());
        }
        parts.push(self.rng.pick(TITLE_NOUNS).to_string());
        if self.rng.chance(0.4) {
            parts.push("in".into());
            parts.push(self.rng.pick(POPULATIONS).to_string());
        }
        parts.join(" ")
    }

    fn author(&mut self) -> String {
        let i = self.rng.zipf(self.surnames.len());
        let surname = self.surnames[i].clone();
        let initials = self.rng.range(1, 2);
        let mut name = format!("{surname},");
        for _ in 0..initials {
            let letter = (b'A' + self.rng.below(26) as u8) as char;
            name.push_str(&format!(" {letter}."));
        }
        name
    }

    fn citation(&mut self, year: u16) -> Citation {
        let authors: Vec<String> = (0..self.rng.range(1, 6)).map(|_| self.author()).collect();
        let names = match authors.as_slice() {
            [one] => one.clone(),
            [init @ .., last] => format!("{}, & {last}", init.join(", ")),
            [] => unreachable!("at least one author"),
        };
        let mut title_words = Vec::new();
        self.sentence(&mut title_words);
        title_words.truncate(12);
        let article = title_words
            .join(" ")
            .trim_end_matches(['.', ',', ';', ':'])
            .to_string();
        let journal = self.rng.pick(JOURNALS);
        let doi = if self.rng.chance(0.85) {
            Some(format!(
                "10.{}/{}{:07}",
                self.rng.pick(&["1037", "1080", "1002", "1016"]),
                self.rng.pick(&["pst", "ccp", "cou", "cpr", "brat"]),
                self.rng.below(10_000_000)
            ))
        } else {
            None
        };
        let mut raw = format!(
            "{names} ({year}). {article}. {journal}, {}({}), {}-{}.",
            self.rng.range(20, 70),
            self.rng.range(1, 6),
            self.rng.range(1, 500),
            self.rng.range(501, 900)
        );
        if let Some(doi) = &doi {
            raw.push_str(&format!(" https://doi.org/{doi}"));
        }
        Citation {
            raw,
            authors,
            year: Some(year),
            doi,
        }
    }

    fn post(&mut self, month: Month, ids: &mut HashSet<String>) -> Post {
        let title = self.title();
        let base = format!("{month}-{}", slug(&title, 80));
        let mut id = base.clone();
        let mut n = 2;
        while !ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        let citations = (0..if self.rng.chance(0.2) { 2 } else { 1 })
            .map(|_| {
                let year = month.year - self.rng.below(3) as u16;
                self.citation(year)
            })
            .collect();
        let summary_paragraphs = self.rng.range(2, 4);
        let summary = self.paragraphs(300, summary_paragraphs);
        let implications = if self.rng.chance(0.9) {
            let count = self.rng.range(1, 2);
            self.paragraphs(100, count)
        } else {
            Vec::new()
        };
        let mut topics: Vec<String> = Vec::new();
        for _ in 0..self.rng.range(2, 6) {
            let topic = self.topics[self.rng.zipf(self.topics.len())].clone();
            if !topics.contains(&topic) {
                topics.push(topic);
            }
        }
        let research_type = self.rng.pick(self.types).clone();
        Post {
            id,
            month,
            title,
            citations,
            summary,
            implications,
            topics,
            research_type,
            suggested: Default::default(),
            source: Default::default(),
        }
    }
}

/// The whole synthetic archive: `count` posts spread over 2013-01..2025-12,
/// newest month first.
pub fn generate(bundled: &Archive, count: usize, seed: u64) -> Archive {
    let mut rng = Rng(seed);
    let coined: Vec<String> = (0..50_000)
        .map(|_| {
            let mut word = String::new();
            for _ in 0..rng.range(1, 3) {
                word.push_str(rng.pick::<&str>(CONSONANTS));
                word.push_str(rng.pick::<&str>(VOWELS));
            }
            word.push_str(rng.pick::<&str>(SUFFIXES));
            word
        })
        .collect();
    let mut surnames: Vec<String> = SURNAMES.iter().map(|s| s.to_string()).collect();
    for _ in 0..20_000 {
        let mut name = String::new();
        for _ in 0..rng.range(2, 3) {
            name.push_str(rng.pick::<&str>(SYLLABLES));
        }
        let mut chars = name.chars();
        let first = chars.next().map(|c| c.to_uppercase().collect::<String>());
        surnames.push(first.unwrap_or_default() + chars.as_str());
    }
    let mut generator = Generator {
        rng,
        chain: Chain::train(bundled),
        topics: &bundled.topics,
        types: &bundled.research_types[..bundled.research_types.len() - 1],
        coined,
        surnames,
    };
    let months: Vec<Month> = (2013..=2025)
        .rev()
        .flat_map(|year| (1..=12).rev().map(move |m| Month { year, month: m }))
        .collect();
    let mut ids = HashSet::new();
    let posts = (0..count)
        .map(|i| {
            let month = months[i * months.len() / count.max(1)];
            generator.post(month, &mut ids)
        })
        .collect();
    Archive {
        version: bundled.version,
        header: bundled.header.clone(),
        topics: bundled.topics.clone(),
        research_types: bundled.research_types.clone(),
        posts,
    }
}
