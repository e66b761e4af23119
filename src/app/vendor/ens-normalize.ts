// Stands in for `@adraffy/ens-normalize` (vite.config.ts aliases it here). ENS lives on Ethereum
// mainnet, which the app never configures: RainbowKit's only use (the avatar of a mainnet ENS name)
// is disabled without mainnet and already treats a throw as "no name". The package's Unicode tables
// added ~20 kB gzip to every page's first load.

export function ens_normalize(): string {
  throw new Error("ENS names are not supported: the app does not use Ethereum mainnet.");
}
