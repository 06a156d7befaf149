// The suite's contracts, typed by their generated bindings (./bindings, from abi/ by
// scripts/client.sh gen): `contract(client, 'primary_pool', metadata, address)` is a dedot
// `Contract` whose queries, transactions and events carry the contract's own types.

import { Contract } from 'dedot/contracts';
import type { LegacyClient } from 'dedot';
import type { DaoContractApi } from './bindings/dao/index.js';
import type { LayerPoolContractApi } from './bindings/layer-pool/index.js';
import type { LdStakingContractApi } from './bindings/ld-staking/index.js';
import type { PolicyNftContractApi } from './bindings/policy-nft/index.js';
import type { PositionRegistryContractApi } from './bindings/position-registry/index.js';
import type { PrimaryPoolContractApi } from './bindings/primary-pool/index.js';
import type { ReactorContractApi } from './bindings/reactor/index.js';
import type { TassetContractApi } from './bindings/tasset/index.js';
import type { TassetBooksContractApi } from './bindings/tasset-books/index.js';
import type { TassetFactoryContractApi } from './bindings/tasset-factory/index.js';
import type { TermPositionContractApi } from './bindings/term-position/index.js';
import type { TestAssetContractApi } from './bindings/test-asset/index.js';
import type { TokeContractApi } from './bindings/toke/index.js';
import type { VenueAmmContractApi } from './bindings/venue-amm/index.js';
import type { VenuePricerContractApi } from './bindings/venue-pricer/index.js';

/** Every contract of the suite by its name in abi/ (`<name>.json`), with its typed API. */
export interface Suite {
  dao: DaoContractApi;
  layer_pool: LayerPoolContractApi;
  ld_staking: LdStakingContractApi;
  policy_nft: PolicyNftContractApi;
  position_registry: PositionRegistryContractApi;
  primary_pool: PrimaryPoolContractApi;
  reactor: ReactorContractApi;
  tasset: TassetContractApi;
  tasset_books: TassetBooksContractApi;
  tasset_factory: TassetFactoryContractApi;
  term_position: TermPositionContractApi;
  test_asset: TestAssetContractApi;
  toke: TokeContractApi;
  venue_amm: VenueAmmContractApi;
  venue_pricer: VenuePricerContractApi;
}

/** A contract's name in abi/. */
export type ContractName = keyof Suite;

/**
 * A typed handle on the `name` contract at `address`, read with its ABI (`abi/<name>.json`).
 * For a tAsset's views (served by its books code) use `tasset_books` at the tAsset's address.
 */
export function contract<K extends ContractName>(client: LegacyClient, name: K, metadata: string | object, address: string): Contract<Suite[K]> {
  void name;
  return new Contract<Suite[K]>(client, metadata as never, address);
}
