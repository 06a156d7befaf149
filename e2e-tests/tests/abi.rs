//! The exported metadata in abi/ is what wallets, explorers and dapps read: ink! metadata v5,
//! and the PSP22 standard's selectors on every token, so tools recognise them.

use serde_json::Value;

/// Selectors fixed by the PSP22 standard (first 4 bytes of blake2b-256 of the label).
const PSP22: &[(&str, &str)] = &[
    ("PSP22::total_supply", "0x162df8c2"),
    ("PSP22::balance_of", "0x6568382f"),
    ("PSP22::allowance", "0x4d47d921"),
    ("PSP22::transfer", "0xdb20f9f5"),
    ("PSP22::transfer_from", "0x54b3c76e"),
    ("PSP22::approve", "0xb20f1bbd"),
    ("PSP22::increase_allowance", "0x96d6b57a"),
    ("PSP22::decrease_allowance", "0xfecb57d5"),
    ("PSP22Metadata::token_name", "0x3d261bd4"),
    ("PSP22Metadata::token_symbol", "0x34205be5"),
    ("PSP22Metadata::token_decimals", "0x7271b782"),
];

fn metadata(contract: &str) -> Value {
    let path = laas_e2e_tests::bundle_dir().join(format!("{contract}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).expect("valid JSON")
}

fn selector(meta: &Value, label: &str) -> Option<String> {
    meta["spec"]["messages"]
        .as_array()?
        .iter()
        .find(|m| m["label"] == label)
        .and_then(|m| m["selector"].as_str().map(String::from))
}

#[test]
fn every_token_exposes_the_standard_psp22_selectors() {
    for token in ["toke", "tasset", "test_asset"] {
        let meta = metadata(token);
        assert_eq!(meta["version"], 5, "{token}: ink! metadata version");
        for (label, expected) in PSP22 {
            assert_eq!(selector(&meta, label).as_deref(), Some(*expected), "{token}: {label}");
        }
    }
    assert_eq!(selector(&metadata("toke"), "PSP22Burnable::burn").as_deref(), Some("0x7a9da510"));
}

#[test]
fn every_exported_contract_has_metadata_v5_and_a_bundle() {
    let dir = laas_e2e_tests::bundle_dir();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("abi/ exists") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) == Some("json") {
            let name = path.file_stem().and_then(|s| s.to_str()).expect("name").to_string();
            assert_eq!(metadata(&name)["version"], 5, "{name}");
            assert!(dir.join(format!("{name}.contract")).exists(), "{name}.contract missing");
            seen += 1;
        }
    }
    assert!(seen >= 3, "only {seen} contracts exported");
}

/// A storage layout without its type ids (they number each bundle's own type registry) and
/// struct names (the two roots are named apart): every field's name, order and key stay.
fn layout_shape(v: &Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| k.as_str() != "ty" && !(k.as_str() == "name" && map.contains_key("fields")))
                .map(|(k, x)| (k.clone(), layout_shape(x)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(layout_shape).collect()),
        other => other.clone(),
    }
}

#[test]
fn the_pool_and_its_books_code_lay_out_storage_alike() {
    // The pool runs its books code in its own storage: every field must sit under the same key,
    // in the same order, in both codes, or the books code would read and write the wrong cells.
    let (pool, books) = (metadata("tasset"), metadata("tasset_books"));
    assert_eq!(layout_shape(&pool["storage"]), layout_shape(&books["storage"]));
    let fields = pool["storage"]["root"]["layout"]["struct"]["fields"][0]["layout"]["struct"]["fields"].as_array().map(Vec::len);
    assert!(fields.unwrap_or(0) >= 20, "the pool's fields are compared, not an empty shell");
}

/// Selectors fixed by the PSP34 standard (the same rule), as published with it.
const PSP34: &[(&str, &str)] = &[
    ("PSP34::collection_id", "0xffa27a5f"),
    ("PSP34::balance_of", "0xcde7e55f"),
    ("PSP34::owner_of", "0x1168624d"),
    ("PSP34::allowance", "0x4790f55a"),
    ("PSP34::approve", "0x1932a8b0"),
    ("PSP34::transfer", "0x3128d61b"),
    ("PSP34::total_supply", "0x628413fe"),
    ("PSP34Metadata::get_attribute", "0xf19d48d1"),
];

#[test]
fn the_policy_token_exposes_the_standard_psp34_selectors() {
    let meta = metadata("policy_nft");
    assert_eq!(meta["version"], 5, "policy_nft: ink! metadata version");
    for (label, expected) in PSP34 {
        assert_eq!(selector(&meta, label).as_deref(), Some(*expected), "policy_nft: {label}");
    }
}
