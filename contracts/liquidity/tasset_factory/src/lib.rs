//! # tAsset factory
//!
//! Holds the global cycle schedule `(genesis, duration)` (SPEC §3.2) and the code hashes of
//! the reactor and the tAsset, and creates **one reactor per asset**: the admin calls
//! `create_reactor(asset, …)`, the factory instantiates the reactor at an address salted by
//! the asset (so it is predictable), and the reactor instantiates its own tAsset, becoming its
//! minter. The registry lists every reactor (at most [`MAX_REACTORS`]) with its genesis flag.
//! With a position registry set (`Role::Registry`), each new reactor reports to it and its
//! tAsset is registered there as an `Open` position whose operator is the reactor's admin.
#![cfg_attr(not(feature = "std"), no_std, no_main)]

#[ink::contract]
pub mod tasset_factory {
    use ink::codegen::TraitCallBuilder;
    use ink::prelude::vec::Vec;
    use ink::storage::{Lazy, Mapping};
    use laas_access::Access;
    use laas_cycles::{CycleError, Schedule};
    use laas_traits::registry::{self, Class, Registration, RegistryError};
    use laas_traits::{AccessControl, AccessError, PoolCode, Role, Roles};
    use reactor::reactor::{Config, ReactorError, ReactorRef};

    /// Most reactors the factory creates (SPEC §2: bounded lists).
    pub const MAX_REACTORS: usize = 64;

    /// Errors of the factory.
    #[derive(Debug, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[allow(clippy::cast_possible_truncation)]
    pub enum FactoryError {
        /// A role check failed.
        Access(AccessError),
        /// The schedule refused (zero duration, time before genesis).
        Cycle(CycleError),
        /// The asset already has a reactor.
        AlreadyExists,
        /// [`MAX_REACTORS`] reactors exist.
        TooManyReactors,
        /// The reactor's constructor refused.
        Reactor(ReactorError),
        /// The instantiation could not be made (unknown code hash, out of gas).
        CallFailed,
        /// The position registry refused the new reactor's tAsset (this factory is not its
        /// registrar, registrations are paused); nothing was created.
        Registry(RegistryError),
    }

    impl From<AccessError> for FactoryError {
        fn from(e: AccessError) -> Self {
            FactoryError::Access(e)
        }
    }

    impl From<CycleError> for FactoryError {
        fn from(e: CycleError) -> Self {
            FactoryError::Cycle(e)
        }
    }

    /// Results of this contract's messages.
    pub type Result<T> = core::result::Result<T, FactoryError>;

    /// One reactor in the registry.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    #[ink::scale_derive(Encode, Decode, TypeInfo)]
    #[cfg_attr(feature = "std", derive(ink::storage::traits::StorageLayout))]
    pub struct ReactorEntry {
        /// The asset.
        pub asset: AccountId,
        /// Its reactor.
        pub reactor: AccountId,
        /// Whether it is a genesis reactor (accelerated emissions, DeGenesis deposits).
        pub genesis: bool,
    }

    /// A reactor was created.
    #[ink(event)]
    pub struct ReactorCreated {
        /// The asset.
        #[ink(topic)]
        pub asset: AccountId,
        /// The new reactor.
        #[ink(topic)]
        pub reactor: AccountId,
        /// Genesis flag.
        pub genesis: bool,
    }

    /// The code used for new reactors and tAssets changed.
    #[ink(event)]
    pub struct CodeHashesChanged {
        /// Reactor code hash.
        pub reactor: Hash,
        /// tAsset codes: the pool's and its books code.
        pub tasset: PoolCode,
    }

    /// The factory.
    #[ink(storage)]
    pub struct TAssetFactory {
        /// Code of new reactors (admin-set).
        reactor_code_hash: Hash,
        /// Codes of new tAssets: the pool's and its books code (admin-set).
        tasset_code: PoolCode,
        /// The global cycle schedule, fixed at instantiation.
        schedule: Schedule,
        /// Reactor of each asset.
        by_asset: Mapping<AccountId, AccountId>,
        /// Every reactor, in creation order (≤ [`MAX_REACTORS`]).
        reactors: Lazy<Vec<ReactorEntry>>,
        /// The position registry new reactors report to and their tAssets are registered in
        /// (admin-set; none until set).
        registry: Lazy<Option<AccountId>>,
        /// Admin (creates reactors, sets code hashes; the DAO after handover).
        access: Access,
    }

