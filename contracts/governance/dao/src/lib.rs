//! # DAO
//!
//! The suite's governance (SPEC §3.8): proposals are ordered lists of cross-contract calls
//! ([`proposal::Call`]: target, selector, already-encoded arguments, value), voted on with the
//! voting power an account had at the end of the block before the proposal — its TOKE votes
//! (`Votes::get_past_votes`) plus its LD stake (`get_past_stake`) — so TOKE bought or stake added
//! after a proposal counts nothing for it.
//!
//! * `propose` (at least `proposal_threshold` of power; 1 to 16 calls, each with at most 1 KB
//!   of arguments and 12 KB in all, none carrying native value); `vote` for, against or abstain, once per account; a proposal carries with
//!   more for than against and `for + abstain` at least the quorum (bps of TOKE's supply at the
//!   snapshot, fixed at creation).
//! * A carried proposal waits out the timelock, can then be executed by anyone within the
//!   execution window, and expires after it. Its calls are made in order; if one fails the whole
//!   execution reverts and the proposal stays executable until it expires. Calls to the DAO
//!   itself (`set_params`, `set_council`, `set_staking`, `set_registry`, `set_code_hash`) are
//!   applied in place, never through a re-entrant call.
//! * The proposer may cancel before execution; the security council (named by a proposal) may
//!   cancel a queued or ready proposal, except one made only of calls to the DAO itself (so it
//!   cannot veto its own replacement, and a proposal cannot escape the veto by adding one).
//! * The registry lists the suite contracts the DAO governs; `handover_report(account)` reads
//!   their `roles()` and shows what `account` still holds — empty for the deployer once the
//!   suite is handed over.
//!
//! Every duration and threshold is a parameter only a proposal can change.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

mod dispatch;
pub mod events;
pub mod proposal;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod dao {
    pub use crate::events::*;
    pub use crate::proposal::{encoded_size, Call, Params, Proposal, State, Support, MAX_CALLS, MAX_INPUT, MAX_PROPOSAL_BYTES, MAX_REGISTERED};
    use ink::codegen::TraitCallBuilder;
    use ink::contract_ref;
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::DefaultEnvironment;
    use ink::prelude::vec::Vec;
    use ink::scale::Decode;
    use ink::storage::{Lazy, Mapping};
    use laas_math::{add, mul_div, MathError, Rounding, BPS};
    use laas_traits::{call, Role, Roles, StakeError, Votes, VotesError};

    /// What can go wrong.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[allow(clippy::cast_possible_truncation)]
    pub enum DaoError {
        /// A proposal needs at least one call.
        NoCalls,
        /// More than [`MAX_CALLS`] calls.
        TooManyCalls,
        /// A call's arguments are longer than [`MAX_INPUT`] bytes, or all the calls together
        /// take more than [`MAX_PROPOSAL_BYTES`].
        ArgumentsTooLarge,
        /// A call carries native value: no suite message accepts it.
        ValueNotAccepted,
        /// The proposer's power at the snapshot is under the threshold.
        BelowThreshold,
        /// No proposal with that id.
        UnknownProposal,
        /// Voting on this proposal is closed.
        VotingClosed,
        /// This account already voted on this proposal.
        AlreadyVoted,
        /// This account had no voting power at the snapshot.
        NoVotingPower,
        /// The proposal is not executable now; its state says why.
        NotExecutable(State),
        /// The proposal can no longer be cancelled; its state says why.
        NotCancellable(State),
        /// Only the proposer, or the security council while the proposal is queued or ready,
        /// may cancel it.
        NotAllowed,
        /// Only a proposal of this DAO may do this.
        OnlyByProposal,
        /// Parameters that could not govern.
        InvalidParams,
        /// The `index`-th call of the proposal failed (the execution reverted).
        CallFailed(u8),
        /// A call to TOKE, LD staking or a registered contract could not be made.
        Unreachable,
        /// TOKE refused a votes query.
        Votes(VotesError),
        /// LD staking refused a stake query.
        Stake(StakeError),
        /// Arithmetic overflow.
        Math(MathError),
        /// The chain refused the new code.
        UpgradeFailed,
        /// A registry of more than [`MAX_REGISTERED`] contracts, one listing a contract twice, or
        /// listing the DAO itself.
        InvalidRegistry,
        /// An LD staking contract that does not answer `get_past_stake` (or the DAO itself).
        InvalidStaking,
        /// LD staking's own TOKE is delegated: its stake would count twice. No proposal is made
        /// until that is undone.
        StakeDelegated,
    }

