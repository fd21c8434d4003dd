//! Test support: the bundled texts (seeds and fixture sources) that the
//! scanners' and segmenter's property tests run over.

use std::path::Path;

/// Folders of bundled articles, from the crate root.
const DIRS: [&str; 3] = ["seeds", "fixtures/mini/sources", "fixtures/regress/sources"];

/// Every bundled article, whole.
pub fn bundled_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for dir in DIRS {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
        }
    }
    texts
}

/// Every bundled article cut after each "." and line break.
pub fn bundled_pieces() -> Vec<String> {
    bundled_texts()
        .iter()
        .flat_map(|text| text.split_inclusive(['.', '\n']).map(str::to_string))
        .collect()
}
