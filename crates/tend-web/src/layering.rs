//! The layers, checked: pages and API handlers reach the database only through `services`, so
//! every rule (who may read what, what is sealed, what is validated) has one place to live.

/// Each line of a page or handler that reaches for the store itself, as `path:line`.
fn store_calls(folder: &str) -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder);
    let mut found = Vec::new();
    let mut folders = vec![root];
    while let Some(dir) = folders.pop() {
        for entry in std::fs::read_dir(&dir).expect("the source folder reads") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("a source file reads");
            for (n, line) in text.lines().enumerate() {
                if line.contains(".store.") || line.contains("store()") {
                    found.push(format!("{}:{}", path.display(), n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn pages_and_api_handlers_reach_the_store_only_through_services() {
    for folder in ["pages", "api"] {
        assert_eq!(store_calls(folder), Vec::<String>::new(), "{folder} calls the store directly");
    }
    // The check itself sees a store call where there is one.
    assert!(!store_calls("services").is_empty());
}
