// @vitest-environment node
// The indexer on its default database, embedded PGlite: against a real anvil, see suite.ts.
import { indexerSuite } from "./suite.ts";

indexerSuite("pglite");
