//! A tAsset in the real WASM, instantiated by its minter (the test minter standing in for a
//! reactor): only the minter mints and burns, and it hears of every transfer before balances
//! move.

use laas_e2e_tests::{address_of, args, args::{Bytes, Raw}, ink_id, Address, Chain};
use laas_traits::TAssetError;
use psp22::{PSP22Error, Transfer};
use test_minter::test_minter::{Error as MinterError, HookObserved};

struct World {
    chain: Chain,
    minter: Address,
    tasset: Address,
}

fn world() -> World {
    let mut chain = Chain::new();
    let deployer = chain.user("alice");
    let code_hash = chain.upload("tasset");
    let minter = chain.deploy(
        &deployer,
        "test_minter",
        "new",
        &args![Raw(code_hash), "Tokemak WETH", "tWETH", 18u8, Bytes(&[7u8; 32])],
        vec![],
    );
    let tasset_id = address_of(chain.query(&minter, "tasset", &args![]));
    // The tAsset's code is only uploaded; register its metadata for calls by address.
    chain.register("tasset", &tasset_id);
    World { chain, minter, tasset: tasset_id }
}

impl World {
    fn balance(&mut self, who: &Address) -> u128 {
        self.chain.query(&self.tasset, "PSP22::balance_of", &args![who])
    }
    fn mint(&mut self, to: &Address, amount: u128) {
        let (minter, caller) = (self.minter.clone(), self.chain.user("alice"));
        let r: Result<(), MinterError> = self.chain.call(&caller, &minter, "mint", &args![to, amount]);
        r.unwrap();
    }
}

#[test]
fn the_reactor_that_instantiates_a_tasset_is_its_minter() {
    let mut w = world();
    let minter: ink::primitives::AccountId = w.chain.query(&w.tasset, "TAsset::minter", &args![]);
    assert_eq!(minter, ink_id(&w.minter));
    let symbol: Option<String> = w.chain.query(&w.tasset, "PSP22Metadata::token_symbol", &args![]);
    let decimals: u8 = w.chain.query(&w.tasset, "PSP22Metadata::token_decimals", &args![]);
    assert_eq!((symbol.as_deref(), decimals), (Some("tWETH"), 18));
}

#[test]
fn only_the_minter_mints_and_burns() {
    let mut w = world();
    let lp = w.chain.user("lp");
    w.mint(&lp, 1_000);
    let minted: Vec<Transfer> = w.chain.events(&w.tasset);
    assert_eq!((minted[0].from, minted[0].value), (None, 1_000));
    assert_eq!(w.balance(&lp), 1_000);

    // An LP, or anyone else, calling the tAsset directly is refused; nothing changes.
    let tasset = w.tasset.clone();
    for intruder in [lp.clone(), w.chain.user("alice"), w.chain.user("mallory")] {
        let r: Result<(), TAssetError> = w.chain.call(&intruder, &tasset, "TAsset::mint", &args![intruder, 5u128]);
        assert_eq!(r, Err(TAssetError::NotMinter));
        let r: Result<(), TAssetError> = w.chain.call(&intruder, &tasset, "TAsset::burn", &args![lp, 5u128]);
        assert_eq!(r, Err(TAssetError::NotMinter));
        assert!(w.chain.events::<Transfer>(&tasset).is_empty());
    }
    let supply: u128 = w.chain.query(&tasset, "PSP22::total_supply", &args![]);
    assert_eq!(supply, 1_000);

    // The minter burns on withdrawal, with no allowance; it cannot burn more than held.
    let (minter, alice) = (w.minter.clone(), w.chain.user("alice"));
    let r: Result<(), MinterError> = w.chain.call(&alice, &minter, "burn", &args![lp, 1_001u128]);
    assert_eq!(r, Err(MinterError::TAsset(TAssetError::PSP22(PSP22Error::InsufficientBalance))));
    let r: Result<(), MinterError> = w.chain.call(&alice, &minter, "burn", &args![lp, 0u128]);
    assert_eq!(r, Err(MinterError::TAsset(TAssetError::ZeroAmount)));
    let r: Result<(), MinterError> = w.chain.call(&alice, &minter, "burn", &args![lp, 400u128]);
    r.unwrap();
    assert_eq!(w.balance(&lp), 600);
}

