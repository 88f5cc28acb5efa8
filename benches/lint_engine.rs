//! Speed of the lint engine alone: `Linter::check_post` on a mix of
//! realistic posts (clean and faulty, French and English), with every
//! built-in rule, and without the political rules (to see what they add).
//! The end-to-end figure (a 1,000,000-post CSV file) is in `benches/check.rs`.
//!
//! Run: `cargo bench --bench lint_engine`. Throughput is reported in posts
//! per second (divan's "item/s").

use divan::Bencher;
use divan::counter::ItemsCount;
use jiff::civil::date;
use twitterritorial::config::RuleSetting;
use twitterritorial::lint::{Linter, Media, Post};
use twitterritorial::rules::{RuleSet, example_config};

fn main() {
    divan::main();
}

/// Sentences town halls write; combined into posts below.
const PIECES: &[&str] = &[
    "Le marché de Noël ouvre samedi 13 décembre à 10h, place de la Mairie.",
    "Travaux rue de la République du 4 au 29 mai : circulation alternée.",
    "Inscriptions au centre de loisirs jusqu’au 15 mars.",
    "Merci à toutes et à tous pour ce magnifique concert !",
    "La médiathèque change ses horaires d’ouverture cet été.",
    "Conseil municipal jeudi 19h : vote du budget, ordre du jour en ligne.",
    "Bin collection moves to Tuesday next week after the bank holiday.",
    "URGENT : coupure d’eau demain matin dans le quartier des Tilleuls.",
    "Bravo à nos jeunes sportifs 🎉🎉 pour leur victoire !",
    "Rendez-vous au 🏊 samedi pour la fête de l’eau.",
    "Dimanche 15 mars, les bureaux de vote sont ouverts de 8h à 18h.",
    "Promesse tenue : trois écoles rénovées grâce à l’action de la majorité !",
    "𝗡𝗼𝘂𝘃𝗲𝗮𝘂 : la navette gratuite dessert le marché.",
    "Vœux du maire vendredi à 18h30 à la salle des fêtes.",
    "Le nouveau parc des Tilleuls est ouvert à tous.",
];

const ENDINGS: &[&str] = &[
    " https://www.ville-exemple.fr/agenda #VilleExemple",
    " #villeexemple",
    " Plus d’infos : https://bit.ly/3xYzAbc",
    " #FêteDeLaMusique #VilleExemple #Concert",
    "",
    " #Saint-Étienne",
    " https://www.ville-exemple.fr/travaux",
];

/// 1,000 posts from the pieces above, deterministic.
fn corpus() -> Vec<Post> {
    let mut seed: u32 = 12345;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize % n
    };
    (0..1000)
        .map(|i| {
            let mut text = String::new();
            for _ in 0..1 + next(3) {
                if !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(PIECES[next(PIECES.len())]);
            }
            text.push_str(ENDINGS[next(ENDINGS.len())]);
            let mut post = Post::new(text);
            if i % 7 == 0 {
                post.media.push(Media {
                    file: "affiche.jpg".into(),
                    alt: (i % 14 == 0).then(|| "Affiche du concert, samedi 20h".into()),
                });
            }
            post
        })
        .collect()
}

fn run(bencher: Bencher, with_political: bool) {
    let set = RuleSet::builtin().expect("built-in rules");
    let mut config = example_config();
    if !with_political {
        for id in [
            "political.partisan",
            "political.achievement",
            "political.election-eve",
        ] {
            config.rules.insert(id.into(), RuleSetting::Off);
        }
    }
    let linter = Linter::new(&set, &config).expect("linter");
    let posts = corpus();
    let today = date(2026, 1, 20);
    bencher
        .counter(ItemsCount::new(posts.len()))
        .bench_local(|| {
            let mut out = Vec::new();
            for post in &posts {
                out.clear();
                linter.check_post_into(divan::black_box(post), today, &mut out);
                divan::black_box(&out);
            }
        });
}

/// Every built-in rule.
#[divan::bench(sample_count = 20)]
fn all_rules_1000_posts(bencher: Bencher) {
    run(bencher, true);
}

/// Every built-in rule but the political ones.
#[divan::bench(sample_count = 20)]
fn without_political_1000_posts(bencher: Bencher) {
    run(bencher, false);
}

/// Reading and validating the built-in packs, as a run starts.
#[divan::bench(sample_count = 10)]
fn ruleset_builtin() -> RuleSet {
    RuleSet::builtin().expect("built-in rules")
}

/// Compiling the rules once (`Linter::new`), as a run starts.
#[divan::bench(sample_count = 10)]
fn linter_new(bencher: Bencher) {
    let set = RuleSet::builtin().expect("built-in rules");
    let config = example_config();
    bencher.bench_local(|| Linter::new(&set, &config).expect("linter"));
}
