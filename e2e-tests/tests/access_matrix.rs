//! The access-control matrix: every message of every contract in `abi/`, and who may call
//! it. The table below is the suite's access policy in one place; a message without an entry
//! fails [`every_message_in_abi_is_classified`], so each new message must be classified.
//!
//! * [`privileged_messages_refuse_strangers_and_every_wrong_role`] deploys the suite from
//!   `deploy/laas.toml` and calls every privileged message as a stranger and as every holder
//!   of another role (read from each contract's `roles()`): each call is refused with its
//!   typed error, reverts, emits nothing, and leaves every contract's roles as they were.
//!   Contract-held roles (a pool's manager, a pricer venue's reactor, LD staking's reactors)
//!   are held by no caller here, so every caller is refused.
//! * [`every_exit_works_while_everything_is_paused`] builds positions on every contract, has
//!   the guardian pause everything, and takes every exit in the table.

use std::collections::{BTreeMap, BTreeSet};

use drink::Ss58Codec;
use laas_e2e_tests::cover::{DRAWDOWN_PRODUCT, POOL_PARAMS, QUARTER_MS};
use laas_e2e_tests::suite::{Suite, E18, HOUR_MS, NEVER};
use laas_e2e_tests::{args, args::Raw, ink_id, Address};
use laas_traits::{AccessError, LayerError, PoolError, PositionValue, RegistryError, Role, StakeError, VenueError};
use primary_pool::primary_pool::CoverError;
use term_position::term_position::TermError;
use reactor::reactor::{Recalled, VenueSkipped};

/// Who may call a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Need {
    /// Anyone: a query, or a message that acts only on the caller's own tokens or position.
    Anyone,
    /// Anyone, and it works while the contract is paused: a way out (a withdrawal, a claim,
    /// a request to leave), or the keeper's rollover that serves them.
    Exit,
    /// A holder of one of these roles; everyone else is refused with the given error.
    Role(&'static [Role], &'static str),
}

use Need::{Anyone, Exit};

const ADMIN: &[Role] = &[Role::Admin];
const NOT_ADMIN: &str = "Access(NotAdmin)";

/// The role interface every contract with an admin has, and what a wrong caller gets.
const ACCESS_CONTROL: &[(&str, Need, &[&str])] = &[
    ("AccessControl::propose_admin", Need::Role(ADMIN, "NotAdmin"), &["Some({x})"]),
    ("AccessControl::accept_admin", Need::Role(&[Role::PendingAdmin], "NotPendingAdmin"), &[]),
    ("AccessControl::set_role", Need::Role(ADMIN, "NotAdmin"), &["Guardian", "{x}", "true"]),
    ("AccessControl::pause", Need::Role(&[Role::Guardian, Role::Admin], "NotGuardian"), &[]),
    ("AccessControl::unpause", Need::Role(ADMIN, "NotAdmin"), &[]),
    ("AccessControl::paused", Anyone, &[]),
    ("AccessControl::set_code_hash", Need::Role(ADMIN, "NotAdmin"), &["{hash}"]),
    ("Roles::roles", Anyone, &[]),
];

/// PSP22 and its metadata: every token's holders act on their own balances.
const PSP22: &[&str] = &[
    "PSP22::total_supply",
    "PSP22::balance_of",
    "PSP22::allowance",
    "PSP22::transfer",
    "PSP22::transfer_from",
    "PSP22::approve",
    "PSP22::increase_allowance",
    "PSP22::decrease_allowance",
    "PSP22Metadata::token_name",
    "PSP22Metadata::token_symbol",
    "PSP22Metadata::token_decimals",
];

const CONFIG: &str = "Config { treasury: {x}, ld_recipient: {x}, deposit_cap: 1, max_nav_age_ms: 1, expiry_epochs: 9, lp_fee_bps: 0, ld_fee_bps: 0, reserve_bps: 0, collateral_bps: 0 }";
const ROLLOVER: &str =
    "Rollover { nav: 1, payout: 0, payout_pairing: 0, funded: 0, funded_pairing: 0, reward_asset: 0, reward_pairing: 0, next_boundary_ms: 0 }";
const DAO_PARAMS: &str = "Params { proposal_threshold: 1, quorum_bps: 1, voting_period_ms: 60000, timelock_ms: 60000, execution_window_ms: 60000 }";
const POOL_CODE: &str = "PoolCode { pool: {hash}, books: {hash} }";
const REGISTRY_PARAMS: &str = "Params { max_age_ms: 1, smoothing_ms: 1, min_bond: 1, band_bps: 1, max_deviations: 0, deviation_epochs: 1, slash_bps: 0, cooldown_ms: 0 }";
const REGISTRATION: &str = "Registration { token: {x}, class: Open, operator: {x}, related: [], source: None, venue: None, reference_size: 0 }";
const LAYER_SETUP: &str = "LayerSetup { junior: Some({x}), reinsurance: None, retention: 1, junior_limit: 1, attachment: 2, reinsurance_limit: 0, aggregate_threshold: 0, aggregate_share_bps: 0, junior_premium_bps: 0, reinsurance_premium_bps: 0, treasury_premium_bps: 0, treasury: {x} }";
const POOL_CONFIG: &str = "PoolConfig { deposit_cap: 1, max_nav_age_ms: 1, expiry_epochs: 9, paused: true }";