    impl From<VotesError> for DaoError {
        fn from(e: VotesError) -> Self {
            DaoError::Votes(e)
        }
    }

    impl From<StakeError> for DaoError {
        fn from(e: StakeError) -> Self {
            DaoError::Stake(e)
        }
    }

    impl From<MathError> for DaoError {
        fn from(e: MathError) -> Self {
            DaoError::Math(e)
        }
    }

    /// Results of the DAO's messages.
    pub type Result<T> = core::result::Result<T, DaoError>;

    /// The DAO.
    #[ink(storage)]
    pub struct Dao {
        /// TOKE: votes by delegation at a past block.
        toke: AccountId,
        /// LD staking, whose past stake also counts as voting power in proposals made from now
        /// on (none before it exists; changed by proposal only).
        staking: Option<AccountId>,
        /// Thresholds and durations (changed by proposal only).
        params: Params,
        /// May cancel queued or ready proposals (named by proposal).
        council: Option<AccountId>,
        /// The next proposal's id.
        next_id: u32,
        /// Proposals by id.
        proposals: Mapping<u32, Proposal>,
        /// Their calls, kept apart: only execution reads them.
        calls: Mapping<u32, Vec<Call>>,
        /// How each account voted on each proposal.
        receipts: Mapping<(u32, AccountId), Support>,
        /// The suite contracts the DAO governs (at most [`MAX_REGISTERED`]), whose roles
        /// `handover_report` reads. Changed by proposal only.
        registry: Lazy<Vec<AccountId>>,
    }

    impl Dao {
        /// A DAO voting with `toke`'s delegated votes and `staking`'s stake, governed by
        /// `params`, with `council` as its security council. Errors: `InvalidParams`.
        #[ink(constructor)]
        pub fn new(toke: AccountId, staking: Option<AccountId>, params: Params, council: Option<AccountId>) -> Result<Self> {
            if !params.valid() {
                return Err(DaoError::InvalidParams);
            }
            Ok(Self {
                toke,
                staking,
                params,
                council,
                next_id: 0,
                proposals: Mapping::new(),
                calls: Mapping::new(),
                receipts: Mapping::new(),
                registry: Lazy::new(),
            })
        }

        /// Proposes `calls` (made in order on execution), described off chain by the text
        /// hashing to `description`. Anyone with at least `proposal_threshold` of voting power
        /// at the previous block may call. Returns the proposal's id.
        /// Errors: `NoCalls`, `TooManyCalls`, `ArgumentsTooLarge`, `ValueNotAccepted`, `StakeDelegated`, `BelowThreshold`,
        /// `Votes(..)`/`Stake(..)`/`Unreachable` (power could not be read), `Math`.
        #[ink(message)]
        pub fn propose(&mut self, calls: Vec<Call>, description: Hash) -> Result<u32> {
            if calls.is_empty() {
                return Err(DaoError::NoCalls);
            }
            if calls.len() > MAX_CALLS {
                return Err(DaoError::TooManyCalls);
            }
            if calls.iter().any(|c| c.input.len() > MAX_INPUT) || encoded_size(&calls) > MAX_PROPOSAL_BYTES {
                return Err(DaoError::ArgumentsTooLarge);
            }
            if calls.iter().any(|c| c.value > 0) {
                return Err(DaoError::ValueNotAccepted);
            }
            let proposer = self.env().caller();
            let snapshot = self.env().block_number().saturating_sub(1);
            let toke: contract_ref!(Votes, DefaultEnvironment) = self.toke.into();
            // LD staking's TOKE is counted as its stakers' stake; delegated, it would count
            // twice. LD staking has no way to delegate, and no proposal is made if it ever did.
            if let Some(staking) = self.staking {
                if call::infallible(toke.call().delegates(staking).try_invoke(), DaoError::Unreachable)?.is_some() {
                    return Err(DaoError::StakeDelegated);
                }
            }
            if self.power(proposer, snapshot, self.staking)? < self.params.proposal_threshold {
                return Err(DaoError::BelowThreshold);
            }
            let supply = call::fallible(toke.call().get_past_total_supply(snapshot).try_invoke(), DaoError::Unreachable)?;
            let quorum = mul_div(supply, u128::from(self.params.quorum_bps), BPS, Rounding::Up)?;
            let now = self.env().block_timestamp();
            let voting_ends_ms = now.checked_add(self.params.voting_period_ms).ok_or(MathError::Overflow)?;
            let eta_ms = voting_ends_ms.checked_add(self.params.timelock_ms).ok_or(MathError::Overflow)?;
            let expires_ms = eta_ms.checked_add(self.params.execution_window_ms).ok_or(MathError::Overflow)?;
            let id = self.next_id;
            self.next_id = id.checked_add(1).ok_or(MathError::Overflow)?;
            let proposal = Proposal {
                proposer,
                snapshot,
                staking: self.staking,
                voting_ends_ms,
                eta_ms,
                expires_ms,
                quorum,
                for_votes: 0,
                against_votes: 0,
                abstain_votes: 0,
                executed: false,
                cancelled: false,
            };
            self.proposals.insert(id, &proposal);
            let count = u8::try_from(calls.len()).map_err(|_| DaoError::TooManyCalls)?;
            self.calls.insert(id, &calls);
            self.env().emit_event(ProposalCreated { id, proposer, snapshot, voting_ends_ms, calls: count, description });
            Ok(id)
        }

