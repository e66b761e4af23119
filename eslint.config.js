import js from "@eslint/js";
import globals from "globals";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// The rooms of docs/architecture.md and which way their imports run. A pattern is matched against the
// import's text (a relative path or a package name), so each names the folders a room must not reach.
const tools = {
  regex: "(^|/)(scripts|e2e)/",
  message: "Product code never imports a tool (scripts/, e2e/).",
};
const app = { regex: "(^|/)app/", message: "Only the app imports the app." };
const services = { regex: "(^|/)services/", message: "Only the services import the services." };
const otherServices = {
  // A sibling service ("../indexer/…"), not a folder of that name elsewhere (src/app/indexer).
  regex: "(^|\\.\\./|services/)(gds-watcher|node-agent|indexer)/",
  message: "Services share code only through src/services/shared, which imports none of them.",
};
const protocolPackages = {
  regex: "^(?!viem(/|$)|\\.)",
  message: "src/protocol imports only viem and itself (no React, no Node, no other package).",
};
const nodeModules = {
  regex:
    "^(node:|(fs|path|os|child_process|net|http|https|crypto|url|util|stream|events|readline|worker_threads)(/|$))",
  message: "Browser code cannot use Node's modules.",
};
/**
 * Node's globals in browser code. tsc cannot catch them in the app: RainbowKit's wallet connectors
 * reference @types/node from their own declarations, so Node's types leak into any program using them.
 */
const nodeGlobals = ["process", "Buffer", "global", "__dirname", "__filename", "require", "module"].map(
  (name) => ({ name, message: "Browser code runs without Node's globals." }),
);
/** Tests and test helpers (a testing/ folder) may import tools, e.g. scripts/lib/anvil.ts. */
const tests = ["**/*.test.{ts,tsx}", "**/testing/**"];
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  {
    ignores: [
      "dist",
      "node_modules",
      "contracts/artifacts",
      "contracts/cache",
      "contracts/typechain-types",
      "src/protocol/generated",
      "test-results",
      "playwright-report",
      ".data",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    files: [
      "src/services/**/*.ts",
      "scripts/**/*.ts",
      "e2e/**/*.ts",
      "contracts/**/*.cts",
      "*.config.{js,ts}",
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ["src/protocol/**/*.ts"],
    ignores: tests,
    rules: {
      ...restrict(tools, app, services, protocolPackages),
      "no-restricted-globals": ["error", ...nodeGlobals],
    },
  },
  // The protocol's own tests too: src/protocol depends on nothing above it (tests needing a deployed
  // market live with the tools, scripts/protocol-chain/).
  { files: tests.map((glob) => `src/protocol/${glob}`), rules: restrict(tools, app, services) },
  {
    files: ["src/app/**/*.{ts,tsx}"],
    ignores: tests,
    rules: { ...restrict(tools, services, nodeModules), "no-restricted-globals": ["error", ...nodeGlobals] },
  },
  { files: ["src/services/**/*.ts"], ignores: tests, rules: restrict(tools, app, otherServices) },
  // A service's own tests may use tools, never the app or another service.
  { files: tests.map((glob) => `src/services/${glob}`), rules: restrict(app, otherServices) },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
