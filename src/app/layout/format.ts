/** 0x1234…abcd: enough to recognise an address in a header. */
export function shortAddress(address: string): string {
  return `${address.slice(0, 6)}…${address.slice(-4)}`;
}
