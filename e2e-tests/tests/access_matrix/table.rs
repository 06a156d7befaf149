//! The access policy: every message of every contract and who may call it (with arguments
//! that pass decoding), read by the checks in `access_matrix.rs`.

use std::collections::BTreeMap;

use laas_e2e_tests::cover::{DRAWDOWN_PRODUCT, POOL_PARAMS};
use laas_traits::Role;

/// Who may call a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Need {
    /// Anyone: a query, or a message that acts only on the caller's own tokens or position.
    Anyone,
    /// Anyone, and it works while the contract is paused: a way out (a withdrawal, a claim,
    /// a request to leave), or the keeper's rollover that serves them.
    Exit,
    /// A holder of one of these roles; everyone else is refused with the given error.
    Role(&'static [Role], &'static str),
}

pub(crate) use Need::{Anyone, Exit};

pub(crate) const ADMIN: &[Role] = &[Role::Admin];
pub(crate) const NOT_ADMIN: &str = "Access(NotAdmin)";

/// The role interface every contract with an admin has, and what a wrong caller gets.
pub(crate) const ACCESS_CONTROL: &[(&str, Need, &[&str])] = &[
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
pub(crate) const PSP22: &[&str] = &[
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

pub(crate) const CONFIG: &str = "Config { treasury: {x}, ld_recipient: {x}, deposit_cap: 1, max_nav_age_ms: 1, expiry_epochs: 9, lp_fee_bps: 0, ld_fee_bps: 0, reserve_bps: 0, collateral_bps: 0 }";
pub(crate) const ROLLOVER: &str =
    "Rollover { nav: 1, payout: 0, payout_pairing: 0, funded: 0, funded_pairing: 0, reward_asset: 0, reward_pairing: 0, next_boundary_ms: 0 }";
pub(crate) const DAO_PARAMS: &str = "Params { proposal_threshold: 1, quorum_bps: 1, voting_period_ms: 60000, timelock_ms: 60000, execution_window_ms: 60000 }";
pub(crate) const POOL_CODE: &str = "PoolCode { pool: {hash}, books: {hash} }";
pub(crate) const REGISTRY_PARAMS: &str = "Params { max_age_ms: 1, smoothing_ms: 1, min_bond: 1, band_bps: 1, max_deviations: 0, deviation_epochs: 1, slash_bps: 0, cooldown_ms: 0 }";
pub(crate) const REGISTRATION: &str = "Registration { token: {x}, class: Open, operator: {x}, related: [], source: None, venue: None, reference_size: 0 }";
pub(crate) const LAYER_SETUP: &str = "LayerSetup { junior: Some({x}), reinsurance: None, retention: 1, junior_limit: 1, attachment: 2, reinsurance_limit: 0, aggregate_threshold: 0, aggregate_share_bps: 0, junior_premium_bps: 0, reinsurance_premium_bps: 0, treasury_premium_bps: 0, treasury: {x} }";
pub(crate) const POOL_CONFIG: &str = "PoolConfig { deposit_cap: 1, max_nav_age_ms: 1, expiry_epochs: 9, paused: true }";

/// Each contract's own messages (the shared interfaces above are added where they apply).
pub(crate) fn own_messages(contract: &str) -> Vec<(&'static str, Need, &'static [&'static str])> {
    let role = |roles: &'static [Role], error: &'static str| Need::Role(roles, error);
    match contract {
        "reactor" => vec![
            ("rollover", Exit, &[]),
            ("strike_nav", Anyone, &[]),
            ("redeploy", Anyone, &[]),
            ("place_pcv", role(&[Role::Treasury], "NotTreasury"), &["1", "1"]),
            ("withdraw_pcv", role(&[Role::Treasury], "NotTreasury"), &["1", "1"]),
            ("fund_emissions", role(&[Role::Treasury], "NotTreasury"), &["1"]),
            ("withdraw_emissions", role(&[Role::Treasury], "NotTreasury"), &["1"]),
            ("set_singularity_threshold", role(ADMIN, NOT_ADMIN), &["9000"]),
            ("switch_off_lp_emissions", role(ADMIN, NOT_ADMIN), &[]),
            ("set_config", role(ADMIN, NOT_ADMIN), &[CONFIG]),
            ("set_collateral", role(ADMIN, NOT_ADMIN), &["Fixed(5)"]),
            ("set_emissions", role(ADMIN, NOT_ADMIN), &["Emissions { rate: 1, target_ratio: 1, genesis_multiplier_bps: 10000, genesis_until: 0 }"]),
            ("set_venues", role(ADMIN, NOT_ADMIN), &["[]"]),
            ("write_off_venue", role(ADMIN, NOT_ADMIN), &["{x}"]),
            ("upgrade_tasset", role(ADMIN, NOT_ADMIN), &[POOL_CODE]),
            ("state", Anyone, &[]),
            ("nav_now", Anyone, &[]),
            ("pcv", Anyone, &[]),
            ("singularity", Anyone, &[]),
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
            ("singularity", Anyone, &[]),
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
        // Deposits are the only thing the pause stops; an account takes its deposit back while
        // everything is paused; the organiser (admin) publishes. Its code is never replaced:
        // the organiser holds the admin role, and every caller is refused.
        "genesis_pool" => vec![
            ("AccessControl::set_code_hash", role(&[], "FixedCode"), &["{hash}"]),
            ("deposit", Anyone, &[]),
            ("withdraw", Exit, &[]),
            ("publish", role(ADMIN, NOT_ADMIN), &["1", "1"]),
            ("finalize", Anyone, &[]),
            ("deliver", Anyone, &[]),
            ("release_excess", Anyone, &[]),
            ("stage", Anyone, &[]),
            ("config", Anyone, &[]),
            ("published", Anyone, &[]),
            ("deposit_of", Anyone, &[]),
            ("preview", Anyone, &[]),
            ("totals", Anyone, &[]),
            ("is_whitelisted", Anyone, &[]),
        ],
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
            ("open_poll", role(&[], "OnlyByProposal"), &["PollSetup { candidates: [{x}], winners: 1, voting_ms: 1, factory: {x}, reactor_config: [], genesis: false }"]),
            ("offer_swap", role(&[], "OnlyByProposal"), &["SwapOffer { project: {x}, token: {x}, token_amount: 1, toke_amount: 1, reactor: {x}, deadline_ms: 99999999999999, taken: false }"]),
            ("vote_poll", Anyone, &[]),
            ("finalize_poll", Anyone, &[]),
            ("accept_swap", Anyone, &[]),
            ("poll", Anyone, &[]),
            ("poll_tally", Anyone, &[]),
            ("swap_offer", Anyone, &[]),
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
            ("CoverFeed::maturity", Anyone, &[]),
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
            ("close_recovery", role(ADMIN, NOT_ADMIN), &["0"]),
            ("repay_recovery", Anyone, &[]),
            ("recovery", Anyone, &[]),
            ("disclosure", Anyone, &[]),
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
            ("CoverLayer::recover", role(&[Role::Primary], "NotPrimary"), &["(0, 0, 0)", "1"]),
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
pub(crate) fn table(contract: &str) -> BTreeMap<&'static str, (Need, &'static [&'static str])> {
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
        "reactor" | "tasset_factory" | "ld_staking" | "venue_amm" | "venue_pricer" | "position_registry" | "primary_pool" | "layer_pool" | "policy_nft" | "genesis_pool" | "test_asset" | "test_asset_next" => {
            for (message, need, args) in ACCESS_CONTROL {
                if contract == "genesis_pool" && *message == "AccessControl::set_code_hash" {
                    continue;
                }
                add(message, *need, args);
            }
        }
        "tasset" | "tasset_books" | "dao" | "term_position" => add("Roles::roles", Anyone, &[]),
        _ => {}
    }
    all
}
