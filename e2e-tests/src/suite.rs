//! The liquidity side deployed as a protocol would run it, for scenarios, the demo and the
//! benchmark: WETH and TOKE, AMM venues seeded by the admin (treasury), the tAsset factory
//! with weekly cycles starting at deployment, and the WETH reactor (with its tWETH) created
//! through the factory, its venues set and its LD collateral fixed.

use crate::{address_of, args, args::Bytes, args::Raw, Address, Chain};
use drink::Ss58Codec;
use laas_traits::{Books, PoolError, Position, VenueError};
use psp22::PSP22Error;
use reactor::reactor::{ReactorError, State};

/// One whole token (18 decimals).
pub const E18: u128 = 1_000_000_000_000_000_000;
/// One day, ms.
pub const DAY_MS: u64 = 24 * 3_600_000;
/// The cycle length (SPEC default): one week.
pub const WEEK_MS: u64 = 7 * DAY_MS;
/// The AMM venues' TWAP window: ten minutes.
pub const WINDOW_MS: u64 = 600_000;
/// A deadline that never passes.
pub const NEVER: u64 = u64::MAX;
/// Each venue is seeded with this much WETH…
pub const SEED_WETH: u128 = 100 * E18;
/// …against this much TOKE: 1 WETH = 2,000 TOKE.
pub const SEED_TOKE: u128 = 200_000 * E18;
/// LPs' share of venue fees.
pub const LP_FEE_BPS: u16 = 7_000;
/// Liquidity directors' share of venue fees (the treasury takes the remaining 10%).
pub const LD_FEE_BPS: u16 = 2_000;
/// Idle buffer, bps of the tAsset supply.
pub const RESERVE_BPS: u16 = 500;
/// Deployment cap: 2× the LD stake's value.
pub const COLLATERAL_BPS: u32 = 20_000;
/// While NAV is below 1, a deposit needs a strike at most a day old.
pub const MAX_NAV_AGE_MS: u64 = DAY_MS;
/// A matured request not withdrawn within four epochs expires.
pub const EXPIRY_EPOCHS: u32 = 4;
/// The position registry's reporting epoch and NAV-history bucket: an hour each.
pub const HOUR_MS: u64 = 3_600_000;
/// The registry's parameters: data a cycle and a day old is stale, market observables are
/// smoothed over an hour, reporters bond at least 1,000 TOKE and are removed (half their bond
/// slashed) after more than 2 reports off the median by over 5% within 6 epochs; a leaving
/// reporter's bond returns after a day.
pub const REGISTRY_PARAMS: &str = "Params { max_age_ms: 691200000, smoothing_ms: 3600000, min_bond: 1000000000000000000000, band_bps: 500, max_deviations: 2, deviation_epochs: 6, slash_bps: 5000, cooldown_ms: 86400000 }";

/// The deployed liquidity side.
pub struct Suite {
    /// The chain.
    pub chain: Chain,
    /// Deployer and admin of everything (the DAO before handover).
    pub admin: Address,
    /// Places PCV, receives the protocol's fee share.
    pub treasury: Address,
    /// Receives the liquidity directors' fee share (LD staking, later).
    pub ld: Address,
    /// The reactor's asset.
    pub weth: Address,
    /// The pairing token.
    pub toke: Address,
    /// AMM venues of WETH/TOKE.
    pub venues: Vec<Address>,
    /// The factory.
    pub factory: Address,
    /// The WETH reactor.
    pub reactor: Address,
    /// Its tWETH: the pool LPs deposit into and withdraw from.
    pub tasset: Address,
    /// LD staking, once added with [`Suite::add_staking`].
    pub staking: Option<Address>,
    /// Whether WETH is a plain PSP22 (no `mint`): the admin then holds the whole supply and
    /// hands it out.
    pub plain_asset: bool,
    /// The DAO, when the suite comes from the manifest (which deploys one; nothing is handed
    /// over to it yet).
    pub dao: Option<Address>,
    /// The position registry: the factory registers tWETH in it (position 0) and the reactor
    /// reports to it.
    pub registry: Address,
    /// The cover market, when the suite comes from the manifest (which deploys one) or a test
    /// added it with [`crate::cover::Cover::deploy`].
    pub cover: Option<crate::cover::Cover>,
}

