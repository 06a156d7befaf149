//! # DAO
//!
//! The suite's governance (SPEC §3.8): proposals are ordered lists of cross-contract calls
//! ([`proposal::Call`]: target, selector, already-encoded arguments, value), voted on with the
//! voting power an account had at the end of the block before the proposal — its TOKE votes
//! (`Votes::get_past_votes`) plus its LD stake (`get_past_stake`) — so TOKE bought or stake added
//! after a proposal counts nothing for it.
//!
//! * `propose` (at least `proposal_threshold` of power; 1 to 16 calls, each with at most 2 KB
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
//! * CoRE events (`crate::core_event`): a proposal opens a poll over candidate assets; voters
//!   spread their power at its snapshot over them; after it closes anyone finalises it and the
//!   factory creates the winners' reactors.
//! * Token-swap onboarding (`crate::swap`): a proposal offers a project TOKE for its token; the
//!   project accepts by the deadline and its tokens become its reactor's PCV.
//!
//! Every duration and threshold is a parameter only a proposal can change.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

pub mod core_event;
mod dispatch;
pub mod errors;
pub mod events;
pub mod proposal;
mod settings;
pub mod swap;

#[cfg(test)]
mod tests;

#[ink::contract]
pub mod dao {
    pub use crate::core_event::{Poll, PollSetup, Winner, MAX_CANDIDATES, MAX_WINNERS};
    pub use crate::errors::DaoError;
    pub use crate::swap::SwapOffer;
    pub use crate::events::*;
    pub use crate::proposal::{encoded_size, Call, Params, Proposal, State, Support, MAX_CALLS, MAX_INPUT, MAX_PROPOSAL_BYTES, MAX_REGISTERED};
    use ink::codegen::TraitCallBuilder;
    use ink::contract_ref;
    use ink::env::call::{build_call, ExecutionInput, Selector};
    use ink::env::DefaultEnvironment;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_math::{add, mul_div, MathError, Rounding, BPS};
    use laas_traits::{call, Role, Roles, StakeError, Votes};

    /// Results of the DAO's messages.
    pub type Result<T> = core::result::Result<T, DaoError>;

    /// The DAO.
    #[ink(storage)]
    pub struct Dao {
        /// TOKE: votes by delegation at a past block.
        pub(crate) toke: AccountId,
        /// LD staking, whose past stake also counts as voting power in proposals made from now
        /// on (none before it exists; changed by proposal only).
        pub(crate) staking: Option<AccountId>,
        /// Thresholds and durations (changed by proposal only).
        pub(crate) params: Params,
        /// May cancel queued or ready proposals (named by proposal).
        pub(crate) council: Option<AccountId>,
        /// The next proposal's id.
        pub(crate) next_id: u32,
        /// Proposals by id.
        pub(crate) proposals: Mapping<u32, Proposal>,
        /// Their calls, kept apart: only execution reads them.
        pub(crate) calls: Mapping<u32, Vec<Call>>,
        /// How each account voted on each proposal.
        pub(crate) receipts: Mapping<(u32, AccountId), Support>,
        /// The suite contracts the DAO governs (at most [`MAX_REGISTERED`]), whose roles
        /// `handover_report` reads. Changed by proposal only.
        pub(crate) registry: Lazy<Vec<AccountId>>,
        /// CoRE polls by id (opened by proposal).
        pub(crate) polls: Mapping<u32, Poll>,
        /// Each poll's votes per candidate index.
        pub(crate) tallies: Mapping<(u32, u8), u128>,
        /// Who has voted in each poll.
        pub(crate) poll_voters: Mapping<(u32, AccountId), ()>,
        /// Token-swap offers by id (made by proposal).
        pub(crate) offers: Mapping<u32, SwapOffer>,
        /// The ids the next poll and the next offer get.
        pub(crate) counters: Lazy<(u32, u32)>,
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
                polls: Mapping::new(),
                tallies: Mapping::new(),
                poll_voters: Mapping::new(),
                offers: Mapping::new(),
                counters: Lazy::new(),
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

        /// Opens a CoRE poll (see `crate::core_event`) with voting power read at the previous
        /// block, open for `setup.voting_ms`. Only through a proposal of this DAO (applied in
        /// place). Errors: `OnlyByProposal`, `InvalidPoll`.
        #[ink(message)]
        pub fn open_poll(&mut self, setup: PollSetup) -> Result<()> {
            self.ensure_self()?;
            self.apply_poll(setup)
        }

        /// Spreads the caller's voting power at poll `id`'s snapshot over its candidates:
        /// `allocation` lists (candidate index, bps), at most 10,000 bps in all; each
        /// candidate gets `power × bps / 10,000`. Anyone with power, once per poll, while it
        /// is open. Returns the power counted. Errors: `UnknownPoll`, `PollClosed`,
        /// `AlreadyVoted`, `UnknownCandidate`, `OverAllocated`, `NoVotingPower`, power query
        /// errors, `Math`.
        #[ink(message)]
        pub fn vote_poll(&mut self, id: u32, allocation: Vec<(u8, u16)>) -> Result<u128> {
            let poll = self.polls.get(id).ok_or(DaoError::UnknownPoll)?;
            if self.env().block_timestamp() >= poll.ends_ms {
                return Err(DaoError::PollClosed);
            }
            crate::core_event::check_allocation(&allocation, poll.setup.candidates.len())?;
            let voter = self.env().caller();
            if self.poll_voters.contains((id, voter)) {
                return Err(DaoError::AlreadyVoted);
            }
            let power = self.power(voter, poll.snapshot, poll.staking)?;
            if power == 0 {
                return Err(DaoError::NoVotingPower);
            }
            for (candidate, bps) in &allocation {
                let share = mul_div(power, u128::from(*bps), BPS, Rounding::Down)?;
                let tally = add(self.tallies.get((id, *candidate)).unwrap_or(0), share)?;
                self.tallies.insert((id, *candidate), &tally);
            }
            self.poll_voters.insert((id, voter), &());
            self.env().emit_event(PollVoted { id, voter, power, allocation });
            Ok(power)
        }

