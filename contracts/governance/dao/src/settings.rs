//! The DAO's own settings, changed only by its proposals and applied in place (never by a
//! re-entrant call): its parameters, council, registry, LD staking and code, and the CoRE
//! polls and swap offers its proposals open.

use crate::core_event::{Poll, PollSetup};
use crate::dao::{Dao, DaoError, Result};
use crate::events::*;
use crate::proposal::{Call, Params, MAX_REGISTERED};
use crate::swap::SwapOffer;
use ink::codegen::Env;
use ink::prelude::vec::Vec;
use ink::primitives::{AccountId, Hash};
use ink::scale::Decode;
use laas_math::MathError;

impl Dao {
    /// A proposal's call to the DAO itself, applied in place.
    pub(crate) fn apply(&mut self, call: &Call) -> Result<()> {
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
        } else if call.selector == ink::selector_bytes!("open_poll") {
            self.apply_poll(decode_all(input)?)
        } else if call.selector == ink::selector_bytes!("offer_swap") {
            self.apply_offer(decode_all(input)?)
        } else if call.selector == ink::selector_bytes!("set_code_hash") {
            let code_hash: Hash = decode_all(input)?;
            self.env().set_code_hash(&code_hash).map_err(|_| DaoError::UpgradeFailed)
        } else {
            Err(DaoError::OnlyByProposal)
        }
    }

    /// Poll `id`'s votes for its first `count` candidates (the poll already read by the
    /// caller, so finalising reads it once).
    pub(crate) fn tallies_of(&self, id: u32, count: usize) -> Vec<u128> {
        (0..count).map(|i| u8::try_from(i).ok().and_then(|i| self.tallies.get((id, i))).unwrap_or(0)).collect()
    }

    pub(crate) fn apply_poll(&mut self, setup: PollSetup) -> Result<()> {
        setup.validate()?;
        let (id, offers) = self.counters.get().unwrap_or_default();
        let now = self.env().block_timestamp();
        let poll = Poll {
            snapshot: self.env().block_number().saturating_sub(1),
            staking: self.staking,
            ends_ms: now.checked_add(setup.voting_ms).ok_or(MathError::Overflow)?,
            finalized: false,
            setup,
        };
        self.counters.set(&(id.checked_add(1).ok_or(MathError::Overflow)?, offers));
        self.env().emit_event(PollOpened { id, candidates: poll.setup.candidates.clone(), winners: poll.setup.winners, snapshot: poll.snapshot, ends_ms: poll.ends_ms });
        self.polls.insert(id, &poll);
        Ok(())
    }

    pub(crate) fn apply_offer(&mut self, offer: SwapOffer) -> Result<()> {
        offer.validate(self.env().block_timestamp())?;
        let (polls, id) = self.counters.get().unwrap_or_default();
        self.counters.set(&(polls, id.checked_add(1).ok_or(MathError::Overflow)?));
        self.offers.insert(id, &offer);
        self.env().emit_event(SwapOffered { id, offer });
        Ok(())
    }

    pub(crate) fn apply_params(&mut self, params: Params) -> Result<()> {
        if !params.valid() {
            return Err(DaoError::InvalidParams);
        }
        self.params = params;
        self.env().emit_event(ParamsChanged { params });
        Ok(())
    }

    pub(crate) fn apply_council(&mut self, council: Option<AccountId>) {
        self.council = council;
        self.env().emit_event(CouncilChanged { council });
    }

    pub(crate) fn apply_registry(&mut self, contracts: Vec<AccountId>) -> Result<()> {
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
    pub(crate) fn apply_staking(&mut self, staking: Option<AccountId>) -> Result<()> {
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
