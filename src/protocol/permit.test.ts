import { recoverTypedDataAddress, domainSeparator, type Address, type Hex } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { DEV_MNEMONIC } from "./devAccounts.ts";
import {
  PERMIT_LIFETIME_SECONDS,
  permitDeadline,
  permitSignatureParts,
  permitTypedData,
  readPermitDomain,
  type TokenReader,
} from "./permit.ts";

const owner = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: 3 });
const token: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const market: Address = "0x4c5859f0F772848b2D91F1D83E2Fe57935348029";
const domain = { name: "FedPay Demo Dollar", version: "1", chainId: 31337, verifyingContract: token };

/** A token's answers to the reads readPermitDomain makes; a missing entry reverts, as a missing function does. */
function tokenAnswering(answers: Record<string, unknown>): TokenReader {
  return {
    readContract: (async ({ functionName }: { functionName: string }) => {
      if (!(functionName in answers)) throw new Error(`execution reverted: no ${functionName}`);
      return answers[functionName];
    }) as never,
  };
}

describe("the permit's typed data", () => {
  it("is EIP-2612's Permit for exactly the amount, signed by the owner", async () => {
    const message = {
      owner: owner.address,
      spender: market,
      value: 12_100_000_001n,
      nonce: 0n,
      deadline: 1_000n,
    };
    const typedData = permitTypedData(domain, message);
    expect(typedData.primaryType).toBe("Permit");
    expect(typedData.types.Permit.map((f) => f.name)).toEqual([
      "owner",
      "spender",
      "value",
      "nonce",
      "deadline",
    ]);
    const signature = await owner.signTypedData(typedData);
    expect(await recoverTypedDataAddress({ ...typedData, signature })).toBe(owner.address);
    // Another amount is another message: the signature does not carry over.
    const other = permitTypedData(domain, { ...message, value: message.value + 1n });
    expect(await recoverTypedDataAddress({ ...other, signature })).not.toBe(owner.address);
  });

  it("splits the signature into v, r, s with v 27 or 28", async () => {
    const signature = await owner.signTypedData(
      permitTypedData(domain, { owner: owner.address, spender: market, value: 1n, nonce: 7n, deadline: 9n }),
    );
    const { v, r, s } = permitSignatureParts(signature);
    expect([27, 28]).toContain(v);
    expect(`${r}${s.slice(2)}${v.toString(16)}`).toBe(signature);
  });

  it("expires an hour after the chain's own clock", () => {
    expect(PERMIT_LIFETIME_SECONDS).toBe(3_600n);
    expect(permitDeadline(1_700_000_000n)).toBe(1_700_003_600n);
  });
});

describe("the token's signing domain", () => {
  const separator = (d: Parameters<typeof domainSeparator>[0]["domain"]) =>
    domainSeparator({ domain: d }) as Hex;

  it("takes EIP-5267 eip712Domain() where the token has it (USDC signs version 2)", async () => {
    const usdc = { name: "USD Coin", version: "2", chainId: 31337, verifyingContract: token };
    const found = await readPermitDomain(
      tokenAnswering({
        nonces: 0n,
        DOMAIN_SEPARATOR: separator(usdc),
        eip712Domain: ["0x0f", "USD Coin", "2", 31337n, token, `0x${"00".repeat(32)}`, []],
      }),
      token,
      31337,
    );
    expect(found).toEqual(usdc);
  });

  it("else tries name() with version 1 and 2 against DOMAIN_SEPARATOR", async () => {
    const v2 = { name: "Old Coin", version: "2", chainId: 31337, verifyingContract: token };
    const found = await readPermitDomain(
      tokenAnswering({ nonces: 0n, DOMAIN_SEPARATOR: separator(v2), name: "Old Coin" }),
      token,
      31337,
    );
    expect(found).toEqual(v2);
  });

  it("finds none for a token without nonces, or whose separator matches no domain it can build", async () => {
    expect(
      await readPermitDomain(tokenAnswering({ name: "Plain", DOMAIN_SEPARATOR: "0x01" }), token, 1),
    ).toBe(undefined);
    expect(
      await readPermitDomain(
        tokenAnswering({ nonces: 0n, DOMAIN_SEPARATOR: `0x${"ab".repeat(32)}`, name: "Odd" }),
        token,
        31337,
      ),
    ).toBe(undefined);
  });
});