        /// Votes on proposal `id` with the caller's power at its snapshot. Anyone may call, once
        /// per proposal, while it is active. Returns the power counted.
        /// Errors: `UnknownProposal`, `VotingClosed`, `AlreadyVoted`, `NoVotingPower`, power
        /// query errors, `Math`.
        #[ink(message)]
        pub fn vote(&mut self, id: u32, support: Support) -> Result<u128> {
            let mut p = self.proposals.get(id).ok_or(DaoError::UnknownProposal)?;
            if p.state(self.env().block_timestamp()) != State::Active {
                return Err(DaoError::VotingClosed);
            }
            let voter = self.env().caller();
            if self.receipts.contains((id, voter)) {
                return Err(DaoError::AlreadyVoted);
            }
            let power = self.power(voter, p.snapshot, p.staking)?;
            if power == 0 {
                return Err(DaoError::NoVotingPower);
            }
            match support {
                Support::For => p.for_votes = add(p.for_votes, power)?,
                Support::Against => p.against_votes = add(p.against_votes, power)?,
                Support::Abstain => p.abstain_votes = add(p.abstain_votes, power)?,
            }
            self.proposals.insert(id, &p);
            self.receipts.insert((id, voter), &support);
            self.env().emit_event(VoteCast { id, voter, support, power });
            Ok(power)
        }

        /// Makes proposal `id`'s calls, in order. Anyone may call once it is ready (carried,
        /// timelock over, window open). If a call fails, everything reverts and the proposal
        /// stays executable until it expires.
        /// Errors: `UnknownProposal`, `NotExecutable(state)`, `CallFailed(index)`, the errors of
        /// the DAO's own messages called by the proposal.
        #[ink(message)]
        pub fn execute(&mut self, id: u32) -> Result<()> {
            let mut p = self.proposals.get(id).ok_or(DaoError::UnknownProposal)?;
            let state = p.state(self.env().block_timestamp());
            if state != State::Ready {
                return Err(DaoError::NotExecutable(state));
            }
            // Marked before any call: a callee cannot execute it again.
            p.executed = true;
            self.proposals.insert(id, &p);
            let me = self.env().account_id();
            for (i, call) in self.calls.get(id).unwrap_or_default().iter().enumerate() {
                let index = u8::try_from(i).map_err(|_| DaoError::TooManyCalls)?;
                if call.target == me {
                    self.apply(call).map_err(|e| if e == DaoError::OnlyByProposal { DaoError::CallFailed(index) } else { e })?;
                } else if !crate::dispatch::succeeds(call) {
                    return Err(DaoError::CallFailed(index));
                }
            }
            self.env().emit_event(ProposalExecuted { id });
            Ok(())
        }

        /// Cancels proposal `id`: by its proposer before it is executed, or by the security
        /// council while it is queued or ready — unless it only calls the DAO itself (its
        /// parameters, its council, its code, …), so a council cannot veto its own replacement.
        /// Errors: `UnknownProposal`, `NotCancellable(state)`, `NotAllowed`.
        #[ink(message)]
        pub fn cancel(&mut self, id: u32) -> Result<()> {
            let mut p = self.proposals.get(id).ok_or(DaoError::UnknownProposal)?;
            let state = p.state(self.env().block_timestamp());
            if !matches!(state, State::Active | State::Queued | State::Ready) {
                return Err(DaoError::NotCancellable(state));
            }
            let by = self.env().caller();
            let me = self.env().account_id();
            let council = self.council == Some(by)
                && matches!(state, State::Queued | State::Ready)
                && !self.calls.get(id).unwrap_or_default().iter().all(|c| c.target == me);
            if by != p.proposer && !council {
                return Err(DaoError::NotAllowed);
            }
            p.cancelled = true;
            self.proposals.insert(id, &p);
            self.env().emit_event(ProposalCancelled { id, by });
            Ok(())
        }

