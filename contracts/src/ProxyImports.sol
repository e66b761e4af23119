// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

// Makes Hardhat compile OpenZeppelin's ERC1967Proxy so that tests and deploy scripts can deploy the
// JobMarket behind it from this project's artifacts (artifact name "ERC1967Proxy").
// solhint-disable-next-line no-unused-import
import {ERC1967Proxy} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Proxy.sol";
