// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";

/// @title SettlementToken
/// @notice The 6-decimal ERC-20 that local and test chains settle in. A production deployment
/// points the distributor at a real stable token instead; nothing else depends on this contract.
contract SettlementToken is ERC20, Ownable {
    constructor(string memory name_, string memory symbol_, address owner_)
        ERC20(name_, symbol_)
        Ownable(owner_)
    {}

    /// @notice Amounts are integers in the smallest unit: 1_250_000 is 1.25 tokens.
    function decimals() public pure override returns (uint8) {
        return 6;
    }

    /// @notice Only the owner mints, so a test chain's supply is exactly what its setup minted.
    function mint(address to, uint256 amount) external onlyOwner {
        _mint(to, amount);
    }
}