        /// Replaces the parameters. Only through a proposal of this DAO (applied in place).
        /// Errors: `OnlyByProposal`, `InvalidParams`.
        #[ink(message)]
        pub fn set_params(&mut self, params: Params) -> Result<()> {
            self.ensure_self()?;
            self.apply_params(params)
        }

        /// Names the security council (or none). Only through a proposal of this DAO.
        /// Errors: `OnlyByProposal`.
        #[ink(message)]
        pub fn set_council(&mut self, council: Option<AccountId>) -> Result<()> {
            self.ensure_self()?;
            self.apply_council(council);
            Ok(())
        }

        /// Moves the DAO to the uploaded code `code_hash` (state stays). Only through a proposal
        /// of this DAO. Errors: `OnlyByProposal`, `UpgradeFailed`.
        #[ink(message)]
        pub fn set_code_hash(&mut self, code_hash: Hash) -> Result<()> {
            self.ensure_self()?;
            self.env().set_code_hash(&code_hash).map_err(|_| DaoError::UpgradeFailed)
        }

        /// Replaces the list of suite contracts the DAO governs (at most [`MAX_REGISTERED`], each
        /// once). Only through a proposal of this DAO. Errors: `OnlyByProposal`, `InvalidRegistry`.
        #[ink(message)]
        pub fn set_registry(&mut self, contracts: Vec<AccountId>) -> Result<()> {
            self.ensure_self()?;
            self.apply_registry(contracts)
        }

        /// Sets (or removes) the LD staking contract whose past stake counts as voting power.
        /// Only through a proposal of this DAO. Errors: `OnlyByProposal`.
        #[ink(message)]
        pub fn set_staking(&mut self, staking: Option<AccountId>) -> Result<()> {
            self.ensure_self()?;
            self.apply_staking(staking)
        }

        /// The suite contracts the DAO governs. Anyone may call.
        #[ink(message)]
        pub fn registry(&self) -> Vec<AccountId> {
            self.registry.get().unwrap_or_default()
        }

        /// What `account` still holds in the registered contracts: every `(contract, role)` their
        /// `Roles::roles()` name it in. Empty for the deployer once the suite is handed over.
        /// Anyone may call. Errors: `Unreachable` (a registered contract did not answer).
        #[ink(message)]
        pub fn handover_report(&self, account: AccountId) -> Result<Vec<(AccountId, Role)>> {
            let mut held = Vec::new();
            for contract in self.registry() {
                let roles: contract_ref!(Roles, DefaultEnvironment) = contract.into();
                let holders = call::infallible(roles.call().roles().try_invoke(), DaoError::Unreachable)?;
                held.extend(holders.into_iter().filter(|(_, who)| *who == account).map(|(role, _)| (contract, role)));
            }
            Ok(held)
        }

        /// Proposal `id`, if it exists. Anyone may call.
        #[ink(message)]
        pub fn proposal(&self, id: u32) -> Option<Proposal> {
            self.proposals.get(id)
        }

        /// Proposal `id`'s calls. Anyone may call.
        #[ink(message)]
        pub fn proposal_calls(&self, id: u32) -> Vec<Call> {
            self.calls.get(id).unwrap_or_default()
        }

        /// Where proposal `id` stands now, if it exists. Anyone may call.
        #[ink(message)]
        pub fn state(&self, id: u32) -> Option<State> {
            self.proposals.get(id).map(|p| p.state(self.env().block_timestamp()))
        }

        /// How `account` voted on proposal `id`, if it did. Anyone may call.
        #[ink(message)]
        pub fn receipt(&self, id: u32, account: AccountId) -> Option<Support> {
            self.receipts.get((id, account))
        }

        /// The parameters. Anyone may call.
        #[ink(message)]
        pub fn params(&self) -> Params {
            self.params
        }

        /// The number of proposals made. Anyone may call.
        #[ink(message)]
        pub fn proposal_count(&self) -> u32 {
            self.next_id
        }

