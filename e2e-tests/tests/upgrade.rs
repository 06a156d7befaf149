//! Upgrades: the admin replaces a deployed contract's code with `set_code_hash`; everything it
//! stored survives, a field the new version adds (in a `Lazy` cell of its own) starts empty,
//! and nobody else can do it. A reactor's admin upgrades its tAsset through the reactor.

use laas_access::{AccessError, Upgraded};
use laas_e2e_tests::suite::{Suite, E18};
use laas_e2e_tests::{args, args::Bytes, args::Raw, ink_id, Chain};
use laas_traits::{PoolError, Role};
use psp22::PSP22Error;
use reactor::reactor::{ReactorError, TAssetUpgraded};
use test_asset::test_asset::Error as TokenError;

type Roles = Vec<(Role, ink::primitives::AccountId)>;

#[test]
fn the_admin_upgrades_a_token_and_every_balance_allowance_and_role_survives() {
    let mut chain = Chain::new();
    let (admin, holder, spender, drawer, guardian, stranger) =
        (chain.user("alice"), chain.user("holder"), chain.user("spender"), chain.user("drawer"), chain.user("guardian"), chain.user("stranger"));
    // Version 1 in use: minted balances, an allowance, a faucet draw, a guardian.
    let token = chain.deploy(&admin, "test_asset", "new", &args!["Wrapped Ether", "WETH", 18u8, 1_000u128], vec![]);
    let r: Result<(), TokenError> = chain.call(&admin, &token, "mint", &args![holder, 500u128]);
    r.unwrap();
    let r: Result<(), PSP22Error> = chain.call(&holder, &token, "PSP22::approve", &args![spender, 200u128]);
    r.unwrap();
    let r: Result<(), TokenError> = chain.call(&drawer, &token, "faucet", &args![300u128]);
    r.unwrap();
    let r: Result<(), AccessError> = chain.call(&admin, &token, "AccessControl::set_role", &args![Raw(String::from("Guardian")), guardian, true]);
    r.unwrap();
    let version: u32 = chain.query(&token, "version", &args![]);
    assert_eq!(version, 1);
    let roles_before: Roles = chain.query(&token, "Roles::roles", &args![]);

    // The next version is uploaded; a stranger cannot move the token to it, and code that was
    // never uploaded is refused. Neither changes anything.
    let next = chain.upload("test_asset_next");
    let r: Result<(), AccessError> = chain.call(&stranger, &token, "AccessControl::set_code_hash", &args![Raw(next.clone())]);
    assert_eq!(r, Err(AccessError::NotAdmin));
    let r: Result<(), AccessError> = chain.call(&guardian, &token, "AccessControl::set_code_hash", &args![Raw(next.clone())]);
    assert_eq!(r, Err(AccessError::NotAdmin));
    let r: Result<(), AccessError> = chain.call(&admin, &token, "AccessControl::set_code_hash", &args![Raw(format!("0x{}", "ab".repeat(32)))]);
    assert_eq!(r, Err(AccessError::UpgradeFailed));
    let version: u32 = chain.query(&token, "version", &args![]);
    assert_eq!(version, 1);

    // The admin upgrades.
    let r: Result<(), AccessError> = chain.call(&admin, &token, "AccessControl::set_code_hash", &args![Raw(next.clone())]);
    r.unwrap();
    let upgraded: Vec<Upgraded> = chain.events(&token);
    assert_eq!(upgraded.len(), 1);
    assert_eq!(format!("0x{}", upgraded[0].code_hash.as_ref().iter().map(|b| format!("{b:02x}")).collect::<String>()), next);
    chain.register("test_asset_next", &token);

    // Everything version 1 stored reads the same through version 2.
    let version: u32 = chain.query(&token, "version", &args![]);
    assert_eq!(version, 2);
    let balance = |chain: &mut Chain, who| -> u128 { chain.query(&token, "PSP22::balance_of", &args![who]) };
    assert_eq!((balance(&mut chain, &holder), balance(&mut chain, &drawer)), (500, 300));
    let supply: u128 = chain.query(&token, "PSP22::total_supply", &args![]);
    assert_eq!(supply, 800);
    let allowance: u128 = chain.query(&token, "PSP22::allowance", &args![holder, spender]);
    assert_eq!(allowance, 200);
    let drawn: u128 = chain.query(&token, "faucet_drawn", &args![drawer]);
    assert_eq!(drawn, 300);
    let symbol: Option<String> = chain.query(&token, "PSP22Metadata::token_symbol", &args![]);
    assert_eq!(symbol.as_deref(), Some("WETH"));
    let roles_after: Roles = chain.query(&token, "Roles::roles", &args![]);
    assert_eq!(roles_after, roles_before);
    assert_eq!(roles_after, vec![(Role::Admin, ink_id(&admin)), (Role::Guardian, ink_id(&guardian))]);

    // The field version 2 adds starts empty, and only the admin sets it.
    let notice: Option<String> = chain.query(&token, "notice", &args![]);
    assert_eq!(notice, None);
    let r: Result<(), TokenError> = chain.call(&stranger, &token, "set_notice", &args!["mine"]);
    assert_eq!(r, Err(TokenError::Access(AccessError::NotAdmin)));
    let r: Result<(), TokenError> = chain.call(&admin, &token, "set_notice", &args!["Bridged WETH: redeem at the bridge"]);
    r.unwrap();
    let notice: Option<String> = chain.query(&token, "notice", &args![]);
    assert_eq!(notice.as_deref(), Some("Bridged WETH: redeem at the bridge"));

    // The upgraded token keeps working: the spender uses the old allowance, the faucet
    // remembers what was drawn.
    let r: Result<(), PSP22Error> = chain.call(&spender, &token, "PSP22::transfer_from", &args![holder, stranger, 150u128, Bytes(&[])]);
    r.unwrap();
    assert_eq!((balance(&mut chain, &holder), balance(&mut chain, &stranger)), (350, 150));
    let r: Result<(), TokenError> = chain.call(&drawer, &token, "faucet", &args![701u128]);
    assert_eq!(r, Err(TokenError::FaucetLimitExceeded));
}

