//! TOKE in the real WASM: the treasury distributes, holders approve and spend, and votes
//! follow delegation through blocks.

use laas_e2e_tests::{args, args::Bytes, ink_id, Address, Chain};
use laas_traits::VotesError;
use psp22::{Approval, PSP22Error, Transfer};
use toke::toke::{DelegateChanged, DelegateVotesChanged};

const TOKE: u128 = 1_000_000_000_000_000_000;
const SUPPLY: u128 = 100_000_000 * TOKE;

struct World {
    chain: Chain,
    toke: Address,
    treasury: Address,
}

fn world() -> World {
    let mut chain = Chain::new();
    let deployer = chain.user("alice");
    let treasury = chain.user("treasury");
    let toke = chain.deploy(&deployer, "toke", "new", &args![treasury], vec![]);
    let minted: Vec<Transfer> = chain.events(&toke);
    assert_eq!(minted.len(), 1);
    assert_eq!((minted[0].from, minted[0].value), (None, SUPPLY));
    World { chain, toke, treasury }
}

impl World {
    fn balance(&mut self, who: &Address) -> u128 {
        self.chain.query(&self.toke, "PSP22::balance_of", &args![who])
    }
    fn votes(&mut self, who: &Address) -> u128 {
        self.chain.query(&self.toke, "Votes::get_votes", &args![who])
    }
    fn past_votes(&mut self, who: &Address, block: u32) -> Result<u128, VotesError> {
        self.chain.query(&self.toke, "Votes::get_past_votes", &args![who, block])
    }
    fn transfer(&mut self, from: &Address, to: &Address, value: u128) -> Result<(), PSP22Error> {
        let toke = self.toke.clone();
        self.chain.call(from, &toke, "PSP22::transfer", &args![to, value, Bytes(&[])])
    }
    fn delegate(&mut self, who: &Address, to: Option<&Address>) -> Result<(), VotesError> {
        let toke = self.toke.clone();
        self.chain.call(who, &toke, "Votes::delegate", &args![to.cloned()])
    }
}

#[test]
fn treasury_holds_the_whole_fixed_supply_with_standard_metadata() {
    let mut w = world();
    let treasury = w.treasury.clone();
    assert_eq!(w.balance(&treasury), SUPPLY);
    let supply: u128 = w.chain.query(&w.toke, "PSP22::total_supply", &args![]);
    assert_eq!(supply, SUPPLY);
    let name: Option<String> = w.chain.query(&w.toke, "PSP22Metadata::token_name", &args![]);
    let symbol: Option<String> = w.chain.query(&w.toke, "PSP22Metadata::token_symbol", &args![]);
    let decimals: u8 = w.chain.query(&w.toke, "PSP22Metadata::token_decimals", &args![]);
    assert_eq!((name.as_deref(), symbol.as_deref(), decimals), (Some("Tokemak"), Some("TOKE"), 18));
}

#[test]
fn treasury_pays_a_contributor_who_approves_a_spender() {
    let mut w = world();
    let (treasury, dora, sam, eve) = (w.treasury.clone(), w.chain.user("dora"), w.chain.user("sam"), w.chain.user("eve"));

    // The treasury pays Dora 1,000 TOKE.
    w.transfer(&treasury, &dora, 1_000 * TOKE).unwrap();
    let sent: Vec<Transfer> = w.chain.events(&w.toke);
    assert_eq!(sent.len(), 1);
    assert_eq!(
        (sent[0].from, sent[0].to, sent[0].value),
        (Some(ink_id(&treasury)), Some(ink_id(&dora)), 1_000 * TOKE)
    );
    assert_eq!(w.balance(&dora), 1_000 * TOKE);
    assert_eq!(w.balance(&treasury), SUPPLY - 1_000 * TOKE);

    // Dora lets Sam spend 300 TOKE for her.
    let toke = w.toke.clone();
    let approved: Result<(), PSP22Error> = w.chain.call(&dora, &toke, "PSP22::approve", &args![sam, 300 * TOKE]);
    approved.unwrap();
    let approvals: Vec<Approval> = w.chain.events(&toke);
    assert_eq!(approvals[0].amount, 300 * TOKE);

    // Sam cannot take more than allowed; nothing moves.
    let over: Result<(), PSP22Error> =
        w.chain.call(&sam, &toke, "PSP22::transfer_from", &args![dora, eve, 301 * TOKE, Bytes(&[])]);
    assert_eq!(over, Err(PSP22Error::InsufficientAllowance));
    assert!(w.chain.events::<Transfer>(&toke).is_empty());
    assert_eq!(w.balance(&eve), 0);

    // Sam pays Eve 200 TOKE of Dora's; the allowance shrinks to 100.
    let spent: Result<(), PSP22Error> =
        w.chain.call(&sam, &toke, "PSP22::transfer_from", &args![dora, eve, 200 * TOKE, Bytes(&[])]);
    spent.unwrap();
    assert_eq!(w.balance(&eve), 200 * TOKE);
    assert_eq!(w.balance(&dora), 800 * TOKE);
    let left: u128 = w.chain.query(&toke, "PSP22::allowance", &args![dora, sam]);
    assert_eq!(left, 100 * TOKE);
}

