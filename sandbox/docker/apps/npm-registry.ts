/**
 * The offline npm registry `npm install` resolves from. Each entry stands for the package and its
 * whole dependency tree: the sandbox writes the package itself under node_modules (so the layer
 * really changes and `require` finds it) and counts the rest, as npm's summary line does.
 */
export interface NpmPackage {
  name: string;
  version: string;
  /** How many packages npm adds for it, the package included (express 4.21.2 pulls in 64 more). */
  treeSize: number;
}

export const NPM_REGISTRY: NpmPackage[] = [
  { name: 'express', version: '4.21.2', treeSize: 65 },
  { name: 'cors', version: '2.8.5', treeSize: 3 },
  { name: 'dotenv', version: '16.4.7', treeSize: 1 },
  { name: 'morgan', version: '1.10.0', treeSize: 11 },
];

/** `express`, `express@4`, `express@^4.21.2` → the registry entry (only its one version exists). */
export function findNpmPackage(spec: string): NpmPackage | undefined {
  const name = spec.startsWith('@') ? '@' + spec.slice(1).split('@')[0] : spec.split('@')[0];
  return NPM_REGISTRY.find((p) => p.name === name.toLowerCase());
}
