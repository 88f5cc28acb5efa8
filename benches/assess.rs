//! The self-assessment core, as the browser will run it: loading the model
//! (parsing `rules/assessment.yaml`), reading an answers file, scoring with
//! the action gains, and rendering the HTML report with its chart.
//!
//! `cargo bench --bench assess`

use twitterritorial::assess::answers::Answers;
use twitterritorial::assess::html::html;
use twitterritorial::assess::model::{DEFAULT_HANDBOOK_BASE, Model};
use twitterritorial::assess::score::assess;
use twitterritorial::locale::Lang;

const BROADCAST_ONLY: &str = include_str!("../examples/assessment/broadcast-only.yaml");

fn main() {
    divan::main();
}

#[divan::bench]
fn load_model() -> Model {
    Model::builtin().expect("model")
}

#[divan::bench]
fn read_answers(bencher: divan::Bencher) {
    let model = Model::builtin().expect("model");
    bencher
        .bench(|| Answers::from_yaml(divan::black_box(BROADCAST_ONLY), &model).expect("answers"));
}

#[divan::bench]
fn score(bencher: divan::Bencher) {
    let model = Model::builtin().expect("model");
    let answers = Answers::from_yaml(BROADCAST_ONLY, &model).expect("answers");
    bencher.bench(|| {
        assess(
            &model,
            divan::black_box(&answers),
            Lang::Fr,
            DEFAULT_HANDBOOK_BASE,
        )
    });
}

#[divan::bench]
fn render_html(bencher: divan::Bencher) {
    let model = Model::builtin().expect("model");
    let answers = Answers::from_yaml(BROADCAST_ONLY, &model).expect("answers");
    let report = assess(&model, &answers, Lang::Fr, DEFAULT_HANDBOOK_BASE);
    bencher.bench(|| html(divan::black_box(&report)));
}

/// Everything, from the model text to the HTML page.
#[divan::bench]
fn end_to_end() -> String {
    let model = Model::builtin().expect("model");
    let answers = Answers::from_yaml(divan::black_box(BROADCAST_ONLY), &model).expect("answers");
    html(&assess(&model, &answers, Lang::Fr, DEFAULT_HANDBOOK_BASE))
}
