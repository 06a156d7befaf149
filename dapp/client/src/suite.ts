// The deployed suite as one object: its contracts by the deployment's names, typed by their
// bindings; reads that return the message's `Ok` value; transactions that dry-run first and
// decode every contract's events from the including block.

import type { LegacyClient } from 'dedot';
import type { IEventRecord } from 'dedot/types';
import { Contract } from 'dedot/contracts';
import { connect, chainOf, type Chain } from './chain.js';
import { contract as typed, type ContractName, type Suite } from './contracts.js';
import { loadAbis, loadDeployment, type Deployment, type Entry } from './deployments.js';
import { DeploymentError } from './errors.js';
import { DEFAULT_WAIT, dryRun, send, type Callable, type Included, type Wait } from './tx.js';

/** A message name of contract kind `K`. */
export type Message<K extends ContractName> = keyof Suite[K]['query'] & string;
type Fn<K extends ContractName, M extends Message<K>> = Suite[K]['query'][M];
/** The arguments of message `M` (its options excluded). */
export type Args<K extends ContractName, M extends Message<K>> = Fn<K, M> extends (...a: infer P) => unknown ? DropOptions<P> : never;
type DropOptions<P extends unknown[]> = P extends [...infer A, (infer _O)?] ? (A extends unknown[] ? A : never) : P;
/** Message `M`'s `Ok` value (its return value if it returns no `Result`). */
export type Returns<K extends ContractName, M extends Message<K>> = Fn<K, M> extends (...a: never[]) => Promise<{ data: infer D }> ? OkOf<D> : unknown;
type OkOf<D> = D extends { isOk: true; value: infer T } ? T : D extends { isErr: true } ? never : D;

/** A contract event decoded with the ABI of the contract that emitted it. */
export interface SuiteEvent {
  /** The deployment's name of the emitting contract (`tweth`). */
  contract: string;
  /** The event's name (`Deposited`). */
  name: string;
  /** Its fields. */
  data: unknown;
}

/** Who signs: an account with an address (a keyring pair, see `devSigner`). */
export interface Signer {
  address: string;
}

/** Where the suite is and how to reach it. */
export interface OpenOptions {
  /** The chain's WebSocket endpoint (`ws://127.0.0.1:9944`). */
  url: string;
  /** The deploy tool's output directory (`deployments`). */
  deployments: string;
  /** The network name the deploy tool used (`local`). */
  network: string;
  /** The ABI directory (`abi`). */
  abi: string;
  wait?: Wait;
}

export class Laas {
  private readonly handles = new Map<string, Contract<never>>();
  private readonly byAddress = new Map<string, string>();

  constructor(
    /** The connected client. */
    readonly client: LegacyClient,
    /** The deployed contracts by name. */
    readonly deployment: Deployment,
    /** The ABIs by contract kind. */
    readonly abis: Record<string, object>,
    /** The chain as transactions use it (a test may pass its own). */
    readonly chain: Chain = chainOf(client),
    readonly wait: Wait = DEFAULT_WAIT,
  ) {
    for (const [name, entry] of Object.entries(deployment)) this.byAddress.set(entry.address, name);
  }

  /** Connects to `url` and reads the deployment and its ABIs. */
  static async open(options: OpenOptions): Promise<Laas> {
    const deployment = await loadDeployment(options.deployments, options.network);
    const abis = await loadAbis(options.abi, deployment);
    const client = await connect(options.url);
    return new Laas(client, deployment, abis, chainOf(client), options.wait ?? DEFAULT_WAIT);
  }

  async disconnect(): Promise<void> {
    await this.client.disconnect();
  }

  /** The deployment's entry `name`. */
  entry(name: string): Entry {
    const entry = this.deployment[name];
    if (!entry) throw new DeploymentError(`the deployment has no contract named "${name}" (it has ${Object.keys(this.deployment).join(', ')})`);
    return entry;
  }

  /** `name`'s address. */
  address(name: string): string {
    return this.entry(name).address;
  }

  /**
   * The contract `name`, typed as `kind`; it must be deployed as that kind (a tAsset's views,
   * served by its books code, are `tasset_books` at the tAsset's address).
   */
  contract<K extends ContractName>(name: string, kind: K): Contract<Suite[K]> {
    const entry = this.entry(name);
    const fits = entry.contract === kind || (kind === 'tasset_books' && entry.contract === 'tasset');
    if (!fits) throw new DeploymentError(`${name} is a ${entry.contract}, not a ${kind}`);
    const key = `${name}:${kind}`;
    let handle = this.handles.get(key);
    if (!handle) {
      const abi = this.abis[kind];
      if (!abi) throw new DeploymentError(`no ABI loaded for ${kind}`);
      handle = typed(this.client, kind, abi, entry.address) as unknown as Contract<never>;
      this.handles.set(key, handle);
    }
    return handle as unknown as Contract<Suite[K]>;
  }

  /** Reads `message` of `name` (a dry run as `caller`, by default the contract itself). */
  async read<K extends ContractName, M extends Message<K>>(name: string, kind: K, message: M, args: Args<K, M>, caller?: string): Promise<Returns<K, M>> {
    const handle = this.contract(name, kind) as unknown as Callable;
    const { value } = await dryRun(name, handle, message, args as unknown[], caller ?? this.address(name));
    return value as Returns<K, M>;
  }

  /** Sends `message` of `name` signed by `signer`: dry run first, then the block's events. */
  async send<K extends ContractName, M extends Message<K> & keyof Suite[K]['tx']>(
    signer: Signer,
    name: string,
    kind: K,
    message: M,
    args: Args<K, M>,
  ): Promise<Included<Returns<K, M>> & { events: SuiteEvent[] }> {
    const handle = this.contract(name, kind) as unknown as Callable;
    const included = await send(this.chain, name, handle, message, args as unknown[], signer, this.wait);
    return { ...(included as Included<Returns<K, M>>), events: this.decodeEvents(included.records) };
  }

  /** The suite's contract events among `records`, decoded with each emitter's ABI. */
  decodeEvents(records: IEventRecord[]): SuiteEvent[] {
    const events: SuiteEvent[] = [];
    for (const record of records) {
      const e = record.event as { pallet?: string; palletEvent?: { name?: string; data?: { contract?: { address(): string } } } };
      if (e.pallet !== 'Contracts' || e.palletEvent?.name !== 'ContractEmitted') continue;
      const address = e.palletEvent.data?.contract?.address();
      const name = address ? this.byAddress.get(address) : undefined;
      if (!name) continue;
      const kind = this.entry(name).contract as ContractName;
      // A tAsset's books code emits the manager's events under the tAsset's address.
      const kinds: ContractName[] = kind === 'tasset' ? ['tasset', 'tasset_books'] : [kind];
      for (const k of kinds) {
        try {
          const decoded = this.contract(name, k).decodeEvent(record) as { name: string; data?: unknown };
          events.push({ contract: name, name: decoded.name, data: decoded.data });
          break;
        } catch {
          // not this ABI's event: try the next
        }
      }
    }
    return events;
  }
}