#[test]
fn transfers_over_the_balance_are_refused_and_change_nothing() {
    let mut w = world();
    let (treasury, dora) = (w.treasury.clone(), w.chain.user("dora"));
    w.transfer(&treasury, &dora, 5).unwrap();
    assert_eq!(w.transfer(&dora, &treasury, 6), Err(PSP22Error::InsufficientBalance));
    assert!(w.chain.events::<Transfer>(&w.toke).is_empty());
    assert_eq!(w.balance(&dora), 5);
    // Zero and self transfers are PSP22 no-ops: success, no event, no change.
    assert_eq!(w.transfer(&dora, &treasury, 0), Ok(()));
    assert_eq!(w.transfer(&dora, &dora, 5), Ok(()));
    assert!(w.chain.events::<Transfer>(&w.toke).is_empty());
    assert_eq!(w.balance(&dora), 5);
}

#[test]
fn holder_burns_and_the_supply_history_remembers() {
    let mut w = world();
    let treasury = w.treasury.clone();
    let toke = w.toke.clone();
    let before = w.chain.block();
    w.chain.next_block();
    let burnt: Result<(), PSP22Error> = w.chain.call(&treasury, &toke, "PSP22Burnable::burn", &args![1_000 * TOKE]);
    burnt.unwrap();
    let at_burn = w.chain.block();
    w.chain.next_block();
    let supply: u128 = w.chain.query(&toke, "PSP22::total_supply", &args![]);
    assert_eq!(supply, SUPPLY - 1_000 * TOKE);
    let past: Result<u128, VotesError> = w.chain.query(&toke, "Votes::get_past_total_supply", &args![before]);
    assert_eq!(past, Ok(SUPPLY));
    let past: Result<u128, VotesError> = w.chain.query(&toke, "Votes::get_past_total_supply", &args![at_burn]);
    assert_eq!(past, Ok(SUPPLY - 1_000 * TOKE));
    let dora = w.chain.user("dora");
    let refused: Result<(), PSP22Error> = w.chain.call(&dora, &toke, "PSP22Burnable::burn", &args![1u128]);
    assert_eq!(refused, Err(PSP22Error::InsufficientBalance));
}

#[test]
fn votes_follow_delegation_and_are_remembered_by_block() {
    let mut w = world();
    let (treasury, dora, vic, val) = (w.treasury.clone(), w.chain.user("dora"), w.chain.user("vic"), w.chain.user("val"));
    w.transfer(&treasury, &dora, 1_000 * TOKE).unwrap();
    let b_before = w.chain.block();

    // Dora's TOKE count for nobody until she delegates; she delegates to Vic.
    w.chain.next_block();
    assert_eq!(w.votes(&dora), 0);
    w.delegate(&dora, Some(&vic)).unwrap();
    let toke = w.toke.clone();
    let changed: Vec<DelegateChanged> = w.chain.events(&toke);
    assert_eq!(changed.len(), 1);
    let moved: Vec<DelegateVotesChanged> = w.chain.events(&toke);
    assert_eq!((moved[0].previous_votes, moved[0].new_votes), (0, 1_000 * TOKE));
    let b_delegated = w.chain.block();
    assert_eq!(w.votes(&vic), 1_000 * TOKE);

    // Re-delegating to the same delegate is refused and changes nothing.
    assert_eq!(w.delegate(&dora, Some(&vic)), Err(VotesError::SameDelegate));
    assert!(w.chain.events::<DelegateChanged>(&toke).is_empty());

    // Two blocks later Dora pays 400 TOKE to the treasury; Vic's votes shrink.
    w.chain.advance_blocks(2);
    w.transfer(&dora, &treasury, 400 * TOKE).unwrap();
    let b_paid = w.chain.block();
    assert_eq!(w.votes(&vic), 600 * TOKE);

    // Then she moves her delegation to Val.
    w.chain.next_block();
    w.delegate(&dora, Some(&val)).unwrap();
    let b_moved = w.chain.block();
    w.chain.next_block();

    assert_eq!(w.past_votes(&vic, b_before), Ok(0));
    assert_eq!(w.past_votes(&vic, b_delegated), Ok(1_000 * TOKE));
    assert_eq!(w.past_votes(&vic, b_delegated + 1), Ok(1_000 * TOKE));
    assert_eq!(w.past_votes(&vic, b_paid), Ok(600 * TOKE));
    assert_eq!(w.past_votes(&vic, b_moved), Ok(0));
    assert_eq!(w.past_votes(&val, b_paid), Ok(0));
    assert_eq!(w.past_votes(&val, b_moved), Ok(600 * TOKE));
    // The current block has not ended: it cannot be a snapshot.
    let now = w.chain.block();
    assert_eq!(w.past_votes(&val, now), Err(VotesError::FutureLookup));
}

#[test]
fn delegation_loops_cannot_amplify_votes() {
    let mut w = world();
    let (treasury, dora, vic) = (w.treasury.clone(), w.chain.user("dora"), w.chain.user("vic"));
    w.transfer(&treasury, &dora, 100).unwrap();
    w.transfer(&treasury, &vic, 50).unwrap();
    w.delegate(&dora, Some(&vic)).unwrap();
    w.delegate(&vic, Some(&dora)).unwrap();
    assert_eq!(w.votes(&vic), 100);
    assert_eq!(w.votes(&dora), 50);
    // Self-delegation activates one's own votes.
    w.delegate(&dora, Some(&dora.clone())).unwrap();
    assert_eq!(w.votes(&dora), 150);
    assert_eq!(w.votes(&vic), 0);
}