#[test]
fn the_minter_hears_of_each_transfer_before_balances_move() {
    let mut w = world();
    let (lp, buyer, spender) = (w.chain.user("lp"), w.chain.user("buyer"), w.chain.user("spender"));
    w.mint(&lp, 1_000);
    let tasset = w.tasset.clone();
    let minter = w.minter.clone();

    let r: Result<(), PSP22Error> = w.chain.call(&lp, &tasset, "PSP22::transfer", &args![buyer, 250u128, Bytes(&[])]);
    r.unwrap();
    let heard: Vec<HookObserved> = w.chain.events(&minter);
    assert_eq!(heard.len(), 1);
    assert_eq!((heard[0].from, heard[0].to, heard[0].amount), (ink_id(&lp), ink_id(&buyer), 250));
    // It saw the balances as they were before the transfer.
    assert_eq!((heard[0].from_balance, heard[0].to_balance), (1_000, 0));
    // The hook's event precedes the tAsset's Transfer event: it ran before balances moved.
    let trace = w.chain.event_trace();
    let hook_at = trace.iter().position(|(c, _)| *c == minter).expect("hook event");
    let transfer_at = trace.iter().position(|(c, _)| *c == tasset).expect("transfer event");
    assert!(hook_at < transfer_at);
    assert_eq!((w.balance(&lp), w.balance(&buyer)), (750, 250));

    // transfer_from notifies too.
    let r: Result<(), PSP22Error> = w.chain.call(&buyer, &tasset, "PSP22::approve", &args![spender, 100u128]);
    r.unwrap();
    let r: Result<(), PSP22Error> =
        w.chain.call(&spender, &tasset, "PSP22::transfer_from", &args![buyer, lp, 100u128, Bytes(&[])]);
    r.unwrap();
    let heard: Vec<HookObserved> = w.chain.events(&minter);
    assert_eq!(heard.len(), 1);
    assert_eq!(heard[0].amount, 100);
    let calls: u32 = w.chain.query(&minter, "hook_calls", &args![]);
    assert_eq!(calls, 2);

    // Failed checks never reach the minter.
    let r: Result<(), PSP22Error> = w.chain.call(&buyer, &tasset, "PSP22::transfer", &args![lp, 151u128, Bytes(&[])]);
    assert_eq!(r, Err(PSP22Error::InsufficientBalance));
    let calls: u32 = w.chain.query(&minter, "hook_calls", &args![]);
    assert_eq!(calls, 2);
}

#[test]
fn a_refusing_minter_blocks_the_transfer_and_nothing_changes() {
    let mut w = world();
    let (lp, buyer, alice) = (w.chain.user("lp"), w.chain.user("buyer"), w.chain.user("alice"));
    w.mint(&lp, 1_000);
    let (tasset, minter) = (w.tasset.clone(), w.minter.clone());
    let _: () = w.chain.call(&alice, &minter, "set_reject", &args![true]);
    let r: Result<(), PSP22Error> = w.chain.call(&lp, &tasset, "PSP22::transfer", &args![buyer, 1u128, Bytes(&[])]);
    assert_eq!(r, Err(PSP22Error::Custom(String::from("TransferHookFailed"))));
    assert!(w.chain.events::<Transfer>(&tasset).is_empty());
    assert_eq!((w.balance(&lp), w.balance(&buyer)), (1_000, 0));
}

#[test]
fn only_its_own_tasset_may_call_the_hook() {
    let mut w = world();
    let (mallory, minter) = (w.chain.user("mallory"), w.minter.clone());
    let r: Result<(), laas_traits::TransferHookError> =
        w.chain.call(&mallory, &minter, "TransferHook::before_tasset_transfer", &args![mallory, mallory, 1u128, 1u128, 0u128]);
    assert_eq!(r, Err(laas_traits::TransferHookError::UnknownToken));
}