/// Each contract's own messages (the shared interfaces above are added where they apply).
fn own_messages(contract: &str) -> Vec<(&'static str, Need, &'static [&'static str])> {
    let role = |roles: &'static [Role], error: &'static str| Need::Role(roles, error);
    match contract {
        "reactor" => vec![
            ("rollover", Exit, &[]),
            ("strike_nav", Anyone, &[]),
            ("redeploy", Anyone, &[]),
            ("place_pcv", role(&[Role::Treasury], "NotTreasury"), &["1", "1"]),
            ("withdraw_pcv", role(&[Role::Treasury], "NotTreasury"), &["1", "1"]),
            ("fund_emissions", role(&[Role::Treasury], "NotTreasury"), &["1"]),
            ("set_config", role(ADMIN, NOT_ADMIN), &[CONFIG]),
            ("set_collateral", role(ADMIN, NOT_ADMIN), &["Fixed(5)"]),
            ("set_emissions", role(ADMIN, NOT_ADMIN), &["Emissions { rate: 1, target_ratio: 1, genesis_multiplier_bps: 10000, genesis_until: 0 }"]),
            ("set_venues", role(ADMIN, NOT_ADMIN), &["[]"]),
            ("write_off_venue", role(ADMIN, NOT_ADMIN), &["{x}"]),
            ("upgrade_tasset", role(ADMIN, NOT_ADMIN), &[POOL_CODE]),
            ("state", Anyone, &[]),
            ("nav_now", Anyone, &[]),
            ("pcv", Anyone, &[]),
            ("is_genesis", Anyone, &[]),
            ("tokens", Anyone, &[]),
            ("get_config", Anyone, &[]),
            ("get_collateral", Anyone, &[]),
            ("get_venues", Anyone, &[]),
            ("schedule", Anyone, &[]),
            ("ReactorView::epoch_info", Anyone, &[]),
            ("ReactorView::venue_list", Anyone, &[]),
            ("ReactorView::reactor_asset", Anyone, &[]),
        ],
        "tasset" => vec![
            ("TAsset::deposit", Anyone, &[]),
            ("TAsset::deposit_for", Anyone, &[]),
            ("TAsset::request_withdrawal", Exit, &[]),
            ("TAsset::withdraw", Exit, &[]),
            ("TAsset::claim", Exit, &[]),
            ("TAsset::position", Anyone, &[]),
            ("ManagedPool::books", Anyone, &[]),
            ("ManagedPool::roll", role(&[Role::Manager], "NotManager"), &[ROLLOVER]),
            ("ManagedPool::strike", role(&[Role::Manager], "NotManager"), &["1"]),
            ("ManagedPool::configure", role(&[Role::Manager], "NotManager"), &[POOL_CONFIG]),
            ("ManagedPool::set_code_hash", role(&[Role::Manager], "NotManager"), &[POOL_CODE]),
        ],
        // The pool's books code, called through the pool (which runs it for these messages):
        // the same policy, under the labels of its own bundle.
        "tasset_books" => vec![
            ("allowance", Anyone, &[]),
            ("increase_allowance", Anyone, &[]),
            ("decrease_allowance", Anyone, &[]),
            ("position", Anyone, &[]),
            ("PSP22Metadata::token_name", Anyone, &[]),
            ("PSP22Metadata::token_symbol", Anyone, &[]),
            ("PSP22Metadata::token_decimals", Anyone, &[]),
            ("ManagedPool::books", Anyone, &[]),
            ("ManagedPool::roll", role(&[Role::Manager], "NotManager"), &[ROLLOVER]),
            ("ManagedPool::strike", role(&[Role::Manager], "NotManager"), &["1"]),
            ("ManagedPool::configure", role(&[Role::Manager], "NotManager"), &[POOL_CONFIG]),
            ("ManagedPool::set_code_hash", role(&[Role::Manager], "NotManager"), &[POOL_CODE]),
        ],
        "tasset_factory" => vec![
            ("create_reactor", role(ADMIN, NOT_ADMIN), &["{x}", "{x}", CONFIG, "false"]),
            ("set_code_hashes", role(ADMIN, NOT_ADMIN), &["{hash}", POOL_CODE]),
            ("reactor_of", Anyone, &[]),
            ("reactors", Anyone, &[]),
            ("code_hashes", Anyone, &[]),
            ("schedule", Anyone, &[]),
            ("cycle_index", Anyone, &[]),
        ],
        "ld_staking" => vec![
            ("stake", Anyone, &[]),
            ("stake_vesting", role(&[Role::Depositor], "NotDepositor"), &["{x}", "{reactor}", "1", "0"]),
            ("request_unstake", Exit, &[]),
            ("unstake", Exit, &[]),
            ("vote", Anyone, &[]),
            ("claim", Exit, &[]),
            ("add_reactor", role(ADMIN, NOT_ADMIN), &["{x}"]),
            ("create_schedule", role(ADMIN, NOT_ADMIN), &["Schedule { cliff_ms: 0, duration_ms: 10, interval_ms: 1 }"]),
            ("position", Anyone, &[]),
            ("get_pool", Anyone, &[]),
            ("reactors", Anyone, &[]),
            ("schedule", Anyone, &[]),
            ("vested", Anyone, &[]),
            ("get_stake", Anyone, &[]),
            ("get_past_stake", Anyone, &[]),
            ("get_past_total_stake", Anyone, &[]),
            ("StakeSource::stake_view", Anyone, &[]),
            ("StakeSource::roll", role(&[Role::Reactor], "UnknownReactor"), &["1", "0", "1", "1"]),
        ],
        "venue_amm" => vec![
            ("add_liquidity", Anyone, &[]),
            ("remove_liquidity", Exit, &[]),
            ("swap", Anyone, &[]),
            ("collect", Exit, &[]),
            ("reserves", Anyone, &[]),
            ("shares_of", Anyone, &[]),
            ("total_shares", Anyone, &[]),
            ("pending_fees", Anyone, &[]),
            ("quote", Anyone, &[]),
            ("spot_price", Anyone, &[]),
            ("params", Anyone, &[]),
            ("set_oracle_params", role(ADMIN, NOT_ADMIN), &["60000", "100"]),
            ("Venue::venue_tokens", Anyone, &[]),
            ("Venue::deploy", Anyone, &[]),
            ("Venue::withdraw", Exit, &[]),
            ("Venue::position_value", Anyone, &[]),
            ("Venue::collect_fees", Exit, &[]),
            ("Venue::twap", Anyone, &[]),
        ],
        "venue_pricer" => vec![
            ("post_quote", role(&[Role::Pricer], "NotPricer"), &["1", "2", "3", "3", "18446744073709551615"]),
            ("cancel_quote", role(&[Role::Pricer], "NotPricer"), &[]),
            ("swap", Anyone, &[]),
            ("claim_pricer_share", Exit, &[]),
            ("set_params", role(ADMIN, NOT_ADMIN), &["Params { band_bps: 1, pricer_share_bps: 1 }"]),
            ("get_quote", Anyone, &[]),
            ("pricer", Anyone, &[]),
            ("inventory", Anyone, &[]),
            ("params", Anyone, &[]),
            ("owner", Anyone, &[]),
            ("pricer_owed", Anyone, &[]),
            ("Venue::venue_tokens", Anyone, &[]),
            ("Venue::deploy", role(&[Role::Reactor], "NotReactor"), &["1", "1"]),
            ("Venue::withdraw", Exit, &[]),
            ("Venue::position_value", Anyone, &[]),
            ("Venue::collect_fees", Exit, &[]),
            ("Venue::twap", Anyone, &[]),
        ],
        // Proposing and voting need power at the snapshot, cancelling needs the proposal's
        // proposer or the council: checked per proposal (tests/dao.rs). The DAO's own settings
        // change only through its proposals, applied in place: every caller is refused.
        "dao" => vec![
            ("propose", Anyone, &[]),
            ("vote", Anyone, &[]),
            ("execute", Anyone, &[]),
            ("cancel", Anyone, &[]),
            ("set_params", role(&[], "OnlyByProposal"), &[DAO_PARAMS]),
            ("set_council", role(&[], "OnlyByProposal"), &["Some({x})"]),
            ("set_code_hash", role(&[], "OnlyByProposal"), &["{hash}"]),
            ("set_registry", role(&[], "OnlyByProposal"), &["[{x}]"]),
            ("set_staking", role(&[], "OnlyByProposal"), &["None"]),
            ("registry", Anyone, &[]),
            ("handover_report", Anyone, &[]),
            ("proposal", Anyone, &[]),
            ("proposal_calls", Anyone, &[]),
            ("state", Anyone, &[]),
            ("receipt", Anyone, &[]),
            ("params", Anyone, &[]),
            ("proposal_count", Anyone, &[]),
            ("voting_power", Anyone, &[]),
        ],
        // Reports need an active reporter of the position and pushes its source (its reactor):
        // checked per position (tests/registry.rs); no caller here is a source.
        "position_registry" => vec![
            ("PositionFeed::register", role(&[Role::Admin, Role::Registrar], NOT_ADMIN), &[REGISTRATION]),
            ("PositionFeed::observe", role(&[], "NotSource"), &["Observation { nav: 1, supply: 1, requested: 0, unpaid: 0 }", "None"]),
            ("PositionFeed::settle", role(&[], "NotSource"), &[]),
            ("set_parties", role(ADMIN, NOT_ADMIN), &["0", "{x}", "[]"]),
            ("set_venue", role(ADMIN, NOT_ADMIN), &["0", "None", "0"]),
            ("set_source", role(ADMIN, NOT_ADMIN), &["0", "None"]),
            ("set_params", role(ADMIN, NOT_ADMIN), &[REGISTRY_PARAMS]),
            ("allow_reporter", role(ADMIN, NOT_ADMIN), &["0", "{x}", "true"]),
            ("observe_depth", Anyone, &[]),
            ("CoverFeed::underwriting", Anyone, &[]),
            ("CoverFeed::parties", Anyone, &[]),
            ("sync_settlement", Anyone, &[]),
            ("join", Anyone, &[]),
            ("leave", Exit, &[]),
            ("withdraw_bond", Exit, &[]),
            ("report", Anyone, &[]),
            ("close_round", Anyone, &[]),
            ("sweep", Anyone, &[]),
            ("nav", Anyone, &[]),
            ("nav_drawdown", Anyone, &[]),
            ("settlement_delay", Anyone, &[]),
            ("queue_wait", Anyone, &[]),
            ("congestion", Anyone, &[]),
            ("depth_fragility", Anyone, &[]),
            ("bridge_delay", Anyone, &[]),
            ("position", Anyone, &[]),
            ("position_of", Anyone, &[]),
            ("count", Anyone, &[]),
            ("snapshot", Anyone, &[]),
            ("reporter_of", Anyone, &[]),
            ("is_whitelisted", Anyone, &[]),
            ("round", Anyone, &[]),
            ("current_epoch", Anyone, &[]),
            ("params", Anyone, &[]),
            ("setup", Anyone, &[]),
        ],
        // Underwriters come and go and holders claim while new cover is paused (the pause and a
        // claim: tests/cover.rs); the claims role settles.
        "primary_pool" => vec![
            ("create_product", role(ADMIN, NOT_ADMIN), &[DRAWDOWN_PRODUCT]),
            ("set_product", role(ADMIN, NOT_ADMIN), &["0", DRAWDOWN_PRODUCT]),
            ("set_params", role(ADMIN, NOT_ADMIN), &[POOL_PARAMS]),
            ("set_blacklisted", role(ADMIN, NOT_ADMIN), &["{x}", "true"]),
            ("set_layers", role(ADMIN, NOT_ADMIN), &[LAYER_SETUP]),
            ("sweep_treasury", Anyone, &[]),
            ("layers", Anyone, &[]),
            ("period_paid", Anyone, &[]),
            ("settle_claim", role(&[Role::Claims], "NotClaimsRole"), &["0", "true"]),
            ("deposit", Anyone, &[]),
            ("request_withdrawal", Exit, &[]),
            ("withdraw", Exit, &[]),
            ("advance", Anyone, &[]),
            ("advance_product", Anyone, &[]),
            ("quote", Anyone, &[]),
            ("buy_cover", Anyone, &[]),
            ("file_claim", Anyone, &[]),
            ("recalibrate", Anyone, &[]),
            ("product", Anyone, &[]),
            ("product_count", Anyone, &[]),
            ("capital", Anyone, &[]),
            ("underwriter", Anyone, &[]),
            ("policy", Anyone, &[]),
            ("claim", Anyone, &[]),
            ("incident", Anyone, &[]),
            ("period", Anyone, &[]),
            ("current_period", Anyone, &[]),
            ("is_blacklisted", Anyone, &[]),
            ("params", Anyone, &[]),
            ("setup", Anyone, &[]),
        ],
        // Shareholders come and go while new exposure is paused; only the primary pool it backs
        // draws on a layer.
        "layer_pool" => vec![
            ("set_params", role(ADMIN, NOT_ADMIN), &["LayerParams { cooldown_ms: 1, withdraw_window_ms: 1 }"]),
            ("CoverLayer::underwrite", role(&[Role::Primary], "NotPrimary"), &["1", "1", "99999999999999", "1"]),
            ("CoverLayer::hold", role(&[Role::Primary], "NotPrimary"), &["1"]),
            ("CoverLayer::release", role(&[Role::Primary], "NotPrimary"), &["1"]),
            ("CoverLayer::pay", role(&[Role::Primary], "NotPrimary"), &["(0, 0, 0)", "{x}", "1"]),
            ("deposit", Anyone, &[]),
            ("request_withdrawal", Exit, &[]),
            ("withdraw", Exit, &[]),
            ("advance", Anyone, &[]),
            ("capital", Anyone, &[]),
            ("shareholder", Anyone, &[]),
            ("payouts", Anyone, &[]),
            ("incident", Anyone, &[]),
            ("params", Anyone, &[]),
            ("setup", Anyone, &[]),
        ],
        // Holders move their own policies; only the pool mints.
        "policy_nft" => vec![
            ("PolicyToken::mint", role(&[Role::Minter], "Custom(NotMinter)"), &["{x}", "1", "Policy { product: 0, cover: 1, start_ms: 0, end_ms: 1, premium: 1 }"]),
            ("PolicyToken::policy", Anyone, &[]),
            ("PSP34::collection_id", Anyone, &[]),
            ("PSP34::balance_of", Anyone, &[]),
            ("PSP34::owner_of", Anyone, &[]),
            ("PSP34::allowance", Anyone, &[]),
            ("PSP34::approve", Anyone, &[]),
            ("PSP34::transfer", Anyone, &[]),
            ("PSP34::total_supply", Anyone, &[]),
            ("PSP34Metadata::get_attribute", Anyone, &[]),
            ("minter", Anyone, &[]),
        ],
        // Its operator is listed as its admin.
        "term_position" => vec![
            ("TermSource::settled_at", Anyone, &[]),
            ("deposit", Anyone, &[]),
            ("settle", role(ADMIN, "NotOperator"), &[]),
            ("redeem", Exit, &[]),
            ("terms", Anyone, &[]),
            ("balance_of", Anyone, &[]),
        ],
        "toke" => vec![
            ("PSP22Burnable::burn", Anyone, &[]),
            ("Votes::delegate", Anyone, &[]),
            ("Votes::delegates", Anyone, &[]),
            ("Votes::get_votes", Anyone, &[]),
            ("Votes::get_past_votes", Anyone, &[]),
            ("Votes::get_past_total_supply", Anyone, &[]),
            ("Roles::roles", Anyone, &[]),
        ],
        "test_asset" | "test_asset_next" => {
            let mut own: Vec<(&'static str, Need, &'static [&'static str])> = vec![
                ("mint", role(ADMIN, NOT_ADMIN), &["{x}", "1"]),
                ("faucet", Anyone, &[]),
                ("set_faucet_limit", role(ADMIN, NOT_ADMIN), &["1"]),
                ("faucet_limit", Anyone, &[]),
                ("faucet_drawn", Anyone, &[]),
                ("version", Anyone, &[]),
            ];
            if contract == "test_asset_next" {
                own.push(("set_notice", role(ADMIN, NOT_ADMIN), &["\"x\""]));
                own.push(("notice", Anyone, &[]));
            }
            own
        }
        other => panic!("no access table for contract `{other}`: add it to tests/access_matrix.rs"),
    }
}

/// The whole table for `contract`: its own messages plus the shared interfaces it has.
fn table(contract: &str) -> BTreeMap<&'static str, (Need, &'static [&'static str])> {
    let mut all: BTreeMap<&'static str, (Need, &'static [&'static str])> = BTreeMap::new();
    let mut add = |message: &'static str, need: Need, args: &'static [&'static str]| {
        assert!(all.insert(message, (need, args)).is_none(), "{contract}.{message} classified twice");
    };
    for (message, need, args) in own_messages(contract) {
        add(message, need, args);
    }
    if ["toke", "tasset", "test_asset", "test_asset_next"].contains(&contract) {
        for message in PSP22 {
            add(message, Anyone, &[]);
        }
    }
    match contract {
        "reactor" | "tasset_factory" | "ld_staking" | "venue_amm" | "venue_pricer" | "position_registry" | "primary_pool" | "layer_pool" | "policy_nft" | "test_asset" | "test_asset_next" => {
            for (message, need, args) in ACCESS_CONTROL {
                add(message, *need, args);
            }
        }
        "tasset" | "tasset_books" | "dao" | "term_position" => add("Roles::roles", Anyone, &[]),
        _ => {}
    }
    all
}

/// Contract name → its message labels, from the metadata in `abi/`.
fn abi_messages() -> BTreeMap<String, Vec<String>> {
    let dir = laas_e2e_tests::bundle_dir();
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).expect("abi/ exists") {
        let path = entry.expect("entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path.file_stem().and_then(|s| s.to_str()).expect("name").to_string();
        let meta: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("json");
        let labels = meta["spec"]["messages"]
            .as_array()
            .expect("messages")
            .iter()
            .map(|m| m["label"].as_str().expect("label").to_string())
            .collect();
        out.insert(name, labels);
    }
    out
}

#[test]
fn every_message_in_abi_is_classified() {
    let abi = abi_messages();
    assert!(abi.len() >= 9, "abi/ holds {} contracts", abi.len());
    let mut unclassified = Vec::new();
    let mut stale = Vec::new();
    for (contract, labels) in &abi {
        let table = table(contract);
        unclassified.extend(labels.iter().filter(|l| !table.contains_key(l.as_str())).map(|l| format!("{contract}.{l}")));
        stale.extend(table.keys().filter(|m| !labels.iter().any(|l| l == *m)).map(|m| format!("{contract}.{m}")));
    }
    assert!(unclassified.is_empty(), "messages with no entry in the access table: {unclassified:?}");
    assert!(stale.is_empty(), "entries for messages no contract has: {stale:?}");
}

/// The deployed suite, its named callers and an instance of every contract in `abi/`.
struct World {
    suite: Suite,
    /// Caller name → address: the deployer (admin), the manifest's role holders, a stranger.
    callers: Vec<(&'static str, Address)>,
    /// Contract (bundle) name → a deployed instance.
    instances: BTreeMap<&'static str, Address>,
}

fn world() -> World {
    let (mut suite, signers) = Suite::from_manifest(&mut |_| {}).expect("the manifest deploys");
    let signer = |name: &str| Address::from_ss58check(&signers.get(name).expect("signer").address).expect("address");
    let (admin, staking) = (suite.admin.clone(), suite.staking.clone().expect("staking"));
    // A depositor, so that LD staking's own role has a holder too.
    let depositor = suite.chain.user("depositor");
    let r: Result<(), AccessError> = suite.chain.call(&admin, &staking, "AccessControl::set_role", &args![Raw(String::from("Depositor")), depositor, true]);
    r.expect("appoint a depositor");
    let next = suite.chain.deploy(&admin, "test_asset_next", "new", &args!["Next", "NXT", 18u8, 0u128], vec![]);
    let toke = suite.toke.clone();
    let dao = suite.chain.deploy(&admin, "dao", "new", &args![toke, Some(staking.clone()), Raw(String::from(DAO_PARAMS)), Some(signer("guardian"))], vec![]);
    // A Term position maturing in a day (its operator, the admin, settles it in the exits test).
    let maturity = suite.chain.now_ms() + 86_400_000;
    let term = suite.chain.deploy(&admin, "term_position", "new", &args![suite.weth.clone(), maturity, Some(suite.registry.clone())], vec![]);
    // The cover market over WETH: the pool mints policies, a claims desk settles claims.
    let (weth, registry) = (suite.weth.clone(), suite.registry.clone());
    let nft = suite.chain.deploy(&admin, "policy_nft", "new", &args![], vec![]);
    let pool = suite.chain.deploy(&admin, "primary_pool", "new", &args![weth, registry, nft, HOUR_MS, QUARTER_MS, Raw(String::from(POOL_PARAMS))], vec![]);
    let claims = suite.chain.user("claims-desk");
    let layer = suite.chain.deploy(&admin, "layer_pool", "new", &args![weth, pool, Raw(String::from("Junior")), HOUR_MS, Raw(String::from("LayerParams { cooldown_ms: 86400000, withdraw_window_ms: 604800000 }"))], vec![]);
    for (contract, role, holder) in [(&nft, "Minter", &pool), (&pool, "Claims", &claims)] {
        let r: Result<(), AccessError> = suite.chain.call(&admin, contract, "AccessControl::set_role", &args![Raw(String::from(role)), holder, true]);
        r.expect("cover roles");
    }
    let callers = vec![
        ("admin", admin),
        ("treasury", signer("treasury")),
        ("pricer", signer("pricer")),
        ("guardian", signer("guardian")),
        ("depositor", depositor),
        ("claims", claims),
        ("stranger", suite.chain.user("stranger")),
    ];
    let instances = BTreeMap::from([
        ("toke", suite.toke.clone()),
        ("test_asset", suite.weth.clone()),
        ("test_asset_next", next),
        ("venue_amm", suite.venues[0].clone()),
        ("venue_pricer", suite.venues[1].clone()),
        ("tasset_factory", suite.factory.clone()),
        ("reactor", suite.reactor.clone()),
        ("tasset", suite.tasset.clone()),
        ("tasset_books", suite.tasset.clone()),
        ("ld_staking", staking.clone()),
        ("dao", dao),
        ("position_registry", suite.registry.clone()),
        ("term_position", term),
        ("primary_pool", pool),
        ("layer_pool", layer),
        ("policy_nft", nft),
    ]);
    World { suite, callers, instances }
}

impl World {
    /// `contract`'s role holders, or none if it has no `roles()`.
    fn roles(&mut self, contract: &str) -> Vec<(Role, ink::primitives::AccountId)> {
        if !table(contract).contains_key("Roles::roles") {
            return Vec::new();
        }
        let address = self.instances[contract].clone();
        self.suite.chain.query(&address, "Roles::roles", &args![])
    }
}

fn fill(template: &str, stranger: &Address, reactor: &Address) -> String {
    template
        .replace("{x}", &stranger.to_string())
        .replace("{reactor}", &reactor.to_string())
        .replace("{hash}", &format!("0x{}", "11".repeat(32)))
}

#[test]
fn privileged_messages_refuse_strangers_and_every_wrong_role() {
    let mut w = world();
    let abi = abi_messages();
    let (stranger, reactor) = (w.callers.last().expect("stranger").1.clone(), w.suite.reactor.clone());
    let before: BTreeMap<&str, _> = w.instances.keys().copied().collect::<Vec<_>>().into_iter().map(|c| (c, w.roles(c))).collect();
    let mut refused = 0;
    for contract in abi.keys() {
        let contract = w.instances.keys().copied().find(|c| c == contract).unwrap_or_else(|| panic!("no instance of {contract}"));
        let address = w.instances[contract].clone();
        let holders = before[contract].clone();
        for (message, (need, args)) in table(contract) {
            let Need::Role(allowed, error) = need else { continue };
            let args: Vec<String> = args.iter().map(|a| fill(a, &stranger, &reactor)).collect();
            for (name, caller) in w.callers.clone() {
                let held = holders.iter().any(|(role, who)| *who == ink_id(&caller) && allowed.contains(role));
                if held {
                    continue;
                }
                let outcome = w.suite.chain.call_rendered(&caller, &address, contract, message, &args);
                assert_eq!(outcome.text, format!("Ok(Err({error}))"), "{contract}.{message} called by the {name}");
                assert!(outcome.reverted, "{contract}.{message} by the {name} did not revert");
                assert_eq!(outcome.events, 0, "{contract}.{message} by the {name} emitted events");
                refused += 1;
            }
        }
    }
    assert!(refused > 150, "only {refused} refusals checked");
    for (contract, roles) in before {
        assert_eq!(w.roles(contract), roles, "{contract}'s roles changed");
    }
}

#[test]
fn every_exit_works_while_everything_is_paused() {
    let mut w = world();
    let s = &mut w.suite;
    let keeper = s.chain.user("keeper");
    let (weth, toke, amm, pricer_venue, reactor, tasset, staking) =
        (s.weth.clone(), s.toke.clone(), s.venues[0].clone(), s.venues[1].clone(), s.reactor.clone(), s.tasset.clone(), s.staking.clone().expect("staking"));
    let (pricer, guardian) = (w.callers[2].1.clone(), w.callers[3].1.clone());

    // A holder of a Term position (it matures in a day).
    let (term, holder) = (w.instances["term_position"].clone(), s.chain.user("term-holder"));
    s.mint_weth(&holder, E18);
    s.approve(&holder, &weth, &term);
    let r: Result<(), TermError> = s.chain.call(&holder, &term, "deposit", &args![E18]);
    r.expect("deposit before maturity");

    // Positions everywhere: an LP in the reactor, a director staking and voting half the
    // liquidity into each venue, a market maker in the AMM and a direct venue owner.
    let lp = s.chain.user("lp");
    s.mint_weth(&lp, 100 * E18);
    s.deposit(&lp, 100 * E18).expect("deposit");
    let director = s.chain.user("director");
    s.stake(&director, 50_000 * E18).expect("stake");
    s.vote(&director, &[(0, 5_000), (1, 5_000)]).expect("vote");
    s.to_next_cycle();
    // (The AMM deploys only once its TWAP covers a window.)
    let maker = s.trader("maker", 10 * E18, 20_000 * E18);
    let r: Result<u128, VenueError> = s.chain.call(&maker, &amm, "add_liquidity", &args![5 * E18, 10_000 * E18, 0u128, 0u128, NEVER]);
    r.expect("add liquidity");
    let r: Result<(u128, u128), VenueError> = s.chain.call(&maker, &amm, "Venue::deploy", &args![E18, 2_000 * E18]);
    r.expect("deploy as a venue owner");
    s.rollover(&keeper).expect("first rollover deploys");
    // Trading on both venues: fees for the AMM's owners, a spread for the pricer and owners.
    let trader = s.trader("trader", 50 * E18, 200_000 * E18);
    s.swap(&trader, 0, true, 2 * E18);
    s.swap(&trader, 0, false, 4_000 * E18);
    let twap: Result<u128, VenueError> = s.chain.query(&amm, "Venue::twap", &args![]);
    let mid = twap.expect("twap");
    let expiry = s.chain.now_ms() + 3_600_000;
    let r: Result<(), VenueError> = s.chain.call(&pricer, &pricer_venue, "post_quote", &args![mid - mid / 200, mid + mid / 200, 10 * E18, 100 * E18, expiry]);
    r.expect("quote");
    for token in [&weth, &toke] {
        s.approve(&trader, token, &pricer_venue);
    }
    let r: Result<u128, VenueError> = s.chain.call(&trader, &pricer_venue, "swap", &args![true, E18, 0u128, NEVER]);
    r.expect("trade at the quote");
    // Leaving begins: the LP asks for half its balance, the director for a fifth of its stake.
    let balance = s.balance(&tasset, &lp);
    s.request(&lp, balance / 2).expect("request");
    let r: Result<u32, StakeError> = s.chain.call(&director, &staking, "request_unstake", &args![reactor, 10_000 * E18]);
    r.expect("request unstake");
    s.to_next_cycle();
    s.rollover(&keeper).expect("the requests mature");

    // A reporter bonded on tWETH (position 0), and a holder of a Term position its operator
    // has settled.
    let (registry, admin) = (s.registry.clone(), s.admin.clone());
    let reporter = s.chain.user("reporter");
    s.give_toke(&reporter, 1_000 * E18);
    s.approve(&reporter, &toke, &registry);
    let r: Result<(), RegistryError> = s.chain.call(&admin, &registry, "allow_reporter", &args![0u32, reporter.clone(), true]);
    r.expect("whitelisted");
    let r: Result<(), RegistryError> = s.chain.call(&reporter, &registry, "join", &args![0u32, 1_000 * E18]);
    r.expect("bonded");
    let r: Result<(), TermError> = s.chain.call(&admin, &term, "settle", &args![]);
    r.expect("settled");

    // An underwriter in the cover pool.
    let pool = w.instances["primary_pool"].clone();
    let underwriter = s.chain.user("underwriter");
    s.mint_weth(&underwriter, E18);
    s.approve(&underwriter, &weth, &pool);
    let r: Result<u128, CoverError> = s.chain.call(&underwriter, &pool, "deposit", &args![E18]);
    let pool_shares = r.expect("underwritten");
    // And a shareholder in a layer above it.
    let layer = w.instances["layer_pool"].clone();
    let shareholder = s.chain.user("shareholder");
    s.mint_weth(&shareholder, E18);
    s.approve(&shareholder, &weth, &layer);
    let r: Result<u128, LayerError> = s.chain.call(&shareholder, &layer, "deposit", &args![E18]);
    let layer_shares = r.expect("layer capital");

    // The guardian pauses every contract of the suite with an admin (and the admin the test
    // WETH, which the manifest gives no guardian, and the cover pool, deployed here).
    for (contract, by) in [(&weth, &s.admin.clone()), (&pool, &s.admin.clone()), (&layer, &s.admin.clone()), (&amm, &guardian), (&pricer_venue, &guardian), (&s.factory.clone(), &guardian), (&reactor, &guardian), (&staking, &guardian), (&registry, &guardian)] {
        let r: Result<(), AccessError> = s.chain.call(by, contract, "AccessControl::pause", &args![]);
        r.expect("paused");
        let paused: bool = s.chain.query(contract, "AccessControl::paused", &args![]);
        assert!(paused);
    }
    assert_eq!(s.deposit(&lp, E18), Err(PoolError::Access(AccessError::Paused)));

    // Every exit works.
    let mut taken: BTreeSet<(&str, &str)> = BTreeSet::new();
    let (paid, _) = s.withdraw(&lp, balance / 2).expect("withdraw while paused");
    assert!(paid > 0);
    taken.insert(("tasset", "TAsset::withdraw"));
    s.claim(&lp).expect("claim fees while paused");
    taken.insert(("tasset", "TAsset::claim"));
    s.request(&lp, balance - balance / 2).expect("request while paused");
    taken.insert(("tasset", "TAsset::request_withdrawal"));
    let r: Result<(), StakeError> = s.chain.call(&director, &staking, "unstake", &args![reactor, 10_000 * E18]);
    r.expect("unstake while paused");
    taken.insert(("ld_staking", "unstake"));
    let r: Result<(u128, u128), StakeError> = s.chain.call(&director, &staking, "claim", &args![reactor]);
    r.expect("claim LD rewards while paused");
    taken.insert(("ld_staking", "claim"));
    let r: Result<u32, StakeError> = s.chain.call(&director, &staking, "request_unstake", &args![reactor, 0u128]);
    r.expect("change an unstake request while paused");
    taken.insert(("ld_staking", "request_unstake"));
    let shares: u128 = s.chain.query(&amm, "shares_of", &args![maker]);
    let r: Result<(u128, u128), VenueError> = s.chain.call(&maker, &amm, "remove_liquidity", &args![shares / 2, 0u128, 0u128, NEVER]);
    r.expect("remove liquidity while paused");
    taken.insert(("venue_amm", "remove_liquidity"));
    let r: Result<(u128, u128), VenueError> = s.chain.call(&maker, &amm, "collect", &args![]);
    r.expect("collect fees while paused");
    taken.insert(("venue_amm", "collect"));
    let r: Result<(u128, u128), VenueError> = s.chain.call(&maker, &amm, "Venue::collect_fees", &args![]);
    r.expect("a venue owner collects while paused");
    taken.insert(("venue_amm", "Venue::collect_fees"));
    let r: Result<(u128, u128), VenueError> = s.chain.call(&maker, &amm, "Venue::withdraw", &args![10_000u16]);
    r.expect("a venue owner withdraws while paused");
    taken.insert(("venue_amm", "Venue::withdraw"));
    let r: Result<u128, VenueError> = s.chain.call(&pricer, &pricer_venue, "claim_pricer_share", &args![]);
    assert!(r.expect("the pricer claims while paused") > 0);
    taken.insert(("venue_pricer", "claim_pricer_share"));
    let r: Result<(), RegistryError> = s.chain.call(&reporter, &registry, "leave", &args![0u32]);
    r.expect("a reporter leaves while paused");
    taken.insert(("position_registry", "leave"));
    let r: Result<u64, CoverError> = s.chain.call(&underwriter, &pool, "request_withdrawal", &args![pool_shares]);
    r.expect("an underwriter asks to leave while paused");
    taken.insert(("primary_pool", "request_withdrawal"));
    let r: Result<u64, LayerError> = s.chain.call(&shareholder, &layer, "request_withdrawal", &args![layer_shares]);
    r.expect("a layer's shareholder asks to leave while paused");
    taken.insert(("layer_pool", "request_withdrawal"));
    s.chain.advance_time(86_400_000);
    let r: Result<u128, CoverError> = s.chain.call(&underwriter, &pool, "withdraw", &args![pool_shares]);
    assert_eq!(r, Ok(E18), "and leaves after the cooldown while paused");
    taken.insert(("primary_pool", "withdraw"));
    let r: Result<u128, LayerError> = s.chain.call(&shareholder, &layer, "withdraw", &args![layer_shares]);
    assert_eq!(r, Ok(E18), "and a layer's shareholder after its cooldown while paused");
    taken.insert(("layer_pool", "withdraw"));
    let r: Result<u128, RegistryError> = s.chain.call(&reporter, &registry, "withdraw_bond", &args![0u32]);
    assert_eq!(r, Ok(1_000 * E18), "its bond returns after the cooldown while paused");
    taken.insert(("position_registry", "withdraw_bond"));
    let r: Result<u128, TermError> = s.chain.call(&holder, &term, "redeem", &args![]);
    assert_eq!(r, Ok(E18));
    taken.insert(("term_position", "redeem"));
    // The keeper's rollover runs while paused: it collects from both venues and recalls what
    // the LP's second request needs from both, skipping none (it deploys nothing while
    // paused).
    s.to_next_cycle();
    let before: PositionValue = {
        let v: Result<PositionValue, VenueError> = s.chain.query(&pricer_venue, "Venue::position_value", &args![reactor]);
        v.expect("pricer position")
    };
    s.rollover(&keeper).expect("rollover while paused");
    taken.insert(("reactor", "rollover"));
    let skipped: Vec<VenueSkipped> = s.chain.events(&reactor);
    assert!(skipped.is_empty(), "{} venues skipped", skipped.len());
    let recalled: Vec<Recalled> = s.chain.events(&reactor);
    for (venue, name) in [(&amm, "venue_amm"), (&pricer_venue, "venue_pricer")] {
        assert!(recalled.iter().any(|r| r.venue == ink_id(venue)), "nothing recalled from {name}");
        taken.insert((name, "Venue::withdraw"));
        taken.insert((name, "Venue::collect_fees"));
    }
    let after: Result<PositionValue, VenueError> = s.chain.query(&pricer_venue, "Venue::position_value", &args![reactor]);
    assert!(after.expect("pricer position").in_asset < before.in_asset);
    let (paid, paid_toke) = s.withdraw(&lp, balance - balance / 2).expect("the rest is withdrawn while paused");
    assert!(paid + paid_toke > 0);
    assert_eq!(s.balance(&tasset, &lp), 0);

    // The table's exits are exactly those taken here.
    let exits: BTreeSet<(&str, &str)> = abi_messages()
        .keys()
        .flat_map(|c| {
            let c: &'static str = w.instances.keys().copied().find(|i| i == c).expect("instance");
            table(c).into_iter().filter(|(_, (need, _))| *need == Exit).map(move |(m, _)| (c, m))
        })
        .collect();
    assert_eq!(exits, taken);
}
