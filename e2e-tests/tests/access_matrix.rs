//! The access-control matrix: every message of every contract in `abi/`, and who may call
//! it. The table (`access_matrix/table.rs`) is the suite's access policy in one place; a message without an entry
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
use laas_e2e_tests::cover::{POOL_PARAMS, QUARTER_MS};
use laas_e2e_tests::suite::{Suite, E18, HOUR_MS, NEVER};
use laas_e2e_tests::{args, args::Raw, ink_id, Address};
use laas_traits::{AccessError, LayerError, PoolError, PositionValue, RegistryError, Role, StakeError, VenueError};
use primary_pool::primary_pool::CoverError;
use term_position::term_position::TermError;
use reactor::reactor::{Recalled, VenueSkipped};

#[path = "access_matrix/table.rs"]
mod table;

use table::{table, Need, DAO_PARAMS};
use Need::Exit;

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
    // A DeGenesis over WETH whose whitelist is one account, `genesis-holder` (it deposits and
    // leaves in the exits test).
    let holder = suite.chain.user("genesis-holder");
    let (root, _) = laas_e2e_tests::genesis::whitelist(&[holder]);
    let now = suite.chain.now_ms();
    let root = format!("0x{}", root.iter().map(|b| format!("{b:02x}")).collect::<String>());
    let config = format!(
        "Config {{ toke: {toke}, treasury: {admin}, sales: [Sale {{ asset: {weth}, price: 1000000000000000000, reactor: {}, tasset: {} }}], root: {root}, account_cap: {E18}, total_cap: {E18}, target: {E18}, deposits_end_ms: {}, publish_by_ms: {}, last_look_ms: 1, delivery: Liquid }}",
        suite.reactor, suite.tasset, now + 30 * 86_400_000, now + 60 * 86_400_000
    );
    let genesis = suite.chain.deploy(&admin, "genesis_pool", "new", &args![Raw(config)], vec![]);
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
        ("genesis_pool", genesis),
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

    // A DeGenesis depositor (deposits stay open for a month).
    let genesis = w.instances["genesis_pool"].clone();
    let genesis_holder = s.chain.user("genesis-holder");
    let (_, proofs) = laas_e2e_tests::genesis::whitelist(&[genesis_holder.clone()]);
    s.mint_weth(&genesis_holder, E18);
    s.approve(&genesis_holder, &weth, &genesis);
    let r: Result<u128, genesis_pool::genesis_pool::GenesisError> = laas_e2e_tests::genesis::deposit(s, &genesis, &genesis_holder, 0, E18, &proofs[0]);
    r.expect("deposited in the DeGenesis");

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
    for (contract, by) in [(&weth, &s.admin.clone()), (&pool, &s.admin.clone()), (&layer, &s.admin.clone()), (&genesis, &s.admin.clone()), (&amm, &guardian), (&pricer_venue, &guardian), (&s.factory.clone(), &guardian), (&reactor, &guardian), (&staking, &guardian), (&registry, &guardian)] {
        let r: Result<(), AccessError> = s.chain.call(by, contract, "AccessControl::pause", &args![]);
        r.expect("paused");
        let paused: bool = s.chain.query(contract, "AccessControl::paused", &args![]);
        assert!(paused);
    }
    assert_eq!(s.deposit(&lp, E18), Err(PoolError::Access(AccessError::Paused)));

    // Every exit works.
    let mut taken: BTreeSet<(&str, &str)> = BTreeSet::new();
    let r: Result<u128, genesis_pool::genesis_pool::GenesisError> = s.chain.call(&genesis_holder, &genesis, "withdraw", &args![]);
    assert_eq!(r, Ok(E18), "a DeGenesis deposit comes back while paused");
    taken.insert(("genesis_pool", "withdraw"));
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
