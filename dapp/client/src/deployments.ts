// What the deploy tool recorded (`deployments/<network>.json`: `{ name: { contract, address,
// code_hash } }`) and the ABIs of the contracts it names (`abi/<contract>.json`).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeploymentError } from './errors.js';

/** One deployed contract. */
export interface Entry {
  /** Its ABI's name (`tasset`): `abi/<contract>.json`. */
  contract: string;
  /** Its address, SS58. */
  address: string;
  /** Its code hash, `0x` and 64 hex digits. */
  code_hash: string;
}

/** Contracts by the deployment's name for them (`tweth`, `cover_pool`). */
export type Deployment = Record<string, Entry>;

const SS58 = /^[1-9A-HJ-NP-Za-km-z]{46,48}$/;
const HASH = /^0x[0-9a-fA-F]{64}$/;
const NAME = /^[a-z][a-z0-9_]*$/;

/** Checks a deployment record's text; `source` names it in errors. */
export function parseDeployment(text: string, source: string): Deployment {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new DeploymentError(`${source} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    throw new DeploymentError(`${source} is not a deployment record (expected an object of contracts)`);
  }
  const out: Deployment = {};
  for (const [name, value] of Object.entries(json as Record<string, unknown>)) {
    const e = value as Partial<Entry> | null;
    if (!NAME.test(name)) throw new DeploymentError(`${source}: "${name}" is not a contract name`);
    if (!e || typeof e !== 'object') throw new DeploymentError(`${source}: ${name} is not an entry`);
    if (typeof e.contract !== 'string' || !NAME.test(e.contract)) throw new DeploymentError(`${source}: ${name} has no contract name`);
    if (typeof e.address !== 'string' || !SS58.test(e.address)) throw new DeploymentError(`${source}: ${name} has no SS58 address`);
    if (typeof e.code_hash !== 'string' || !HASH.test(e.code_hash)) throw new DeploymentError(`${source}: ${name} has no code hash`);
    out[name] = { contract: e.contract, address: e.address, code_hash: e.code_hash };
  }
  return out;
}

/** Reads `<dir>/<network>.json` as the deploy tool wrote it. */
export async function loadDeployment(dir: string, network: string): Promise<Deployment> {
  const file = join(dir, `${network}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new DeploymentError(`no deployment record at ${file}: deploy the suite first (laas-deploy --network ${network})`);
  }
  return parseDeployment(text, file);
}

/** The ABIs (`<dir>/<contract>.json`) of every contract `deployment` names, by contract. */
export async function loadAbis(dir: string, deployment: Deployment): Promise<Record<string, object>> {
  const names = new Set(Object.values(deployment).map((e) => e.contract));
  // A tAsset's views are served by its books code, whose ABI goes with it.
  if (names.has('tasset')) names.add('tasset_books');
  const abis: Record<string, object> = {};
  for (const name of names) {
    const file = join(dir, `${name}.json`);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new DeploymentError(`no ABI for ${name} at ${file}`);
    }
    try {
      abis[name] = JSON.parse(text) as object;
    } catch (e) {
      throw new DeploymentError(`${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return abis;
}
