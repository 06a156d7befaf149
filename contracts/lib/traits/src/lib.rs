//! The map of who calls whom in the LaaS suite.
//!
//! Each module pairs one `#[ink::trait_definition]` with its error type. Contracts call each
//! other through these traits (`contract_ref!(Trait)` built from a stored `AccountId`), so a
//! caller depends only on the interface, never on another contract's crate.
//!
//! This crate defines no `#[ink::event]`s on purpose: a contract implementing a trait from a
//! crate inherits all of that crate's events in its metadata.
#![cfg_attr(not(feature = "std"), no_std)]

pub mod access;
pub mod call;
pub mod cover;
pub mod layer;
pub mod stake;
pub mod pool;
pub mod registry;
pub mod token;
pub mod venue;
pub mod votes;

pub use access::{AccessControl, AccessError, Role, Roles};
pub use psp22::{PSP22Error, PSP22Event, PSP22Metadata, PSP22};

/// Emits the events a `psp22::PSP22Data` operation returned (the crate returns events rather
/// than emitting them). Shared by every token built on `PSP22Data`.
pub fn emit_psp22_events(events: ink::prelude::vec::Vec<PSP22Event>) {
    for event in events {
        match event {
            PSP22Event::Transfer(e) => ink::env::emit_event::<ink::env::DefaultEnvironment, _>(e),
            PSP22Event::Approval(e) => ink::env::emit_event::<ink::env::DefaultEnvironment, _>(e),
        }
    }
}
pub use layer::{CoverLayer, LayerError};
pub use stake::{ReactorView, StakeError, StakeSource, StakeView};
pub use pool::{Books, ManagedPool, PoolCode, PoolConfig, PoolError, Position, Rollover, TAsset};
pub use registry::{Class, CoverFeed, Measure, Observation, PositionFeed, Reading, Receipt, Registration, RegistryError, TermSource, Underwriting};
pub use venue::{PositionValue, Venue, VenueError};
pub use votes::{Votes, VotesError};