        /// `account`'s voting power at the end of `block` (ended): its TOKE votes plus its LD
        /// stake. Anyone may call. Errors: power query errors, `Math`.
        #[ink(message)]
        pub fn voting_power(&self, account: AccountId, block: u32) -> Result<u128> {
            self.power(account, block, self.staking)
        }

        // ---- internals ---------------------------------------------------------------

        /// `account`'s TOKE votes plus its stake in `staking` at the end of `block`.
        fn power(&self, account: AccountId, block: u32, staking: Option<AccountId>) -> Result<u128> {
            let toke: contract_ref!(Votes, DefaultEnvironment) = self.toke.into();
            let votes = call::fallible(toke.call().get_past_votes(account, block).try_invoke(), DaoError::Unreachable)?;
            let stake = match staking {
                None => 0,
                Some(staking) => Self::past_stake(staking, account, block)?,
            };
            Ok(add(votes, stake)?)
        }

        /// `account`'s stake in LD staking contract `staking` at the end of `block`.
        fn past_stake(staking: AccountId, account: AccountId, block: u32) -> Result<u128> {
            call::fallible(
                build_call::<DefaultEnvironment>()
                    .call(staking)
                    .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("get_past_stake"))).push_arg(account).push_arg(block))
                    .returns::<core::result::Result<u128, StakeError>>()
                    .try_invoke(),
                DaoError::Unreachable,
            )
        }

        fn ensure_self(&self) -> Result<()> {
            if self.env().caller() != self.env().account_id() {
                return Err(DaoError::OnlyByProposal);
            }
            Ok(())
        }

        /// A proposal's call to the DAO itself, applied in place.
        fn apply(&mut self, call: &Call) -> Result<()> {
            let input = &mut &call.input[..];
            if call.selector == ink::selector_bytes!("set_params") {
                self.apply_params(decode_all(input)?)
            } else if call.selector == ink::selector_bytes!("set_council") {
                self.apply_council(decode_all(input)?);
                Ok(())
            } else if call.selector == ink::selector_bytes!("set_registry") {
                self.apply_registry(decode_all(input)?)
            } else if call.selector == ink::selector_bytes!("set_staking") {
                self.apply_staking(decode_all(input)?)
            } else if call.selector == ink::selector_bytes!("set_code_hash") {
                let code_hash: Hash = decode_all(input)?;
                self.env().set_code_hash(&code_hash).map_err(|_| DaoError::UpgradeFailed)
            } else {
                Err(DaoError::OnlyByProposal)
            }
        }

        fn apply_params(&mut self, params: Params) -> Result<()> {
            if !params.valid() {
                return Err(DaoError::InvalidParams);
            }
            self.params = params;
            self.env().emit_event(ParamsChanged { params });
            Ok(())
        }

        fn apply_council(&mut self, council: Option<AccountId>) {
            self.council = council;
            self.env().emit_event(CouncilChanged { council });
        }

        fn apply_registry(&mut self, contracts: Vec<AccountId>) -> Result<()> {
            let mut sorted = contracts.clone();
            sorted.sort_unstable();
            sorted.dedup();
            if contracts.len() > MAX_REGISTERED || sorted.len() != contracts.len() || contracts.contains(&self.env().account_id()) {
                return Err(DaoError::InvalidRegistry);
            }
            self.registry.set(&contracts);
            self.env().emit_event(RegistryChanged { contracts });
            Ok(())
        }

        /// A new LD staking contract must answer `get_past_stake` (a wrong address would make
        /// every later proposal fail to read power, and only a proposal could fix it).
        fn apply_staking(&mut self, staking: Option<AccountId>) -> Result<()> {
            if let Some(contract) = staking {
                let me = self.env().account_id();
                if contract == me || Self::past_stake(contract, me, self.env().block_number().saturating_sub(1)).is_err() {
                    return Err(DaoError::InvalidStaking);
                }
            }
            self.staking = staking;
            self.env().emit_event(StakingChanged { staking });
            Ok(())
        }
    }

    /// Decodes exactly the whole of `input` (trailing bytes are an error).
    fn decode_all<T: Decode>(input: &mut &[u8]) -> Result<T> {
        let value = T::decode(input).map_err(|_| DaoError::OnlyByProposal)?;
        if !input.is_empty() {
            return Err(DaoError::OnlyByProposal);
        }
        Ok(value)
    }

    impl Roles for Dao {
        /// The security council (a guardian: it cancels queued proposals). Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            self.council.map(|c| (Role::Guardian, c)).into_iter().collect()
        }
    }
}