impl Suite {
    /// Deploys everything with `venues` AMM venues sharing the deployment equally (the
    /// first takes the remainder) and a fixed LD stake of `ld_stake` TOKE.
    pub fn new(venues: usize, ld_stake: u128) -> Self {
        Self::build(venues, ld_stake, false, None)
    }

    /// [`Suite::new`] with WETH deployed from the plain PSP22 token bundle at `bundle` (the
    /// `psp22` crate's example token: constructor `new(supply, name, symbol, decimals)`, no
    /// mint), so the pool's figures are measured over an asset with no admin surface.
    pub fn with_plain_asset(venues: usize, ld_stake: u128, bundle: &str) -> Self {
        Self::build(venues, ld_stake, false, Some(bundle))
    }

    /// [`Suite::new`] with the WETH reactor created as a genesis reactor (it may carry
    /// accelerated emissions).
    pub fn genesis(venues: usize, ld_stake: u128) -> Self {
        Self::build(venues, ld_stake, true, None)
    }

    fn build(venues: usize, ld_stake: u128, genesis: bool, plain_asset: Option<&str>) -> Self {
        let mut chain = Chain::new();
        let admin = chain.user("alice");
        let treasury = chain.user("treasury");
        let ld = chain.user("ld-staking");
        let weth = match plain_asset {
            Some(bundle) => chain.deploy(&admin, bundle, "new", &args![u128::MAX / 2, Some("Wrapped Ether"), Some("WETH"), 18u8], vec![]),
            None => chain.deploy(&admin, "test_asset", "new", &args!["Wrapped Ether", "WETH", 18u8, 0u128], vec![]),
        };
        let toke = chain.deploy(&admin, "toke", "new", &args![admin], vec![]);
        let mut suite = Self {
            chain,
            admin: admin.clone(),
            treasury,
            ld,
            weth: weth.clone(),
            toke: toke.clone(),
            venues: Vec::new(),
            factory: admin.clone(),
            reactor: admin.clone(),
            tasset: admin.clone(),
            staking: None,
            plain_asset: plain_asset.is_some(),
            dao: None,
            registry: admin.clone(),
            cover: None,
        };
        if !suite.plain_asset {
            suite.mint_weth(&admin, 1_000_000 * E18);
        }
        for i in 0..venues {
            let salt = vec![u8::try_from(i).expect("few venues")];
            let pool = suite.chain.deploy(&admin, "venue_amm", "new", &args![weth, toke, 30u16, WINDOW_MS, 200u16], salt);
            suite.approve(&admin, &weth, &pool);
            suite.approve(&admin, &toke, &pool);
            let r: Result<u128, VenueError> =
                suite.chain.call(&admin, &pool, "add_liquidity", &args![SEED_WETH, SEED_TOKE, 0u128, 0u128, NEVER]);
            r.expect("the admin seeds the venue");
            suite.venues.push(pool);
        }
        // Cycles start now; the venues' TWAP is ready well before the first boundary.
        let reactor_code = suite.chain.upload("reactor");
        let tasset_code = format!("PoolCode {{ pool: {}, books: {} }}", suite.chain.upload("tasset"), suite.chain.upload("tasset_books"));
        let genesis_ms = suite.chain.now_ms();
        suite.factory = suite.chain.deploy(&admin, "tasset_factory", "new", &args![Raw(reactor_code), Raw(tasset_code), genesis_ms, WEEK_MS], vec![]);
        let factory = suite.factory.clone();
        // The position registry: the factory registers what it creates and wires its reactors
        // to report there.
        let treasury = suite.treasury.clone();
        suite.registry = suite.chain.deploy(&admin, "position_registry", "new", &args![toke, treasury, HOUR_MS, HOUR_MS, Raw(REGISTRY_PARAMS.into())], vec![]);
        let registry = suite.registry.clone();
        let r: Result<(), laas_traits::AccessError> = suite.chain.call(&admin, &registry, "AccessControl::set_role", &args![Raw("Registrar".into()), factory, true]);
        r.expect("the factory registers positions");
        let r: Result<(), laas_traits::AccessError> = suite.chain.call(&admin, &factory, "AccessControl::set_role", &args![Raw("Registry".into()), registry, true]);
        r.expect("new reactors report to the registry");
        let config = suite.config_arg(1_000_000 * E18);
        let created: Result<ink::primitives::AccountId, tasset_factory::tasset_factory::FactoryError> =
            suite.chain.call(&admin, &factory, "create_reactor", &args![weth, toke, Raw(config), genesis]);
        suite.reactor = address_of(created.expect("the admin creates the WETH reactor"));
        let reactor = suite.reactor.clone();
        suite.chain.register("reactor", &reactor);
        let (_, _, tasset): (ink::primitives::AccountId, ink::primitives::AccountId, ink::primitives::AccountId) =
            suite.chain.query(&reactor, "tokens", &args![]);
        suite.tasset = address_of(tasset);
        suite.chain.register("tasset", &suite.tasset.clone());
        suite.set_venue_weights(&equal_weights(venues));
        suite.admin_call("set_collateral", args![Raw(format!("Fixed({ld_stake})"))]).expect("collateral");
        suite
    }

