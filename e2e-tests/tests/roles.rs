//! Roles: every contract lists who holds what with the same `roles()` query, and the admin
//! can re-point or remove every role, so a handover can leave the deployer with nothing —
//! shown on chain by reading every contract's `roles()`.

use drink::Ss58Codec;
use laas_e2e_tests::suite::{Suite, E18};
use laas_e2e_tests::{args, args::Raw, ink_id, Address};
use laas_traits::{AccessError, Role};
use reactor::reactor::ReactorError;

type Holders = Vec<(Role, ink::primitives::AccountId)>;

fn set_role(s: &mut Suite, caller: &Address, contract: &Address, role: &str, account: &Address, granted: bool) -> Result<(), AccessError> {
    s.chain.call(caller, contract, "AccessControl::set_role", &args![Raw(String::from(role)), account, granted])
}

#[test]
fn a_handover_re_points_every_role_and_leaves_the_deployer_nothing() {
    let (mut s, signers) = Suite::from_manifest(&mut |_| {}).expect("the manifest deploys");
    let signer = |name: &str| Address::from_ss58check(&signers.get(name).expect("signer").address).expect("address");
    let (deployer, treasury, pricer, guardian) = (s.admin.clone(), signer("treasury"), signer("pricer"), signer("guardian"));
    let (dao, council, keeper) = (s.chain.user("dao"), s.chain.user("council"), s.chain.user("keeper"));
    let staking = s.staking.clone().expect("staking");
    let (amm, pricer_venue) = (s.venues[0].clone(), s.venues[1].clone());
    let registry = s.registry.clone();
    let governed = [amm.clone(), pricer_venue.clone(), s.factory.clone(), s.reactor.clone(), staking.clone(), registry.clone()];

    // As deployed: the deployer is admin everywhere, the guardian guards, the reactor's
    // treasury and LD recipient, the pricer and the bound contracts are listed.
    let r: Result<(), AccessError> = set_role(&mut s, &deployer, &staking, "Depositor", &deployer, true);
    r.unwrap();
    let reactor_roles: Holders = s.chain.query(&s.reactor.clone(), "Roles::roles", &args![]);
    assert_eq!(
        reactor_roles,
        vec![
            (Role::Admin, ink_id(&deployer)),
            (Role::Guardian, ink_id(&guardian)),
            (Role::Treasury, ink_id(&treasury)),
            (Role::LdRecipient, ink_id(&treasury)),
            (Role::Pool, ink_id(&s.tasset)),
            (Role::Registry, ink_id(&registry)),
        ]
    );
    // The position registry: its treasury receives slashed reporter bonds; the factory
    // registers the tAssets it creates.
    let registry_roles: Holders = s.chain.query(&registry, "Roles::roles", &args![]);
    assert_eq!(
        registry_roles,
        vec![(Role::Admin, ink_id(&deployer)), (Role::Guardian, ink_id(&guardian)), (Role::Treasury, ink_id(&treasury)), (Role::Registrar, ink_id(&s.factory))]
    );
    let pricer_roles: Holders = s.chain.query(&pricer_venue, "Roles::roles", &args![]);
    assert_eq!(
        pricer_roles,
        vec![(Role::Admin, ink_id(&deployer)), (Role::Guardian, ink_id(&guardian)), (Role::Pricer, ink_id(&pricer)), (Role::Reactor, ink_id(&s.reactor))]
    );
    let staking_roles: Holders = s.chain.query(&staking, "Roles::roles", &args![]);
    assert!(staking_roles.contains(&(Role::Depositor, ink_id(&deployer))) && staking_roles.contains(&(Role::Reactor, ink_id(&s.reactor))));
    let token_roles: Holders = s.chain.query(&s.toke.clone(), "Roles::roles", &args![]);
    assert!(token_roles.is_empty(), "TOKE is immutable and has no roles");
    let tasset_roles: Holders = s.chain.query(&s.tasset.clone(), "Roles::roles", &args![]);
    assert_eq!(tasset_roles, vec![(Role::Manager, ink_id(&s.reactor))]);

    // Roles that must always have a holder cannot be removed, bound contracts cannot be moved,
    // and nobody but the admin sets roles.
    let reactor = s.reactor.clone();
    assert_eq!(set_role(&mut s, &deployer, &reactor, "Treasury", &treasury, false), Err(AccessError::RoleRequired));
    assert_eq!(set_role(&mut s, &deployer, &reactor, "Pool", &keeper, true), Err(AccessError::FixedRole));
    assert_eq!(set_role(&mut s, &deployer, &pricer_venue, "Reactor", &keeper, true), Err(AccessError::FixedRole));
    assert_eq!(set_role(&mut s, &deployer, &amm, "Pricer", &keeper, true), Err(AccessError::UnknownRole));
    assert_eq!(set_role(&mut s, &deployer, &amm, "Admin", &keeper, true), Err(AccessError::FixedRole));
    assert_eq!(set_role(&mut s, &treasury, &reactor, "Treasury", &treasury, true), Err(AccessError::NotAdmin));
    assert_eq!(set_role(&mut s, &guardian, &staking, "Guardian", &keeper, true), Err(AccessError::NotAdmin));

    // The handover: the DAO becomes admin of every governed contract in two steps, then
    // re-points the guardian to its council, the treasury and LD recipient to itself, and
    // removes the deployer's depositor role. The pricer stays: it is the market maker, not the
    // deployer.
    for contract in &governed {
        let r: Result<(), AccessError> = s.chain.call(&deployer, contract, "AccessControl::propose_admin", &args![Some(dao.clone())]);
        r.unwrap();
        let r: Result<(), AccessError> = s.chain.call(&dao, contract, "AccessControl::accept_admin", &args![]);
        r.unwrap();
        set_role(&mut s, &dao, contract, "Guardian", &council, true).unwrap();
    }
    set_role(&mut s, &dao, &reactor, "Treasury", &dao, true).unwrap();
    set_role(&mut s, &dao, &reactor, "LdRecipient", &dao, true).unwrap();
    set_role(&mut s, &dao, &registry, "Treasury", &dao, true).unwrap();
    set_role(&mut s, &dao, &staking, "Depositor", &deployer, false).unwrap();
    assert_eq!(set_role(&mut s, &dao, &staking, "Depositor", &deployer, false), Err(AccessError::NotHolder));

    // On chain, the deployer and the old treasury hold nothing anywhere.
    for contract in governed.iter().chain([&s.toke.clone(), &s.tasset.clone()]) {
        let holders: Holders = s.chain.query(contract, "Roles::roles", &args![]);
        for gone in [&deployer, &treasury, &guardian] {
            assert!(!holders.iter().any(|(_, who)| *who == ink_id(gone)), "{gone} still holds {holders:?}");
        }
    }
    // And it shows: the old admin and treasury are refused, the new ones act.
    let r: Result<(), ReactorError> = s.chain.call(&deployer, &reactor, "set_collateral", &args![Raw(String::from("Fixed(1)"))]);
    assert_eq!(r, Err(ReactorError::Access(AccessError::NotAdmin)));
    s.give_toke(&treasury, E18);
    let r: Result<(), ReactorError> = s.chain.call(&treasury, &reactor, "place_pcv", &args![0u128, E18]);
    assert_eq!(r, Err(ReactorError::NotTreasury));
    let r: Result<(), AccessError> = s.chain.call(&guardian, &amm, "AccessControl::pause", &args![]);
    assert_eq!(r, Err(AccessError::NotGuardian));
    let r: Result<(), AccessError> = s.chain.call(&council, &amm, "AccessControl::pause", &args![]);
    r.unwrap();
    let r: Result<(), AccessError> = s.chain.call(&council, &amm, "AccessControl::unpause", &args![]);
    assert_eq!(r, Err(AccessError::NotAdmin));
    let r: Result<(), AccessError> = s.chain.call(&dao, &amm, "AccessControl::unpause", &args![]);
    r.unwrap();
}
