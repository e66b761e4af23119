import type { Address } from "viem";

/**
 * Anvil's well-known dev accounts (mnemonic "test test … junk", m/44'/60'/0'/0/i) and the part each
 * plays in the demo the seed script builds. Public test keys: never use them on a real chain.
 * The order matters: index i is anvil's account i (anvil is started with 20 accounts).
 */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";

/** The local chain's id (anvil's and Hardhat's): where these accounts, the dev wallet and the demo live. */
export const LOCAL_CHAIN_ID = 31337;
/**
 * What the deploy script's --demo-token mints to each dev account, in whole tokens of the demo stablecoin
 * (anvil gives each 10,000 ETH as well, for gas).
 */
export const DEMO_TOKENS_PER_ACCOUNT = "10000";

/** Where `npm start` serves the local chain. */
export const LOCAL_RPC_URL = "http://127.0.0.1:8545";

export type DemoRole = "admin" | "gds" | "qc" | "do" | "mpc" | "spare";

export interface DevAccount {
  index: number;
  address: Address;
  role: DemoRole;
  /** What the header and the start banner call it, e.g. "DO 3". */
  label: string;
}

const addresses: readonly Address[] = [
  "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
  "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC",
  "0x90F79bf6EB2c4f870365E785982E1f101E93b906",
  "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
  "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc",
  "0x976EA74026E726554dB657fA54763abd0C3a0aa9",
  "0x14dC79964da2C08b23698B3D3cc7Ca32193d9955",
  "0x23618e81E3f5cdF7f54C3d65f7FBc0aBf5B21E8f",
  "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720",
  "0xBcd4042DE499D14e55001CcbB24a551F3b954096",
  "0x71bE63f3384f5fb98995898A86B02Fb2426c5788",
  "0xFABB0ac9d68B0B445fB7357272Ff202C5651694a",
  "0x1CBd3b2770909D4e10f157cABC84C7264073C9Ec",
  "0xdF3e18d64BC6A983f673Ab319CCaE4f1a57C7097",
  "0xcd3B766CCDd6AE721141F452C550Ca635964ce71",
  "0x2546BcD3c84621e976D8185a91A922aE77ECEc30",
  "0xbDA5747bFD65F08deb54cb465eB87D40e51B197E",
  "0xdD2FD4581271e230360230F9337D5c0430Bf44C0",
  "0x8626f6940E2eb28930eFb4CeF49B2d1F2C9C1199",
];

/** Which demo part each index plays: 0 admin, 1 GDS, 2–3 QCs, 4–8 DOs, 9–11 MPCs, 12–19 spare. */
function roleOf(index: number): { role: DemoRole; label: string } {
  if (index === 0) return { role: "admin", label: "Admin" };
  if (index === 1) return { role: "gds", label: "GDS" };
  if (index <= 3) return { role: "qc", label: `QC ${index - 1}` };
  if (index <= 8) return { role: "do", label: `DO ${index - 3}` };
  if (index <= 11) return { role: "mpc", label: `MPC ${index - 8}` };
  return { role: "spare", label: `Spare ${index - 11}` };
}

export const devAccounts: readonly DevAccount[] = addresses.map((address, index) => ({
  index,
  address,
  ...roleOf(index),
}));

export const ANVIL_ACCOUNT_COUNT = addresses.length;

export function devAccountsWithRole(role: DemoRole): DevAccount[] {
  return devAccounts.filter((a) => a.role === role);
}

/** The dev account with this address (any case), if it is one. */
export function findDevAccount(address: string | undefined): DevAccount | undefined {
  if (!address) return undefined;
  const lower = address.toLowerCase();
  return devAccounts.find((a) => a.address.toLowerCase() === lower);
}