    /// The suite as deployed by the deploy tool from `deploy/laas.toml` (see
    /// [`Suite::from_manifest`]): its contracts are registered with the harness for calls.
    pub fn attach(mut chain: Chain, deployment: &laas_deploy::Deployment, signers: &laas_deploy::Signers) -> Result<Self, laas_deploy::DeployError> {
        let parse = |name: &str, ss58: &str| {
            Address::from_ss58check(ss58).map_err(|e| laas_deploy::DeployError::Unknown(format!("{name}: {e:?}")))
        };
        let address = |name: &str| parse(name, deployment.address(name)?);
        let signer = |name: &str| parse(name, &signers.get(name)?.address);
        for (name, entry) in &deployment.contracts {
            chain.register(&entry.contract, &address(name)?);
        }
        Ok(Self {
            admin: signer(laas_deploy::manifest::DEPLOYER)?,
            treasury: signer("treasury")?,
            ld: signer("treasury")?,
            weth: address("weth")?,
            toke: address("toke")?,
            venues: vec![address("amm")?, address("pricer_venue")?],
            factory: address("factory")?,
            reactor: address("reactor")?,
            tasset: address("tweth")?,
            staking: Some(address("ld_staking")?),
            plain_asset: false,
            dao: if deployment.contracts.contains_key("dao") { Some(address("dao")?) } else { None },
            registry: address("registry")?,
            cover: if deployment.contracts.contains_key("cover_pool") {
                Some(crate::cover::Cover { usd: address("usd")?, nft: address("policies")?, pool: address("cover_pool")?, claims: signer("claims")? })
            } else {
                None
            },
            chain,
        })
    }

    /// Deploys the suite's manifest (`deploy/laas.toml`) with the deploy tool into a fresh
    /// sandbox chain starting at [`crate::GENESIS_MS`], as `//Alice`, printing each step with
    /// `progress`; returns the suite and the manifest's signers.
    pub fn from_manifest(progress: &mut dyn FnMut(&str)) -> Result<(Self, laas_deploy::Signers), laas_deploy::DeployError> {
        Self::deploy_manifests(progress, false).map(|(suite, signers, _)| (suite, signers))
    }

    /// [`Suite::from_manifest`], then the launch manifest (`deploy/launch.toml`: a DeGenesis
    /// from deposits to finalisation) on the same chain; also returns the DeGenesis pool.
    pub fn launched(progress: &mut dyn FnMut(&str)) -> Result<(Self, laas_deploy::Signers, Address), laas_deploy::DeployError> {
        let (suite, signers, genesis) = Self::deploy_manifests(progress, true)?;
        let genesis = genesis.ok_or_else(|| laas_deploy::DeployError::Unknown(String::from("the launch deployed no `genesis`")))?;
        Ok((suite, signers, genesis))
    }