    impl TAssetFactory {
        /// A factory whose cycles start at `genesis_ms` and last `cycle_ms` (SPEC default: 7
        /// days). The caller is admin. Errors: `Cycle(ZeroDuration)`.
        #[ink(constructor)]
        pub fn new(reactor_code_hash: Hash, tasset_code: PoolCode, genesis_ms: u64, cycle_ms: u64) -> Result<Self> {
            Ok(Self {
                reactor_code_hash,
                tasset_code,
                schedule: Schedule::new(genesis_ms, cycle_ms)?,
                by_asset: Mapping::new(),
                reactors: Lazy::new(),
                registry: Lazy::new(),
                access: Access::new(Self::env().caller()),
            })
        }

        /// Creates the reactor of `asset`, paired with `pairing` (TOKE), with `config`; the
        /// caller (the admin) becomes the reactor's admin. Its address is salted by the asset.
        /// With a position registry set, the reactor reports to it and its tAsset is registered
        /// there (`Open`, operated by the caller). Admin only. Errors: `Access(NotAdmin)`,
        /// `AlreadyExists`, `TooManyReactors`, `Reactor(..)` (the reactor refused its
        /// parameters), `Registry(..)` (the registry refused the tAsset), `CallFailed`.
        #[ink(message)]
        pub fn create_reactor(&mut self, asset: AccountId, pairing: AccountId, config: Config, genesis: bool) -> Result<AccountId> {
            let admin = self.env().caller();
            self.access.ensure_admin(admin)?;
            if self.by_asset.contains(asset) {
                return Err(FactoryError::AlreadyExists);
            }
            let mut reactors = self.reactors.get().unwrap_or_default();
            if reactors.len() >= MAX_REACTORS {
                return Err(FactoryError::TooManyReactors);
            }
            let registry = self.registry.get().flatten();
            let created = ReactorRef::new(asset, pairing, self.tasset_code, self.schedule, config, genesis, admin, registry)
                .code_hash(self.reactor_code_hash)
                .endowment(0)
                .salt_bytes(AsRef::<[u8]>::as_ref(&asset))
                .try_instantiate();
            let (reactor, tasset) = match created {
                Ok(Ok(Ok(r))) => (ink::ToAccountId::to_account_id(&r), r.tokens().2),
                Ok(Ok(Err(e))) => return Err(FactoryError::Reactor(e)),
                _ => return Err(FactoryError::CallFailed),
            };
            if let Some(registry) = registry {
                let registration = Registration { token: tasset, class: Class::Open, operator: admin, related: Vec::new(), source: Some(reactor), venue: None, reference_size: 0 };
                registry::register(registry, registration).map_err(FactoryError::Registry)?;
            }
            self.by_asset.insert(asset, &reactor);
            reactors.push(ReactorEntry { asset, reactor, genesis });
            self.reactors.set(&reactors);
            self.env().emit_event(ReactorCreated { asset, reactor, genesis });
            Ok(reactor)
        }

        /// Sets the code of reactors and tAssets created from now on (existing ones keep
        /// theirs). Admin only. Errors: `Access(NotAdmin)`.
        #[ink(message)]
        pub fn set_code_hashes(&mut self, reactor: Hash, tasset: PoolCode) -> Result<()> {
            self.access.ensure_admin(self.env().caller())?;
            self.reactor_code_hash = reactor;
            self.tasset_code = tasset;
            self.env().emit_event(CodeHashesChanged { reactor, tasset });
            Ok(())
        }

        /// The reactor of `asset`, if any. Anyone may call.
        #[ink(message)]
        pub fn reactor_of(&self, asset: AccountId) -> Option<AccountId> {
            self.by_asset.get(asset)
        }

        /// Every reactor in creation order. Anyone may call.
        #[ink(message)]
        pub fn reactors(&self) -> Vec<ReactorEntry> {
            self.reactors.get().unwrap_or_default()
        }

