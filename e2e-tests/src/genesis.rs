//! A DeGenesis over a [`Suite`] with a genesis WETH reactor: a second base asset (a test
//! dollar) with a genesis reactor of its own, the whitelist's Merkle tree, the event's
//! configuration and its deployment.

use crate::suite::{Suite, DAY_MS, E18};
use crate::{address_of, args, args::Raw, ink_id, Address};
use genesis_pool::genesis_pool::GenesisError;
use laas_traits::{AccessError, PSP22Error};

/// blake2-256, the chain's hasher, off chain.
pub fn blake2_256(input: &[u8]) -> [u8; 32] {
    sp_crypto_hashing::blake2_256(input)
}

/// The whitelist of `accounts`: its root and each account's proof, in order.
pub fn whitelist(accounts: &[Address]) -> ([u8; 32], Vec<Vec<[u8; 32]>>) {
    let ids: Vec<[u8; 32]> = accounts.iter().map(|a| *ink_id(a).as_ref()).collect();
    let tree = laas_merkle::Tree::build(&ids, blake2_256);
    let proofs = (0..ids.len()).map(|i| tree.proof(i).expect("listed")).collect();
    (tree.root(), proofs)
}

/// A proof in transcoder syntax.
pub fn proof_arg(proof: &[[u8; 32]]) -> Raw {
    let items: Vec<String> = proof.iter().map(|h| format!("0x{}", h.iter().map(|b| format!("{b:02x}")).collect::<String>())).collect();
    Raw(format!("[{}]", items.join(", ")))
}

/// The event's deadlines from its start: deposits for three days, publication within two
/// more, a day's last look.
pub const DEPOSITS_MS: u64 = 3 * DAY_MS;
pub const PUBLISH_MS: u64 = 5 * DAY_MS;
pub const LAST_LOOK_MS: u64 = DAY_MS;

/// A second base asset with a genesis reactor: a test dollar (18 decimals) and its reactor
/// created through the factory, with a deposit cap of `cap` (a full reactor refuses genesis
/// deposits). Returns the dollar, its reactor and its pool.
pub fn dollar_reactor(s: &mut Suite, cap: u128) -> (Address, Address, Address) {
    let (admin, factory, toke) = (s.admin.clone(), s.factory.clone(), s.toke.clone());
    let usd = s.chain.deploy(&admin, "test_asset", "new", &args!["Test Dollar", "USD", 18u8, 0u128], vec![7]);
    let config = s.config_arg(cap);
    let created: Result<ink::primitives::AccountId, tasset_factory::tasset_factory::FactoryError> =
        s.chain.call(&admin, &factory, "create_reactor", &args![usd, toke, Raw(config), true]);
    let reactor = address_of(created.expect("the admin creates the dollar's genesis reactor"));
    s.chain.register("reactor", &reactor);
    let (_, _, pool): (ink::primitives::AccountId, ink::primitives::AccountId, ink::primitives::AccountId) = s.chain.query(&reactor, "tokens", &args![]);
    let pool = address_of(pool);
    s.chain.register("tasset", &pool);
    (usd, reactor, pool)
}

/// The event: WETH at 2,000 and the dollar at 1 (value per unit, 1e18 fixed point); at most
/// 20,000 an account and 100,000 in all; a target of 30,000; deadlines from now; TOKE
/// delivered as `delivery` (transcoder syntax).
#[allow(clippy::too_many_arguments)]
pub fn config(s: &mut Suite, root: [u8; 32], usd: &Address, usd_reactor: &Address, usd_pool: &Address, delivery: &str) -> String {
    let now = s.chain.now_ms();
    let root = format!("0x{}", root.iter().map(|b| format!("{b:02x}")).collect::<String>());
    format!(
        "Config {{ toke: {}, treasury: {}, sales: [Sale {{ asset: {}, price: {}, reactor: {}, tasset: {} }}, Sale {{ asset: {usd}, price: {}, reactor: {usd_reactor}, tasset: {usd_pool} }}], root: {root}, account_cap: {}, total_cap: {}, target: {}, deposits_end_ms: {}, publish_by_ms: {}, last_look_ms: {LAST_LOOK_MS}, delivery: {delivery} }}",
        s.toke,
        s.treasury,
        s.weth,
        2_000 * E18,
        s.reactor,
        s.tasset,
        E18,
        20_000 * E18,
        100_000 * E18,
        30_000 * E18,
        now + DEPOSITS_MS,
        now + PUBLISH_MS,
    )
}

/// Deploys the pool with `config` (the admin organises).
pub fn deploy(s: &mut Suite, config: String) -> Address {
    let admin = s.admin.clone();
    s.chain.deploy(&admin, "genesis_pool", "new", &args![Raw(config)], vec![])
}

/// Mints `amount` of test asset `token` to `to` and lets `pool` pull it.
pub fn fund(s: &mut Suite, token: &Address, to: &Address, amount: u128, pool: &Address) {
    let admin = s.admin.clone();
    let r: Result<(), test_asset::test_asset::Error> = s.chain.call(&admin, token, "mint", &args![to, amount]);
    r.expect("mint");
    let r: Result<(), PSP22Error> = s.chain.call(to, token, "PSP22::approve", &args![pool, u128::MAX]);
    r.expect("approve the pool");
}

/// `account` deposits `amount` of asset `asset` with `proof`.
pub fn deposit(s: &mut Suite, pool: &Address, account: &Address, asset: u8, amount: u128, proof: &[[u8; 32]]) -> Result<u128, GenesisError> {
    s.chain.call(account, pool, "deposit", &args![asset, amount, proof_arg(proof)])
}

/// The treasury approves `toke` TOKE to the pool (a DAO proposal's call, when the DAO is the
/// treasury).
pub fn approve_toke(s: &mut Suite, pool: &Address, toke: u128) {
    let (treasury, token) = (s.treasury.clone(), s.toke.clone());
    let r: Result<(), PSP22Error> = s.chain.call(&treasury, &token, "PSP22::approve", &args![pool, toke]);
    r.expect("the treasury approves the sale's TOKE");
}

/// Makes `pool` a depositor of LD staking `staking` (it stakes vested TOKE for accounts).
pub fn make_depositor(s: &mut Suite, staking: &Address, pool: &Address) {
    let admin = s.admin.clone();
    let r: Result<(), AccessError> = s.chain.call(&admin, staking, "AccessControl::set_role", &args![Raw("Depositor".into()), pool, true]);
    r.expect("the pool stakes vested TOKE");
}