    fn deploy_manifests(progress: &mut dyn FnMut(&str), launch: bool) -> Result<(Self, laas_deploy::Signers, Option<Address>), laas_deploy::DeployError> {
        use laas_deploy::{sandbox::SandboxBackend, Backend, Bundles, Deployer, Manifest, Record, Signers};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../deploy");
        let manifest = Manifest::load(&dir.join("laas.toml"), "sandbox", crate::GENESIS_MS)?;
        let signers = Signers::new(&manifest, "//Alice", &Default::default())?;
        let mut bundles = Bundles::new(&crate::bundle_dir());
        let mut backend = SandboxBackend::new(crate::GENESIS_MS, signers.all())?;
        let mut record = Record::in_memory();
        let deployment = Deployer { manifest: &manifest, signers: &signers, bundles: &mut bundles, progress: &mut *progress }.run(&mut backend, &mut record)?;
        let mut genesis = None;
        if launch {
            let launch = Manifest::load(&dir.join("launch.toml"), "sandbox", backend.now_ms()?)?;
            let launch_signers = Signers::new(&launch, "//Alice", &Default::default())?;
            let launched = Deployer { manifest: &launch, signers: &launch_signers, bundles: &mut bundles, progress }.run(&mut backend, &mut record)?;
            genesis = Some(launched.address("genesis")?.to_string());
        }
        let (session, now_ms) = backend.into_session();
        let mut suite = Self::attach(Chain::from_session(session, now_ms), &deployment, &signers)?;
        let genesis = match genesis {
            Some(ss58) => {
                let address = Address::from_ss58check(&ss58).map_err(|e| laas_deploy::DeployError::Unknown(format!("genesis: {e:?}")))?;
                suite.chain.register("genesis_pool", &address);
                Some(address)
            }
            None => None,
        };
        Ok((suite, signers, genesis))
    }

    /// The reactor's parameters with `deposit_cap`, as a constructor/message argument.
    pub fn config_arg(&self, deposit_cap: u128) -> String {
        format!(
            "Config {{ treasury: {}, ld_recipient: {}, deposit_cap: {deposit_cap}, max_nav_age_ms: {MAX_NAV_AGE_MS}, expiry_epochs: {EXPIRY_EPOCHS}, lp_fee_bps: {LP_FEE_BPS}, ld_fee_bps: {LD_FEE_BPS}, reserve_bps: {RESERVE_BPS}, collateral_bps: {COLLATERAL_BPS} }}",
            self.treasury, self.ld
        )
    }

    /// Sets the reactor's venues (in `self.venues` order) to `weights`.
    pub fn set_venue_weights(&mut self, weights: &[u16]) {
        let slots: Vec<String> = self
            .venues
            .iter()
            .zip(weights)
            .map(|(v, w)| format!("VenueSlot {{ venue: {v}, weight_bps: {w} }}"))
            .collect();
        self.admin_call("set_venues", args![Raw(format!("[{}]", slots.join(", ")))]).expect("venues");
    }

    /// Calls a `Result<(), ReactorError>` message of the reactor as the admin.
    pub fn admin_call(&mut self, message: &str, args: Vec<String>) -> Result<(), ReactorError> {
        let (admin, reactor) = (self.admin.clone(), self.reactor.clone());
        self.chain.call(&admin, &reactor, message, &args)
    }

    /// Gives `to` an unlimited allowance of `token` from `owner`.
    pub fn approve(&mut self, owner: &Address, token: &Address, to: &Address) {
        let r: Result<(), PSP22Error> = self.chain.call(owner, token, "PSP22::approve", &args![to, u128::MAX]);
        r.expect("approve");
    }

    /// Mints `amount` WETH to `to` (a plain asset: sends it from the admin) and lets the pool
    /// (tWETH) pull it.
    pub fn mint_weth(&mut self, to: &Address, amount: u128) {
        let (admin, weth) = (self.admin.clone(), self.weth.clone());
        if self.plain_asset {
            if *to != admin {
                let r: Result<(), PSP22Error> = self.chain.call(&admin, &weth, "PSP22::transfer", &args![to, amount, Bytes(&[])]);
                r.expect("send WETH");
            }
        } else {
            let r: Result<(), test_asset::test_asset::Error> = self.chain.call(&admin, &weth, "mint", &args![to, amount]);
            r.expect("mint WETH");
        }
        if self.tasset != self.admin {
            let pool = self.tasset.clone();
            self.approve(to, &weth, &pool);
        }
    }