        /// The suite against the singularity: each reactor with PCV's share of its deployed
        /// liquidity in bps (`None` where it cannot be valued now), and how many have reached
        /// their governance threshold. Anyone may call; reads every reactor (at most
        /// [`MAX_REACTORS`]).
        #[ink(message)]
        pub fn singularity(&self) -> (Vec<(AccountId, Option<u16>)>, u32) {
            let mut reached = 0u32;
            let ratios = self
                .reactors()
                .into_iter()
                .map(|entry| {
                    let reactor: ReactorRef = ink::env::call::FromAccountId::from_account_id(entry.reactor);
                    let now = match reactor.call().singularity().try_invoke() {
                        Ok(Ok(Ok(now))) => Some(now),
                        _ => None,
                    };
                    if now.is_some_and(|n| n.ratio_bps >= n.threshold_bps) {
                        reached = reached.saturating_add(1);
                    }
                    (entry.reactor, now.map(|n| n.ratio_bps))
                })
                .collect();
            (ratios, reached)
        }

        /// `(reactor, tasset)` codes for new reactors. Anyone may call.
        #[ink(message)]
        pub fn code_hashes(&self) -> (Hash, PoolCode) {
            (self.reactor_code_hash, self.tasset_code)
        }

        /// The global cycle schedule. Anyone may call.
        #[ink(message)]
        pub fn schedule(&self) -> Schedule {
            self.schedule
        }

        /// The index of the cycle the clock is in. Errors: `Cycle(BeforeGenesis)`.
        #[ink(message)]
        pub fn cycle_index(&self) -> Result<u32> {
            Ok(self.schedule.index_at(self.env().block_timestamp())?)
        }
    }

    impl AccessControl for TAssetFactory {
        /// Proposes the next admin, or withdraws the proposal (`None`). Admin only.
        #[ink(message)]
        fn propose_admin(&mut self, admin: Option<AccountId>) -> core::result::Result<(), AccessError> {
            self.access.propose_admin(self.env().caller(), admin)
        }

        /// Takes the admin role. Only the proposed account may call.
        #[ink(message)]
        fn accept_admin(&mut self) -> core::result::Result<(), AccessError> {
            self.access.accept_admin(self.env().caller())
        }

        /// Sets the guardian, or the position registry new reactors report to and register in
        /// (existing reactors keep theirs: their admin re-points them). Admin only.
        #[ink(message)]
        fn set_role(&mut self, role: Role, account: AccountId, granted: bool) -> core::result::Result<(), AccessError> {
            let caller = self.env().caller();
            if role != Role::Registry {
                return self.access.set_role(caller, role, account, granted);
            }
            let mut registry = self.registry.get().flatten();
            self.access.set_optional(caller, &mut registry, role, account, granted)?;
            self.registry.set(&registry);
            Ok(())
        }

        /// The factory has nothing to pause; kept for a uniform role interface. Guardian or admin.
        #[ink(message)]
        fn pause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.pause(self.env().caller())
        }

        /// Lifts the pause. Admin only.
        #[ink(message)]
        fn unpause(&mut self) -> core::result::Result<(), AccessError> {
            self.access.unpause(self.env().caller())
        }

        /// Whether new exposure is paused. Anyone may call.
        #[ink(message)]
        fn paused(&self) -> bool {
            self.access.paused
        }

