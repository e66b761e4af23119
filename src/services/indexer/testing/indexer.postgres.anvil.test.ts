// @vitest-environment node
// The same tests on a real PostgreSQL server (Debian's postgresql package; .ci/run installs it).
import { describe, it } from "vitest";
import { indexerSuite, postgresAvailable } from "./suite.ts";

if (postgresAvailable()) indexerSuite("postgres");
else
  describe("the indexer on postgres", () => {
    it.skip("needs PostgreSQL (apt-get install -y postgresql)", () => undefined);
  });