    /// Sends `amount` TOKE from the admin to `to` and lets the reactor and the first venue
    /// pull it (the treasury's PCV and emission funding, a trader's swaps).
    pub fn give_toke(&mut self, to: &Address, amount: u128) {
        let (admin, toke, reactor, venue) = (self.admin.clone(), self.toke.clone(), self.reactor.clone(), self.venues[0].clone());
        let r: Result<(), PSP22Error> = self.chain.call(&admin, &toke, "PSP22::transfer", &args![to, amount, Bytes(&[])]);
        r.expect("TOKE transfer");
        self.approve(to, &toke, &reactor);
        self.approve(to, &toke, &venue);
    }

    /// The treasury places `toke` TOKE of PCV into the reactor.
    pub fn place_pcv(&mut self, toke: u128) {
        let treasury = self.treasury.clone();
        self.give_toke(&treasury, toke);
        let reactor = self.reactor.clone();
        let r: Result<(), ReactorError> = self.chain.call(&treasury, &reactor, "place_pcv", &args![0u128, toke]);
        r.expect("place PCV");
    }

    /// `who` deposits `amount` WETH into the pool; returns the tWETH minted.
    pub fn deposit(&mut self, who: &Address, amount: u128) -> Result<u128, PoolError> {
        let pool = self.tasset.clone();
        self.chain.call(who, &pool, "TAsset::deposit", &args![amount])
    }

    /// `who` requests a withdrawal of `amount` tWETH; returns the epoch it matures at.
    pub fn request(&mut self, who: &Address, amount: u128) -> Result<u32, PoolError> {
        let pool = self.tasset.clone();
        self.chain.call(who, &pool, "TAsset::request_withdrawal", &args![amount])
    }

    /// `who` withdraws `amount` of a matured request; returns what it was paid, `(WETH, TOKE)`.
    pub fn withdraw(&mut self, who: &Address, amount: u128) -> Result<(u128, u128), PoolError> {
        let pool = self.tasset.clone();
        self.chain.call(who, &pool, "TAsset::withdraw", &args![amount])
    }

    /// `who` claims its fees and emissions from the pool: `(WETH, TOKE)`.
    pub fn claim(&mut self, who: &Address) -> Result<(u128, u128), PoolError> {
        let pool = self.tasset.clone();
        self.chain.call(who, &pool, "TAsset::claim", &args![])
    }

    /// `who` runs the rollover; returns the cycle rolled into.
    pub fn rollover(&mut self, who: &Address) -> Result<u32, ReactorError> {
        let reactor = self.reactor.clone();
        self.chain.call(who, &reactor, "rollover", &args![])
    }

    /// Travels to the start of the next cycle (one block).
    pub fn to_next_cycle(&mut self) {
        let next = self.state().next_rollover_ms;
        let now = self.chain.now_ms();
        self.chain.advance_time(next.saturating_sub(now));
    }

    /// The reactor's side of the books.
    pub fn state(&mut self) -> State {
        let reactor = self.reactor.clone();
        self.chain.query(&reactor, "state", &args![])
    }

    /// The pool's books.
    pub fn books(&mut self) -> Books {
        let pool = self.tasset.clone();
        self.chain.query(&pool, "ManagedPool::books", &args![])
    }

    /// `who`'s position in the pool, rewards settled to now.
    pub fn position(&mut self, who: &Address) -> Position {
        let pool = self.tasset.clone();
        self.chain.query(&pool, "TAsset::position", &args![who])
    }

    /// `who`'s balance of `token`.
    pub fn balance(&mut self, token: &Address, who: &Address) -> u128 {
        self.chain.query(token, "PSP22::balance_of", &args![who])
    }

