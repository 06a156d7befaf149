//! # TOKE
//!
//! The governance token of the LaaS suite: a PSP22 token (standard selectors, so wallets and
//! tools recognise it) with PSP22Metadata, a fixed supply of 100,000,000 TOKE (18 decimals)
//! minted once to a holder chosen at instantiation, holder burn (PSP22Burnable), and vote
//! delegation with checkpoints by block number for snapshot voting (the [`Votes`] trait).
//!
//! TOKE is immutable: no admin, no minter, no upgrade. It answers the suite's `roles()` query
//! with an empty list, so a governance handover can show on chain that nobody holds power
//! over it.
//!
//! ## Invariants
//! * `Σ balances == total_supply`; the supply only ever shrinks (burn).
//! * An account's balance counts as votes for its delegate, if it has one; for every account
//!   `votes(a) == Σ balance(h) over holders h delegating to a`. Undelegated balances count
//!   for nobody. Delegation is not transitive: loops cannot amplify votes.
//! * Vote and supply histories have at most one checkpoint per block.
//!
//! ## Cost
//! A holder's balance and delegate share one storage cell, so a transfer between accounts that
//! have not delegated reads and writes exactly the cells a plain PSP22 transfer does. Token
//! metadata are compile-time constants, and the root storage holds no eager fields.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod toke {
    use ink::prelude::{string::String, vec::Vec};
    use ink::storage::Mapping;
    use laas_checkpoints::{Checkpoint, Head};
    use laas_traits::{PSP22Error, PSP22Metadata, Role, Roles, Votes, VotesError, PSP22};
    use psp22::{Approval, PSP22Burnable, Transfer};

    /// Decimals of TOKE.
    pub const DECIMALS: u8 = 18;
    /// The fixed supply minted at instantiation: 100,000,000 TOKE.
    pub const TOTAL_SUPPLY: u128 = 100_000_000_000_000_000_000_000_000;
    /// Token name.
    pub const NAME: &str = "Tokemak";
    /// Token symbol.
    pub const SYMBOL: &str = "TOKE";

    /// A holder's balance and the account it delegates its votes to, in one storage cell.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct Holder {
        /// TOKE held.
        pub balance: u128,
        /// Where this balance's votes go; `None`: they count for nobody.
        pub delegate: Option<AccountId>,
    }

    /// An account changed the delegate its votes go to.
    #[ink(event)]
    pub struct DelegateChanged {
        /// The account delegating.
        #[ink(topic)]
        pub delegator: AccountId,
        /// Its previous delegate.
        #[ink(topic)]
        pub from_delegate: Option<AccountId>,
        /// Its new delegate.
        #[ink(topic)]
        pub to_delegate: Option<AccountId>,
    }

    /// The votes delegated to an account changed.
    #[ink(event)]
    pub struct DelegateVotesChanged {
        /// The delegate.
        #[ink(topic)]
        pub delegate: AccountId,
        /// Its votes before.
        pub previous_votes: u128,
        /// Its votes now.
        pub new_votes: u128,
    }

    /// The TOKE token.
    #[ink(storage)]
    pub struct Toke {
        /// Balance and delegate of every holder; absent means zero and undelegated.
        holders: Mapping<AccountId, Holder>,
        /// `(owner, spender) → allowance`; absent means zero.
        allowances: Mapping<(AccountId, AccountId), u128>,
        /// Histories by key: `Some(delegate)` → votes delegated to it; `None` → total supply.
        /// Each holds the number of checkpoints and the latest one (the current value).
        heads: Mapping<History, Head>,
        /// Archived checkpoints of each history by index, oldest first.
        archive: Mapping<(History, u32), Checkpoint>,
    }

    /// Which history: a delegate's votes (`Some`) or the total supply (`None`). One pair of
    /// maps and one code path serve both.
    type History = Option<AccountId>;

    /// The total supply's history key.
    const SUPPLY: History = None;

    impl Toke {
        /// Creates TOKE and mints the whole fixed supply to `holder` (the treasury or
        /// distributor). Emits `Transfer(None, holder, 100_000_000e18)`.
        #[ink(constructor)]
        pub fn new(holder: AccountId) -> Self {
            Self::with_supply(holder, TOTAL_SUPPLY)
        }

        /// A token with an arbitrary initial supply (used by the unit tests; the deployed
        /// constructor always mints [`TOTAL_SUPPLY`]).
        fn with_supply(holder: AccountId, supply: u128) -> Self {
            let mut token = Self {
                holders: Mapping::new(),
                allowances: Mapping::new(),
                heads: Mapping::new(),
                archive: Mapping::new(),
            };
            if supply > 0 {
                token.holders.insert(holder, &Holder { balance: supply, delegate: None });
                // A first checkpoint cannot fail.
                let _ = token.update(SUPPLY, supply, true);
                token.env().emit_event(Transfer { from: None, to: Some(holder), value: supply });
            }
            token
        }

        fn holder(&self, account: AccountId) -> Holder {
            self.holders.get(account).unwrap_or_default()
        }

        fn store_holder(&mut self, account: AccountId, holder: &Holder) {
            if holder.balance == 0 && holder.delegate.is_none() {
                self.holders.remove(account);
            } else {
                self.holders.insert(account, holder);
            }
        }

        /// Moves `value` from `from` to `to` (both already validated as distinct, value > 0),
        /// moving the votes between their delegates.
        fn move_balance(&mut self, from: AccountId, to: AccountId, value: u128) -> Result<(), PSP22Error> {
            let mut sender = self.holder(from);
            let remaining = sender.balance.checked_sub(value).ok_or(PSP22Error::InsufficientBalance)?;
            let mut recipient = self.holder(to);
            // Cannot overflow: balances sum to the supply, which fits in u128.
            recipient.balance = recipient.balance.checked_add(value).ok_or(arithmetic())?;
            sender.balance = remaining;
            self.store_holder(from, &sender);
            self.store_holder(to, &recipient);
            self.move_votes(sender.delegate, recipient.delegate, value).map_err(|_| arithmetic())?;
            self.env().emit_event(Transfer { from: Some(from), to: Some(to), value });
            Ok(())
        }

        /// Moves `amount` votes from delegate `src` to delegate `dst`.
        fn move_votes(&mut self, src: Option<AccountId>, dst: Option<AccountId>, amount: u128) -> Result<(), VotesError> {
            if src == dst || amount == 0 {
                return Ok(());
            }
            if let Some(src) = src {
                self.adjust_votes(src, amount, false)?;
            }
            if let Some(dst) = dst {
                self.adjust_votes(dst, amount, true)?;
            }
            Ok(())
        }

        fn adjust_votes(&mut self, delegate: AccountId, amount: u128, increase: bool) -> Result<(), VotesError> {
            let (previous, new) = self.update(Some(delegate), amount, increase)?;
            self.env().emit_event(DelegateVotesChanged { delegate, previous_votes: previous, new_votes: new });
            Ok(())
        }

        /// The current value of a history.
        fn current(&self, history: History) -> u128 {
            Head::current(self.heads.get(history))
        }

        /// Raises (or lowers) the history's current value `v` by `amount` from the current block
        /// on; returns the values before and after. One read of the head, one or two writes.
        fn update(&mut self, history: History, amount: u128, increase: bool) -> Result<(u128, u128), VotesError> {
            let head = self.heads.get(history);
            let previous = Head::current(head);
            let value = if increase { previous.checked_add(amount) } else { previous.checked_sub(amount) }
                .ok_or(VotesError::Arithmetic)?;
            let (head, archived) = laas_checkpoints::record(head, self.env().block_number(), value)
                .ok_or(VotesError::Arithmetic)?;
            if let Some((index, checkpoint)) = archived {
                self.archive.insert((history, index), &checkpoint);
            }
            self.heads.insert(history, &head);
            Ok((previous, value))
        }

        /// The history's value at the end of `block`, which must have ended.
        fn past(&self, history: History, block: u32) -> Result<u128, VotesError> {
            if block >= self.env().block_number() {
                return Err(VotesError::FutureLookup);
            }
            Ok(laas_checkpoints::value_at(self.heads.get(history), block, |i| self.archive.get((history, i))))
        }

        fn set_allowance(&mut self, owner: AccountId, spender: AccountId, amount: u128) {
            if amount == 0 {
                self.allowances.remove((owner, spender));
            } else {
                self.allowances.insert((owner, spender), &amount);
            }
            self.env().emit_event(Approval { owner, spender, amount });
        }
    }

    fn arithmetic() -> PSP22Error {
        PSP22Error::Custom(String::from("Arithmetic"))
    }

    impl PSP22 for Toke {
        /// Total TOKE in existence: 100,000,000 TOKE less everything burnt. Anyone may call.
        #[ink(message)]
        fn total_supply(&self) -> u128 {
            self.current(SUPPLY)
        }

        /// TOKE held by `owner`. Anyone may call.
        #[ink(message)]
        fn balance_of(&self, owner: AccountId) -> u128 {
            self.holder(owner).balance
        }

        /// TOKE `spender` may still move from `owner`'s account. Anyone may call.
        #[ink(message)]
        fn allowance(&self, owner: AccountId, spender: AccountId) -> u128 {
            self.allowances.get((owner, spender)).unwrap_or_default()
        }

        /// Moves `value` TOKE from the caller to `to`, moving the votes between their
        /// delegates. Any holder may call. A zero value or a transfer to oneself is a no-op
        /// (PSP22). Errors: `InsufficientBalance`.
        #[ink(message)]
        fn transfer(&mut self, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let from = self.env().caller();
            if from == to || value == 0 {
                return Ok(());
            }
            self.move_balance(from, to, value)
        }

        /// Moves `value` TOKE from `from` to `to` using the allowance `from` gave the caller
        /// (none needed if the caller is `from`). Errors: `InsufficientAllowance` (checked
        /// first), `InsufficientBalance`.
        #[ink(message)]
        fn transfer_from(&mut self, from: AccountId, to: AccountId, value: u128, _data: Vec<u8>) -> Result<(), PSP22Error> {
            let caller = self.env().caller();
            if from == to || value == 0 {
                return Ok(());
            }
            if caller == from {
                return self.move_balance(from, to, value);
            }
            // Allowance first (the standard's order), then the move checks the balance; the
            // allowance is spent only once the move succeeded.
            let left = self.allowance(from, caller).checked_sub(value).ok_or(PSP22Error::InsufficientAllowance)?;
            self.move_balance(from, to, value)?;
            self.set_allowance(from, caller, left);
            Ok(())
        }

        /// Sets the caller's allowance for `spender` to `value`. Any account may call;
        /// approving oneself is a no-op.
        #[ink(message)]
        fn approve(&mut self, spender: AccountId, value: u128) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner != spender {
                self.set_allowance(owner, spender, value);
            }
            Ok(())
        }

        /// Raises the caller's allowance for `spender` by `delta_value` (saturating at the
        /// maximum). No-op for oneself or a zero delta.
        #[ink(message)]
        fn increase_allowance(&mut self, spender: AccountId, delta_value: u128) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner == spender || delta_value == 0 {
                return Ok(());
            }
            let amount = self.allowance(owner, spender).saturating_add(delta_value);
            self.set_allowance(owner, spender, amount);
            Ok(())
        }

        /// Lowers the caller's allowance for `spender` by `delta_value`. No-op for oneself or
        /// a zero delta. Errors: `InsufficientAllowance` if the delta exceeds the allowance.
        #[ink(message)]
        fn decrease_allowance(&mut self, spender: AccountId, delta_value: u128) -> Result<(), PSP22Error> {
            let owner = self.env().caller();
            if owner == spender || delta_value == 0 {
                return Ok(());
            }
            let amount = self
                .allowance(owner, spender)
                .checked_sub(delta_value)
                .ok_or(PSP22Error::InsufficientAllowance)?;
            self.set_allowance(owner, spender, amount);
            Ok(())
        }
    }

    impl PSP22Metadata for Toke {
        /// "Tokemak".
        #[ink(message)]
        fn token_name(&self) -> Option<String> {
            Some(String::from(NAME))
        }

        /// "TOKE".
        #[ink(message)]
        fn token_symbol(&self) -> Option<String> {
            Some(String::from(SYMBOL))
        }

        /// 18.
        #[ink(message)]
        fn token_decimals(&self) -> u8 {
            DECIMALS
        }
    }

    impl PSP22Burnable for Toke {
        /// Burns `value` of the caller's own TOKE, shrinking the total supply (checkpointed)
        /// and the votes of the caller's delegate. Any holder may call; zero is a no-op.
        /// Errors: `InsufficientBalance`.
        #[ink(message)]
        fn burn(&mut self, value: u128) -> Result<(), PSP22Error> {
            if value == 0 {
                return Ok(());
            }
            let from = self.env().caller();
            let mut holder = self.holder(from);
            holder.balance = holder.balance.checked_sub(value).ok_or(PSP22Error::InsufficientBalance)?;
            self.store_holder(from, &holder);
            self.update(SUPPLY, value, false).map_err(|_| arithmetic())?;
            self.move_votes(holder.delegate, None, value).map_err(|_| arithmetic())?;
            self.env().emit_event(Transfer { from: Some(from), to: None, value });
            Ok(())
        }
    }

    impl Roles for Toke {
        /// None: TOKE has no admin, no minter and no upgrade; its supply was fixed at
        /// instantiation. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            Vec::new()
        }
    }

    impl Votes for Toke {
        /// Sends the caller's votes (its whole balance, now and as it changes) to `delegatee`,
        /// or to nobody with `None`. Delegating to oneself activates one's own votes.
        /// Errors: `SameDelegate` if nothing would change.
        #[ink(message)]
        fn delegate(&mut self, delegatee: Option<AccountId>) -> Result<(), VotesError> {
            let delegator = self.env().caller();
            let mut holder = self.holder(delegator);
            if holder.delegate == delegatee {
                return Err(VotesError::SameDelegate);
            }
            let previous = holder.delegate;
            holder.delegate = delegatee;
            self.store_holder(delegator, &holder);
            self.env().emit_event(DelegateChanged { delegator, from_delegate: previous, to_delegate: delegatee });
            self.move_votes(previous, delegatee, holder.balance)
        }

        /// The delegate of `account`, if any. Anyone may call.
        #[ink(message)]
        fn delegates(&self, account: AccountId) -> Option<AccountId> {
            self.holder(account).delegate
        }

        /// Votes currently delegated to `account`. Anyone may call.
        #[ink(message)]
        fn get_votes(&self, account: AccountId) -> u128 {
            self.current(Some(account))
        }

        /// Votes delegated to `account` at the end of `block`. Anyone may call.
        /// Errors: `FutureLookup` unless `block` is before the current block.
        #[ink(message)]
        fn get_past_votes(&self, account: AccountId, block: u32) -> Result<u128, VotesError> {
            self.past(Some(account), block)
        }

        /// Total supply at the end of `block`. Anyone may call.
        /// Errors: `FutureLookup` unless `block` is before the current block.
        #[ink(message)]
        fn get_past_total_supply(&self, block: u32) -> Result<u128, VotesError> {
            self.past(SUPPLY, block)
        }
    }

    #[cfg(test)]
    mod psp22_standard {
        use super::Toke;
        psp22::tests!(Toke, (|supply| Toke::with_supply(
            ink::env::test::default_accounts::<ink::env::DefaultEnvironment>().alice,
            supply
        )));
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test::{self, DefaultAccounts};
        use ink::env::DefaultEnvironment as E;

        fn accounts() -> DefaultAccounts<E> {
            test::default_accounts::<E>()
        }

        fn as_caller(account: AccountId) {
            test::set_caller::<E>(account);
        }

        fn next_block() {
            test::advance_block::<E>();
        }

        fn block() -> u32 {
            ink::env::block_number::<E>()
        }

        fn token() -> Toke {
            let a = accounts();
            as_caller(a.alice);
            Toke::new(a.alice)
        }

        fn delegate_events() -> Vec<DelegateVotesChanged> {
            test::recorded_events()
                .filter_map(|e| <DelegateVotesChanged as ink::scale::Decode>::decode(&mut &e.data[..]).ok())
                .filter(|e| e.previous_votes != e.new_votes || e.new_votes == 0)
                .collect()
        }

        #[ink::test]
        fn fixed_supply_minted_to_holder_with_metadata() {
            let a = accounts();
            as_caller(a.bob);
            let t = Toke::new(a.charlie);
            assert_eq!(t.total_supply(), 100_000_000 * 10u128.pow(18));
            assert_eq!(t.balance_of(a.charlie), TOTAL_SUPPLY);
            assert_eq!(t.balance_of(a.bob), 0);
            assert_eq!(t.token_name().as_deref(), Some("Tokemak"));
            assert_eq!(t.token_symbol().as_deref(), Some("TOKE"));
            assert_eq!(t.token_decimals(), 18);
        }

        #[ink::test]
        fn balances_count_as_votes_only_after_delegation() {
            let a = accounts();
            let mut t = token();
            assert_eq!(t.get_votes(a.alice), 0);
            t.delegate(Some(a.alice)).unwrap();
            assert_eq!(t.get_votes(a.alice), TOTAL_SUPPLY);
            assert_eq!(t.delegates(a.alice), Some(a.alice));
        }

        #[ink::test]
        fn transfers_move_votes_between_delegates() {
            let a = accounts();
            let mut t = token();
            t.delegate(Some(a.charlie)).unwrap();
            t.transfer(a.bob, 1_000, vec![]).unwrap();
            assert_eq!(t.get_votes(a.charlie), TOTAL_SUPPLY - 1_000);
            // bob has not delegated: his 1,000 count for nobody
            assert_eq!(t.get_votes(a.bob), 0);
            as_caller(a.bob);
            t.delegate(Some(a.django)).unwrap();
            assert_eq!(t.get_votes(a.django), 1_000);
            t.transfer(a.alice, 400, vec![]).unwrap();
            assert_eq!(t.get_votes(a.django), 600);
            assert_eq!(t.get_votes(a.charlie), TOTAL_SUPPLY - 600);
        }

        #[ink::test]
        fn delegation_loops_do_not_amplify() {
            let a = accounts();
            let mut t = token();
            t.transfer(a.bob, 300, vec![]).unwrap();
            t.delegate(Some(a.bob)).unwrap();
            as_caller(a.bob);
            t.delegate(Some(a.alice)).unwrap();
            assert_eq!(t.get_votes(a.bob), TOTAL_SUPPLY - 300);
            assert_eq!(t.get_votes(a.alice), 300);
            assert_eq!(t.get_votes(a.alice) + t.get_votes(a.bob), TOTAL_SUPPLY);
        }

        #[ink::test]
        fn redelegating_to_the_same_delegate_is_refused_and_changes_nothing() {
            let a = accounts();
            let mut t = token();
            assert_eq!(t.delegate(None), Err(VotesError::SameDelegate));
            t.delegate(Some(a.bob)).unwrap();
            let events = test::recorded_events().count();
            assert_eq!(t.delegate(Some(a.bob)), Err(VotesError::SameDelegate));
            assert_eq!(test::recorded_events().count(), events);
            assert_eq!(t.get_votes(a.bob), TOTAL_SUPPLY);
        }

        #[ink::test]
        fn undelegating_removes_votes() {
            let a = accounts();
            let mut t = token();
            t.delegate(Some(a.bob)).unwrap();
            t.delegate(None).unwrap();
            assert_eq!(t.get_votes(a.bob), 0);
            assert_eq!(t.delegates(a.alice), None);
            assert!(delegate_events().iter().any(|e| e.delegate == a.bob && e.new_votes == 0));
        }

        #[ink::test]
        fn past_votes_follow_blocks() {
            let a = accounts();
            let mut t = token();
            let b0 = block();
            next_block();
            let b1 = block();
            t.delegate(Some(a.alice)).unwrap();
            next_block();
            let b2 = block();
            t.transfer(a.bob, 5_000, vec![]).unwrap();
            t.transfer(a.bob, 5_000, vec![]).unwrap(); // same block: one checkpoint
            next_block();
            let b3 = block();
            t.burn(1_000).unwrap();
            next_block();
            assert_eq!(t.get_past_votes(a.alice, b0), Ok(0));
            assert_eq!(t.get_past_votes(a.alice, b1), Ok(TOTAL_SUPPLY));
            assert_eq!(t.get_past_votes(a.alice, b2), Ok(TOTAL_SUPPLY - 10_000));
            assert_eq!(t.get_past_votes(a.alice, b3), Ok(TOTAL_SUPPLY - 11_000));
            assert_eq!(t.get_past_total_supply(b2), Ok(TOTAL_SUPPLY));
            assert_eq!(t.get_past_total_supply(b3), Ok(TOTAL_SUPPLY - 1_000));
            assert_eq!(t.total_supply(), TOTAL_SUPPLY - 1_000);
        }

        #[ink::test]
        fn past_lookups_of_unfinished_blocks_are_refused() {
            let a = accounts();
            let t = token();
            let now = block();
            assert_eq!(t.get_past_votes(a.alice, now), Err(VotesError::FutureLookup));
            assert_eq!(t.get_past_votes(a.alice, now + 1), Err(VotesError::FutureLookup));
            assert_eq!(t.get_past_total_supply(now), Err(VotesError::FutureLookup));
        }

        #[ink::test]
        fn burn_over_balance_is_refused_and_changes_nothing() {
            let a = accounts();
            let mut t = token();
            as_caller(a.bob);
            assert_eq!(t.burn(1), Err(PSP22Error::InsufficientBalance));
            assert_eq!(t.total_supply(), TOTAL_SUPPLY);
            as_caller(a.alice);
            assert_eq!(t.burn(0), Ok(()));
            assert_eq!(t.total_supply(), TOTAL_SUPPLY);
        }

        #[ink::test]
        fn transfer_from_checks_allowance_before_balance() {
            let a = accounts();
            let mut t = token();
            t.transfer(a.bob, 10, vec![]).unwrap();
            as_caller(a.bob);
            t.approve(a.charlie, 5).unwrap();
            as_caller(a.charlie);
            assert_eq!(t.transfer_from(a.bob, a.django, 6, vec![]), Err(PSP22Error::InsufficientAllowance));
            as_caller(a.bob);
            t.approve(a.charlie, 50).unwrap();
            as_caller(a.charlie);
            assert_eq!(t.transfer_from(a.bob, a.django, 11, vec![]), Err(PSP22Error::InsufficientBalance));
            assert_eq!(t.allowance(a.bob, a.charlie), 50);
            t.transfer_from(a.bob, a.django, 10, vec![]).unwrap();
            assert_eq!(t.allowance(a.bob, a.charlie), 40);
            assert_eq!(t.balance_of(a.django), 10);
        }

        #[ink::test]
        fn many_checkpoints_keep_exact_history() {
            let a = accounts();
            let mut t = token();
            t.delegate(Some(a.alice)).unwrap();
            let mut expected = Vec::new();
            for _ in 0..40 {
                next_block();
                t.transfer(a.bob, 7, vec![]).unwrap();
                expected.push((block(), t.get_votes(a.alice)));
            }
            next_block();
            for (b, v) in expected {
                assert_eq!(t.get_past_votes(a.alice, b), Ok(v));
            }
        }
    }
}