#[test]
fn a_reactors_admin_upgrades_its_pool_through_the_reactor_and_balances_stay() {
    let mut s = Suite::new(1, 1_000_000 * E18);
    let (admin, lp, stranger, reactor, tasset) = (s.admin.clone(), s.chain.user("lp"), s.chain.user("stranger"), s.reactor.clone(), s.tasset.clone());
    s.mint_weth(&lp, 10 * E18);
    s.deposit(&lp, 10 * E18).unwrap();
    let (pool_code, books_code) = (s.chain.upload("tasset"), s.chain.upload("tasset_books"));
    let code = format!("PoolCode {{ pool: {pool_code}, books: {books_code} }}");
    let missing = format!("0x{}", "cd".repeat(32));

    // Nobody upgrades the pool directly, not even the reactor's admin; a stranger cannot go
    // through the reactor; a pool code never uploaded is refused, and so is a books code never
    // uploaded (the pool would have nothing to run its manager's messages in): nothing changes.
    for who in [&admin, &stranger] {
        let r: Result<(), PoolError> = s.chain.call(who, &tasset, "ManagedPool::set_code_hash", &args![Raw(code.clone())]);
        assert_eq!(r, Err(PoolError::NotManager));
    }
    let r: Result<(), ReactorError> = s.chain.call(&stranger, &reactor, "upgrade_tasset", &args![Raw(code.clone())]);
    assert_eq!(r, Err(ReactorError::Access(AccessError::NotAdmin)));
    let r: Result<(), ReactorError> =
        s.chain.call(&admin, &reactor, "upgrade_tasset", &args![Raw(format!("PoolCode {{ pool: {missing}, books: {books_code} }}"))]);
    assert_eq!(r, Err(ReactorError::Pool(PoolError::UpgradeFailed)));
    let r: Result<(), ReactorError> =
        s.chain.call(&admin, &reactor, "upgrade_tasset", &args![Raw(format!("PoolCode {{ pool: {pool_code}, books: {missing} }}"))]);
    assert_eq!(r, Err(ReactorError::CallFailed));
    // A books hash pointing at other uploaded code (here the test asset's) would leave the pool
    // unable to roll over: the reactor checks the pool still answers as its pool, and undoes it.
    let other = s.chain.upload("test_asset");
    let r: Result<(), ReactorError> =
        s.chain.call(&admin, &reactor, "upgrade_tasset", &args![Raw(format!("PoolCode {{ pool: {pool_code}, books: {other} }}"))]);
    assert_eq!(r, Err(ReactorError::Pool(PoolError::UpgradeFailed)));
    let roles: Vec<(laas_traits::Role, ink::primitives::AccountId)> = s.chain.query(&tasset, "Roles::roles", &args![]);
    assert_eq!(roles, vec![(laas_traits::Role::Manager, laas_e2e_tests::ink_id(&reactor))]);
    assert_eq!(s.balance(&tasset, &lp), 10 * E18);

    // Through the reactor, the admin can (here to the same codes: the path, not a new layout,
    // is what this shows); the LP's tWETH stays and can still be withdrawn on request.
    let r: Result<(), ReactorError> = s.chain.call(&admin, &reactor, "upgrade_tasset", &args![Raw(code)]);
    r.unwrap();
    let announced: Vec<TAssetUpgraded> = s.chain.events(&reactor);
    assert_eq!(announced.len(), 1);
    assert_eq!(s.balance(&tasset, &lp), 10 * E18);
    s.request(&lp, 10 * E18).unwrap();
    s.to_next_cycle();
    s.rollover(&stranger).unwrap();
    assert_eq!(s.withdraw(&lp, 10 * E18), Ok((10 * E18, 0)));
    assert_eq!(s.balance(&tasset, &lp), 0);
}