    /// `trader` swaps `amount` on venue `venue` (WETH in if `asset_in`); returns the output.
    pub fn swap(&mut self, trader: &Address, venue: usize, asset_in: bool, amount: u128) -> u128 {
        let pool = self.venues[venue].clone();
        let r: Result<u128, VenueError> = self.chain.call(trader, &pool, "swap", &args![asset_in, amount, 0u128, NEVER]);
        r.expect("swap")
    }

    /// A trader funded with WETH and TOKE, allowed to trade on every venue.
    pub fn trader(&mut self, name: &str, weth: u128, toke: u128) -> Address {
        let trader = self.chain.user(name);
        self.mint_weth(&trader, weth);
        self.give_toke(&trader, toke);
        let (weth_addr, toke_addr) = (self.weth.clone(), self.toke.clone());
        for pool in self.venues.clone() {
            self.approve(&trader, &weth_addr, &pool);
            self.approve(&trader, &toke_addr, &pool);
        }
        trader
    }
}

impl Suite {
    /// Deploys LD staking, registers the reactor with it and makes it the reactor's source of
    /// LD stake, votes and LD rewards.
    pub fn add_staking(&mut self) -> Address {
        let (admin, toke, reactor) = (self.admin.clone(), self.toke.clone(), self.reactor.clone());
        let staking = self.chain.deploy(&admin, "ld_staking", "new", &args![toke], vec![]);
        let r: Result<(), laas_traits::StakeError> = self.chain.call(&admin, &staking, "add_reactor", &args![reactor]);
        r.expect("register the reactor");
        self.admin_call("set_collateral", args![Raw(format!("Source({staking})"))]).expect("collateral source");
        self.staking = Some(staking.clone());
        staking
    }

    /// Deploys a pricer venue for the reactor's inventory, referenced to the first AMM venue
    /// (±2% band, 30% of the spread to the pricer), appoints `pricer`, and appends it to
    /// `self.venues` (weights unchanged).
    pub fn add_pricer(&mut self, pricer: &Address) -> Address {
        let (admin, weth, toke, amm, reactor) = (self.admin.clone(), self.weth.clone(), self.toke.clone(), self.venues[0].clone(), self.reactor.clone());
        let params = Raw(String::from("Params { band_bps: 200, pricer_share_bps: 3000 }"));
        let venue = self.chain.deploy(&admin, "venue_pricer", "new", &args![weth, toke, amm, reactor, params], vec![]);
        let r: Result<(), laas_traits::AccessError> =
            self.chain.call(&admin, &venue, "AccessControl::set_role", &args![Raw(String::from("Pricer")), pricer, true]);
        r.expect("appoint the pricer");
        self.venues.push(venue.clone());
        venue
    }

    /// `ld` receives `amount` TOKE and stakes it in the reactor.
    pub fn stake(&mut self, ld: &Address, amount: u128) -> Result<(), laas_traits::StakeError> {
        let (staking, toke, reactor) = (self.staking.clone().expect("staking added"), self.toke.clone(), self.reactor.clone());
        self.give_toke(ld, amount);
        self.approve(ld, &toke, &staking);
        self.chain.call(ld, &staking, "stake", &args![reactor, amount])
    }

    /// `ld` votes `allocation` (venue index in `self.venues`, bps) for the reactor.
    pub fn vote(&mut self, ld: &Address, allocation: &[(usize, u16)]) -> Result<(), laas_traits::StakeError> {
        let (staking, reactor) = (self.staking.clone().expect("staking added"), self.reactor.clone());
        let items: Vec<String> = allocation.iter().map(|(i, bps)| format!("({}, {bps})", self.venues[*i])).collect();
        self.chain.call(ld, &staking, "vote", &args![reactor, Raw(format!("[{}]", items.join(", ")))])
    }
}

/// `n` weights adding up to 10,000 bps, the first taking the remainder.
pub fn equal_weights(n: usize) -> Vec<u16> {
    if n == 0 {
        return Vec::new();
    }
    let each = 10_000 / u16::try_from(n).expect("few venues");
    let mut weights = vec![each; n];
    weights[0] += 10_000 - each * u16::try_from(n).expect("few venues");
    weights
}