        /// Replaces this contract's code (storage stays; see `laas_access`). Admin only.
        #[ink(message)]
        fn set_code_hash(&mut self, code_hash: Hash) -> core::result::Result<(), AccessError> {
            self.access.set_code_hash(self.env().caller(), code_hash)
        }
    }

    impl Roles for TAssetFactory {
        /// Admin, pending admin, guardian and the position registry. Anyone may call.
        #[ink(message)]
        fn roles(&self) -> Vec<(Role, AccountId)> {
            let mut roles = self.access.holders();
            if let Some(registry) = self.registry.get().flatten() {
                roles.push((Role::Registry, registry));
            }
            roles
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;
        use ink::env::test;
        use ink::env::DefaultEnvironment as E;

        const WEEK: u64 = 7 * 24 * 3_600_000;

        fn factory() -> (TAssetFactory, test::DefaultAccounts<E>) {
            let a = test::default_accounts::<E>();
            test::set_caller::<E>(a.alice);
            (TAssetFactory::new(Hash::from([1; 32]), PoolCode { pool: Hash::from([2; 32]), books: Hash::from([3; 32]) }, 1_000, WEEK).expect("valid schedule"), a)
        }

        fn config(a: &test::DefaultAccounts<E>) -> Config {
            Config {
                treasury: a.alice,
                ld_recipient: a.alice,
                deposit_cap: u128::MAX,
                max_nav_age_ms: 3_600_000,
                expiry_epochs: 4,
                lp_fee_bps: 7_000,
                ld_fee_bps: 2_000,
                reserve_bps: 500,
                collateral_bps: 20_000,
            }
        }

        #[ink::test]
        fn a_zero_cycle_is_refused() {
            assert!(matches!(
                TAssetFactory::new(Hash::from([1; 32]), PoolCode { pool: Hash::from([2; 32]), books: Hash::from([3; 32]) }, 0, 0),
                Err(FactoryError::Cycle(CycleError::ZeroDuration))
            ));
        }

        #[ink::test]
        fn the_clock_gives_the_cycle() {
            let (f, _) = factory();
            test::set_block_timestamp::<E>(999);
            assert_eq!(f.cycle_index(), Err(FactoryError::Cycle(CycleError::BeforeGenesis)));
            test::set_block_timestamp::<E>(1_000 + 2 * WEEK);
            assert_eq!(f.cycle_index(), Ok(2));
            assert_eq!(f.schedule(), Schedule { genesis_ms: 1_000, duration_ms: WEEK });
        }

        #[ink::test]
        fn privileged_messages_refuse_others_and_change_nothing() {
            let (mut f, a) = factory();
            test::set_caller::<E>(a.bob);
            let not_admin = FactoryError::Access(AccessError::NotAdmin);
            assert_eq!(f.create_reactor(a.django, a.eve, config(&a), false), Err(not_admin));
            assert_eq!(f.set_code_hashes(Hash::from([9; 32]), PoolCode { pool: Hash::from([9; 32]), books: Hash::from([9; 32]) }), Err(FactoryError::Access(AccessError::NotAdmin)));
            assert_eq!(f.propose_admin(Some(a.bob)), Err(AccessError::NotAdmin));
            assert_eq!(f.set_role(Role::Guardian, a.bob, true), Err(AccessError::NotAdmin));
            assert_eq!(f.set_role(Role::Registry, a.bob, true), Err(AccessError::NotAdmin));
            assert_eq!(f.set_code_hash(Hash::from([9; 32])), Err(AccessError::NotAdmin));
            assert_eq!(f.roles(), vec![(Role::Admin, a.alice)]);
            assert_eq!(f.pause(), Err(AccessError::NotGuardian));
            assert_eq!(f.unpause(), Err(AccessError::NotAdmin));
            assert_eq!(f.code_hashes(), (Hash::from([1; 32]), PoolCode { pool: Hash::from([2; 32]), books: Hash::from([3; 32]) }));
            assert!(f.reactors().is_empty());
            assert_eq!(f.reactor_of(a.django), None);
        }

        #[ink::test]
        fn the_admin_points_new_reactors_at_a_position_registry() {
            let (mut f, a) = factory();
            f.set_role(Role::Registry, a.django, true).expect("admin");
            assert_eq!(f.roles(), vec![(Role::Admin, a.alice), (Role::Registry, a.django)]);
            assert_eq!(f.set_role(Role::Registry, a.bob, false), Err(AccessError::NotHolder));
            f.set_role(Role::Registry, a.django, false).expect("admin");
            assert_eq!(f.roles(), vec![(Role::Admin, a.alice)]);
        }

        #[ink::test]
        fn the_admin_sets_code_hashes() {
            let (mut f, _) = factory();
            f.set_code_hashes(Hash::from([7; 32]), PoolCode { pool: Hash::from([8; 32]), books: Hash::from([6; 32]) }).unwrap();
            assert_eq!(f.code_hashes(), (Hash::from([7; 32]), PoolCode { pool: Hash::from([8; 32]), books: Hash::from([6; 32]) }));
        }
    }
}