        /// Finalises poll `id` once it has closed: the candidates with the most votes win (at
        /// most the poll's number; ties to the earlier candidate; none with no votes), and the
        /// DAO has the factory create a reactor for each, paired with TOKE (a winner the
        /// factory refuses is reported without a reactor). Anyone may call, once. Returns the
        /// winners. Errors: `UnknownPoll`, `PollOpen`, `PollFinalized`.
        #[ink(message)]
        pub fn finalize_poll(&mut self, id: u32) -> Result<Vec<Winner>> {
            let mut poll = self.polls.get(id).ok_or(DaoError::UnknownPoll)?;
            if self.env().block_timestamp() < poll.ends_ms {
                return Err(DaoError::PollOpen);
            }
            if poll.finalized {
                return Err(DaoError::PollFinalized);
            }
            poll.finalized = true;
            self.polls.insert(id, &poll);
            let tallies = self.tallies_of(id, poll.setup.candidates.len());
            let mut winners = Vec::new();
            for index in crate::core_event::rank(&tallies, poll.setup.winners) {
                let asset = *poll.setup.candidates.get(usize::from(index)).ok_or(DaoError::UnknownCandidate)?;
                let votes = tallies.get(usize::from(index)).copied().unwrap_or(0);
                let reactor = crate::core_event::create_reactor(&poll.setup, asset, self.toke);
                winners.push(Winner { asset, votes, reactor });
            }
            self.env().emit_event(PollFinalized { id, winners: winners.clone() });
            Ok(winners)
        }

        /// Offers a project TOKE for its token (see `crate::swap`). Only through a proposal
        /// of this DAO (applied in place). Errors: `OnlyByProposal`, `InvalidSwap`.
        #[ink(message)]
        pub fn offer_swap(&mut self, offer: SwapOffer) -> Result<()> {
            self.ensure_self()?;
            self.apply_offer(offer)
        }

        /// Accepts swap offer `id`: the DAO takes the project's tokens (approved to it), pays
        /// it the TOKE and places the tokens in the reactor as PCV. The offer's project only,
        /// once, by its deadline. Errors: `UnknownSwap`, `NotProject`, `SwapTaken`,
        /// `SwapExpired`, `SwapShort`, `PlacementRefused`, `PSP22`, `Unreachable`.
        #[ink(message)]
        pub fn accept_swap(&mut self, id: u32) -> Result<()> {
            let mut offer = self.offers.get(id).ok_or(DaoError::UnknownSwap)?;
            if self.env().caller() != offer.project {
                return Err(DaoError::NotProject);
            }
            if offer.taken {
                return Err(DaoError::SwapTaken);
            }
            if self.env().block_timestamp() > offer.deadline_ms {
                return Err(DaoError::SwapExpired);
            }
            offer.taken = true;
            self.offers.insert(id, &offer);
            crate::swap::settle(&offer, self.toke)?;
            self.env().emit_event(SwapAccepted { id, project: offer.project, token_amount: offer.token_amount, toke_amount: offer.toke_amount });
            Ok(())
        }

        /// Poll `id`, if it exists. Anyone may call.
        #[ink(message)]
        pub fn poll(&self, id: u32) -> Option<Poll> {
            self.polls.get(id)
        }

        /// Poll `id`'s votes per candidate, in the candidates' order (empty for no poll).
        /// Anyone may call.
        #[ink(message)]
        pub fn poll_tally(&self, id: u32) -> Vec<u128> {
            self.tallies_of(id, self.polls.get(id).map_or(0, |p| p.setup.candidates.len()))
        }

        /// Swap offer `id`, if it exists. Anyone may call.
        #[ink(message)]
        pub fn swap_offer(&self, id: u32) -> Option<SwapOffer> {
            self.offers.get(id)
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
        pub(crate) fn past_stake(staking: AccountId, account: AccountId, block: u32) -> Result<u128> {
            call::fallible(
                build_call::<DefaultEnvironment>()
                    .call(staking)
                    .exec_input(ExecutionInput::new(Selector::new(ink::selector_bytes!("get_past_stake"))).push_arg(account).push_arg(block))
                    .returns::<core::result::Result<u128, StakeError>>()
                    .try_invoke(),
                DaoError::Unreachable,
            )
        }

        pub(crate) fn ensure_self(&self) -> Result<()> {
            if self.env().caller() != self.env().account_id() {
                return Err(DaoError::OnlyByProposal);
            }
            Ok(())
        }
    }

    impl Roles for Dao {
        /// The security council (a guardian: it cancels queued proposals). Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            self.council.map(|c| (Role::Guardian, c)).into_iter().collect()
        }
    }
}
